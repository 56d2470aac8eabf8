//! Staff availability: the weekly hours and the exceptions (holidays, sick
//! days, a part of a day off, extra hours) the season planner, and later
//! the appointments, plan within. A person edits their own; a coordinator
//! edits their own organisation's staff.

use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::Datelike;
use samvirke_domain::availability::{Exception, WeeklyHours};
use samvirke_domain::validate::{FieldProblem, year_in_range};
use samvirke_domain::{Action, Actor, OrgId, Resource, Role, StaffId};
use samvirke_store::{Scope, availability as q, staff};

/// The most ranges a week may hold (a few per day).
pub const WEEKLY_RANGES_MAX: usize = 28;
/// The most exceptions one person may hold.
pub const EXCEPTIONS_MAX: usize = 500;

/// One person's availability as their page shows it.
#[derive(Debug, Clone)]
pub struct AvailabilityView {
    pub staff_id: i64,
    pub name: String,
    pub weekly: WeeklyHours,
    /// With their ids, by first day.
    pub exceptions: Vec<(i64, Exception)>,
}

/// The person whose availability it is, after the policy: another
/// organisation's (or municipality's) staff are not found.
async fn person(core: &Core, actor: &Actor, staff_id: i64, action: Action) -> Result<Scope> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let row = staff::get(&core.db.read, scope, StaffId(staff_id))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let resource = Resource::Availability {
        municipality: me.municipality,
        org: OrgId(row.organisation_id),
        staff: StaffId(staff_id),
    };
    if me.org.0 != row.organisation_id {
        return Err(ServiceError::NotFound);
    }
    require(actor, action, resource)?;
    Ok(scope)
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "availability", resource_id = staff_id))]
pub async fn availability(core: &Core, actor: &Actor, staff_id: i64) -> Result<AvailabilityView> {
    let scope = person(core, actor, staff_id, Action::Read).await?;
    let name = staff::get(&core.db.read, scope, StaffId(staff_id))
        .await?
        .map(|s| s.name)
        .ok_or(ServiceError::NotFound)?;
    let weekly = q::availability_of(&core.db.read, scope, &[staff_id])
        .await?
        .remove(&staff_id)
        .unwrap_or_default()
        .weekly;
    let exceptions = q::exceptions(&core.db.read, scope, staff_id).await?;
    Ok(AvailabilityView {
        staff_id,
        name,
        weekly,
        exceptions,
    })
}

/// Those whose availability the actor may edit: themself, and for a
/// coordinator their organisation's active staff. (id, name), by name.
pub async fn editable_people(core: &Core, actor: &Actor) -> Result<Vec<(i64, String)>> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Read,
        Resource::Availability {
            municipality: me.municipality,
            org: me.org,
            staff: me.staff,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let mut people: Vec<(i64, String)> = staff::list_for_org(&core.db.read, scope, me.org)
        .await?
        .into_iter()
        .filter(|s| s.id == me.staff.0 || (me.has(Role::Coordinator) && s.active))
        .map(|s| (s.id, s.name))
        .collect();
    people.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(people)
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "availability", resource_id = staff_id))]
pub async fn set_weekly_hours(
    core: &Core,
    actor: &Actor,
    staff_id: i64,
    weekly: &WeeklyHours,
) -> Result<()> {
    let scope = person(core, actor, staff_id, Action::Update).await?;
    let ranges: usize = (0..7u8)
        .filter_map(|d| chrono::Weekday::try_from(d).ok())
        .map(|d| weekly.on(d).len())
        .sum();
    if ranges > WEEKLY_RANGES_MAX {
        return Err(ServiceError::invalid("weekly", FieldProblem::TooMany));
    }
    q::set_weekly_hours(&core.db.write, scope, staff_id, weekly).await?;
    Ok(())
}

/// Adds an exception: dates in range, a period's last day not before its
/// first. Returns its id.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "availability", resource_id = staff_id))]
pub async fn add_exception(
    core: &Core,
    actor: &Actor,
    staff_id: i64,
    exception: Exception,
) -> Result<i64> {
    let scope = person(core, actor, staff_id, Action::Update).await?;
    let (first, last) = match exception {
        Exception::Away(a, b) => (a, b),
        Exception::DayOff(d) | Exception::Off(d, _) | Exception::Extra(d, _) => (d, d),
    };
    year_in_range(first.year()).map_err(|p| ServiceError::invalid("first_day", p))?;
    year_in_range(last.year()).map_err(|p| ServiceError::invalid("last_day", p))?;
    if last < first {
        return Err(ServiceError::invalid(
            "last_day",
            FieldProblem::EndBeforeStart,
        ));
    }
    if q::exceptions(&core.db.read, scope, staff_id).await?.len() >= EXCEPTIONS_MAX {
        return Err(ServiceError::invalid("first_day", FieldProblem::TooMany));
    }
    q::add_exception(&core.db.write, scope, staff_id, exception)
        .await?
        .ok_or(ServiceError::NotFound)
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "availability", resource_id = staff_id))]
pub async fn remove_exception(core: &Core, actor: &Actor, staff_id: i64, id: i64) -> Result<()> {
    let scope = person(core, actor, staff_id, Action::Update).await?;
    if q::remove_exception(&core.db.write, scope, staff_id, id).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}
