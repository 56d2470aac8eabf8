//! The slot search through the use case (the database reads included) for
//! a service with 10 staff over 8 weeks, each half booked and with two
//! sessions a week. Ignored in the suite; `bench/appointments.sh` runs it.

use crate::support::*;
use chrono::{Duration, NaiveDate, NaiveTime};
use samvirke_domain::availability::{TimeRange, WeeklyHours, local};
use samvirke_domain::{OrgId, Role};
use samvirke_service::appointments as svc;
use samvirke_store::appointments::NewAppointment;
use samvirke_store::{Scope, availability, staff};
use std::time::Instant;

#[tokio::test]
#[ignore = "a benchmark: bench/appointments.sh"]
async fn slot_search_for_ten_staff_over_eight_weeks() {
    let app = TestApp::spawn().await;
    let scope = Scope::new(app.dragoer);
    let db = &app.core.db.write;
    let lib = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let mut ids = Vec::new();
    for n in 0..10 {
        let email = format!("bench{n}@dragoer.demo");
        let s = staff::create(
            db,
            scope,
            staff::NewStaff {
                org: OrgId(lib),
                email: &email,
                name: &format!("Bench {n}"),
                phone: None,
                password_hash: "x".into(),
                roles: &[Role::Staff],
            },
            t0(),
        )
        .await
        .unwrap();
        availability::set_weekly_hours(
            db,
            scope,
            s.id,
            &WeeklyHours::weekdays(TimeRange::hm((8, 0), (16, 0)).unwrap()),
        )
        .await
        .unwrap();
        ids.push(s.id);
    }
    let coord = samvirke_domain::Actor::Staff(samvirke_service::auth::staff_actor(
        &staff::by_email_for_login(&app.core.db.read, "bibliotek@dragoer.demo")
            .await
            .unwrap()
            .unwrap(),
    ));
    let service = svc::save_service(
        &app.core,
        &coord,
        None,
        &svc::ServiceInput {
            title: "Bench".into(),
            minutes: 30,
            buffer_minutes: 10,
            notice_hours: 2,
            horizon_days: 60,
            cancel_hours: 12,
            staff_ids: ids.clone(),
            active: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let start = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let mut booked = 0;
    for d in 0..56 {
        let day = start + Duration::days(d);
        for &p in &ids {
            for k in (0..12).step_by(2) {
                let s = local(day, NaiveTime::from_hms_opt(8, 0, 0).unwrap())
                    + Duration::minutes(40 * k);
                samvirke_store::appointments::insert(
                    db,
                    scope,
                    &NewAppointment {
                        service_id: service,
                        staff_id: p,
                        starts_at: s,
                        ends_at: s + Duration::minutes(30),
                        name: "Bench",
                        email: None,
                        phone: None,
                        topic: None,
                        answers: None,
                        language: "da",
                        cancel_token_hash: "x",
                        booked_by: None,
                    },
                    t0(),
                )
                .await
                .unwrap();
                booked += 1;
            }
        }
    }
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..20 {
        let t = Instant::now();
        found = svc::free_times(
            &app.core,
            app.dragoer,
            service,
            start,
            start + Duration::days(55),
        )
        .await
        .unwrap()
        .len();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "use case, 10 staff x 8 weeks, {booked} appointments booked: {found} free times; median {:.1} ms, min {:.1} ms, max {:.1} ms",
        times[10].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[19].as_secs_f64() * 1e3
    );
}
