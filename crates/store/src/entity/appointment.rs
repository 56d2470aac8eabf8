use sea_orm::entity::prelude::*;

/// A citizen's appointment with one staff member.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub service_id: i64,
    pub staff_id: i64,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// The start while booked, NULL once cancelled: unique per staff member.
    pub slot_key: Option<String>,
    /// `samvirke_domain::appointments::AppointmentStatus`.
    pub status: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub topic: Option<String>,
    /// The answers to the service's questions, one a line.
    pub answers: Option<String>,
    pub language: String,
    /// SHA-256 of the token the booking answered with.
    pub cancel_token_hash: String,
    /// SHA-256 of the secret in the confirmation e-mail's link.
    pub email_token_hash: Option<String>,
    pub booked_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
    pub marked_at: Option<DateTimeUtc>,
    pub reminder_sent_at: Option<DateTimeUtc>,
    pub personal_deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
