//! Editing a room (the owner's coordinators): its name, capacity,
//! equipment, and which organisations may book it, with or without
//! approval. Bookings already made stay; an organisation whose access is
//! removed cannot book anew, because the edit and every booking take the
//! room's lock and a booking reads its access again after taking it.

use super::{Room, RoomFields, RoomInput, check_fields, checked_access, room_for};
use crate::error::Result;
use crate::{Core, ServiceError};
use samvirke_domain::validate::FieldProblem;
use samvirke_domain::{Action, Actor, OrgId};
use samvirke_store::rooms as q;

/// A room as its edit form shows it: only for those who may edit it.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room", resource_id = room_id))]
pub async fn room_to_edit(core: &Core, actor: &Actor, room_id: i64) -> Result<Room> {
    room_for(core, actor, room_id, Action::Update).await?;
    super::room(core, actor, room_id).await
}

/// Saves a room's name, capacity, equipment and access (`site_id` of the
/// input is not used: a room stays where it is).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room", resource_id = room_id))]
pub async fn update(core: &Core, actor: &Actor, room_id: i64, input: &RoomInput) -> Result<()> {
    let (scope, r, _) = room_for(core, actor, room_id, Action::Update).await?;
    let (mut errors, fields) = check_fields(input);
    let access = match checked_access(core, scope, OrgId(r.organisation_id), &input.access).await? {
        Ok(list) => list,
        Err(problem) => {
            errors.add("access", problem);
            vec![]
        }
    };
    let (
        Some(RoomFields {
            name,
            capacity,
            equipment,
        }),
        true,
    ) = (fields, errors.is_empty())
    else {
        return Err(ServiceError::Invalid(errors));
    };
    let txn = core.db.begin_write().await?;
    if !q::lock_room(&txn, scope, room_id).await? {
        return Err(ServiceError::NotFound);
    }
    match q::update_room(&txn, scope, room_id, &name, capacity, &equipment).await {
        Ok(_) => {}
        Err(e) if samvirke_store::is_unique_violation(&e) => {
            return Err(ServiceError::invalid("name", FieldProblem::NameTaken));
        }
        Err(e) => return Err(e.into()),
    }
    q::set_access(&txn, scope, room_id, &access).await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces who may book a room (the owner's coordinators).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room", resource_id = room_id))]
pub async fn set_access(
    core: &Core,
    actor: &Actor,
    room_id: i64,
    access: &[(i64, bool)],
) -> Result<()> {
    let (scope, r, _) = room_for(core, actor, room_id, Action::Update).await?;
    let list = checked_access(core, scope, OrgId(r.organisation_id), access)
        .await?
        .map_err(|p| ServiceError::invalid("access", p))?;
    let txn = core.db.begin_write().await?;
    if !q::lock_room(&txn, scope, room_id).await? {
        return Err(ServiceError::NotFound);
    }
    q::set_access(&txn, scope, room_id, &list).await?;
    txn.commit().await?;
    Ok(())
}
