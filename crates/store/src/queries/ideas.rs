//! Citizens' ideas. The e-mail a citizen left is personal data, deleted
//! after its period; the idea stays for the counts. A change of status is
//! one conditional update on the version the staff member saw.

use crate::Scope;
use crate::entity::idea;
use chrono::{DateTime, Utc};
use samvirke_domain::ideas::{IdeaStatus, TargetGroup};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect,
};

pub struct NewIdea<'a> {
    pub target_group: TargetGroup,
    pub text: &'a str,
    /// Lower-cased, given with consent.
    pub email: Option<&'a str>,
}

pub async fn create(
    db: &impl ConnectionTrait,
    scope: Scope,
    new: NewIdea<'_>,
    now: DateTime<Utc>,
) -> Result<idea::Model, DbErr> {
    idea::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        target_group: Set(new.target_group.as_str().to_owned()),
        text: Set(new.text.to_owned()),
        status: Set(IdeaStatus::New.as_str().to_owned()),
        note: Set(None),
        version: Set(0),
        email: Set(new.email.map(str::to_owned)),
        consent_at: Set(new.email.map(|_| now)),
        contact_deleted_at: Set(None),
        programme_id: Set(None),
        created_at: Set(now),
        status_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn get(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<idea::Model>, DbErr> {
    idea::Entity::find_by_id(id)
        .filter(idea::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

/// One page of the municipality's ideas, newest first, of one status or
/// all, after the idea `after` of the page before.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: Scope,
    status: Option<IdeaStatus>,
    after: Option<i64>,
    limit: u64,
) -> Result<crate::Page<idea::Model>, DbErr> {
    let mut q = idea::Entity::find().filter(idea::Column::MunicipalityId.eq(scope.m()));
    if let Some(s) = status {
        q = q.filter(idea::Column::Status.eq(s.as_str()));
    }
    if let Some(id) = after {
        q = q.filter(idea::Column::Id.lt(id));
    }
    let rows = q
        .order_by_desc(idea::Column::Id)
        .limit(crate::fetch_count(limit))
        .all(db)
        .await?;
    Ok(crate::Page::from_rows(
        rows,
        limit.clamp(1, crate::PAGE_MAX),
    ))
}

/// Sets status and note where the idea is still at `seen_version`, and
/// bumps the version; false when someone changed it first (or none such).
pub async fn set_status(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    seen_version: i64,
    status: IdeaStatus,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = idea::Entity::update_many()
        .col_expr(idea::Column::Status, Expr::value(status.as_str()))
        .col_expr(idea::Column::Note, Expr::value(note.map(str::to_owned)))
        .col_expr(idea::Column::StatusAt, Expr::value(now))
        .col_expr(
            idea::Column::Version,
            Expr::col(idea::Column::Version).add(1),
        )
        .filter(idea::Column::Id.eq(id))
        .filter(idea::Column::MunicipalityId.eq(scope.m()))
        .filter(idea::Column::Version.eq(seen_version))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Links the idea to the programme made from it, where it has none yet;
/// false when it already has one.
pub async fn link_programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    programme_id: i64,
) -> Result<bool, DbErr> {
    let r = idea::Entity::update_many()
        .col_expr(idea::Column::ProgrammeId, Expr::value(programme_id))
        .filter(idea::Column::Id.eq(id))
        .filter(idea::Column::MunicipalityId.eq(scope.m()))
        .filter(idea::Column::ProgrammeId.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// The idea a programme was made from.
pub async fn of_programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
) -> Result<Option<idea::Model>, DbErr> {
    idea::Entity::find()
        .filter(idea::Column::MunicipalityId.eq(scope.m()))
        .filter(idea::Column::ProgrammeId.eq(programme_id))
        .order_by_asc(idea::Column::Id)
        .one(db)
        .await
}

/// The ideas sent with this e-mail (lower-cased), oldest first, at most `limit`.
pub async fn of_email(
    db: &impl ConnectionTrait,
    scope: Scope,
    email: &str,
    limit: u64,
) -> Result<Vec<idea::Model>, DbErr> {
    idea::Entity::find()
        .filter(idea::Column::MunicipalityId.eq(scope.m()))
        .filter(idea::Column::Email.eq(email))
        .order_by_asc(idea::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Retention: deletes the e-mail of the scope's ideas sent before
/// `before`; the ideas stay. Returns how many.
pub async fn forget_contacts_before(
    db: &impl ConnectionTrait,
    scope: Scope,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let r = idea::Entity::update_many()
        .col_expr(idea::Column::Email, Expr::value(None::<String>))
        .col_expr(idea::Column::ContactDeletedAt, Expr::value(now))
        .filter(idea::Column::MunicipalityId.eq(scope.m()))
        .filter(idea::Column::CreatedAt.lt(before))
        .filter(idea::Column::Email.is_not_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// How many ideas the scope holds per status: (status, how many).
pub async fn counts(db: &impl ConnectionTrait, scope: Scope) -> Result<Vec<(String, i64)>, DbErr> {
    idea::Entity::find()
        .select_only()
        .column(idea::Column::Status)
        .column_as(idea::Column::Id.count(), "n")
        .filter(idea::Column::MunicipalityId.eq(scope.m()))
        .group_by(idea::Column::Status)
        .order_by_asc(idea::Column::Status)
        .into_tuple()
        .all(db)
        .await
}
