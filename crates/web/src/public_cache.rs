//! What public pages read most, kept for a moment: the municipality and
//! the upcoming public sessions with their agendas.

use crate::AppState;
use samvirke_domain::MunicipalityId;
use samvirke_service::auth::SignedIn;
use samvirke_service::sessions::{self as svc_sessions, AgendaLine, SessionView};
use samvirke_service::{ServiceError, branding};
use std::sync::Arc;
use std::time::Duration;

/// The municipality shown on public pages and in the page frame.
pub use samvirke_service::branding::Branding as PublicMunicipality;

/// Public session data, kept for a moment: the list and session pages are
/// read far more often than they change. Sign-ups and cancellations in this
/// process clear it at once; changes made by another process show within
/// [`PUBLIC_CACHE_FOR`]. Sign-up itself always checks the database.
#[derive(Default)]
pub(crate) struct PublicCache {
    list: Option<(std::time::Instant, MunicipalityId, Arc<Vec<SessionView>>)>,
    agendas: std::collections::HashMap<i64, (std::time::Instant, Arc<Vec<AgendaLine>>)>,
}

pub const PUBLIC_CACHE_FOR: Duration = Duration::from_secs(1);

impl AppState {
    /// Upcoming public sessions, from the cache when it is fresh.
    pub async fn public_sessions(
        &self,
        m: MunicipalityId,
    ) -> Result<Arc<Vec<SessionView>>, ServiceError> {
        if let Some((at, cached_m, list)) = &self.public_sessions.read().await.list
            && *cached_m == m
            && at.elapsed() < PUBLIC_CACHE_FOR
        {
            return Ok(list.clone());
        }
        let list = Arc::new(
            svc_sessions::list_public(&self.core, m, &svc_sessions::ListFilter::default()).await?,
        );
        self.public_sessions.write().await.list =
            Some((std::time::Instant::now(), m, list.clone()));
        Ok(list)
    }

    /// One public session with its agenda, from the cache when it is fresh.
    pub async fn public_session(
        &self,
        m: MunicipalityId,
        id: i64,
    ) -> Result<(SessionView, Arc<Vec<AgendaLine>>), ServiceError> {
        let listed = self
            .public_sessions(m)
            .await?
            .iter()
            .find(|v| v.session.id == id)
            .cloned();
        let Some(view) = listed else {
            // Not upcoming (or cancelled): straight from the database.
            let (v, agenda) = svc_sessions::get_public(&self.core, m, id).await?;
            return Ok((v, Arc::new(agenda)));
        };
        let programme = view.programme.id;
        if let Some((at, agenda)) = self.public_sessions.read().await.agendas.get(&programme)
            && at.elapsed() < PUBLIC_CACHE_FOR
        {
            return Ok((view, agenda.clone()));
        }
        let (_, agenda) = svc_sessions::get_public(&self.core, m, id).await?;
        let agenda = Arc::new(agenda);
        self.public_sessions
            .write()
            .await
            .agendas
            .insert(programme, (std::time::Instant::now(), agenda.clone()));
        Ok((view, agenda))
    }

    /// After a change this process made: the next reader sees it.
    pub async fn public_changed(&self) {
        *self.public_sessions.write().await = PublicCache::default();
    }

    /// The signed-in person's municipality, or for the public the
    /// installation's first one (the single-municipality default; kept once read).
    pub async fn municipality_for(
        &self,
        user: Option<&SignedIn>,
    ) -> Result<Option<PublicMunicipality>, ServiceError> {
        if let Some(me) = user {
            return branding::own(&self.core, &me.as_actor()).await;
        }
        if let Some(m) = self.public_municipality.read().await.clone() {
            return Ok(Some(m));
        }
        let m = branding::public(&self.core).await?;
        if let Some(m) = &m {
            *self.public_municipality.write().await = Some(m.clone());
        }
        Ok(m)
    }
}

impl AppState {
    /// The municipality of the public pages and the public API; not found
    /// before one is set up.
    pub async fn public_home(&self) -> Result<PublicMunicipality, ServiceError> {
        self.municipality_for(None)
            .await?
            .ok_or(ServiceError::NotFound)
    }
}
