//! What the service tells people by e-mail, as data. A use case builds a
//! [`Notice`]; the [`NoticeText`] the `Core` holds (the web layer's, which
//! knows the language files and the addresses) turns it into a subject and
//! a body in the reader's language, in the transaction that queues it, so
//! the outbox holds finished text.

use chrono::{DateTime, Utc};
use samvirke_domain::{Language, LinkSecret};

/// Where a session is held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub address: String,
}

/// The facts of a session an e-mail names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFacts {
    pub id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<Place>,
}

/// The facts of an appointment an e-mail names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentFacts {
    pub id: i64,
    pub title: String,
    pub organisation: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<Place>,
}

/// Where a person stands after their session was moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Seat,
    Waiting,
}

/// One e-mail's content, without a sentence of its own: names, titles,
/// times, places and which links it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A seat at sign-up; carries a cancel link for the registration.
    Confirmed {
        name: String,
        session: SessionFacts,
        registration: i64,
    },
    /// On the waiting list at sign-up, as number `position`; carries a cancel link.
    Waitlisted {
        name: String,
        session: SessionFacts,
        registration: i64,
        position: u64,
    },
    /// A seat freed up (a cancellation or more seats) and is theirs now.
    Promoted { name: String, session: SessionFacts },
    /// The session is soon.
    Reminder { name: String, session: SessionFacts },
    /// The whole session is cancelled.
    SessionCancelled { name: String, session: SessionFacts },
    /// A new time or place; `session` as it is now.
    SessionChanged {
        name: String,
        session: SessionFacts,
        before_starts_at: DateTime<Utc>,
        before_ends_at: DateTime<Utc>,
        before_place: Option<Place>,
        standing: Standing,
    },
    /// A new staff member; never carries the password.
    StaffCreated {
        name: String,
        org: String,
        email: String,
    },
    /// To a parent who gave an e-mail with consent on the visit day: their
    /// child (by first name) turns 15 on `birthday`; what happens then.
    TurningFifteen {
        pupil: String,
        birthday: chrono::NaiveDate,
        citizen_service: String,
    },
    /// An appointment booked (or moved); carries its cancel link and a calendar entry.
    AppointmentBooked {
        name: String,
        appointment: AppointmentFacts,
    },
    /// The appointment is tomorrow.
    AppointmentReminder {
        name: String,
        appointment: AppointmentFacts,
    },
    /// The link to what Samvirke holds about the e-mail it is sent to
    /// (the request's id), valid for `valid_hours`.
    OwnDataLink { request: i64, valid_hours: i64 },
    /// Thanks for coming, the day after; carries a one-time feedback link.
    Feedback {
        name: String,
        session: SessionFacts,
        invite: i64,
    },
}

impl Notice {
    /// The secret the mail worker makes when it sends the message and puts
    /// in place of [`crate::mail::LINK_SECRET`].
    pub fn link_secret(&self) -> Option<LinkSecret> {
        match self {
            Notice::Confirmed { registration, .. } | Notice::Waitlisted { registration, .. } => {
                Some(LinkSecret::CancelRegistration(*registration))
            }
            Notice::AppointmentBooked { appointment, .. } => {
                Some(LinkSecret::CancelAppointment(appointment.id))
            }
            Notice::OwnDataLink { request, .. } => Some(LinkSecret::OwnData(*request)),
            Notice::Feedback { invite, .. } => Some(LinkSecret::Feedback(*invite)),
            _ => None,
        }
    }

