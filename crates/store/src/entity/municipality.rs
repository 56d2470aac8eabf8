use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "municipality")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub phone: Option<String>,
    /// Postal address of the municipality as data controller.
    pub address: Option<String>,
    /// The data protection officer's e-mail.
    pub dpo_email: Option<String>,
    /// The accessibility statement published on was.digst.dk.
    pub accessibility_url: Option<String>,
    /// Its mark for the header, as SVG.
    pub logo_svg: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
