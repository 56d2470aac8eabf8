//! A staff member's availability: weekly hours (per weekday one or more
//! time ranges) with exceptions on dates, and the free time left on a date
//! once their busy intervals (sessions, visits) are taken out.
//!
//! Hours are wall-clock times in Europe/Copenhagen; busy intervals and the
//! answers are in UTC, so a day when the clocks change counts its real
//! length. A wall time that does not exist (the hour skipped in March)
//! counts as the first time after the gap; one that occurs twice (October)
//! as its first occurrence.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Copenhagen;

use crate::codes::code_enum;

/// A range of wall-clock time within one day, `start` before `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeRange {
    start: NaiveTime,
    end: NaiveTime,
}

impl TimeRange {
    /// `None` unless `start < end`.
    pub fn new(start: NaiveTime, end: NaiveTime) -> Option<Self> {
        (start < end).then_some(TimeRange { start, end })
    }

    /// From hours and minutes; `None` for a time that does not exist or an empty range.
    pub fn hm(start: (u32, u32), end: (u32, u32)) -> Option<Self> {
        Self::new(
            NaiveTime::from_hms_opt(start.0, start.1, 0)?,
            NaiveTime::from_hms_opt(end.0, end.1, 0)?,
        )
    }

    pub fn start(self) -> NaiveTime {
        self.start
    }

    pub fn end(self) -> NaiveTime {
        self.end
    }

    /// The range on `date`, in UTC.
    pub fn on(self, date: NaiveDate) -> Interval {
        Interval {
            start: local(date, self.start),
            end: local(date, self.end),
        }
    }
}

/// A half-open interval `[start, end)` of real time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Interval {
    /// `None` unless `start < end`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<Self> {
        (start < end).then_some(Interval { start, end })
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Widened by `by` on both sides (a travel buffer).
    pub fn widened(&self, by: Duration) -> Interval {
        Interval {
            start: self.start - by,
            end: self.end + by,
        }
    }

    pub fn duration(&self) -> Duration {
        self.end - self.start
    }
}

/// The UTC instant of a Copenhagen wall time (see the module documentation
/// for the days the clocks change).
pub fn local(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let wall = date.and_time(time);
    if let Some(t) = Copenhagen.from_local_datetime(&wall).earliest() {
        return t.with_timezone(&Utc);
    }
    // In the gap: the first wall time after it (gaps are at most 2 hours).
    (1..=120)
        .find_map(|m| {
            Copenhagen
                .from_local_datetime(&(wall + Duration::minutes(m)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&wall))
}

/// Sorted, merged ranges.
fn merge<T: Ord + Copy>(mut v: Vec<(T, T)>) -> Vec<(T, T)> {
    v.sort();
    let mut out: Vec<(T, T)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// `ranges` without `cut`, both as (start, end) pairs.
fn subtract<T: Ord + Copy>(ranges: Vec<(T, T)>, cut: &[(T, T)]) -> Vec<(T, T)> {
    let cut = merge(cut.to_vec());
    let mut out = Vec::new();
    for (mut s, e) in merge(ranges) {
        for &(cs, ce) in &cut {
            if ce <= s || cs >= e {
                continue;
            }
            if cs > s {
                out.push((s, cs));
            }
            s = s.max(ce);
        }
        if s < e {
            out.push((s, e));
        }
    }
    out
}

/// Working hours per weekday.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklyHours {
    days: [Vec<TimeRange>; 7],
}

impl WeeklyHours {
    pub fn new() -> Self {
        Self::default()
    }

    /// The same range Monday to Friday.
    pub fn weekdays(range: TimeRange) -> Self {
        let mut w = Self::new();
        for day in [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ] {
            w.add(day, range);
        }
        w
    }

    pub fn add(&mut self, day: Weekday, range: TimeRange) -> &mut Self {
        self.days[day.num_days_from_monday() as usize].push(range);
        self
    }

    pub fn on(&self, day: Weekday) -> &[TimeRange] {
        &self.days[day.num_days_from_monday() as usize]
    }
}

/// The kind of an exception, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExceptionKind {
    DayOff,
    Away,
    Off,
    Extra,
}

code_enum!(ExceptionKind {
    DayOff => "day_off",
    Away => "away",
    Off => "off",
    Extra => "extra",
});

/// A change to the weekly hours on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exception {
    /// Not working that day (a holiday, a sick day).
    DayOff(NaiveDate),
    /// Not working from the first through the last date (a holiday).
    Away(NaiveDate, NaiveDate),
    /// Not working in this range that day.
    Off(NaiveDate, TimeRange),
    /// Working in this range that day besides the weekly hours.
    Extra(NaiveDate, TimeRange),
}