    /// One of each kind, for tests that every kind has its text.
    pub fn examples() -> Vec<Notice> {
        let at = DateTime::parse_from_rfc3339("2026-12-08T13:00:00Z")
            .expect("a valid time")
            .with_timezone(&Utc);
        let session = SessionFacts {
            id: 1,
            title: "Kaffe og kryds".into(),
            starts_at: at,
            ends_at: at + chrono::Duration::hours(2),
            place: Some(Place {
                name: "Biblioteket".into(),
                address: "Kirkevej 1".into(),
            }),
        };
        let name = || "Ida".to_string();
        let session_again = session.clone();
        let appointment = || AppointmentFacts {
            id: 1,
            title: "Digital Post".into(),
            organisation: "Biblioteket".into(),
            starts_at: at,
            ends_at: at + chrono::Duration::minutes(30),
            place: None,
        };
        vec![
            Notice::Confirmed {
                name: name(),
                session: session.clone(),
                registration: 1,
            },
            Notice::Waitlisted {
                name: name(),
                session: session.clone(),
                registration: 1,
                position: 2,
            },
            Notice::Promoted {
                name: name(),
                session: session.clone(),
            },
            Notice::Reminder {
                name: name(),
                session: session.clone(),
            },
            Notice::SessionCancelled {
                name: name(),
                session: session.clone(),
            },
            Notice::SessionChanged {
                name: name(),
                session: session.clone(),
                before_starts_at: at - chrono::Duration::days(1),
                before_ends_at: at - chrono::Duration::hours(22),
                before_place: None,
                standing: Standing::Seat,
            },
            Notice::SessionChanged {
                name: name(),
                session,
                before_starts_at: at,
                before_ends_at: at + chrono::Duration::hours(1),
                before_place: None,
                standing: Standing::Waiting,
            },
            Notice::StaffCreated {
                name: name(),
                org: "Biblioteket".into(),
                email: "ida@example.dk".into(),
            },
            Notice::TurningFifteen {
                pupil: name(),
                birthday: chrono::NaiveDate::from_ymd_opt(2026, 12, 8).expect("a valid date"),
                citizen_service: "Borgercentret".into(),
            },
            Notice::AppointmentBooked {
                name: name(),
                appointment: appointment(),
            },
            Notice::AppointmentReminder {
                name: name(),
                appointment: appointment(),
            },
            Notice::OwnDataLink {
                request: 1,
                valid_hours: 24,
            },
            Notice::Feedback {
                name: name(),
                session: session_again,
                invite: 1,
            },
        ]
    }
}

/// An e-mail's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub body: String,
}

/// Turns notices into text and knows the addresses links point at; the
/// web layer implements it, as only it knows the language files and paths.
pub trait NoticeText: Send + Sync {
    /// The subject and body of `notice` in `lang`. A cancel link holds
    /// [`crate::mail::LINK_SECRET`] for the worker to fill in.
    fn render(&self, notice: &Notice, lang: Language) -> RenderedMail;
    /// The public page of a session (the URL in calendar entries).
    fn session_url(&self, session_id: i64) -> String;
}

/// To whom, in what language, and with what calendar entry.
pub(crate) struct Envelope<'a> {
    /// The organisation the e-mail is sent in the name of.
    pub org: samvirke_domain::OrgId,
    pub to: &'a str,
    pub lang: Language,
    pub ics: Option<&'a str>,
}

/// Renders `notice` and queues it in the caller's transaction, with the
/// link secret it carries for the worker to make at delivery.
pub(crate) async fn queue(
    db: &impl sea_orm::ConnectionTrait,
    core: &crate::Core,
    scope: samvirke_store::Scope,
    envelope: Envelope<'_>,
    notice: &Notice,
    now: DateTime<Utc>,
) -> crate::error::Result<()> {
    let mail = core.notice_text()?.render(notice, envelope.lang);
    samvirke_store::outbox::enqueue(
        db,
        scope,
        samvirke_store::outbox::NewMessage {
            org: envelope.org,
            recipient: envelope.to,
            subject: &mail.subject,
            body: &mail.body,
            ics: envelope.ics,
            secret: notice.link_secret(),
        },
        now,
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_examples_hold_every_kind_of_notice() {
        // A new kind fails to compile here until it has an example.
        let kind = |n: &Notice| match n {
            Notice::Confirmed { .. } => 0,
            Notice::Waitlisted { .. } => 1,
            Notice::Promoted { .. } => 2,
            Notice::Reminder { .. } => 3,
            Notice::SessionCancelled { .. } => 4,
            Notice::SessionChanged { .. } => 5,
            Notice::StaffCreated { .. } => 6,
            Notice::TurningFifteen { .. } => 7,
            Notice::AppointmentBooked { .. } => 8,
            Notice::AppointmentReminder { .. } => 9,
            Notice::OwnDataLink { .. } => 10,
            Notice::Feedback { .. } => 11,
        };
        let mut seen: Vec<usize> = Notice::examples().iter().map(kind).collect();
        seen.dedup();
        assert_eq!(seen, (0..=11).collect::<Vec<_>>());
    }

    #[test]
    fn only_sign_up_booking_own_data_and_feedback_notices_carry_a_link_secret() {
        for n in Notice::examples() {
            let carries = matches!(
                n,
                Notice::Confirmed { .. }
                    | Notice::Waitlisted { .. }
                    | Notice::AppointmentBooked { .. }
                    | Notice::OwnDataLink { .. }
                    | Notice::Feedback { .. }
            );
            assert_eq!(n.link_secret().is_some(), carries, "{n:?}");
        }
    }
}
