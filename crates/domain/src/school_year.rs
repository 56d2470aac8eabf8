//! The school year (written `2026-27`, 1 August to 31 July), its first
//! school day, the last day for class visits, and the school holidays.
//!
//! Every rule here is a setting a municipality can change; the defaults
//! follow common Danish practice:
//! - first school day: the Monday of ISO week 33 (10 August 2026);
//! - last day for visits: 30 April (9th grade stops teaching in May);
//! - autumn holiday: ISO week 42;
//! - Christmas: 21 December through 1 January (most schools close on the
//!   last school day before 21 December at the latest and open on the first
//!   weekday after New Year; a municipality that closes earlier sets it);
//! - winter holiday: ISO week 7 (eastern Denmark; week 8 is a setting);
//! - Easter: the Saturday before Palm Sunday through Easter Monday.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::calendar::{self, Holiday};
use crate::validate::{YEAR_MAX, YEAR_MIN};

/// A school year, named by the calendar year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchoolYear(i32);

/// A school year that is not written `yyyy-yy` with consecutive years, or lies
/// outside 2000–2100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolYearParseError;

impl fmt::Display for SchoolYearParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid_school_year")
    }
}

impl std::error::Error for SchoolYearParseError {}

impl SchoolYear {
    /// The school year starting on 1 August of `start_year` (2000..2099).
    pub fn starting(start_year: i32) -> Option<Self> {
        (YEAR_MIN..YEAR_MAX)
            .contains(&start_year)
            .then_some(SchoolYear(start_year))
    }

    /// The school year `date` lies in. `None` outside 2000–2100.
    pub fn containing(date: NaiveDate) -> Option<Self> {
        let start = if date.month() >= 8 {
            date.year()
        } else {
            date.year() - 1
        };
        Self::starting(start)
    }

    pub fn start_year(self) -> i32 {
        self.0
    }

    pub fn end_year(self) -> i32 {
        self.0 + 1
    }

    /// 1 August.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 8, 1).expect("1 August exists")
    }

    /// 31 July of the following year.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 7, 31).expect("31 July exists")
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    pub fn next(self) -> Option<Self> {
        Self::starting(self.0 + 1)
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }
}

impl FromStr for SchoolYear {
    type Err = SchoolYearParseError;

    /// `2026-27`; `2026/27` and `2026-2027` are read too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (a, b) = s.split_once(['-', '/']).ok_or(SchoolYearParseError)?;
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
        if a.len() != 4 || !all_digits(a) || !(b.len() == 2 || b.len() == 4) || !all_digits(b) {
            return Err(SchoolYearParseError);
        }
        let start: i32 = a.parse().map_err(|_| SchoolYearParseError)?;
        let end: i32 = b.parse().map_err(|_| SchoolYearParseError)?;
        let consecutive = if b.len() == 2 {
            end == (start + 1).rem_euclid(100)
        } else {
            end == start + 1
        };
        if !consecutive {
            return Err(SchoolYearParseError);
        }
        Self::starting(start).ok_or(SchoolYearParseError)
    }
}

/// A school holiday period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchoolHoliday {
    Autumn,
    Christmas,
    Winter,
    Easter,
    /// A period the municipality adds (a planning day, a local holiday).
    Other,
}

impl SchoolHoliday {
    pub const ALL: [SchoolHoliday; 5] = [
        SchoolHoliday::Autumn,
        SchoolHoliday::Christmas,
        SchoolHoliday::Winter,
        SchoolHoliday::Easter,
        SchoolHoliday::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SchoolHoliday::Autumn => "autumn",
            SchoolHoliday::Christmas => "christmas",
            SchoolHoliday::Winter => "winter",
            SchoolHoliday::Easter => "easter",
            SchoolHoliday::Other => "other",
        }
    }
}

/// An unknown code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownCode;

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown_code")
    }
}

impl std::error::Error for UnknownCode {}

impl FromStr for SchoolHoliday {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, UnknownCode> {
        Self::ALL
            .into_iter()
            .find(|h| h.as_str() == s)
            .ok_or(UnknownCode)
    }
}

/// A day of the month (used for dates that repeat every year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub const fn new(month: u32, day: u32) -> Self {
        MonthDay { month, day }
    }

    /// This day in `year`; 29 February becomes 28 February in common years.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day).or_else(|| {
            (self.month == 2 && self.day == 29)
                .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
                .flatten()
        })
    }
}

/// How the first school day is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstSchoolDay {
    /// The Monday of this ISO week of the start year.
    MondayOfIsoWeek(u32),
    /// A fixed day of the start year.
    Date(MonthDay),
}

/// Which week (ISO) of the end year the winter holiday is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WinterWeek {
    Week7,
    Week8,
}

