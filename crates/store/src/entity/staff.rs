use samvirke_domain::Role;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub organisation_id: i64,
    /// Lower-cased; unique across the installation, since it is the login.
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Comma-separated `samvirke_domain::Role` values.
    pub roles: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The roles held, from the comma-separated column.
    pub fn roles(&self) -> Vec<Role> {
        Role::parse_list(&self.roles)
    }
}
