//! Sessions and sign-up: public reading and sign-up, cancellation by token,
//! and staff endpoints for programmes, sessions and participant lists.

use super::auth::{ApiUser, ClientAddr};
use super::error::{ApiError, ApiJson, ApiPath, ApiQuery, ErrorBody, api_loc};
use crate::{AppState, paging};
use axum::Json;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_service::Page;
use samvirke_service::ServiceError;
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
    #[schema(value_type = RegistrationState)]
    registration: String,
}

/// Whether people can sign up now.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum RegistrationState {
    Open,
    Closed,
    NotYetOpen,
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
#[into_params(parameter_in = Query)]
pub struct SessionQuery {
    /// From this time or date (RFC 3339 or `YYYY-MM-DD`, a year from 2000 to 2100); default now.
    #[param(max_length = 40)]
    from: Option<String>,
    /// Before this time or date (as `from`).
    #[param(max_length = 40)]
    to: Option<String>,
    /// Only this programme (its id).
    programme: Option<i64>,
    /// Sessions on this page, 1 to 500; default 100.
    #[param(minimum = 1, maximum = 500, default = 100)]
    limit: Option<i64>,
    /// The cursor of the next page, from the `Link` header of the page before.
    #[param(max_length = 100)]
    after: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items on this page, 1 to 500; default 100.
    #[param(minimum = 1, maximum = 500, default = 100)]
    limit: Option<i64>,
    /// The cursor of the next page, from the `Link` header of the page before.
    #[param(max_length = 100)]
    after: Option<String>,
}

/// `limit` and `after`, checked: out of bounds or not a cursor of this list is a 422.
fn page_params<K>(
    limit: Option<i64>,
    after: Option<&str>,
    parse: impl Fn(&str) -> Option<K>,
) -> Result<(u64, Option<K>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let max = paging::API_MAX_LIMIT as i64;
    let limit = match limit {
        None => Some(paging::API_DEFAULT_LIMIT),
        Some(n) if (1..=max).contains(&n) => Some(n as u64),
        Some(_) => {
            errors.add("limit", FieldProblem::OutOfRange);
            None
        }
    };
    let after = match after {
        None => Some(None),
        Some(c) => errors.check(
            "after",
            parse(c).map(Some).ok_or(FieldProblem::InvalidChoice),
        ),
    };
    match (limit, after) {
        (Some(l), Some(a)) if errors.is_empty() => Ok((l, a)),
        _ => Err(errors),
    }
}

