//! The season plan of class visits: proposing one visit per class of a
//! school year (`propose`), checking a plan a coordinator has edited, and
//! confirming it as closed sessions of the programme "Digital dåb og
//! dannelse" (`confirm`). The planner and the check are `domain::season`;
//! this module reads what they need and saves what is confirmed.

mod confirm;
mod propose;
mod settings;

pub use confirm::{Confirmed, check_plan, confirm};
pub use propose::propose;
pub use settings::{
    CalendarSettings, EXTRA_PERIODS_MAX, SchoolSettings, VISIT_MINUTES_MAX, VISIT_MINUTES_MIN,
    calendar_settings, school_settings, set_calendar_settings, set_school_settings,
};

use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::availability::Interval;
use samvirke_domain::school_year::{SchoolCalendar, SchoolYear};
use samvirke_domain::season::{Class, ClassId, ConflictCode, School, Staff, UnplacedReason, Visit};
use samvirke_domain::{Action, Actor, OrgId, OrgKind, Resource, StaffId};
use samvirke_store::seasons as q;
use samvirke_store::{Scope, classes, orgs};
use sea_orm::ConnectionTrait;

pub use crate::demo::VISIT_PROGRAMME as PROGRAMME_TITLE;

/// The most visits one plan may hold.
pub const VISITS_MAX: usize = 500;
/// The most staff one visit may name.
pub const STAFF_PER_VISIT_MAX: usize = 10;

/// A staff member who may be given visits.
#[derive(Debug, Clone)]
pub struct StaffRef {
    pub id: i64,
    pub name: String,
    pub org_id: i64,
    pub organisation: String,
    pub kind: OrgKind,
}

/// One visit of a plan, with the names the table shows.
#[derive(Debug, Clone)]
pub struct PlannedVisit {
    pub class_id: i64,
    pub class_name: String,
    pub school: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub staff: Vec<StaffRef>,
    /// Already confirmed earlier: kept as it is.
    pub session_id: Option<i64>,
}

/// A class the plan found no time for, and why.
#[derive(Debug, Clone)]
pub struct UnplacedClass {
    pub class_id: i64,
    pub class_name: String,
    pub school: String,
    pub reason: UnplacedReason,
}

/// A proposed plan. `first_day` is the first day it may use: the first
/// school day, or tomorrow when that has passed.
#[derive(Debug, Clone)]
pub struct SeasonPlan {
    pub year: SchoolYear,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub visits: Vec<PlannedVisit>,
    pub unplaced: Vec<UnplacedClass>,
    /// Everyone who may be given a visit, for the form's choices.
    pub staff: Vec<StaffRef>,
}

/// A visit as the user gives it: the class, the day, wall-clock times in
/// Copenhagen, and the staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitInput {
    pub class_id: i64,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub staff: Vec<i64>,
}

/// One conflict of an edited plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanConflict {
    pub class_id: i64,
    pub code: ConflictCode,
    pub staff_id: Option<i64>,
    pub other_class_id: Option<i64>,
}

/// What the planner reads for a school year, as of now.
struct Season {
    calendar: SchoolCalendar,
    schools: Vec<School>,
    classes: Vec<Class>,
    /// (id, class name, school name), by school then name.
    class_names: Vec<(i64, String, String)>,
    staff: Vec<Staff>,
    staff_refs: Vec<StaffRef>,
    /// Visits already confirmed, with their sessions.
    fixed: Vec<(Visit, i64)>,
}

impl Season {
    fn names(&self, class_id: i64) -> (String, String) {
        self.class_names
            .iter()
            .find(|(id, _, _)| *id == class_id)
            .map(|(_, c, s)| (c.clone(), s.clone()))
            .unwrap_or_default()
    }

    fn staff_refs(&self, ids: &[StaffId]) -> Vec<StaffRef> {
        ids.iter()
            .filter_map(|id| self.staff_refs.iter().find(|s| s.id == id.0).cloned())
            .collect()
    }

    fn planned(&self, v: &Visit, session_id: Option<i64>) -> PlannedVisit {
        let (class_name, school) = self.names(v.class.0);
        let at = |t| samvirke_domain::availability::local(v.date, t);
        PlannedVisit {
            class_id: v.class.0,
            class_name,
            school,
            date: v.date,
            start: v.start,
            end: v.end,
            starts_at: at(v.start),
            ends_at: at(v.end),
            staff: self.staff_refs(&v.staff),
            session_id,
        }
    }
}

