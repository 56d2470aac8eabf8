//! Participants: `/quiz` (type the code), `/quiz/{code}` (join, then each
//! question), answering by a plain form. A reload or a dropped connection
//! loses nothing: the player token is in a cookie and in the form, and what
//! the page shows is read from the server each time.

use super::{limit, player_cookie};
use crate::http::{Ctx, FormData, cookie, set_cookie};
use crate::i18n::Lang;
use crate::pages::errors::PageError;
use crate::pages::{Chrome, chrome, render};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::quiz::RunStatus;
use samvirke_domain::quiz::{is_join_code, normalise_join_code};
use samvirke_service::ServiceError;
use samvirke_service::quiz::{self as svc, PlayerView, QuestionView};
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "quiz/join.html")]
struct JoinPage {
    c: Chrome,
    code: String,
    nickname: String,
    /// The code was typed but finds no run.
    unknown: bool,
    /// The run of the code is over.
    finished: bool,
    nickname_error: Option<String>,
}

/// `/quiz`: type the code; `?kode=` goes on to the run's page.
pub async fn enter(
    ctx: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let typed = q
        .get("kode")
        .map(|c| normalise_join_code(c))
        .unwrap_or_default();
    if is_join_code(&typed) {
        return Ok(Redirect::to(&format!("/quiz/{typed}")).into_response());
    }
    let mut c = chrome(&ctx, "quiz-join-title", "").await?;
    let unknown = q.contains_key("kode");
    if unknown {
        c.errors = vec![crate::pages::SummaryItem {
            field: "kode".into(),
            message: ctx.loc.t("quiz-code-invalid"),
        }];
    }
    Ok(render(&JoinPage {
        c,
        code: q
            .get("kode")
            .cloned()
            .unwrap_or_default()
            .chars()
            .take(12)
            .collect(),
        nickname: String::new(),
        unknown,
        finished: false,
        nickname_error: None,
    }))
}

#[derive(Template)]
#[template(path = "quiz/play.html")]
struct PlayPage {
    c: Chrome,
    code: String,
    token: String,
    v: PlayerView,
    en: bool,
}

impl PlayPage {
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
    fn finished(&self) -> bool {
        self.v.run.status == RunStatus::Finished
    }
    fn score_line(&self) -> String {
        self.c.loc.tn(
            "quiz-score-line",
            &[
                ("score", self.v.score.to_string()),
                ("total", self.v.run.question_count.to_string()),
            ],
        )
    }
}

fn token_of(headers: &HeaderMap, code: &str) -> Option<String> {
    cookie(headers, &player_cookie(code)).filter(|t| !t.is_empty() && t.len() <= 100)
}

/// `/quiz/{code}`: the join form, or the player's current question.
pub async fn page(
    ctx: Ctx,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let code = normalise_join_code(&code);
    if limit(&ctx.state, &code, None).is_err() {
        return Err(PageError(ServiceError::Throttled {
            retry_after_secs: 10,
        }));
    }
    let (run, _) = svc::public_run(&ctx.state.core, &code).await?;
    if let Some(token) = token_of(&headers, &code) {
        match svc::player_view(&ctx.state.core, &code, &token).await {
            Ok(v) => {
                let c = chrome(&ctx, "quiz-play-title", "").await?;
                return Ok(render(&PlayPage {
                    en: ctx.loc.lang == Lang::En,
                    c,
                    code,
                    token,
                    v,
                }));
            }
            Err(ServiceError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let c = chrome(&ctx, "quiz-join-title", "").await?;
    Ok(render(&JoinPage {
        c,
        code,
        nickname: String::new(),
        unknown: false,
        finished: run.status == RunStatus::Finished,
        nickname_error: None,
    }))
}

/// Joins with an optional nickname; the token goes into a cookie.
pub async fn join(
    ctx: Ctx,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    let code = normalise_join_code(&code);
    if let Err(wait) = limit(&ctx.state, &code, None) {
        return Err(PageError(ServiceError::Throttled {
            retry_after_secs: wait,
        }));
    }
    let nickname = form.get("nickname").chars().take(200).collect::<String>();
    match svc::join(&ctx.state.core, &code, &nickname).await {
        Ok((run, token)) => {
            ctx.state.quiz_live.notify(run.id);
            let mut res = Redirect::to(&format!("/quiz/{code}")).into_response();
            // Kept for a day: long enough for the session, gone by the next.
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    &player_cookie(&code),
                    &token,
                    Some(86_400),
                    ctx.state.cfg.secure_cookies,
                ),
            );
            Ok(res)
        }
        Err(ServiceError::Invalid(e)) => {
            let mut c = chrome(&ctx, "quiz-join-title", "").await?;
            c.set_errors(&e, &["nickname"], |f| f.to_string());
            let nickname_error = e.get("nickname").map(|p| ctx.loc.problem(p));
            let mut res = render(&JoinPage {
                c,
                code,
                nickname,
                unknown: false,
                finished: false,
                nickname_error,
            });
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

/// Answers the current question; back to the page whatever happened (a
/// second answer or a question gone by is simply not counted).
pub async fn answer(
    ctx: Ctx,
    headers: HeaderMap,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    let code = normalise_join_code(&code);
    let token = token_of(&headers, &code).unwrap_or_else(|| form.get("player").to_string());
    if let Err(wait) = limit(&ctx.state, &code, Some(&token)) {
        return Err(PageError(ServiceError::Throttled {
            retry_after_secs: wait,
        }));
    }
    let question: i64 = form.get("question").parse().unwrap_or(0);
    let option: i64 = form.get("option").parse().unwrap_or(0);
    let back = Redirect::to(&format!("/quiz/{code}")).into_response();
    if option == 0 {
        return Ok(back);
    }
    match svc::answer(&ctx.state.core, &code, &token, question, option).await {
        Ok(_) | Err(ServiceError::Conflict(_)) | Err(ServiceError::Invalid(_)) => {
            if let Ok((run, _)) = svc::public_run(&ctx.state.core, &code).await {
                ctx.state.quiz_live.notify(run.id);
            }
            Ok(back)
        }
        Err(e) => Err(e.into()),
    }
}

/// `/quiz/{code}/live`: the participants' event stream.
pub async fn events(ctx: Ctx, Path(code): Path<String>) -> Result<Response, PageError> {
    let code = normalise_join_code(&code);
    if let Err(wait) = limit(&ctx.state, &code, None) {
        return Err(PageError(ServiceError::Throttled {
            retry_after_secs: wait,
        }));
    }
    let (run, _) = svc::public_run(&ctx.state.core, &code).await?;
    Ok(super::stream::public_events(ctx.state.clone(), &run, code))
}
