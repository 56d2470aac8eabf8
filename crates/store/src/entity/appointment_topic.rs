use sea_orm::entity::prelude::*;

/// A topic of the guided question and the service it leads to.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointment_topic")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub municipality_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub topic: String,
    pub service_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
