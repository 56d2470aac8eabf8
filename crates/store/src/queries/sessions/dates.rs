//! The dates (sessions) of a programme: creating, finding, listing by page, changing, cancelling.

use crate::entity::event_session;
use crate::{PAGE_MAX, Page, Scope, fetch_count};
use chrono::{DateTime, Utc};
use samvirke_domain::OrgId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect,
};

pub struct NewSession {
    pub programme_id: i64,
    pub org: OrgId,
    pub site_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub signup_opens_at: DateTime<Utc>,
    pub signup_closes_at: DateTime<Utc>,
    pub public: bool,
}

pub async fn create_session(
    db: &impl ConnectionTrait,
    scope: Scope,
    s: NewSession,
    now: DateTime<Utc>,
) -> Result<event_session::Model, DbErr> {
    event_session::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        programme_id: Set(s.programme_id),
        organisation_id: Set(s.org.0),
        site_id: Set(s.site_id),
        starts_at: Set(s.starts_at),
        ends_at: Set(s.ends_at),
        capacity: Set(s.capacity),
        taken: Set(0),
        waitlist_seq: Set(0),
        waitlist_left: Set(0),
        signup_opens_at: Set(s.signup_opens_at),
        signup_closes_at: Set(s.signup_closes_at),
        public: Set(s.public),
        cancelled_at: Set(None),
        reminder_sent_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn session(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<event_session::Model>, DbErr> {
    event_session::Entity::find_by_id(id)
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

pub struct SessionFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub programme_id: Option<i64>,
    pub site_id: Option<i64>,
    pub public_only: bool,
    pub include_cancelled: bool,
}

/// Every session the filter matches, by start time. For lists bounded by
/// what they are (one programme, one feed); a list that grows with use
/// takes [`sessions_page`].
pub async fn sessions(
    db: &impl ConnectionTrait,
    scope: Scope,
    f: &SessionFilter,
) -> Result<Vec<event_session::Model>, DbErr> {
    session_query(scope, f).all(db).await
}

/// Where a session stands in a list: its start, then its id.
pub type SessionKey = (DateTime<Utc>, i64);

/// One page of the sessions the filter matches, by start time then id,
/// after `after` (the key of the last session of the page before).
/// `programmes`, when given, narrows the list to those programmes' sessions.
pub async fn sessions_page(
    db: &impl ConnectionTrait,
    scope: Scope,
    f: &SessionFilter,
    programmes: Option<&[i64]>,
    after: Option<SessionKey>,
    limit: u64,
) -> Result<Page<event_session::Model>, DbErr> {
    let mut q = session_query(scope, f);
    if let Some(ids) = programmes {
        q = q.filter(event_session::Column::ProgrammeId.is_in(ids.to_vec()));
    }
    if let Some((at, id)) = after {
        q = q.filter(
            Condition::any()
                .add(event_session::Column::StartsAt.gt(at))
                .add(
                    Condition::all()
                        .add(event_session::Column::StartsAt.eq(at))
                        .add(event_session::Column::Id.gt(id)),
                ),
        );
    }
    let rows = q.limit(fetch_count(limit)).all(db).await?;
    Ok(Page::from_rows(rows, limit.clamp(1, PAGE_MAX)))
}

fn session_query(scope: Scope, f: &SessionFilter) -> sea_orm::Select<event_session::Entity> {
    let mut q =
        event_session::Entity::find().filter(event_session::Column::MunicipalityId.eq(scope.m()));
    if let Some(from) = f.from {
        q = q.filter(event_session::Column::EndsAt.gte(from));
    }
    if let Some(to) = f.to {
        q = q.filter(event_session::Column::StartsAt.lt(to));
    }
    if let Some(p) = f.programme_id {
        q = q.filter(event_session::Column::ProgrammeId.eq(p));
    }
    if let Some(s) = f.site_id {
        q = q.filter(event_session::Column::SiteId.eq(s));
    }
    if f.public_only {
        q = q.filter(event_session::Column::Public.eq(true));
    }
    if !f.include_cancelled {
        q = q.filter(event_session::Column::CancelledAt.is_null());
    }
    q.order_by_asc(event_session::Column::StartsAt)
        .order_by_asc(event_session::Column::Id)
}

pub async fn cancel_session(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = event_session::Entity::update_many()
        .col_expr(event_session::Column::CancelledAt, Expr::value(now))
        .filter(event_session::Column::Id.eq(id))
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::CancelledAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// What an edit of a session changes: time, place, seats, public, sign-up window.
pub struct SessionChange {
    pub site_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub signup_opens_at: DateTime<Utc>,
    pub signup_closes_at: DateTime<Utc>,
    pub public: bool,
}

/// Changes a session, but only while it is not cancelled and no more seats
/// are taken than the new capacity: one conditional statement, so the seat
/// counter is never above the capacity. True when the row changed.
pub async fn update_session(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    c: &SessionChange,
) -> Result<bool, DbErr> {
    let r = event_session::Entity::update_many()
        .col_expr(event_session::Column::SiteId, Expr::value(c.site_id))
        .col_expr(event_session::Column::StartsAt, Expr::value(c.starts_at))
        .col_expr(event_session::Column::EndsAt, Expr::value(c.ends_at))
        .col_expr(event_session::Column::Capacity, Expr::value(c.capacity))
        .col_expr(
            event_session::Column::SignupOpensAt,
            Expr::value(c.signup_opens_at),
        )
        .col_expr(
            event_session::Column::SignupClosesAt,
            Expr::value(c.signup_closes_at),
        )
        .col_expr(event_session::Column::Public, Expr::value(c.public))
        .filter(event_session::Column::Id.eq(id))
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(event_session::Column::Taken.lte(c.capacity))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}
