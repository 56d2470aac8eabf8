//! One call records a read of personal data.

use crate::{Core, ServiceError, require, signed_in};
use samvirke_domain::{Action, Actor, OrgId, Resource, StaffActor};
use samvirke_store::{Page, Scope, audit};

/// Records that `who` read `subject` for `purpose`. Use cases call this
/// before they return personal data.
pub async fn record_read(
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
pub async fn record_read_of(
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

pub struct AuditRow {
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
pub async fn list(
    core: &Core,
    actor: &Actor,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<AuditRow>, ServiceError> {
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
    let rows = audit::page(&core.db.read, scope, org, after, limit).await?;
    let orgs = samvirke_store::orgs::list_organisations(&core.db.read, scope).await?;
    let mut staff = Vec::new();
    for org in orgs
        .iter()
        .filter(|o| rows.items.iter().any(|r| r.organisation_id == o.id))
    {
        staff.extend(
            samvirke_store::staff::list_for_org(&core.db.read, scope, OrgId(org.id)).await?,
        );
    }
    Ok(rows.map(|r| AuditRow {
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
    }))
}
