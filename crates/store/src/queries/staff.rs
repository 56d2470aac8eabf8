//! Staff members and their competences.

use crate::Scope;
use crate::entity::{competence, staff, staff_competence};
use chrono::{DateTime, Utc};
use samvirke_domain::{OrgId, Role, StaffId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, NotSet,
    QueryFilter, QueryOrder,
};

/// The one unscoped lookup: a login names an e-mail, not a municipality.
pub async fn by_email_for_login(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<staff::Model>, sea_orm::DbErr> {
    staff::Entity::find()
        .filter(staff::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn get(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: StaffId,
) -> Result<Option<staff::Model>, sea_orm::DbErr> {
    staff::Entity::find_by_id(id.0)
        .filter(staff::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

pub async fn list_for_org(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: OrgId,
) -> Result<Vec<staff::Model>, sea_orm::DbErr> {
    staff::Entity::find()
        .filter(staff::Column::MunicipalityId.eq(scope.m()))
        .filter(staff::Column::OrganisationId.eq(org.0))
        .order_by_desc(staff::Column::Active)
        .order_by_asc(staff::Column::Name)
        .all(db)
        .await
}

pub struct NewStaff<'a> {
    pub org: OrgId,
    pub email: &'a str,
    pub name: &'a str,
    pub phone: Option<String>,
    pub password_hash: String,
    pub roles: &'a [Role],
}

pub async fn create(
    db: &impl ConnectionTrait,
    scope: Scope,
    new: NewStaff<'_>,
    now: DateTime<Utc>,
) -> Result<staff::Model, sea_orm::DbErr> {
    staff::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        organisation_id: Set(new.org.0),
        email: Set(new.email.into()),
        name: Set(new.name.into()),
        phone: Set(new.phone),
        password_hash: Set(new.password_hash),
        roles: Set(Role::join_list(new.roles)),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

pub struct StaffChanges<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub phone: Option<String>,
    pub roles: &'a [Role],
    pub active: bool,
}

pub async fn update(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: StaffId,
    c: StaffChanges<'_>,
    now: DateTime<Utc>,
) -> Result<Option<staff::Model>, sea_orm::DbErr> {
    let Some(existing) = get(db, scope, id).await? else {
        return Ok(None);
    };
    let mut am: staff::ActiveModel = existing.into();
    am.email = Set(c.email.into());
    am.name = Set(c.name.into());
    am.phone = Set(c.phone);
    am.roles = Set(Role::join_list(c.roles));
    am.active = Set(c.active);
    am.updated_at = Set(now);
    am.update(db).await.map(Some)
}

pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: StaffId,
    hash: String,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    staff::Entity::update_many()
        .col_expr(
            staff::Column::PasswordHash,
            sea_orm::sea_query::Expr::value(hash),
        )
        .col_expr(
            staff::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(staff::Column::Id.eq(id.0))
        .filter(staff::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await
        .map(|_| ())
}

/// The competences a staff member holds, by id.
pub async fn competences_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: StaffId,
) -> Result<Vec<competence::Model>, sea_orm::DbErr> {
    let ids: Vec<i64> = staff_competence::Entity::find()
        .filter(staff_competence::Column::StaffId.eq(id.0))
        .all(db)
        .await?
        .into_iter()
        .map(|sc| sc.competence_id)
        .collect();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    competence::Entity::find()
        .filter(competence::Column::MunicipalityId.eq(scope.m()))
        .filter(competence::Column::Id.is_in(ids))
        .order_by_asc(competence::Column::NameDa)
        .all(db)
        .await
}

/// All (staff, competence) pairs of one organisation, for the staff list.
pub async fn competence_pairs_for_org(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: OrgId,
) -> Result<Vec<(i64, i64)>, sea_orm::DbErr> {
    let staff_ids: Vec<i64> = list_for_org(db, scope, org)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    if staff_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(staff_competence::Entity::find()
        .filter(staff_competence::Column::StaffId.is_in(staff_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|sc| (sc.staff_id, sc.competence_id))
        .collect())
}

/// Replaces a staff member's competences (ids of the scope's competences;
/// others are left out). Call inside a transaction. Fails with
/// `RecordNotFound` when the staff member is not of the scope.
pub async fn set_competences(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: StaffId,
    competence_ids: &[i64],
) -> Result<(), sea_orm::DbErr> {
    if get(db, scope, id).await?.is_none() {
        return Err(sea_orm::DbErr::RecordNotFound(format!("staff {}", id.0)));
    }
    let competence_ids: Vec<i64> = competence::Entity::find()
        .filter(competence::Column::MunicipalityId.eq(scope.m()))
        .filter(competence::Column::Id.is_in(competence_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    staff_competence::Entity::delete_many()
        .filter(staff_competence::Column::StaffId.eq(id.0))
        .exec(db)
        .await?;
    for cid in &competence_ids {
        staff_competence::ActiveModel {
            staff_id: Set(id.0),
            competence_id: Set(*cid),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