impl Exception {
    /// Whether the exception concerns `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        match *self {
            Exception::DayOff(d) | Exception::Off(d, _) | Exception::Extra(d, _) => d == date,
            Exception::Away(first, last) => (first..=last).contains(&date),
        }
    }

    fn whole_day(&self) -> bool {
        matches!(self, Exception::DayOff(_) | Exception::Away(..))
    }

    pub fn kind(&self) -> ExceptionKind {
        match self {
            Exception::DayOff(_) => ExceptionKind::DayOff,
            Exception::Away(..) => ExceptionKind::Away,
            Exception::Off(..) => ExceptionKind::Off,
            Exception::Extra(..) => ExceptionKind::Extra,
        }
    }
}

/// Weekly hours and their exceptions. A day off wins over an extra range;
/// an off range wins over an extra one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Availability {
    pub weekly: WeeklyHours,
    pub exceptions: Vec<Exception>,
}

impl Availability {
    pub fn new(weekly: WeeklyHours) -> Self {
        Availability {
            weekly,
            exceptions: Vec::new(),
        }
    }

    /// The wall-clock ranges worked on `date`, sorted and merged.
    pub fn ranges_on(&self, date: NaiveDate) -> Vec<TimeRange> {
        let todays = || self.exceptions.iter().filter(move |e| e.covers(date));
        if todays().any(Exception::whole_day) {
            return Vec::new();
        }
        let mut ranges: Vec<(NaiveTime, NaiveTime)> = self
            .weekly
            .on(date.weekday())
            .iter()
            .map(|r| (r.start, r.end))
            .collect();
        let mut off = Vec::new();
        for e in todays() {
            match *e {
                Exception::Extra(_, r) => ranges.push((r.start, r.end)),
                Exception::Off(_, r) => off.push((r.start, r.end)),
                Exception::DayOff(_) | Exception::Away(..) => {}
            }
        }
        subtract(ranges, &off)
            .into_iter()
            .filter_map(|(s, e)| TimeRange::new(s, e))
            .collect()
    }

    /// The time worked on `date`, in UTC.
    pub fn intervals_on(&self, date: NaiveDate) -> Vec<Interval> {
        self.ranges_on(date)
            .into_iter()
            .map(|r| r.on(date))
            .filter(|i| i.start < i.end)
            .collect()
    }

    /// The time worked on `date` and not busy.
    pub fn free_on(&self, date: NaiveDate, busy: &[Interval]) -> Vec<Interval> {
        let work = self
            .intervals_on(date)
            .into_iter()
            .map(|i| (i.start, i.end))
            .collect();
        let busy: Vec<_> = busy.iter().map(|i| (i.start, i.end)).collect();
        subtract(work, &busy)
            .into_iter()
            .map(|(start, end)| Interval { start, end })
            .collect()
    }

    /// [`Availability::free_on`] as wall-clock ranges.
    pub fn free_times_on(&self, date: NaiveDate, busy: &[Interval]) -> Vec<TimeRange> {
        let wall = |t: DateTime<Utc>| t.with_timezone(&Copenhagen).time();
        self.free_on(date, busy)
            .into_iter()
            .filter_map(|i| TimeRange::new(wall(i.start), wall(i.end)))
            .collect()
    }

