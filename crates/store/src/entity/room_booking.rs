use samvirke_domain::rooms::{BookingStatus, Visibility};
use sea_orm::entity::prelude::*;

/// One booking of a room (one week of a series).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "room_booking")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub room_id: i64,
    pub organisation_id: i64,
    pub booked_by: i64,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// None once a discreet booking's meeting is over.
    pub title: Option<String>,
    pub visibility: String,
    pub status: String,
    pub series_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// An unknown stored string is read as the most private visibility.
    pub fn visibility(&self) -> Visibility {
        self.visibility.parse().unwrap_or(Visibility::Discreet)
    }

    /// An unknown stored string is read as cancelled: it blocks nothing.
    pub fn status(&self) -> BookingStatus {
        self.status.parse().unwrap_or(BookingStatus::Cancelled)
    }
}
