use sea_orm::entity::prelude::*;

/// A service citizens book appointments of.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointment_service")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub organisation_id: i64,
    pub site_id: Option<i64>,
    pub title: String,
    pub minutes: i32,
    pub buffer_minutes: i32,
    pub notice_hours: i32,
    pub horizon_days: i32,
    pub cancel_hours: i32,
    /// One question a line.
    pub questions: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