/// The municipality's school year calendar from tomorrow on.
fn calendar_from_tomorrow(
    settings: &samvirke_domain::school_year::SchoolCalendarSettings,
    year: SchoolYear,
    now: DateTime<Utc>,
) -> SchoolCalendar {
    let tomorrow = now.with_timezone(&Copenhagen).date_naive() + Duration::days(1);
    SchoolCalendar::new(year, settings).not_before(tomorrow)
}

/// Reads the season through `db` (the write transaction when confirming,
/// so the check sees what was saved meanwhile).
async fn load(
    db: &impl ConnectionTrait,
    scope: Scope,
    year: SchoolYear,
    now: DateTime<Utc>,
) -> Result<Season> {
    let settings = q::calendar_settings(db, scope).await?;
    let calendar = calendar_from_tomorrow(&settings, year, now);
    let schools = q::schools(db, scope).await?;
    let org_rows = orgs::list_organisations(db, scope).await?;
    let org_name = |id: i64| {
        org_rows
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let rows = classes::classes(db, scope, &year.to_string(), None).await?;
    let class_list: Vec<Class> = rows
        .iter()
        .map(|r| Class {
            id: ClassId(r.class.id),
            school: OrgId(r.class.organisation_id),
        })
        .collect();
    let class_names = rows
        .iter()
        .map(|r| {
            (
                r.class.id,
                r.class.name.clone(),
                org_name(r.class.organisation_id),
            )
        })
        .collect();
    let class_ids: Vec<i64> = rows.iter().map(|r| r.class.id).collect();
    let saved = q::saved_visits(db, scope, &class_ids).await?;
    let visit_sessions: Vec<i64> = saved.iter().map(|s| s.session.id).collect();
    let fixed = saved
        .iter()
        .filter(|s| s.session.cancelled_at.is_none())
        .map(|s| {
            let start = s.session.starts_at.with_timezone(&Copenhagen);
            let end = s.session.ends_at.with_timezone(&Copenhagen);
            (
                Visit {
                    class: ClassId(s.class_id),
                    date: start.date_naive(),
                    start: start.time(),
                    end: end.time(),
                    staff: s.staff_ids.iter().map(|id| StaffId(*id)).collect(),
                },
                s.session.id,
            )
        })
        .collect();
    let people = q::visit_staff(db, scope).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let mut availability = samvirke_store::availability::availability_of(db, scope, &ids).await?;
    let season_start = samvirke_domain::availability::local(year.first_day(), NaiveTime::MIN);
    let season_end =
        samvirke_domain::availability::local(year.last_day(), NaiveTime::MIN) + Duration::days(1);
    // A visit's own session is the visit, not another appointment.
    let busy: Vec<q::Busy> = q::busy(db, scope, &ids, season_start, season_end)
        .await?
        .into_iter()
        .filter(|b| !visit_sessions.contains(&b.session_id))
        .collect();
    let staff = people
        .iter()
        .map(|p| Staff {
            id: StaffId(p.id),
            kind: p.kind,
            competences: p.competences.clone(),
            availability: availability.remove(&p.id).unwrap_or_default(),
            busy: busy
                .iter()
                .filter(|b| b.staff_id == p.id)
                .map(|b| b.interval)
                .collect::<Vec<Interval>>(),
        })
        .collect();
    let staff_refs = people
        .into_iter()
        .map(|p| StaffRef {
            id: p.id,
            name: p.name,
            org_id: p.org_id,
            organisation: org_name(p.org_id),
            kind: p.kind,
        })
        .collect();
    Ok(Season {
        calendar,
        schools,
        classes: class_list,
        class_names,
        staff,
        staff_refs,
        fixed,
    })
}

/// Asks the policy whether the actor plans the season (`Create`: propose,
/// check and confirm) and returns the scope.
async fn planner(core: &Core, actor: &Actor, action: Action) -> Result<Scope> {
    let me = signed_in(actor)?;
    let viewer = crate::classes::viewer(core, me).await?;
    require(
        actor,
        action,
        Resource::SeasonPlan {
            municipality: me.municipality,
            viewer,
        },
    )?;
    Ok(Scope::new(me.municipality))
}

fn internal(what: &str) -> ServiceError {
    ServiceError::Internal(what.into())
}
