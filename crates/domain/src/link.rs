//! Secrets carried in links (a cancel link, a set-password link).
//!
//! A secret that goes out by e-mail is made when the e-mail is sent, so it
//! exists in plaintext only in the message; the queued message names which
//! secret it needs.

/// The secret a queued e-mail needs, and what it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkSecret {
    /// The cancel link of a registration (its id).
    CancelRegistration(i64),
    /// A one-time set-password link for a staff member (the link's id).
    SetPassword(i64),
    /// The cancel link of an appointment (its id).
    CancelAppointment(i64),
    /// The link to a person's own data (the request's id).
    OwnData(i64),
    /// The feedback link after a session (the invitation's id).
    Feedback(i64),
}

impl LinkSecret {
    pub fn kind(self) -> &'static str {
        match self {
            LinkSecret::CancelRegistration(_) => "cancel_registration",
            LinkSecret::SetPassword(_) => "set_password",
            LinkSecret::CancelAppointment(_) => "cancel_appointment",
            LinkSecret::OwnData(_) => "own_data",
            LinkSecret::Feedback(_) => "feedback",
        }
    }

    /// The id of the record the secret opens.
    pub fn target(self) -> i64 {
        match self {
            LinkSecret::CancelRegistration(id)
            | LinkSecret::SetPassword(id)
            | LinkSecret::CancelAppointment(id)
            | LinkSecret::OwnData(id) => id,
            LinkSecret::Feedback(id) => id,
        }
    }

    pub fn parse(kind: &str, target: i64) -> Option<LinkSecret> {
        match kind {
            "cancel_registration" => Some(LinkSecret::CancelRegistration(target)),
            "set_password" => Some(LinkSecret::SetPassword(target)),
            "cancel_appointment" => Some(LinkSecret::CancelAppointment(target)),
            "own_data" => Some(LinkSecret::OwnData(target)),
            "feedback" => Some(LinkSecret::Feedback(target)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for s in [
            LinkSecret::CancelRegistration(7),
            LinkSecret::SetPassword(3),
            LinkSecret::CancelAppointment(5),
            LinkSecret::OwnData(9),
            LinkSecret::Feedback(9),
        ] {
            assert_eq!(LinkSecret::parse(s.kind(), s.target()), Some(s));
        }
        assert_eq!(LinkSecret::parse("other", 1), None);
    }
}
