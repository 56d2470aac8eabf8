//! Class visits: the 9th-grade classes of a school year, their pupils, and
//! importing a class list. A CPR number in a class list is read for the
//! birth date only (in `domain::classlist`) and never reaches the store.

use crate::error::Result;
use crate::{Core, ServiceError, audit, require, signed_in};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::classlist::{self, FileProblem, LineError};
use samvirke_domain::pupil::{
    self, DigitalPost, MitIdStatus, PupilRules, VisitGroup, age_on, turns_15_on,
};
use samvirke_domain::school_year::SchoolYear;
use samvirke_domain::validate::FieldProblem;
use samvirke_domain::{Action, Actor, OrgId, OrgKind, Resource, StaffActor};
use samvirke_store::classes::{self as q, NewPupil};
use samvirke_store::{Scope, orgs};
use sea_orm::TransactionTrait;

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
async fn viewer(core: &Core, me: &StaffActor) -> Result<OrgKind> {
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

/// Reads a class list and, unless `dry_run`, saves the accepted lines in
/// one transaction (replacing the class's pupils when `replace`). A file
/// refused as a whole saves nothing.
pub async fn import_pupils(
    core: &Core,
    actor: &Actor,
    class_id: i64,
    file: &[u8],
    dry_run: bool,
    replace: bool,
) -> Result<ImportOutcome> {
    class_for(core, actor, class_id, Action::Update).await?;
    let me = signed_in(actor)?;
    let list = match classlist::parse(file) {
        Ok(list) => list,
        Err(problem) => {
            return Ok(ImportOutcome {
                refused: Some(problem),
                accepted: Vec::new(),
                errors: Vec::new(),
                imported: 0,
            });
        }
    };
    let mut imported = 0;
    if !dry_run {
        let new: Vec<NewPupil<'_>> = list
            .pupils
            .iter()
            .map(|p| NewPupil {
                name: &p.name,
                birth_date: p.birth_date,
            })
            .collect();
        let txn = core.db.write.begin().await?;
        let scope = Scope::new(me.municipality);
        imported = q::add_pupils(&txn, scope, class_id, &new, replace, core.now()).await?;
        txn.commit().await?;
    }
    Ok(ImportOutcome {
        refused: None,
        accepted: list.pupils,
        errors: list.errors,
        imported,
    })
}

/// The most pupils one confirmed class list saves.
pub const PUPILS_MAX: usize = 2_000;

/// Saves the pupils a preview showed (name and birth date, as the preview
/// page sends them back), checked again by the rules of the import; the
/// class's pupils are replaced when `replace`. A line that fails saves
/// nothing and is named by its position.
pub async fn save_pupils(
    core: &Core,
    actor: &Actor,
    class_id: i64,
    pupils: &[(String, NaiveDate)],
    replace: bool,
) -> Result<u64> {
    class_for(core, actor, class_id, Action::Update).await?;
    let me = signed_in(actor)?;
    if pupils.len() > PUPILS_MAX {
        return Err(ServiceError::invalid("pupils", FieldProblem::TooLong));
    }
    let checked = pupils
        .iter()
        .map(|(name, born)| classlist::check_pupil(name, *born))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| ServiceError::invalid("pupils", FieldProblem::InvalidChoice))?;
    let new: Vec<NewPupil<'_>> = checked
        .iter()
        .map(|(name, birth_date)| NewPupil {
            name,
            birth_date: *birth_date,
        })
        .collect();
    let txn = core.db.write.begin().await?;
    let scope = Scope::new(me.municipality);
    let saved = q::add_pupils(&txn, scope, class_id, &new, replace, core.now()).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The day a school year's pupils are deleted: the municipality's setting
/// (month, day) in the year the school year ends, or the first day after
/// it when the setting is no date.
fn deletion_day(year: SchoolYear, (month, day): (u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(year.end_year(), month, day)
        .filter(|d| *d > year.last_day())
        .unwrap_or_else(|| year.last_day() + chrono::Duration::days(1))
}

/// Deletes the pupils of every school year past its deletion day, keeping
/// per class the counts the reports need (pupils, attended, MitIDs made,
/// the visit day's groups). The worker's job; safe in several processes.
pub async fn forget_finished_school_years(core: &Core) -> Result<u64> {
    let today = core.now().with_timezone(&Copenhagen).date_naive();
    let Some(current) = SchoolYear::containing(today) else {
        return Ok(0);
    };
    let years: Vec<String> = (1..=30)
        .filter_map(|back| SchoolYear::starting(current.start_year() - back))
        .chain([current])
        .filter(|y| deletion_day(*y, core.retention.pupil_deletion) <= today)
        .map(|y| y.to_string())
        .collect();
    let rules = PupilRules::default();
    let mut forgotten = 0;
    for class in q::classes_to_forget(&core.db.read, &years).await? {
        let scope = Scope::new(samvirke_domain::MunicipalityId(class.municipality_id));
        let visit_day = q::classes(
            &core.db.read,
            scope,
            &class.school_year,
            Some(OrgId(class.organisation_id)),
        )
        .await?
        .into_iter()
        .find(|r| r.class.id == class.id)
        .and_then(|r| r.visit)
        .map(|s| s.starts_at.with_timezone(&Copenhagen).date_naive());
        let pupils = q::pupils(&core.db.read, scope, class.id).await?;
        let mut kept = q::KeptCounts {
            pupils: pupils.len() as i32,
            ..Default::default()
        };
        for p in &pupils {
            kept.attended +=
                i32::from(p.attendance() == Some(samvirke_domain::Attendance::Attended));
            kept.mitid_created += i32::from(p.mitid_created);
            if let Some(day) = visit_day {
                let mitid = p.mitid.parse().unwrap_or(MitIdStatus::Unknown);
                match pupil::visit_group(p.birth_date, day, mitid, &rules) {
                    VisitGroup::MitIdNow => kept.mitid_now += 1,
                    VisitGroup::SecurityPractice => kept.security_practice += 1,
                    VisitGroup::Turning15 => kept.turning_15 += 1,
                }
            }
        }
        let txn = core.db.write.begin().await?;
        if q::forget_pupils(&txn, scope, class.id, kept, core.now()).await? {
            forgotten += 1;
        }
        txn.commit().await?;
    }
    Ok(forgotten)
}

/// The longest text on what to bring for MitID.
pub const GUIDANCE_MAX: usize = 1_000;

/// What a parent letter says beyond the fixed texts: the class, its visit,
/// who comes, and the citizen service's text on what to bring for MitID
/// (`None` while it has written none: the letter then uses its default).
#[derive(Debug, Clone)]
pub struct ParentLetter {
    pub class: ClassSummary,
    pub library: Option<String>,
    pub citizen_service: Option<String>,
    pub phone: Option<String>,
    pub bring_da: Option<String>,
    pub bring_en: Option<String>,
}

/// The parent letter of a class: for the school and those who run the
/// visit. It holds no pupil's data.
pub async fn parent_letter(core: &Core, actor: &Actor, class_id: i64) -> Result<ParentLetter> {
    let (class, _) = class_for(core, actor, class_id, Action::Read).await?;
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let first_of = |kind: OrgKind| {
        orgs_all
            .iter()
            .find(|o| o.active && o.kind == kind.as_str())
            .map(|o| o.name.clone())
    };
    let municipality = orgs::municipality(&core.db.read, scope).await?;
    let guidance = q::mitid_guidance(&core.db.read, scope).await?;
    Ok(ParentLetter {
        library: first_of(OrgKind::Library),
        citizen_service: first_of(OrgKind::CitizenService),
        phone: municipality.and_then(|m| m.phone),
        bring_da: guidance.as_ref().map(|g| g.text_da.clone()),
        bring_en: guidance.map(|g| g.text_en),
        class,
    })
}

/// A coordinator of a citizen service: who writes the text on what to
/// bring for MitID (it issues MitID; no one else's text is printed).
async fn guidance_writer<'a>(core: &Core, actor: &'a Actor) -> Result<&'a StaffActor> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Update,
        Resource::OrgTexts {
            municipality: me.municipality,
            org: me.org,
        },
    )?;
    if viewer(core, me).await? != OrgKind::CitizenService {
        return Err(ServiceError::Denied(
            samvirke_domain::DenyReason::OtherOrganisation,
        ));
    }
    Ok(me)
}

