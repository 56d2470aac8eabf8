use samvirke_domain::PartnerLevel;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_partner")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub programme_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    /// `view` (sees that it exists and when) or `run` (sees what running it needs).
    pub level: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The level as a type; a string no version ever wrote gives no access.
    pub fn level(&self) -> Option<PartnerLevel> {
        PartnerLevel::parse(&self.level)
    }
}
