//! Random seasons: every proposal passes the check.

use super::*;
use proptest::prelude::*;

fn weekday(i: u8) -> Weekday {
    Weekday::try_from(i % 7).unwrap()
}

prop_compose! {
    fn a_person(id: i64)(
        kind in prop_oneof![Just(OrgKind::Library), Just(OrgKind::CitizenService)],
        qualified in proptest::bool::weighted(0.8),
        days in proptest::collection::vec(0u8..7, 1..5),
        hours in (7u32..10, 3u32..8),
        busy in proptest::collection::vec((0i64..260, 7u32..14, 1u32..4), 0..20),
        off in proptest::collection::vec(0i64..260, 0..10),
    ) -> Staff {
        let code = match (kind, qualified) {
            (OrgKind::Library, true) => "digital_security",
            (_, true) => "mitid_issue",
            _ => "other",
        };
        let mut s = person(id, kind, code);
        s.availability.weekly = WeeklyHours::new();
        for day in days {
            s.availability.weekly.add(weekday(day), r((hours.0, 0), (hours.0 + hours.1, 0)));
        }
        let first = d(2026, 8, 10);
        for (day, h, len) in busy {
            let date = first + chrono::Duration::days(day);
            s.busy.push(r((h, 0), (h + len, 0)).on(date));
        }
        for day in off {
            s.availability.exceptions.push(Exception::DayOff(first + chrono::Duration::days(day)));
        }
        s
    }
}

fn staff() -> impl Strategy<Value = Vec<Staff>> {
    (1usize..6).prop_flat_map(|n| (0..n as i64).map(|i| a_person(i + 1)).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_proposal_passes_the_check(
        staff in staff(),
        n in 0i64..25,
        schools in 1i64..5,
        school_days in proptest::collection::vec(proptest::collection::vec(0u8..7, 0..3), 4),
        window in (7u32..10, 0u32..4, 60u32..200),
        travel in 0u32..60,
    ) {
        let mut case = Case::new(n, schools, staff);
        for (s, days) in case.schools.iter_mut().zip(school_days) {
            s.weekdays = days.into_iter().map(weekday).collect();
            s.window = r((window.0, 0), (window.0 + window.1 + 2, 0));
            s.visit_minutes = window.2;
        }
        case.settings.travel_minutes = travel;
        let plan = propose(&case.input());
        prop_assert_eq!(check(&case.input(), &plan.visits), vec![]);
        let mut classes: Vec<ClassId> = plan.visits.iter().map(|v| v.class)
            .chain(plan.unplaced.iter().map(|u| u.class)).collect();
        classes.sort();
        prop_assert_eq!(classes, case.classes.iter().map(|c| c.id).collect::<Vec<_>>());
        prop_assert_eq!(propose(&case.input()), plan);
    }
}
