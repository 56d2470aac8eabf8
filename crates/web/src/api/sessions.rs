//! Sessions and sign-up: public reading and sign-up, cancellation by token,
//! and staff endpoints for programmes, sessions and participant lists.

use super::auth::{ApiUser, ClientAddr};
use super::error::{ApiError, ApiJson, ErrorBody, api_loc};
use crate::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::signup::Need;
use samvirke_service::sessions::{self as svc, AgendaLine, ListFilter, SessionView, SignupInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&Copenhagen).fixed_offset()
}

#[derive(Serialize, ToSchema)]
pub struct Session {
    id: i64,
    /// The programme's id.
    programme: i64,
    title: String,
    /// RFC 3339 with the Copenhagen offset.
    starts_at: DateTime<FixedOffset>,
    ends_at: DateTime<FixedOffset>,
    site: String,
    capacity: i32,
    seats_left: i32,
    waitlist_length: u64,
    /// `open`, `closed` or `not_yet_open`.
    registration: String,
}

impl From<&SessionView> for Session {
    fn from(v: &SessionView) -> Self {
        Session {
            id: v.session.id,
            programme: v.programme.id,
            title: v.programme.title.clone(),
            starts_at: local(v.session.starts_at),
            ends_at: local(v.session.ends_at),
            site: v.site.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
            capacity: v.session.capacity,
            seats_left: v.seats_left,
            waitlist_length: v.waitlist_length,
            registration: v.registration.as_str().into(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AgendaItem {
    title: String,
    minutes: i32,
    /// The organisation that runs this part.
    organisation: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionDetail {
    #[serde(flatten)]
    session: Session,
    description: String,
    target_group: String,
    address: String,
    agenda: Vec<AgendaItem>,
}

fn detail(v: &SessionView, agenda: &[AgendaLine]) -> SessionDetail {
    SessionDetail {
        session: v.into(),
        description: v.programme.description.clone(),
        target_group: v.programme.target_group.clone(),
        address: v
            .site
            .as_ref()
            .map(|s| s.address.clone())
            .unwrap_or_default(),
        agenda: agenda
            .iter()
            .map(|a| AgendaItem {
                title: a.item.title.clone(),
                minutes: a.item.minutes,
                organisation: a.org_name.clone(),
            })
            .collect(),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct SessionQuery {
    /// From this time or date (RFC 3339 or `YYYY-MM-DD`); default now.
    from: Option<String>,
    /// Before this time or date.
    to: Option<String>,
    /// Only this programme (its id).
    programme: Option<i64>,
}

/// RFC 3339, or a date taken as midnight in Copenhagen.
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Copenhagen
        .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

async fn public_municipality(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<samvirke_domain::MunicipalityId, ApiError> {
    state
        .municipality_for(None)
        .await
        .map(|m| m.id)
        .ok_or_else(|| ApiError::new(api_loc(headers), StatusCode::NOT_FOUND, "not_found"))
}

/// Upcoming public sessions.
#[utoipa::path(get, path = "/sessions", tag = "sessions", params(SessionQuery), responses((status = 200, body = [Session]), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<SessionQuery>,
) -> Result<Json<Vec<Session>>, ApiError> {
    let loc = api_loc(&headers);
    let bad = || ApiError::new(loc, StatusCode::BAD_REQUEST, "bad_request");
    let from = q
        .from
        .as_deref()
        .map(|s| parse_time(s).ok_or_else(bad))
        .transpose()?;
    let to =
        q.to.as_deref()
            .map(|s| parse_time(s).ok_or_else(bad))
            .transpose()?;
    let m = public_municipality(&state, &headers).await?;
    if from.is_none() && to.is_none() && q.programme.is_none() {
        let list = state
            .public_sessions(m)
            .await
            .map_err(|e| ApiError::from_service(loc, e))?;
        return Ok(Json(list.iter().map(Session::from).collect()));
    }
    let filter = ListFilter {
        from,
        to,
        programme_id: q.programme,
        ..Default::default()
    };
    let list = svc::list_public(&state.core, m, &filter)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(list.iter().map(Session::from).collect()))
}

/// One public session with its agenda.
#[utoipa::path(get, path = "/sessions/{id}", tag = "sessions", responses((status = 200, body = SessionDetail), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<SessionDetail>, ApiError> {
    let loc = api_loc(&headers);
    let m = public_municipality(&state, &headers).await?;
    let (v, agenda) = state
        .public_session(m, id)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(detail(&v, &agenda)))
}

#[derive(Deserialize, ToSchema)]
pub struct RegistrationRequest {
    name: String,
    email: Option<String>,
    phone: Option<String>,
    /// Any of `hearing_loop`, `wheelchair`.
    #[serde(default)]
    needs: Vec<String>,
    /// Other needs, in the person's words.
    needs_other: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationCreated {
    id: i64,
    /// `confirmed` or `waitlisted`.
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    waitlist_position: Option<i32>,
    /// Keep it: it cancels this sign-up once.
    cancel_token: String,
}

fn signup_input(r: RegistrationRequest) -> SignupInput {
    SignupInput {
        name: r.name,
        email: r.email.unwrap_or_default(),
        phone: r.phone.unwrap_or_default(),
        no_contact: false,
        require_contact: false,
        needs: r.needs,
        needs_other: r.needs_other.unwrap_or_default(),
        also: vec![],
    }
}

/// Signs up for a session: confirmed while seats are free, otherwise waitlisted.
#[utoipa::path(
    post, path = "/sessions/{id}/registrations", tag = "sessions", request_body = RegistrationRequest,
    responses(
        (status = 201, body = RegistrationCreated),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "`registration_not_open` or `already_registered`"),
        (status = 422, body = ErrorBody, description = "Field errors"),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    Path(id): Path<i64>,
    ApiJson(req): ApiJson<RegistrationRequest>,
) -> Result<(StatusCode, Json<RegistrationCreated>), ApiError> {
    let loc = api_loc(&headers);
    limit(&state, &addr, loc)?;
    let m = public_municipality(&state, &headers).await?;
    let r = svc::sign_up(&state.core, m, id, &signup_input(req), None).await;
    state.public_changed().await;
    let r = r.map_err(|e| ApiError::from_service(loc, e))?;
    Ok((
        StatusCode::CREATED,
        Json(RegistrationCreated {
            id: r.registration.id,
            status: r.registration.status,
            waitlist_position: r.waitlist_position,
            cancel_token: r.cancel_token,
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct CancelRequest {
    cancel_token: String,
}

#[derive(Serialize, ToSchema)]
pub struct CancelResponse {
    /// Always `cancelled`.
    status: String,
    /// The registration promoted from the waiting list into the freed seat.
    promoted: Option<i64>,
}

/// Cancels a sign-up with its cancel token. The same token again: 410.
#[utoipa::path(
    post, path = "/registrations/cancel", tag = "sessions", request_body = CancelRequest,
    responses(
        (status = 200, body = CancelResponse),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "`session_cancelled` or `session_started`: nothing changed"),
        (status = 410, body = ErrorBody),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    ApiJson(req): ApiJson<CancelRequest>,
) -> Result<Json<CancelResponse>, ApiError> {
    let loc = api_loc(&headers);
    limit(&state, &addr, loc)?;
    if req.cancel_token.is_empty() || req.cancel_token.len() > 100 {
        return Err(ApiError::new(loc, StatusCode::NOT_FOUND, "not_found"));
    }
    let r = svc::cancel(&state.core, &req.cancel_token).await;
    state.public_changed().await;
    let r = r.map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(CancelResponse {
        status: "cancelled".into(),
        promoted: r.promoted.map(|p| p.id),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct PartnerRequest {
    organisation_id: i64,
    /// `view` or `run`.
    level: String,
}

#[derive(Deserialize, ToSchema)]
pub struct AgendaItemRequest {
    title: String,
    minutes: i32,
    organisation_id: i64,
    competence_id: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
pub struct ProgrammeRequest {
    title: String,
    #[serde(default)]
    description: String,
    target_group: String,
    #[serde(default)]
    partners: Vec<PartnerRequest>,
    #[serde(default)]
    agenda: Vec<AgendaItemRequest>,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    id: i64,
}

/// Creates a programme owned by the caller's organisation (coordinators).
#[utoipa::path(
    post, path = "/programmes", tag = "staff", request_body = ProgrammeRequest, security(("bearer" = [])),
    responses((status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn create_programme(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ProgrammeRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let loc = api_loc(&headers);
    let input = svc::ProgrammeInput {
        title: req.title,
        description: req.description,
        target_group: req.target_group,
        partners: req
            .partners
            .into_iter()
            .map(|p| (p.organisation_id, p.level))
            .collect(),
        agenda: req
            .agenda
            .into_iter()
            .map(|a| svc::AgendaInput {
                title: a.title,
                minutes: a.minutes,
                org: a.organisation_id,
                competence_id: a.competence_id,
            })
            .collect(),
    };
    let p = svc::create_programme(&state.core, &me.as_actor(), &input)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok((StatusCode::CREATED, Json(Created { id: p.id })))
}

#[derive(Deserialize, ToSchema)]
pub struct SessionRequest {
    programme_id: i64,
    site_id: i64,
    starts_at: DateTime<FixedOffset>,
    ends_at: DateTime<FixedOffset>,
    capacity: i32,
    /// Default: now.
    signup_opens_at: Option<DateTime<FixedOffset>>,
    /// Default: the start.
    signup_closes_at: Option<DateTime<FixedOffset>>,
    /// Open to the public (default) or closed, e.g. a class.
    #[serde(default = "yes")]
    public: bool,
}

fn yes() -> bool {
    true
}

/// Schedules a session of a programme (coordinators of its owner).
#[utoipa::path(
    post, path = "/sessions", tag = "staff", request_body = SessionRequest, security(("bearer" = [])),
    responses((status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn create_session(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SessionRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let loc = api_loc(&headers);
    let utc = |t: DateTime<FixedOffset>| t.with_timezone(&Utc);
    let input = svc::SessionInput {
        programme_id: req.programme_id,
        site_id: req.site_id,
        starts_at: utc(req.starts_at),
        ends_at: utc(req.ends_at),
        capacity: req.capacity,
        signup_opens_at: req.signup_opens_at.map(utc),
        signup_closes_at: req.signup_closes_at.map(utc),
        public: req.public,
    };
    let s = svc::create_session(&state.core, &me.as_actor(), &input)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok((StatusCode::CREATED, Json(Created { id: s.id })))
}

#[derive(Serialize, ToSchema)]
pub struct Participant {
    id: i64,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    needs: Vec<String>,
    needs_other: Option<String>,
    /// `confirmed`, `waitlisted` or `cancelled`.
    status: String,
    /// `online`, `phone` or `walk_in`.
    channel: String,
    /// `attended`, `no_show` or null.
    attendance: Option<String>,
}

/// The participants of a session (owner and `run` partners; audit-logged).
#[utoipa::path(
    get, path = "/sessions/{id}/registrations", tag = "staff", security(("bearer" = [])),
    responses((status = 200, body = [Participant]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub async fn participants(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Participant>>, ApiError> {
    let loc = api_loc(&headers);
    let regs = svc::registrations(&state.core, &me.as_actor(), id)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(
        regs.into_iter()
            .map(|r| Participant {
                id: r.id,
                name: r.name,
                email: r.email,
                phone: r.phone,
                needs: Need::parse_list(&r.needs)
                    .into_iter()
                    .map(|n| n.as_str().to_string())
                    .collect(),
                needs_other: r.needs_other,
                status: r.status,
                channel: r.channel,
                attendance: r.attendance,
            })
            .collect(),
    ))
}

/// The per-address limit on public actions; 429 with Retry-After when over it.
fn limit(state: &AppState, addr: &str, loc: crate::i18n::Loc) -> Result<(), ApiError> {
    state
        .public_limit
        .hit(addr, state.core.now())
        .map_err(|wait| {
            ApiError::from_service(
                loc,
                samvirke_service::ServiceError::Throttled {
                    retry_after_secs: wait,
                },
            )
        })
}
