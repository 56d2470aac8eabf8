use super::*;
use crate::availability::{Availability, Exception, Interval, TimeRange, WeeklyHours, local};
use chrono::{NaiveDate, NaiveTime, TimeZone, Weekday};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    local(date, NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

fn rules() -> ServiceRules {
    ServiceRules {
        minutes: 30,
        buffer_minutes: 0,
        notice_hours: 0,
        horizon_days: 60,
        cancel_hours: 24,
    }
}

fn nine_to_eleven() -> Availability {
    Availability::new(WeeklyHours::weekdays(
        TimeRange::hm((9, 0), (11, 0)).unwrap(),
    ))
}

fn person(id: i64, availability: Availability, busy: Vec<Interval>) -> StaffDay {
    StaffDay {
        staff_id: id,
        availability,
        busy,
    }
}

// Sunday 29 November 2026, 10:00 in Copenhagen.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 9, 0, 0).unwrap()
}

fn search(rules: ServiceRules, from: NaiveDate, to: NaiveDate) -> SlotSearch {
    SlotSearch {
        rules,
        now: now(),
        from,
        to,
    }
}

fn starts(slots: &[Slot]) -> Vec<DateTime<Utc>> {
    slots.iter().map(|s| s.starts_at).collect()
}

#[test]
fn working_time_cut_into_appointments() {
    let monday = d(2026, 11, 30);
    let s = slots(
        &search(rules(), monday, monday),
        &[person(1, nine_to_eleven(), vec![])],
    );
    assert_eq!(
        starts(&s),
        vec![
            at(monday, 9, 0),
            at(monday, 9, 30),
            at(monday, 10, 0),
            at(monday, 10, 30)
        ]
    );
    assert_eq!(s[0].ends_at, at(monday, 9, 30));
    assert!(s.iter().all(|s| s.free == 1));
    let none = slots(
        &search(rules(), d(2026, 12, 5), d(2026, 12, 6)),
        &[person(1, nine_to_eleven(), vec![])],
    );
    assert!(none.is_empty(), "no hours at the weekend");
}

#[test]
fn a_time_is_listed_once_with_how_many_are_free() {
    let monday = d(2026, 11, 30);
    let busy = vec![Interval::new(at(monday, 9, 0), at(monday, 9, 30)).unwrap()];
    let s = slots(
        &search(rules(), monday, monday),
        &[
            person(1, nine_to_eleven(), vec![]),
            person(2, nine_to_eleven(), busy.clone()),
            person(3, nine_to_eleven(), vec![]),
        ],
    );
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].free, 2);
    assert_eq!(s[1].free, 3);
    let staff = [
        person(1, nine_to_eleven(), busy),
        person(2, nine_to_eleven(), vec![]),
    ];
    assert_eq!(
        free_staff_at(&rules(), now(), &staff, at(monday, 9, 0)),
        vec![2]
    );
    assert_eq!(
        free_staff_at(&rules(), now(), &staff, at(monday, 9, 30)),
        vec![1, 2]
    );
    assert!(
        free_staff_at(&rules(), now(), &staff, at(monday, 9, 10)).is_empty(),
        "not a time the service offers"
    );
}

#[test]
fn exceptions_take_away_and_add_time() {
    let mut a = nine_to_eleven();
    a.exceptions = vec![
        Exception::DayOff(d(2026, 11, 30)),
        Exception::Off(d(2026, 12, 1), TimeRange::hm((9, 0), (10, 0)).unwrap()),
        Exception::Extra(d(2026, 12, 5), TimeRange::hm((12, 0), (13, 0)).unwrap()),
    ];
    let s = slots(
        &search(rules(), d(2026, 11, 30), d(2026, 12, 5)),
        &[person(1, a, vec![])],
    );
    let on = |date: NaiveDate| {
        s.iter()
            .filter(|x| {
                x.starts_at
                    .with_timezone(&chrono_tz::Europe::Copenhagen)
                    .date_naive()
                    == date
            })
            .count()
    };
    assert_eq!(on(d(2026, 11, 30)), 0, "a day off");
    assert_eq!(on(d(2026, 12, 1)), 2, "off 9–10");
    assert_eq!(on(d(2026, 12, 2)), 4);
    assert_eq!(on(d(2026, 12, 5)), 2, "a Saturday's extra hour");
}

#[test]
fn the_buffer_keeps_time_free_around_appointments_and_sessions() {
    let monday = d(2026, 11, 30);
    let r = ServiceRules {
        buffer_minutes: 10,
        ..rules()
    };
    // 9:00–9:30, 9:40–10:10, 10:20–10:50; 11:00 would end past 11.
    let s = slots(
        &search(r, monday, monday),
        &[person(1, nine_to_eleven(), vec![])],
    );
    assert_eq!(
        starts(&s),
        vec![at(monday, 9, 0), at(monday, 9, 40), at(monday, 10, 20)]
    );
    // A session until 9:35 leaves 9:40 too close to it.
    let busy = vec![Interval::new(at(monday, 8, 0), at(monday, 9, 35)).unwrap()];
    let s = slots(
        &search(r, monday, monday),
        &[person(1, nine_to_eleven(), busy)],
    );
    assert_eq!(starts(&s), vec![at(monday, 10, 20)]);
}

