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
        assert_eq!(h.as_str().parse(), Ok(*h));
    }
    assert_eq!(
        "summer".parse::<SchoolHoliday>(),
        Err(crate::codes::UnknownCode)
    );
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
