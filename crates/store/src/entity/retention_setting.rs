use sea_orm::entity::prelude::*;

/// A municipality's retention period for one kind of personal data.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "retention_setting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub municipality_id: i64,
    /// `samvirke_domain::ideas::DataKind`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    pub days: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
