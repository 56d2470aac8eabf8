use sea_orm::entity::prelude::*;

/// A one-time link to set a staff member's password, sent by e-mail.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_link")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub staff_id: i64,
    /// SHA-256 of the secret in the link; the link is never stored.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// The coordinator who sent it.
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// Set when the link is used (or made void by a newer password); it works once.
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
