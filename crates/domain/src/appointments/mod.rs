//! Appointments with a librarian or the citizen service: a service's
//! rules (length, buffer, notice, how far ahead, the cancellation
//! deadline), the guided question's topics, an appointment's states, and
//! the free times ([`slots`]) computed from the staff's availability and
//! what they are busy with.

mod slots;

pub use slots::{Slot, SlotSearch, StaffDay, free_staff_at, slots};

use crate::codes::code_enum;
use chrono::{DateTime, Duration, Utc};

/// The most questions a service asks at booking.
pub const QUESTIONS_MAX: usize = 3;
/// Bounds of a service's rules, checked when a coordinator saves them.
pub const MINUTES_RANGE: std::ops::RangeInclusive<i64> = 5..=240;
pub const BUFFER_RANGE: std::ops::RangeInclusive<i64> = 0..=120;
pub const NOTICE_HOURS_RANGE: std::ops::RangeInclusive<i64> = 0..=336;
pub const HORIZON_DAYS_RANGE: std::ops::RangeInclusive<i64> = 1..=180;
pub const CANCEL_HOURS_RANGE: std::ops::RangeInclusive<i64> = 0..=168;
/// The longest span one slot search covers.
pub const SEARCH_DAYS_MAX: i64 = 92;

/// How a service is booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceRules {
    /// Length of an appointment.
    pub minutes: i64,
    /// Kept free before and after each appointment.
    pub buffer_minutes: i64,
    /// A time must start at least this long after now.
    pub notice_hours: i64,
    /// A time must start before now plus this many days.
    pub horizon_days: i64,
    /// Cancelling (or moving) by link works until this long before the start.
    pub cancel_hours: i64,
}

impl ServiceRules {
    pub fn length(&self) -> Duration {
        Duration::minutes(self.minutes)
    }

    pub fn buffer(&self) -> Duration {
        Duration::minutes(self.buffer_minutes)
    }

    /// The first start that may be booked at `now`.
    pub fn earliest(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + Duration::hours(self.notice_hours)
    }

    /// Starts must be before this.
    pub fn latest(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + Duration::days(self.horizon_days)
    }

    /// Whether a start is within the notice and the horizon.
    pub fn bookable(&self, now: DateTime<Utc>, starts_at: DateTime<Utc>) -> bool {
        starts_at >= self.earliest(now) && starts_at < self.latest(now)
    }

    /// Whether the citizen may still cancel or move by link.
    pub fn cancellable(&self, now: DateTime<Utc>, starts_at: DateTime<Utc>) -> bool {
        now <= starts_at - Duration::hours(self.cancel_hours)
    }

    /// Every rule within its bounds; the first field that is not, otherwise.
    pub fn check(&self) -> Result<(), &'static str> {
        let fields = [
            ("minutes", self.minutes, &MINUTES_RANGE),
            ("buffer_minutes", self.buffer_minutes, &BUFFER_RANGE),
            ("notice_hours", self.notice_hours, &NOTICE_HOURS_RANGE),
            ("horizon_days", self.horizon_days, &HORIZON_DAYS_RANGE),
            ("cancel_hours", self.cancel_hours, &CANCEL_HOURS_RANGE),
        ];
        match fields.iter().find(|(_, v, r)| !r.contains(v)) {
            Some((field, ..)) => Err(field),
            None => Ok(()),
        }
    }
}

/// What a citizen answers to "Hvad skal du have hjælp til?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    DigitalPost,
    MitId,
    Skat,
    BorgerDkForms,
    EbooksFilms,
    Device,
    Other,
}

code_enum!(Topic {
    DigitalPost => "digital_post",
    MitId => "mitid",
    Skat => "skat",
    BorgerDkForms => "borger_dk",
    EbooksFilms => "ebooks_films",
    Device => "device",
    Other => "other",
});

impl Topic {
    /// Whether the topic is an authority matter (the citizen service's)
    /// rather than self-help (the library's): the default mapping.
    pub fn authority(self) -> bool {
        matches!(self, Topic::MitId | Topic::Skat | Topic::BorgerDkForms)
    }
}

/// Where an appointment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppointmentStatus {
    Booked,
    Cancelled,
    Done,
    NoShow,
}

code_enum!(AppointmentStatus {
    Booked => "booked",
    Cancelled => "cancelled",
    Done => "done",
    NoShow => "no_show",
});

impl AppointmentStatus {
    /// Staff mark a booked appointment done or no-show once it has started
    /// (and may correct one mark to the other); nothing else moves.
    pub fn can_mark(self, to: AppointmentStatus) -> bool {
        matches!(
            (self, to),
            (
                AppointmentStatus::Booked | AppointmentStatus::Done | AppointmentStatus::NoShow,
                AppointmentStatus::Done | AppointmentStatus::NoShow
            )
        )
    }
}

#[cfg(test)]
mod tests;