/// The actor's organisation's text on what to bring for MitID, for its
/// coordinators to edit: (Danish, English), empty while none is written.
pub async fn own_guidance(core: &Core, actor: &Actor) -> Result<(String, String)> {
    let me = guidance_writer(core, actor).await?;
    let scope = Scope::new(me.municipality);
    Ok(q::mitid_guidance(&core.db.read, scope)
        .await?
        .filter(|g| g.organisation_id == me.org.0)
        .map(|g| (g.text_da, g.text_en))
        .unwrap_or_default())
}

/// Saves the actor's organisation's text on what to bring for MitID.
pub async fn set_guidance(core: &Core, actor: &Actor, text_da: &str, text_en: &str) -> Result<()> {
    let me = guidance_writer(core, actor).await?;
    let mut errors = samvirke_domain::validate::FieldErrors::default();
    let mut check = |field: &'static str, text: &str| match samvirke_domain::validate::optional_text(
        text,
        GUIDANCE_MAX,
    ) {
        Ok(Some(t)) => Some(t),
        Ok(None) => {
            errors.add(field, FieldProblem::Required);
            None
        }
        Err(p) => {
            errors.add(field, p);
            None
        }
    };
    let (da, en) = (check("text_da", text_da), check("text_en", text_en));
    let (Some(da), Some(en)) = (da, en) else {
        return Err(ServiceError::Invalid(errors));
    };
    let scope = Scope::new(me.municipality);
    q::set_mitid_guidance(&core.db.write, scope, me.org, &da, &en, core.now()).await?;
    Ok(())
}
