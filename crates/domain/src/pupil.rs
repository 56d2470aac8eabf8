//! A pupil's age, Digital Post group, MitID status and group on the visit
//! day. Pure functions of the birth date and the dates given.
//!
//! Birthdays on 29 February: in common years the birthday is 1 March (the
//! Danish rule for counting age), so such a pupil turns 15 on 1 March.

use chrono::{Datelike, NaiveDate};

use crate::codes::code_enum;
use crate::school_year::{MonthDay, SchoolYear};

/// Whole years of age on `on`; see the module documentation for 29 February.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    crate::cpr::age_on(born, on)
}

/// The day someone born on `born` turns `age`: 29 February becomes 1 March
/// in common years. `None` beyond chrono's range.
pub fn turns_on(born: NaiveDate, age: u32) -> Option<NaiveDate> {
    let year = born.year().checked_add(i32::try_from(age).ok()?)?;
    NaiveDate::from_ymd_opt(year, born.month(), born.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

pub fn turns_15_on(born: NaiveDate) -> Option<NaiveDate> {
    turns_on(born, 15)
}

pub fn turns_13_on(born: NaiveDate) -> Option<NaiveDate> {
    turns_on(born, 13)
}

/// Digital Post on the visit day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigitalPost {
    /// Old enough on the visit day.
    Active,
    /// Turns old enough before the cut-off day of the school year's end.
    Turns15ThisYear,
    Later,
}

code_enum!(DigitalPost {
    Active => "active",
    Turns15ThisYear => "turns_15_this_year",
    Later => "later",
});

/// The rules for the groups. `Default` is today's law.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PupilRules {
    /// Digital Post starts at this age (15).
    pub digital_post_age: u32,
    /// "This year" ends the day before this day of the school year's end
    /// year (1 August: the school year).
    pub this_year_until: MonthDay,
    /// MitID can be had from this age (13).
    pub mitid_age: u32,
}

impl Default for PupilRules {
    fn default() -> Self {
        PupilRules {
            digital_post_age: 15,
            this_year_until: MonthDay::new(8, 1),
            mitid_age: 13,
        }
    }
}

/// A pupil's Digital Post group and the day it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigitalPostStatus {
    pub group: DigitalPost,
    /// The day the pupil reaches the Digital Post age.
    pub starts_on: Option<NaiveDate>,
}

pub fn digital_post(
    born: NaiveDate,
    visit_day: NaiveDate,
    year: SchoolYear,
    rules: &PupilRules,
) -> DigitalPostStatus {
    let starts_on = turns_on(born, rules.digital_post_age);
    let until = rules.this_year_until.in_year(year.end_year());
    let group = match (starts_on, until) {
        (Some(s), _) if s <= visit_day => DigitalPost::Active,
        (Some(s), Some(u)) if s < u => DigitalPost::Turns15ThisYear,
        _ => DigitalPost::Later,
    };
    DigitalPostStatus { group, starts_on }
}

/// What is known about a pupil's MitID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MitIdStatus {
    #[default]
    Unknown,
    Has,
    WantsAtVisit,
    NotNow,
}

code_enum!(MitIdStatus {
    Unknown => "unknown",
    Has => "has",
    WantsAtVisit => "wants_at_visit",
    NotNow => "not_now",
});

/// Why a MitID status was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MitIdProblem {
    /// Only `unknown` is possible before the MitID age.
    TooYoung,
}

impl MitIdProblem {
    pub fn as_str(self) -> &'static str {
        "mitid_too_young"
    }
}

/// A status other than `unknown` only from the MitID age; `age` as
/// [`age_on`] gives it for the day the status is recorded.
pub fn check_mitid(
    status: MitIdStatus,
    age: i32,
    rules: &PupilRules,
) -> Result<MitIdStatus, MitIdProblem> {
    if status == MitIdStatus::Unknown || i64::from(age) >= i64::from(rules.mitid_age) {
        Ok(status)
    } else {
        Err(MitIdProblem::TooYoung)
    }
}

/// The visit day's three groups (the seed's last part of the visit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VisitGroup {
    /// MitID made with the citizen service, for those who want it now.
    MitIdNow,
    /// Security questions and practice with the library, for those who have it.
    SecurityPractice,
    /// "What happens when you turn 15" with the citizen service.
    Turning15,
}

code_enum!(VisitGroup {
    MitIdNow => "mitid_now",
    SecurityPractice => "security_practice",
    Turning15 => "turning_15",
});

