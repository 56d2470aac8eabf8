//! A person's own data: requests by e-mail with a one-time link, and what
//! the database holds about one e-mail address. An address is matched
//! lower-cased and whole: `Ida@X.dk` is `ida@x.dk`, `ida+1@x.dk` is another.

use crate::Scope;
use crate::entity::{
    appointment, appointment_service, audit_log, event_session, own_data_request, programme,
    registration,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect,
};

/// The most rows of each kind one answer holds.
pub const ANSWER_MAX: u64 = 500;

pub async fn create_request(
    db: &impl ConnectionTrait,
    scope: Scope,
    email: &str,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<own_data_request::Model, DbErr> {
    own_data_request::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        email: Set(email.to_owned()),
        token_hash: Set(None),
        expires_at: Set(expires_at),
        used_at: Set(used_at),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// Stores the hash of the secret the e-mail carries (made when it is sent).
pub async fn set_token_hash(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    hash: &str,
) -> Result<(), DbErr> {
    own_data_request::Entity::update_many()
        .col_expr(own_data_request::Column::TokenHash, Expr::value(hash))
        .filter(own_data_request::Column::Id.eq(id))
        .filter(own_data_request::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(())
}

/// The request a link's secret opens while it is unused and unexpired.
pub async fn live_request(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<own_data_request::Model>, DbErr> {
    own_data_request::Entity::find()
        .filter(own_data_request::Column::TokenHash.eq(token_hash))
        .filter(own_data_request::Column::UsedAt.is_null())
        .filter(own_data_request::Column::ExpiresAt.gt(now))
        .one(db)
        .await
}

/// Uses a request: one conditional update, so its answer is shown once.
pub async fn use_request(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = own_data_request::Entity::update_many()
        .col_expr(own_data_request::Column::UsedAt, Expr::value(now))
        .filter(own_data_request::Column::Id.eq(id))
        .filter(own_data_request::Column::MunicipalityId.eq(scope.m()))
        .filter(own_data_request::Column::UsedAt.is_null())
        .filter(own_data_request::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// The requests made for this e-mail (their ids), for the reads they caused.
pub async fn request_ids_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    email: &str,
) -> Result<Vec<i64>, DbErr> {
    own_data_request::Entity::find()
        .select_only()
        .column(own_data_request::Column::Id)
        .filter(own_data_request::Column::MunicipalityId.eq(scope.m()))
        .filter(own_data_request::Column::Email.eq(email))
        .order_by_asc(own_data_request::Column::Id)
        .limit(ANSWER_MAX)
        .into_tuple()
        .all(db)
        .await
}

/// Retention: deletes requests created before `before`, in every municipality.
pub async fn forget_requests_before(
    db: &impl ConnectionTrait,
    scope: Scope,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let r = own_data_request::Entity::delete_many()
        .filter(own_data_request::Column::MunicipalityId.eq(scope.m()))
        .filter(own_data_request::Column::CreatedAt.lt(before))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// A sign-up of the e-mail, with its session's title and times.
pub struct HeldRegistration {
    pub row: registration::Model,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// The sign-ups made with this e-mail (lower-cased), oldest first.
pub async fn registrations_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    email: &str,
) -> Result<Vec<HeldRegistration>, DbErr> {
    let rows = registration::Entity::find()
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .filter(Expr::expr(Func::lower(Expr::col(registration::Column::Email))).eq(email))
        .order_by_asc(registration::Column::Id)
        .limit(ANSWER_MAX)
        .all(db)
        .await?;
    let session_ids: Vec<i64> = rows.iter().map(|r| r.session_id).collect();
    let sessions = event_session::Entity::find()
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::Id.is_in(session_ids))
        .all(db)
        .await?;
    let programme_ids: Vec<i64> = sessions.iter().map(|s| s.programme_id).collect();
    let programmes = programme::Entity::find()
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .filter(programme::Column::Id.is_in(programme_ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let s = sessions.iter().find(|s| s.id == row.session_id)?;
            let title = programmes
                .iter()
                .find(|p| p.id == s.programme_id)
                .map(|p| p.title.clone())
                .unwrap_or_default();
            Some(HeldRegistration {
                title,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                row,
            })
        })
        .collect())
}

/// The appointments booked with this e-mail (lower-cased), with their
/// service's title, oldest first.
pub async fn appointments_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    email: &str,
) -> Result<Vec<(appointment::Model, String)>, DbErr> {
    let rows = appointment::Entity::find()
        .filter(appointment::Column::MunicipalityId.eq(scope.m()))
        .filter(Expr::expr(Func::lower(Expr::col(appointment::Column::Email))).eq(email))
        .order_by_asc(appointment::Column::Id)
        .limit(ANSWER_MAX)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.service_id).collect();
    let services = appointment_service::Entity::find()
        .filter(appointment_service::Column::MunicipalityId.eq(scope.m()))
        .filter(appointment_service::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let title = services
                .iter()
                .find(|s| s.id == a.service_id)
                .map(|s| s.title.clone())
                .unwrap_or_default();
            (a, title)
        })
        .collect())
}

/// A read in the log: when, for what and of what; never by whom.
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct SubjectRead {
    pub at: DateTime<Utc>,
    pub purpose: String,
    pub subject_kind: String,
    pub subject_id: i64,
}

/// The log's reads of these subjects (kind, ids), oldest first.
pub async fn reads_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    subjects: &[(&str, Vec<i64>)],
) -> Result<Vec<SubjectRead>, DbErr> {
    let mut any = Condition::any();
    let mut some = false;
    for (kind, ids) in subjects {
        if ids.is_empty() {
            continue;
        }
        some = true;
        any = any.add(
            Condition::all()
                .add(audit_log::Column::SubjectKind.eq(*kind))
                .add(audit_log::Column::SubjectId.is_in(ids.clone())),
        );
    }
    if !some {
        return Ok(vec![]);
    }
    audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::At)
        .column(audit_log::Column::Purpose)
        .column(audit_log::Column::SubjectKind)
        .column(audit_log::Column::SubjectId)
        .filter(audit_log::Column::MunicipalityId.eq(scope.m()))
        .filter(any)
        .order_by_asc(audit_log::Column::At)
        .order_by_asc(audit_log::Column::Id)
        .limit(ANSWER_MAX)
        .into_model::<SubjectRead>()
        .all(db)
        .await
}
