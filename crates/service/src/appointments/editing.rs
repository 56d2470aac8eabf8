//! What the coordinators' pages need beside `services`: a service with
//! the choices of its form (its organisation's sites and staff), and the
//! guided question's whole mapping saved in one go.

use super::services::{ServiceInfo, load, load_one};
use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use samvirke_domain::appointments::Topic;
use samvirke_domain::validate::{FieldErrors, FieldProblem};
use samvirke_domain::{Action, Actor, OrgId, Resource, authorize};
use samvirke_store::appointments as q;
use samvirke_store::{Scope, orgs, staff};

/// One choice of a form: a site or a staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// A service (none when new) with what its form offers to choose.
#[derive(Debug, Clone)]
pub struct ServiceForm {
    pub service: Option<ServiceInfo>,
    pub organisation: String,
    /// Whether the actor may save it; others see it read-only.
    pub may_edit: bool,
    /// The organisation's sites.
    pub sites: Vec<Choice>,
    /// The organisation's active staff, who may give it.
    pub staff: Vec<Choice>,
}

/// The organisation's sites and active staff, by name.
pub(super) async fn choices_of(
    core: &Core,
    scope: Scope,
    org: OrgId,
) -> Result<(Vec<Choice>, Vec<Choice>)> {
    let sites = orgs::list_sites(&core.db.read, scope)
        .await?
        .into_iter()
        .filter(|s| s.organisation_id == org.0)
        .map(|s| Choice {
            id: s.id,
            name: s.name,
        })
        .collect();
    let people = staff::list_for_org(&core.db.read, scope, org)
        .await?
        .into_iter()
        .filter(|p| p.active)
        .map(|p| Choice {
            id: p.id,
            name: p.name,
        })
        .collect();
    Ok((sites, people))
}

/// A service of the municipality for its page (`id` Some; every staff
/// member reads it), or a new one of the actor's organisation (`id` None;
/// its coordinators only).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "appointment_service"))]
pub async fn service_form(core: &Core, actor: &Actor, id: Option<i64>) -> Result<ServiceForm> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let service = match id {
        Some(id) => Some(load_one(&core.db.read, scope, id, true).await?),
        None => None,
    };
    let org = service.as_ref().map_or(me.org, |s| OrgId(s.org_id));
    let resource = Resource::AppointmentService {
        municipality: me.municipality,
        org,
    };
    require(
        actor,
        if service.is_some() {
            Action::Read
        } else {
            Action::Create
        },
        resource,
    )?;
    let may_edit = authorize(actor, Action::Update, resource).is_allowed();
    let (sites, staff) = choices_of(core, scope, org).await?;
    let organisation = orgs::organisation(&core.db.read, scope, org)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    Ok(ServiceForm {
        service,
        organisation,
        may_edit,
        sites,
        staff,
    })
}

/// The guided question's mapping for its page: each topic and the id of
/// the service it leads to, the active services one may choose, and
/// whether the actor may change it.
pub struct TopicMap {
    pub topics: Vec<(Topic, Option<i64>)>,
    pub services: Vec<ServiceInfo>,
    pub may_edit: bool,
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "appointment_triage"))]
pub async fn topic_map(core: &Core, actor: &Actor) -> Result<TopicMap> {
    let me = signed_in(actor)?;
    let resource = Resource::AppointmentTriage {
        municipality: me.municipality,
    };
    require(actor, Action::Read, resource)?;
    let scope = Scope::new(me.municipality);
    let map = q::topics(&core.db.read, scope).await?;
    Ok(TopicMap {
        topics: Topic::ALL
            .iter()
            .map(|&t| {
                let to = map.iter().find(|(c, _)| c == t.as_str()).map(|(_, s)| *s);
                (t, to)
            })
            .collect(),
        services: load(&core.db.read, scope, false).await?,
        may_edit: authorize(actor, Action::Update, resource).is_allowed(),
    })
}

/// Saves the whole mapping in one transaction: each topic leads to an
/// active service of the municipality, or nowhere (`None`: the guided
/// question leaves the topic out; the list of all services stays).
/// Errors name the topic.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "appointment_triage"))]
pub async fn set_topics(core: &Core, actor: &Actor, map: &[(Topic, Option<i64>)]) -> Result<()> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Update,
        Resource::AppointmentTriage {
            municipality: me.municipality,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let active = load(&core.db.read, scope, false).await?;
    let mut errors = FieldErrors::default();
    for (t, to) in map {
        if let Some(id) = to
            && !active.iter().any(|s| s.id == *id)
        {
            errors.add(t.as_str(), FieldProblem::InvalidChoice);
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let txn = core.db.begin_write().await?;
    for (t, to) in map {
        match to {
            Some(id) => {
                q::set_topic(&txn, scope, t.as_str(), *id).await?;
            }
            None => q::clear_topic(&txn, scope, t.as_str()).await?,
        }
    }
    txn.commit().await?;
    Ok(())
}
