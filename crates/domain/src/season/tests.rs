use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use super::*;
use crate::availability::{Exception, WeeklyHours};
use crate::school_year::{SchoolCalendarSettings, SchoolYear};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn r(a: (u32, u32), b: (u32, u32)) -> TimeRange {
    TimeRange::hm(a, b).unwrap()
}

fn calendar() -> SchoolCalendar {
    SchoolCalendar::new(
        SchoolYear::starting(2026).unwrap(),
        &SchoolCalendarSettings::default(),
    )
}

fn school(id: i64) -> School {
    School {
        id: OrgId(id),
        weekdays: vec![],
        window: r((8, 15), (11, 15)),
        visit_minutes: 180,
    }
}

fn person(id: i64, kind: OrgKind, competence: &str) -> Staff {
    Staff {
        id: StaffId(id),
        kind,
        competences: vec![competence.into()],
        availability: Availability::new(WeeklyHours::weekdays(r((8, 0), (16, 0)))),
        busy: vec![],
    }
}

fn lib(id: i64) -> Staff {
    person(id, OrgKind::Library, "digital_security")
}

fn cit(id: i64) -> Staff {
    person(id, OrgKind::CitizenService, "mitid_issue")
}

fn classes(n: i64, schools: i64) -> Vec<Class> {
    (0..n)
        .map(|i| Class {
            id: ClassId(i + 1),
            school: OrgId(i % schools + 1),
        })
        .collect()
}

struct Case {
    calendar: SchoolCalendar,
    schools: Vec<School>,
    classes: Vec<Class>,
    staff: Vec<Staff>,
    fixed: Vec<Visit>,
    settings: PlanSettings,
}

impl Case {
    fn new(n: i64, schools: i64, staff: Vec<Staff>) -> Self {
        Case {
            calendar: calendar(),
            schools: (1..=schools).map(school).collect(),
            classes: classes(n, schools),
            staff,
            fixed: vec![],
            settings: PlanSettings::default(),
        }
    }

    fn input(&self) -> SeasonInput<'_> {
        SeasonInput {
            calendar: &self.calendar,
            schools: &self.schools,
            classes: &self.classes,
            staff: &self.staff,
            fixed: &self.fixed,
            settings: &self.settings,
        }
    }

    fn plan(&self) -> Plan {
        let plan = propose(&self.input());
        assert_eq!(
            check(&self.input(), &plan.visits),
            vec![],
            "a proposal has no conflicts"
        );
        plan
    }
}

fn load(plan: &Plan) -> HashMap<StaffId, usize> {
    let mut m = HashMap::new();
    for v in &plan.visits {
        for s in &v.staff {
            *m.entry(*s).or_default() += 1;
        }
    }
    m
}

#[test]
fn every_class_gets_a_staffed_visit_spread_over_the_season() {
    let case = Case::new(8, 3, vec![lib(1), lib(2), cit(3), cit(4)]);
    let plan = case.plan();
    assert!(plan.unplaced.is_empty());
    assert_eq!(plan.visits.len(), 8);
    let days = case.calendar.visit_days();
    for v in &plan.visits {
        assert!(case.calendar.is_visit_day(v.date));
        assert_eq!((v.start, v.end), (t(8, 15), t(11, 15)));
        assert_eq!(v.staff.len(), 2);
    }
    // Spread: one per eighth of the season, in order.
    for (k, v) in plan.visits.iter().enumerate() {
        let i = days.iter().position(|x| *x == v.date).unwrap();
        assert!(
            i * 8 / days.len() == k,
            "visit {k} on day {i} of {}",
            days.len()
        );
    }
    assert_eq!(propose(&case.input()), plan, "deterministic");
}

#[test]
fn never_on_holidays_and_full_days_leave_classes_unplaced() {
    let case = Case::new(200, 1, vec![lib(1), cit(2)]);
    let plan = case.plan();
    let days = case.calendar.visit_days();
    assert_eq!(
        plan.visits.len(),
        days.len(),
        "one visit a day for one pair"
    );
    assert_eq!(plan.unplaced.len(), 200 - days.len());
    assert!(
        plan.unplaced
            .iter()
            .all(|u| u.reason == UnplacedReason::NoFreeTime)
    );
    assert!(
        plan.visits
            .iter()
            .all(|v| case.calendar.is_visit_day(v.date))
    );
    assert!(
        !plan
            .visits
            .iter()
            .any(|v| v.date == d(2026, 10, 14) || v.date == d(2027, 3, 25))
    );
}

