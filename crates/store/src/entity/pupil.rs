use samvirke_domain::Attendance;
use samvirke_domain::pupil::MitIdStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pupil")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub class_id: i64,
    pub name: String,
    pub birth_date: Date,
    /// `unknown`, `has`, `wants_at_visit`, `not_now` (`domain::pupil::MitIdStatus`).
    pub mitid: String,
    /// `attended` or `no_show` on the visit day; none before it.
    pub attendance: Option<String>,
    pub mitid_created: bool,
    pub created_at: DateTimeUtc,
    /// Asked questions on the visit day.
    pub asked_questions: bool,
    /// A parent's e-mail, kept only with the parent's consent recorded.
    pub parent_email: Option<String>,
    pub parent_consent_at: Option<DateTimeUtc>,
    /// The staff member who recorded the consent.
    pub parent_consent_by: Option<i64>,
    /// When the message to the parent before the 15th birthday was queued.
    pub fifteen_notice_sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The visit day's check-in as a type; a string no version wrote reads as none.
    pub fn attendance(&self) -> Option<Attendance> {
        self.attendance.as_deref().and_then(Attendance::parse)
    }

    /// The MitID status as a type; a string no version wrote reads as unknown.
    pub fn mitid_status(&self) -> MitIdStatus {
        self.mitid.parse().unwrap_or_default()
    }
}
