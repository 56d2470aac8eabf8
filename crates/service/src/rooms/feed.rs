//! A room's calendar as an iCalendar feed behind a secret link of one
//! staff member: it shows what that person's organisation may see, and
//! stops when they leave or lose access to the room.

use super::booking::{as_seen_by, org_names};
use super::room_for;
use crate::error::Result;
use crate::ics::{IcsEvent, calendar};
use crate::secret::{new_token, token_hash};
use crate::{Core, ServiceError, signed_in};
use chrono::Duration;
use samvirke_domain::{Action, Actor, MunicipalityId, StaffId};
use samvirke_store::{Scope, rooms as q, staff};

/// Makes a secret link to a room's calendar for the actor; their old link
/// to this room stops working. Returns the secret.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room_feed", resource_id = room_id))]
pub async fn create_feed_link(core: &Core, actor: &Actor, room_id: i64) -> Result<String> {
    let (scope, _, _) = room_for(core, actor, room_id, Action::Read).await?;
    let me = signed_in(actor)?;
    let token = new_token();
    q::create_feed(
        &core.db.write,
        scope,
        room_id,
        me.staff.0,
        &token_hash(&token),
        core.now(),
    )
    .await?;
    Ok(token)
}

/// The iCalendar text behind a room link: the last 30 days and the coming
/// year, as the link's owner may see them. `taken` is what a booking they
/// may not see says ("Optaget", "Busy"), in the link's language.
#[tracing::instrument(skip_all, fields(resource = "room_feed"))]
pub async fn room_feed(core: &Core, token: &str, taken: &str) -> Result<String> {
    let (municipality, room_id, staff_id) = q::room_feed_owner(&core.db.read, &token_hash(token))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(MunicipalityId(municipality));
    let person = staff::get(&core.db.read, scope, StaffId(staff_id))
        .await?
        .filter(|p| p.active)
        .ok_or(ServiceError::NotFound)?;
    let reader = Actor::Staff(crate::auth::staff_actor(&person));
    // The reader must still be allowed to see the room.
    let (_, room, _) = room_for(core, &reader, room_id, Action::Read).await?;
    let now = core.now();
    let rows = q::holding_between(
        &core.db.read,
        scope,
        room_id,
        now - Duration::days(30),
        now + Duration::days(366),
    )
    .await?;
    let names = org_names(core, scope).await?;
    let seen: Vec<_> = rows
        .into_iter()
        .map(|b| as_seen_by(b, samvirke_domain::OrgId(person.organisation_id), &names))
        .collect();
    let summaries: Vec<String> = seen
        .iter()
        .map(|b| match (&b.title, &b.organisation) {
            (Some(t), Some(o)) => format!("{t} ({o})"),
            (Some(t), None) => t.clone(),
            (None, Some(o)) => o.clone(),
            (None, None) => taken.to_string(),
        })
        .collect();
    let events: Vec<IcsEvent<'_>> = seen
        .iter()
        .zip(&summaries)
        .map(|(b, summary)| IcsEvent {
            uid: format!("room-booking-{}@samvirke", b.id),
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            summary,
            location: &room.name,
            description: "",
            url: None,
            cancelled: false,
        })
        .collect();
    Ok(calendar(&room.name, &events, now))
}
