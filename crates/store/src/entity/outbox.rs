use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub organisation_id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// An iCalendar attachment (`.ics`), when the message has one.
    pub ics: Option<String>,
    /// The link secret the worker makes when it sends the message (see
    /// `LinkSecret`); the body holds a placeholder for it, never the secret.
    pub secret_kind: Option<String>,
    pub secret_ref: Option<i64>,
    /// `pending`, `sending`, `sent` or `failed` (gave up).
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A worker that claims a message owns it until then.
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// An unknown stored state reads as pending: the worker tries it again.
    pub fn delivery(&self) -> samvirke_domain::Delivery {
        samvirke_domain::Delivery::parse(&self.state).unwrap_or(samvirke_domain::Delivery::Pending)
    }
}
