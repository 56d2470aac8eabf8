//! Who runs which part of a session: the eligible staff, assigning and unassigning.

use super::{AgendaItem, SessionInScope, SessionView, org_name, session_in_scope, view};
use crate::error::Result;
use crate::{Core, ServiceError};
use samvirke_domain::validate::FieldProblem;
use samvirke_domain::{Action, Actor, OrgId};
use samvirke_store::entity::{agenda_item, event_session};
use samvirke_store::sessions::{self as q};
use samvirke_store::{Scope, is_unique_violation, orgs};

/// Staff who may take an agenda item: from the owner or a partner
/// organisation, holding the competence the item needs.
pub(crate) async fn eligible_staff(
    core: &Core,
    scope: Scope,
    s: &event_session::Model,
    item: &agenda_item::Model,
) -> Result<Vec<(i64, String, String)>> {
    let partners = q::partners(&core.db.read, scope, &[s.programme_id]).await?;
    let mut orgs_in: Vec<i64> = partners.iter().map(|p| p.organisation_id).collect();
    orgs_in.push(s.organisation_id);
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let mut out = Vec::new();
    for org in orgs_in {
        for person in samvirke_store::staff::list_for_org(&core.db.read, scope, OrgId(org)).await? {
            if !person.active {
                continue;
            }
            if let Some(needed) = item.competence_id {
                let has = samvirke_store::staff::competences_of(
                    &core.db.read,
                    scope,
                    samvirke_domain::StaffId(person.id),
                )
                .await?
                .iter()
                .any(|c| c.id == needed);
                if !has {
                    continue;
                }
            }
            out.push((person.id, person.name, org_name(&orgs_all, org)));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// Puts a staff member on an agenda item of a session. Returns the other
/// sessions they are already on at the same time, as a warning.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = session_id))]
pub async fn assign(
    core: &Core,
    actor: &Actor,
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<Vec<SessionView>> {
    let SessionInScope {
        scope, session: s, ..
    } = session_in_scope(core, actor, session_id, Action::Create).await?;
    let item = q::agenda(&core.db.read, scope, s.programme_id)
        .await?
        .into_iter()
        .find(|a| a.id == agenda_item_id)
        .ok_or(ServiceError::NotFound)?;
    if !eligible_staff(core, scope, &s, &item)
        .await?
        .iter()
        .any(|(id, _, _)| *id == staff_id)
    {
        return Err(ServiceError::invalid("staff", FieldProblem::InvalidChoice));
    }
    let others = q::sessions_of_staff(&core.db.read, scope, staff_id).await?;
    let clashes: Vec<event_session::Model> = others
        .into_iter()
        .filter(|o| {
            o.id != session_id
                && o.cancelled_at.is_none()
                && o.starts_at < s.ends_at
                && s.starts_at < o.ends_at
        })
        .collect();
    match q::assign_staff(&core.db.write, scope, session_id, agenda_item_id, staff_id).await {
        Ok(()) => {}
        Err(e) if is_unique_violation(&e) => {}
        Err(e) => return Err(e.into()),
    }
    let programmes = q::programmes(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let mut warnings = Vec::new();
    for c in clashes {
        if let Some(v) = view(core, scope, c, &programmes, &sites).await? {
            warnings.push(v);
        }
    }
    Ok(warnings)
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = session_id))]
pub async fn unassign(
    core: &Core,
    actor: &Actor,
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<()> {
    let SessionInScope { scope, .. } =
        session_in_scope(core, actor, session_id, Action::Create).await?;
    q::unassign_staff(&core.db.write, scope, session_id, agenda_item_id, staff_id).await?;
    Ok(())
}

/// One agenda item's staffing: who is on it, and who could be.
pub struct Staffing {
    pub item: AgendaItem,
    pub assigned: Vec<(i64, String, String)>,
    pub eligible: Vec<(i64, String, String)>,
}

/// The staffing of a session, for the coordinator who plans it.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = session_id))]
pub async fn staffing(core: &Core, actor: &Actor, session_id: i64) -> Result<Vec<Staffing>> {
    let SessionInScope {
        scope, session: s, ..
    } = session_in_scope(core, actor, session_id, Action::Create).await?;
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let assignments = q::assignments(&core.db.read, scope, &[session_id]).await?;
    let mut out = Vec::new();
    for item in q::agenda(&core.db.read, scope, s.programme_id).await? {
        let mut assigned = Vec::new();
        for a in assignments.iter().filter(|a| a.agenda_item_id == item.id) {
            if let Some(p) = samvirke_store::staff::get(
                &core.db.read,
                scope,
                samvirke_domain::StaffId(a.staff_id),
            )
            .await?
            {
                assigned.push((p.id, p.name, org_name(&orgs_all, p.organisation_id)));
            }
        }
        let eligible = eligible_staff(core, scope, &s, &item)
            .await?
            .into_iter()
            .filter(|(id, _, _)| !assigned.iter().any(|(a, _, _)| a == id))
            .collect();
        out.push(Staffing {
            item: item.into(),
            assigned,
            eligible,
        });
    }
    Ok(out)
}
