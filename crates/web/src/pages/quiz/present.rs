//! The presenter's big screen (join code, QR code, players, the question
//! with live tallies, the explanation on request, the final scores), the
//! buttons that move the run, and the results of a run.

use crate::http::{FormData, StaffCtx};
use crate::i18n::Lang;
use crate::pages::errors::PageError;
use crate::pages::{Chrome, chrome, render};
use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::quiz::RunStatus;
use samvirke_service::quiz::{self as svc, PresenterView, QuestionView, RunResults};

#[derive(Template)]
#[template(path = "quiz/present.html")]
struct PresentPage {
    c: Chrome,
    v: PresenterView,
    qr: String,
    join_url: String,
    en: bool,
}

pub(crate) struct Bar {
    pub label: String,
    pub count: u64,
    pub max: u64,
}

/// The score distribution as bars: "x af N rigtige".
pub(crate) fn distribution_bars(c: &Chrome, r: &RunResults) -> Vec<Bar> {
    let max = r.distribution.iter().copied().max().unwrap_or(0).max(1);
    r.distribution
        .iter()
        .enumerate()
        .map(|(score, n)| Bar {
            label: c.loc.tn(
                "quiz-x-of-n",
                &[
                    ("score", score.to_string()),
                    ("total", r.run.question_count.to_string()),
                ],
            ),
            count: *n,
            max,
        })
        .collect()
}

pub(crate) fn share(p: f64) -> String {
    format!("{:.0} %", p * 100.0)
}

impl PresentPage {
    fn text<'a>(&self, da: &'a str, en: &'a Option<String>) -> &'a str {
        match en {
            Some(en) if self.en => en,
            _ => da,
        }
    }
    fn q(&self) -> Option<&QuestionView> {
        self.v.question.as_ref()
    }
    fn waiting(&self) -> bool {
        self.v.run.status == RunStatus::Waiting
    }
    fn last(&self) -> bool {
        self.v.run.position >= self.v.run.question_count
    }
    fn tally_of(&self, i: &usize) -> i64 {
        self.v.tally.get(*i).copied().unwrap_or(0)
    }
    fn answers(&self) -> i64 {
        self.v.tally.iter().sum()
    }
    fn bars(&self) -> Vec<Bar> {
        self.v
            .results
            .as_ref()
            .map(|r| distribution_bars(&self.c, r))
            .unwrap_or_default()
    }
    fn hardest(&self) -> Vec<(i32, String, String)> {
        self.v
            .results
            .as_ref()
            .map(|r| {
                r.hardest()
                    .into_iter()
                    .take(3)
                    .map(|q| {
                        (
                            q.question.number,
                            self.text(&q.question.text_da, &q.question.text_en)
                                .to_string(),
                            share(q.correct_share),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// `/quiz-koersel/{run}`: the presenter's screen.
pub async fn page(
    StaffCtx { ctx, me }: StaffCtx,
    Path(run_id): Path<i64>,
) -> Result<Response, PageError> {
    let v = svc::presenter_view(&ctx.state.core, &me.as_actor(), run_id).await?;
    let mut c = chrome(&ctx, "quiz-present-title", "/sessions").await?;
    // The big screen shows no menu: the room reads the quiz, not the staff pages.
    c.nav.clear();
    let join_url = format!("{}/quiz/{}", ctx.state.core.public_url, v.run.join_code);
    Ok(render(&PresentPage {
        qr: super::qr_svg(&join_url),
        join_url,
        en: ctx.loc.lang == Lang::En,
        c,
        v,
    }))
}

/// Starts a run for the session (the button on the session's page).
pub async fn start(
    StaffCtx { ctx, me }: StaffCtx,
    Path(session_id): Path<i64>,
) -> Result<Response, PageError> {
    let r = svc::start_run(&ctx.state.core, &me.as_actor(), session_id, None).await?;
    Ok(Redirect::to(&format!("/quiz-koersel/{}", r.run_id)).into_response())
}

/// The next question (or the end).
pub async fn advance(
    StaffCtx { ctx, me }: StaffCtx,
    Path(run_id): Path<i64>,
) -> Result<Response, PageError> {
    match svc::advance(&ctx.state.core, &me.as_actor(), run_id).await {
        Ok(_) | Err(samvirke_service::ServiceError::Conflict(_)) => {}
        Err(e) => return Err(e.into()),
    }
    ctx.state.quiz_live.notify(run_id);
    Ok(Redirect::to(&format!("/quiz-koersel/{run_id}")).into_response())
}

/// Shows (or hides) the explanation of the current question.
pub async fn explanation(
    StaffCtx { ctx, me }: StaffCtx,
    Path(run_id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let show = form.get("show") != "0";
    match svc::show_explanation(&ctx.state.core, &me.as_actor(), run_id, show).await {
        Ok(()) | Err(samvirke_service::ServiceError::Conflict(_)) => {}
        Err(e) => return Err(e.into()),
    }
    ctx.state.quiz_live.notify(run_id);
    Ok(Redirect::to(&format!("/quiz-koersel/{run_id}")).into_response())
}

/// `/quiz-koersel/{run}/live`: the presenter's event stream.
pub async fn events(
    StaffCtx { ctx, me }: StaffCtx,
    Path(run_id): Path<i64>,
) -> Result<Response, PageError> {
    let v = svc::presenter_view(&ctx.state.core, &me.as_actor(), run_id).await?;
    Ok(super::stream::presenter_events(
        ctx.state.clone(),
        me.as_actor(),
        &v.run,
    ))
}

#[derive(Template)]
#[template(path = "quiz/results.html")]
struct ResultsPage {
    c: Chrome,
    title: String,
    runs: Vec<RunResults>,
    en: bool,
}

impl ResultsPage {
    fn text<'a>(&self, da: &'a str, en: &'a Option<String>) -> &'a str {
        match en {
            Some(en) if self.en => en,
            _ => da,
        }
    }
    fn bars(&self, r: &RunResults) -> Vec<Bar> {
        distribution_bars(&self.c, r)
    }
    fn share(&self, p: &f64) -> String {
        share(*p)
    }
    fn average(&self, r: &RunResults) -> String {
        format!("{:.1}", r.average)
    }
    fn date(&self, r: &RunResults) -> String {
        self.c.loc.date_time(r.run.created_at)
    }
}

/// `/quiz-koersel/{run}/resultat`: one run's results.
pub async fn run_results(
    StaffCtx { ctx, me }: StaffCtx,
    Path(run_id): Path<i64>,
) -> Result<Response, PageError> {
    let r = svc::results(&ctx.state.core, &me.as_actor(), run_id).await?;
    let c = chrome(&ctx, "quiz-results-title", "/sessions").await?;
    Ok(render(&ResultsPage {
        title: c.loc.t("quiz-results-title"),
        en: ctx.loc.lang == Lang::En,
        c,
        runs: vec![r],
    }))
}

/// `/programmes/{id}/quiz/resultater`: every run of the programme's quiz.
pub async fn programme_results(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (title, runs) = svc::programme_results(&ctx.state.core, &me.as_actor(), id).await?;
    let c = chrome(&ctx, "quiz-results-title", "/programmes").await?;
    Ok(render(&ResultsPage {
        title: format!("{}: {title}", c.loc.t("quiz-results-title")),
        en: ctx.loc.lang == Lang::En,
        c,
        runs,
    }))
}
