use sea_orm::entity::prelude::*;

/// A municipality's school calendar settings; no row means the defaults.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "school_calendar")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub municipality_id: i64,
    pub first_school_week: Option<i32>,
    /// `MM-DD`, used when no week is set.
    pub first_school_day: Option<String>,
    pub last_visit_day: String,
    pub autumn_week: Option<i32>,
    pub christmas_from: String,
    pub christmas_to: String,
    pub winter_week: Option<i32>,
    pub easter: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
