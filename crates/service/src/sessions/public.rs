//! What citizens read: the coming public sessions and one session's page.

use super::{AgendaLine, ListFilter, SessionView, session_with_agenda, view};
use crate::error::Result;
use crate::{Core, ServiceError};
use samvirke_domain::MunicipalityId;
use samvirke_store::sessions::{self as q};
use samvirke_store::{Page, Scope, orgs};

/// Upcoming public sessions of a municipality.
#[tracing::instrument(skip_all, fields(municipality = municipality.0, resource = "session"))]
pub async fn list_public(
    core: &Core,
    municipality: MunicipalityId,
    f: &ListFilter,
) -> Result<Vec<SessionView>> {
    let scope = Scope::new(municipality);
    let from = f.from.or(Some(core.now()));
    let filter = q::SessionFilter {
        from,
        to: f.to,
        programme_id: f.programme_id,
        site_id: f.site_id,
        public_only: true,
        include_cancelled: false,
    };
    let sessions = q::sessions(&core.db.read, scope, &filter).await?;
    let programmes = q::programmes(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let mut out = Vec::with_capacity(sessions.len());
    for s in sessions {
        if let Some(v) = view(core, scope, s, &programmes, &sites).await?
            && f.target_group
                .as_deref()
                .is_none_or(|t| t.is_empty() || v.programme.target_group == t)
        {
            out.push(v);
        }
    }
    Ok(out)
}

/// One page of upcoming public sessions, by start time then id. The
/// `target_group` of the filter is not used here.
#[tracing::instrument(skip_all, fields(municipality = municipality.0, resource = "session"))]
pub async fn list_public_page(
    core: &Core,
    municipality: MunicipalityId,
    f: &ListFilter,
    after: Option<q::SessionKey>,
    limit: u64,
) -> Result<Page<SessionView>> {
    let scope = Scope::new(municipality);
    let filter = q::SessionFilter {
        from: f.from.or(Some(core.now())),
        to: f.to,
        programme_id: f.programme_id,
        site_id: f.site_id,
        public_only: true,
        include_cancelled: false,
    };
    let page = q::sessions_page(&core.db.read, scope, &filter, None, after, limit).await?;
    let programmes = q::programmes(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let mut out = Vec::with_capacity(page.items.len());
    for s in page.items {
        if let Some(v) = view(core, scope, s, &programmes, &sites).await? {
            out.push(v);
        }
    }
    Ok(Page {
        items: out,
        more: page.more,
    })
}

/// One public session with its agenda. Closed sessions are not found.
#[tracing::instrument(skip_all, fields(municipality = municipality.0, resource = "session", resource_id = id))]
pub async fn get_public(
    core: &Core,
    municipality: MunicipalityId,
    id: i64,
) -> Result<(SessionView, Vec<AgendaLine>)> {
    let scope = Scope::new(municipality);
    let s = q::session(&core.db.read, scope, id)
        .await?
        .filter(|s| s.public)
        .ok_or(ServiceError::NotFound)?;
    session_with_agenda(core, scope, s).await
}
