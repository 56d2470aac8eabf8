//! Reminders (claimed once) and the staff's own calendar feed links.

use crate::Scope;
use crate::entity::event_session;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter,
};

/// Sessions whose reminder is due: starting before `until`, not started, not yet reminded.
pub async fn due_for_reminder(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<event_session::Model>, DbErr> {
    event_session::Entity::find()
        .filter(event_session::Column::ReminderSentAt.is_null())
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(event_session::Column::StartsAt.gt(now))
        .filter(event_session::Column::StartsAt.lte(until))
        .all(db)
        .await
}

/// Marks a session reminded; true for the one caller that did it.
pub async fn claim_reminder(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = event_session::Entity::update_many()
        .col_expr(event_session::Column::ReminderSentAt, Expr::value(now))
        .filter(event_session::Column::Id.eq(id))
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::ReminderSentAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Replaces a staff member's calendar link with a new one.
pub async fn set_calendar_feed(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: i64,
    token_hash: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use crate::entity::calendar_feed;
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::StaffId.eq(staff_id))
        .filter(calendar_feed::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    calendar_feed::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        staff_id: Set(staff_id),
        token_hash: Set(token_hash),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The staff member behind a calendar link (unscoped: the link is the key).
pub async fn calendar_feed_owner(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(i64, i64)>, DbErr> {
    use crate::entity::calendar_feed;
    Ok(calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
        .map(|f| (f.municipality_id, f.staff_id)))
}

pub async fn has_calendar_feed(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: i64,
) -> Result<bool, DbErr> {
    use crate::entity::calendar_feed;
    use sea_orm::PaginatorTrait;
    Ok(calendar_feed::Entity::find()
        .filter(calendar_feed::Column::StaffId.eq(staff_id))
        .filter(calendar_feed::Column::MunicipalityId.eq(scope.m()))
        .count(db)
        .await?
        > 0)
}
