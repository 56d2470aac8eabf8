use sea_orm::entity::prelude::*;

/// A request for what Samvirke holds about one e-mail address.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "own_data_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    /// Lower-cased.
    pub email: String,
    /// SHA-256 of the link's secret, made when the e-mail is sent.
    #[sea_orm(unique)]
    pub token_hash: Option<String>,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
