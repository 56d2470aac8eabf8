//! Feedback after a session: the form behind an e-mailed link
//! (`/tilbagemelding/{token}`, once) and behind the room's QR sheet
//! (`/tilbagemelding/rum/{code}`, throttled, open from the start until some
//! days after); the staff's results per session and programme, and the
//! printable QR sheet.

use super::errors::PageError;
use super::{Chrome, Field, chrome, render};
use crate::http::{Ctx, FormData, StaffCtx};
use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_service::ServiceError;
use samvirke_service::feedback::{self as svc, Answered, FeedbackForm, Results, TEXT_MAX};

/// One step of the 1–5 scale.
pub struct Step {
    pub value: u8,
    pub label: String,
    pub face: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "feedback_form.html")]
struct FormPage {
    c: Chrome,
    title: String,
    date: String,
    action: String,
    steps: Vec<Step>,
    score_error: Option<String>,
    text: Field,
    text_max: usize,
    answered: bool,
}

#[derive(Template)]
#[template(path = "feedback_done.html")]
struct DonePage {
    c: Chrome,
    already: bool,
}

fn steps(ctx: &Ctx, chosen: &str) -> Vec<Step> {
    const FACES: [&str; 5] = ["😞", "🙁", "😐", "🙂", "😄"];
    (1..=5u8)
        .map(|n| Step {
            value: n,
            label: ctx.loc.t(&format!("feedback-score-{n}")),
            face: FACES[usize::from(n - 1)],
            checked: chosen == n.to_string(),
        })
        .collect()
}

/// Answers from one address to one room's form.
const ROOM_ANSWERS_PER_ADDRESS: u32 = 10;

static ROOM_LIMIT: std::sync::LazyLock<samvirke_service::throttle::RateLimit> =
    std::sync::LazyLock::new(|| {
        samvirke_service::throttle::RateLimit::new(
            Some(ROOM_ANSWERS_PER_ADDRESS),
            chrono::Duration::minutes(10),
        )
    });

