//! Login sessions, API tokens and set-password links. Each is stored only
//! as the SHA-256 hash of the secret the user holds.

use crate::Scope;
use crate::entity::{api_token, login_session, password_link, staff};
use chrono::{DateTime, Utc};
use samvirke_domain::StaffId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, NotSet,
    QueryFilter, QueryOrder,
};

pub async fn create_session(
    db: &impl ConnectionTrait,
    scope: Scope,
    id_hash: String,
    staff_id: StaffId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    login_session::ActiveModel {
        id: Set(id_hash),
        municipality_id: Set(scope.m()),
        staff_id: Set(staff_id.0),
        created_at: Set(now),
        expires_at: Set(expires_at),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The active staff member behind an unexpired session.
pub async fn staff_for_session(
    db: &impl ConnectionTrait,
    id_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<staff::Model>, sea_orm::DbErr> {
    let Some(session) = login_session::Entity::find_by_id(id_hash.to_string())
        .filter(login_session::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    staff::Entity::find_by_id(session.staff_id)
        .filter(staff::Column::MunicipalityId.eq(session.municipality_id))
        .filter(staff::Column::Active.eq(true))
        .one(db)
        .await
}

pub async fn delete_session(
    db: &impl ConnectionTrait,
    id_hash: &str,
) -> Result<(), sea_orm::DbErr> {
    login_session::Entity::delete_by_id(id_hash.to_string())
        .exec(db)
        .await
        .map(|_| ())
}

/// Ends every session of a staff member but `keep` (the hash of the one
/// in use), e.g. after a password change.
pub async fn delete_other_sessions_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: StaffId,
    keep: &str,
) -> Result<u64, sea_orm::DbErr> {
    login_session::Entity::delete_many()
        .filter(login_session::Column::StaffId.eq(staff_id.0))
        .filter(login_session::Column::MunicipalityId.eq(scope.m()))
        .filter(login_session::Column::Id.ne(keep))
        .exec(db)
        .await
        .map(|r| r.rows_affected)
}

/// Ends every session of a staff member, e.g. when deactivated.
pub async fn delete_sessions_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: StaffId,
) -> Result<(), sea_orm::DbErr> {
    login_session::Entity::delete_many()
        .filter(login_session::Column::StaffId.eq(staff_id.0))
        .filter(login_session::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn delete_expired_sessions(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    login_session::Entity::delete_many()
        .filter(login_session::Column::ExpiresAt.lte(now))
        .exec(db)
        .await
        .map(|r| r.rows_affected)
}

pub struct NewToken<'a> {
    pub staff_id: StaffId,
    pub name: &'a str,
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

pub async fn create_token(
    db: &impl ConnectionTrait,
    scope: Scope,
    new: NewToken<'_>,
    now: DateTime<Utc>,
) -> Result<api_token::Model, sea_orm::DbErr> {
    let NewToken {
        staff_id,
        name,
        token_hash,
        expires_at,
    } = new;
    api_token::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        staff_id: Set(staff_id.0),
        name: Set(name.into()),
        token_hash: Set(token_hash),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        expires_at: Set(Some(expires_at)),
    }
    .insert(db)
    .await
}

/// The active staff member behind a token that has neither been revoked
/// nor expired.
pub async fn staff_for_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(api_token::Model, staff::Model)>, sea_orm::DbErr> {
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash))
        .filter(api_token::Column::RevokedAt.is_null())
        .filter(api_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let staff = staff::Entity::find_by_id(token.staff_id)
        .filter(staff::Column::MunicipalityId.eq(token.municipality_id))
        .filter(staff::Column::Active.eq(true))
        .one(db)
        .await?;
    Ok(staff.map(|s| (token, s)))
}

pub async fn touch_token(
    db: &impl ConnectionTrait,
    scope: Scope,
    token_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(token_id))
        .filter(api_token::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn tokens_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: StaffId,
) -> Result<Vec<api_token::Model>, sea_orm::DbErr> {
    api_token::Entity::find()
        .filter(api_token::Column::MunicipalityId.eq(scope.m()))
        .filter(api_token::Column::StaffId.eq(staff_id.0))
        .order_by_desc(api_token::Column::CreatedAt)
        .all(db)
        .await
}

/// Revokes one of the staff member's own tokens; false when there was none.
pub async fn revoke_token(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: StaffId,
    token_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sea_orm::DbErr> {
    let r = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(token_id))
        .filter(api_token::Column::StaffId.eq(staff_id.0))
        .filter(api_token::Column::MunicipalityId.eq(scope.m()))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Revokes every live token of a staff member, e.g. when deactivated, so
/// that reactivating them does not bring the tokens back.
pub async fn revoke_tokens_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: StaffId,
    now: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .filter(api_token::Column::StaffId.eq(staff_id.0))
        .filter(api_token::Column::MunicipalityId.eq(scope.m()))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map(|r| r.rows_affected)
}

pub struct NewPasswordLink {
    pub staff_id: StaffId,
    pub created_by: StaffId,
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

pub async fn create_password_link(
    db: &impl ConnectionTrait,
    scope: Scope,
    new: NewPasswordLink,
    now: DateTime<Utc>,
) -> Result<i64, sea_orm::DbErr> {
    let link = password_link::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        staff_id: Set(new.staff_id.0),
        token_hash: Set(new.token_hash),
        created_by: Set(new.created_by.0),
        created_at: Set(now),
        expires_at: Set(new.expires_at),
        used_at: Set(None),
    };
    password_link::Entity::insert(link)
        .exec(db)
        .await
        .map(|r| r.last_insert_id)
}

/// Gives an unused set-password link the hash of the secret its e-mail
/// carries, made when the e-mail is sent.
pub async fn set_password_link_hash(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    token_hash: &str,
) -> Result<bool, sea_orm::DbErr> {
    use sea_orm::sea_query::Expr;
    let r = password_link::Entity::update_many()
        .col_expr(password_link::Column::TokenHash, Expr::value(token_hash))
        .filter(password_link::Column::Id.eq(id))
        .filter(password_link::Column::MunicipalityId.eq(scope.m()))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// An unused, unexpired set-password link, by the hash of its secret (an
/// unscoped look-up: the link is how the scope is found).
pub async fn live_password_link(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<password_link::Model>, sea_orm::DbErr> {
    password_link::Entity::find()
        .filter(password_link::Column::TokenHash.eq(token_hash))
        .filter(password_link::Column::UsedAt.is_null())
        .filter(password_link::Column::ExpiresAt.gt(now))
        .one(db)
        .await
}

/// Uses a link with one conditional update; false when it was used (or
/// expired) meanwhile, so a link works once even when sent twice at once.
pub async fn use_password_link(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sea_orm::DbErr> {
    let r = password_link::Entity::update_many()
        .col_expr(password_link::Column::UsedAt, Expr::value(now))
        .filter(password_link::Column::Id.eq(id))
        .filter(password_link::Column::MunicipalityId.eq(scope.m()))
        .filter(password_link::Column::UsedAt.is_null())
        .filter(password_link::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Makes every unused link of a staff member void, e.g. after the password
/// was changed another way.
pub async fn void_password_links_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: StaffId,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    password_link::Entity::update_many()
        .col_expr(password_link::Column::UsedAt, Expr::value(now))
        .filter(password_link::Column::StaffId.eq(staff_id.0))
        .filter(password_link::Column::MunicipalityId.eq(scope.m()))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}
