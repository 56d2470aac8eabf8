//! Rooms: the owner's coordinators define rooms at their sites and who else
//! may book them; staff of the owner and of those organisations see and book
//! them. A folder by job: `booking` (book, cancel, the calendar as a viewer
//! may see it), `approval` (the owner's queue), `feed` (iCalendar links),
//! `edit` (a room's name, capacity, equipment and who may book it).

mod approval;
mod booking;
mod edit;
mod feed;

pub use approval::*;
pub use booking::*;
pub use edit::*;
pub use feed::*;

use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use samvirke_domain::validate::{FieldErrors, FieldProblem, optional_text, required_line};
use samvirke_domain::{Action, Actor, MunicipalityId, OrgId, Resource};
use samvirke_store::entity::{organisation, room, room_access, site};
use samvirke_store::{Scope, orgs, rooms as q};

/// A room as the staff who may see it read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub id: i64,
    pub organisation_id: i64,
    /// The owner's name.
    pub organisation: String,
    pub site: String,
    pub name: String,
    pub capacity: i32,
    pub equipment: String,
    /// The viewer's organisation owns it.
    pub own: bool,
    /// The viewer's organisation's bookings wait for the owner's approval.
    pub needs_approval: bool,
    /// The viewer may define it and answer requests (the owner's coordinators).
    pub can_manage: bool,
    /// Organisations besides the owner that may book it: (id, name, needs approval).
    pub access: Vec<(i64, String, bool)>,
}

/// The most rooms one municipality may hold.
pub const ROOMS_MAX: usize = 500;
pub const NAME_MAX: usize = 100;
pub const EQUIPMENT_MAX: usize = 500;
pub const CAPACITY_MAX: i32 = 1000;

/// The viewer's access to a room: None when their organisation neither
/// owns it nor was given access; Some(needs approval) otherwise.
fn access_of(r: &room::Model, access: &[room_access::Model], viewer: OrgId) -> Option<bool> {
    if r.organisation_id == viewer.0 {
        return Some(false);
    }
    access
        .iter()
        .find(|a| a.room_id == r.id && a.organisation_id == viewer.0)
        .map(|a| a.needs_approval)
}

fn resource(m: MunicipalityId, r: &room::Model, access: Option<bool>) -> Resource {
    Resource::Room {
        municipality: m,
        owner: OrgId(r.organisation_id),
        access: access.is_some(),
    }
}

/// A room of the actor's municipality after the policy for `action`. A
/// room the actor's organisation may not see is "not found".
pub(crate) async fn room_for(
    core: &Core,
    actor: &Actor,
    id: i64,
    action: Action,
) -> Result<(Scope, room::Model, bool)> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let r = q::room(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let access = q::access(&core.db.read, scope).await?;
    let mine = access_of(&r, &access, me.org);
    let res = resource(me.municipality, &r, mine);
    if !samvirke_domain::authorize(actor, Action::Read, res).is_allowed() {
        return Err(ServiceError::NotFound);
    }
    require(actor, action, res)?;
    Ok((scope, r, mine.unwrap_or(false)))
}

