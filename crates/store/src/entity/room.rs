use sea_orm::entity::prelude::*;

/// A room at a site, owned by the site's organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "room")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub organisation_id: i64,
    pub site_id: i64,
    pub name: String,
    pub capacity: i32,
    pub equipment: String,
    /// Bumped first by every booking transaction, so they queue per room.
    pub lock_seq: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