impl WinterWeek {
    pub fn week(self) -> u32 {
        match self {
            WinterWeek::Week7 => 7,
            WinterWeek::Week8 => 8,
        }
    }
}

/// A municipality's school calendar settings. `Default` gives the rules in
/// the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolCalendarSettings {
    pub first_school_day: FirstSchoolDay,
    /// The last day a class visit may be held (in the end year).
    pub last_visit_day: MonthDay,
    /// ISO week of the autumn holiday (start year); `None`: no such week.
    pub autumn_week: Option<u32>,
    /// First and last day of the Christmas holiday (December of the start
    /// year, January of the end year).
    pub christmas_from: MonthDay,
    pub christmas_to: MonthDay,
    pub winter_week: Option<WinterWeek>,
    /// The Easter holiday: Saturday before Palm Sunday through Easter Monday.
    pub easter: bool,
    /// Further closed periods (first, last day), e.g. a planning day.
    pub extra: Vec<(NaiveDate, NaiveDate)>,
}

impl Default for SchoolCalendarSettings {
    fn default() -> Self {
        SchoolCalendarSettings {
            first_school_day: FirstSchoolDay::MondayOfIsoWeek(33),
            last_visit_day: MonthDay::new(4, 30),
            autumn_week: Some(42),
            christmas_from: MonthDay::new(12, 21),
            christmas_to: MonthDay::new(1, 1),
            winter_week: Some(WinterWeek::Week7),
            easter: true,
            extra: Vec::new(),
        }
    }
}

/// One school holiday in a given year: its first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolidayPeriod {
    pub kind: SchoolHoliday,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl HolidayPeriod {
    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.first..=self.last).contains(&date)
    }
}

/// Why a date is not a day for class visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    Weekend,
    PublicHoliday(Holiday),
    SchoolHoliday(SchoolHoliday),
    BeforeFirstSchoolDay,
    AfterLastVisitDay,
}

impl DayOff {
    pub fn as_str(self) -> &'static str {
        match self {
            DayOff::Weekend => "weekend",
            DayOff::PublicHoliday(_) => "public_holiday",
            DayOff::SchoolHoliday(_) => "school_holiday",
            DayOff::BeforeFirstSchoolDay => "before_first_school_day",
            DayOff::AfterLastVisitDay => "after_last_visit_day",
        }
    }
}

fn monday_of(year: i32, week: u32) -> Option<NaiveDate> {
    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
}

/// One school year's calendar for one municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolCalendar {
    year: SchoolYear,
    first_school_day: NaiveDate,
    last_visit_day: NaiveDate,
    holidays: Vec<HolidayPeriod>,
}

impl SchoolCalendar {
    /// Settings that name a week or day that does not exist fall back to
    /// the default for that rule.
    pub fn new(year: SchoolYear, settings: &SchoolCalendarSettings) -> Self {
        let (start, end) = (year.start_year(), year.end_year());
        let default_first = monday_of(start, 33).expect("week 33 exists");
        let first_school_day = match settings.first_school_day {
            FirstSchoolDay::MondayOfIsoWeek(w) => monday_of(start, w),
            FirstSchoolDay::Date(md) => md.in_year(start),
        }
        .filter(|d| year.contains(*d))
        .unwrap_or(default_first);
        let last_visit_day = settings
            .last_visit_day
            .in_year(end)
            .filter(|d| year.contains(*d))
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(end, 4, 30).expect("30 April"));

