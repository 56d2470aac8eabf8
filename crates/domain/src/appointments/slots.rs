//! Free times of a service: each staff member's working time on each date
//! (weekly hours with exceptions, Copenhagen wall time), cut into
//! appointments of the service's length with its buffer between them,
//! anchored at the start of each working range; a time is free for a
//! person when it overlaps none of their busy intervals widened by the
//! buffer. A time is listed once, with how many are free then.

use super::ServiceRules;
use crate::availability::{Availability, Interval};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use std::collections::BTreeMap;

/// One staff member who gives the service: their availability and what
/// they are busy with (sessions, class visits, other appointments).
#[derive(Debug, Clone, Default)]
pub struct StaffDay {
    pub staff_id: i64,
    pub availability: Availability,
    /// Sorted or not; only those near the searched dates matter.
    pub busy: Vec<Interval>,
}

/// A search: the service's rules, the current time, and the dates
/// (Copenhagen, both inclusive).
#[derive(Debug, Clone, Copy)]
pub struct SlotSearch {
    pub rules: ServiceRules,
    pub now: DateTime<Utc>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A free time and how many of the service's staff are free then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub free: u32,
}

/// The appointment times a person's working time on `date` holds, bookable
/// at `now` and not busy.
fn free_starts<'a>(
    rules: &'a ServiceRules,
    now: DateTime<Utc>,
    person: &'a StaffDay,
    date: NaiveDate,
) -> impl Iterator<Item = Interval> + 'a {
    let (len, buffer) = (rules.length(), rules.buffer());
    let step = len + buffer;
    person
        .availability
        .intervals_on(date)
        .into_iter()
        .flat_map(move |work| {
            let count = if step > Duration::zero() && work.duration() >= len {
                (work.duration() - len).num_seconds() / step.num_seconds() + 1
            } else {
                0
            };
            (0..count).filter_map(move |k| {
                let start = work.start + step * i32::try_from(k).ok()?;
                Interval::new(start, start + len)
            })
        })
        .filter(move |slot| rules.bookable(now, slot.start))
        .filter(move |slot| {
            let guarded = slot.widened(buffer);
            !person.busy.iter().any(|b| b.overlaps(&guarded))
        })
}

/// The free times of the search, by start.
pub fn slots(search: &SlotSearch, staff: &[StaffDay]) -> Vec<Slot> {
    let mut by_start: BTreeMap<DateTime<Utc>, Slot> = BTreeMap::new();
    let days = (search.to - search.from).num_days();
    for offset in 0..=days.max(-1) {
        let date = search.from + Duration::days(offset);
        for person in staff {
            for slot in free_starts(&search.rules, search.now, person, date) {
                by_start
                    .entry(slot.start)
                    .or_insert(Slot {
                        starts_at: slot.start,
                        ends_at: slot.end,
                        free: 0,
                    })
                    .free += 1;
            }
        }
    }
    by_start.into_values().collect()
}

/// Those of `staff` free for an appointment starting at `starts_at` (a
/// start one of the slots offers), in the order given.
pub fn free_staff_at(
    rules: &ServiceRules,
    now: DateTime<Utc>,
    staff: &[StaffDay],
    starts_at: DateTime<Utc>,
) -> Vec<i64> {
    let date = starts_at.with_timezone(&Copenhagen).date_naive();
    staff
        .iter()
        .filter(|p| free_starts(rules, now, p, date).any(|s| s.start == starts_at))
        .map(|p| p.staff_id)
        .collect()
}
