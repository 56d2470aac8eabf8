//! The reads behind the dashboard's overview of the coming days: sessions
//! in a window, their agendas and who staffs them. Every read is scoped.

use crate::Scope;
use crate::entity::{agenda_item, event_session, programme, staff_assignment};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// Sessions that start in `from..to` and are not cancelled, by start.
pub async fn sessions_between(
    db: &impl ConnectionTrait,
    scope: Scope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<event_session::Model>, DbErr> {
    event_session::Entity::find()
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::StartsAt.gte(from))
        .filter(event_session::Column::StartsAt.lt(to))
        .filter(event_session::Column::CancelledAt.is_null())
        .order_by_asc(event_session::Column::StartsAt)
        .order_by_asc(event_session::Column::Id)
        .all(db)
        .await
}

/// The agenda items of those of `programme_ids` in the municipality, in order.
pub async fn agendas(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_ids: &[i64],
) -> Result<Vec<agenda_item::Model>, DbErr> {
    let ids: Vec<i64> = programme::Entity::find()
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .filter(programme::Column::Id.is_in(programme_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    agenda_item::Entity::find()
        .filter(agenda_item::Column::ProgrammeId.is_in(ids))
        .order_by_asc(agenda_item::Column::ProgrammeId)
        .order_by_asc(agenda_item::Column::Position)
        .all(db)
        .await
}

/// Who staffs what in those of `session_ids` in the municipality.
pub async fn assignments(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_ids: &[i64],
) -> Result<Vec<staff_assignment::Model>, DbErr> {
    let ids: Vec<i64> = event_session::Entity::find()
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::Id.is_in(session_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    staff_assignment::Entity::find()
        .filter(staff_assignment::Column::SessionId.is_in(ids))
        .all(db)
        .await
}
