//! Sign-up rules: when registration is open, who counts as the same person,
//! and which needs a participant can state.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// Whether people can sign up right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Registration {
    NotYetOpen,
    Open,
    Closed,
}

impl Registration {
    pub fn as_str(self) -> &'static str {
        match self {
            Registration::NotYetOpen => "not_yet_open",
            Registration::Open => "open",
            Registration::Closed => "closed",
        }
    }
}

/// Open from `opens` until `closes` (and never after the start or once cancelled).
pub fn registration_state(
    now: DateTime<Utc>,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
    starts: DateTime<Utc>,
    cancelled: bool,
) -> Registration {
    if cancelled || now >= closes || now >= starts {
        Registration::Closed
    } else if now < opens {
        Registration::NotYetOpen
    } else {
        Registration::Open
    }
}

/// What identifies a person within one session: the e-mail, else the phone.
/// People with neither cannot be told apart, so they get no key.
pub fn contact_key(email: Option<&str>, phone: Option<&str>) -> Option<String> {
    email
        .map(|e| format!("e:{}", e.to_lowercase()))
        .or_else(|| phone.map(|p| format!("p:{p}")))
}

/// Needs a participant can tick, so staff can prepare the room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    HearingLoop,
    Wheelchair,
}

impl Need {
    pub const ALL: [Need; 2] = [Need::HearingLoop, Need::Wheelchair];

    pub fn as_str(self) -> &'static str {
        match self {
            Need::HearingLoop => "hearing_loop",
            Need::Wheelchair => "wheelchair",
        }
    }

    pub fn parse(s: &str) -> Option<Need> {
        Self::ALL.into_iter().find(|n| n.as_str() == s)
    }

    pub fn parse_list(s: &str) -> Vec<Need> {
        s.split(',').filter_map(|p| Need::parse(p.trim())).collect()
    }

    pub fn join_list(needs: &[Need]) -> String {
        Self::ALL
            .into_iter()
            .filter(|n| needs.contains(n))
            .map(Need::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn registration_window() {
        let t = DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let (opens, closes, starts) = (t, t + Duration::days(5), t + Duration::days(6));
        assert_eq!(
            registration_state(t - Duration::seconds(1), opens, closes, starts, false),
            Registration::NotYetOpen
        );
        assert_eq!(
            registration_state(t, opens, closes, starts, false),
            Registration::Open
        );
        assert_eq!(
            registration_state(closes, opens, closes, starts, false),
            Registration::Closed
        );
        assert_eq!(
            registration_state(t, opens, closes, starts, true),
            Registration::Closed
        );
        // A close time after the start still closes at the start.
        assert_eq!(
            registration_state(starts, opens, starts + Duration::days(1), starts, false),
            Registration::Closed
        );
    }

    #[test]
    fn same_person_by_email_then_phone() {
        assert_eq!(
            contact_key(Some("Ida@X.dk"), Some("+4511223344")).as_deref(),
            Some("e:ida@x.dk")
        );
        assert_eq!(
            contact_key(None, Some("+4511223344")).as_deref(),
            Some("p:+4511223344")
        );
        assert_eq!(contact_key(None, None), None);
    }

    #[test]
    fn needs_round_trip_in_a_fixed_order() {
        assert_eq!(
            Need::join_list(&[Need::Wheelchair, Need::HearingLoop]),
            "hearing_loop,wheelchair"
        );
        assert_eq!(Need::parse_list("wheelchair,bogus"), vec![Need::Wheelchair]);
    }
}
