//! The dashboard's overview of the coming two weeks: the sessions the
//! organisation owns or is a partner in, with seats taken, the waiting list
//! and the agenda items nobody staffs yet, and the signed-in person's own
//! parts (a partner's staff included).

use crate::error::Result;
use crate::{Core, require, signed_in};
use chrono::{DateTime, Duration, Utc};
use samvirke_domain::{Action, Actor, OrgId, Resource, authorize};
use samvirke_store::{Scope, orgs, overview as q, sessions};

/// How far ahead the overview looks.
pub const WINDOW_DAYS: i64 = 14;

pub struct OverviewSession {
    pub session_id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub taken: i32,
    pub capacity: i32,
    pub waiting: u64,
    /// The titles of the agenda items nobody is assigned to, in order.
    pub unstaffed: Vec<String>,
    /// The organisation owns it (else it is a partner).
    pub owned: bool,
}

/// One session the signed-in person has a part in, with those parts.
pub struct MyAssignment {
    pub session_id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub items: Vec<String>,
}

pub struct Overview {
    pub sessions: Vec<OverviewSession>,
    pub mine: Vec<MyAssignment>,
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "overview"))]
pub async fn overview(core: &Core, actor: &Actor) -> Result<Overview> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Read,
        Resource::Dashboard {
            municipality: me.municipality,
            org: me.org,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let db = &core.db.read;
    let from = core.now();
    let to = from + Duration::days(WINDOW_DAYS);
    let window = q::sessions_between(db, scope, from, to).await?;
    let programmes = sessions::programmes(db, scope).await?;
    let programme_ids: Vec<i64> = programmes.iter().map(|p| p.id).collect();
    let partners = sessions::partners(db, scope, &programme_ids).await?;
    let sites = orgs::list_sites(db, scope).await?;
    let session_ids: Vec<i64> = window.iter().map(|s| s.id).collect();
    let used: Vec<i64> = window.iter().map(|s| s.programme_id).collect();
    let agendas = q::agendas(db, scope, &used).await?;
    let assignments = q::assignments(db, scope, &session_ids).await?;

    let mut out = Overview {
        sessions: Vec::new(),
        mine: Vec::new(),
    };
    for s in &window {
        let Some(p) = programmes.iter().find(|p| p.id == s.programme_id) else {
            continue;
        };
        let place = sites
            .iter()
            .find(|x| x.id == s.site_id)
            .map(|x| x.name.clone())
            .unwrap_or_default();
        let agenda = agendas.iter().filter(|a| a.programme_id == p.id);
        let staffed = |item: i64| {
            assignments
                .iter()
                .any(|a| a.session_id == s.id && a.agenda_item_id == item)
        };
        let items: Vec<String> = agenda
            .clone()
            .filter(|a| {
                assignments.iter().any(|x| {
                    x.session_id == s.id && x.agenda_item_id == a.id && x.staff_id == me.staff.0
                })
            })
            .map(|a| a.title.clone())
            .collect();
        if !items.is_empty() {
            out.mine.push(MyAssignment {
                session_id: s.id,
                title: p.title.clone(),
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                place: place.clone(),
                items,
            });
        }
        let owned = s.organisation_id == me.org.0;
        let partner = partners
            .iter()
            .find(|x| x.programme_id == p.id && x.organisation_id == me.org.0)
            .and_then(|x| x.level());
        let resource = Resource::Joint {
            municipality: me.municipality,
            owner: OrgId(s.organisation_id),
            partner,
        };
        if !(owned || partner.is_some()) || !authorize(actor, Action::Read, resource).is_allowed() {
            continue;
        }
        out.sessions.push(OverviewSession {
            session_id: s.id,
            title: p.title.clone(),
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            place,
            taken: s.taken,
            capacity: s.capacity,
            waiting: (s.waitlist_seq - s.waitlist_left).max(0) as u64,
            unstaffed: agenda
                .filter(|a| !staffed(a.id))
                .map(|a| a.title.clone())
                .collect(),
            owned,
        });
    }
    Ok(out)
}
