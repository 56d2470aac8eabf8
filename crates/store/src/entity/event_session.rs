use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub programme_id: i64,
    pub organisation_id: i64,
    pub site_id: i64,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub capacity: i32,
    /// Confirmed seats; changed only by conditional updates.
    pub taken: i32,
    /// How many have ever joined the waiting list.
    pub waitlist_seq: i32,
    /// How many have left the waiting list (promoted or cancelled).
    pub waitlist_left: i32,
    pub signup_opens_at: DateTimeUtc,
    pub signup_closes_at: DateTimeUtc,
    /// Open to the public, or closed (e.g. a class).
    pub public: bool,
    pub cancelled_at: Option<DateTimeUtc>,
    pub reminder_sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
