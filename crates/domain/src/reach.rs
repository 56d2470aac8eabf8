//! The reach report's period: a school year (1 August–31 July), a calendar
//! year or a from–to range of dates, bounded, and its months.

use crate::authz::{Action, Decision, DenyReason, StaffActor};
use crate::ids::{MunicipalityId, OrgId};
use crate::org::Role;
use crate::school_year::SchoolYear;
use crate::validate::{FieldErrors, FieldProblem};
use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;

/// The longest period a report covers.
pub const MAX_YEARS: u32 = 5;

/// Why a period is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblem {
    /// A date outside 2000–2100.
    OutOfRange,
    /// The last day is before the first.
    Reversed,
    /// Longer than [`MAX_YEARS`].
    TooLong,
}

/// The days a report covers, both included, in Copenhagen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    pub fn new(first: NaiveDate, last: NaiveDate) -> Result<Period, PeriodProblem> {
        let in_range = |d: NaiveDate| (2000..=2100).contains(&d.year());
        if !in_range(first) || !in_range(last) {
            return Err(PeriodProblem::OutOfRange);
        }
        if last < first {
            return Err(PeriodProblem::Reversed);
        }
        if first
            .checked_add_months(Months::new(12 * MAX_YEARS))
            .is_none_or(|end| last >= end)
        {
            return Err(PeriodProblem::TooLong);
        }
        Ok(Period { first, last })
    }

    pub fn school_year(year: SchoolYear) -> Period {
        Period {
            first: year.first_day(),
            last: year.last_day(),
        }
    }

    /// 1 January–31 December; `None` outside 2000–2100.
    pub fn calendar_year(year: i32) -> Option<Period> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
        Period::new(first, last).ok()
    }

    /// The first instant of the period and the first after it.
    pub fn instants(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            midnight(self.first),
            midnight(self.last + chrono::Days::new(1)),
        )
    }

    /// The months the period touches, as `YYYY-MM`, with the instant each
    /// one ends (clipped to the period's end).
    pub fn months(&self) -> Vec<(String, DateTime<Utc>)> {
        let (_, end) = self.instants();
        let mut month = self.first.with_day(1).expect("day 1 exists");
        let mut out = Vec::new();
        while month <= self.last {
            let next = month + Months::new(1);
            out.push((
                format!("{:04}-{:02}", month.year(), month.month()),
                midnight(next).min(end),
            ));
            month = next;
        }
        out
    }

    /// The school years the period touches, as `2025-26`.
    pub fn school_years(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut y = SchoolYear::containing(self.first);
        while let Some(year) = y {
            if year.first_day() > self.last {
                break;
            }
            out.push(year.to_string());
            y = year.next();
        }
        out
    }
}

/// A period from two `YYYY-MM-DD` dates, or the problems of each field
/// (`from`, `to`).
pub fn parse_period(from: &str, to: &str) -> Result<Period, FieldErrors> {
    let mut errors = FieldErrors::default();
    let date = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| match s.trim() {
            "" => FieldProblem::Required,
            _ => FieldProblem::InvalidDate,
        })
    };
    let first = errors.check("from", date(from));
    let last = errors.check("to", date(to));
    let (Some(first), Some(last)) = (first, last) else {
        return Err(errors);
    };
    match Period::new(first, last) {
        Ok(p) => Ok(p),
        Err(problem) => {
            let (field, problem) = match problem {
                PeriodProblem::OutOfRange if !(2000..=2100).contains(&first.year()) => {
                    ("from", FieldProblem::DateOutOfRange)
                }
                PeriodProblem::OutOfRange => ("to", FieldProblem::DateOutOfRange),
                PeriodProblem::Reversed => ("to", FieldProblem::EndBeforeStart),
                PeriodProblem::TooLong => ("to", FieldProblem::OutOfRange),
            };
            errors.add(field, problem);
            Err(errors)
        }
    }
}