#[test]
fn notice_and_horizon() {
    let r = ServiceRules {
        notice_hours: 24,
        horizon_days: 3,
        ..rules()
    };
    // Now is Sunday 10:00: Monday before 10:00 is too soon; from Wednesday
    // 10:00 too far ahead.
    let s = slots(
        &search(r, d(2026, 11, 29), d(2026, 12, 10)),
        &[person(1, nine_to_eleven(), vec![])],
    );
    assert_eq!(s.first().unwrap().starts_at, at(d(2026, 11, 30), 10, 0));
    assert_eq!(s.last().unwrap().starts_at, at(d(2026, 12, 2), 9, 30));
    assert!(r.bookable(now(), at(d(2026, 11, 30), 10, 0)));
    assert!(!r.bookable(now(), at(d(2026, 11, 30), 9, 30)));
    assert!(!r.bookable(now(), at(d(2026, 12, 2), 10, 0)));
}

#[test]
fn days_the_clocks_change() {
    // Sundays: the last of March 2027 (02:00 → 03:00) and of October 2026
    // (03:00 → 02:00), hours 01:00–04:00 wall time.
    let mut w = WeeklyHours::new();
    w.add(Weekday::Sun, TimeRange::hm((1, 0), (4, 0)).unwrap());
    let night = Availability::new(w);
    let r = ServiceRules {
        minutes: 60,
        horizon_days: 400,
        ..rules()
    };
    let early = SlotSearch {
        now: Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap(),
        ..search(r, d(2026, 10, 25), d(2026, 10, 25))
    };
    let autumn = slots(&early, &[person(1, night.clone(), vec![])]);
    assert_eq!(autumn.len(), 4, "the night is an hour longer");
    assert_eq!(
        autumn[0].starts_at,
        Utc.with_ymd_and_hms(2026, 10, 24, 23, 0, 0).unwrap()
    );
    assert!(
        autumn
            .windows(2)
            .all(|w| w[1].starts_at - w[0].starts_at == Duration::hours(1))
    );
    let spring = slots(
        &SlotSearch {
            from: d(2027, 3, 28),
            to: d(2027, 3, 28),
            ..early
        },
        &[person(1, night, vec![])],
    );
    assert_eq!(spring.len(), 2, "the night is an hour shorter");
    assert_eq!(
        spring[0].starts_at,
        Utc.with_ymd_and_hms(2027, 3, 28, 0, 0, 0).unwrap()
    );
    assert_eq!(
        spring[1].ends_at,
        Utc.with_ymd_and_hms(2027, 3, 28, 2, 0, 0).unwrap(),
        "04:00 summer time"
    );
    // A summer-time day: 9:00 is 7:00 UTC.
    let s = slots(
        &SlotSearch {
            from: d(2027, 3, 29),
            to: d(2027, 3, 29),
            ..early
        },
        &[person(1, nine_to_eleven(), vec![])],
    );
    assert_eq!(
        s[0].starts_at,
        Utc.with_ymd_and_hms(2027, 3, 29, 7, 0, 0).unwrap()
    );
}

#[test]
fn rules_are_bounded_and_the_cancel_deadline_holds() {
    assert_eq!(rules().check(), Ok(()));
    assert_eq!(
        ServiceRules {
            minutes: 0,
            ..rules()
        }
        .check(),
        Err("minutes")
    );
    assert_eq!(
        ServiceRules {
            horizon_days: 1000,
            ..rules()
        }
        .check(),
        Err("horizon_days")
    );
    let start = now() + Duration::hours(30);
    assert!(rules().cancellable(now(), start));
    assert!(rules().cancellable(now() + Duration::hours(6), start));
    assert!(!rules().cancellable(now() + Duration::hours(6) + Duration::seconds(1), start));
}

#[test]
fn codes_and_marks() {
    assert_eq!("borger_dk".parse(), Ok(Topic::BorgerDkForms));
    assert!(Topic::MitId.authority());
    assert!(!Topic::EbooksFilms.authority());
    assert_eq!(AppointmentStatus::NoShow.as_str(), "no_show");
    assert!(AppointmentStatus::Booked.can_mark(AppointmentStatus::Done));
    assert!(AppointmentStatus::Done.can_mark(AppointmentStatus::NoShow));
    assert!(!AppointmentStatus::Cancelled.can_mark(AppointmentStatus::Done));
    assert!(!AppointmentStatus::Booked.can_mark(AppointmentStatus::Cancelled));
}
