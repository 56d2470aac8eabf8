//! A person's own data (GDPR art. 15). A citizen asks with an e-mail and
//! always gets the same answer; the e-mail sent there carries a link valid
//! for 24 hours, whose secret is made when the e-mail is sent and stored
//! only as a hash. Opening the link uses nothing up (mail scanners open
//! links); pressing its button shows, once, what Samvirke holds about the
//! address: sign-ups, appointments, ideas, and when they were read (the
//! audit log's time and kind of use, never the reader). Staff at the desk
//! can produce the same for a citizen; that read is itself logged.
//!
//! An address is matched lower-cased and whole: `Ida@X.dk` is `ida@x.dk`;
//! `ida+1@x.dk` is another address and another person.

use crate::error::Result;
use crate::notice::{self, Envelope, Notice};
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, Duration, Utc};
use samvirke_domain::appointments::AppointmentStatus;
use samvirke_domain::ideas::{IdeaStatus, TargetGroup};
use samvirke_domain::validate;
use samvirke_domain::{
    Action, Actor, Attendance, Language, MunicipalityId, OrgId, OrgKind, RegistrationStatus,
    Resource,
};
use samvirke_store::{Scope, ideas, orgs, own_data as q};

/// How long the link in the e-mail works.
pub const LINK_VALID_FOR: Duration = Duration::hours(24);

/// A sign-up as the person made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldRegistration {
    pub id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub needs: Vec<String>,
    pub status: RegistrationStatus,
    pub attendance: Option<Attendance>,
    pub created_at: DateTime<Utc>,
}

/// An appointment as booked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBooking {
    pub id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: AppointmentStatus,
    pub created_at: DateTime<Utc>,
}

/// An idea sent with the e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldIdea {
    pub id: i64,
    pub target_group: TargetGroup,
    pub text: String,
    pub status: IdeaStatus,
    pub created_at: DateTime<Utc>,
}

/// A read of the person's data: when, and the kind of use (never who).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub at: DateTime<Utc>,
    pub kind: String,
}

/// Everything held about one e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnData {
    pub email: String,
    pub registrations: Vec<HeldRegistration>,
    pub bookings: Vec<HeldBooking>,
    pub ideas: Vec<HeldIdea>,
    pub reads: Vec<Read>,
}

/// The organisation the e-mail is sent in the name of: the municipality's
/// administration, else its first organisation.
async fn sender(core: &Core, scope: Scope) -> Result<OrgId> {
    let all = orgs::list_organisations(&core.db.read, scope).await?;
    all.iter()
        .find(|o| OrgKind::parse(&o.kind) == Some(OrgKind::Administration))
        .or(all.first())
        .map(|o| OrgId(o.id))
        .ok_or(ServiceError::NotFound)
}

/// The e-mail as the lookup key, or the field's problem.
pub fn normalise(email: &str) -> Result<String> {
    validate::email(email).map_err(|p| ServiceError::invalid("email", p))
}

