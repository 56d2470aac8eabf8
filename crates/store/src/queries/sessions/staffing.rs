//! Who runs which agenda item of a session.

use crate::Scope;
use crate::entity::{event_session, staff_assignment};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

/// The ids of those of `ids` that are sessions of the scope. An assignment
/// names no municipality itself: its session does.
fn sessions_of(scope: Scope, ids: &[i64]) -> sea_orm::sea_query::SelectStatement {
    event_session::Entity::find()
        .select_only()
        .column(event_session::Column::Id)
        .filter(event_session::Column::Id.is_in(ids.to_vec()))
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .into_query()
}

/// Puts a staff member on an agenda item; fails with `RecordNotFound` when
/// the session is not of the scope.
pub async fn assign_staff(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<(), DbErr> {
    if super::session(db, scope, session_id).await?.is_none() {
        return Err(DbErr::RecordNotFound(format!("session {session_id}")));
    }
    staff_assignment::ActiveModel {
        session_id: Set(session_id),
        agenda_item_id: Set(agenda_item_id),
        staff_id: Set(staff_id),
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn assignments(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_ids: &[i64],
) -> Result<Vec<staff_assignment::Model>, DbErr> {
    staff_assignment::Entity::find()
        .filter(staff_assignment::Column::SessionId.in_subquery(sessions_of(scope, session_ids)))
        .all(db)
        .await
}

/// Sessions a staff member is assigned to.
pub async fn sessions_of_staff(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: i64,
) -> Result<Vec<event_session::Model>, DbErr> {
    let ids: Vec<i64> = staff_assignment::Entity::find()
        .filter(staff_assignment::Column::StaffId.eq(staff_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.session_id)
        .collect();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    event_session::Entity::find()
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::Id.is_in(ids))
        .order_by_asc(event_session::Column::StartsAt)
        .all(db)
        .await
}

pub async fn unassign_staff(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<(), DbErr> {
    staff_assignment::Entity::delete_many()
        .filter(staff_assignment::Column::SessionId.in_subquery(sessions_of(scope, &[session_id])))
        .filter(staff_assignment::Column::AgendaItemId.eq(agenda_item_id))
        .filter(staff_assignment::Column::StaffId.eq(staff_id))
        .exec(db)
        .await
        .map(|_| ())
}
