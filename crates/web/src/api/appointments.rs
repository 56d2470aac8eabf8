//! Appointments through the API: the services, their free times, booking
//! one (Samvirke picks a free staff member) and cancelling by token.

use super::auth::ClientAddr;
use super::error::{ApiError, ApiJson, ApiPath, ApiQuery, ErrorBody, api_loc};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::validate::{self, FieldErrors};
use samvirke_domain::{Language, MunicipalityId};
use samvirke_service::ServiceError;
use samvirke_service::appointments::{self as svc, BookingInput, ServiceInfo};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The days a slot search covers when `to` is left out.
const DEFAULT_DAYS: i64 = 14;

fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&Copenhagen).fixed_offset()
}

async fn municipality(state: &AppState, headers: &HeaderMap) -> Result<MunicipalityId, ApiError> {
    match state.public_home().await {
        Ok(m) => Ok(m.id),
        Err(e) => Err(ApiError::from_service(api_loc(headers), e)),
    }
}

#[derive(Serialize, ToSchema)]
pub struct BookableService {
    id: i64,
    /// The organisation that gives it.
    organisation: String,
    title: String,
    /// The length of an appointment.
    minutes: i64,
    /// The site's name, when the service has one.
    site: Option<String>,
}

impl From<&ServiceInfo> for BookableService {
    fn from(s: &ServiceInfo) -> Self {
        BookableService {
            id: s.id,
            organisation: s.organisation.clone(),
            title: s.title.clone(),
            minutes: s.minutes(),
            site: s.site.clone(),
        }
    }
}

/// The services citizens may book.
#[utoipa::path(
    get, path = "/services", tag = "appointments",
    responses(
        (status = 200, body = [BookableService]),
        (status = 404, body = ErrorBody, description = "`not_found`: no municipality is set up"),
    )
)]
pub async fn services(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Vec<BookableService>>, ApiError> {
    let m = municipality(&state, &headers).await?;
    let list = svc::public_services(&state.core, m)
        .await
        .map_err(|e| ApiError::from_service(api_loc(&headers), e))?;
    Ok(Json(list.iter().map(BookableService::from).collect()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotQuery {
    /// The first day (`YYYY-MM-DD`, or an RFC 3339 time whose Copenhagen
    /// date is taken); default today.
    #[param(max_length = 40)]
    from: Option<String>,
    /// The last day, included (as `from`); default 13 days after `from`. At most 92 days in all.
    #[param(max_length = 40)]
    to: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct FreeSlot {
    /// RFC 3339 with the Copenhagen offset.
    starts_at: DateTime<FixedOffset>,
    ends_at: DateTime<FixedOffset>,
    /// How many of the service's staff are free then (at least 1).
    free: u32,
}

/// A day as `YYYY-MM-DD`, or the Copenhagen date of an RFC 3339 time.
fn parse_day(s: &str) -> Option<NaiveDate> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Copenhagen).date_naive());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The free times of a service, by start: a time is listed once however
/// many staff are free then.
#[utoipa::path(
    get, path = "/services/{id}/slots", tag = "appointments", params(("id" = i64, Path, description = "The service's id"), SlotQuery),
    responses(
        (status = 200, body = [FreeSlot]),
        (status = 404, body = ErrorBody, description = "`not_found`: no such bookable service"),
        (status = 422, body = ErrorBody, description = "`invalid`: `to` before `from`, more than 92 days, or a year before 2000 or after 2100"),
    )
)]
pub async fn slots(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<SlotQuery>,
) -> Result<Json<Vec<FreeSlot>>, ApiError> {
    let loc = api_loc(&headers);
    let bad = || ApiError::new(loc, StatusCode::BAD_REQUEST, "bad_request");
    let today = state.core.now().with_timezone(&Copenhagen).date_naive();
    let from = match q.from.as_deref() {
        Some(s) => parse_day(s).ok_or_else(bad)?,
        None => today,
    };
    let to = match q.to.as_deref() {
        Some(s) => parse_day(s).ok_or_else(bad)?,
        None => from
            .checked_add_signed(Duration::days(DEFAULT_DAYS - 1))
            .unwrap_or(from),
    };
    let mut errors = FieldErrors::default();
    for (field, day) in [("from", from), ("to", to)] {
        if let Err(p) = validate::year_in_range(chrono::Datelike::year(&day)) {
            errors.add(field, p);
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::from_service(loc, ServiceError::Invalid(errors)));
    }
    let m = municipality(&state, &headers).await?;
    let list = svc::free_times(&state.core, m, id, from, to)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(
        list.iter()
            .map(|s| FreeSlot {
                starts_at: local(s.starts_at),
                ends_at: local(s.ends_at),
                free: s.free,
            })
            .collect(),
    ))
}

/// A topic of the guided question "Hvad skal du have hjælp til?".
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum TopicName {
    DigitalPost,
    Mitid,
    Skat,
    BorgerDk,
    EbooksFilms,
    Device,
    Other,
}

