use samvirke_domain::{Attendance, Channel, RegistrationStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub session_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Lower-cased e-mail or normalised phone: one sign-up per person and session.
    pub contact_key: Option<String>,
    /// Comma-separated: `hearing_loop`, `wheelchair`.
    pub needs: String,
    pub needs_other: Option<String>,
    /// `confirmed`, `waitlisted` or `cancelled`.
    pub status: String,
    /// Place in the order of the waiting list (1, 2, …), kept after promotion.
    pub waitlist_seq: Option<i32>,
    /// SHA-256 of the cancel link token.
    #[sea_orm(unique)]
    pub cancel_token_hash: String,
    /// SHA-256 of the cancel secret in the e-mail, made when the e-mail was sent.
    #[sea_orm(unique)]
    pub email_token_hash: Option<String>,
    /// `online`, `phone` (entered by staff) or `walk_in`.
    pub channel: String,
    /// `attended` or `no_show`; empty until check-in.
    pub attendance: Option<String>,
    /// `da` or `en`: the language of the e-mails to this person.
    pub language: String,
    pub created_at: DateTimeUtc,
    pub promoted_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The stored strings as types. A string no version ever wrote reads as
/// the harmless state: cancelled, online, not checked in.
impl Model {
    pub fn status(&self) -> RegistrationStatus {
        RegistrationStatus::parse(&self.status).unwrap_or(RegistrationStatus::Cancelled)
    }

    pub fn channel(&self) -> Channel {
        Channel::parse(&self.channel).unwrap_or(Channel::Online)
    }

    pub fn attendance(&self) -> Option<Attendance> {
        self.attendance.as_deref().and_then(Attendance::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: &str, channel: &str, attendance: Option<&str>) -> Model {
        Model {
            id: 1,
            municipality_id: 1,
            session_id: 1,
            name: String::new(),
            email: None,
            phone: None,
            contact_key: None,
            needs: String::new(),
            needs_other: None,
            status: status.into(),
            waitlist_seq: None,
            cancel_token_hash: String::new(),
            email_token_hash: None,
            channel: channel.into(),
            attendance: attendance.map(str::to_string),
            language: "da".into(),
            created_at: chrono::DateTime::UNIX_EPOCH,
            promoted_at: None,
            cancelled_at: None,
        }
    }

    #[test]
    fn stored_strings_read_as_their_states() {
        let r = row("waitlisted", "walk_in", Some("no_show"));
        assert_eq!(r.status(), RegistrationStatus::Waitlisted);
        assert_eq!(r.channel(), Channel::WalkIn);
        assert_eq!(r.attendance(), Some(Attendance::NoShow));
        for s in RegistrationStatus::ALL {
            assert_eq!(row(s.as_str(), "online", None).status(), *s);
        }
    }

    #[test]
    fn an_unknown_string_reads_as_the_harmless_state() {
        let r = row("maybe", "pigeon", Some("late"));
        assert_eq!(r.status(), RegistrationStatus::Cancelled);
        assert_eq!(r.channel(), Channel::Online);
        assert_eq!(r.attendance(), None);
    }
}
