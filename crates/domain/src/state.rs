//! The states a record can be in, as types. `store` keeps them as the
//! strings of [`as_str`](RegistrationStatus::as_str) (so no data migrates)
//! and turns them back with `parse`; nothing else compares the strings.

/// Where a sign-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistrationStatus {
    /// Has a seat.
    Confirmed,
    /// On the waiting list.
    Waitlisted,
    Cancelled,
}

/// How a person came to be on a session's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// Signed up themselves, on the web or through the API.
    Online,
    /// Entered by staff, who took the call.
    Phone,
    /// Turned up without signing up.
    WalkIn,
}

/// Check-in on the day; `None` (no value) until someone marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attendance {
    Attended,
    NoShow,
}

/// Why a request clashes with the state of things. The API answers with
/// [`as_str`](Conflict::as_str) as its error code, so the codes never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conflict {
    /// The person is already signed up for the session.
    AlreadyRegistered,
    /// Sign-up is not open (not yet, no more, or the session was cancelled meanwhile).
    RegistrationNotOpen,
    SessionCancelled,
    SessionStarted,
    /// No seat is free.
    Full,
    /// The staff member is deactivated.
    StaffInactive,
    /// Nobody who gives the service is free at that time any more.
    SlotTaken,
    /// The appointment's cancellation deadline has passed.
    CancelDeadlinePassed,
    /// A quiz player answered this question already: the first answer counts.
    AlreadyAnswered,
    /// The quiz has moved on from this question (or not reached it yet).
    QuestionNotCurrent,
    /// The quiz run is over.
    QuizFinished,
    /// Someone else changed it since it was read (an idea's status).
    ChangedMeanwhile,
}

/// Where an outgoing e-mail is: queued, being sent by a worker, sent, or
/// given up after its last try.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    Pending,
    Sending,
    Sent,
    Failed,
}

/// `as_str` and `parse` from one table, so the two cannot drift apart.
macro_rules! string_states {
    ($($ty:ident { $($variant:ident => $s:literal),+ $(,)? })+) => {$(
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $s),+
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )+};
}

string_states! {
    RegistrationStatus {
        Confirmed => "confirmed",
        Waitlisted => "waitlisted",
        Cancelled => "cancelled",
    }
    Channel {
        Online => "online",
        Phone => "phone",
        WalkIn => "walk_in",
    }
    Attendance {
        Attended => "attended",
        NoShow => "no_show",
    }
    Delivery {
        Pending => "pending",
        Sending => "sending",
        Sent => "sent",
        Failed => "failed",
    }
    Conflict {
        AlreadyRegistered => "already_registered",
        RegistrationNotOpen => "registration_not_open",
        SessionCancelled => "session_cancelled",
        SessionStarted => "session_started",
        Full => "full",
        StaffInactive => "staff_inactive",
        SlotTaken => "slot_taken",
        CancelDeadlinePassed => "cancel_deadline_passed",
        AlreadyAnswered => "already_answered",
        QuestionNotCurrent => "question_not_current",
        QuizFinished => "quiz_finished",
        ChangedMeanwhile => "changed_meanwhile",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PartnerLevel, Role};

    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        let mut seen = std::collections::HashSet::new();
        for &v in all {
            assert_eq!(parse(as_str(v)), Some(v));
            assert!(seen.insert(as_str(v)), "{v:?} shares its string");
        }
        assert_eq!(parse(""), None);
        assert_eq!(parse("Confirmed"), None, "the strings are exact");
    }

    #[test]
    fn every_state_round_trips_through_its_string() {
        round_trips(
            RegistrationStatus::ALL,
            RegistrationStatus::as_str,
            RegistrationStatus::parse,
        );
        round_trips(Channel::ALL, Channel::as_str, Channel::parse);
        round_trips(Attendance::ALL, Attendance::as_str, Attendance::parse);
        round_trips(Conflict::ALL, Conflict::as_str, Conflict::parse);
        round_trips(Delivery::ALL, Delivery::as_str, Delivery::parse);
        round_trips(
            &PartnerLevel::ALL,
            PartnerLevel::as_str,
            PartnerLevel::parse,
        );
        round_trips(&Role::ALL, Role::as_str, Role::parse);
    }

    #[test]
    fn stored_strings_are_those_in_the_database() {
        // Rows written before these types existed hold exactly these.
        assert_eq!(RegistrationStatus::Confirmed.as_str(), "confirmed");
        assert_eq!(RegistrationStatus::Waitlisted.as_str(), "waitlisted");
        assert_eq!(RegistrationStatus::Cancelled.as_str(), "cancelled");
        assert_eq!(Channel::Online.as_str(), "online");
        assert_eq!(Channel::Phone.as_str(), "phone");
        assert_eq!(Channel::WalkIn.as_str(), "walk_in");
        assert_eq!(Attendance::Attended.as_str(), "attended");
        assert_eq!(Attendance::NoShow.as_str(), "no_show");
        assert_eq!(PartnerLevel::View.as_str(), "view");
        assert_eq!(PartnerLevel::Run.as_str(), "run");
    }

    #[test]
    fn conflict_codes_are_the_apis() {
        let codes: Vec<&str> = Conflict::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            codes,
            [
                "already_registered",
                "registration_not_open",
                "session_cancelled",
                "session_started",
                "full",
                "staff_inactive",
                "slot_taken",
                "cancel_deadline_passed",
                "already_answered",
                "question_not_current",
                "quiz_finished",
                "changed_meanwhile"
            ]
        );
    }
}
