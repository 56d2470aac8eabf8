//! Proposing a plan: nothing is saved.

use super::{SeasonPlan, UnplacedClass, load, planner};
use crate::Core;
use crate::error::Result;
use samvirke_domain::school_year::SchoolYear;
use samvirke_domain::season::{self, PlanSettings, SeasonInput, Visit};
use samvirke_domain::{Action, Actor};

/// A plan for the school year: the visits already confirmed, kept as they
/// are, and a proposed visit for every other class, or the reason there
/// is none. Only days after today are used.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "season", resource_id = %year))]
pub async fn propose(core: &Core, actor: &Actor, year: SchoolYear) -> Result<SeasonPlan> {
    let scope = planner(core, actor, Action::Create).await?;
    let s = load(&core.db.read, scope, year, core.now()).await?;
    let fixed: Vec<Visit> = s.fixed.iter().map(|(v, _)| v.clone()).collect();
    let settings = PlanSettings::default();
    let plan = season::propose(&SeasonInput {
        calendar: &s.calendar,
        schools: &s.schools,
        classes: &s.classes,
        staff: &s.staff,
        fixed: &fixed,
        settings: &settings,
    });
    let session_of = |v: &Visit| {
        s.fixed
            .iter()
            .find(|(f, _)| f.class == v.class)
            .map(|(_, id)| *id)
    };
    Ok(SeasonPlan {
        year,
        first_day: s.calendar.first_school_day(),
        last_day: s.calendar.last_visit_day(),
        visits: plan
            .visits
            .iter()
            .map(|v| s.planned(v, session_of(v)))
            .collect(),
        unplaced: plan
            .unplaced
            .iter()
            .map(|u| {
                let (class_name, school) = s.names(u.class.0);
                UnplacedClass {
                    class_id: u.class.0,
                    class_name,
                    school,
                    reason: u.reason,
                }
            })
            .collect(),
        staff: s.staff_refs.clone(),
    })
}
