//! Class visits: the 9th-grade classes of a school year, their pupils, and
//! importing a class list. A CPR number in a class list is read for the
//! birth date only (in `domain::classlist`) and never reaches the store.

mod certificates;
mod day;
mod followup;
mod import;
mod letter;
mod retention;

pub use certificates::{Certificates, Recipients, certificates};
pub use day::{
    ClassSheet, PupilChange, RowProblem, RunItem, RunPupil, RunSheet, SheetPupil, class_sheet,
    run_sheet, runs_visits, save_sheet, update_pupil,
};
pub use followup::{
    FOLLOW_UP_DAYS, PARENT_NOTICE_DAYS, ParentNotice, TurningFifteen, tell_parents_before_15,
    turning_15_soon,
};
pub use import::{PUPILS_MAX, import_pupils, save_pupils};
pub use letter::{GUIDANCE_MAX, ParentLetter, own_guidance, parent_letter, set_guidance};
pub use retention::forget_finished_school_years;

use crate::error::Result;
use crate::{Core, ServiceError, audit, require, signed_in};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::classlist::{self, FileProblem, LineError};
use samvirke_domain::pupil::{
    self, DigitalPost, MitIdStatus, PupilRules, VisitGroup, age_on, turns_15_on,
};
use samvirke_domain::school_year::SchoolYear;
use samvirke_domain::{Action, Actor, OrgId, OrgKind, Resource, StaffActor};
use samvirke_store::classes as q;
use samvirke_store::{Scope, orgs};

/// A class as its list shows it.
#[derive(Debug, Clone)]
pub struct ClassSummary {
    pub id: i64,
    pub school_id: i64,
    pub school: String,
    pub name: String,
    pub school_year: SchoolYear,
    pub pupil_count: u64,
    pub visit: Option<Visit>,
}

/// When a class is visited: the session that is its visit.
#[derive(Debug, Clone, Copy)]
pub struct Visit {
    pub session_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// A pupil as the actor may see them: the MitID status only for the
/// citizen service, the visit day's group only for those who run the visit.
#[derive(Debug, Clone)]
pub struct PupilView {
    pub id: i64,
    pub name: String,
    pub birth_date: NaiveDate,
    pub age_on_visit_day: i32,
    pub turns_15_on: Option<NaiveDate>,
    pub digital_post: DigitalPost,
    pub mitid: Option<MitIdStatus>,
    pub group: Option<VisitGroup>,
}

#[derive(Debug, Clone)]
pub struct ClassDetail {
    pub class: ClassSummary,
    /// The visit's day, or today while no visit is planned: ages and
    /// groups are counted on it.
    pub visit_day: NaiveDate,
    pub pupils: Vec<PupilView>,
    pub can_import: bool,
}

/// What reading a class list found, and how many pupils were saved (none
/// on a preview).
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    /// The whole file was refused: nothing is saved.
    pub refused: Option<FileProblem>,
    pub accepted: Vec<classlist::ImportedPupil>,
    pub errors: Vec<LineError>,
    pub imported: u64,
}

/// The staff member's organisation kind: what the class policy looks at.
pub(crate) async fn viewer(core: &Core, me: &StaffActor) -> Result<OrgKind> {
    let org = orgs::organisation(&core.db.read, Scope::new(me.municipality), me.org)
        .await?
        .ok_or(ServiceError::NotFound)?;
    OrgKind::parse(&org.kind).ok_or_else(|| ServiceError::Internal("organisation kind".into()))
}

fn class_resource(me: &StaffActor, school: i64, viewer: OrgKind) -> Resource {
    Resource::SchoolClass {
        municipality: me.municipality,
        school: OrgId(school),
        viewer,
    }
}

/// The school year that holds today.
pub fn current_year(core: &Core) -> Result<SchoolYear> {
    let today = core.now().with_timezone(&Copenhagen).date_naive();
    SchoolYear::containing(today).ok_or_else(|| ServiceError::Internal("clock out of range".into()))
}

