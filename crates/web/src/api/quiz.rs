//! The "7 rigtige" quiz: staff start and move a run and read its results;
//! participants join with the join code (no account) and answer with their
//! player token. The public calls are limited per player token and per run,
//! never per address: a whole room plays behind one venue address.

use super::auth::ApiUser;
use super::error::{ApiError, ApiJson, ApiPath, ErrorBody, api_loc};
use crate::AppState;
use crate::i18n::{Lang, Loc};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use samvirke_service::ServiceError;
use samvirke_service::quiz::{self as svc, QuestionView, RunInfo};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub struct StartRunRequest {
    /// A quiz of the session's programme; without it, the programme's quiz.
    quiz_id: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct RunStarted {
    run_id: i64,
    /// Six digits; unique among the runs not finished.
    #[schema(min_length = 6, max_length = 6, pattern = "^[0-9]{6}$")]
    join_code: String,
}

/// Starts a quiz run for a session (staff who run the session).
#[utoipa::path(
    post, path = "/sessions/{id}/quiz-runs", tag = "quiz", request_body = StartRunRequest, security(("bearer" = [])),
    params(("id" = i64, Path, description = "The session's id")),
    responses(
        (status = 201, body = RunStarted),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff who run the session"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such session, or its programme has no such quiz"),
    )
)]
pub async fn start_run(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<StartRunRequest>,
) -> Result<(StatusCode, Json<RunStarted>), ApiError> {
    let loc = api_loc(&headers);
    let r = svc::start_run(&state.core, &me.as_actor(), id, req.quiz_id)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok((
        StatusCode::CREATED,
        Json(RunStarted {
            run_id: r.run_id,
            join_code: r.join_code,
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct JoinRequest {
    /// Shown on the presenter's screen; optional.
    #[schema(max_length = 30)]
    nickname: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Joined {
    /// Keep it: it is the right to answer, and shown only once.
    player_token: String,
}

/// Joins a quiz run with its join code (no account).
#[utoipa::path(
    post, path = "/quiz/{join_code}/players", tag = "quiz", request_body = JoinRequest,
    params(("join_code" = String, Path, description = "The run's join code")),
    responses(
        (status = 201, body = Joined),
        (status = 404, body = ErrorBody, description = "`not_found`: no run has this code"),
        (status = 409, body = ErrorBody, description = "`quiz_finished`: the run is over"),
        (status = 422, body = ErrorBody, description = "`invalid`: `nickname` too long or not one line"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many calls for this run; see `Retry-After`"),
    )
)]
pub async fn join(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(code): ApiPath<String>,
    ApiJson(req): ApiJson<JoinRequest>,
) -> Result<(StatusCode, Json<Joined>), ApiError> {
    let loc = api_loc(&headers);
    limit(&state, loc, &code, None)?;
    let (run, token) = svc::join(&state.core, &code, req.nickname.as_deref().unwrap_or(""))
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    state.quiz_live.notify(run.id);
    Ok((
        StatusCode::CREATED,
        Json(Joined {
            player_token: token,
        }),
    ))
}

/// Where a run is.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum RunStatusName {
    Waiting,
    Question,
    Finished,
}

#[derive(Serialize, ToSchema)]
pub struct OptionBody {
    id: i64,
    text: String,
}

#[derive(Serialize, ToSchema)]
pub struct QuestionBody {
    id: i64,
    /// 1 for the first question.
    number: i32,
    text: String,
    #[schema(min_items = 2, max_items = 4)]
    options: Vec<OptionBody>,
}

#[derive(Serialize, ToSchema)]
pub struct RunState {
    #[schema(value_type = RunStatusName)]
    status: &'static str,
    /// The current question while `status` is `question`; otherwise null.
    question: Option<QuestionBody>,
}

/// The text in the caller's language: English when asked for and written.
fn text(loc: Loc, da: &str, en: Option<&str>) -> String {
    match (loc.lang, en) {
        (Lang::En, Some(en)) => en.to_string(),
        _ => da.to_string(),
    }
}

fn run_state(loc: Loc, run: &RunInfo, question: Option<&QuestionView>) -> RunState {
    RunState {
        status: run.status.as_str(),
        question: question.map(|q| QuestionBody {
            id: q.id,
            number: q.number,
            text: text(loc, &q.text_da, q.text_en.as_deref()),
            options: q
                .options
                .iter()
                .map(|o| OptionBody {
                    id: o.id,
                    text: text(loc, &o.text_da, o.text_en.as_deref()),
                })
                .collect(),
        }),
    }
}

/// The run's state: waiting, a question (without which option is right), or finished.
#[utoipa::path(
    get, path = "/quiz/{join_code}/state", tag = "quiz",
    params(("join_code" = String, Path, description = "The run's join code")),
    responses(
        (status = 200, body = RunState),
        (status = 404, body = ErrorBody, description = "`not_found`: no run has this code"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many calls for this run; see `Retry-After`"),
    )
)]
pub async fn state(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<RunState>, ApiError> {
    let loc = api_loc(&headers);
    limit(&state, loc, &code, None)?;
    let (run, question) = svc::public_run(&state.core, &code)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(run_state(loc, &run, question.as_ref())))
}

/// Moves the run to its next question, or to `finished` after the last.
#[utoipa::path(
    post, path = "/quiz-runs/{run_id}/advance", tag = "quiz", security(("bearer" = [])),
    params(("run_id" = i64, Path, description = "The run's id")),
    responses(
        (status = 200, body = RunState),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff who run the session"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such run"),
        (status = 409, body = ErrorBody, description = "`quiz_finished`: the run is over"),
    )
)]
pub async fn advance(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(run_id): ApiPath<i64>,
) -> Result<Json<RunState>, ApiError> {
    let loc = api_loc(&headers);
    let s = svc::advance(&state.core, &me.as_actor(), run_id)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    state.quiz_live.notify(run_id);
    Ok(Json(run_state(loc, &s.run, s.question.as_ref())))
}

