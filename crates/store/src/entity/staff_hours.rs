use sea_orm::entity::prelude::*;

/// One range of a staff member's weekly hours.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_hours")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub staff_id: i64,
    /// ISO weekday, 1 = Monday.
    pub weekday: i32,
    /// `HH:MM`.
    pub start_time: String,
    pub end_time: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
