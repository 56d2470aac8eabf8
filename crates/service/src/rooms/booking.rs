//! Booking a room, once or weekly, all weeks or none; cancelling; and a
//! room's calendar as the viewer may see it.

use super::room_for;
use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, Duration, Utc};
use samvirke_domain::rooms::{
    BOOKING_HOURS_MAX, BookingStatus, REPEAT_WEEKS_MAX, Span, Visibility, free_around, shown_to,
    weekly,
};
use samvirke_domain::validate::{FieldErrors, FieldProblem, required_line, time_in_range};
use samvirke_domain::{Action, Actor, OrgId, Resource};
use samvirke_store::entity::room_booking;
use samvirke_store::{Scope, orgs, rooms as q};

pub const TITLE_MAX: usize = 200;
/// The longest span one calendar read may cover.
pub const RANGE_DAYS_MAX: i64 = 62;

/// A booking as asked for.
#[derive(Debug, Clone)]
pub struct BookingInput {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub title: String,
    pub visibility: Visibility,
    /// How many weeks in a row, 1 for once.
    pub repeat_weeks: u32,
}

/// What came of a booking request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Booked {
    /// Every week booked: the ids, in order. `pending` when they wait for
    /// the owner's approval.
    Done { ids: Vec<i64>, pending: bool },
    /// Nothing booked: the times that clash, and the free times on the day
    /// of the first clash.
    Clash { clashes: Vec<Span>, free: Vec<Span> },
}

/// Checks a request: times in range, the end after the start, not longer
/// than a day, not in the past; a title; 1 to 52 weeks.
fn check(core: &Core, input: &BookingInput) -> Result<(String, Vec<Span>)> {
    let mut errors = FieldErrors::default();
    errors.check("starts_at", time_in_range(input.starts_at));
    errors.check("ends_at", time_in_range(input.ends_at));
    let title = errors.check("title", required_line(&input.title, TITLE_MAX));
    if !(1..=REPEAT_WEEKS_MAX).contains(&input.repeat_weeks) {
        errors.add("repeat_weeks", FieldProblem::OutOfRange);
    }
    let first = Span::new(input.starts_at, input.ends_at);
    match first {
        None => errors.add("ends_at", FieldProblem::EndBeforeStart),
        Some(s) if s.end - s.start > Duration::hours(BOOKING_HOURS_MAX) => {
            errors.add("ends_at", FieldProblem::OutOfRange)
        }
        Some(s) if s.start < core.now() => errors.add("starts_at", FieldProblem::InPast),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let (Some(title), Some(first)) = (title, first) else {
        return Err(ServiceError::Invalid(errors));
    };
    let weeks = weekly(first, input.repeat_weeks)
        .ok_or_else(|| ServiceError::invalid("starts_at", FieldProblem::InvalidTime))?;
    if let Some(last) = weeks.last() {
        time_in_range(last.end).map_err(|p| ServiceError::invalid("repeat_weeks", p))?;
    }
    Ok((title, weeks))
}

/// Books a room for the actor's organisation: every week or none. In one
/// transaction that first takes the room's lock, so two requests for the
/// same time never both succeed. An owner's own booking and one of an
/// organisation without approval are confirmed; others wait for approval
/// (and hold the time meanwhile).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room", resource_id = room_id))]
pub async fn book(
    core: &Core,
    actor: &Actor,
    room_id: i64,
    input: &BookingInput,
) -> Result<Booked> {
    let (scope, room, _) = room_for(core, actor, room_id, Action::Create).await?;
    let me = signed_in(actor)?;
    let (title, weeks) = check(core, input)?;
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return Err(ServiceError::invalid(
            "repeat_weeks",
            FieldProblem::OutOfRange,
        ));
    };
    let txn = core.db.begin_write().await?;
    if !q::lock_room(&txn, scope, room_id).await? {
        return Err(ServiceError::NotFound);
    }
    // Access as it is now that the room is locked: an edit that removed
    // the organisation's access, or added approval, has committed.
    let needs_approval = if room.organisation_id == me.org.0 {
        false
    } else {
        match q::access_of_org(&txn, scope, room_id, me.org).await? {
            Some(approval) => approval,
            None => {
                txn.rollback().await?;
                return Err(ServiceError::NotFound);
            }
        }
    };
    let status = if needs_approval {
        BookingStatus::Pending
    } else {
        BookingStatus::Confirmed
    };
    let held: Vec<Span> = q::holding_between(&txn, scope, room_id, first.start, last.end)
        .await?
        .iter()
        .filter_map(|b| Span::new(b.starts_at, b.ends_at))
        .collect();
    let clashes: Vec<Span> = held
        .iter()
        .filter(|h| weeks.iter().any(|w| w.overlaps(h)))
        .copied()
        .collect();
    if let Some(c) = clashes.first() {
        txn.rollback().await?;
        let wanted = weeks
            .iter()
            .find(|w| w.overlaps(c))
            .copied()
            .unwrap_or(*first);
        let day = day_around(wanted);
        let busy: Vec<Span> = q::holding_between(&core.db.read, scope, room_id, day.start, day.end)
            .await?
            .iter()
            .filter_map(|b| Span::new(b.starts_at, b.ends_at))
            .collect();
        return Ok(Booked::Clash {
            clashes,
            free: free_around(wanted, &busy),
        });
    }
    let mut ids = Vec::with_capacity(weeks.len());
    let mut series = None;
    for w in &weeks {
        let b = q::insert_booking(
            &txn,
            scope,
            q::NewBooking {
                room_id,
                org: me.org,
                booked_by: me.staff.0,
                starts_at: w.start,
                ends_at: w.end,
                title: &title,
                visibility: input.visibility,
                status,
                series_id: series,
            },
            core.now(),
        )
        .await?;
        if weeks.len() > 1 && series.is_none() {
            q::set_series(&txn, scope, b.id, b.id).await?;
            series = Some(b.id);
        }
        ids.push(b.id);
    }
    txn.commit().await?;
    Ok(Booked::Done {
        ids,
        pending: status == BookingStatus::Pending,
    })
}

