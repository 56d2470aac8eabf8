//! What the use cases about sessions return: their own types, not the
//! store's rows, so `web` depends on `service` alone and a state is a type.

use chrono::{DateTime, Utc};
use samvirke_domain::signup::Need;
use samvirke_domain::{Attendance, Channel, MunicipalityId, PartnerLevel, RegistrationStatus};
use samvirke_store::entity::{
    agenda_item, event_session, programme, programme_partner, registration, site,
};

/// One date of a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub programme_id: i64,
    /// The organisation that owns it (the programme's owner).
    pub organisation_id: i64,
    pub site_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    /// Seats taken.
    pub taken: i32,
    pub signup_opens_at: DateTime<Utc>,
    pub signup_closes_at: DateTime<Utc>,
    /// Open to the public, or closed (e.g. a class).
    pub public: bool,
    pub cancelled_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    pub id: i64,
    /// The organisation that owns it.
    pub organisation_id: i64,
    pub title: String,
    pub description: String,
    pub target_group: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub id: i64,
    pub organisation_id: i64,
    pub name: String,
    pub address: String,
}

/// A part of a programme's agenda, run by one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: i64,
    pub position: i32,
    pub title: String,
    pub minutes: i32,
    pub organisation_id: i64,
    pub competence_id: Option<i64>,
}

/// A partner organisation of a programme, at its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partner {
    pub organisation_id: i64,
    pub level: PartnerLevel,
}

/// A person signed up for a session (personal data: read only by those
/// the policy lets, and audit-logged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub id: i64,
    pub session_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub needs: Vec<Need>,
    pub needs_other: Option<String>,
    pub status: RegistrationStatus,
    /// Place in the order of the waiting list (1, 2, …), kept after promotion.
    pub waitlist_seq: Option<i32>,
    pub channel: Channel,
    pub attendance: Option<Attendance>,
    pub created_at: DateTime<Utc>,
    /// Whose list it is on: the scope of what follows from it.
    pub(crate) municipality: MunicipalityId,
}

impl From<event_session::Model> for Session {
    fn from(s: event_session::Model) -> Self {
        Session {
            id: s.id,
            programme_id: s.programme_id,
            organisation_id: s.organisation_id,
            site_id: s.site_id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            capacity: s.capacity,
            taken: s.taken,
            signup_opens_at: s.signup_opens_at,
            signup_closes_at: s.signup_closes_at,
            public: s.public,
            cancelled_at: s.cancelled_at,
        }
    }
}

impl From<programme::Model> for Programme {
    fn from(p: programme::Model) -> Self {
        Programme {
            id: p.id,
            organisation_id: p.organisation_id,
            title: p.title,
            description: p.description,
            target_group: p.target_group,
        }
    }
}

impl From<site::Model> for Site {
    fn from(s: site::Model) -> Self {
        Site {
            id: s.id,
            organisation_id: s.organisation_id,
            name: s.name,
            address: s.address,
        }
    }
}

impl From<agenda_item::Model> for AgendaItem {
    fn from(a: agenda_item::Model) -> Self {
        AgendaItem {
            id: a.id,
            position: a.position,
            title: a.title,
            minutes: a.minutes,
            organisation_id: a.organisation_id,
            competence_id: a.competence_id,
        }
    }
}

impl Partner {
    /// `None` for a level no version ever wrote: such a row gives no access.
    pub(crate) fn from_row(p: &programme_partner::Model) -> Option<Self> {
        Some(Partner {
            organisation_id: p.organisation_id,
            level: p.level()?,
        })
    }
}

impl From<registration::Model> for Participant {
    fn from(r: registration::Model) -> Self {
        Participant {
            status: r.status(),
            channel: r.channel(),
            attendance: r.attendance(),
            needs: Need::parse_list(&r.needs),
            id: r.id,
            session_id: r.session_id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            needs_other: r.needs_other,
            waitlist_seq: r.waitlist_seq,
            created_at: r.created_at,
            municipality: MunicipalityId(r.municipality_id),
        }
    }
}
