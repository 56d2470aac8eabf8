//! E-mail text: the service's notices rendered from the language files
//! (`locales/*/notice.ftl`) in the reader's language, with links from the
//! one [`Links`] value that knows the public address and the paths.

use crate::i18n::{Lang, Loc};
use chrono::{DateTime, Utc};
use samvirke_service::Core;
use samvirke_service::mail::LINK_SECRET;
use samvirke_service::notice::{Notice, NoticeText, Place, RenderedMail, Standing};
use std::sync::Arc;

/// The addresses e-mails link to: the public URL and the paths under it.
#[derive(Debug, Clone)]
pub struct Links {
    base: Arc<str>,
}

impl Links {
    pub fn new(public_url: &str) -> Self {
        Links {
            base: Arc::from(public_url.trim_end_matches('/')),
        }
    }

    /// A session's public page.
    pub fn session(&self, id: i64) -> String {
        format!("{}/arrangementer/{id}", self.base)
    }

    /// A cancel link whose secret the mail worker fills in when it sends.
    pub fn cancel(&self) -> String {
        format!("{}/afmeld/{LINK_SECRET}", self.base)
    }

    /// A set-password link with its secret.
    pub fn set_password(&self, token: &str) -> String {
        format!("{}/adgangskode/{token}", self.base)
    }

    /// An appointment's cancel (and move) link; the mail worker fills in the secret.
    pub fn appointment_cancel(&self) -> String {
        format!("{}/bestil-tid/afmeld/{LINK_SECRET}", self.base)
    }

    /// The link to a person's own data; the mail worker fills in the secret.
    pub fn own_data(&self) -> String {
        format!("{}/mine-data/{LINK_SECRET}", self.base)
    }

    /// A feedback link; the mail worker fills in the secret.
    pub fn feedback(&self) -> String {
        format!("{}/tilbagemelding/{LINK_SECRET}", self.base)
    }

    pub fn login(&self) -> String {
        format!("{}/login", self.base)
    }
}

/// Renders notices from the Fluent files.
pub struct FluentNotices {
    links: Links,
}

impl FluentNotices {
    pub fn new(links: Links) -> Self {
        FluentNotices { links }
    }

