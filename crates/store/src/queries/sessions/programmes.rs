//! Programmes: their texts, partners and agenda.

use crate::Scope;
use crate::entity::{agenda_item, programme, programme_partner, staff_assignment};
use chrono::{DateTime, Utc};
use samvirke_domain::{OrgId, PartnerLevel};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

pub struct NewProgramme<'a> {
    pub org: OrgId,
    pub title: &'a str,
    pub description: &'a str,
    pub target_group: &'a str,
}

pub async fn create_programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    p: NewProgramme<'_>,
    now: DateTime<Utc>,
) -> Result<programme::Model, DbErr> {
    programme::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        organisation_id: Set(p.org.0),
        title: Set(p.title.into()),
        description: Set(p.description.into()),
        target_group: Set(p.target_group.into()),
        active: Set(true),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// The ids of programme `id` if it is of the scope: none otherwise. For
/// the rows under a programme, which name no municipality themselves.
pub(crate) fn programme_of(scope: Scope, id: i64) -> sea_orm::sea_query::SelectStatement {
    programmes_of(scope, &[id])
}

pub(crate) fn programmes_of(scope: Scope, ids: &[i64]) -> sea_orm::sea_query::SelectStatement {
    programme::Entity::find()
        .select_only()
        .column(programme::Column::Id)
        .filter(programme::Column::Id.is_in(ids.to_vec()))
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .into_query()
}

/// Fails with `RecordNotFound` unless programme `id` is of the scope, so
/// nothing is added under another municipality's programme.
async fn require_programme(db: &impl ConnectionTrait, scope: Scope, id: i64) -> Result<(), DbErr> {
    match programme(db, scope, id).await? {
        Some(_) => Ok(()),
        None => Err(DbErr::RecordNotFound(format!("programme {id}"))),
    }
}

pub async fn add_partner(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
    org: OrgId,
    level: PartnerLevel,
) -> Result<(), DbErr> {
    require_programme(db, scope, programme_id).await?;
    programme_partner::ActiveModel {
        programme_id: Set(programme_id),
        organisation_id: Set(org.0),
        level: Set(level.as_str().into()),
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub struct NewAgendaItem<'a> {
    pub position: i32,
    pub title: &'a str,
    pub minutes: i32,
    pub org: OrgId,
    pub competence_id: Option<i64>,
}

pub async fn add_agenda_item(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
    a: NewAgendaItem<'_>,
) -> Result<agenda_item::Model, DbErr> {
    require_programme(db, scope, programme_id).await?;
    agenda_item::ActiveModel {
        id: NotSet,
        programme_id: Set(programme_id),
        position: Set(a.position),
        title: Set(a.title.into()),
        minutes: Set(a.minutes),
        organisation_id: Set(a.org.0),
        competence_id: Set(a.competence_id),
    }
    .insert(db)
    .await
}

pub async fn programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<programme::Model>, DbErr> {
    programme::Entity::find_by_id(id)
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

pub async fn programmes(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Vec<programme::Model>, DbErr> {
    programme::Entity::find()
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .order_by_asc(programme::Column::Title)
        .all(db)
        .await
}

pub async fn programme_by_title(
    db: &impl ConnectionTrait,
    scope: Scope,
    title: &str,
) -> Result<Option<programme::Model>, DbErr> {
    programme::Entity::find()
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .filter(programme::Column::Title.eq(title))
        .one(db)
        .await
}

pub async fn partners(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_ids: &[i64],
) -> Result<Vec<programme_partner::Model>, DbErr> {
    programme_partner::Entity::find()
        .filter(
            programme_partner::Column::ProgrammeId.in_subquery(programmes_of(scope, programme_ids)),
        )
        .all(db)
        .await
}

pub async fn agenda(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
) -> Result<Vec<agenda_item::Model>, DbErr> {
    agenda_item::Entity::find()
        .filter(agenda_item::Column::ProgrammeId.in_subquery(programme_of(scope, programme_id)))
        .order_by_asc(agenda_item::Column::Position)
        .all(db)
        .await
}

/// Changes a programme's title, description and target group.
pub async fn update_programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    title: &str,
    description: &str,
    target_group: &str,
) -> Result<bool, DbErr> {
    let r = programme::Entity::update_many()
        .col_expr(programme::Column::Title, Expr::value(title))
        .col_expr(programme::Column::Description, Expr::value(description))
        .col_expr(programme::Column::TargetGroup, Expr::value(target_group))
        .filter(programme::Column::Id.eq(id))
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Removes all partners of a programme (of the scope), before the new list is added.
pub async fn clear_partners(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
) -> Result<(), DbErr> {
    let owned = programme::Entity::find()
        .select_only()
        .column(programme::Column::Id)
        .filter(programme::Column::Id.eq(programme_id))
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .into_query();
    programme_partner::Entity::delete_many()
        .filter(programme_partner::Column::ProgrammeId.in_subquery(owned))
        .exec(db)
        .await
        .map(|_| ())
}

/// Changes an agenda item of a programme (of the scope) in place, so its
/// staff assignments stay; false when no such item.
pub async fn update_agenda_item(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
    item_id: i64,
    a: NewAgendaItem<'_>,
) -> Result<bool, DbErr> {
    let owned = programme::Entity::find()
        .select_only()
        .column(programme::Column::Id)
        .filter(programme::Column::Id.eq(programme_id))
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .into_query();
    let r = agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::Position, Expr::value(a.position))
        .col_expr(agenda_item::Column::Title, Expr::value(a.title))
        .col_expr(agenda_item::Column::Minutes, Expr::value(a.minutes))
        .col_expr(agenda_item::Column::OrganisationId, Expr::value(a.org.0))
        .col_expr(
            agenda_item::Column::CompetenceId,
            Expr::value(a.competence_id),
        )
        .filter(agenda_item::Column::Id.eq(item_id))
        .filter(agenda_item::Column::ProgrammeId.eq(programme_id))
        .filter(agenda_item::Column::ProgrammeId.in_subquery(owned))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Removes agenda items of a programme (of the scope) with their staff assignments.
pub async fn remove_agenda_items(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
    item_ids: &[i64],
) -> Result<(), DbErr> {
    if item_ids.is_empty() {
        return Ok(());
    }
    let owned = programme::Entity::find()
        .select_only()
        .column(programme::Column::Id)
        .filter(programme::Column::Id.eq(programme_id))
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .into_query();
    let items: Vec<i64> = agenda_item::Entity::find()
        .filter(agenda_item::Column::ProgrammeId.in_subquery(owned))
        .filter(agenda_item::Column::Id.is_in(item_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    if items.is_empty() {
        return Ok(());
    }
    staff_assignment::Entity::delete_many()
        .filter(staff_assignment::Column::AgendaItemId.is_in(items.clone()))
        .exec(db)
        .await?;
    agenda_item::Entity::delete_many()
        .filter(agenda_item::Column::Id.is_in(items))
        .exec(db)
        .await
        .map(|_| ())
}