        let mut holidays = Vec::new();
        let mut week = |kind, y: i32, w: u32| {
            if let Some(mon) = monday_of(y, w) {
                holidays.push(HolidayPeriod {
                    kind,
                    first: mon - Duration::days(2),
                    last: mon + Duration::days(6),
                });
            }
        };
        // A holiday week runs from the Saturday before to the Sunday after.
        if let Some(w) = settings.autumn_week {
            week(SchoolHoliday::Autumn, start, w);
        }
        if let Some(w) = settings.winter_week {
            week(SchoolHoliday::Winter, end, w.week());
        }
        if let (Some(first), Some(last)) = (
            settings.christmas_from.in_year(start),
            settings.christmas_to.in_year(end),
        ) {
            holidays.push(HolidayPeriod {
                kind: SchoolHoliday::Christmas,
                first,
                last,
            });
        }
        if settings.easter
            && let Some(easter) = calendar::easter_sunday(end)
        {
            holidays.push(HolidayPeriod {
                kind: SchoolHoliday::Easter,
                first: easter - Duration::days(8),
                last: easter + Duration::days(1),
            });
        }
        for &(first, last) in &settings.extra {
            if first <= last {
                holidays.push(HolidayPeriod {
                    kind: SchoolHoliday::Other,
                    first,
                    last,
                });
            }
        }
        holidays.sort_by_key(|h| (h.first, h.last));
        SchoolCalendar {
            year,
            first_school_day,
            last_visit_day,
            holidays,
        }
    }

    pub fn year(&self) -> SchoolYear {
        self.year
    }

    pub fn first_school_day(&self) -> NaiveDate {
        self.first_school_day
    }

    pub fn last_visit_day(&self) -> NaiveDate {
        self.last_visit_day
    }

    /// The school holidays, in date order.
    pub fn holidays(&self) -> &[HolidayPeriod] {
        &self.holidays
    }

    pub fn school_holiday(&self, date: NaiveDate) -> Option<SchoolHoliday> {
        self.holidays
            .iter()
            .find(|h| h.contains(date))
            .map(|h| h.kind)
    }

    /// Why `date` is not a day for visits, or `None` when it is one.
    pub fn day_off(&self, date: NaiveDate) -> Option<DayOff> {
        if date < self.first_school_day {
            return Some(DayOff::BeforeFirstSchoolDay);
        }
        if date > self.last_visit_day {
            return Some(DayOff::AfterLastVisitDay);
        }
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Some(DayOff::Weekend);
        }
        if let Some(h) = calendar::holiday(date) {
            return Some(DayOff::PublicHoliday(h));
        }
        self.school_holiday(date).map(DayOff::SchoolHoliday)
    }

    /// A weekday in the visit window, neither a public nor a school holiday.
    pub fn is_visit_day(&self, date: NaiveDate) -> bool {
        self.day_off(date).is_none()
    }

    /// Every visit day of the year, in order.
    pub fn visit_days(&self) -> Vec<NaiveDate> {
        self.first_school_day
            .iter_days()
            .take_while(|d| *d <= self.last_visit_day)
            .filter(|d| self.is_visit_day(*d))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn y2026() -> SchoolYear {
        "2026-27".parse().unwrap()
    }

    #[test]
    fn written_and_read() {
        assert_eq!(y2026().to_string(), "2026-27");
        assert_eq!(y2026().start_year(), 2026);
        assert_eq!("2099-00".parse::<SchoolYear>().unwrap().end_year(), 2100);
        assert_eq!("2026/27".parse(), Ok(y2026()));
        assert_eq!("2026-2027".parse(), Ok(y2026()));
        for bad in [
            "2026-28", "2026", "26-27", "2026-2", "abcd-ef", "1999-00", "2100-01", "", "+202-03",
            "2026-+7",
        ] {
            assert_eq!(
                bad.parse::<SchoolYear>(),
                Err(SchoolYearParseError),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_year_containing_a_date() {
        assert_eq!(SchoolYear::containing(d(2026, 8, 1)), Some(y2026()));
        assert_eq!(SchoolYear::containing(d(2027, 7, 31)), Some(y2026()));
        assert_eq!(
            SchoolYear::containing(d(2026, 7, 31)).map(|y| y.to_string()),
            Some("2025-26".into())
        );
        assert_eq!(SchoolYear::containing(d(1999, 12, 1)), None);
    }

    #[test]
    fn default_calendar_2026_27() {
        let c = SchoolCalendar::new(y2026(), &SchoolCalendarSettings::default());
        assert_eq!(c.first_school_day(), d(2026, 8, 10));
        assert_eq!(c.last_visit_day(), d(2027, 4, 30));
        let kinds: Vec<_> = c
            .holidays()
            .iter()
            .map(|h| (h.kind, h.first, h.last))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (SchoolHoliday::Autumn, d(2026, 10, 10), d(2026, 10, 18)),
                (SchoolHoliday::Christmas, d(2026, 12, 21), d(2027, 1, 1)),
                (SchoolHoliday::Winter, d(2027, 2, 13), d(2027, 2, 21)),
                // Easter Sunday 2027 is 28 March; Palm Sunday 21 March.
                (SchoolHoliday::Easter, d(2027, 3, 20), d(2027, 3, 29)),
            ]
        );
        assert_eq!(c.day_off(d(2026, 8, 7)), Some(DayOff::BeforeFirstSchoolDay));
        assert!(c.is_visit_day(d(2026, 8, 10)));
        assert_eq!(c.day_off(d(2026, 8, 15)), Some(DayOff::Weekend));
        assert_eq!(
            c.day_off(d(2026, 10, 14)),
            Some(DayOff::SchoolHoliday(SchoolHoliday::Autumn))
        );
        assert!(c.is_visit_day(d(2026, 10, 19)));
        assert!(c.is_visit_day(d(2026, 12, 18)));
        assert!(!c.is_visit_day(d(2026, 12, 21)));
        assert!(c.is_visit_day(d(2027, 1, 4)));
        assert!(!c.is_visit_day(d(2027, 2, 15)));
        assert!(c.is_visit_day(d(2027, 2, 22)));
        assert!(c.is_visit_day(d(2027, 3, 19)));
        assert_eq!(
            c.day_off(d(2027, 3, 23)),
            Some(DayOff::SchoolHoliday(SchoolHoliday::Easter))
        );
        assert!(c.is_visit_day(d(2027, 3, 30)));
        assert!(c.is_visit_day(d(2027, 4, 30)));
        assert_eq!(c.day_off(d(2027, 5, 3)), Some(DayOff::AfterLastVisitDay));
        let days = c.visit_days();
        assert_eq!(days.first(), Some(&d(2026, 8, 10)));
        assert_eq!(days.last(), Some(&d(2027, 4, 30)));
        assert!(days.iter().all(|x| c.is_visit_day(*x)));
    }

    #[test]
    fn public_holidays_count_inside_the_window() {
        // Easter off, but a public holiday outside a school holiday still counts.
        let s = SchoolCalendarSettings {
            easter: false,
            christmas_from: MonthDay::new(12, 28),
            ..Default::default()
        };
        let c = SchoolCalendar::new(y2026(), &s);
        assert_eq!(
            c.day_off(d(2027, 3, 25)),
            Some(DayOff::PublicHoliday(Holiday::MaundyThursday))
        );
        assert!(c.is_visit_day(d(2027, 3, 24)));
        assert_eq!(
            c.day_off(d(2026, 12, 24)),
            Some(DayOff::PublicHoliday(Holiday::ChristmasEve))
        );
        assert!(c.is_visit_day(d(2026, 12, 23)));
    }

    #[test]
    fn settings_change_the_defaults() {
        let s = SchoolCalendarSettings {
            first_school_day: FirstSchoolDay::Date(MonthDay::new(8, 12)),
            last_visit_day: MonthDay::new(4, 15),
            autumn_week: None,
            winter_week: Some(WinterWeek::Week8),
            extra: vec![
                (d(2026, 9, 1), d(2026, 9, 2)),
                (d(2026, 9, 9), d(2026, 9, 8)),
            ],
            ..Default::default()
        };
        let c = SchoolCalendar::new(y2026(), &s);
        assert_eq!(c.first_school_day(), d(2026, 8, 12));
        assert_eq!(c.last_visit_day(), d(2027, 4, 15));
        assert!(c.is_visit_day(d(2026, 10, 14)));
        assert!(c.is_visit_day(d(2027, 2, 15)));
        assert!(!c.is_visit_day(d(2027, 2, 22)));
        assert_eq!(
            c.day_off(d(2026, 9, 2)),
            Some(DayOff::SchoolHoliday(SchoolHoliday::Other))
        );
        assert!(c.is_visit_day(d(2026, 9, 8)), "an empty period is ignored");
        // A week that does not exist falls back to week 33.
        let s = SchoolCalendarSettings {
            first_school_day: FirstSchoolDay::MondayOfIsoWeek(60),
            ..Default::default()
        };
        assert_eq!(
            SchoolCalendar::new(y2026(), &s).first_school_day(),
            d(2026, 8, 10)
        );
    }

    #[test]
    fn codes_round_trip() {
        for h in SchoolHoliday::ALL {
            assert_eq!(h.as_str().parse(), Ok(h));
        }
        assert_eq!("summer".parse::<SchoolHoliday>(), Err(UnknownCode));
    }

    proptest! {
        #[test]
        fn format_parse_round_trip(y in 2000i32..2100) {
            let sy = SchoolYear::starting(y).unwrap();
            prop_assert_eq!(sy.to_string().parse::<SchoolYear>(), Ok(sy));
        }

        #[test]
        fn a_date_lies_in_its_school_year(days in 0i64..36000) {
            let date = d(2000, 8, 1) + Duration::days(days);
            if let Some(sy) = SchoolYear::containing(date) {
                prop_assert!(sy.contains(date));
                prop_assert!(!sy.next().is_some_and(|n| n.contains(date)));
            }
        }

        #[test]
        fn visit_days_are_weekdays_without_holidays(y in 2000i32..2099) {
            let c = SchoolCalendar::new(SchoolYear::starting(y).unwrap(), &Default::default());
            let days = c.visit_days();
            prop_assert!(days.len() > 120);
            for day in days {
                prop_assert!(day.weekday().num_days_from_monday() < 5);
                prop_assert!(calendar::holiday(day).is_none());
                prop_assert!(c.school_holiday(day).is_none());
                let e = calendar::easter_sunday(y + 1).unwrap();
                prop_assert!(!(e - Duration::days(8)..=e + Duration::days(1)).contains(&day));
            }
        }
    }
}
