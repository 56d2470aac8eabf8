//! The audit log of reads of personal data.

use crate::entity::audit_log;
use crate::{PAGE_MAX, Page, Scope, fetch_count};
use chrono::{DateTime, Utc};
use samvirke_domain::{OrgId, StaffId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    NotSet, QueryFilter, QueryOrder, QuerySelect,
};

pub struct AuditEntry<'a> {
    pub org: OrgId,
    pub actor: StaffId,
    pub purpose: &'a str,
    pub subject_kind: &'a str,
    pub subject_id: i64,
    /// The organisation whose data was read, when not `org` itself.
    pub data_owner: Option<OrgId>,
}

pub async fn record(
    db: &impl ConnectionTrait,
    scope: Scope,
    e: AuditEntry<'_>,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    audit_log::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        organisation_id: Set(e.org.0),
        actor_staff_id: Set(e.actor.0),
        at: Set(now),
        purpose: Set(e.purpose.into()),
        subject_kind: Set(e.subject_kind.into()),
        subject_id: Set(e.subject_id),
        data_owner_org_id: Set(e.data_owner.filter(|o| *o != e.org).map(|o| o.0)),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Reads done by the organisation's staff, and reads of its data by others.
pub async fn list_for_org(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: OrgId,
    limit: u64,
) -> Result<Vec<audit_log::Model>, sea_orm::DbErr> {
    audit_log::Entity::find()
        .filter(audit_log::Column::MunicipalityId.eq(scope.m()))
        .filter(
            Condition::any()
                .add(audit_log::Column::OrganisationId.eq(org.0))
                .add(audit_log::Column::DataOwnerOrgId.eq(org.0)),
        )
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Every read in the municipality, for its administrator.
pub async fn list_for_municipality(
    db: &impl ConnectionTrait,
    scope: Scope,
    limit: u64,
) -> Result<Vec<audit_log::Model>, sea_orm::DbErr> {
    audit_log::Entity::find()
        .filter(audit_log::Column::MunicipalityId.eq(scope.m()))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// One page of the log, newest first (by id, which grows with time), after
/// the entry `after` of the page before: the whole municipality's, or for
/// `org` the reads by its staff and the reads of its data by others.
/// What a reader of the log narrows it to.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Reads by this staff member.
    pub actor: Option<StaffId>,
    /// Reads of this kind (`participant_list`, ...).
    pub purpose: Option<String>,
    /// From this moment (inclusive) ...
    pub from: Option<DateTime<Utc>>,
    /// ... to this one (exclusive).
    pub to: Option<DateTime<Utc>>,
}

fn visible_to(scope: Scope, org: Option<OrgId>) -> sea_orm::Select<audit_log::Entity> {
    let q = audit_log::Entity::find().filter(audit_log::Column::MunicipalityId.eq(scope.m()));
    match org {
        Some(org) => q.filter(
            Condition::any()
                .add(audit_log::Column::OrganisationId.eq(org.0))
                .add(audit_log::Column::DataOwnerOrgId.eq(org.0)),
        ),
        None => q,
    }
}

/// The staff members who appear in the log `org` may read (all of the
/// municipality's when `None`), for choosing whose reads to see.
pub async fn readers(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: Option<OrgId>,
) -> Result<Vec<i64>, sea_orm::DbErr> {
    visible_to(scope, org)
        .select_only()
        .column(audit_log::Column::ActorStaffId)
        .distinct()
        .into_tuple::<i64>()
        .all(db)
        .await
}

pub async fn page(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: Option<OrgId>,
    filter: &AuditFilter,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<audit_log::Model>, sea_orm::DbErr> {
    let mut q = visible_to(scope, org);
    if let Some(actor) = filter.actor {
        q = q.filter(audit_log::Column::ActorStaffId.eq(actor.0));
    }
    if let Some(purpose) = &filter.purpose {
        q = q.filter(audit_log::Column::Purpose.eq(purpose.as_str()));
    }
    if let Some(from) = filter.from {
        q = q.filter(audit_log::Column::At.gte(from));
    }
    if let Some(to) = filter.to {
        q = q.filter(audit_log::Column::At.lt(to));
    }
    if let Some(id) = after {
        q = q.filter(audit_log::Column::Id.lt(id));
    }
    let rows = q
        .order_by_desc(audit_log::Column::Id)
        .limit(fetch_count(limit))
        .all(db)
        .await?;
    Ok(Page::from_rows(rows, limit.clamp(1, PAGE_MAX)))
}

/// When a given person's data was read, for a request for insight.
pub async fn list_for_subject(
    db: &impl ConnectionTrait,
    scope: Scope,
    kind: &str,
    id: i64,
) -> Result<Vec<audit_log::Model>, sea_orm::DbErr> {
    audit_log::Entity::find()
        .filter(audit_log::Column::MunicipalityId.eq(scope.m()))
        .filter(audit_log::Column::SubjectKind.eq(kind))
        .filter(audit_log::Column::SubjectId.eq(id))
        .order_by_desc(audit_log::Column::At)
        .all(db)
        .await
}

/// Deletes log entries older than `cutoff` (the retention rule, in every
/// municipality). Returns how many went.
pub async fn delete_older_than(
    db: &impl ConnectionTrait,
    scope: Scope,
    cutoff: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    let r = audit_log::Entity::delete_many()
        .filter(audit_log::Column::MunicipalityId.eq(scope.m()))
        .filter(audit_log::Column::At.lt(cutoff))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}
