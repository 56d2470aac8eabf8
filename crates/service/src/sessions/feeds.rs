//! Calendar feeds: public ones per site or programme, and each staff member's own.

use super::{place_text, session_event};
use crate::error::Result;
use crate::ics::{IcsEvent, calendar};
use crate::secret::{new_token, token_hash};
use crate::{Core, ServiceError, require};
use samvirke_domain::{Action, Actor, MunicipalityId, Resource, StaffActor};
use samvirke_store::entity::{event_session, programme, site};
use samvirke_store::sessions::{self as q};
use samvirke_store::{Scope, orgs};

/// A public calendar feed: all public sessions at one site, or of one programme.
#[derive(Debug, Clone, Copy)]
pub enum PublicFeed {
    Site(i64),
    Programme(i64),
}

/// The iCalendar text of a public feed: recent and upcoming public sessions.
#[tracing::instrument(skip_all, fields(municipality = municipality.0, resource = "public_feed"))]
pub async fn public_feed(
    core: &Core,
    municipality: MunicipalityId,
    feed: PublicFeed,
) -> Result<String> {
    let scope = Scope::new(municipality);
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let programmes = q::programmes(&core.db.read, scope).await?;
    let (name, filter) = match feed {
        PublicFeed::Site(id) => {
            let site = sites
                .iter()
                .find(|s| s.id == id)
                .ok_or(ServiceError::NotFound)?;
            (
                site.name.clone(),
                q::SessionFilter {
                    site_id: Some(id),
                    programme_id: None,
                    ..feed_filter(core)
                },
            )
        }
        PublicFeed::Programme(id) => {
            let p = programmes
                .iter()
                .find(|p| p.id == id)
                .ok_or(ServiceError::NotFound)?;
            // A programme is public through its public sessions only: one
            // that has none, not even a past or cancelled one, is not found.
            let ever_public = q::SessionFilter {
                from: None,
                to: None,
                programme_id: Some(id),
                site_id: None,
                public_only: true,
                include_cancelled: true,
            };
            if q::sessions(&core.db.read, scope, &ever_public)
                .await?
                .is_empty()
            {
                return Err(ServiceError::NotFound);
            }
            (
                p.title.clone(),
                q::SessionFilter {
                    programme_id: Some(id),
                    site_id: None,
                    ..feed_filter(core)
                },
            )
        }
    };
    let sessions = q::sessions(&core.db.read, scope, &filter).await?;
    Ok(feed_text(core, &name, &sessions, &programmes, &sites))
}

fn feed_filter(core: &Core) -> q::SessionFilter {
    q::SessionFilter {
        from: Some(core.now() - chrono::Duration::days(30)),
        to: None,
        programme_id: None,
        site_id: None,
        public_only: true,
        // Cancelled sessions stay in the feed, marked so, so calendars update.
        include_cancelled: true,
    }
}

fn feed_text(
    core: &Core,
    name: &str,
    sessions: &[event_session::Model],
    programmes: &[programme::Model],
    sites: &[site::Model],
) -> String {
    let locations: Vec<String> = sessions
        .iter()
        .map(|s| place_text(sites.iter().find(|x| x.id == s.site_id)))
        .collect();
    let events: Vec<IcsEvent<'_>> = sessions
        .iter()
        .zip(&locations)
        .filter_map(|(s, loc)| {
            programmes
                .iter()
                .find(|p| p.id == s.programme_id)
                .map(|p| session_event(core, s, p, loc))
        })
        .collect();
    calendar(name, &events, core.now())
}

/// A staff member's private feed: the sessions they are assigned to.
#[tracing::instrument(skip_all, fields(resource = "staff_feed"))]
pub async fn staff_feed(core: &Core, token: &str) -> Result<String> {
    let (municipality, staff_id) = q::calendar_feed_owner(&core.db.read, &token_hash(token))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(MunicipalityId(municipality));
    let person =
        samvirke_store::staff::get(&core.db.read, scope, samvirke_domain::StaffId(staff_id))
            .await?
            .filter(|p| p.active)
            .ok_or(ServiceError::NotFound)?;
    let sessions = q::sessions_of_staff(&core.db.read, scope, staff_id).await?;
    let programmes = q::programmes(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    Ok(feed_text(
        core,
        &format!("Samvirke – {}", person.name),
        &sessions,
        &programmes,
        &sites,
    ))
}

/// Makes a new secret link to the staff member's own calendar; an old one stops working.
#[tracing::instrument(skip_all, fields(org = me.org.0, resource = "calendar_link", resource_id = me.staff.0))]
pub async fn create_calendar_link(core: &Core, me: &StaffActor) -> Result<String> {
    require(
        &Actor::Staff(me.clone()),
        Action::Create,
        Resource::OwnAccount { staff: me.staff },
    )?;
    let token = new_token();
    let txn = core.db.begin_write().await?;
    q::set_calendar_feed(
        &txn,
        Scope::new(me.municipality),
        me.staff.0,
        token_hash(&token),
        core.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

pub async fn has_calendar_link(core: &Core, me: &StaffActor) -> Result<bool> {
    require(
        &Actor::Staff(me.clone()),
        Action::Read,
        Resource::OwnAccount { staff: me.staff },
    )?;
    Ok(q::has_calendar_feed(&core.db.read, Scope::new(me.municipality), me.staff.0).await?)
}
