//! One call records a read of personal data.

use crate::{Core, ServiceError, require, signed_in};
use samvirke_domain::{Action, Actor, OrgId, Resource, StaffActor};
use samvirke_store::{Scope, audit};

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
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_name: String,
    /// The reader's organisation.
    pub actor_org: String,
    pub purpose: String,
    pub subject_kind: String,
    pub subject_id: i64,
}

/// The log a person may read: the municipality administrator the whole
/// municipality's; a coordinator the reads by their organisation's staff
/// and the reads of their organisation's data by partners.
pub async fn list(core: &Core, actor: &Actor) -> Result<Vec<AuditRow>, ServiceError> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let whole = Resource::MunicipalityAuditLog {
        municipality: me.municipality,
    };
    let rows = if samvirke_domain::authorize(actor, Action::Read, whole).is_allowed() {
        audit::list_for_municipality(&core.db.read, scope, 500).await?
    } else {
        require(
            actor,
            Action::Read,
            Resource::AuditLog {
                municipality: me.municipality,
                org: me.org,
            },
        )?;
        audit::list_for_org(&core.db.read, scope, me.org, 500).await?
    };
    let orgs = samvirke_store::orgs::list_organisations(&core.db.read, scope).await?;
    let mut staff = Vec::new();
    for org in orgs
        .iter()
        .filter(|o| rows.iter().any(|r| r.organisation_id == o.id))
    {
        staff.extend(
            samvirke_store::staff::list_for_org(&core.db.read, scope, OrgId(org.id)).await?,
        );
    }
    Ok(rows
        .into_iter()
        .map(|r| AuditRow {
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
        })
        .collect())
}
