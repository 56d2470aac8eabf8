//! Outgoing e-mail. A message is written in the same transaction as the
//! change it reports, and delivered later by the worker.
//!
//! Delivery claims a message with one conditional update, so two workers
//! (or two server processes) never send the same message at once.

use crate::Scope;
use crate::entity::outbox;
use chrono::{DateTime, Duration, Utc};
use samvirke_domain::{LinkSecret, OrgId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, QueryFilter,
    QueryOrder, QuerySelect,
};

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

pub struct NewMessage<'a> {
    pub org: OrgId,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub ics: Option<&'a str>,
    /// A link secret to make when the message is sent.
    pub secret: Option<LinkSecret>,
}

pub async fn enqueue(
    db: &impl ConnectionTrait,
    scope: Scope,
    m: NewMessage<'_>,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let message = outbox::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        organisation_id: Set(m.org.0),
        recipient: Set(m.recipient.into()),
        subject: Set(m.subject.into()),
        body: Set(m.body.into()),
        ics: Set(m.ics.map(str::to_string)),
        secret_kind: Set(m.secret.map(|s| s.kind().to_string())),
        secret_ref: Set(m.secret.map(LinkSecret::target)),
        state: Set(PENDING.into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    };
    // Nothing is read back: the worker reads it when it delivers.
    outbox::Entity::insert(message)
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// Claims up to `limit` due messages for `lease`; returns those this caller
/// won. One conditional `UPDATE … RETURNING`: a message another worker
/// claimed in the meantime no longer matches, so each goes to one worker.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<outbox::Model>, sea_orm::DbErr> {
    let unclaimed = || {
        Condition::any()
            .add(outbox::Column::ClaimedUntil.is_null())
            .add(outbox::Column::ClaimedUntil.lt(now))
    };
    let candidates: Vec<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(outbox::Column::State.eq(PENDING))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(unclaimed())
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let mut won = outbox::Entity::update_many()
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(now + lease))
        .filter(outbox::Column::Id.is_in(candidates))
        .filter(outbox::Column::State.eq(PENDING))
        .filter(unclaimed())
        .exec_with_returning(db)
        .await?;
    won.sort_by_key(|m| (m.next_attempt_at, m.id));
    Ok(won)
}

/// The link secret a queued message asks for, if any.
pub fn link_secret(m: &outbox::Model) -> Option<LinkSecret> {
    LinkSecret::parse(m.secret_kind.as_deref()?, m.secret_ref?)
}

/// Marks messages sent and forgets their bodies: what a message said is
/// the recipient's, and a delivered message is kept only as a record.
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::State, Expr::value(SENT))
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(outbox::Column::Body, Expr::value(""))
        .col_expr(outbox::Column::Ics, Expr::value(Option::<String>::None))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await
        .map(|_| ())
}

/// Records a failed attempt: retried at `retry_at`, or given up when `None`.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    id: i64,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), sea_orm::DbErr> {
    let mut q = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(error.chars().take(500).collect::<String>()),
        )
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    q = match retry_at {
        Some(at) => q.col_expr(outbox::Column::NextAttemptAt, Expr::value(at)),
        // Given up: nothing will send it, so its body goes too.
        None => q
            .col_expr(outbox::Column::State, Expr::value(FAILED))
            .col_expr(outbox::Column::Body, Expr::value(""))
            .col_expr(outbox::Column::Ics, Expr::value(Option::<String>::None)),
    };
    q.filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn list_for_org(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: OrgId,
    limit: u64,
) -> Result<Vec<outbox::Model>, sea_orm::DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::MunicipalityId.eq(scope.m()))
        .filter(outbox::Column::OrganisationId.eq(org.0))
        .order_by_desc(outbox::Column::CreatedAt)
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// One page of an organisation's outgoing messages, newest first (by id,
/// which grows with time), after the message `after` of the page before.
pub async fn page_for_org(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: OrgId,
    after: Option<i64>,
    limit: u64,
) -> Result<crate::Page<outbox::Model>, sea_orm::DbErr> {
    let mut q = outbox::Entity::find()
        .filter(outbox::Column::MunicipalityId.eq(scope.m()))
        .filter(outbox::Column::OrganisationId.eq(org.0));
    if let Some(id) = after {
        q = q.filter(outbox::Column::Id.lt(id));
    }
    let rows = q
        .order_by_desc(outbox::Column::Id)
        .limit(crate::fetch_count(limit))
        .all(db)
        .await?;
    Ok(crate::Page::from_rows(
        rows,
        limit.clamp(1, crate::PAGE_MAX),
    ))
}

pub async fn get(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<outbox::Model>, sea_orm::DbErr> {
    outbox::Entity::find_by_id(id)
        .filter(outbox::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

/// How many messages of every municipality wait to be sent, and when the
/// oldest of them was queued: counts only, for the operator's metrics.
pub async fn backlog(
    db: &impl ConnectionTrait,
) -> Result<(u64, Option<DateTime<Utc>>), sea_orm::DbErr> {
    let row: Option<(i64, Option<DateTime<Utc>>)> = outbox::Entity::find()
        .select_only()
        .column_as(Expr::col(outbox::Column::Id).count(), "waiting")
        .column_as(outbox::Column::CreatedAt.min(), "oldest")
        .filter(outbox::Column::State.eq(PENDING))
        .into_tuple()
        .one(db)
        .await?;
    let (waiting, oldest) = row.unwrap_or((0, None));
    Ok((u64::try_from(waiting).unwrap_or(0), oldest))
}
