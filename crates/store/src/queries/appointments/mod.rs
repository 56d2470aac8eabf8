//! Appointments: the services organisations offer (their rules, the staff
//! who give them), the guided question's topics mapped to services, and
//! the appointments themselves (`booking`).

mod booking;

pub use booking::*;

use crate::Scope;
use crate::entity::{
    appointment_service as service, appointment_service_staff as given_by,
    appointment_topic as topic, staff,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder,
};

pub use crate::entity::appointment_service::Model as ServiceRow;

/// A service's fields as a coordinator saves them.
#[derive(Debug, Clone)]
pub struct ServiceFields<'a> {
    pub org: i64,
    pub site: Option<i64>,
    pub title: &'a str,
    pub minutes: i32,
    pub buffer_minutes: i32,
    pub notice_hours: i32,
    pub horizon_days: i32,
    pub cancel_hours: i32,
    /// One a line.
    pub questions: &'a str,
    pub active: bool,
}

/// The services of the scope, by organisation and title; only active ones unless `all`.
pub async fn services(
    db: &impl ConnectionTrait,
    scope: Scope,
    all: bool,
) -> Result<Vec<ServiceRow>, DbErr> {
    let mut q = service::Entity::find().filter(service::Column::MunicipalityId.eq(scope.m()));
    if !all {
        q = q.filter(service::Column::Active.eq(true));
    }
    q.order_by_asc(service::Column::OrganisationId)
        .order_by_asc(service::Column::Title)
        .order_by_asc(service::Column::Id)
        .all(db)
        .await
}

pub async fn service(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<ServiceRow>, DbErr> {
    service::Entity::find_by_id(id)
        .filter(service::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

pub async fn create_service(
    db: &impl ConnectionTrait,
    scope: Scope,
    f: &ServiceFields<'_>,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let row = service::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        organisation_id: Set(f.org),
        site_id: Set(f.site),
        title: Set(f.title.into()),
        minutes: Set(f.minutes),
        buffer_minutes: Set(f.buffer_minutes),
        notice_hours: Set(f.notice_hours),
        horizon_days: Set(f.horizon_days),
        cancel_hours: Set(f.cancel_hours),
        questions: Set(f.questions.into()),
        active: Set(f.active),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Saves a service's fields (not its organisation); false when it is not of the scope.
pub async fn update_service(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    f: &ServiceFields<'_>,
) -> Result<bool, DbErr> {
    let r = service::Entity::update_many()
        .col_expr(service::Column::SiteId, Expr::value(f.site))
        .col_expr(service::Column::Title, Expr::value(f.title))
        .col_expr(service::Column::Minutes, Expr::value(f.minutes))
        .col_expr(
            service::Column::BufferMinutes,
            Expr::value(f.buffer_minutes),
        )
        .col_expr(service::Column::NoticeHours, Expr::value(f.notice_hours))
        .col_expr(service::Column::HorizonDays, Expr::value(f.horizon_days))
        .col_expr(service::Column::CancelHours, Expr::value(f.cancel_hours))
        .col_expr(service::Column::Questions, Expr::value(f.questions))
        .col_expr(service::Column::Active, Expr::value(f.active))
        .filter(service::Column::Id.eq(id))
        .filter(service::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// The ids of the active staff of the scope who give the service, by id.
pub async fn service_staff(
    db: &impl ConnectionTrait,
    scope: Scope,
    service_id: i64,
) -> Result<Vec<i64>, DbErr> {
    let active_staff = Query::select()
        .column(staff::Column::Id)
        .from(staff::Entity)
        .and_where(staff::Column::MunicipalityId.eq(scope.m()))
        .and_where(staff::Column::Active.eq(true))
        .to_owned();
    Ok(given_by::Entity::find()
        .filter(given_by::Column::ServiceId.eq(service_id))
        .filter(given_by::Column::StaffId.in_subquery(active_staff))
        .order_by_asc(given_by::Column::StaffId)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.staff_id)
        .collect())
}

/// Replaces who gives the service: those of `ids` who are staff of the
/// service's organisation (others are left out).
pub async fn set_service_staff(
    db: &impl ConnectionTrait,
    scope: Scope,
    service_id: i64,
    ids: &[i64],
) -> Result<(), DbErr> {
    let Some(s) = service(db, scope, service_id).await? else {
        return Ok(());
    };
    given_by::Entity::delete_many()
        .filter(given_by::Column::ServiceId.eq(service_id))
        .exec(db)
        .await?;
    let own = staff::Entity::find()
        .filter(staff::Column::MunicipalityId.eq(scope.m()))
        .filter(staff::Column::OrganisationId.eq(s.organisation_id))
        .filter(staff::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?;
    for p in own {
        given_by::ActiveModel {
            service_id: Set(service_id),
            staff_id: Set(p.id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The guided question's mapping: (topic code, service id), by topic.
pub async fn topics(db: &impl ConnectionTrait, scope: Scope) -> Result<Vec<(String, i64)>, DbErr> {
    Ok(topic::Entity::find()
        .filter(topic::Column::MunicipalityId.eq(scope.m()))
        .order_by_asc(topic::Column::Topic)
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.topic, t.service_id))
        .collect())
}

/// Points a topic at a service of the scope (false when it is not of the
/// scope). One statement, so that two coordinators saving at once both
/// succeed and the last one wins.
pub async fn set_topic(
    db: &impl ConnectionTrait,
    scope: Scope,
    code: &str,
    service_id: i64,
) -> Result<bool, DbErr> {
    if service(db, scope, service_id).await?.is_none() {
        return Ok(false);
    }
    topic::Entity::insert(topic::ActiveModel {
        municipality_id: Set(scope.m()),
        topic: Set(code.into()),
        service_id: Set(service_id),
    })
    .on_conflict(
        OnConflict::columns([topic::Column::MunicipalityId, topic::Column::Topic])
            .update_column(topic::Column::ServiceId)
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(true)
}

/// Leaves a topic unmapped: the guided question leaves it out.
pub async fn clear_topic(db: &impl ConnectionTrait, scope: Scope, code: &str) -> Result<(), DbErr> {
    topic::Entity::delete_many()
        .filter(topic::Column::MunicipalityId.eq(scope.m()))
        .filter(topic::Column::Topic.eq(code))
        .exec(db)
        .await?;
    Ok(())
}