/// The `Link: <…>; rel="next"` header (RFC 8288) when more follow.
fn next_link(uri: &Uri, cursor: Option<String>) -> Option<(HeaderName, HeaderValue)> {
    let value = paging::link_next(uri.path(), uri.query(), &cursor?);
    Some((header::LINK, HeaderValue::from_str(&value).ok()?))
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

/// Upcoming public sessions, by start time, a page at a time: when more
/// follow, the `Link` header names the next page.
#[utoipa::path(
    get, path = "/sessions", tag = "sessions", params(SessionQuery),
    responses(
        (status = 200, body = [Session], headers(
            ("Link" = String, description = "`<…>; rel=\"next\"` (RFC 8288) while more sessions follow")
        )),
        (status = 400, body = ErrorBody, description = "`bad_request`: a parameter that cannot be read"),
        (status = 404, body = ErrorBody, description = "`not_found`: no municipality is set up"),
        (status = 422, body = ErrorBody, description = "`invalid`: `limit` out of bounds, `after` not a cursor of this list, or a year before 2000 or after 2100"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    ApiQuery(q): ApiQuery<SessionQuery>,
) -> Result<Response, ApiError> {
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
    let mut errors = FieldErrors::default();
    for (field, t) in [("from", from), ("to", to)] {
        if let Some(Err(p)) = t.map(validate::time_in_range) {
            errors.add(field, p);
        }
    }
    let page = page_params(q.limit, q.after.as_deref(), paging::parse_session_cursor);
    if let Err(more) = &page {
        errors.0.extend(more.0.iter().cloned());
    }
    let (limit, after) = match page {
        Ok(p) if errors.is_empty() => p,
        _ => return Err(ApiError::from_service(loc, ServiceError::Invalid(errors))),
    };
    let m = public_municipality(&state, &headers).await?;
    let page = if from.is_none() && to.is_none() && q.programme.is_none() {
        // The common case, from the cache of upcoming sessions.
        let all = state
            .public_sessions(m)
            .await
            .map_err(|e| ApiError::from_service(loc, e))?;
        let rest: Vec<SessionView> = all
            .iter()
            .filter(|v| after.is_none_or(|k| (v.session.starts_at, v.session.id) > k))
            .take(limit as usize + 1)
            .cloned()
            .collect();
        Page::from_rows(rest, limit)
    } else {
        let filter = ListFilter {
            from,
            to,
            programme_id: q.programme,
            ..Default::default()
        };
        svc::list_public_page(&state.core, m, &filter, after, limit)
            .await
            .map_err(|e| ApiError::from_service(loc, e))?
    };
    let cursor = page
        .more
        .then(|| page.items.last())
        .flatten()
        .map(|v| paging::session_cursor((v.session.starts_at, v.session.id)));
    let body = Json(page.items.iter().map(Session::from).collect::<Vec<_>>());
    Ok(match next_link(&uri, cursor) {
        Some(link) => ([link], body).into_response(),
        None => body.into_response(),
    })
}

/// One public session with its agenda.
#[utoipa::path(
    get, path = "/sessions/{id}", tag = "sessions",
    params(("id" = i64, Path, description = "The session's id")),
    responses(
        (status = 200, body = SessionDetail),
        (status = 404, body = ErrorBody, description = "`not_found`: no such public session"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
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
    #[schema(min_length = 1, max_length = 120)]
    name: String,
    /// Lower-cased when stored; one sign-up per e-mail (or phone) and session.
    #[schema(max_length = 254)]
    email: Option<String>,
    /// A Danish number of 8 digits, or a foreign one starting with `+`.
    #[schema(max_length = 30)]
    phone: Option<String>,
    /// Needs staff should prepare for.
    #[serde(default)]
    #[schema(value_type = Vec<NeedName>, max_items = 2)]
    needs: Vec<String>,
    /// Other needs, in the person's words.
    #[schema(max_length = 500)]
    needs_other: Option<String>,
}

/// A need a participant can state.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum NeedName {
    HearingLoop,
    Wheelchair,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationCreated {
    id: i64,
    #[schema(value_type = SignupStatus)]
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
    params(("id" = i64, Path, description = "The session's id")),
    responses(
        (status = 201, body = RegistrationCreated),
        (status = 404, body = ErrorBody, description = "`not_found`: no such public session"),
        (status = 409, body = ErrorBody, description = "`registration_not_open` or `already_registered`"),
        (status = 422, body = ErrorBody, description = "`invalid`: field errors"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many sign-ups from this address; see `Retry-After`"),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    ApiPath(id): ApiPath<i64>,
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
            status: r.registration.status.as_str().into(),
            waitlist_position: r.waitlist_position,
            cancel_token: r.cancel_token,
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct CancelRequest {
    /// The `cancel_token` of the sign-up, or the secret in its cancel link.
    #[schema(min_length = 1, max_length = 100)]
    cancel_token: String,
}

#[derive(Serialize, ToSchema)]
pub struct CancelResponse {
    #[schema(value_type = CancelledStatus)]
    status: String,
    /// The registration promoted from the waiting list into the freed seat.
    promoted: Option<i64>,
}

/// Cancels a sign-up with its cancel token. The same token again: 410.
#[utoipa::path(
    post, path = "/registrations/cancel", tag = "sessions", request_body = CancelRequest,
    responses(
        (status = 200, body = CancelResponse),
        (status = 404, body = ErrorBody, description = "`not_found`: no sign-up has this token"),
        (status = 409, body = ErrorBody, description = "`session_cancelled` or `session_started`: nothing changed"),
        (status = 410, body = ErrorBody, description = "`gone`: the token was used already"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many cancellations from this address; see `Retry-After`"),
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
        status: samvirke_domain::RegistrationStatus::Cancelled
            .as_str()
            .into(),
        promoted: r.promoted.map(|p| p.id),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct PartnerRequest {
    /// Another organisation of the municipality; each at most once.
    organisation_id: i64,
    /// `view`: sees that it exists and when; `run`: also the participants.
    #[schema(value_type = PartnerLevelName)]
    level: String,
}

/// How far a partner organisation takes part.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum PartnerLevelName {
    View,
    Run,
}

#[derive(Deserialize, ToSchema)]
pub struct AgendaItemRequest {
    #[schema(min_length = 1, max_length = 200)]
    title: String,
    #[schema(minimum = 1, maximum = 600)]
    minutes: i32,
    /// The owner or one of the partners.
    organisation_id: i64,
    competence_id: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
pub struct ProgrammeRequest {
    #[schema(min_length = 1, max_length = 200)]
    title: String,
    #[serde(default)]
    #[schema(max_length = 5000)]
    description: String,
    #[schema(min_length = 1, max_length = 200)]
    target_group: String,
    #[serde(default)]
    #[schema(max_items = 50)]
    partners: Vec<PartnerRequest>,
    #[serde(default)]
    #[schema(max_items = 50)]
    agenda: Vec<AgendaItemRequest>,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    id: i64,
}

/// Creates a programme owned by the caller's organisation (coordinators).
#[utoipa::path(
    post, path = "/programmes", tag = "staff", request_body = ProgrammeRequest, security(("bearer" = [])),
    responses(
        (status = 201, body = Created),
        (status = 403, body = ErrorBody, description = "`forbidden`: only coordinators create programmes"),
        (status = 422, body = ErrorBody, description = "`invalid`: field errors, e.g. `partners`: `duplicate`"),
    )
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

/// Every time is in a year from 2000 to 2100.
#[derive(Deserialize, ToSchema)]
pub struct SessionRequest {
    programme_id: i64,
    site_id: i64,
    starts_at: DateTime<FixedOffset>,
    /// After the start.
    ends_at: DateTime<FixedOffset>,
    #[schema(minimum = 1, maximum = 10000)]
    capacity: i32,
    /// Default: now.
    signup_opens_at: Option<DateTime<FixedOffset>>,
    /// After sign-up opens. Default: the start.
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
    responses(
        (status = 201, body = Created),
        (status = 403, body = ErrorBody, description = "`forbidden`: only coordinators of the programme's owner"),
        (status = 422, body = ErrorBody, description = "`invalid`: field errors, e.g. a year before 2000 or after 2100"),
    )
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
    #[schema(value_type = Vec<NeedName>)]
    needs: Vec<String>,
    needs_other: Option<String>,
    #[schema(value_type = RegistrationStatus)]
    status: String,
    #[schema(value_type = Channel)]
    channel: String,
    #[schema(value_type = Option<Attendance>)]
    attendance: Option<String>,
}

/// Where a sign-up stands after it was made.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum SignupStatus {
    Confirmed,
    Waitlisted,
}

/// What a cancellation answers.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum CancelledStatus {
    Cancelled,
}

/// Where a registration stands.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum RegistrationStatus {
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// How the person was signed up.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum Channel {
    Online,
    Phone,
    WalkIn,
}

/// Check-in on the day.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum Attendance {
    Attended,
    NoShow,
}

/// The registrations of a session, everyone whatever their status, by id,
/// a page at a time (owner and `run` partners; each read is audit-logged).
/// When more follow, the `Link` header names the next page.
#[utoipa::path(
    get, path = "/sessions/{id}/registrations", tag = "staff", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The session's id"), PageQuery),
    responses(
        (status = 200, body = [Participant], headers(
            ("Link" = String, description = "`<…>; rel=\"next\"` (RFC 8288) while more registrations follow")
        )),
        (status = 403, body = ErrorBody, description = "`forbidden`: not the owner or a `run` partner"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such session"),
        (status = 422, body = ErrorBody, description = "`invalid`: `limit` out of bounds or `after` not a cursor of this list"),
    )
)]
pub async fn participants(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let loc = api_loc(&headers);
    let (limit, after) = page_params(q.limit, q.after.as_deref(), paging::parse_id_cursor)
        .map_err(|e| ApiError::from_service(loc, ServiceError::Invalid(e)))?;
    let regs = svc::registrations(&state.core, &me.as_actor(), id, after, limit)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    let cursor = regs
        .more
        .then(|| regs.items.last())
        .flatten()
        .map(|r| paging::id_cursor(r.id));
    let body = Json(
        regs.items
            .into_iter()
            .map(|r| Participant {
                id: r.id,
                name: r.name,
                email: r.email,
                phone: r.phone,
                needs: r
                    .needs
                    .into_iter()
                    .map(|n| n.as_str().to_string())
                    .collect(),
                needs_other: r.needs_other,
                status: r.status.as_str().into(),
                channel: r.channel.as_str().into(),
                attendance: r.attendance.map(|a| a.as_str().into()),
            })
            .collect::<Vec<_>>(),
    );
    Ok(match next_link(&uri, cursor) {
        Some(link) => ([link], body).into_response(),
        None => body.into_response(),
    })
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