#[test]
fn only_on_the_schools_weekdays() {
    let mut case = Case::new(12, 2, vec![lib(1), cit(2)]);
    case.schools[0].weekdays = vec![Weekday::Tue, Weekday::Thu];
    case.schools[1].weekdays = vec![Weekday::Fri, Weekday::Sat];
    let plan = case.plan();
    for v in &plan.visits {
        let allowed: &[Weekday] = if v.class.0 % 2 == 1 {
            &[Weekday::Tue, Weekday::Thu]
        } else {
            &[Weekday::Fri]
        };
        assert!(allowed.contains(&v.date.weekday()), "{v:?}");
    }
    assert_eq!(plan.visits.len(), 12);
}

#[test]
fn within_availability_and_around_busy_time() {
    let mut fridays = lib(1);
    fridays.availability = Availability::new({
        let mut w = WeeklyHours::new();
        w.add(Weekday::Fri, r((8, 0), (12, 0)));
        w
    });
    let mut c = cit(2);
    // Busy on the first Friday, off the second; 9:00–9:30 wall time is 7:00 UTC in August.
    c.busy = vec![
        Interval::new(
            Utc.with_ymd_and_hms(2026, 8, 14, 7, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 8, 14, 7, 30, 0).unwrap(),
        )
        .unwrap(),
    ];
    c.availability
        .exceptions
        .push(Exception::DayOff(d(2026, 8, 21)));
    let mut case = Case::new(1, 1, vec![fridays, c]);
    // One class aimed at the middle of the season, with a narrow season.
    case.calendar = SchoolCalendar::new(
        SchoolYear::starting(2026).unwrap(),
        &SchoolCalendarSettings {
            extra: vec![(d(2026, 8, 31), d(2027, 6, 30))],
            ..Default::default()
        },
    );
    let plan = case.plan();
    assert_eq!(plan.visits[0].date, d(2026, 8, 28));
    // Without the competence the Friday person is never chosen.
    case.staff[0].competences.clear();
    let plan = case.plan();
    assert_eq!(plan.unplaced[0].reason, UnplacedReason::NoLibraryStaff);
}

#[test]
fn competences_and_kinds() {
    // A citizen-service person with the library's competence cannot be the library person.
    let case = Case::new(
        2,
        1,
        vec![
            person(1, OrgKind::CitizenService, "digital_security"),
            cit(2),
        ],
    );
    let plan = case.plan();
    assert_eq!(plan.unplaced.len(), 2);
    assert!(
        plan.unplaced
            .iter()
            .all(|u| u.reason == UnplacedReason::NoLibraryStaff)
    );
    let case = Case::new(1, 1, vec![lib(1), person(2, OrgKind::CitizenService, "x")]);
    assert_eq!(
        case.plan().unplaced[0].reason,
        UnplacedReason::NoCitizenServiceStaff
    );
    // Unqualified people stay out even when less loaded.
    let case = Case::new(
        6,
        2,
        vec![lib(1), person(5, OrgKind::Library, "other"), cit(2)],
    );
    let plan = case.plan();
    assert!(
        plan.visits
            .iter()
            .all(|v| v.staff == vec![StaffId(1), StaffId(2)])
    );
}

fn one_day_staff(day: NaiveDate) -> Vec<Staff> {
    [lib(1), cit(2)]
        .into_iter()
        .map(|mut s| {
            s.availability = Availability::new(WeeklyHours::new());
            s.availability
                .exceptions
                .push(Exception::Extra(day, r((8, 0), (16, 0))));
            s
        })
        .collect()
}

#[test]
fn nobody_in_two_places_at_once_and_travel_time() {
    let day = d(2026, 11, 11);
    let mut case = Case::new(2, 2, one_day_staff(day));
    case.schools[0].window = r((8, 0), (9, 0));
    case.schools[1].window = r((9, 15), (10, 15));
    for s in &mut case.schools {
        s.visit_minutes = 60;
    }
    let plan = case.plan();
    assert_eq!(
        (plan.visits.len(), plan.unplaced.len()),
        (1, 1),
        "15 minutes is too little travel"
    );
    case.settings.travel_minutes = 15;
    assert_eq!(case.plan().visits.len(), 2);
    // Two classes at one school follow each other without travel time.
    let mut case = Case::new(3, 1, one_day_staff(day));
    case.schools[0].window = r((8, 0), (10, 30));
    case.schools[0].visit_minutes = 60;
    let plan = case.plan();
    let times: Vec<_> = plan.visits.iter().map(|v| (v.start, v.end)).collect();
    assert_eq!(times, vec![(t(8, 0), t(9, 0)), (t(9, 0), t(10, 0))]);
    assert_eq!(
        plan.unplaced,
        vec![Unplaced {
            class: ClassId(3),
            reason: UnplacedReason::NoFreeTime
        }]
    );
}

