//! The season plan of class visits: a proposal (nothing saved) and
//! confirming a plan, perhaps edited, as closed sessions.

use super::auth::ApiUser;
use super::error::{ApiError, ApiJson, ApiPath, ErrorBody, PlanConflictBody, api_loc};
use crate::AppState;
use crate::i18n::Loc;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::school_year::SchoolYear;
use samvirke_domain::validate::{FieldProblem, time_in_range};
use samvirke_service::ServiceError;
use samvirke_service::seasons::{self as svc, Confirmed, PlanConflict, VisitInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&Copenhagen).fixed_offset()
}

fn year_of(loc: Loc, text: &str) -> Result<SchoolYear, ApiError> {
    text.parse::<SchoolYear>().map_err(|_| {
        ApiError::from_service(
            loc,
            ServiceError::invalid("school_year", FieldProblem::InvalidChoice),
        )
    })
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct VisitStaff {
    id: i64,
    /// The person's organisation's name; ignored when sent.
    #[serde(default)]
    organisation: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PlanVisit {
    class_id: i64,
    starts_at: DateTime<FixedOffset>,
    /// The same day as `starts_at`, after it.
    ends_at: DateTime<FixedOffset>,
    #[schema(max_items = 10)]
    staff: Vec<VisitStaff>,
}

#[derive(Serialize, ToSchema)]
pub struct Unplaced {
    class_id: i64,
    /// `no_free_time`, `no_library_staff`, `no_citizen_service_staff`,
    /// `no_school_time`, `unknown_school`, `duplicate`.
    reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct Proposal {
    /// Every class's visit: those confirmed earlier as they are, the rest proposed.
    visits: Vec<PlanVisit>,
    unplaced: Vec<Unplaced>,
}

/// Proposes a season plan for the school year's 9th-grade classes: one
/// visit each, at the school, on a visit day after today, staffed by a
/// library person and a citizen-service person who are free. Nothing is
/// saved. For the coordinators of the library and the citizen service.
#[utoipa::path(
    post, path = "/seasons/{school_year}/plan", tag = "classes", security(("bearer" = [])),
    params(("school_year" = String, Path, description = "The school year, written `2026-27`", example = "2026-27")),
    responses(
        (status = 200, body = Proposal),
        (status = 403, body = ErrorBody, description = "`forbidden`: only the coordinators of the library and the citizen service plan"),
        (status = 422, body = ErrorBody, description = "`invalid`: `school_year` is not written like 2026-27"),
    )
)]
pub async fn plan(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(school_year): ApiPath<String>,
) -> Result<Json<Proposal>, ApiError> {
    let loc = api_loc(&headers);
    let year = year_of(loc, &school_year)?;
    let p = svc::propose(&state.core, &me.as_actor(), year)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(Proposal {
        visits: p
            .visits
            .into_iter()
            .map(|v| PlanVisit {
                class_id: v.class_id,
                starts_at: local(v.starts_at),
                ends_at: local(v.ends_at),
                staff: v
                    .staff
                    .into_iter()
                    .map(|s| VisitStaff {
                        id: s.id,
                        organisation: s.organisation,
                    })
                    .collect(),
            })
            .collect(),
        unplaced: p
            .unplaced
            .into_iter()
            .map(|u| Unplaced {
                class_id: u.class_id,
                reason: u.reason.as_str().into(),
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct ConfirmRequest {
    #[schema(min_items = 1, max_items = 500)]
    visits: Vec<PlanVisit>,
}

#[derive(Serialize, ToSchema)]
pub struct ConfirmResult {
    /// The sessions made, in the order of the visits.
    session_ids: Vec<i64>,
}

fn conflicts_error(loc: Loc, conflicts: Vec<PlanConflict>) -> ApiError {
    let mut err = ApiError::new(loc, StatusCode::CONFLICT, "plan_conflicts");
    err.body.conflicts = conflicts
        .into_iter()
        .map(|c| PlanConflictBody {
            class_id: c.class_id,
            code: c.code.as_str().into(),
            staff_id: c.staff_id,
            other_class_id: c.other_class_id,
        })
        .collect();
    err
}

/// The visits in the planner's terms: Copenhagen days and times, in range,
/// each ending after it starts on the same day.
fn inputs(visits: &[PlanVisit]) -> Result<Vec<VisitInput>, ServiceError> {
    visits
        .iter()
        .map(|v| {
            let (start, end) = (
                v.starts_at.with_timezone(&Utc),
                v.ends_at.with_timezone(&Utc),
            );
            time_in_range(start).map_err(|p| ServiceError::invalid("starts_at", p))?;
            time_in_range(end).map_err(|p| ServiceError::invalid("ends_at", p))?;
            let (start, end) = (
                start.with_timezone(&Copenhagen),
                end.with_timezone(&Copenhagen),
            );
            if end <= start || end.date_naive() != start.date_naive() {
                return Err(ServiceError::invalid(
                    "ends_at",
                    FieldProblem::EndBeforeStart,
                ));
            }
            Ok(VisitInput {
                class_id: v.class_id,
                date: start.date_naive(),
                start: start.time(),
                end: end.time(),
                staff: v.staff.iter().map(|s| s.id).collect(),
            })
        })
        .collect()
}

/// Saves a plan (the proposal, perhaps edited) as closed sessions of the
/// programme "Digital dåb og dannelse" at the schools, with the staff on
/// their organisation's parts; the staff's calendar feeds then hold them.
/// Everything is checked again against what is saved now: on any conflict
/// nothing is saved and the answer is 409 with the conflicts.
#[utoipa::path(
    post, path = "/seasons/{school_year}/plan/confirm", tag = "classes", security(("bearer" = [])),
    params(("school_year" = String, Path, description = "The school year, written `2026-27`", example = "2026-27")),
    request_body = ConfirmRequest,
    responses(
        (status = 200, body = ConfirmResult),
        (status = 403, body = ErrorBody, description = "`forbidden`: only the coordinators of the library and the citizen service confirm"),
        (status = 404, body = ErrorBody, description = "`not_found`: the municipality has no programme \"Digital dåb og dannelse\""),
        (status = 409, body = ErrorBody, description = "`plan_conflicts`, with `conflicts`: a visit clashes (a holiday, a double booking, a class with a visit already, …); nothing is saved"),
        (status = 422, body = ErrorBody, description = "`invalid`: a malformed school year, no visits or too many, a class or person not of this season, or a visit that does not end after it starts on the same day"),
    )
)]
pub async fn confirm(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(school_year): ApiPath<String>,
    ApiJson(req): ApiJson<ConfirmRequest>,
) -> Result<Json<ConfirmResult>, ApiError> {
    let loc = api_loc(&headers);
    let year = year_of(loc, &school_year)?;
    let visits = inputs(&req.visits).map_err(|e| ApiError::from_service(loc, e))?;
    match svc::confirm(&state.core, &me.as_actor(), year, &visits)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?
    {
        Confirmed::Saved(session_ids) => Ok(Json(ConfirmResult { session_ids })),
        Confirmed::Conflicts(c) => Err(conflicts_error(loc, c)),
    }
}
