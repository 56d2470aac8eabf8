//! Rooms (`/lokaler`): the rooms one's organisation owns or may book, a
//! room's day and week (`day`), booking and cancelling, the owner's
//! approval queue (`queue`), defining a room (`new`) and editing it (`edit`).

mod day;
mod edit;
mod new;
mod queue;

pub use day::*;
pub use edit::*;
pub use new::*;
pub use queue::*;

use super::errors::PageError;
use super::{Chrome, chrome, render};
use crate::http::StaffCtx;
use askama::Template;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::{OrgKind, Role};
use samvirke_service::rooms::{self as svc, Room};

struct RoomRow {
    room: Room,
    access: String,
}

#[derive(Template)]
#[template(path = "rooms_list.html")]
struct ListPage {
    c: Chrome,
    rooms: Vec<RoomRow>,
    can_define: bool,
    can_refer: bool,
}

pub async fn list(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let c = chrome(&ctx, "rooms-heading", "/lokaler").await?;
    let rooms = svc::visible_rooms(&ctx.state.core, &me.as_actor()).await?;
    let loc = ctx.loc;
    let rows = rooms
        .into_iter()
        .map(|r| RoomRow {
            access: if r.own {
                loc.t("rooms-access-own")
            } else if r.needs_approval {
                loc.t("rooms-access-approval")
            } else {
                loc.t("rooms-access-free")
            },
            room: r,
        })
        .collect();
    Ok(render(&ListPage {
        c,
        rooms: rows,
        can_define: me.actor.has(Role::Coordinator),
        can_refer: matches!(me.org_kind, OrgKind::Library | OrgKind::CitizenService),
    }))
}

/// A Copenhagen date and time of day as an instant; the earlier of two
/// when the clock is set back.
pub(crate) fn instant(day: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    Copenhagen
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

pub(crate) fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

pub(crate) fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// A query parameter of this page's address.
pub(crate) fn param(here: &str, name: &str) -> Option<String> {
    let query = here.split_once('?')?.1;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}
