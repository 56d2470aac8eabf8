//! Rooms for staff: the rooms one may see or book, booking one (once or
//! weekly, all weeks or none) and its calendar as the caller may see it.

use super::auth::ApiUser;
use super::error::{
    ApiError, ApiJson, ApiPath, ApiQuery, ErrorBody, RoomTakenBody, TimeSpanBody, api_loc,
};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::rooms::{Span, Visibility};
use samvirke_domain::validate::FieldProblem;
use samvirke_service::ServiceError;
use samvirke_service::rooms::{self as svc, Booked, BookingInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&Copenhagen).fixed_offset()
}

#[derive(Serialize, ToSchema)]
pub struct RoomBody {
    id: i64,
    /// The owner's name.
    organisation: String,
    /// The site's name.
    site: String,
    name: String,
    capacity: i32,
}

/// The rooms the caller's organisation owns or may book.
#[utoipa::path(
    get, path = "/rooms", tag = "rooms", security(("bearer" = [])),
    responses((status = 200, body = [RoomBody]))
)]
pub async fn list(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Vec<RoomBody>>, ApiError> {
    let loc = api_loc(&headers);
    let rooms = svc::visible_rooms(&state.core, &me.as_actor())
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(
        rooms
            .into_iter()
            .map(|r| RoomBody {
                id: r.id,
                organisation: r.organisation,
                site: r.site,
                name: r.name,
                capacity: r.capacity,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookingRequest {
    starts_at: DateTime<FixedOffset>,
    /// After `starts_at`, at most 24 hours later.
    ends_at: DateTime<FixedOffset>,
    #[schema(min_length = 1, max_length = 200)]
    title: String,
    /// `public` (title shown), `internal` (organisation shown to staff) or
    /// `discreet` (others see only that the room is taken).
    #[schema(example = "discreet")]
    visibility: String,
    /// Book the same time this many weeks in a row (1 = once).
    #[schema(minimum = 1, maximum = 52)]
    repeat_weeks: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct Booking {
    /// One per week, in order.
    ids: Vec<i64>,
    /// `confirmed`, or `pending` while the owner's approval is awaited.
    status: &'static str,
}

fn spans(list: Vec<Span>) -> Vec<TimeSpanBody> {
    list.into_iter()
        .map(|s| TimeSpanBody {
            starts_at: local(s.start),
            ends_at: local(s.end),
        })
        .collect()
}

/// Books a room for the caller's organisation, once or for `repeat_weeks`
/// weeks at the same time: all weeks or none. A room is never
/// double-booked: an overlap is 409 with the clashing times and the free
/// times that day. A booking of an organisation that needs the owner's
/// approval waits as `pending` (and holds the time).
#[utoipa::path(
    post, path = "/rooms/{id}/bookings", tag = "rooms", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The room")),
    request_body = BookingRequest,
    responses(
        (status = 201, body = Booking),
        (status = 403, body = ErrorBody, description = "`forbidden`"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such room, or not one the caller may book"),
        (status = 409, body = ErrorBody, description = "`room_taken`, with `clashes` (the bookings in the way) and `free` (the free times that day): nothing is booked"),
        (status = 422, body = ErrorBody, description = "`invalid`: times out of range, in the past, the end not after the start, no title, an unknown visibility, weeks out of 1–52"),
    )
)]
pub async fn book(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<BookingRequest>,
) -> Result<Response, ApiError> {
    let loc = api_loc(&headers);
    let visibility = req.visibility.parse::<Visibility>().map_err(|_| {
        ApiError::from_service(
            loc,
            ServiceError::invalid("visibility", FieldProblem::InvalidChoice),
        )
    })?;
    let input = BookingInput {
        starts_at: req.starts_at.with_timezone(&Utc),
        ends_at: req.ends_at.with_timezone(&Utc),
        title: req.title,
        visibility,
        repeat_weeks: req.repeat_weeks.unwrap_or(1),
    };
    match svc::book(&state.core, &me.as_actor(), id, &input)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?
    {
        Booked::Done { ids, pending } => Ok((
            StatusCode::CREATED,
            Json(Booking {
                ids,
                status: if pending { "pending" } else { "confirmed" },
            }),
        )
            .into_response()),
        Booked::Clash { clashes, free } => {
            let mut err = ApiError::new(loc, StatusCode::CONFLICT, "room_taken");
            err.body.room_taken = Box::new(RoomTakenBody {
                clashes: spans(clashes),
                free: spans(free),
            });
            Err(err)
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeQuery {
    /// From this time (RFC 3339).
    from: DateTime<FixedOffset>,
    /// Until this time, after `from`, at most 62 days later.
    to: DateTime<FixedOffset>,
}

#[derive(Serialize, ToSchema)]
pub struct BookingBody {
    id: i64,
    starts_at: DateTime<FixedOffset>,
    ends_at: DateTime<FixedOffset>,
    /// `public`, `internal` or `discreet`.
    visibility: String,
    /// Absent when the caller may not see it (another organisation's
    /// internal or discreet booking), or after a discreet meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    /// Absent for another organisation's discreet booking.
    #[serde(skip_serializing_if = "Option::is_none")]
    organisation: Option<String>,
}

/// A room's bookings (confirmed and waiting) between `from` and `to`, as the
/// caller may see them: another organisation's discreet booking carries no
/// title and no organisation.
#[utoipa::path(
    get, path = "/rooms/{id}/bookings", tag = "rooms", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The room"), RangeQuery),
    responses(
        (status = 200, body = [BookingBody]),
        (status = 404, body = ErrorBody, description = "`not_found`: no such room, or not one the caller may see"),
        (status = 422, body = ErrorBody, description = "`invalid`: times out of range, `to` not after `from`, or more than 62 days"),
    )
)]
pub async fn bookings(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<RangeQuery>,
) -> Result<Json<Vec<BookingBody>>, ApiError> {
    let loc = api_loc(&headers);
    let list = svc::bookings(
        &state.core,
        &me.as_actor(),
        id,
        q.from.with_timezone(&Utc),
        q.to.with_timezone(&Utc),
    )
    .await
    .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(
        list.into_iter()
            .map(|b| BookingBody {
                id: b.id,
                starts_at: local(b.starts_at),
                ends_at: local(b.ends_at),
                visibility: b.visibility.as_str().into(),
                title: b.title,
                organisation: b.organisation,
            })
            .collect(),
    ))
}
