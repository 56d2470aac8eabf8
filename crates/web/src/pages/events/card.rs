//! A session as a card, and a choice in a form.

use super::*;

/// A session as a line in a list or the head of its page.
pub struct Card {
    pub id: i64,
    pub title: String,
    pub day: String,
    pub time: String,
    pub place: String,
    pub address: String,
    pub availability: String,
    pub open: bool,
    pub full: bool,
    pub cancelled: bool,
}

pub fn card(loc: Loc, v: &SessionView) -> Card {
    let s = &v.session;
    let full = v.seats_left == 0;
    let availability = match v.registration {
        _ if s.cancelled_at.is_some() => loc.t("event-cancelled"),
        Registration::NotYetOpen => loc.t1("event-opens", "date", &loc.day(s.signup_opens_at)),
        Registration::Closed => loc.t("event-closed"),
        Registration::Open if full => {
            loc.t1("event-full", "waiting", &v.waitlist_length.to_string())
        }
        Registration::Open => loc.t1("event-seats-left", "seats", &v.seats_left.to_string()),
    };
    Card {
        id: s.id,
        title: v.programme.title.clone(),
        day: loc.day(s.starts_at),
        time: loc.time_span(s.starts_at, s.ends_at),
        place: v.site.as_ref().map(|x| x.name.clone()).unwrap_or_default(),
        address: v
            .site
            .as_ref()
            .map(|x| x.address.clone())
            .unwrap_or_default(),
        availability,
        open: v.registration == Registration::Open,
        full,
        cancelled: s.cancelled_at.is_some(),
    }
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}
