//! The municipality's retention periods, one row per kind of personal
//! data that was set; a kind without a row keeps its default.

use crate::Scope;
use crate::entity::{municipality, retention_setting};
use chrono::{DateTime, Utc};
use samvirke_domain::MunicipalityId;
use samvirke_domain::ideas::DataKind;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// The periods set for the scope: (kind, days).
pub async fn settings(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Vec<(DataKind, u32)>, DbErr> {
    let rows = retention_setting::Entity::find()
        .filter(retention_setting::Column::MunicipalityId.eq(scope.m()))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((r.kind.parse().ok()?, u32::try_from(r.days).ok()?)))
        .collect())
}

/// Sets the periods given, each one upserted; the others stay.
pub async fn save(
    db: &impl ConnectionTrait,
    scope: Scope,
    periods: &[(DataKind, u32)],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for (kind, days) in periods {
        retention_setting::Entity::insert(retention_setting::ActiveModel {
            municipality_id: Set(scope.m()),
            kind: Set(kind.as_str().to_owned()),
            days: Set(i32::try_from(*days).unwrap_or(i32::MAX)),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([
                retention_setting::Column::MunicipalityId,
                retention_setting::Column::Kind,
            ])
            .update_columns([
                retention_setting::Column::Days,
                retention_setting::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Every municipality of the installation, for the daily deletion.
pub async fn municipalities(db: &impl ConnectionTrait) -> Result<Vec<MunicipalityId>, DbErr> {
    let ids: Vec<i64> = municipality::Entity::find()
        .select_only()
        .column(municipality::Column::Id)
        .order_by_asc(municipality::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().map(MunicipalityId).collect())
}