/// The group of a pupil on the visit day:
/// - has MitID: security and practice;
/// - wants it at the visit and is old enough for MitID: MitID now;
/// - otherwise under the Digital Post age: what happens at 15;
/// - otherwise (15 or older, no MitID wanted now or status unknown):
///   security and practice, since what happens at 15 has already happened.
pub fn visit_group(
    born: NaiveDate,
    visit_day: NaiveDate,
    mitid: MitIdStatus,
    rules: &PupilRules,
) -> VisitGroup {
    let age = i64::from(age_on(born, visit_day));
    match mitid {
        MitIdStatus::Has => VisitGroup::SecurityPractice,
        MitIdStatus::WantsAtVisit if age >= i64::from(rules.mitid_age) => VisitGroup::MitIdNow,
        _ if age < i64::from(rules.digital_post_age) => VisitGroup::Turning15,
        _ => VisitGroup::SecurityPractice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::UnknownCode;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn year() -> SchoolYear {
        "2026-27".parse().unwrap()
    }

    #[test]
    fn leap_day_birthdays_turn_on_1_march() {
        let born = d(2012, 2, 29);
        assert_eq!(turns_15_on(born), Some(d(2027, 3, 1)));
        assert_eq!(turns_13_on(born), Some(d(2025, 3, 1)));
        assert_eq!(turns_on(born, 16), Some(d(2028, 2, 29)));
        assert_eq!(age_on(born, d(2027, 2, 28)), 14);
        assert_eq!(age_on(born, d(2027, 3, 1)), 15);
        assert_eq!(turns_15_on(d(2011, 12, 31)), Some(d(2026, 12, 31)));
    }

    #[test]
    fn digital_post_groups() {
        let r = PupilRules::default();
        let visit = d(2026, 11, 10);
        let s = digital_post(d(2011, 11, 10), visit, year(), &r);
        assert_eq!(s.group, DigitalPost::Active, "15 on the visit day");
        assert_eq!(s.starts_on, Some(d(2026, 11, 10)));
        let s = digital_post(d(2011, 11, 11), visit, year(), &r);
        assert_eq!(s.group, DigitalPost::Turns15ThisYear);
        assert_eq!(s.starts_on, Some(d(2026, 11, 11)));
        let s = digital_post(d(2012, 7, 31), visit, year(), &r);
        assert_eq!(s.group, DigitalPost::Turns15ThisYear);
        assert_eq!(s.starts_on, Some(d(2027, 7, 31)));
        let s = digital_post(d(2012, 8, 1), visit, year(), &r);
        assert_eq!(s.group, DigitalPost::Later);
        let s = digital_post(d(2012, 2, 29), visit, year(), &r);
        assert_eq!(
            (s.group, s.starts_on),
            (DigitalPost::Turns15ThisYear, Some(d(2027, 3, 1)))
        );
        // A setting moves the age.
        let r16 = PupilRules {
            digital_post_age: 16,
            ..r
        };
        let born = d(2011, 1, 1);
        assert_eq!(
            digital_post(born, visit, year(), &r).group,
            DigitalPost::Active
        );
        let s = digital_post(born, visit, year(), &r16);
        assert_eq!(
            (s.group, s.starts_on),
            (DigitalPost::Turns15ThisYear, Some(d(2027, 1, 1)))
        );
    }

    #[test]
    fn mitid_only_from_13() {
        let r = PupilRules::default();
        let born = d(2013, 5, 1);
        for s in MitIdStatus::ALL.iter().copied() {
            let at_13 = check_mitid(s, age_on(born, d(2026, 5, 1)), &r);
            assert_eq!(at_13, Ok(s));
            let before = check_mitid(s, age_on(born, d(2026, 4, 30)), &r);
            if s == MitIdStatus::Unknown {
                assert_eq!(before, Ok(s));
            } else {
                assert_eq!(before, Err(MitIdProblem::TooYoung));
            }
        }
    }

    #[test]
    fn visit_groups() {
        let r = PupilRules::default();
        let visit = d(2026, 11, 10);
        let fifteen = d(2011, 6, 1);
        let fourteen = d(2012, 6, 1);
        let twelve = d(2014, 6, 1);
        use MitIdStatus::*;
        use VisitGroup::*;
        for (born, status, group) in [
            (fifteen, Has, SecurityPractice),
            (fifteen, WantsAtVisit, MitIdNow),
            (fifteen, Unknown, SecurityPractice),
            (fifteen, NotNow, SecurityPractice),
            (fourteen, Has, SecurityPractice),
            (fourteen, WantsAtVisit, MitIdNow),
            (fourteen, Unknown, Turning15),
            (fourteen, NotNow, Turning15),
            (twelve, WantsAtVisit, Turning15),
        ] {
            assert_eq!(
                visit_group(born, visit, status, &r),
                group,
                "{born} {status}"
            );
        }
    }

    #[test]
    fn codes_round_trip() {
        for g in DigitalPost::ALL {
            assert_eq!(g.as_str().parse(), Ok(*g));
        }
        for s in MitIdStatus::ALL {
            assert_eq!(s.as_str().parse(), Ok(*s));
        }
        for g in VisitGroup::ALL {
            assert_eq!(g.to_string().parse(), Ok(*g));
        }
        assert_eq!("Active".parse::<DigitalPost>(), Err(UnknownCode));
    }

    proptest! {
        #[test]
        fn the_15th_birthday_is_the_first_day_at_15(days in 0i64..20000) {
            let born = d(2000, 1, 1) + chrono::Duration::days(days);
            let t = turns_15_on(born).unwrap();
            prop_assert_eq!(age_on(born, t), 15);
            prop_assert_eq!(age_on(born, t.pred_opt().unwrap()), 14);
        }

        #[test]
        fn groups_follow_the_15th_birthday(days in 0i64..9000, visit_off in 0i64..260) {
            let born = d(2005, 1, 1) + chrono::Duration::days(days);
            let visit = d(2026, 8, 10) + chrono::Duration::days(visit_off);
            let s = digital_post(born, visit, year(), &PupilRules::default());
            let t = s.starts_on.unwrap();
            match s.group {
                DigitalPost::Active => prop_assert!(age_on(born, visit) >= 15),
                DigitalPost::Turns15ThisYear => prop_assert!(t > visit && t < d(2027, 8, 1)),
                DigitalPost::Later => prop_assert!(t >= d(2027, 8, 1)),
            }
        }
    }
}
