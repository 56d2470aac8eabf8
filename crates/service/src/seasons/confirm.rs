//! Checking an edited plan and confirming it. Confirming re-reads the
//! season inside the write transaction, so a visit or session saved
//! meanwhile is seen, and saves every visit or none.

use super::{
    PlanConflict, STAFF_PER_VISIT_MAX, Season, VISITS_MAX, VisitInput, internal, load, planner,
};
use crate::error::Result;
use crate::{Core, ServiceError};
use chrono::Datelike;
use samvirke_domain::school_year::SchoolYear;
use samvirke_domain::season::{self, ClassId, ConflictCode, PlanSettings, SeasonInput, Visit};
use samvirke_domain::validate::{FieldProblem, year_in_range};
use samvirke_domain::{Action, Actor, OrgId, StaffId};
use samvirke_store::{is_unique_violation, orgs, seasons as q, sessions};

/// What confirming did: saved the visits as these sessions, or saved
/// nothing because of these conflicts.
#[derive(Debug, Clone)]
pub enum Confirmed {
    Saved(Vec<i64>),
    Conflicts(Vec<PlanConflict>),
}

/// The visits as the planner's type, after the input's bounds: at least
/// one and at most [`VISITS_MAX`], each class and person of this season
/// (another municipality's ids are unknown here), dates in range.
fn visits_of(s: &Season, input: &[VisitInput]) -> Result<Vec<Visit>> {
    if input.is_empty() {
        return Err(ServiceError::invalid("visits", FieldProblem::Required));
    }
    if input.len() > VISITS_MAX {
        return Err(ServiceError::invalid("visits", FieldProblem::TooMany));
    }
    let mut out = Vec::with_capacity(input.len());
    for v in input {
        if !s.classes.iter().any(|c| c.id.0 == v.class_id) {
            return Err(ServiceError::invalid(
                "class_id",
                FieldProblem::InvalidChoice,
            ));
        }
        if v.staff.len() > STAFF_PER_VISIT_MAX {
            return Err(ServiceError::invalid("staff", FieldProblem::TooMany));
        }
        if !v
            .staff
            .iter()
            .all(|id| s.staff_refs.iter().any(|r| r.id == *id))
        {
            return Err(ServiceError::invalid("staff", FieldProblem::InvalidChoice));
        }
        year_in_range(v.date.year()).map_err(|p| ServiceError::invalid("date", p))?;
        // A person named twice is staffed once.
        let mut staff: Vec<StaffId> = Vec::with_capacity(v.staff.len());
        for id in &v.staff {
            if !staff.contains(&StaffId(*id)) {
                staff.push(StaffId(*id));
            }
        }
        out.push(Visit {
            class: ClassId(v.class_id),
            date: v.date,
            start: v.start,
            end: v.end,
            staff,
        });
    }
    Ok(out)
}

/// The conflicts of `visits` against the season: the domain's check over
/// the visits confirmed earlier (of other classes) and these, reported on
/// these; a class that has a visit already is `class_twice`.
fn conflicts(s: &Season, visits: &[Visit]) -> Vec<PlanConflict> {
    let mine = |c: ClassId| visits.iter().any(|v| v.class == c);
    let mut all: Vec<Visit> = s
        .fixed
        .iter()
        .filter(|(v, _)| !mine(v.class))
        .map(|(v, _)| v.clone())
        .collect();
    all.extend_from_slice(visits);
    let settings = PlanSettings::default();
    let input = SeasonInput {
        calendar: &s.calendar,
        schools: &s.schools,
        classes: &s.classes,
        staff: &s.staff,
        fixed: &[],
        settings: &settings,
    };
    let mut out: Vec<PlanConflict> = s
        .fixed
        .iter()
        .filter(|(v, _)| mine(v.class))
        .map(|(v, _)| PlanConflict {
            class_id: v.class.0,
            code: ConflictCode::ClassTwice,
            staff_id: None,
            other_class_id: None,
        })
        .collect();
    out.extend(
        season::check(&input, &all)
            .into_iter()
            .filter(|c| mine(c.class))
            .map(|c| PlanConflict {
                class_id: c.class.0,
                code: c.code,
                staff_id: c.staff.map(|s| s.0),
                other_class_id: c.other.map(|o| o.0),
            }),
    );
    out.dedup();
    out
}