/// The classes of a school year (the current one when `None`) the actor
/// may see: a school sees its own, the library, the citizen service and
/// the administration see all.
pub async fn list_classes(
    core: &Core,
    actor: &Actor,
    year: Option<SchoolYear>,
) -> Result<Vec<ClassSummary>> {
    let me = signed_in(actor)?;
    let year = match year {
        Some(y) => y,
        None => current_year(core)?,
    };
    let scope = Scope::new(me.municipality);
    let viewer = viewer(core, me).await?;
    let only = (viewer == OrgKind::School).then_some(me.org);
    require(
        actor,
        Action::Read,
        class_resource(me, only.map_or(me.org.0, |o| o.0), viewer),
    )?;
    let schools = orgs::list_organisations(&core.db.read, scope).await?;
    let rows = q::classes(&core.db.read, scope, &year.to_string(), only).await?;
    rows.into_iter()
        .filter(|r| {
            samvirke_domain::authorize(
                actor,
                Action::Read,
                class_resource(me, r.class.organisation_id, viewer),
            )
            .is_allowed()
        })
        .map(|r| summary(r, &schools))
        .collect()
}

fn summary(
    r: q::ClassRow,
    schools: &[samvirke_store::entity::organisation::Model],
) -> Result<ClassSummary> {
    Ok(ClassSummary {
        id: r.class.id,
        school_id: r.class.organisation_id,
        school: schools
            .iter()
            .find(|o| o.id == r.class.organisation_id)
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        school_year: r
            .class
            .school_year
            .parse()
            .map_err(|_| ServiceError::Internal("stored school year".into()))?,
        name: r.class.name,
        pupil_count: r.pupil_count,
        visit: r.visit.map(|s| Visit {
            session_id: s.id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        }),
    })
}

/// One class of the scope and the actor's view of it, after the policy.
async fn class_for(
    core: &Core,
    actor: &Actor,
    id: i64,
    action: Action,
) -> Result<(ClassSummary, OrgKind)> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let class = q::class(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let viewer = viewer(core, me).await?;
    // Another school's class is not found, not forbidden: its existence is
    // not the school's business.
    let resource = class_resource(me, class.organisation_id, viewer);
    if !samvirke_domain::authorize(actor, Action::Read, resource).is_allowed() {
        return Err(ServiceError::NotFound);
    }
    require(actor, action, resource)?;
    let year = class.school_year.clone();
    let only = Some(OrgId(class.organisation_id));
    let schools = orgs::list_organisations(&core.db.read, scope).await?;
    let row = q::classes(&core.db.read, scope, &year, only)
        .await?
        .into_iter()
        .find(|r| r.class.id == id)
        .ok_or(ServiceError::NotFound)?;
    Ok((summary(row, &schools)?, viewer))
}

/// A class with its pupils, their ages and groups on the visit day; the
/// read is audit-logged in the school's log.
pub async fn class_detail(core: &Core, actor: &Actor, id: i64) -> Result<ClassDetail> {
    let (class, viewer) = class_for(core, actor, id, Action::ReadPersonal).await?;
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let rows = q::pupils(&core.db.read, scope, id).await?;
    audit::record_read_of(core, me, OrgId(class.school_id), "pupil_list", "class", id).await?;
    let visit_day = class.visit.map_or_else(
        || core.now().with_timezone(&Copenhagen).date_naive(),
        |v| v.starts_at.with_timezone(&Copenhagen).date_naive(),
    );
    let rules = PupilRules::default();
    let sees_mitid = samvirke_domain::authorize(
        actor,
        Action::Read,
        Resource::PupilMitId {
            municipality: me.municipality,
            viewer,
        },
    )
    .is_allowed();
    let runs_visit = matches!(viewer, OrgKind::Library | OrgKind::CitizenService);
    let pupils = rows
        .into_iter()
        .map(|p| {
            let mitid = p.mitid.parse().unwrap_or(MitIdStatus::Unknown);
            PupilView {
                id: p.id,
                age_on_visit_day: age_on(p.birth_date, visit_day),
                turns_15_on: turns_15_on(p.birth_date),
                digital_post: pupil::digital_post(
                    p.birth_date,
                    visit_day,
                    class.school_year,
                    &rules,
                )
                .group,
                mitid: sees_mitid.then_some(mitid),
                group: runs_visit
                    .then(|| pupil::visit_group(p.birth_date, visit_day, mitid, &rules)),
                name: p.name,
                birth_date: p.birth_date,
            }
        })
        .collect();
    let can_import = samvirke_domain::authorize(
        actor,
        Action::Update,
        class_resource(me, class.school_id, viewer),
    )
    .is_allowed();
    Ok(ClassDetail {
        class,
        visit_day,
        pupils,
        can_import,
    })
}
