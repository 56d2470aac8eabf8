//! The slot search of a service with 10 staff over 8 weeks, timed: each
//! person works 8:00–16:00 on weekdays with a day off now and then, has
//! two sessions a week and is half booked already. Run by
//! `bench/appointments.sh` on a release build.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use samvirke_domain::appointments::{ServiceRules, SlotSearch, StaffDay, slots};
use samvirke_domain::availability::{
    Availability, Exception, Interval, TimeRange, WeeklyHours, local,
};
use std::time::Instant;

fn main() {
    let start = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date");
    let rules = ServiceRules {
        minutes: 30,
        buffer_minutes: 10,
        notice_hours: 2,
        horizon_days: 60,
        cancel_hours: 12,
    };
    let staff: Vec<StaffDay> = (0..10)
        .map(|p| {
            let mut a = Availability::new(WeeklyHours::weekdays(
                TimeRange::hm((8, 0), (16, 0)).expect("a range"),
            ));
            a.exceptions = (0..8)
                .map(|w| Exception::DayOff(start + Duration::days(w * 7 + (p % 5))))
                .collect();
            let mut busy = Vec::new();
            for d in 0..56 {
                let day = start + Duration::days(d);
                if d % 7 == 1 || d % 7 == 3 {
                    let s = local(day, NaiveTime::from_hms_opt(13, 0, 0).expect("a time"));
                    busy.extend(Interval::new(s, s + Duration::hours(2)));
                }
                // Every other appointment time is booked.
                for k in (0..12).step_by(2) {
                    let s = local(day, NaiveTime::from_hms_opt(8, 0, 0).expect("a time"))
                        + Duration::minutes(40 * k);
                    busy.extend(Interval::new(s, s + Duration::minutes(30)));
                }
            }
            StaffDay {
                staff_id: p,
                availability: a,
                busy,
            }
        })
        .collect();
    let search = SlotSearch {
        rules,
        now: Utc
            .with_ymd_and_hms(2026, 11, 29, 9, 0, 0)
            .single()
            .expect("a time"),
        from: start,
        to: start + Duration::days(55),
    };
    let rounds = 50;
    let mut times = Vec::with_capacity(rounds);
    let mut found = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        found = slots(&search, &staff).len();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "slot search, 10 staff x 8 weeks: {found} free times; median {:.2} ms, min {:.2} ms, max {:.2} ms over {rounds} rounds",
        times[rounds / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[rounds - 1].as_secs_f64() * 1e3
    );
}
