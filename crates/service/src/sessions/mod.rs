//! Programmes, sessions and sign-up with a waiting list, one module per job.
//!
//! A seat is taken by one conditional update of the session row; a
//! cancellation locks the same row first, then promotes the first on the
//! waiting list or gives the seat back. Every step of one sign-up or
//! cancellation is one transaction, so nothing is half-done.

pub(crate) mod batched;
mod day;
mod feeds;
mod outbound;
pub(crate) mod programme_fields;
mod programmes;
mod public;
mod reminders;
mod signup;
mod staffing;
mod views;

pub use day::*;
pub use feeds::*;
pub(crate) use outbound::{envelope, facts, language_of, place, place_text};
pub use outbound::{session_event, session_ics};
pub(crate) use programme_fields as fields;
pub use programme_fields::PROGRAMME_LIST_MAX;
pub use programmes::*;
pub use public::*;
pub use reminders::*;
pub use signup::*;
pub use staffing::*;
pub use views::{AgendaItem, Participant, Partner, Programme, Session, Site};

use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, Utc};
use samvirke_domain::signup::{Registration, registration_state};
use samvirke_domain::{Action, Actor, MunicipalityId, OrgId, Resource, StaffActor};
use samvirke_store::entity::{event_session, organisation, programme, site};
use samvirke_store::sessions as q;
use samvirke_store::{Scope, orgs};

/// A session as the public sees it.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub session: Session,
    pub programme: Programme,
    pub site: Option<Site>,
    pub seats_left: i32,
    pub waitlist_length: u64,
    pub registration: Registration,
}

#[derive(Debug, Clone)]
pub struct AgendaLine {
    pub item: AgendaItem,
    pub org_name: String,
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub programme_id: Option<i64>,
    pub site_id: Option<i64>,
    pub target_group: Option<String>,
}

async fn view(
    core: &Core,
    scope: Scope,
    s: event_session::Model,
    programmes: &[programme::Model],
    sites: &[site::Model],
) -> Result<Option<SessionView>> {
    let Some(programme) = programmes.iter().find(|p| p.id == s.programme_id).cloned() else {
        return Ok(None);
    };
    let _ = scope;
    // Everyone who ever joined the list, less those who left it.
    let waitlist_length = (s.waitlist_seq - s.waitlist_left).max(0) as u64;
    let registration = registration_state(
        core.now(),
        s.signup_opens_at,
        s.signup_closes_at,
        s.starts_at,
        s.cancelled_at.is_some(),
    );
    Ok(Some(SessionView {
        seats_left: (s.capacity - s.taken).max(0),
        site: sites
            .iter()
            .find(|x| x.id == s.site_id)
            .cloned()
            .map(Site::from),
        session: s.into(),
        programme: programme.into(),
        waitlist_length,
        registration,
    }))
}

async fn session_with_agenda(
    core: &Core,
    scope: Scope,
    s: event_session::Model,
) -> Result<(SessionView, Vec<AgendaLine>)> {
    let programmes = q::programme(&core.db.read, scope, s.programme_id)
        .await?
        .into_iter()
        .collect::<Vec<_>>();
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let v = view(core, scope, s, &programmes, &sites)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agenda = q::agenda(&core.db.read, scope, v.programme.id)
        .await?
        .into_iter()
        .map(|item| AgendaLine {
            org_name: org_name(&orgs_all, item.organisation_id),
            item: item.into(),
        })
        .collect();
    Ok((v, agenda))
}

fn org_name(all: &[organisation::Model], id: i64) -> String {
    all.iter()
        .find(|o| o.id == id)
        .map(|o| o.name.clone())
        .unwrap_or_default()
}

/// The resource a staff member meets in a session: owned, partner, or neither.
async fn joint_resource(
    core: &Core,
    me: &StaffActor,
    s: &event_session::Model,
) -> Result<Resource> {
    // The session's own municipality: the policy then decides about the actor's.
    let scope = Scope::new(MunicipalityId(s.municipality_id));
    let partners = q::partners(&core.db.read, scope, &[s.programme_id]).await?;
    let partner = partners
        .iter()
        .find(|p| p.organisation_id == me.org.0)
        .and_then(|p| p.level());
    Ok(Resource::Joint {
        municipality: MunicipalityId(s.municipality_id),
        owner: OrgId(s.organisation_id),
        partner,
    })
}

/// A session of the actor's municipality that the policy lets them act on.
pub(crate) struct SessionInScope<'a> {
    pub me: &'a StaffActor,
    pub scope: Scope,
    pub session: event_session::Model,
    pub resource: Resource,
}

/// Loads a session for a staff member and asks the policy first: another
/// municipality's session is not found, a session they may not touch is
/// forbidden.
pub(crate) async fn session_in_scope<'a>(
    core: &Core,
    actor: &'a Actor,
    id: i64,
    action: Action,
) -> Result<SessionInScope<'a>> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let session = q::session(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let resource = joint_resource(core, me, &session).await?;
    require(actor, action, resource)?;
    Ok(SessionInScope {
        me,
        scope,
        session,
        resource,
    })
}
