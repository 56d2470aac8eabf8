//! What a session sends: its e-mails (queued in the caller's transaction) and calendar entries.

use crate::Core;
use crate::error::Result;
use crate::ics::{IcsEvent, calendar};
use chrono::{DateTime, Utc};
use samvirke_domain::{LinkSecret, OrgId};
use samvirke_store::entity::{event_session, programme, site};
use samvirke_store::{Scope, outbox};
use sea_orm::ConnectionTrait;

/// An e-mail about a session, sent in the name of its owner.
pub(crate) struct Message<'a> {
    pub(crate) to: &'a str,
    pub(crate) subject: &'a str,
    pub(crate) body: &'a str,
    pub(crate) ics: Option<&'a str>,
    pub(crate) secret: Option<LinkSecret>,
}

pub(crate) async fn enqueue(
    db: &impl ConnectionTrait,
    scope: Scope,
    s: &event_session::Model,
    m: Message<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    outbox::enqueue(
        db,
        scope,
        outbox::NewMessage {
            org: OrgId(s.organisation_id),
            recipient: m.to,
            subject: m.subject,
            body: m.body,
            ics: m.ics,
            secret: m.secret,
        },
        now,
    )
    .await?;
    Ok(())
}

pub(crate) fn when_text(s: &event_session::Model) -> String {
    use chrono::Datelike;
    use chrono_tz::Europe::Copenhagen;
    let a = s.starts_at.with_timezone(&Copenhagen);
    let b = s.ends_at.with_timezone(&Copenhagen);
    format!(
        "{}.{}.{} kl. {}-{}",
        a.day(),
        a.month(),
        a.year(),
        a.format("%H.%M"),
        b.format("%H.%M")
    )
}

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
        url: Some(format!("{}/arrangementer/{}", core.public_url, s.id)),
        cancelled: s.cancelled_at.is_some(),
    }
}
