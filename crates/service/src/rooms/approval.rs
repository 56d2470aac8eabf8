//! The owner's approval queue: requests from organisations whose bookings
//! need approval. A discreet request shows its organisation (needed to
//! decide) but never its title.

use super::booking::org_names;
use super::room_for;
use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, Utc};
use samvirke_domain::rooms::{BookingStatus, Visibility};
use samvirke_domain::{Action, Actor, Resource};
use samvirke_store::{Scope, rooms as q};

/// One request waiting for approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: i64,
    pub room_id: i64,
    pub room: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub organisation: String,
    pub visibility: Visibility,
    /// None for a discreet request.
    pub title: Option<String>,
}

/// The requests for the rooms of the actor's organisation (its coordinators).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room_queue"))]
pub async fn queue(core: &Core, actor: &Actor) -> Result<Vec<Request>> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Update,
        Resource::Room {
            municipality: me.municipality,
            owner: me.org,
            access: false,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let rooms = q::rooms(&core.db.read, scope).await?;
    let names = org_names(core, scope).await?;
    Ok(q::pending_of_owner(&core.db.read, scope, me.org)
        .await?
        .into_iter()
        .map(|b| {
            let visibility = b.visibility();
            Request {
                id: b.id,
                room_id: b.room_id,
                room: rooms
                    .iter()
                    .find(|r| r.id == b.room_id)
                    .map(|r| r.name.clone())
                    .unwrap_or_default(),
                starts_at: b.starts_at,
                ends_at: b.ends_at,
                organisation: names(b.organisation_id),
                title: (visibility != Visibility::Discreet)
                    .then(|| b.title.clone())
                    .flatten(),
                visibility,
            }
        })
        .collect())
}

/// Approves or refuses a waiting request (the owner's coordinators). A
/// request answered already is `Gone`.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room_booking", resource_id = booking_id))]
pub async fn answer(core: &Core, actor: &Actor, booking_id: i64, approve: bool) -> Result<()> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let b = q::booking(&core.db.read, scope, booking_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    room_for(core, actor, b.room_id, Action::Update).await?;
    let to = if approve {
        BookingStatus::Confirmed
    } else {
        BookingStatus::Refused
    };
    // The request held its time while it waited, so approving cannot clash.
    if !q::change_status(
        &core.db.write,
        scope,
        booking_id,
        BookingStatus::Pending,
        to,
    )
    .await?
    {
        return Err(ServiceError::Gone);
    }
    Ok(())
}
