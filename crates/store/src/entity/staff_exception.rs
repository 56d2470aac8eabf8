use sea_orm::entity::prelude::*;

/// An exception to a staff member's weekly hours.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_exception")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub staff_id: i64,
    /// `samvirke_domain::availability::ExceptionKind`.
    pub kind: String,
    pub first_day: Date,
    pub last_day: Date,
    /// `HH:MM`, for a part of a day (`off`, `extra`).
    pub start_time: Option<String>,
    pub end_time: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