fn valid_secret(s: &str) -> bool {
    (12..=100).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

async fn form_page(
    ctx: &Ctx,
    form: FeedbackForm,
    action: String,
    typed: Option<(&str, &str, &samvirke_domain::validate::FieldErrors)>,
) -> Result<Response, PageError> {
    let mut c = chrome(ctx, "feedback-heading", "").await?;
    let (score, text, errors) = match typed {
        Some((s, t, e)) => (s, t, Some(e)),
        None => ("", "", None),
    };
    let mut text = Field::new(text);
    if let Some(errors) = errors {
        c.set_errors(errors, &["score", "text"], |f| match f {
            "score" => "score-1".into(),
            _ => "text".into(),
        });
        text.error = errors.get("text").map(|p| ctx.loc.problem(p));
    }
    let score_error = errors
        .and_then(|e| e.get("score"))
        .map(|_| ctx.loc.t("feedback-score-required"));
    let status = if errors.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let date = ctx.loc.long_date(form.starts_at);
    Ok((
        status,
        render(&FormPage {
            c,
            title: form.title,
            date,
            action,
            steps: steps(ctx, score),
            score_error,
            text,
            text_max: TEXT_MAX,
            answered: form.answered,
        }),
    )
        .into_response())
}

/// The form of an e-mailed link; a used link says the answer came.
pub async fn invite(ctx: Ctx, Path(token): Path<String>) -> Result<Response, PageError> {
    if !valid_secret(&token) {
        return Err(ServiceError::NotFound.into());
    }
    let form = svc::invite_form(&ctx.state.core, &token).await?;
    form_page(&ctx, form, format!("/tilbagemelding/{token}"), None).await
}

pub async fn answer(
    ctx: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    if !valid_secret(&token) {
        return Err(ServiceError::NotFound.into());
    }
    let score = form.get("score");
    let text = form.get("text");
    match svc::answer_invite(&ctx.state.core, &token, score, text).await {
        Ok(Answered::Thanks) => Ok(Redirect::to("/tilbagemelding/tak").into_response()),
        Ok(Answered::AlreadyAnswered) => {
            Ok(Redirect::to("/tilbagemelding/tak?allerede=1").into_response())
        }
        Err(ServiceError::Invalid(errors)) => {
            let f = svc::invite_form(&ctx.state.core, &token).await?;
            form_page(
                &ctx,
                f,
                format!("/tilbagemelding/{token}"),
                Some((score, text, &errors)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The room's form, behind the QR sheet.
pub async fn room(ctx: Ctx, Path(code): Path<String>) -> Result<Response, PageError> {
    if !valid_secret(&code) {
        return Err(ServiceError::NotFound.into());
    }
    let (_, _, form) = svc::room_form(&ctx.state.core, &code).await?;
    form_page(&ctx, form, format!("/tilbagemelding/rum/{code}"), None).await
}

pub async fn room_answer(
    ctx: Ctx,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    if !valid_secret(&code) {
        return Err(ServiceError::NotFound.into());
    }
    let now = ctx.state.core.now();
    // A room shares one address (the library's Wi-Fi): the public limit
    // holds the address; this one, a phone posting again and again.
    let per_room = if ctx.state.cfg.rate_limit {
        ROOM_LIMIT.hit(&format!("{}:{code}", ctx.addr), now)
    } else {
        Ok(())
    };
    if let Err(wait) = per_room.and_then(|()| ctx.state.public_limit.hit(&ctx.addr, now)) {
        return Err(ServiceError::Throttled {
            retry_after_secs: wait,
        }
        .into());
    }
    let score = form.get("score");
    let text = form.get("text");
    match svc::answer_room(&ctx.state.core, &code, score, text).await {
        Ok(()) => Ok(Redirect::to("/tilbagemelding/tak").into_response()),
        Err(ServiceError::Invalid(errors)) => {
            let (_, _, f) = svc::room_form(&ctx.state.core, &code).await?;
            form_page(
                &ctx,
                f,
                format!("/tilbagemelding/rum/{code}"),
                Some((score, text, &errors)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn done(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let already = query.as_deref().is_some_and(|q| q.contains("allerede=1"));
    let c = chrome(
        &ctx,
        if already {
            "feedback-already-heading"
        } else {
            "feedback-thanks-heading"
        },
        "",
    )
    .await?;
    Ok(render(&DonePage { c, already }))
}

/// One line of the results: a score, how many, and its bar's width.
pub struct ScoreRow {
    pub label: String,
    pub count: i64,
}

#[derive(Template)]
#[template(path = "feedback_results.html")]
struct ResultsPage {
    c: Chrome,
    title: String,
    answers: i64,
    average: String,
    rows: Vec<ScoreRow>,
    chart: String,
    texts: Vec<(String, String)>,
    sheet: Option<String>,
}

fn results_page(
    ctx: &Ctx,
    c: Chrome,
    title: String,
    r: Results,
    sheet: Option<String>,
) -> Response {
    let answers: i64 = r.scores.iter().sum();
    let weighted: i64 = r.scores.iter().zip(1..).map(|(n, s)| n * s).sum();
    let average = if answers > 0 {
        let v = format!("{:.2}", weighted as f64 / answers as f64);
        match ctx.loc.lang {
            crate::i18n::Lang::Da => v.replace('.', ","),
            crate::i18n::Lang::En => v,
        }
    } else {
        "–".into()
    };
    let rows: Vec<ScoreRow> = (1..=5)
        .map(|s| ScoreRow {
            label: ctx.loc.t(&format!("feedback-score-{s}")),
            count: r.scores[s - 1],
        })
        .collect();
    let chart = super::reach::bars_chart(
        &ctx.loc.t("reach-chart-feedback"),
        &(1..=5)
            .map(|s| (s.to_string(), r.scores[s - 1]))
            .collect::<Vec<_>>(),
    );
    let texts = r
        .texts
        .into_iter()
        .map(|(s, t)| (ctx.loc.t(&format!("feedback-score-{s}")), t))
        .collect();
    render(&ResultsPage {
        c,
        title,
        answers,
        average,
        rows,
        chart,
        texts,
        sheet,
    })
}

/// A session's answers, for its staff.
pub async fn session_results(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (title, r) = svc::session_results(&ctx.state.core, &me.as_actor(), id).await?;
    let c = chrome(&ctx, "feedback-results-heading", "/sessions").await?;
    Ok(results_page(
        &ctx,
        c,
        title,
        r,
        Some(format!("/sessions/{id}/tilbagemelding/ark")),
    ))
}

/// A programme's answers over all its sessions.
pub async fn programme_results(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (title, r) = svc::programme_results(&ctx.state.core, &me.as_actor(), id).await?;
    let c = chrome(&ctx, "feedback-results-heading", "/programmes").await?;
    Ok(results_page(&ctx, c, title, r, None))
}

#[derive(Template)]
#[template(path = "feedback_sheet.html")]
struct SheetPage {
    c: Chrome,
    title: String,
    date: String,
    url: String,
    qr: String,
}

/// The A4 sheet for the room, with the QR code of the anonymous form.
pub async fn sheet(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let s = svc::room_sheet(&ctx.state.core, &me.as_actor(), id).await?;
    let c = chrome(&ctx, "feedback-sheet-heading", "/sessions").await?;
    let url = format!(
        "{}/tilbagemelding/rum/{}",
        ctx.state.core.public_url.trim_end_matches('/'),
        s.code
    );
    let qr = super::quiz::qr_svg(&url).replace("quiz-qr-title", "feedback-qr-title");
    Ok(render(&SheetPage {
        c,
        title: s.title,
        date: ctx.loc.long_date(s.starts_at),
        url,
        qr,
    }))
}
