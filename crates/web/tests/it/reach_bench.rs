//! The reach report over a year with 100,000 sign-ups (2,000 sessions of
//! two programmes, one of them joint, 40,009 citizens). Ignored in the
//! suite; `bench/reach.sh` runs it on SQLite and, with `SAMVIRKE_TEST_PG`,
//! on PostgreSQL.

use crate::reach_data::{at, one_id, programme};
use crate::support::{TestApp, api_token};
use chrono::Duration;
use samvirke_testkit::sql;
use std::time::Instant;

const SESSIONS: i64 = 2_000;
const SIGNUPS: i64 = 100_000;

#[tokio::test]
#[ignore = "a benchmark: bench/reach.sh"]
async fn the_report_over_a_year_with_100000_signups() {
    let app = TestApp::spawn().await;
    let lib = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let bc = app.org_id(app.dragoer, "Borgercentret").await;
    let site = one_id(
        &app,
        "SELECT MIN(id) FROM site WHERE organisation_id = $1",
        vec![lib.into()],
    )
    .await;
    let own = programme(&app, lib, "Bench: eget", "Seniorer").await;
    let joint = programme(&app, bc, "Bench: fælles", "Unge").await;
    sql::exec(
        &app.core.db.write,
        "INSERT INTO programme_partner (programme_id, organisation_id, level) VALUES ($1, $2, 'run')",
        vec![joint.into(), lib.into()],
    )
    .await;
    let started = Instant::now();
    let first_start = at("2024-01-02T08:00:00Z");
    for k in 0..SESSIONS {
        let starts = first_start + Duration::hours(4 * k);
        let p = if k % 3 == 0 { joint } else { own };
        sql::exec(
            &app.core.db.write,
            "INSERT INTO event_session (municipality_id, programme_id, organisation_id, site_id, \
             starts_at, ends_at, capacity, taken, waitlist_seq, waitlist_left, signup_opens_at, \
             signup_closes_at, public, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 60, 0, 0, 0, $5, $5, $7, $5)",
            vec![
                app.dragoer.0.into(),
                p.into(),
                lib.into(),
                site.into(),
                starts.into(),
                (starts + Duration::hours(2)).into(),
                true.into(),
            ],
        )
        .await;
    }
    let first = one_id(
        &app,
        "SELECT MIN(id) FROM event_session WHERE programme_id IN ($1, $2)",
        vec![own.into(), joint.into()],
    )
    .await;
    sql::exec(
        &app.core.db.write,
        "INSERT INTO registration (municipality_id, session_id, name, email, phone, contact_key, \
         needs, status, cancel_token_hash, channel, attendance, language, created_at) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
         SELECT $2, $3 + (i % $4), 'Bench', NULL, NULL, 'c' || (i % 40009) || '@x', '', \
         CASE WHEN i % 20 = 0 THEN 'cancelled' ELSE 'confirmed' END, 'bench-' || i, 'online', \
         CASE WHEN i % 10 = 1 THEN 'no_show' WHEN i % 10 < 8 THEN 'attended' ELSE NULL END, 'da', $5 \
         FROM n",
        vec![
            SIGNUPS.into(),
            app.dragoer.0.into(),
            first.into(),
            SESSIONS.into(),
            at("2023-12-01T10:00:00Z").into(),
        ],
    )
    .await;
    let count: i64 = sql::one(
        &app.core.db.read,
        "SELECT COUNT(*) FROM registration WHERE name = 'Bench'",
        vec![],
    )
    .await;
    assert_eq!(count, SIGNUPS);
    let backend = if app.core.db.backend == samvirke_store::Backend::Postgres {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "data: {SIGNUPS} sign-ups in {SESSIONS} sessions, made in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let token = api_token(&app, "bibliotek@dragoer.demo").await;
    let mut times = Vec::new();
    let mut body = serde_json::Value::Null;
    for _ in 0..7 {
        let t = Instant::now();
        let res = app
            .client()
            .api(
                "GET",
                "/api/v1/reports/reach?from=2024-01-01&to=2024-12-31",
                Some(&token),
                None,
            )
            .await;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        body = res.json();
    }
    assert_eq!(body["signups"], SIGNUPS - SIGNUPS / 20, "{body}");
    times.sort_by(f64::total_cmp);
    println!(
        "reach report, {backend}: median {:.0} ms, slowest {:.0} ms (7 runs of GET /api/v1/reports/reach for a year)",
        times[3], times[6]
    );
}