/// Midnight in Copenhagen on `day`, as UTC.
fn midnight(day: NaiveDate) -> DateTime<Utc> {
    let wall = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    Copenhagen
        .from_local_datetime(&wall)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&wall))
}

/// The policy of `Resource::Report`: read only; an organisation's
/// coordinators read its report, the municipality's administrators any
/// organisation's and all of them together (`org: None`).
pub(crate) fn decide(
    staff: &StaffActor,
    action: Action,
    municipality: MunicipalityId,
    org: Option<OrgId>,
) -> Decision {
    use DenyReason::*;
    if municipality != staff.municipality {
        return Decision::Deny(OtherMunicipality);
    }
    if action != Action::Read {
        return Decision::Deny(MissingRole);
    }
    if staff.has(Role::MunicipalityAdmin) {
        return Decision::Allow;
    }
    match org {
        Some(org) if staff.org != org => Decision::Deny(OtherOrganisation),
        Some(_) if staff.has(Role::Coordinator) => Decision::Allow,
        _ => Decision::Deny(MissingRole),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_period_is_bounded_and_in_order() {
        assert!(Period::new(d(2025, 1, 1), d(2025, 12, 31)).is_ok());
        assert_eq!(
            Period::new(d(2025, 2, 1), d(2025, 1, 1)),
            Err(PeriodProblem::Reversed)
        );
        assert_eq!(
            Period::new(d(1999, 2, 1), d(2025, 1, 1)),
            Err(PeriodProblem::OutOfRange)
        );
        assert_eq!(
            Period::new(d(2020, 1, 1), d(2024, 12, 31)).map(|_| ()),
            Ok(())
        );
        assert_eq!(
            Period::new(d(2020, 1, 1), d(2025, 1, 1)),
            Err(PeriodProblem::TooLong)
        );
    }

    #[test]
    fn dates_parse_into_a_period_or_field_problems() {
        assert_eq!(
            parse_period("2025-01-01", "2025-12-31"),
            Ok(Period {
                first: d(2025, 1, 1),
                last: d(2025, 12, 31)
            })
        );
        let problem = |f: &str, t: &str, field: &str| parse_period(f, t).unwrap_err().get(field);
        assert_eq!(
            problem("2025-13-01", "2025-12-31", "from"),
            Some(FieldProblem::InvalidDate)
        );
        assert_eq!(
            problem("", "2025-12-31", "from"),
            Some(FieldProblem::Required)
        );
        assert_eq!(
            problem("2025-02-01", "2025-01-01", "to"),
            Some(FieldProblem::EndBeforeStart)
        );
        assert_eq!(
            problem("2010-01-01", "2025-01-01", "to"),
            Some(FieldProblem::OutOfRange)
        );
        assert_eq!(
            problem("1999-01-01", "2000-01-01", "from"),
            Some(FieldProblem::DateOutOfRange)
        );
    }

    #[test]
    fn a_school_year_has_twelve_months_from_august() {
        let p = Period::school_year(SchoolYear::starting(2025).unwrap());
        let months = p.months();
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].0, "2025-08");
        assert_eq!(months[11].0, "2026-07");
        // Midnight in Copenhagen: summer time in August, UTC+2.
        assert_eq!(p.instants().0.to_rfc3339(), "2025-07-31T22:00:00+00:00");
        assert_eq!(p.school_years(), vec!["2025-26".to_string()]);
    }

    #[test]
    fn a_range_touches_parts_of_months_and_school_years() {
        let p = Period::new(d(2025, 6, 15), d(2025, 9, 2)).unwrap();
        let names: Vec<_> = p.months().into_iter().map(|m| m.0).collect();
        assert_eq!(names, ["2025-06", "2025-07", "2025-08", "2025-09"]);
        assert_eq!(p.months()[3].1, p.instants().1);
        assert_eq!(p.school_years(), ["2024-25", "2025-26"]);
    }
}
