//! The visit day: the class sheet (attended, MitID, questions asked, a
//! parent's e-mail with consent) and the run sheet with the three groups.
//! Both are for the library and the citizen service, who run the visit;
//! the MitID status only for the citizen service; every read audit-logged.

use super::{ClassSummary, PUPILS_MAX, class_for};
use crate::error::Result;
use crate::{Core, ServiceError, audit, signed_in};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::pupil::{self, MitIdStatus, PupilRules, VisitGroup, age_on};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{Action, Actor, Attendance, OrgId, OrgKind, Resource, StaffActor};
use samvirke_store::class_day::{self as q, ParentContact, PupilUpdate};
use samvirke_store::entity::pupil as pupil_row;
use samvirke_store::{Scope, classes, orgs, sessions, staff};

/// A pupil as the class sheet shows them.
#[derive(Debug, Clone)]
pub struct SheetPupil {
    pub id: i64,
    pub name: String,
    pub age_on_visit_day: i32,
    pub attendance: Option<Attendance>,
    pub asked_questions: bool,
    pub parent_email: Option<String>,
    pub parent_consent: bool,
    pub group: VisitGroup,
    /// The citizen service's record: `None` for everyone else.
    pub mitid: Option<MitIdStatus>,
    pub mitid_created: Option<bool>,
    /// Old enough today for a MitID status other than unknown.
    pub mitid_possible: bool,
}

#[derive(Debug, Clone)]
pub struct ClassSheet {
    pub class: ClassSummary,
    /// The visit's day, or today while no visit is planned.
    pub visit_day: NaiveDate,
    pub pupils: Vec<SheetPupil>,
    pub sees_mitid: bool,
}

/// What one pupil's line of the sheet changes; `None` leaves it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PupilChange {
    pub attendance: Option<Option<Attendance>>,
    pub mitid: Option<MitIdStatus>,
    pub mitid_created: Option<bool>,
    pub asked_questions: Option<bool>,
    /// The parent's e-mail as typed (empty removes it) and whether the
    /// parent has given consent.
    pub parent: Option<(String, bool)>,
}

/// A field of one pupil's line that cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowProblem {
    pub pupil: i64,
    pub field: &'static str,
    pub problem: FieldProblem,
}

/// Who is at the visit day's sheet, and what of it they see.
struct DayAccess<'a> {
    me: &'a StaffActor,
    class: ClassSummary,
    visit_day: NaiveDate,
    sees_mitid: bool,
}

fn today(core: &Core) -> NaiveDate {
    core.now().with_timezone(&Copenhagen).date_naive()
}

/// The class's visit day, or today while no visit is planned.
fn visit_day(core: &Core, class: &ClassSummary) -> NaiveDate {
    class.visit.map_or_else(
        || today(core),
        |v| v.starts_at.with_timezone(&Copenhagen).date_naive(),
    )
}

/// A class for the visit day's pages: those who run the visit only; for
/// anyone else (the school included) the sheet does not exist.
async fn visit_day_for<'a>(core: &Core, actor: &'a Actor, id: i64) -> Result<DayAccess<'a>> {
    let me = signed_in(actor)?;
    let (class, viewer) = class_for(core, actor, id, Action::ReadPersonal).await?;
    let day = Resource::VisitDay {
        municipality: me.municipality,
        viewer,
    };
    if !samvirke_domain::authorize(actor, Action::Update, day).is_allowed() {
        return Err(ServiceError::NotFound);
    }
    let sees_mitid = samvirke_domain::authorize(
        actor,
        Action::Update,
        Resource::PupilMitId {
            municipality: me.municipality,
            viewer,
        },
    )
    .is_allowed();
    let visit_day = visit_day(core, &class);
    Ok(DayAccess {
        me,
        class,
        visit_day,
        sees_mitid,
    })
}

fn sheet_pupil(
    p: pupil_row::Model,
    visit_day: NaiveDate,
    today: NaiveDate,
    sees_mitid: bool,
) -> SheetPupil {
    let rules = PupilRules::default();
    let mitid = p.mitid_status();
    SheetPupil {
        id: p.id,
        age_on_visit_day: age_on(p.birth_date, visit_day),
        attendance: p.attendance(),
        asked_questions: p.asked_questions,
        parent_consent: p.parent_consent_at.is_some(),
        parent_email: p.parent_email,
        group: pupil::visit_group(p.birth_date, visit_day, mitid, &rules),
        mitid: sees_mitid.then_some(mitid),
        mitid_created: sees_mitid.then_some(p.mitid_created),
        mitid_possible: pupil::check_mitid(MitIdStatus::Has, age_on(p.birth_date, today), &rules)
            .is_ok(),
        name: p.name,
    }
}

/// The class sheet: every pupil with what the visit day records; the read
/// is audit-logged in the school's log.
pub async fn class_sheet(core: &Core, actor: &Actor, id: i64) -> Result<ClassSheet> {
    let access = visit_day_for(core, actor, id).await?;
    sheet_of(core, access, id).await
}

