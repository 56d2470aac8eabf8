//! A known data set for the reach report, in 2024 (before any demo data),
//! with figures worked out by hand in `reach.rs`.

use crate::support::TestApp;
use chrono::{DateTime, Duration, Utc};
use samvirke_store::sea_orm::Value;
use samvirke_testkit::sql;

pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The ids the data set made.
pub struct Data {
    pub lib: i64,
    pub bc: i64,
    pub lib_own: i64,
    pub bc_own: i64,
    pub joint: i64,
    pub session_a: i64,
}

pub async fn one_id(app: &TestApp, q: &str, v: Vec<Value>) -> i64 {
    sql::one::<i64>(&app.core.db.read, q, v).await
}

pub async fn programme(app: &TestApp, org: i64, title: &str, target: &str) -> i64 {
    let db = &app.core.db.write;
    let m = app.dragoer.0;
    sql::exec(
        db,
        "INSERT INTO programme (municipality_id, organisation_id, title, description, \
         target_group, active, created_at) VALUES ($1, $2, $3, '', $4, $5, $6)",
        vec![
            m.into(),
            org.into(),
            title.into(),
            target.into(),
            true.into(),
            at("2023-12-01T10:00:00Z").into(),
        ],
    )
    .await;
    one_id(
        app,
        "SELECT id FROM programme WHERE title = $1",
        vec![title.into()],
    )
    .await
}

pub async fn session(
    app: &TestApp,
    programme: i64,
    org: i64,
    site: i64,
    start: &str,
    cancelled: bool,
) -> i64 {
    let starts = at(start);
    let db = &app.core.db.write;
    sql::exec(
        db,
        "INSERT INTO event_session (municipality_id, programme_id, organisation_id, site_id, \
         starts_at, ends_at, capacity, taken, waitlist_seq, waitlist_left, signup_opens_at, \
         signup_closes_at, public, cancelled_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 20, 0, 0, 0, $7, $5, $8, $9, $7)",
        vec![
            app.dragoer.0.into(),
            programme.into(),
            org.into(),
            site.into(),
            starts.into(),
            (starts + Duration::hours(2)).into(),
            (starts - Duration::days(30)).into(),
            true.into(),
            cancelled.then_some(starts - Duration::days(1)).into(),
        ],
    )
    .await;
    one_id(
        app,
        "SELECT id FROM event_session WHERE programme_id = $1 AND starts_at = $2",
        vec![programme.into(), starts.into()],
    )
    .await
}

/// A sign-up: `status` confirmed/cancelled/waitlisted, `attendance` or none,
/// the contact key (`None`: a walk-in without contact).
pub async fn signup(
    app: &TestApp,
    session: i64,
    key: Option<&str>,
    status: &str,
    attendance: Option<&str>,
) {
    let n: i64 = sql::one(
        &app.core.db.read,
        "SELECT COUNT(*) FROM registration",
        vec![],
    )
    .await;
    sql::exec(
        &app.core.db.write,
        "INSERT INTO registration (municipality_id, session_id, name, email, phone, contact_key, \
         needs, status, cancel_token_hash, channel, attendance, language, created_at) \
         VALUES ($1, $2, 'Deltager', $3, NULL, $3, '', $4, $5, 'online', $6, 'da', $7)",
        vec![
            app.dragoer.0.into(),
            session.into(),
            key.map(str::to_string).into(),
            status.into(),
            format!("reach-test-{n}-{session}-{}", key.unwrap_or("none")).into(),
            attendance.map(str::to_string).into(),
            at("2024-01-01T10:00:00Z").into(),
        ],
    )
    .await;
}