/// The conflicts of an edited plan, as "Tjek" shows them; nothing is saved.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "season", resource_id = %year))]
pub async fn check_plan(
    core: &Core,
    actor: &Actor,
    year: SchoolYear,
    input: &[VisitInput],
) -> Result<Vec<PlanConflict>> {
    let scope = planner(core, actor, Action::Create).await?;
    let s = load(&core.db.read, scope, year, core.now()).await?;
    let visits = visits_of(&s, input)?;
    Ok(conflicts(&s, &visits))
}

/// Saves the plan, in one transaction, as closed sessions of the programme
/// at each class's school, with the staff on the programme's parts of
/// their organisation; or nothing, when the plan has a conflict with what
/// is saved now.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "season", resource_id = %year))]
pub async fn confirm(
    core: &Core,
    actor: &Actor,
    year: SchoolYear,
    input: &[VisitInput],
) -> Result<Confirmed> {
    let scope = planner(core, actor, Action::Create).await?;
    let now = core.now();
    // Bounds and ids first, outside the transaction: a bad request is 422.
    visits_of(&load(&core.db.read, scope, year, now).await?, input)?;
    let mut people: Vec<i64> = input.iter().flat_map(|v| v.staff.iter().copied()).collect();
    people.sort_unstable();
    people.dedup();

    let txn = core.db.begin_write().await?;
    q::lock_staff(&txn, scope, &people).await?;
    let s = load(&txn, scope, year, now).await?;
    let visits = visits_of(&s, input)?;
    let found = conflicts(&s, &visits);
    if !found.is_empty() {
        return Ok(Confirmed::Conflicts(found));
    }
    let programme = sessions::programme_by_title(&txn, scope, super::PROGRAMME_TITLE)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agenda = sessions::agenda(&txn, scope, programme.id).await?;
    let mut sites = orgs::list_sites(&txn, scope).await?;
    let mut saved = Vec::with_capacity(visits.len());
    for v in &visits {
        let school = s
            .classes
            .iter()
            .find(|c| c.id == v.class)
            .map(|c| c.school)
            .ok_or_else(|| internal("class left the season"))?;
        let site_id = match sites.iter().find(|x| x.organisation_id == school.0) {
            Some(site) => site.id,
            None => {
                let (_, name) = s.names(v.class.0);
                let site = orgs::create_site(&txn, scope, school, &name, "", now).await?;
                let id = site.id;
                sites.push(site);
                id
            }
        };
        let interval = v
            .interval()
            .ok_or_else(|| internal("a checked visit ends before it starts"))?;
        let session = sessions::create_session(
            &txn,
            scope,
            sessions::NewSession {
                programme_id: programme.id,
                org: OrgId(programme.organisation_id),
                site_id,
                starts_at: interval.start,
                ends_at: interval.end,
                capacity: 40,
                signup_opens_at: now,
                signup_closes_at: now,
                public: false,
            },
            now,
        )
        .await?;
        for person in v
            .staff
            .iter()
            .filter_map(|id| s.staff_refs.iter().find(|r| r.id == id.0))
        {
            for item in agenda.iter().filter(|a| a.organisation_id == person.org_id) {
                sessions::assign_staff(&txn, scope, session.id, item.id, person.id).await?;
            }
        }
        match q::insert_class_visit(&txn, scope, v.class.0, session.id).await {
            Ok(()) => saved.push(session.id),
            // Another confirm saved this class's visit first.
            Err(e) if is_unique_violation(&e) => {
                return Ok(Confirmed::Conflicts(vec![PlanConflict {
                    class_id: v.class.0,
                    code: ConflictCode::ClassTwice,
                    staff_id: None,
                    other_class_id: None,
                }]));
            }
            Err(e) => return Err(e.into()),
        }
    }
    txn.commit().await?;
    Ok(Confirmed::Saved(saved))
}
