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
use crate::codes::code_enum;
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

code_enum!(SchoolHoliday {
    Autumn => "autumn",
    Christmas => "christmas",
    Winter => "winter",
    Easter => "easter",
    Other => "other",
});

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

    /// The same calendar with no visit day before `date`: a plan made
    /// today proposes no day that has passed.
    pub fn not_before(mut self, date: NaiveDate) -> Self {
        self.first_school_day = self.first_school_day.max(date);
        self
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
mod tests;