fn room_view(
    r: room::Model,
    viewer: &samvirke_domain::StaffActor,
    access: &[room_access::Model],
    orgs: &[organisation::Model],
    sites: &[site::Model],
) -> Room {
    let name_of = |id: i64| {
        orgs.iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let mine = access_of(&r, access, viewer.org);
    let can_manage = samvirke_domain::authorize(
        &Actor::Staff(viewer.clone()),
        Action::Update,
        resource(viewer.municipality, &r, mine),
    )
    .is_allowed();
    let mut others: Vec<(i64, String, bool)> = access
        .iter()
        .filter(|a| a.room_id == r.id)
        .map(|a| {
            (
                a.organisation_id,
                name_of(a.organisation_id),
                a.needs_approval,
            )
        })
        .collect();
    others.sort_by(|a, b| a.1.cmp(&b.1));
    Room {
        id: r.id,
        organisation_id: r.organisation_id,
        organisation: name_of(r.organisation_id),
        site: sites
            .iter()
            .find(|s| s.id == r.site_id)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        own: r.organisation_id == viewer.org.0,
        needs_approval: mine.unwrap_or(false),
        can_manage,
        access: if can_manage { others } else { vec![] },
        name: r.name,
        capacity: r.capacity,
        equipment: r.equipment,
    }
}

/// The rooms the actor's organisation owns or may book, by name.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "rooms"))]
pub async fn visible_rooms(core: &Core, actor: &Actor) -> Result<Vec<Room>> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let all = q::rooms(&core.db.read, scope).await?;
    let access = q::access(&core.db.read, scope).await?;
    let orgs_ = orgs::list_organisations(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let mut out = Vec::new();
    for r in all {
        let res = resource(me.municipality, &r, access_of(&r, &access, me.org));
        if samvirke_domain::authorize(actor, Action::Read, res).is_allowed() {
            out.push(room_view(r, me, &access, &orgs_, &sites));
        }
    }
    // Asks the policy for the empty list too: a signed-in actor of the municipality.
    require(
        actor,
        Action::Read,
        Resource::Organisations {
            municipality: me.municipality,
        },
    )?;
    Ok(out)
}

/// One room the actor may see.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room", resource_id = id))]
pub async fn room(core: &Core, actor: &Actor, id: i64) -> Result<Room> {
    let (scope, r, _) = room_for(core, actor, id, Action::Read).await?;
    let me = signed_in(actor)?;
    let access = q::access(&core.db.read, scope).await?;
    let orgs_ = orgs::list_organisations(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    Ok(room_view(r, me, &access, &orgs_, &sites))
}

/// A room as its owner's coordinator defines it.
#[derive(Debug, Clone, Default)]
pub struct RoomInput {
    pub site_id: i64,
    pub name: String,
    pub capacity: String,
    pub equipment: String,
    /// Other organisations that may book it: (id, needs approval).
    pub access: Vec<(i64, bool)>,
}

/// The sites of the actor's own organisation: where its rooms can be.
pub async fn own_sites(core: &Core, actor: &Actor) -> Result<Vec<(i64, String)>> {
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
    Ok(orgs::list_sites(&core.db.read, scope)
        .await?
        .into_iter()
        .filter(|s| s.organisation_id == me.org.0)
        .map(|s| (s.id, s.name))
        .collect())
}

/// Makes a room at a site of the actor's organisation (its coordinators),
/// with the organisations that may book it. Returns its id.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "room"))]
pub async fn create(core: &Core, actor: &Actor, input: &RoomInput) -> Result<i64> {
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
    let (mut errors, fields) = check_fields(input);
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    if !sites
        .iter()
        .any(|s| s.id == input.site_id && s.organisation_id == me.org.0)
    {
        errors.add("site_id", FieldProblem::InvalidChoice);
    }
    let access = match checked_access(core, scope, me.org, &input.access).await? {
        Ok(list) => list,
        Err(problem) => {
            errors.add("access", problem);
            vec![]
        }
    };
    if q::rooms(&core.db.read, scope).await?.len() >= ROOMS_MAX {
        errors.add("name", FieldProblem::TooMany);
    }
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
    let created = q::create_room(
        &txn,
        scope,
        q::NewRoom {
            org: me.org,
            site_id: input.site_id,
            name: &name,
            capacity,
            equipment: &equipment,
        },
        core.now(),
    )
    .await;
    let created = match created {
        Ok(r) => r,
        Err(e) if samvirke_store::is_unique_violation(&e) => {
            return Err(ServiceError::invalid("name", FieldProblem::NameTaken));
        }
        Err(e) => return Err(e.into()),
    };
    q::set_access(&txn, scope, created.id, &access).await?;
    txn.commit().await?;
    Ok(created.id)
}

/// A room's checked name, capacity and equipment.
struct RoomFields {
    name: String,
    capacity: i32,
    equipment: String,
}

/// Checks the typed name, capacity and equipment: the problems, and the
/// fields when there are none.
fn check_fields(input: &RoomInput) -> (FieldErrors, Option<RoomFields>) {
    let mut errors = FieldErrors::default();
    let name = errors.check("name", required_line(&input.name, NAME_MAX));
    let equipment = errors.check("equipment", optional_text(&input.equipment, EQUIPMENT_MAX));
    let capacity = match input.capacity.trim().parse::<i32>() {
        Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Some(n),
        Ok(_) => {
            errors.add("capacity", FieldProblem::OutOfRange);
            None
        }
        Err(_) => {
            errors.add("capacity", FieldProblem::InvalidNumber);
            None
        }
    };
    let fields = match (name, equipment, capacity) {
        (Some(name), Some(equipment), Some(capacity)) => Some(RoomFields {
            name,
            capacity,
            equipment: equipment.unwrap_or_default(),
        }),
        _ => None,
    };
    (errors, fields)
}

/// The organisations besides the owner that may book a room, each once:
/// an unknown organisation is a problem; the owner itself is left out.
async fn checked_access(
    core: &Core,
    scope: Scope,
    owner: OrgId,
    wanted: &[(i64, bool)],
) -> Result<std::result::Result<Vec<(OrgId, bool)>, FieldProblem>> {
    let all_orgs = orgs::list_organisations(&core.db.read, scope).await?;
    let mut list: Vec<(OrgId, bool)> = Vec::new();
    for (org, approval) in wanted {
        if *org == owner.0 || list.iter().any(|(o, _)| o.0 == *org) {
            continue;
        }
        if !all_orgs.iter().any(|o| o.id == *org) {
            return Ok(Err(FieldProblem::InvalidChoice));
        }
        list.push((OrgId(*org), *approval));
    }
    Ok(Ok(list))
}
