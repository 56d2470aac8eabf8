//! Appointments through the API and the use cases: the services, free
//! times (availability, exceptions, buffers, notice, horizon, sessions),
//! booking under a storm, cancelling once and before the deadline, the
//! e-mails, the day list's scoping, reminders and retention.

use crate::support::*;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use samvirke_domain::appointments::{AppointmentStatus, Topic};
use samvirke_domain::availability::Exception;
use samvirke_domain::{Actor, OrgId};
use samvirke_service::appointments as svc;
use samvirke_service::demo::appointments::{LIBRARY_SERVICE, MITID_SERVICE};
use samvirke_store::Scope;
use serde_json::{Value, json};

/// Monday 30 November 2026, the day after the demo's "now".
const MONDAY: &str = "2026-11-30";
/// Tuesday 1 December 2026.
const TUESDAY: &str = "2026-12-01";

pub(crate) async fn service_id(app: &TestApp, title: &str) -> i64 {
    let res = app
        .client()
        .api("GET", "/api/v1/services", None, None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json()
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == title)
        .unwrap_or_else(|| panic!("no service {title}"))["id"]
        .as_i64()
        .unwrap()
}

pub(crate) async fn slots(app: &TestApp, id: i64, from: &str, to: &str) -> Vec<Value> {
    let res = app
        .client()
        .api(
            "GET",
            &format!("/api/v1/services/{id}/slots?from={from}&to={to}"),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json().as_array().unwrap().clone()
}

pub(crate) async fn book(app: &TestApp, id: i64, body: Value) -> (StatusCode, Value) {
    let res = app
        .client()
        .api(
            "POST",
            &format!("/api/v1/services/{id}/bookings"),
            None,
            Some(&body.to_string()),
        )
        .await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or_default(),
    )
}

async fn cancel(app: &TestApp, token: &str) -> (StatusCode, Value) {
    let res = app
        .client()
        .api(
            "POST",
            "/api/v1/bookings/cancel",
            None,
            Some(&json!({ "cancel_token": token }).to_string()),
        )
        .await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or_default(),
    )
}

