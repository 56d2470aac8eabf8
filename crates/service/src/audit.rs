//! One call records a read of personal data.

use crate::{Core, ServiceError, require, signed_in};
use samvirke_domain::{Action, Actor, OrgId, Resource, StaffActor};
use samvirke_store::{Page, Scope, audit};

/// Records that `who` read `subject` for `purpose`. Use cases call this
/// before they return personal data.
pub(crate) async fn record_read(
    core: &Core,
    who: &StaffActor,
    purpose: &str,
    subject_kind: &str,
    subject_id: i64,
) -> Result<(), ServiceError> {
    record_read_of(core, who, who.org, purpose, subject_kind, subject_id).await
}

/// Records a read of data `owner` holds; when the reader is a partner, the
/// entry shows in the owner's log too.
pub(crate) async fn record_read_of(
    core: &Core,
    who: &StaffActor,
    owner: OrgId,
    purpose: &str,
    subject_kind: &str,
    subject_id: i64,
) -> Result<(), ServiceError> {
    audit::record(
        &core.db.write,
        Scope::new(who.municipality),
        audit::AuditEntry {
            org: who.org,
            actor: who.staff,
            purpose,
            subject_kind,
            subject_id,
            data_owner: Some(owner),
        },
        core.now(),
    )
    .await?;
    Ok(())
}

pub use samvirke_store::audit::AuditFilter;

/// The kinds of reads the log holds, for choosing which to see.
pub const PURPOSES: [&str; 4] = [
    "participant_list",
    "staff_list",
    "staff_edit",
    "outbox_list",
];

pub struct AuditRow {
    /// What was read, by name where it has one (a session's title, a
    /// person's or organisation's name), with the session's start.
    pub subject_name: Option<String>,
    pub subject_at: Option<chrono::DateTime<chrono::Utc>>,
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_name: String,
    /// The reader's organisation.
    pub actor_org: String,
    pub purpose: String,
    pub subject_kind: String,
    pub subject_id: i64,
}

/// The log a person may read, one page, newest first, after the entry
/// `after` of the page before: the municipality administrator the whole
/// municipality's; a coordinator the reads by their organisation's staff
/// and the reads of their organisation's data by partners.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "audit_log"))]
pub async fn list(
    core: &Core,
    actor: &Actor,
    filter: &audit::AuditFilter,
    after: Option<i64>,
    limit: u64,
) -> Result<AuditList, ServiceError> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let whole = Resource::MunicipalityAuditLog {
        municipality: me.municipality,
    };
    let org = if samvirke_domain::authorize(actor, Action::Read, whole).is_allowed() {
        None
    } else {
        require(
            actor,
            Action::Read,
            Resource::AuditLog {
                municipality: me.municipality,
                org: me.org,
            },
        )?;
        Some(me.org)
    };
    let rows = audit::page(&core.db.read, scope, org, filter, after, limit).await?;
    let readers = audit::readers(&core.db.read, scope, org).await?;
    let orgs = samvirke_store::orgs::list_organisations(&core.db.read, scope).await?;
    // Names of readers, and of staff whose records were read.
    let mut staff = Vec::new();
    for o in &orgs {
        staff.extend(samvirke_store::staff::list_for_org(&core.db.read, scope, OrgId(o.id)).await?);
    }
    let mut sessions = std::collections::HashMap::new();
    for r in rows.items.iter().filter(|r| r.subject_kind == "session") {
        if sessions.contains_key(&r.subject_id) {
            continue;
        }
        if let Some(s) =
            samvirke_store::sessions::session(&core.db.read, scope, r.subject_id).await?
        {
            let title = samvirke_store::sessions::programme(&core.db.read, scope, s.programme_id)
                .await?
                .map(|p| p.title)
                .unwrap_or_default();
            sessions.insert(r.subject_id, (title, s.starts_at));
        }
    }
    let mut people: Vec<(i64, String)> = readers
        .iter()
        .filter_map(|id| {
            staff.iter().find(|s| s.id == *id).map(|s| {
                let org = orgs
                    .iter()
                    .find(|o| o.id == s.organisation_id)
                    .map(|o| o.name.as_str())
                    .unwrap_or_default();
                (s.id, format!("{} ({org})", s.name))
            })
        })
        .collect();
    people.sort_by(|a, b| a.1.cmp(&b.1));
    let page = rows.map(|r| AuditRow {
        subject_name: match r.subject_kind.as_str() {
            "session" => sessions.get(&r.subject_id).map(|s| s.0.clone()),
            "staff" => staff
                .iter()
                .find(|s| s.id == r.subject_id)
                .map(|s| s.name.clone()),
            "organisation" => orgs
                .iter()
                .find(|o| o.id == r.subject_id)
                .map(|o| o.name.clone()),
            _ => None,
        },
        subject_at: (r.subject_kind == "session")
            .then(|| sessions.get(&r.subject_id).map(|s| s.1))
            .flatten(),
        id: r.id,
        at: r.at,
        actor_name: staff
            .iter()
            .find(|s| s.id == r.actor_staff_id)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        actor_org: orgs
            .iter()
            .find(|o| o.id == r.organisation_id)
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        purpose: r.purpose,
        subject_kind: r.subject_kind,
        subject_id: r.subject_id,
    });
    Ok(AuditList { page, people })
}

/// One page of the log, and the people who appear in it to filter by.
pub struct AuditList {
    pub page: Page<AuditRow>,
    /// (staff id, "name (organisation)"), by name.
    pub people: Vec<(i64, String)>,
}