/// A language the e-mails to a citizen can be in.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum BookingLanguage {
    Da,
    En,
}

#[derive(Deserialize, ToSchema)]
pub struct BookingRequest {
    /// One of the service's free times (`starts_at` of a slot).
    starts_at: DateTime<FixedOffset>,
    #[schema(min_length = 1, max_length = 120)]
    name: String,
    /// E-mail or phone (or both) is needed; the confirmation goes to the e-mail.
    #[schema(max_length = 254)]
    email: Option<String>,
    /// A Danish number of 8 digits, or a foreign one starting with `+`.
    #[schema(max_length = 30)]
    phone: Option<String>,
    /// What the citizen needs help with.
    #[schema(value_type = Option<TopicName>)]
    topic: Option<String>,
    /// Answers to the service's questions, in their order.
    #[serde(default)]
    #[schema(max_items = 3)]
    answers: Vec<String>,
    /// The language of the e-mails; Danish when left out.
    #[serde(default)]
    language: Option<BookingLanguage>,
}

#[derive(Serialize, ToSchema)]
pub struct BookingCreated {
    id: i64,
    /// Keep it: it cancels this appointment once, until the service's deadline.
    cancel_token: String,
}

/// Books a free time; Samvirke picks a free staff member.
#[utoipa::path(
    post, path = "/services/{id}/bookings", tag = "appointments", request_body = BookingRequest,
    params(("id" = i64, Path, description = "The service's id")),
    responses(
        (status = 201, body = BookingCreated),
        (status = 404, body = ErrorBody, description = "`not_found`: no such bookable service"),
        (status = 409, body = ErrorBody, description = "`slot_taken`: nobody is free at that time (any more)"),
        (status = 422, body = ErrorBody, description = "`invalid`: field errors (`starts_at` `out_of_range` when too soon or too far ahead)"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many bookings from this address; see `Retry-After`"),
    )
)]
pub async fn book(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<BookingRequest>,
) -> Result<(StatusCode, Json<BookingCreated>), ApiError> {
    let loc = api_loc(&headers);
    limit(&state, &addr, loc)?;
    let m = municipality(&state, &headers).await?;
    let input = BookingInput {
        starts_at: Some(req.starts_at.with_timezone(&Utc)),
        name: req.name,
        email: req.email.unwrap_or_default(),
        phone: req.phone.unwrap_or_default(),
        topic: req.topic.unwrap_or_default(),
        answers: req.answers,
        language: match req.language {
            Some(BookingLanguage::En) => Language::En,
            _ => Language::Da,
        },
    };
    let booked = svc::book(&state.core, m, id, &input, None)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok((
        StatusCode::CREATED,
        Json(BookingCreated {
            id: booked.id,
            cancel_token: booked.cancel_token,
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct BookingCancelRequest {
    /// The `cancel_token` of the booking, or the secret in its e-mail's link.
    #[schema(min_length = 1, max_length = 100)]
    cancel_token: String,
}

#[derive(Serialize, ToSchema)]
pub struct BookingCancelled {
    /// Always `cancelled`.
    status: String,
}

/// Cancels an appointment by its token, until the service's cancellation
/// deadline. The same token again: 410.
#[utoipa::path(
    post, path = "/bookings/cancel", tag = "appointments", request_body = BookingCancelRequest,
    responses(
        (status = 200, body = BookingCancelled),
        (status = 404, body = ErrorBody, description = "`not_found`: no appointment has this token"),
        (status = 409, body = ErrorBody, description = "`cancel_deadline_passed`: too close to the appointment; nothing changed"),
        (status = 410, body = ErrorBody, description = "`gone`: cancelled already, or the appointment is over"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many cancellations from this address; see `Retry-After`"),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    ApiJson(req): ApiJson<BookingCancelRequest>,
) -> Result<Json<BookingCancelled>, ApiError> {
    let loc = api_loc(&headers);
    limit(&state, &addr, loc)?;
    svc::cancel_appointment(&state.core, &req.cancel_token)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(BookingCancelled {
        status: "cancelled".into(),
    }))
}

/// The per-address limit on public actions; 429 with Retry-After when over it.
fn limit(state: &AppState, addr: &str, loc: crate::i18n::Loc) -> Result<(), ApiError> {
    state
        .public_limit
        .hit(addr, state.core.now())
        .map_err(|wait| {
            ApiError::from_service(
                loc,
                ServiceError::Throttled {
                    retry_after_secs: wait,
                },
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_dates_and_times() {
        assert_eq!(
            parse_day("2026-12-01"),
            NaiveDate::from_ymd_opt(2026, 12, 1)
        );
        assert_eq!(
            parse_day("2026-11-30T23:30:00Z"),
            NaiveDate::from_ymd_opt(2026, 12, 1),
            "Copenhagen's date"
        );
        assert_eq!(parse_day("i morgen"), None);
    }
}
