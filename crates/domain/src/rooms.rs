//! Room bookings: who sees what of a booking, the weeks of a repeating
//! booking, overlaps, and the free times around a refused request. Pure
//! functions of the times given (UTC instants; days are Copenhagen days).

use crate::codes::code_enum;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;

/// Who sees a booking's title and organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Everyone who sees the room sees the title and the organisation.
    Public,
    /// Others see the organisation, not the title.
    Internal,
    /// Others see only that the room is taken ("Optaget").
    Discreet,
}

code_enum!(Visibility {
    Public => "public",
    Internal => "internal",
    Discreet => "discreet",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BookingStatus {
    Confirmed,
    /// Waits in the owner's approval queue; holds the time meanwhile, so an
    /// approval can never double-book.
    Pending,
    Refused,
    Cancelled,
}

code_enum!(BookingStatus {
    Confirmed => "confirmed",
    Pending => "pending",
    Refused => "refused",
    Cancelled => "cancelled",
});

impl BookingStatus {
    /// Whether the booking holds its time.
    pub fn holds_time(self) -> bool {
        matches!(self, BookingStatus::Confirmed | BookingStatus::Pending)
    }
}

/// What one viewer may see of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub title: bool,
    pub organisation: bool,
}

/// A booking as the staff of `viewer_org` see it: their own organisation's
/// in full, others' by its visibility. The room's owner is no exception:
/// a discreet booking is "Optaget" to it too.
pub fn shown_to(visibility: Visibility, booking_org: i64, viewer_org: i64) -> Shown {
    if booking_org == viewer_org {
        return Shown {
            title: true,
            organisation: true,
        };
    }
    match visibility {
        Visibility::Public => Shown {
            title: true,
            organisation: true,
        },
        Visibility::Internal => Shown {
            title: false,
            organisation: true,
        },
        Visibility::Discreet => Shown {
            title: false,
            organisation: false,
        },
    }
}

/// The most weeks one repeating booking may span.
pub const REPEAT_WEEKS_MAX: u32 = 52;
/// The longest one booking may be.
pub const BOOKING_HOURS_MAX: i64 = 24;

/// A time span, `start` before `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Span {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<Span> {
        (start < end).then_some(Span { start, end })
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The same wall-clock time in Copenhagen on each of `weeks` weeks from
/// `first` (1 = only `first`), so a weekly meeting stays at 10:00 across a
/// daylight-saving change. None when a week's time does not exist.
pub fn weekly(first: Span, weeks: u32) -> Option<Vec<Span>> {
    let (start, end) = (
        first.start.with_timezone(&Copenhagen),
        first.end.with_timezone(&Copenhagen),
    );
    (0..weeks.max(1))
        .map(|w| {
            let shift = Duration::weeks(i64::from(w));
            let local = |t: chrono::DateTime<chrono_tz::Tz>| {
                Copenhagen
                    .from_local_datetime(&(t.naive_local() + shift))
                    .earliest()
                    .map(|t| t.with_timezone(&Utc))
            };
            Span::new(local(start)?, local(end)?)
        })
        .collect()
}

/// The hours of the day the "free around" answer looks within.
pub const DAY_OPENS: (u32, u32) = (7, 0);
pub const DAY_CLOSES: (u32, u32) = (22, 0);

fn at(day: NaiveDate, (h, m): (u32, u32)) -> Option<DateTime<Utc>> {
    let t = NaiveTime::from_hms_opt(h, m, 0)?;
    Copenhagen
        .from_local_datetime(&day.and_time(t))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The free times on the Copenhagen day of `wanted` between 07:00 and
/// 22:00, given the spans `busy` that hold the room: what a refused
/// request shows instead.
pub fn free_around(wanted: Span, busy: &[Span]) -> Vec<Span> {
    let day = wanted.start.with_timezone(&Copenhagen).date_naive();
    let (Some(open), Some(close)) = (at(day, DAY_OPENS), at(day, DAY_CLOSES)) else {
        return vec![];
    };
    let mut taken: Vec<Span> = busy
        .iter()
        .filter(|b| b.start < close && open < b.end)
        .copied()
        .collect();
    taken.sort();
    let mut free = Vec::new();
    let mut cursor = open;
    for b in taken {
        if b.start > cursor {
            free.push(Span {
                start: cursor,
                end: b.start.min(close),
            });
        }
        cursor = cursor.max(b.end);
    }
    if cursor < close {
        free.push(Span {
            start: cursor,
            end: close,
        });
    }
    free
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_discreet_booking_shows_nothing_to_another_organisation_owner_included() {
        let s = shown_to(Visibility::Discreet, 1, 2);
        assert!(!s.title && !s.organisation);
        let own = shown_to(Visibility::Discreet, 1, 1);
        assert!(own.title && own.organisation);
        let internal = shown_to(Visibility::Internal, 1, 2);
        assert!(!internal.title && internal.organisation);
        let public = shown_to(Visibility::Public, 1, 2);
        assert!(public.title && public.organisation);
    }

    #[test]
    fn weekly_keeps_the_wall_clock_time_across_daylight_saving() {
        // 10:00 on Friday 23 October 2026 (summer time), then winter time.
        let first = Span::new(t("2026-10-23T08:00:00Z"), t("2026-10-23T09:00:00Z")).unwrap();
        let weeks = weekly(first, 2).unwrap();
        assert_eq!(weeks[1].start, t("2026-10-30T09:00:00Z"));
        assert_eq!(weeks.len(), 2);
    }

    #[test]
    fn free_around_lists_the_gaps_of_the_day() {
        let busy = [Span::new(t("2026-12-01T09:00:00Z"), t("2026-12-01T10:00:00Z")).unwrap()];
        let free = free_around(busy[0], &busy);
        assert_eq!(free.len(), 2);
        assert_eq!(free[0].start, t("2026-12-01T06:00:00Z"));
        assert_eq!(free[0].end, t("2026-12-01T09:00:00Z"));
        assert_eq!(free[1].start, t("2026-12-01T10:00:00Z"));
        assert_eq!(free[1].end, t("2026-12-01T21:00:00Z"));
    }

    #[test]
    fn overlap_is_half_open() {
        let a = Span::new(t("2026-12-01T09:00:00Z"), t("2026-12-01T10:00:00Z")).unwrap();
        let b = Span::new(t("2026-12-01T10:00:00Z"), t("2026-12-01T11:00:00Z")).unwrap();
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&a));
    }
}