/// The sheet of a class the actor was let in to, its read audit-logged.
async fn sheet_of(core: &Core, access: DayAccess<'_>, id: i64) -> Result<ClassSheet> {
    let scope = Scope::new(access.me.municipality);
    let rows = classes::pupils(&core.db.read, scope, id).await?;
    audit::record_read_of(
        core,
        access.me,
        OrgId(access.class.school_id),
        "visit_day_sheet",
        "class",
        id,
    )
    .await?;
    let today = today(core);
    Ok(ClassSheet {
        pupils: rows
            .into_iter()
            .map(|p| sheet_pupil(p, access.visit_day, today, access.sees_mitid))
            .collect(),
        class: access.class,
        visit_day: access.visit_day,
        sees_mitid: access.sees_mitid,
    })
}

/// What a change becomes in the store, or the problems of its fields.
fn checked_update(
    me: &StaffActor,
    pupil: &pupil_row::Model,
    change: &PupilChange,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> std::result::Result<PupilUpdate, Vec<(&'static str, FieldProblem)>> {
    let mut problems = Vec::new();
    let mitid = change.mitid.and_then(|status| {
        pupil::check_mitid(
            status,
            age_on(pupil.birth_date, today),
            &PupilRules::default(),
        )
        .map_err(|_| problems.push(("mitid", FieldProblem::MitIdTooYoung)))
        .ok()
    });
    // Nobody gets MitID before the MitID age, on the day or otherwise.
    let age_today = age_on(pupil.birth_date, today);
    if change.mitid_created == Some(true)
        && pupil::check_mitid(MitIdStatus::Has, age_today, &PupilRules::default()).is_err()
    {
        problems.push(("mitid_created", FieldProblem::MitIdTooYoung));
    }
    let parent = match &change.parent {
        None => None,
        Some((typed, _)) if typed.trim().is_empty() => Some(None),
        Some((typed, consent)) => match validate::email(typed) {
            Err(problem) => {
                problems.push(("parent_email", problem));
                None
            }
            Ok(_) if !consent => {
                problems.push(("parent_email", FieldProblem::ConsentRequired));
                None
            }
            // The same e-mail again keeps when and by whom consent was recorded.
            Ok(email) => Some(Some(match (&pupil.parent_email, pupil.parent_consent_at) {
                (Some(before), Some(at)) if *before == email => ParentContact {
                    email,
                    consent_at: at,
                    consent_by: pupil.parent_consent_by.unwrap_or(me.staff.0),
                },
                _ => ParentContact {
                    email,
                    consent_at: now,
                    consent_by: me.staff.0,
                },
            })),
        },
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(PupilUpdate {
        attendance: change.attendance,
        mitid,
        mitid_created: change.mitid_created,
        asked_questions: change.asked_questions,
        parent,
    })
}

/// Saves the lines of the class sheet in one transaction, or nothing: the
/// problems of the lines in error come back (empty when all was saved).
/// A pupil not of this class is not found; the MitID fields from anyone
/// but the citizen service are forbidden.
pub async fn save_sheet(
    core: &Core,
    actor: &Actor,
    id: i64,
    changes: &[(i64, PupilChange)],
) -> Result<Vec<RowProblem>> {
    let access = visit_day_for(core, actor, id).await?;
    if changes.len() > PUPILS_MAX {
        return Err(ServiceError::invalid("pupils", FieldProblem::TooMany));
    }
    let touches_mitid = changes
        .iter()
        .any(|(_, c)| c.mitid.is_some() || c.mitid_created.is_some());
    if touches_mitid && !access.sees_mitid {
        return Err(ServiceError::Denied(
            samvirke_domain::DenyReason::OtherOrganisation,
        ));
    }
    let scope = Scope::new(access.me.municipality);
    let pupils = classes::pupils(&core.db.read, scope, id).await?;
    let (today, now) = (today(core), core.now());
    let mut updates = Vec::with_capacity(changes.len());
    let mut problems = Vec::new();
    for (pupil_id, change) in changes {
        let pupil = pupils
            .iter()
            .find(|p| p.id == *pupil_id)
            .ok_or(ServiceError::NotFound)?;
        match checked_update(access.me, pupil, change, today, now) {
            Ok(update) => updates.push((*pupil_id, update)),
            Err(found) => problems.extend(found.into_iter().map(|(field, problem)| RowProblem {
                pupil: *pupil_id,
                field,
                problem,
            })),
        }
    }
    if !problems.is_empty() {
        return Ok(problems);
    }
    let txn = core.db.begin_write().await?;
    for (pupil_id, update) in &updates {
        if !q::update_pupil(&txn, scope, id, *pupil_id, update).await? {
            return Err(ServiceError::NotFound);
        }
    }
    txn.commit().await?;
    Ok(Vec::new())
}

/// Changes one pupil (the API's PATCH) and answers the pupil as the sheet
/// shows them now; the problems come back as field errors.
pub async fn update_pupil(
    core: &Core,
    actor: &Actor,
    class_id: i64,
    pupil_id: i64,
    change: PupilChange,
) -> Result<SheetPupil> {
    let problems = save_sheet(core, actor, class_id, &[(pupil_id, change)]).await?;
    if !problems.is_empty() {
        let mut errors = FieldErrors::default();
        for p in problems {
            errors.add(p.field, p.problem);
        }
        return Err(ServiceError::Invalid(errors));
    }
    let access = visit_day_for(core, actor, class_id).await?;
    let scope = Scope::new(access.me.municipality);
    let row = q::pupil_in_class(&core.db.read, scope, class_id, pupil_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(sheet_pupil(
        row,
        access.visit_day,
        today(core),
        access.sees_mitid,
    ))
}

/// One part of the visit's programme and who runs it.
#[derive(Debug, Clone)]
pub struct RunItem {
    pub title: String,
    pub minutes: i32,
    pub org: String,
    pub staff: Vec<String>,
}

/// A pupil on the run sheet: the MitID status only for the citizen service.
#[derive(Debug, Clone)]
pub struct RunPupil {
    pub name: String,
    pub mitid: Option<MitIdStatus>,
}

/// The run sheet of a class's visit.
#[derive(Debug, Clone)]
pub struct RunSheet {
    pub class: ClassSummary,
    /// The visit's day, or today while no visit is planned.
    pub visit_day: NaiveDate,
    /// Where: the site's name and address.
    pub place: Option<(String, String)>,
    pub agenda: Vec<RunItem>,
    /// Everyone staffing the visit, with their organisation, once each.
    pub staff: Vec<(String, String)>,
    /// The three groups in their order, each with its pupils by name.
    pub groups: Vec<(VisitGroup, Vec<RunPupil>)>,
}

/// The visit's run sheet: when, where, who, the agenda and the three
/// groups with the pupils' names (audit-logged).
pub async fn run_sheet(core: &Core, actor: &Actor, id: i64) -> Result<RunSheet> {
    let access = visit_day_for(core, actor, id).await?;
    let scope = Scope::new(access.me.municipality);
    let sheet = sheet_of(core, access, id).await?;
    let mut place = None;
    let mut agenda = Vec::new();
    let mut staffing: Vec<(String, String)> = Vec::new();
    let session = match sheet.class.visit {
        Some(v) => sessions::session(&core.db.read, scope, v.session_id).await?,
        None => None,
    };
    if let Some(s) = session {
        let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
        let org_name = |id: i64| {
            orgs_all
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.name.clone())
                .unwrap_or_default()
        };
        place = orgs::list_sites(&core.db.read, scope)
            .await?
            .into_iter()
            .find(|x| x.id == s.site_id)
            .map(|x| (x.name, x.address));
        let assignments = sessions::assignments(&core.db.read, scope, &[s.id]).await?;
        let mut names = Vec::new();
        for a in &assignments {
            if let Some(person) =
                staff::get(&core.db.read, scope, samvirke_domain::StaffId(a.staff_id)).await?
            {
                let entry = (person.name, org_name(person.organisation_id));
                if !staffing.contains(&entry) {
                    staffing.push(entry.clone());
                }
                names.push((a.agenda_item_id, entry.0));
            }
        }
        agenda = sessions::agenda(&core.db.read, scope, s.programme_id)
            .await?
            .into_iter()
            .map(|item| RunItem {
                staff: names
                    .iter()
                    .filter(|(i, _)| *i == item.id)
                    .map(|(_, n)| n.clone())
                    .collect(),
                org: org_name(item.organisation_id),
                title: item.title,
                minutes: item.minutes,
            })
            .collect();
    }
    let groups = VisitGroup::ALL
        .iter()
        .map(|g| {
            let pupils = sheet
                .pupils
                .iter()
                .filter(|p| p.group == *g)
                .map(|p| RunPupil {
                    name: p.name.clone(),
                    mitid: p.mitid,
                })
                .collect();
            (*g, pupils)
        })
        .collect();
    Ok(RunSheet {
        class: sheet.class,
        visit_day: sheet.visit_day,
        place,
        agenda,
        staff: staffing,
        groups,
    })
}

/// Whether the actor may open the visit day's pages of classes (the
/// library and the citizen service): for the links on the class page.
pub async fn runs_visits(core: &Core, actor: &Actor) -> Result<bool> {
    let me = signed_in(actor)?;
    let viewer: OrgKind = super::viewer(core, me).await?;
    Ok(samvirke_domain::authorize(
        actor,
        Action::Update,
        Resource::VisitDay {
            municipality: me.municipality,
            viewer,
        },
    )
    .is_allowed())
}