#[test]
fn staff_load_is_balanced() {
    let case = Case::new(40, 5, vec![lib(1), lib(2), lib(3), cit(4), cit(5)]);
    let plan = case.plan();
    let l = load(&plan);
    let libs = [l[&StaffId(1)], l[&StaffId(2)], l[&StaffId(3)]];
    assert_eq!(libs.iter().sum::<usize>(), 40);
    assert!(
        libs.iter().max().unwrap() - libs.iter().min().unwrap() <= 1,
        "{libs:?}"
    );
    assert_eq!((l[&StaffId(4)], l[&StaffId(5)]), (20, 20));
}

#[test]
fn fixed_visits_are_kept_and_respected() {
    let day = d(2026, 11, 11);
    let mut case = Case::new(2, 2, one_day_staff(day));
    case.fixed = vec![Visit {
        class: ClassId(2),
        date: day,
        start: t(8, 15),
        end: t(11, 15),
        staff: vec![StaffId(1), StaffId(2)],
    }];
    let plan = case.plan();
    assert_eq!(plan.visits, case.fixed);
    assert_eq!(
        plan.unplaced,
        vec![Unplaced {
            class: ClassId(1),
            reason: UnplacedReason::NoFreeTime
        }]
    );
}

#[test]
fn classes_that_cannot_be_planned_say_why() {
    let mut case = Case::new(4, 3, vec![lib(1), cit(2)]);
    case.classes.push(Class {
        id: ClassId(1),
        school: OrgId(1),
    });
    case.schools.remove(2); // school 3 (class 3)
    case.schools[1].visit_minutes = 240; // school 2 (class 2)
    let plan = case.plan();
    let reasons: Vec<_> = plan
        .unplaced
        .iter()
        .map(|u| (u.class.0, u.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (2, "no_school_time"),
            (3, "unknown_school"),
            (1, "duplicate")
        ]
    );
    for r in UnplacedReason::ALL {
        assert_eq!(r.as_str().parse(), Ok(*r));
    }
}

fn codes(input: &SeasonInput, visits: &[Visit]) -> Vec<(i64, &'static str, Option<i64>)> {
    check(input, visits)
        .into_iter()
        .map(|c| (c.class.0, c.code.as_str(), c.staff.map(|s| s.0)))
        .collect()
}