    /// The text, or the key of the first message missing from the files.
    pub fn try_render(&self, notice: &Notice, lang: Lang) -> Result<RenderedMail, String> {
        let loc = Loc::new(lang);
        let text = |key: &str, args: &[(&'static str, String)]| {
            loc.try_tn(key, args)
                .ok_or_else(|| format!("{lang:?} {key}"))
        };
        let when = |from: DateTime<Utc>, to: DateTime<Utc>| {
            text(
                "notice-when",
                &[
                    ("date", loc.long_date(from)),
                    ("time", loc.time_span(from, to)),
                ],
            )
        };
        let place = |p: &Option<Place>| match p {
            Some(p) => text(
                "notice-place",
                &[("name", p.name.clone()), ("address", p.address.clone())],
            ),
            None => text("notice-no-place", &[]),
        };
        let (kind, args): (&str, Vec<(&'static str, String)>) = match notice {
            Notice::Confirmed { name, session, .. } => (
                "confirmed",
                vec![
                    ("name", name.clone()),
                    ("title", session.title.clone()),
                    ("when", when(session.starts_at, session.ends_at)?),
                    ("place", place(&session.place)?),
                    ("cancel", self.links.cancel()),
                ],
            ),
            Notice::Waitlisted {
                name,
                session,
                position,
                ..
            } => (
                "waitlisted",
                vec![
                    ("name", name.clone()),
                    ("title", session.title.clone()),
                    ("when", when(session.starts_at, session.ends_at)?),
                    ("position", position.to_string()),
                    ("cancel", self.links.cancel()),
                ],
            ),
            Notice::Promoted { name, session }
            | Notice::Reminder { name, session }
            | Notice::SessionCancelled { name, session } => (
                match notice {
                    Notice::Promoted { .. } => "promoted",
                    Notice::Reminder { .. } => "reminder",
                    _ => "cancelled",
                },
                vec![
                    ("name", name.clone()),
                    ("title", session.title.clone()),
                    ("when", when(session.starts_at, session.ends_at)?),
                    ("place", place(&session.place)?),
                ],
            ),
            Notice::SessionChanged {
                name,
                session,
                before_starts_at,
                before_ends_at,
                before_place,
                standing,
            } => (
                "changed",
                vec![
                    ("name", name.clone()),
                    ("title", session.title.clone()),
                    ("when", when(session.starts_at, session.ends_at)?),
                    ("place", place(&session.place)?),
                    ("old-when", when(*before_starts_at, *before_ends_at)?),
                    ("old-place", place(before_place)?),
                    (
                        "standing",
                        match standing {
                            Standing::Seat => "seat",
                            Standing::Waiting => "waiting",
                        }
                        .into(),
                    ),
                ],
            ),
            Notice::StaffCreated { name, org, email } => (
                "staff-created",
                vec![
                    ("name", name.clone()),
                    ("org", org.clone()),
                    ("email", email.clone()),
                    ("login", self.links.login()),
                ],
            ),
            Notice::TurningFifteen {
                pupil,
                birthday,
                citizen_service,
            } => (
                "turning-15",
                vec![
                    ("pupil", pupil.clone()),
                    ("birthday", loc.long_date(noon(*birthday))),
                    ("citizen", citizen_service.clone()),
                ],
            ),
            Notice::AppointmentBooked { name, appointment }
            | Notice::AppointmentReminder { name, appointment } => (
                match notice {
                    Notice::AppointmentBooked { .. } => "appointment-booked",
                    _ => "appointment-reminder",
                },
                vec![
                    ("name", name.clone()),
                    ("title", appointment.title.clone()),
                    ("org", appointment.organisation.clone()),
                    ("when", when(appointment.starts_at, appointment.ends_at)?),
                    ("place", place(&appointment.place)?),
                    ("cancel", self.links.appointment_cancel()),
                ],
            ),
            Notice::OwnDataLink { valid_hours, .. } => (
                "own-data-link",
                vec![
                    ("link", self.links.own_data()),
                    ("hours", valid_hours.to_string()),
                ],
            ),
            Notice::Feedback { name, session, .. } => (
                "feedback",
                vec![
                    ("name", name.clone()),
                    ("title", session.title.clone()),
                    ("date", loc.long_date(session.starts_at)),
                    ("link", self.links.feedback()),
                ],
            ),
        };
        let mut body = text(&format!("notice-{kind}-body"), &args)?;
        if !body.ends_with('\n') {
            body.push('\n');
        }
        Ok(RenderedMail {
            subject: text(&format!("notice-{kind}-subject"), &args)?,
            body,
        })
    }
}

/// A day as a time for the date formats: noon in Copenhagen, which is the
/// same day in any season.
fn noon(day: chrono::NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    chrono_tz::Europe::Copenhagen
        .from_local_datetime(&day.and_hms_opt(12, 0, 0).unwrap_or_default())
        .single()
        .map_or_else(
            || day.and_time(chrono::NaiveTime::MIN).and_utc(),
            |t| t.with_timezone(&Utc),
        )
}

impl NoticeText for FluentNotices {
    fn render(&self, notice: &Notice, lang: Lang) -> RenderedMail {
        self.try_render(notice, lang).unwrap_or_else(|missing| {
            // The test over every notice keeps this from happening; Danish is the fallback file.
            tracing::error!(missing, "an e-mail text is missing");
            self.try_render(notice, Lang::Da)
                .unwrap_or_else(|_| RenderedMail {
                    subject: String::new(),
                    body: String::new(),
                })
        })
    }

    fn session_url(&self, session_id: i64) -> String {
        self.links.session(session_id)
    }
}

/// The languages a citizen's e-mails can be in, for staff to choose on a
/// phone sign-up.
pub fn language_choices(loc: Loc, chosen: Lang) -> Vec<crate::pages::events::Choice> {
    Lang::ALL
        .into_iter()
        .map(|l| crate::pages::events::Choice {
            value: l.code().into(),
            label: loc.t(&format!("field-mail-language-{}", l.code())),
            checked: l == chosen,
        })
        .collect()
}

/// Gives `core` the e-mail texts, with links under its public URL. Every
/// Core that may queue an e-mail needs this (the app, the worker, tests).
pub fn install(core: Core) -> Core {
    let links = Links::new(&core.public_url);
    core.with_notice_text(Arc::new(FluentNotices::new(links)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_renders_in_both_languages() {
        let notices = FluentNotices::new(Links::new("https://samvirke.example/"));
        for lang in Lang::ALL {
            for n in Notice::examples() {
                let mail = notices
                    .try_render(&n, lang)
                    .unwrap_or_else(|missing| panic!("missing {missing}"));
                assert!(!mail.subject.is_empty(), "{lang:?} {n:?}");
                let body = mail.body.replace(LINK_SECRET, "");
                // An argument the text names but the notice lacks shows as `{$x}`.
                assert!(!body.contains('{') && !mail.subject.contains('{'), "{body}");
                if let Notice::OwnDataLink { .. } = n {
                    // Sent to an address, whose owner it does not name.
                    assert!(
                        mail.body
                            .contains(&format!("https://samvirke.example/mine-data/{LINK_SECRET}"))
                    );
                } else {
                    assert!(body.contains("Ida"), "{body}");
                }
                // English is not Danish fallen back to, nor the other way round.
                let other = if lang == Lang::Da { "Hello" } else { "Hej" };
                assert!(!body.contains(other), "{lang:?} {body}");
                if let Notice::Confirmed { .. } | Notice::Waitlisted { .. } = n {
                    assert!(
                        mail.body
                            .contains(&format!("https://samvirke.example/afmeld/{LINK_SECRET}"))
                    );
                }
            }
        }
    }

    #[test]
    fn times_and_places_read_as_in_a_letter() {
        let notices = FluentNotices::new(Links::new("https://samvirke.example"));
        let n = &Notice::examples()[0];
        let da = notices.try_render(n, Lang::Da).unwrap();
        assert_eq!(da.subject, "Du er tilmeldt: Kaffe og kryds");
        assert!(
            da.body.contains(
                "Hvornår: tirsdag 8. december kl. 14.00–16.00\nHvor: Biblioteket, Kirkevej 1\n"
            ),
            "{}",
            da.body
        );
        let en = notices.try_render(n, Lang::En).unwrap();
        assert_eq!(en.subject, "You are signed up: Kaffe og kryds");
        assert!(
            en.body.contains(
                "When: Tuesday 8 December, 14:00–16:00\nWhere: Biblioteket, Kirkevej 1\n"
            ),
            "{}",
            en.body
        );
    }
}