#[derive(Deserialize, ToSchema)]
pub struct AnswerRequest {
    #[schema(min_length = 1, max_length = 100)]
    player_token: String,
    question_id: i64,
    option_id: i64,
}

#[derive(Serialize, ToSchema)]
pub struct AnswerResult {
    correct: bool,
}

/// Answers the current question; the first answer counts.
#[utoipa::path(
    post, path = "/quiz/{join_code}/answers", tag = "quiz", request_body = AnswerRequest,
    params(("join_code" = String, Path, description = "The run's join code")),
    responses(
        (status = 201, body = AnswerResult),
        (status = 404, body = ErrorBody, description = "`not_found`: no run has this code, or no player of it has this token"),
        (status = 409, body = ErrorBody, description = "`already_answered`, `question_not_current` or `quiz_finished`: not counted"),
        (status = 422, body = ErrorBody, description = "`invalid`: `option_id` is not an option of the question"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many calls for this player or run; see `Retry-After`"),
    )
)]
pub async fn answer(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(code): ApiPath<String>,
    ApiJson(req): ApiJson<AnswerRequest>,
) -> Result<(StatusCode, Json<AnswerResult>), ApiError> {
    let loc = api_loc(&headers);
    limit(&state, loc, &code, Some(&req.player_token))?;
    let correct = svc::answer(
        &state.core,
        &code,
        &req.player_token,
        req.question_id,
        req.option_id,
    )
    .await
    .map_err(|e| ApiError::from_service(loc, e))?;
    if let Ok((run, _)) = svc::public_run(&state.core, &code).await {
        state.quiz_live.notify(run.id);
    }
    Ok((StatusCode::CREATED, Json(AnswerResult { correct })))
}

#[derive(Serialize, ToSchema)]
pub struct QuestionShare {
    id: i64,
    /// Correct answers out of all players (no answer counts as wrong), 0–1.
    #[schema(minimum = 0.0, maximum = 1.0)]
    correct_share: f64,
}

#[derive(Serialize, ToSchema)]
pub struct RunResults {
    /// Players with a phone and paper sheets typed in.
    players: u64,
    /// The count of players with each score, a key for every score from "0"
    /// to the run's number of questions.
    score_distribution: BTreeMap<String, u64>,
    questions: Vec<QuestionShare>,
}

/// A run's results (staff of the session).
#[utoipa::path(
    get, path = "/quiz-runs/{run_id}/results", tag = "quiz", security(("bearer" = [])),
    params(("run_id" = i64, Path, description = "The run's id")),
    responses(
        (status = 200, body = RunResults),
        (status = 403, body = ErrorBody, description = "`forbidden`: not staff of the session"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such run"),
    )
)]
pub async fn results(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(run_id): ApiPath<i64>,
) -> Result<Json<RunResults>, ApiError> {
    let loc = api_loc(&headers);
    let r = svc::results(&state.core, &me.as_actor(), run_id)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(RunResults {
        players: r.players,
        score_distribution: r
            .distribution
            .iter()
            .enumerate()
            .map(|(score, n)| (score.to_string(), *n))
            .collect(),
        questions: r
            .questions
            .iter()
            .map(|q| QuestionShare {
                id: q.question.id,
                correct_share: q.correct_share,
            })
            .collect(),
    }))
}

/// The quiz's limits: per run (its code) and per player token.
pub(crate) fn limit(
    state: &AppState,
    loc: Loc,
    code: &str,
    token: Option<&str>,
) -> Result<(), ApiError> {
    crate::pages::quiz::limit(state, code, token).map_err(|wait| {
        ApiError::from_service(
            loc,
            ServiceError::Throttled {
                retry_after_secs: wait,
            },
        )
    })
}
