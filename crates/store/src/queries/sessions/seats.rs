//! Seats and the waiting list: conditional updates of the session row, so a session is never overbooked whatever runs at once.
//!
//! Each statement names the municipality beside the session id, so an id
//! of another municipality's session changes nothing, at no extra cost.

use super::WAITLISTED;
use crate::Scope;
use crate::entity::{event_session, registration};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Statement};

/// The session row `session_id` of the scope.
fn this_session(scope: Scope, session_id: i64) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(event_session::Column::Id.eq(session_id))
        .add(event_session::Column::MunicipalityId.eq(scope.m()))
}

/// Takes a seat if one is free. True when this caller got it.
pub async fn take_seat(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
) -> Result<bool, DbErr> {
    let r = event_session::Entity::update_many()
        .col_expr(
            event_session::Column::Taken,
            Expr::col(event_session::Column::Taken).add(1),
        )
        .filter(this_session(scope, session_id))
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(
            Expr::col(event_session::Column::Taken).lt(Expr::col(event_session::Column::Capacity)),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Joins the waiting list, but only while every seat is taken and the
/// session is not cancelled: returns (this person's sequence number, their
/// place now), or `None` when a seat is free (or the session was cancelled).
/// The condition and the change are one statement, so it cannot go stale.
pub async fn join_waitlist_if_full(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
) -> Result<Option<(i32, i32)>, DbErr> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "UPDATE event_session SET waitlist_seq = waitlist_seq + 1 \
             WHERE id = $1 AND municipality_id = $2 \
             AND taken >= capacity AND cancelled_at IS NULL \
             RETURNING waitlist_seq, waitlist_left",
            [session_id.into(), scope.m().into()],
        ))
        .await?;
    let Some(row) = row else { return Ok(None) };
    let seq: i32 = row.try_get_by_index(0)?;
    let left: i32 = row.try_get_by_index(1)?;
    Ok(Some((seq, seq - left)))
}

/// Locks the session row for the rest of the transaction, so cancellations
/// and sign-ups of one session happen one after the other.
pub async fn lock_session(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
) -> Result<(), DbErr> {
    event_session::Entity::update_many()
        .col_expr(
            event_session::Column::WaitlistLeft,
            Expr::col(event_session::Column::WaitlistLeft),
        )
        .filter(this_session(scope, session_id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn release_seat(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
) -> Result<(), DbErr> {
    event_session::Entity::update_many()
        .col_expr(
            event_session::Column::Taken,
            Expr::col(event_session::Column::Taken).sub(1),
        )
        .filter(this_session(scope, session_id))
        .filter(Expr::col(event_session::Column::Taken).gt(0))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn waitlist_departure(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
) -> Result<(), DbErr> {
    event_session::Entity::update_many()
        .col_expr(
            event_session::Column::WaitlistLeft,
            Expr::col(event_session::Column::WaitlistLeft).add(1),
        )
        .filter(this_session(scope, session_id))
        .exec(db)
        .await
        .map(|_| ())
}

/// A waiting person's place now: those still waiting ahead of them, plus one.
pub async fn waitlist_place(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    seq: i32,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    let ahead = registration::Entity::find()
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .filter(registration::Column::SessionId.eq(session_id))
        .filter(registration::Column::Status.eq(WAITLISTED))
        .filter(registration::Column::WaitlistSeq.lt(seq))
        .count(db)
        .await?;
    Ok(ahead + 1)
}