fn at(s: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s["starts_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

fn citizen(starts_at: &Value, n: usize) -> Value {
    json!({"starts_at": starts_at, "name": format!("Borger {n}"), "email": format!("b{n}@example.dk")})
}

async fn actor(app: &TestApp, email: &str) -> Actor {
    let s = samvirke_store::staff::by_email_for_login(&app.core.db.read, email)
        .await
        .unwrap()
        .unwrap();
    Actor::Staff(samvirke_service::auth::staff_actor(&s))
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[tokio::test]
async fn services_and_free_times_have_the_documented_shapes() {
    let app = TestApp::spawn().await;
    let res = app
        .client()
        .api("GET", "/api/v1/services", None, None)
        .await;
    let list = res.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    for s in list {
        for key in ["id", "organisation", "title", "minutes", "site"] {
            assert!(s.get(key).is_some(), "{key} in {s}");
        }
    }
    let lib = list.iter().find(|s| s["title"] == LIBRARY_SERVICE).unwrap();
    assert_eq!(lib["minutes"], 30);
    assert_eq!(lib["organisation"], "Dragør Bibliotek");
    assert_eq!(lib["site"], "Dragør Bibliotek");
    let mitid = list.iter().find(|s| s["title"] == MITID_SERVICE).unwrap();
    assert_eq!(mitid["organisation"], "Borgercentret");
    assert_eq!(mitid["minutes"], 20);

    let id = lib["id"].as_i64().unwrap();
    let free = slots(&app, id, TUESDAY, TUESDAY).await;
    assert!(!free.is_empty());
    for s in &free {
        for key in ["starts_at", "ends_at", "free"] {
            assert!(s.get(key).is_some(), "{key}");
        }
        assert!(s["free"].as_u64().unwrap() >= 1 && s["free"].as_u64().unwrap() <= 2);
    }
    // The library's two staff start at 8:00; 30 minutes and a 10-minute buffer.
    assert_eq!(free[0]["starts_at"], "2026-12-01T08:00:00+01:00");
    assert_eq!(free[0]["ends_at"], "2026-12-01T08:30:00+01:00");
    assert_eq!(free[1]["starts_at"], "2026-12-01T08:40:00+01:00");
    let starts: Vec<_> = free.iter().map(at).collect();
    let mut sorted = starts.clone();
    sorted.dedup();
    assert_eq!(sorted, starts, "each time once");

    // Bad input: 400 for what cannot be read, 422 for a wrong span, 404 for no service.
    let app = &app;
    let get = |q: String| async move { app.client().api("GET", &q, None, None).await.status };
    assert_eq!(
        get(format!("/api/v1/services/{id}/slots?from=igår")).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get(format!(
            "/api/v1/services/{id}/slots?from={TUESDAY}&to={MONDAY}"
        ))
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        get(format!(
            "/api/v1/services/{id}/slots?from=2026-12-01&to=2027-12-01"
        ))
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        get(format!(
            "/api/v1/services/{id}/slots?from=1900-01-01&to=1900-01-02"
        ))
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        get("/api/v1/services/999999/slots".into()).await,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn notice_and_horizon_hold_for_citizens() {
    let app = TestApp::spawn().await;
    let id = service_id(&app, LIBRARY_SERVICE).await;
    // Now is Sunday 10:00; move to Monday 9:15: two hours' notice leaves 11:20 first.
    app.clock.set(
        DateTime::parse_from_rfc3339("2026-11-30T09:15:00+01:00")
            .unwrap()
            .to_utc(),
    );
    let free = slots(&app, id, MONDAY, MONDAY).await;
    assert_eq!(free[0]["starts_at"], "2026-11-30T11:20:00+01:00");
    let (status, body) = book(&app, id, citizen(&json!("2026-11-30T10:40:00+01:00"), 1)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "starts_at");
    // 42 days ahead is the horizon.
    let late = slots(&app, id, "2027-01-10", "2027-01-15").await;
    assert!(
        late.iter()
            .all(|s| at(s) < app.core.now() + Duration::days(42))
    );
    assert!(!late.is_empty());
    let (status, _) = book(&app, id, citizen(&json!("2027-01-14T08:00:00+01:00"), 2)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Staff at the desk book without the notice.
    let staff = app_staff(&app, "bibliotekar@dragoer.demo").await;
    let booked = svc::book(
        &app.core,
        app.dragoer,
        id,
        &svc::BookingInput {
            starts_at: Some(
                DateTime::parse_from_rfc3339("2026-11-30T10:40:00+01:00")
                    .unwrap()
                    .to_utc(),
            ),
            name: "Ved skranken".into(),
            ..Default::default()
        },
        Some(&staff),
    )
    .await
    .unwrap();
    assert!(booked.email.is_none(), "no contact needed at the desk");
}

async fn app_staff(app: &TestApp, email: &str) -> samvirke_domain::StaffActor {
    match actor(app, email).await {
        Actor::Staff(s) => s,
        Actor::Anonymous => unreachable!(),
    }
}

#[tokio::test]
async fn booking_input_is_checked() {
    let app = TestApp::spawn().await;
    let id = service_id(&app, LIBRARY_SERVICE).await;
    let slot = slots(&app, id, TUESDAY, TUESDAY).await[0]["starts_at"].clone();
    let (status, body) = book(
        &app,
        id,
        json!({"starts_at": slot, "name": "", "email": "nej", "topic": "bogus"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "email", "topic"]);
    let (status, body) = book(&app, id, json!({"starts_at": slot, "name": "Ida"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["problem"], "contact_required");
    let (status, body) = book(&app, id, json!({"starts_at": slot, "name": "Ida", "phone": "12345678", "answers": ["a", "b", "c", "d"]})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // A time the service does not offer: nobody is free then.
    let (status, body) = book(&app, id, citizen(&json!("2026-12-01T08:05:00+01:00"), 1)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "slot_taken");
    let (status, _) = book(&app, 999_999, citizen(&slot, 1)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// A storm of bookings on one time: exactly as many as are free succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_storm_on_one_time_gets_exactly_free_bookings() {
    let app = TestApp::spawn_with(Options {
        rate_limit: false,
        ..Options::default()
    })
    .await;
    let id = service_id(&app, MITID_SERVICE).await;
    let slot = slots(&app, id, TUESDAY, TUESDAY).await[2].clone();
    let free = slot["free"].as_u64().unwrap();
    assert!(free >= 2, "{slot}");
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..100 {
        let mut client = app.client();
        let body = citizen(&slot["starts_at"], n).to_string();
        let path = format!("/api/v1/services/{id}/bookings");
        tasks.spawn(async move { client.api("POST", &path, None, Some(&body)).await.status });
    }
    let statuses = tasks.join_all().await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let taken = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!(created as u64, free, "{statuses:?}");
    assert_eq!(created + taken, 100, "{statuses:?}");
    // The time is gone, and each staff member has it once.
    let after = slots(&app, id, TUESDAY, TUESDAY).await;
    assert!(after.iter().all(|s| s["starts_at"] != slot["starts_at"]));
}

#[tokio::test]
async fn cancel_once_then_410_and_never_after_the_deadline() {
    let app = TestApp::spawn().await;
    let id = service_id(&app, LIBRARY_SERVICE).await;
    let slot = slots(&app, id, TUESDAY, TUESDAY).await[0].clone();
    assert_eq!(slot["free"], 2);
    let (status, body) = book(&app, id, citizen(&slot["starts_at"], 1)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(body["id"].as_i64().is_some());
    let token = body["cancel_token"].as_str().unwrap().to_string();
    assert_eq!(slots(&app, id, TUESDAY, TUESDAY).await[0]["free"], 1);
    let (status, body) = cancel(&app, &token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "cancelled");
    assert_eq!(
        slots(&app, id, TUESDAY, TUESDAY).await[0]["free"],
        2,
        "freed"
    );
    let (status, body) = cancel(&app, &token).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(body["error"], "gone");
    assert_eq!(cancel(&app, "not-a-token").await.0, StatusCode::NOT_FOUND);

    // Booked again; past the 12-hour deadline it cannot be cancelled.
    let (_, body) = book(&app, id, citizen(&slot["starts_at"], 2)).await;
    let token = body["cancel_token"].as_str().unwrap().to_string();
    app.clock.set(at(&slot) - Duration::hours(11));
    let (status, body) = cancel(&app, &token).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "cancel_deadline_passed");
}

#[tokio::test]
async fn the_confirmation_carries_a_calendar_entry_and_a_cancel_link() {
    let app = TestApp::spawn().await;
    let id = service_id(&app, LIBRARY_SERVICE).await;
    let slot = slots(&app, id, TUESDAY, TUESDAY).await[0].clone();
    let (_, body) = book(
        &app,
        id,
        json!({"starts_at": slot["starts_at"], "name": "Ida", "email": "ida@example.dk", "language": "en"}),
    )
    .await;
    let appointment = body["id"].as_i64().unwrap();
    let lib = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let mail = samvirke_store::outbox::list_for_org(
        &app.core.db.read,
        Scope::new(app.dragoer),
        OrgId(lib),
        50,
    )
    .await
    .unwrap();
    let m = mail
        .iter()
        .find(|m| m.recipient == "ida@example.dk")
        .unwrap();
    assert!(
        m.subject.starts_with("Your appointment is booked"),
        "{}",
        m.subject
    );
    assert!(m.body.contains("/bestil-tid/afmeld/"), "{}", m.body);
    assert!(
        m.body.contains("Tuesday 1 December, 08:00–08:30"),
        "{}",
        m.body
    );
    assert_eq!(m.secret_kind.as_deref(), Some("cancel_appointment"));
    assert_eq!(m.secret_ref, Some(appointment));
    let ics = m.ics.as_deref().unwrap();
    assert!(ics.contains("DTSTART:20261201T070000Z"), "{ics}");
    assert!(
        ics.contains(&format!("UID:appointment-{appointment}-")),
        "{ics}"
    );
}

#[tokio::test]
async fn free_times_leave_out_exceptions_and_sessions() {
    let app = TestApp::spawn().await;
    let id = service_id(&app, LIBRARY_SERVICE).await;
    let coordinator = actor(&app, "bibliotek@dragoer.demo").await;
    let jonas = app.staff_id("bibliotekar@dragoer.demo").await;
    let before = slots(&app, id, TUESDAY, TUESDAY).await;
    // Henriette's day ends at 15:30, Jonas's at 16:00: the last time is his alone.
    assert!(before[..before.len() - 1].iter().all(|s| s["free"] == 2));
    assert_eq!(before.last().unwrap()["free"], 1);
    // Jonas has Tuesday off: one free everywhere.
    samvirke_service::availability::add_exception(
        &app.core,
        &coordinator,
        jonas,
        Exception::DayOff(day(TUESDAY)),
    )
    .await
    .unwrap();
    let after = slots(&app, id, TUESDAY, TUESDAY).await;
    assert_eq!(after.len(), before.len() - 1, "his last time is gone");
    assert!(after.iter().all(|s| s["free"] == 1));
    // Henriette runs a session Monday 10:00–12:00 (demo "now" + 1 day).
    let henriette = app.staff_id("bibliotek@dragoer.demo").await;
    let monday_before = slots(&app, id, MONDAY, MONDAY).await;
    let session = demo_session(&app, NewSession::seats(10).in_days(1)).await;
    staff_session(&app, session, henriette).await;
    let monday = slots(&app, id, MONDAY, MONDAY).await;
    let busy_from = DateTime::parse_from_rfc3339("2026-11-30T09:50:00+01:00")
        .unwrap()
        .to_utc();
    let busy_to = DateTime::parse_from_rfc3339("2026-11-30T12:10:00+01:00")
        .unwrap()
        .to_utc();
    assert_eq!(monday.len(), monday_before.len());
    for (s, was) in monday.iter().zip(&monday_before) {
        let start = at(s);
        let busy = start + Duration::minutes(30) > busy_from && start < busy_to;
        let expected = was["free"].as_u64().unwrap() - u64::from(busy);
        assert_eq!(s["free"].as_u64().unwrap(), expected, "{s}");
    }
}

async fn staff_session(app: &TestApp, session: i64, staff: i64) {
    use samvirke_store::entity::{agenda_item, event_session};
    use samvirke_store::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let s = event_session::Entity::find_by_id(session)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    let item = agenda_item::Entity::find()
        .filter(agenda_item::Column::ProgrammeId.eq(s.programme_id))
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    samvirke_store::sessions::assign_staff(
        &app.core.db.write,
        Scope::new(app.dragoer),
        session,
        item.id,
        staff,
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn the_day_list_is_the_organisations_and_marks_follow_the_rules() {
    let app = TestApp::spawn().await;
    let id = service_id(&app, LIBRARY_SERVICE).await;
    let slot = slots(&app, id, MONDAY, MONDAY).await[0].clone();
    let (_, body) = book(&app, id, citizen(&slot["starts_at"], 1)).await;
    let appointment = body["id"].as_i64().unwrap();
    let lib_coord = actor(&app, "bibliotek@dragoer.demo").await;
    let bc_coord = actor(&app, "borgercenter@dragoer.demo").await;
    let other = actor(&app, OTHER_COORDINATOR).await;
    let all = svc::day_list(&app.core, &lib_coord, day(MONDAY), true)
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name.as_deref(), Some("Borger 1"));
    assert_eq!(all[0].email.as_deref(), Some("b1@example.dk"));
    // Another organisation and another municipality see none of it.
    assert!(
        svc::day_list(&app.core, &bc_coord, day(MONDAY), true)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        svc::day_list(&app.core, &other, day(MONDAY), true)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        svc::mark(&app.core, &bc_coord, appointment, AppointmentStatus::Done).await,
        Err(samvirke_service::ServiceError::NotFound)
    ));
    assert!(matches!(
        svc::mark(&app.core, &other, appointment, AppointmentStatus::Done).await,
        Err(samvirke_service::ServiceError::NotFound)
    ));
    // Not before it starts; then done, corrected to no-show.
    assert!(
        svc::mark(&app.core, &lib_coord, appointment, AppointmentStatus::Done)
            .await
            .is_err()
    );
    app.clock.set(at(&slot) + Duration::minutes(5));
    svc::mark(&app.core, &lib_coord, appointment, AppointmentStatus::Done)
        .await
        .unwrap();
    svc::mark(
        &app.core,
        &lib_coord,
        appointment,
        AppointmentStatus::NoShow,
    )
    .await
    .unwrap();
    let counts = svc::counts(&app.core, &lib_coord).await.unwrap();
    let c = counts.iter().find(|c| c.service_id == id).unwrap();
    assert_eq!((c.booked, c.done, c.no_show), (0, 0, 1));
    // The reads were audit-logged.
    let log = samvirke_store::audit::list_for_org(
        &app.core.db.read,
        Scope::new(app.dragoer),
        OrgId(app.org_id(app.dragoer, "Dragør Bibliotek").await),
        50,
    )
    .await
    .unwrap();
    assert!(
        log.iter()
            .any(|e| e.subject_kind == "appointment" && e.subject_id == appointment)
    );
}

#[tokio::test]
async fn one_reminder_the_day_before_and_details_forgotten_after() {
    let app = TestApp::spawn().await;
    let id = service_id(&app, LIBRARY_SERVICE).await;
    let slot = slots(&app, id, TUESDAY, TUESDAY).await[0].clone();
    let (_, body) = book(&app, id, citizen(&slot["starts_at"], 7)).await;
    let appointment = body["id"].as_i64().unwrap();
    let lead = Duration::hours(24);
    assert_eq!(
        svc::send_appointment_reminders(&app.core, lead)
            .await
            .unwrap(),
        0,
        "two days ahead"
    );
    app.clock.set(at(&slot) - Duration::hours(20));
    assert_eq!(
        svc::send_appointment_reminders(&app.core, lead)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        svc::send_appointment_reminders(&app.core, lead)
            .await
            .unwrap(),
        0,
        "once"
    );
    // 30 days after the appointment its citizen's details go; the row stays.
    app.clock.set(at(&slot) + Duration::days(29));
    assert_eq!(
        samvirke_service::retention::run(&app.core)
            .await
            .unwrap()
            .appointments,
        0
    );
    app.clock.set(at(&slot) + Duration::days(31));
    assert_eq!(
        samvirke_service::retention::run(&app.core)
            .await
            .unwrap()
            .appointments,
        1
    );
    let row = samvirke_store::appointments::appointment(
        &app.core.db.read,
        Scope::new(app.dragoer),
        appointment,
    )
    .await
    .unwrap()
    .unwrap();
    assert!(row.name.is_none() && row.email.is_none() && row.phone.is_none());
    assert_eq!(row.status, "booked");
}

#[tokio::test]
async fn the_guided_question_leads_authority_matters_to_borgercentret() {
    let app = TestApp::spawn().await;
    let triage = svc::triage(&app.core, app.dragoer).await.unwrap();
    let to = |t: Topic| {
        triage
            .iter()
            .find(|(x, _)| *x == t)
            .and_then(|(_, s)| s.as_ref())
            .map(|s| s.organisation.clone())
    };
    assert_eq!(to(Topic::MitId).as_deref(), Some("Borgercentret"));
    assert_eq!(to(Topic::Skat).as_deref(), Some("Borgercentret"));
    assert_eq!(to(Topic::EbooksFilms).as_deref(), Some("Dragør Bibliotek"));
    assert_eq!(to(Topic::Device).as_deref(), Some("Dragør Bibliotek"));
    // Coordinators edit the mapping; plain staff may not.
    let lib = service_id(&app, LIBRARY_SERVICE).await;
    let staff = actor(&app, "bibliotekar@dragoer.demo").await;
    assert!(
        svc::set_topic(&app.core, &staff, Topic::Skat, lib)
            .await
            .is_err()
    );
    let coord = actor(&app, "borgercenter@dragoer.demo").await;
    svc::set_topic(&app.core, &coord, Topic::Skat, lib)
        .await
        .unwrap();
    let triage = svc::triage(&app.core, app.dragoer).await.unwrap();
    assert_eq!(
        triage
            .iter()
            .find(|(t, _)| *t == Topic::Skat)
            .unwrap()
            .1
            .as_ref()
            .unwrap()
            .id,
        lib
    );
}

#[tokio::test]
async fn moving_cancels_and_rebooks_in_one_go() {
    let app = TestApp::spawn().await;
    let id = service_id(&app, LIBRARY_SERVICE).await;
    let free = slots(&app, id, TUESDAY, TUESDAY).await;
    let (_, body) = book(&app, id, citizen(&free[0]["starts_at"], 1)).await;
    let token = body["cancel_token"].as_str().unwrap().to_string();
    let moved = svc::move_appointment(&app.core, &token, at(&free[3]))
        .await
        .unwrap();
    assert_eq!(moved.starts_at, at(&free[3]));
    let after = slots(&app, id, TUESDAY, TUESDAY).await;
    assert_eq!(after[0]["free"], 2, "the old time is free again");
    assert_eq!(
        after
            .iter()
            .find(|s| s["starts_at"] == free[3]["starts_at"])
            .unwrap()["free"],
        1
    );
    // The same token cancels the new one.
    assert_eq!(cancel(&app, &token).await.0, StatusCode::OK);
    assert_eq!(cancel(&app, &token).await.0, StatusCode::GONE);
}
