use samvirke_domain::referrals::ReferralStatus;
use sea_orm::entity::prelude::*;

/// A citizen handed over from one organisation to another, with consent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "referral")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub from_org: i64,
    pub to_org: i64,
    pub status: String,
    /// The personal data: None once deleted by retention.
    pub need: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub consent_at: DateTimeUtc,
    pub consent_by: i64,
    pub created_at: DateTimeUtc,
    pub status_at: DateTimeUtc,
    pub forgotten_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn status(&self) -> ReferralStatus {
        self.status.parse().unwrap_or(ReferralStatus::New)
    }
}
