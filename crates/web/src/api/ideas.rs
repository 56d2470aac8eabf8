//! Citizens' ideas: anyone sends one; staff of the municipality list them.

use super::auth::{ApiUser, ClientAddr};
use super::error::{ApiError, ApiJson, ApiQuery, ErrorBody, api_loc};
use super::sessions::{next_link, page_params};
use crate::{AppState, paging};
use axum::Json;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::ideas::IdeaStatus;
use samvirke_domain::validate::FieldProblem;
use samvirke_service::ServiceError;
use samvirke_service::ideas::{self as svc, IdeaInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Whom an idea is for.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum IdeaTargetGroup {
    Seniors,
    Young,
    Families,
    Adults,
    Newcomers,
    Everyone,
}

/// Where an idea stands in the staff's triage.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum IdeaStatusName {
    New,
    Considering,
    Planned,
    Done,
    Declined,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IdeaRequest {
    #[schema(value_type = IdeaTargetGroup)]
    target_group: String,
    #[schema(min_length = 1, max_length = 2000)]
    text: String,
    /// Only when the citizen wants an answer. The client must have asked
    /// the citizen's consent to be contacted: sending an e-mail states it
    /// was given; `consent: false` with an e-mail is refused.
    #[schema(max_length = 254)]
    email: Option<String>,
    consent: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct IdeaCreated {
    id: i64,
}

/// Sends an idea to the municipality (public, limited per address).
#[utoipa::path(
    post, path = "/ideas", tag = "ideas", request_body = IdeaRequest,
    responses(
        (status = 201, body = IdeaCreated),
        (status = 422, body = ErrorBody, description = "`invalid`: field errors on `target_group`, `text`, `email` or `consent`"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many from this address; see `Retry-After`"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    ApiJson(req): ApiJson<IdeaRequest>,
) -> Result<(StatusCode, Json<IdeaCreated>), ApiError> {
    let loc = api_loc(&headers);
    state
        .public_limit
        .hit(&addr, state.core.now())
        .map_err(|wait| {
            ApiError::from_service(
                loc,
                ServiceError::Throttled {
                    retry_after_secs: wait,
                },
            )
        })?;
    let m = state
        .public_home()
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    let email = req.email.unwrap_or_default();
    let input = IdeaInput {
        target_group: req.target_group,
        text: req.text,
        consent: req.consent.unwrap_or(!email.trim().is_empty()),
        email,
    };
    let id = svc::submit(&state.core, m.id, &input)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok((StatusCode::CREATED, Json(IdeaCreated { id })))
}

#[derive(Serialize, ToSchema)]
pub struct IdeaBody {
    id: i64,
    text: String,
    #[schema(value_type = IdeaStatusName)]
    status: String,
    #[schema(value_type = IdeaTargetGroup)]
    target_group: String,
    note: Option<String>,
    /// Whether the citizen left an e-mail (read it on the idea's page; audit-logged).
    has_contact: bool,
    /// The programme made from the idea.
    programme_id: Option<i64>,
    created_at: DateTime<FixedOffset>,
    status_at: DateTime<FixedOffset>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IdeaQuery {
    /// Only ideas with this status.
    #[param(value_type = Option<IdeaStatusName>)]
    status: Option<String>,
    /// Items on this page, 1 to 500; default 100.
    #[param(minimum = 1, maximum = 500, default = 100)]
    limit: Option<i64>,
    /// The cursor of the next page, from the `Link` header of the page before.
    #[param(max_length = 100)]
    after: Option<String>,
}

/// The municipality's ideas, newest first, a page at a time (any staff
/// member of the municipality; no personal data). When more follow, the
/// `Link` header names the next page.
#[utoipa::path(
    get, path = "/ideas", tag = "ideas", security(("bearer" = [])),
    params(IdeaQuery),
    responses(
        (status = 200, body = [IdeaBody], headers(
            ("Link" = String, description = "`<…>; rel=\"next\"` (RFC 8288) while more ideas follow")
        )),
        (status = 422, body = ErrorBody, description = "`invalid`: an unknown `status`, `limit` out of bounds or `after` not a cursor of this list"),
    )
)]
pub async fn list(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    ApiQuery(q): ApiQuery<IdeaQuery>,
) -> Result<Response, ApiError> {
    let loc = api_loc(&headers);
    let invalid = |e| ApiError::from_service(loc, ServiceError::Invalid(e));
    let (limit, after) =
        page_params(q.limit, q.after.as_deref(), paging::parse_id_cursor).map_err(invalid)?;
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => Some(s.parse::<IdeaStatus>().map_err(|_| {
            ApiError::from_service(
                loc,
                ServiceError::invalid("status", FieldProblem::InvalidChoice),
            )
        })?),
    };
    let page = svc::list(&state.core, &me.as_actor(), status, after, limit)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    let cursor = page
        .more
        .then(|| page.items.last())
        .flatten()
        .map(|r| paging::id_cursor(r.id));
    let local = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&Copenhagen).fixed_offset();
    let body = Json(
        page.items
            .into_iter()
            .map(|r| IdeaBody {
                id: r.id,
                text: r.text,
                status: r.status.as_str().into(),
                target_group: r.target_group.as_str().into(),
                note: r.note,
                has_contact: r.has_contact,
                programme_id: r.programme_id,
                created_at: local(r.created_at),
                status_at: local(r.status_at),
            })
            .collect::<Vec<_>>(),
    );
    Ok(match next_link(&uri, cursor) {
        Some(link) => ([link], body).into_response(),
        None => body.into_response(),
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnDataRequest {
    #[schema(min_length = 3, max_length = 254)]
    email: String,
}

#[derive(Serialize, ToSchema)]
pub struct OwnDataAccepted {
    /// Always `accepted`: whether anything is held is never told here.
    status: &'static str,
}

/// Asks for a person's own data (GDPR art. 15): a link valid for 24 hours
/// is e-mailed to the address; `GET` of the link shows a page with a
/// button, `POST` to it (with `Accept: application/json`) answers once
/// `{"registrations", "bookings", "ideas", "reads": [{"at", "kind"}]}`,
/// a second time 410. The same 202 whether or not anything is held.
#[utoipa::path(
    post, path = "/own-data/requests", tag = "ideas", request_body = OwnDataRequest,
    responses(
        (status = 202, body = OwnDataAccepted),
        (status = 422, body = ErrorBody, description = "`invalid`: `email` is not an e-mail"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many from this address or in all; see `Retry-After`"),
    )
)]
pub async fn own_data_request(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    ApiJson(req): ApiJson<OwnDataRequest>,
) -> Result<(StatusCode, Json<OwnDataAccepted>), ApiError> {
    let loc = api_loc(&headers);
    let lang = match loc.lang {
        crate::i18n::Lang::En => samvirke_domain::Language::En,
        crate::i18n::Lang::Da => samvirke_domain::Language::Da,
    };
    crate::pages::ideas::own_data::send_request(&state, &addr, &req.email, lang)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok((
        StatusCode::ACCEPTED,
        Json(OwnDataAccepted { status: "accepted" }),
    ))
}
