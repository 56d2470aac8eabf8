//! Free times: the staff's availability (weekly hours and exceptions)
//! minus their sessions, class visits and appointments, in the domain's
//! [`samvirke_domain::appointments::slots`].

use super::services::{ServiceInfo, load_one};
use crate::Core;
use crate::ServiceError;
use crate::error::Result;
use chrono::{Duration, NaiveDate};
use samvirke_domain::MunicipalityId;
use samvirke_domain::appointments::{SEARCH_DAYS_MAX, Slot, SlotSearch, StaffDay, slots};
use samvirke_domain::availability::{Interval, local};
use samvirke_domain::validate::FieldProblem;
use samvirke_store::{Scope, appointments as q, availability, seasons};
use sea_orm::ConnectionTrait;

/// What the service's staff are busy with from the start of `from` to the
/// end of `to` (Copenhagen dates), with their availability.
pub(crate) async fn staff_days(
    db: &impl ConnectionTrait,
    scope: Scope,
    service: &ServiceInfo,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<StaffDay>> {
    let ids = &service.staff_ids;
    // A day's edges, widened by the buffer so an appointment just before
    // midnight still keeps its distance.
    let pad = service.rules.buffer() + Duration::days(1);
    let start = local(from, chrono::NaiveTime::MIN) - pad;
    let end = local(to, chrono::NaiveTime::MIN) + pad;
    let mut available = availability::availability_of(db, scope, ids).await?;
    let sessions = seasons::busy(db, scope, ids, start, end).await?;
    let booked = q::busy_for_staff(db, scope, ids, start, end).await?;
    Ok(ids
        .iter()
        .map(|&id| StaffDay {
            staff_id: id,
            availability: available.remove(&id).unwrap_or_default(),
            busy: sessions
                .iter()
                .filter(|b| b.staff_id == id)
                .map(|b| b.interval)
                .chain(
                    booked
                        .iter()
                        .filter(|(staff, ..)| *staff == id)
                        .filter_map(|&(_, s, e)| Interval::new(s, e)),
                )
                .collect(),
        })
        .collect())
}

/// The free times of a bookable service from `from` through `to`
/// (Copenhagen dates; at most [`SEARCH_DAYS_MAX`] days).
#[tracing::instrument(skip_all, fields(municipality = m.0, resource = "appointment_service", resource_id = service_id))]
pub async fn free_times(
    core: &Core,
    m: MunicipalityId,
    service_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Slot>> {
    if to < from {
        return Err(ServiceError::invalid("to", FieldProblem::EndBeforeStart));
    }
    if (to - from).num_days() >= SEARCH_DAYS_MAX {
        return Err(ServiceError::invalid("to", FieldProblem::OutOfRange));
    }
    let scope = Scope::new(m);
    let service = load_one(&core.db.read, scope, service_id, false).await?;
    let staff = staff_days(&core.db.read, scope, &service, from, to).await?;
    Ok(slots(
        &SlotSearch {
            rules: service.rules,
            now: core.now(),
            from,
            to,
        },
        &staff,
    ))
}

/// The services staff may book on a citizen's behalf: their own
/// organisation's active ones.
pub async fn services_to_book_for(
    core: &Core,
    actor: &samvirke_domain::Actor,
) -> Result<Vec<ServiceInfo>> {
    let me = crate::signed_in(actor)?;
    crate::require(
        actor,
        samvirke_domain::Action::Create,
        samvirke_domain::Resource::Appointment {
            municipality: me.municipality,
            org: me.org,
            staff: None,
        },
    )?;
    Ok(
        super::services::load(&core.db.read, Scope::new(me.municipality), false)
            .await?
            .into_iter()
            .filter(|s| s.org_id == me.org.0)
            .collect(),
    )
}

/// Free times for staff booking on a citizen's behalf: their own
/// organisation's service, without the minimum notice.
pub async fn free_times_for_staff(
    core: &Core,
    actor: &samvirke_domain::Actor,
    service_id: i64,
    date: NaiveDate,
) -> Result<Vec<Slot>> {
    let me = crate::signed_in(actor)?;
    crate::require(
        actor,
        samvirke_domain::Action::Create,
        samvirke_domain::Resource::Appointment {
            municipality: me.municipality,
            org: me.org,
            staff: None,
        },
    )?;
    let service = services_to_book_for(core, actor)
        .await?
        .into_iter()
        .find(|s| s.id == service_id)
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(me.municipality);
    let staff = staff_days(&core.db.read, scope, &service, date, date).await?;
    Ok(slots(
        &SlotSearch {
            rules: samvirke_domain::appointments::ServiceRules {
                notice_hours: 0,
                ..service.rules
            },
            now: core.now(),
            from: date,
            to: date,
        },
        &staff,
    ))
}
