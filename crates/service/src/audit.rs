//! One call records a read of personal data.

use crate::{Core, ServiceError, require, signed_in};
use samvirke_domain::{Action, Actor, Resource, StaffActor};
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
    audit::record(
        &core.db.write,
        Scope::new(who.municipality),
        audit::AuditEntry {
            org: who.org,
            actor: who.staff,
            purpose,
            subject_kind,
            subject_id,
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
    pub purpose: String,
    pub subject_kind: String,
    pub subject_id: i64,
}

/// The organisation's own log, for its coordinators: one page, newest
/// first, after the entry `after` of the page before.
pub async fn list(
    core: &Core,
    actor: &Actor,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<AuditRow>, ServiceError> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Read,
        Resource::AuditLog {
            municipality: me.municipality,
            org: me.org,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let rows = audit::page_for_org(&core.db.read, scope, me.org, after, limit).await?;
    let staff = samvirke_store::staff::list_for_org(&core.db.read, scope, me.org).await?;
    Ok(rows.map(|r| AuditRow {
        id: r.id,
        at: r.at,
        actor_name: staff
            .iter()
            .find(|s| s.id == r.actor_staff_id)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        purpose: r.purpose,
        subject_kind: r.subject_kind,
        subject_id: r.subject_id,
    }))
}