/// A citizen asks for their own data: a link is e-mailed to the address,
/// whether or not anything is held (the answer never tells). The caller
/// limits how often per address, per e-mail and in all.
#[tracing::instrument(skip_all, fields(municipality = m.0, resource = "own_data_request"))]
pub async fn request(core: &Core, m: MunicipalityId, email: &str, lang: Language) -> Result<()> {
    let email = normalise(email)?;
    let scope = Scope::new(m);
    let org = sender(core, scope).await?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    let row = q::create_request(&txn, scope, &email, now + LINK_VALID_FOR, None, now).await?;
    notice::queue(
        &txn,
        core,
        scope,
        Envelope {
            org,
            to: &email,
            lang,
            ics: None,
        },
        &Notice::OwnDataLink {
            request: row.id,
            valid_hours: LINK_VALID_FOR.num_hours(),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Whether a link works (unused, unexpired): opening it uses nothing up.
/// `Gone` otherwise. The secret is the right.
#[tracing::instrument(skip_all, fields(resource = "own_data_request"))]
pub async fn link_works(core: &Core, token: &str) -> Result<()> {
    q::live_request(&core.db.read, &crate::secret::token_hash(token), core.now())
        .await?
        .map(|_| ())
        .ok_or(ServiceError::Gone)
}

/// What is held about the link's e-mail, once: the link is used by one
/// conditional update, so a second press (or two at once) gets `Gone`.
#[tracing::instrument(skip_all, fields(resource = "own_data_request"))]
pub async fn answer(core: &Core, token: &str) -> Result<OwnData> {
    let now = core.now();
    let req = q::live_request(&core.db.read, &crate::secret::token_hash(token), now)
        .await?
        .ok_or(ServiceError::Gone)?;
    let scope = Scope::new(MunicipalityId(req.municipality_id));
    if !q::use_request(&core.db.write, scope, req.id, now).await? {
        return Err(ServiceError::Gone);
    }
    held(core, scope, &req.email).await
}

/// Staff at the desk produce the same for a citizen who is there; the
/// read is audit-logged, and the citizen's own answer shows it.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "own_data"))]
pub async fn at_desk(core: &Core, actor: &Actor, email: &str) -> Result<OwnData> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::ReadPersonal,
        Resource::OwnData {
            municipality: me.municipality,
        },
    )?;
    let email = normalise(email)?;
    let scope = Scope::new(me.municipality);
    let now = core.now();
    // The look-up's own row: what the log entry names, found by the e-mail.
    let row = q::create_request(&core.db.write, scope, &email, now, Some(now), now).await?;
    crate::audit::record_read(core, me, "own_data_desk", "own_data_request", row.id).await?;
    held(core, scope, &email).await
}

async fn held(core: &Core, scope: Scope, email: &str) -> Result<OwnData> {
    let db = &core.db.read;
    let regs = q::registrations_of(db, scope, email).await?;
    let bookings = q::appointments_of(db, scope, email).await?;
    let idea_rows = ideas::of_email(db, scope, email, q::ANSWER_MAX).await?;
    let requests = q::request_ids_of(db, scope, email).await?;
    let mut session_ids: Vec<i64> = regs.iter().map(|r| r.row.session_id).collect();
    session_ids.sort_unstable();
    session_ids.dedup();
    let subjects = [
        ("session", session_ids),
        ("appointment", bookings.iter().map(|(a, _)| a.id).collect()),
        ("idea", idea_rows.iter().map(|i| i.id).collect()),
        ("own_data_request", requests),
    ];
    let reads = q::reads_of(db, scope, &subjects)
        .await?
        .into_iter()
        // A session's participant list concerns the person only once they
        // had signed up for it.
        .filter(|r| {
            r.subject_kind != "session"
                || regs
                    .iter()
                    .any(|g| g.row.session_id == r.subject_id && g.row.created_at <= r.at)
        })
        .map(|r| Read {
            at: r.at,
            kind: r.purpose,
        })
        .collect();
    Ok(OwnData {
        email: email.to_string(),
        registrations: regs
            .into_iter()
            .map(|g| HeldRegistration {
                id: g.row.id,
                title: g.title,
                starts_at: g.starts_at,
                status: g.row.status(),
                attendance: g.row.attendance(),
                name: g.row.name,
                email: g.row.email,
                phone: g.row.phone,
                needs: g
                    .row
                    .needs
                    .split(',')
                    .filter(|n| !n.is_empty())
                    .map(str::to_string)
                    .chain(g.row.needs_other)
                    .collect(),
                created_at: g.row.created_at,
            })
            .collect(),
        bookings: bookings
            .into_iter()
            .map(|(a, title)| HeldBooking {
                id: a.id,
                title,
                starts_at: a.starts_at,
                status: a.status.parse().unwrap_or(AppointmentStatus::Cancelled),
                name: a.name,
                email: a.email,
                phone: a.phone,
                created_at: a.created_at,
            })
            .collect(),
        ideas: idea_rows
            .into_iter()
            .map(|i| HeldIdea {
                id: i.id,
                target_group: i.target_group(),
                status: i.status(),
                text: i.text,
                created_at: i.created_at,
            })
            .collect(),
        reads,
    })
}