#[test]
fn check_lists_the_conflicts_of_an_edited_plan() {
    let mut case = Case::new(5, 2, vec![lib(1), cit(2), lib(3)]);
    case.schools[1].weekdays = vec![Weekday::Mon];
    case.staff[1].busy = vec![TimeRange::hm((11, 0), (12, 0)).unwrap().on(d(2026, 11, 2))];
    let input = case.input();
    let visit = |class, date, start: (u32, u32), end: (u32, u32), staff: &[i64]| Visit {
        class: ClassId(class),
        date,
        start: t(start.0, start.1),
        end: t(end.0, end.1),
        staff: staff.iter().map(|s| StaffId(*s)).collect(),
    };
    let ok = visit(1, d(2026, 11, 11), (8, 15), (11, 15), &[1, 2]);
    assert_eq!(codes(&input, std::slice::from_ref(&ok)), vec![]);
    use ConflictCode as C;
    for (v, want) in [
        (
            visit(1, d(2026, 10, 14), (8, 15), (11, 15), &[1, 2]),
            vec![(1, "school_holiday", None)],
        ),
        (
            visit(1, d(2026, 12, 25), (8, 15), (11, 15), &[1, 2]),
            vec![(1, "public_holiday", None)],
        ),
        (
            visit(1, d(2026, 11, 14), (8, 15), (11, 15), &[1, 2]),
            vec![
                (1, "weekend", None),
                (1, "not_school_weekday", None),
                (1, "outside_availability", Some(1)),
                (1, "outside_availability", Some(2)),
            ],
        ),
        (
            visit(1, d(2027, 5, 3), (8, 15), (11, 15), &[1, 2]),
            vec![(1, "outside_season", None)],
        ),
        (
            visit(2, d(2026, 11, 11), (8, 15), (11, 15), &[1, 2]),
            vec![(2, "not_school_weekday", None)],
        ),
        (
            visit(1, d(2026, 11, 11), (8, 0), (11, 0), &[1, 2]),
            vec![(1, "outside_school_window", None)],
        ),
        (
            visit(1, d(2026, 11, 11), (10, 0), (9, 0), &[1, 2]),
            vec![(1, "end_before_start", None)],
        ),
        (
            visit(1, d(2026, 11, 11), (8, 15), (11, 15), &[1, 9]),
            vec![
                (1, "unknown_staff", Some(9)),
                (1, "missing_citizen_service_staff", None),
            ],
        ),
        (
            visit(1, d(2026, 11, 11), (8, 15), (11, 15), &[2]),
            vec![(1, "missing_library_staff", None)],
        ),
        (
            visit(1, d(2026, 11, 2), (8, 15), (11, 15), &[1, 2]),
            vec![(1, "busy", Some(2))],
        ),
        (
            visit(1, d(2026, 11, 2), (8, 0), (10, 45), &[1, 2]),
            vec![
                (1, "outside_school_window", None),
                (1, "no_travel_time", Some(2)),
            ],
        ),
        (
            visit(9, d(2026, 11, 11), (8, 15), (11, 15), &[1, 2]),
            vec![(9, "unknown_class", None)],
        ),
    ] {
        assert_eq!(codes(&input, std::slice::from_ref(&v)), want, "{v:?}");
    }
    // Double booking on both visits; travel time between schools; a class twice.
    let plan = [
        ok.clone(),
        visit(3, d(2026, 11, 11), (9, 0), (10, 0), &[3, 2]),
        visit(2, d(2026, 11, 16), (8, 15), (11, 15), &[1, 2]),
        visit(5, d(2026, 11, 16), (11, 30), (12, 0), &[3, 2]),
        visit(1, d(2026, 11, 12), (8, 15), (11, 15), &[1, 2]),
    ];
    let found = check(&input, &plan);
    let has = |class, code, staff: i64, other: i64| {
        found.contains(&Conflict {
            class: ClassId(class),
            code,
            staff: Some(StaffId(staff)),
            other: Some(ClassId(other)),
        })
    };
    assert!(has(1, C::DoubleBooked, 2, 3) && has(3, C::DoubleBooked, 2, 1));
    assert!(has(2, C::NoTravelTime, 2, 5) && has(5, C::NoTravelTime, 2, 2));
    assert!(
        found
            .iter()
            .any(|c| c.class == ClassId(1) && c.code == C::ClassTwice)
    );
    assert!(
        !found
            .iter()
            .any(|c| c.staff == Some(StaffId(1)) && c.code == C::DoubleBooked)
    );
    for c in ConflictCode::ALL {
        assert_eq!(c.as_str().parse(), Ok(*c));
    }
}

/// 100 classes at 20 schools, 10 staff: the timing is printed (run with
/// `cargo test --release -p samvirke-domain season -- --nocapture`).
#[test]
fn season_of_a_hundred_classes() {
    let mut staff: Vec<Staff> = (1..=5).map(lib).chain((6..=10).map(cit)).collect();
    for (i, s) in staff.iter_mut().enumerate() {
        // Part-time people, days off and busy mornings, so the search has work to do.
        if i % 3 == 0 {
            s.availability.weekly = WeeklyHours::new();
            for day in [Weekday::Mon, Weekday::Wed, Weekday::Thu] {
                s.availability.weekly.add(day, r((8, 0), (15, 0)));
            }
        }
        let mut day = d(2026, 8, 10) + chrono::Duration::days(i as i64);
        while day < d(2027, 5, 1) {
            s.busy.push(TimeRange::hm((9, 0), (10, 0)).unwrap().on(day));
            s.availability
                .exceptions
                .push(Exception::DayOff(day + chrono::Duration::days(2)));
            day += chrono::Duration::days(7);
        }
    }
    let mut case = Case::new(100, 20, staff);
    for (i, s) in case.schools.iter_mut().enumerate() {
        if i % 4 == 0 {
            s.weekdays = vec![Weekday::Tue, Weekday::Thu];
        }
    }
    let started = std::time::Instant::now();
    let plan = propose(&case.input());
    let planned = started.elapsed();
    let conflicts = check(&case.input(), &plan.visits);
    let total = started.elapsed();
    println!(
        "season: 100 classes, 20 schools, 10 staff: proposed in {planned:?}, checked too in {total:?}"
    );
    assert_eq!(plan.visits.len(), 100, "{:?}", plan.unplaced);
    assert_eq!(conflicts, vec![]);
    let l = load(&plan);
    let libs: Vec<usize> = (1..=5)
        .map(|i| l.get(&StaffId(i)).copied().unwrap_or(0))
        .collect();
    assert!(
        libs.iter().max().unwrap() - libs.iter().min().unwrap() <= 2,
        "{libs:?}"
    );
}

mod prop;