    /// Works the whole of `from`–`to` (wall clock) on `date` and is busy in none of it.
    pub fn is_free(
        &self,
        date: NaiveDate,
        from: NaiveTime,
        to: NaiveTime,
        busy: &[Interval],
    ) -> bool {
        let Some(want) = TimeRange::new(from, to).map(|r| r.on(date)) else {
            return false;
        };
        self.is_free_in(date, &want, busy)
    }

    /// Like [`Availability::is_free`] for an interval that starts on `date`.
    pub fn is_free_in(&self, date: NaiveDate, want: &Interval, busy: &[Interval]) -> bool {
        self.intervals_on(date).iter().any(|i| i.contains(want))
            && !busy.iter().any(|b| b.overlaps(want))
    }

    /// Works the whole of `want` (which starts on `date`), busy or not.
    pub fn works(&self, date: NaiveDate, want: &Interval) -> bool {
        self.intervals_on(date).iter().any(|i| i.contains(want))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn r(a: (u32, u32), b: (u32, u32)) -> TimeRange {
        TimeRange::hm(a, b).unwrap()
    }

    fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
    }

    fn staff() -> Availability {
        let mut w = WeeklyHours::weekdays(r((8, 0), (12, 0)));
        w.add(Weekday::Tue, r((13, 0), (16, 0)));
        let mut a = Availability::new(w);
        a.exceptions = vec![
            Exception::DayOff(d(2026, 11, 9)),
            Exception::Extra(d(2026, 11, 9), r((9, 0), (10, 0))),
            Exception::Off(d(2026, 11, 10), r((10, 0), (14, 0))),
            Exception::Extra(d(2026, 11, 14), r((10, 0), (12, 0))),
            Exception::Extra(d(2026, 11, 12), r((11, 0), (13, 0))),
            Exception::Away(d(2026, 12, 21), d(2027, 1, 3)),
        ];
        a
    }

    #[test]
    fn weekly_hours_and_exceptions() {
        let a = staff();
        assert_eq!(a.ranges_on(d(2026, 11, 9)), vec![], "a day off wins");
        assert_eq!(
            a.ranges_on(d(2026, 11, 10)),
            vec![r((8, 0), (10, 0)), r((14, 0), (16, 0))]
        );
        assert_eq!(a.ranges_on(d(2026, 11, 12)), vec![r((8, 0), (13, 0))]);
        assert_eq!(
            a.ranges_on(d(2026, 11, 14)),
            vec![r((10, 0), (12, 0))],
            "a Saturday extra"
        );
        assert_eq!(a.ranges_on(d(2026, 11, 15)), vec![]);
        assert_eq!(a.ranges_on(d(2026, 12, 18)).len(), 1);
        assert_eq!(
            a.ranges_on(d(2026, 12, 21)),
            vec![],
            "away from the first day"
        );
        assert_eq!(a.ranges_on(d(2027, 1, 1)), vec![]);
        assert_eq!(a.ranges_on(d(2027, 1, 4)).len(), 1, "back after the last");
        assert_eq!(a.exceptions[5].kind(), ExceptionKind::Away);
        assert_eq!(a.exceptions[2].kind().as_str(), "off");
        assert_eq!("day_off".parse(), Ok(ExceptionKind::DayOff));
    }

    #[test]
    fn free_ranges_and_is_free() {
        let a = staff();
        let day = d(2026, 11, 11); // Wednesday, UTC+1
        let busy = [Interval::new(utc(2026, 11, 11, 8, 0), utc(2026, 11, 11, 9, 30)).unwrap()];
        assert_eq!(
            a.free_on(day, &busy),
            vec![
                Interval::new(utc(2026, 11, 11, 7, 0), utc(2026, 11, 11, 8, 0)).unwrap(),
                Interval::new(utc(2026, 11, 11, 9, 30), utc(2026, 11, 11, 11, 0)).unwrap(),
            ]
        );
        assert_eq!(
            a.free_times_on(day, &busy),
            vec![r((8, 0), (9, 0)), r((10, 30), (12, 0))]
        );
        assert!(a.is_free(day, t(8, 0), t(9, 0), &busy));
        assert!(
            !a.is_free(day, t(8, 0), t(9, 1), &busy),
            "overlaps the busy time"
        );
        assert!(a.is_free(day, t(10, 30), t(12, 0), &busy));
        assert!(!a.is_free(day, t(11, 0), t(12, 1), &busy), "past the hours");
        assert!(!a.is_free(day, t(9, 0), t(9, 0), &[]), "an empty range");
        // Merged ranges: 8–13 on the 12th holds 11:30–12:30.
        assert!(a.is_free(d(2026, 11, 12), t(11, 30), t(12, 30), &[]));
    }