/// The data set. `a_in_joint`: the citizen `a@x` also came to the joint
/// programme (counted once in the total); otherwise `z@x` came there.
pub async fn seed(app: &TestApp, a_in_joint: bool) -> Data {
    let lib = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let bc = app.org_id(app.dragoer, "Borgercentret").await;
    let site = |org: i64| async move {
        one_id(
            app,
            "SELECT MIN(id) FROM site WHERE organisation_id = $1",
            vec![org.into()],
        )
        .await
    };
    let (s1, s2) = (site(lib).await, site(bc).await);
    let lib_own = programme(app, lib, "Rækkevidde: bibliotekets eget", "Seniorer").await;
    let bc_own = programme(app, bc, "Rækkevidde: Borgercentrets eget", "Seniorer").await;
    let joint = programme(app, bc, "Rækkevidde: fælles", "Unge").await;
    sql::exec(
        &app.core.db.write,
        "INSERT INTO programme_partner (programme_id, organisation_id, level) VALUES ($1, $2, 'run')",
        vec![joint.into(), lib.into()],
    )
    .await;
    let a = session(app, lib_own, lib, s1, "2024-03-05T10:00:00Z", false).await;
    signup(app, a, Some("a@x"), "confirmed", Some("attended")).await;
    signup(app, a, Some("b@x"), "confirmed", Some("no_show")).await;
    signup(app, a, Some("c@x"), "confirmed", None).await;
    signup(app, a, Some("d@x"), "cancelled", None).await;
    signup(app, a, Some("e@x"), "waitlisted", None).await;
    let b = session(app, lib_own, lib, s1, "2024-03-20T10:00:00Z", false).await;
    signup(app, b, Some("a@x"), "confirmed", Some("attended")).await;
    signup(app, b, None, "confirmed", Some("attended")).await;
    let c = session(app, lib_own, lib, s1, "2024-05-02T10:00:00Z", true).await;
    signup(app, c, Some("f@x"), "confirmed", Some("attended")).await;
    let d = session(app, bc_own, bc, s2, "2024-04-10T10:00:00Z", false).await;
    signup(app, d, Some("g@x"), "confirmed", Some("attended")).await;
    signup(app, d, Some("h@x"), "confirmed", Some("attended")).await;
    let e = session(app, joint, bc, s2, "2024-04-15T10:00:00Z", false).await;
    signup(
        app,
        e,
        Some(if a_in_joint { "a@x" } else { "z@x" }),
        "confirmed",
        Some("attended"),
    )
    .await;
    signup(app, e, Some("i@x"), "confirmed", Some("no_show")).await;
    signup(app, e, Some("j@x"), "confirmed", Some("attended")).await;
    let f = session(app, lib_own, lib, s1, "2025-01-10T10:00:00Z", false).await;
    signup(app, f, Some("k@x"), "confirmed", Some("attended")).await;

    // A class visit at the joint session: three pupils, two came, one got MitID;
    // another class of the next school year has two pupils and no visit yet.
    let school = one_id(
        app,
        "SELECT id FROM organisation WHERE name = 'Dragør Skole'",
        vec![],
    )
    .await;
    for (name, year) in [("9.R", "2023-24"), ("9.S", "2024-25")] {
        sql::exec(
            &app.core.db.write,
            "INSERT INTO school_class (municipality_id, organisation_id, school_year, name, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
            vec![app.dragoer.0.into(), school.into(), year.into(), name.into(), at("2023-08-10T10:00:00Z").into()],
        )
        .await;
    }
    let class_r = one_id(
        app,
        "SELECT id FROM school_class WHERE name = '9.R' AND school_year = '2023-24'",
        vec![],
    )
    .await;
    let class_s = one_id(
        app,
        "SELECT id FROM school_class WHERE name = '9.S' AND school_year = '2024-25'",
        vec![],
    )
    .await;
    sql::exec(
        &app.core.db.write,
        "INSERT INTO class_visit (class_id, session_id) VALUES ($1, $2)",
        vec![class_r.into(), e.into()],
    )
    .await;
    for (class, name, attended, mitid) in [
        (class_r, "Ada", Some("attended"), true),
        (class_r, "Bo", Some("attended"), false),
        (class_r, "Cy", None, false),
        (class_s, "Di", None, false),
        (class_s, "Ea", None, false),
    ] {
        sql::exec(
            &app.core.db.write,
            "INSERT INTO pupil (class_id, name, birth_date, attendance, mitid_created, created_at, \
             asked_questions) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            vec![
                class.into(),
                name.into(),
                chrono::NaiveDate::from_ymd_opt(2009, 5, 1).unwrap().into(),
                attended.map(str::to_string).into(),
                mitid.into(),
                at("2023-08-10T10:00:00Z").into(),
                false.into(),
            ],
        )
        .await;
    }

    // Referrals: the library sent one (done) and received one (new) in
    // 2024; one received in 2023 is outside.
    let consent_by = one_id(
        app,
        "SELECT MIN(id) FROM staff WHERE organisation_id = $1",
        vec![lib.into()],
    )
    .await;
    for (from, to, status, when) in [
        (lib, bc, "done", "2024-06-01T10:00:00Z"),
        (bc, lib, "new", "2024-07-01T10:00:00Z"),
        (bc, lib, "contacted", "2023-07-01T10:00:00Z"),
    ] {
        sql::exec(
            &app.core.db.write,
            "INSERT INTO referral (municipality_id, from_org, to_org, status, consent_at, consent_by, \
             created_at, status_at) VALUES ($1, $2, $3, $4, $5, $6, $5, $5)",
            vec![app.dragoer.0.into(), from.into(), to.into(), status.into(), at(when).into(), consent_by.into()],
        )
        .await;
    }

    // Appointments at the citizen service: two done, one no-show, one cancelled.
    sql::exec(
        &app.core.db.write,
        "INSERT INTO appointment_service (municipality_id, organisation_id, site_id, title, minutes, \
         buffer_minutes, notice_hours, horizon_days, cancel_hours, questions, active, created_at) \
         VALUES ($1, $2, NULL, 'Rækkevidde: hjælp til Digital Post', 30, 0, 0, 30, 0, '', $3, $4)",
        vec![app.dragoer.0.into(), bc.into(), true.into(), at("2023-12-01T10:00:00Z").into()],
    )
    .await;
    let service = one_id(
        app,
        "SELECT id FROM appointment_service WHERE title LIKE 'Rækkevidde%'",
        vec![],
    )
    .await;
    let giver = one_id(
        app,
        "SELECT MIN(id) FROM staff WHERE organisation_id = $1",
        vec![bc.into()],
    )
    .await;
    for (i, status) in ["done", "done", "no_show", "cancelled"].iter().enumerate() {
        let start = at("2024-02-01T09:00:00Z") + Duration::days(i as i64);
        sql::exec(
            &app.core.db.write,
            "INSERT INTO appointment (municipality_id, service_id, staff_id, starts_at, ends_at, status, \
             language, cancel_token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'da', $7, $4)",
            vec![
                app.dragoer.0.into(),
                service.into(),
                giver.into(),
                start.into(),
                (start + Duration::minutes(30)).into(),
                (*status).into(),
                format!("reach-appointment-{i}").into(),
            ],
        )
        .await;
    }

    // Feedback after session A: 5, 4 and 4.
    for score in [5i16, 4, 4] {
        sql::exec(
            &app.core.db.write,
            "INSERT INTO feedback_response (municipality_id, session_id, score, text, via, created_on) \
             VALUES ($1, $2, $3, NULL, 'email', $4)",
            vec![
                app.dragoer.0.into(),
                a.into(),
                score.into(),
                chrono::NaiveDate::from_ymd_opt(2024, 3, 6).unwrap().into(),
            ],
        )
        .await;
    }
    Data {
        lib,
        bc,
        lib_own,
        bc_own,
        joint,
        session_a: a,
    }
}
