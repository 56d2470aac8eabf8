//! The settings the season plan follows: the municipality's school
//! calendar (the coordinators who plan, and the administration, change it)
//! and each school's visit days and window (the school's contact or
//! coordinator for their own school; the planners for every school).

use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::Datelike;
use samvirke_domain::school_year::{FirstSchoolDay, MonthDay, SchoolCalendarSettings};
use samvirke_domain::season::School;
use samvirke_domain::validate::{FieldErrors, FieldProblem, year_in_range};
use samvirke_domain::{Action, Actor, OrgId, Resource, authorize};
use samvirke_store::{Scope, orgs, seasons as q};

/// The most extra closed periods a municipality may hold.
pub const EXTRA_PERIODS_MAX: usize = 30;
/// A visit's length: at least this many minutes, at most [`VISIT_MINUTES_MAX`].
pub const VISIT_MINUTES_MIN: u32 = 15;
pub const VISIT_MINUTES_MAX: u32 = 480;

/// The school calendar settings and whether the actor may change them.
#[derive(Debug, Clone)]
pub struct CalendarSettings {
    pub settings: SchoolCalendarSettings,
    pub can_edit: bool,
}

/// A school's visit settings as the settings page shows them.
#[derive(Debug, Clone)]
pub struct SchoolSettings {
    pub name: String,
    pub school: School,
    pub can_edit: bool,
}

fn season_resource(me: &samvirke_domain::StaffActor, viewer: samvirke_domain::OrgKind) -> Resource {
    Resource::SeasonPlan {
        municipality: me.municipality,
        viewer,
    }
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "school_calendar"))]
pub async fn calendar_settings(core: &Core, actor: &Actor) -> Result<CalendarSettings> {
    let me = signed_in(actor)?;
    let viewer = crate::classes::viewer(core, me).await?;
    require(actor, Action::Read, season_resource(me, viewer))?;
    let settings = q::calendar_settings(&core.db.read, Scope::new(me.municipality)).await?;
    Ok(CalendarSettings {
        settings,
        can_edit: authorize(actor, Action::Update, season_resource(me, viewer)).is_allowed(),
    })
}

fn valid_month_day(md: MonthDay) -> bool {
    md.in_year(2001).is_some()
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "school_calendar"))]
pub async fn set_calendar_settings(
    core: &Core,
    actor: &Actor,
    s: &SchoolCalendarSettings,
) -> Result<()> {
    let me = signed_in(actor)?;
    let viewer = crate::classes::viewer(core, me).await?;
    require(actor, Action::Update, season_resource(me, viewer))?;
    let mut errors = FieldErrors::default();
    let week = |w: u32| (1..=53).contains(&w);
    if let FirstSchoolDay::MondayOfIsoWeek(w) = s.first_school_day
        && !(week(w) && (27..=40).contains(&w))
    {
        errors.add("first_school_week", FieldProblem::InvalidChoice);
    }
    if let FirstSchoolDay::Date(md) = s.first_school_day
        && !valid_month_day(md)
    {
        errors.add("first_school_week", FieldProblem::InvalidDate);
    }
    if !valid_month_day(s.last_visit_day) {
        errors.add("last_visit_day", FieldProblem::InvalidDate);
    }
    if s.autumn_week.is_some_and(|w| !(30..=53).contains(&w)) {
        errors.add("autumn_week", FieldProblem::InvalidChoice);
    }
    if !valid_month_day(s.christmas_from) {
        errors.add("christmas_from", FieldProblem::InvalidDate);
    }
    if !valid_month_day(s.christmas_to) {
        errors.add("christmas_to", FieldProblem::InvalidDate);
    }
    if s.extra.len() > EXTRA_PERIODS_MAX {
        errors.add("extra_first", FieldProblem::TooMany);
    }
    for (first, last) in &s.extra {
        if let Err(p) = year_in_range(first.year()) {
            errors.add("extra_first", p);
        } else if let Err(p) = year_in_range(last.year()) {
            errors.add("extra_last", p);
        } else if last < first {
            errors.add("extra_last", FieldProblem::EndBeforeStart);
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    q::set_calendar_settings(&core.db.write, Scope::new(me.municipality), s).await?;
    Ok(())
}

/// The schools whose visit settings the actor sees: their own school, or
/// every school for those who plan visits and the administration.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "school_visit_settings"))]
pub async fn school_settings(core: &Core, actor: &Actor) -> Result<Vec<SchoolSettings>> {
    let me = signed_in(actor)?;
    let viewer = crate::classes::viewer(core, me).await?;
    let scope = Scope::new(me.municipality);
    let class_resource = |school: i64, action| {
        authorize(
            actor,
            action,
            Resource::SchoolClass {
                municipality: me.municipality,
                school: OrgId(school),
                viewer,
            },
        )
        .is_allowed()
    };
    require(actor, Action::Read, season_resource(me, viewer))?;
    let names = orgs::list_organisations(&core.db.read, scope).await?;
    Ok(q::schools(&core.db.read, scope)
        .await?
        .into_iter()
        .filter(|s| class_resource(s.id.0, Action::Read))
        .map(|school| SchoolSettings {
            name: names
                .iter()
                .find(|o| o.id == school.id.0)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            can_edit: class_resource(school.id.0, Action::Update),
            school,
        })
        .collect())
}

/// Changes a school's visit days, window and visit length. Another
/// municipality's school, or a school the actor may not see, is not found.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "school_visit_settings", resource_id = school.id.0))]
pub async fn set_school_settings(core: &Core, actor: &Actor, school: &School) -> Result<()> {
    let me = signed_in(actor)?;
    let viewer = crate::classes::viewer(core, me).await?;
    let scope = Scope::new(me.municipality);
    if !q::schools(&core.db.read, scope)
        .await?
        .iter()
        .any(|s| s.id == school.id)
    {
        return Err(ServiceError::NotFound);
    }
    let resource = Resource::SchoolClass {
        municipality: me.municipality,
        school: school.id,
        viewer,
    };
    if !authorize(actor, Action::Read, resource).is_allowed() {
        return Err(ServiceError::NotFound);
    }
    require(actor, Action::Update, resource)?;
    let mut errors = FieldErrors::default();
    if school.weekdays.is_empty() {
        errors.add("weekdays", FieldProblem::Required);
    }
    if !(VISIT_MINUTES_MIN..=VISIT_MINUTES_MAX).contains(&school.visit_minutes) {
        errors.add("visit_minutes", FieldProblem::InvalidChoice);
    }
    let window = (school.window.end() - school.window.start()).num_minutes();
    if errors.get("visit_minutes").is_none() && window < i64::from(school.visit_minutes) {
        errors.add("window_end", FieldProblem::InvalidChoice);
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    q::set_school(&core.db.write, scope, school).await?;
    Ok(())
}