/// The whole Copenhagen day around a span, give or take a day.
fn day_around(s: Span) -> Span {
    Span {
        start: s.start - Duration::days(1),
        end: s.end + Duration::days(1),
    }
}

/// A booking as one viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingView {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub visibility: Visibility,
    /// None when the viewer may not see it, or it was purged.
    pub title: Option<String>,
    pub organisation: Option<String>,
    /// The viewer's organisation made it (and may cancel it).
    pub own: bool,
    pub pending: bool,
}

pub(crate) fn as_seen_by(
    b: room_booking::Model,
    viewer: OrgId,
    org_name: impl Fn(i64) -> String,
) -> BookingView {
    let visibility = b.visibility();
    let shown = shown_to(visibility, b.organisation_id, viewer.0);
    BookingView {
        id: b.id,
        starts_at: b.starts_at,
        ends_at: b.ends_at,
        visibility,
        title: if shown.title { b.title.clone() } else { None },
        organisation: shown.organisation.then(|| org_name(b.organisation_id)),
        own: b.organisation_id == viewer.0,
        pending: b.status() == BookingStatus::Pending,
    }
}

/// A room's bookings that hold time in `[from, to)` (at most 62 days), as
/// the actor's organisation may see them: another organisation's discreet
/// booking carries no title and no organisation.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room", resource_id = room_id))]
pub async fn bookings(
    core: &Core,
    actor: &Actor,
    room_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<BookingView>> {
    let (scope, _room, _) = room_for(core, actor, room_id, Action::Read).await?;
    let me = signed_in(actor)?;
    check_range(from, to)?;
    let rows = q::holding_between(&core.db.read, scope, room_id, from, to).await?;
    let names = org_names(core, scope).await?;
    Ok(rows
        .into_iter()
        .map(|b| as_seen_by(b, me.org, &names))
        .collect())
}

pub(crate) fn check_range(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<()> {
    time_in_range(from).map_err(|p| ServiceError::invalid("from", p))?;
    time_in_range(to).map_err(|p| ServiceError::invalid("to", p))?;
    if to <= from {
        return Err(ServiceError::invalid("to", FieldProblem::EndBeforeStart));
    }
    if to - from > Duration::days(RANGE_DAYS_MAX) {
        return Err(ServiceError::invalid("to", FieldProblem::OutOfRange));
    }
    Ok(())
}

pub(crate) async fn org_names(core: &Core, scope: Scope) -> Result<impl Fn(i64) -> String> {
    let all = orgs::list_organisations(&core.db.read, scope).await?;
    Ok(move |id: i64| {
        all.iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    })
}

/// Cancels a booking of the actor's organisation (confirmed or waiting).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room_booking", resource_id = booking_id))]
pub async fn cancel(core: &Core, actor: &Actor, booking_id: i64) -> Result<()> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let b = q::booking(&core.db.read, scope, booking_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    // A booking of a room the actor cannot see does not exist for them.
    room_for(core, actor, b.room_id, Action::Read).await?;
    require(
        actor,
        Action::Deactivate,
        Resource::RoomBooking {
            municipality: me.municipality,
            booker: OrgId(b.organisation_id),
        },
    )?;
    let from = b.status();
    if !from.holds_time()
        || !q::change_status(
            &core.db.write,
            scope,
            booking_id,
            from,
            BookingStatus::Cancelled,
        )
        .await?
    {
        return Err(ServiceError::Gone);
    }
    Ok(())
}

/// Retention: the text of every discreet booking is deleted once its
/// meeting is over, in every municipality. Returns how many.
pub async fn forget_discreet_titles(core: &Core) -> Result<u64> {
    Ok(q::purge_discreet_titles_ended_before(&core.db.write, core.now()).await?)
}
