//! Who runs which agenda item of a session.

use crate::Scope;
use crate::entity::{event_session, staff_assignment};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

pub async fn assign_staff(
    db: &impl ConnectionTrait,
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<(), DbErr> {
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
    session_ids: &[i64],
) -> Result<Vec<staff_assignment::Model>, DbErr> {
    staff_assignment::Entity::find()
        .filter(staff_assignment::Column::SessionId.is_in(session_ids.to_vec()))
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
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<(), DbErr> {
    staff_assignment::Entity::delete_many()
        .filter(staff_assignment::Column::SessionId.eq(session_id))
        .filter(staff_assignment::Column::AgendaItemId.eq(agenda_item_id))
        .filter(staff_assignment::Column::StaffId.eq(staff_id))
        .exec(db)
        .await
        .map(|_| ())
}