    #[test]
    fn days_the_clocks_change() {
        let night = Availability::new({
            let mut w = WeeklyHours::new();
            w.add(Weekday::Sun, r((0, 0), (6, 0)));
            w
        });
        // 28 March 2027: 02:00 becomes 03:00, the night is 5 hours long.
        let spring = d(2027, 3, 28);
        let i = night.intervals_on(spring);
        assert_eq!(
            i,
            vec![Interval::new(utc(2027, 3, 27, 23, 0), utc(2027, 3, 28, 4, 0)).unwrap()]
        );
        assert_eq!(i[0].duration(), Duration::hours(5));
        assert_eq!(
            local(spring, t(2, 30)),
            utc(2027, 3, 28, 1, 0),
            "the gap's end"
        );
        assert!(
            night.is_free(spring, t(2, 0), t(3, 0), &[]),
            "empty in real time, inside"
        );
        // 25 October 2026: 03:00 becomes 02:00, the night is 7 hours long.
        let autumn = d(2026, 10, 25);
        assert_eq!(night.intervals_on(autumn)[0].duration(), Duration::hours(7));
        assert_eq!(
            local(autumn, t(2, 30)),
            utc(2026, 10, 25, 0, 30),
            "the first 02:30"
        );
        let busy = [Interval::new(utc(2026, 10, 25, 1, 0), utc(2026, 10, 25, 1, 30)).unwrap()];
        let free = night.free_on(autumn, &busy);
        assert_eq!(
            free.iter().map(Interval::duration).sum::<Duration>(),
            Duration::minutes(390)
        );
        // Summer time: 8:15 is 6:15 UTC.
        let work = Availability::new(WeeklyHours::weekdays(r((8, 0), (16, 0))));
        let busy = [Interval::new(utc(2027, 3, 29, 6, 0), utc(2027, 3, 29, 6, 30)).unwrap()];
        assert!(!work.is_free(d(2027, 3, 29), t(8, 15), t(9, 0), &busy));
        assert!(work.is_free(d(2027, 3, 29), t(8, 30), t(9, 0), &busy));
    }

    proptest! {
        #[test]
        fn free_time_is_worked_and_not_busy(
            days in 0i64..730,
            busy in proptest::collection::vec((0i64..24 * 60, 1i64..300), 0..6),
        ) {
            let date = d(2026, 1, 1) + Duration::days(days);
            let a = staff();
            let midnight = local(date, t(0, 0));
            let busy: Vec<Interval> = busy
                .into_iter()
                .map(|(s, len)| {
                    let start = midnight + Duration::minutes(s);
                    Interval::new(start, start + Duration::minutes(len)).unwrap()
                })
                .collect();
            let work = a.intervals_on(date);
            let free = a.free_on(date, &busy);
            for f in &free {
                prop_assert!(f.start < f.end);
                prop_assert!(work.iter().any(|w| w.contains(f)));
                prop_assert!(!busy.iter().any(|b| b.overlaps(f)));
            }
            // Free plus busy-within-work covers all the work.
            let total_work: Duration = work.iter().map(Interval::duration).sum();
            let total_free: Duration = free.iter().map(Interval::duration).sum();
            prop_assert!(total_free <= total_work);
            for w in &work {
                let mut minute = w.start;
                while minute < w.end {
                    let m = Interval::new(minute, minute + Duration::minutes(1)).unwrap();
                    let is_busy = busy.iter().any(|b| b.overlaps(&m));
                    prop_assert_eq!(free.iter().any(|f| f.contains(&m)), !is_busy);
                    minute += Duration::minutes(15);
                }
            }
        }
    }
}
