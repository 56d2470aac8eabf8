//! What a session sends: its e-mails (queued in the caller's transaction) and calendar entries.

use crate::Core;
use crate::ics::{IcsEvent, calendar};
use crate::notice::{Envelope, Place, SessionFacts};
use samvirke_domain::{Language, OrgId};
use samvirke_store::entity::{event_session, programme, registration, site};

/// The facts of a session that its e-mails name.
pub(crate) fn facts(
    s: &event_session::Model,
    p: &programme::Model,
    site: Option<&site::Model>,
) -> SessionFacts {
    SessionFacts {
        id: s.id,
        title: p.title.clone(),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        place: site.map(place),
    }
}

pub(crate) fn place(site: &site::Model) -> Place {
    Place {
        name: site.name.clone(),
        address: site.address.clone(),
    }
}

/// An e-mail about a session goes out in the name of its owner.
pub(crate) fn envelope<'a>(
    s: &event_session::Model,
    to: &'a str,
    lang: Language,
    ics: Option<&'a str>,
) -> Envelope<'a> {
    Envelope {
        org: OrgId(s.organisation_id),
        to,
        lang,
        ics,
    }
}

/// The language a person signed up in; Danish when unknown.
pub(crate) fn language_of(r: &registration::Model) -> Language {
    Language::parse(&r.language).unwrap_or_default()
}

/// A place as a calendar's LOCATION: name and address.
pub(crate) fn place_text(site: Option<&site::Model>) -> String {
    site.map(|x| format!("{}, {}", x.name, x.address))
        .unwrap_or_default()
}

pub fn session_ics(
    core: &Core,
    s: &event_session::Model,
    p: &programme::Model,
    site: Option<&site::Model>,
) -> String {
    let location = place_text(site);
    calendar(
        &p.title,
        &[session_event(core, s, p, &location)],
        core.now(),
    )
}

pub fn session_event<'a>(
    core: &Core,
    s: &event_session::Model,
    p: &'a programme::Model,
    location: &'a str,
) -> IcsEvent<'a> {
    IcsEvent {
        uid: format!("session-{}-m{}@samvirke", s.id, s.municipality_id),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        summary: &p.title,
        location,
        description: &p.description,
        url: core.session_url(s.id),
        cancelled: s.cancelled_at.is_some(),
    }
}
