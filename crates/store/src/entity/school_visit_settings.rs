use sea_orm::entity::prelude::*;

/// When a school receives class visits; no row means the defaults.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "school_visit_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    pub municipality_id: i64,
    /// ISO weekday numbers, comma-separated (`1,2,3,4,5`).
    pub weekdays: String,
    /// `HH:MM`.
    pub window_start: String,
    pub window_end: String,
    pub visit_minutes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
