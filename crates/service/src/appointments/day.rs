//! The staff's day: their own appointments (a coordinator sees the
//! organisation's), with the citizen's name and contact (each read
//! audit-logged); marking done or no-show; the counts per service.

use super::services::{ServiceInfo, load};
use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use samvirke_domain::appointments::AppointmentStatus;
use samvirke_domain::availability::local;
use samvirke_domain::validate::FieldProblem;
use samvirke_domain::{Action, Actor, OrgId, Resource, Role, StaffId};
use samvirke_store::appointments as q;
use samvirke_store::{Scope, staff};

/// One appointment on the day's list.
#[derive(Debug, Clone)]
pub struct DayAppointment {
    pub id: i64,
    pub service: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: AppointmentStatus,
    /// None once the retention rule has emptied them.
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub topic: Option<String>,
    /// (question, answer) pairs.
    pub answers: Vec<(String, String)>,
    /// Booked by staff on the citizen's behalf.
    pub by_staff: bool,
    /// Started: may be marked done or no-show.
    pub markable: bool,
}

/// The day's appointments of the actor's organisation's services: the
/// actor's own, or (a coordinator asking for `everyone`) all of them.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "appointments"))]
pub async fn day_list(
    core: &Core,
    actor: &Actor,
    date: NaiveDate,
    everyone: bool,
) -> Result<Vec<DayAppointment>> {
    let me = signed_in(actor)?;
    let whose = if everyone && me.has(Role::Coordinator) {
        None
    } else {
        Some(me.staff)
    };
    require(
        actor,
        Action::ReadPersonal,
        Resource::Appointment {
            municipality: me.municipality,
            org: me.org,
            staff: whose,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let services: Vec<ServiceInfo> = load(&core.db.read, scope, true)
        .await?
        .into_iter()
        .filter(|s| s.org_id == me.org.0)
        .collect();
    let ids: Vec<i64> = services.iter().map(|s| s.id).collect();
    let from = local(date, NaiveTime::MIN);
    let to = local(date.succ_opt().unwrap_or(date), NaiveTime::MIN);
    let rows = q::for_day(&core.db.read, scope, &ids, whose.map(|s| s.0), from, to).await?;
    let people = staff::list_for_org(&core.db.read, scope, me.org).await?;
    let now = core.now();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let service = services.iter().find(|s| s.id == r.service_id);
        if r.name.is_some() {
            crate::audit::record_read_of(
                core,
                me,
                me.org,
                "appointment_day_list",
                "appointment",
                r.id,
            )
            .await?;
        }
        let questions = service.map(|s| s.questions.clone()).unwrap_or_default();
        let answers = r
            .answers
            .as_deref()
            .unwrap_or_default()
            .lines()
            .zip(questions)
            .filter(|(a, _)| !a.is_empty())
            .map(|(a, q)| (q, a.to_string()))
            .collect();
        out.push(DayAppointment {
            id: r.id,
            service: service.map(|s| s.title.clone()).unwrap_or_default(),
            staff_id: r.staff_id,
            staff_name: people
                .iter()
                .find(|p| p.id == r.staff_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            status: r.status.parse().unwrap_or(AppointmentStatus::Booked),
            name: r.name,
            email: r.email,
            phone: r.phone,
            topic: r.topic,
            answers,
            by_staff: r.booked_by.is_some(),
            markable: now >= r.starts_at,
        });
    }
    Ok(out)
}

/// Marks an appointment done or no-show, once it has started: the staff
/// member giving it, or a coordinator of the organisation.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "appointment", resource_id = id))]
pub async fn mark(core: &Core, actor: &Actor, id: i64, to: AppointmentStatus) -> Result<()> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let row = q::appointment(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let service = q::service(&core.db.read, scope, row.service_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let resource = Resource::Appointment {
        municipality: me.municipality,
        org: OrgId(service.organisation_id),
        staff: Some(StaffId(row.staff_id)),
    };
    if me.org.0 != service.organisation_id {
        return Err(ServiceError::NotFound);
    }
    require(actor, Action::Update, resource)?;
    if !matches!(to, AppointmentStatus::Done | AppointmentStatus::NoShow) {
        return Err(ServiceError::invalid("status", FieldProblem::InvalidChoice));
    }
    if core.now() < row.starts_at {
        return Err(ServiceError::invalid("status", FieldProblem::OutOfRange));
    }
    let from: Vec<AppointmentStatus> = AppointmentStatus::ALL
        .iter()
        .copied()
        .filter(|s| s.can_mark(to))
        .collect();
    if q::mark(&core.db.write, scope, id, &from, to, core.now()).await? {
        Ok(())
    } else {
        Err(ServiceError::Gone)
    }
}

/// How many appointments of a service: given (booked and done), done,
/// no-show and cancelled, for the organisation's coordinators and reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceCounts {
    pub service_id: i64,
    pub title: String,
    pub booked: u64,
    pub done: u64,
    pub no_show: u64,
    pub cancelled: u64,
}

/// The counts of each of the actor's organisation's services.
pub async fn counts(core: &Core, actor: &Actor) -> Result<Vec<ServiceCounts>> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Read,
        Resource::Appointment {
            municipality: me.municipality,
            org: me.org,
            staff: None,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let mut out = Vec::new();
    for s in load(&core.db.read, scope, true).await? {
        if s.org_id != me.org.0 {
            continue;
        }
        let n = |st| q::count(&core.db.read, scope, s.id, st);
        out.push(ServiceCounts {
            service_id: s.id,
            booked: n(AppointmentStatus::Booked).await?,
            done: n(AppointmentStatus::Done).await?,
            no_show: n(AppointmentStatus::NoShow).await?,
            cancelled: n(AppointmentStatus::Cancelled).await?,
            title: s.title,
        });
    }
    Ok(out)
}
