//! The reach report: its figures on a known data set (each worked out by
//! hand in the comments), apart and together, unchanged by retention, as
//! JSON, as a page with charts and tables, and as CSV.

use crate::reach_data::{Data, seed};
use crate::support::{TestApp, api_token};
use axum::http::StatusCode;
use serde_json::{Value, json};

const LIB_COORD: &str = "bibliotek@dragoer.demo";
const BC_COORD: &str = "borgercenter@dragoer.demo";
const ADMIN: &str = "admin@dragoer.demo";
const YEAR_2024: &str = "/api/v1/reports/reach?from=2024-01-01&to=2024-12-31";

async fn report(app: &TestApp, who: &str, path: &str) -> (StatusCode, Value) {
    let token = api_token(app, who).await;
    let res = app.client().api("GET", path, Some(&token), None).await;
    let body = serde_json::from_str(&res.text).unwrap_or(Value::Null);
    (res.status, body)
}

fn figures(v: &Value) -> Value {
    json!({
        "sessions_held": v["sessions_held"],
        "signups": v["signups"],
        "attended": v["attended"],
        "no_shows": v["no_shows"],
        "unique_citizens": v["unique_citizens"],
    })
}

fn f(sessions_held: i64, signups: i64, attended: i64, no_shows: i64, unique: i64) -> Value {
    json!({
        "sessions_held": sessions_held,
        "signups": signups,
        "attended": attended,
        "no_shows": no_shows,
        "unique_citizens": unique,
    })
}

#[tokio::test]
async fn the_librarys_figures_of_a_known_year_are_as_counted_by_hand() {
    let app = TestApp::spawn().await;
    let d: Data = seed(&app, true).await;
    let (status, r) = report(&app, LIB_COORD, YEAR_2024).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    // Own: sessions A and B (C was cancelled, F is in 2025); confirmed
    // sign-ups a, b, c at A and a, a walk-in at B; attended a, a, walk-in;
    // b did not come; unique by contact: a and c (b was a no-show).
    assert_eq!(r["own"], f(2, 5, 3, 1, 2));
    // Joint (the citizen service's programme with the library as partner):
    // session E with a, i (no-show) and j; unique a and j.
    assert_eq!(r["joint"], f(1, 3, 2, 1, 2));
    // Together: a came to both and counts once: a, c, j.
    assert_eq!(figures(&r), f(3, 8, 5, 2, 3));
    let programmes = r["programmes"].as_array().unwrap();
    assert_eq!(programmes.len(), 2, "{programmes:?}");
    let own = programmes.iter().find(|p| p["id"] == d.lib_own).unwrap();
    assert_eq!(
        (
            own["sessions_held"].as_i64(),
            own["signups"].as_i64(),
            own["attended"].as_i64()
        ),
        (Some(2), Some(5), Some(3))
    );
    assert_eq!(own["joint"], false);
    let joint = programmes.iter().find(|p| p["id"] == d.joint).unwrap();
    assert_eq!(joint["joint"], true);
    // Months: March (A, B) and April (E); the other ten are empty.
    let months = r["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(
        months[2],
        json!({"month": "2024-03", "sessions_held": 2, "signups": 5, "attended": 3})
    );
    assert_eq!(
        months[3],
        json!({"month": "2024-04", "sessions_held": 1, "signups": 3, "attended": 2})
    );
    let rest: i64 = months
        .iter()
        .map(|m| m["sessions_held"].as_i64().unwrap())
        .sum();
    assert_eq!(rest, 3);
    // The class visit was at the joint session: 3 pupils, 2 came, 1 MitID;
    // 2024 touches the school years 2023-24 and 2024-25: 3 + 2 pupils.
    assert_eq!(
        r["pupils"],
        json!({"classes_visited": 1, "pupils_in_visited_classes": 3, "pupils_attended": 2,
               "pupils_in_all_classes": 5, "mitid_created": 1})
    );
    // The library sent one referral (done) and received one (new) in 2024.
    assert_eq!(
        r["referrals"],
        json!([{"direction": "received", "status": "new", "count": 1},
               {"direction": "sent", "status": "done", "count": 1}])
    );
    assert_eq!(r["partner_referrals_received"], 1);
    // Attended at the joint programme the citizen service owns: a and j.
    assert_eq!(r["partner_sessions_attended"], 2);
    // The citizen service's appointments are not the library's.
    assert_eq!(r["appointments"], json!([]));
    // Feedback after A: 5, 4, 4.
    assert_eq!(r["feedback_scores"], json!([0, 0, 0, 2, 1]));
}

#[tokio::test]
async fn the_citizen_service_sees_its_own_and_the_joint_figures() {
    let app = TestApp::spawn().await;
    let d = seed(&app, true).await;
    let (status, r) = report(&app, BC_COORD, YEAR_2024).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    // Own: session D with g and h.
    assert_eq!(r["own"], f(1, 2, 2, 0, 2));
    assert_eq!(r["joint"], f(1, 3, 2, 1, 2));
    // g, h, a, j.
    assert_eq!(figures(&r), f(2, 5, 4, 1, 4));
    assert_eq!(
        r["appointments"],
        json!([{"id": r["appointments"][0]["id"], "title": "Rækkevidde: hjælp til Digital Post",
                "booked": 3, "done": 2, "no_show": 1}])
    );
    // It owns the joint programme: nobody came in through a partner's door there.
    assert_eq!(r["partner_sessions_attended"], 0);
    assert_eq!(r["partner_referrals_received"], 1);
    let ids: Vec<i64> = r["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&d.bc_own) && ids.contains(&d.joint) && !ids.contains(&d.lib_own));
}

#[tokio::test]
async fn one_organisations_report_holds_none_of_anothers_private_figures() {
    let app = TestApp::spawn().await;
    let d = seed(&app, true).await;
    let (_, lib) = report(&app, LIB_COORD, YEAR_2024).await;
    let text = lib.to_string();
    assert!(!text.contains("Borgercentrets eget"), "{text}");
    assert!(!text.contains("Digital Post"), "{text}");
    // Asking for the citizen service's figures is refused, by the API and the page.
    let path = format!("{YEAR_2024}&organisation={}", d.bc);
    assert_eq!(
        report(&app, LIB_COORD, &path).await.0,
        StatusCode::FORBIDDEN
    );
    let mut c = app.login(LIB_COORD).await;
    let page = c
        .get(&format!("/rapporter?periode=ar-2024&org={}", d.bc))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = c.get("/rapporter?periode=ar-2024").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text.contains("Borgercentrets eget"));
    assert!(!page.text.contains("hjælp til Digital Post"));
    // A programme of the other organisation as a filter finds nothing.
    let (_, r) = report(
        &app,
        LIB_COORD,
        &format!("{YEAR_2024}&programme={}", d.bc_own),
    )
    .await;
    assert_eq!(figures(&r), f(0, 0, 0, 0, 0));
    // The administrator may look at any organisation.
    let (status, r) = report(&app, ADMIN, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(r["own"], f(1, 2, 2, 0, 2));
    let _ = d.lib;
}

#[tokio::test]
async fn the_administrator_sees_every_organisation_together() {
    let app = TestApp::spawn().await;
    seed(&app, true).await;
    let mut c = app.login(ADMIN).await;
    let page = c
        .get("/rapporter?periode=ar-2024&org=alle&format=csv&tabel=noegletal")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    // Own (programmes without a partner: A, B, D), joint (E), total;
    // unique: a, c, g, h own; a, j joint; a, c, g, h, j in all.
    assert_eq!(
        page.text,
        "\u{feff}Tal;Egne;Fælles;I alt\r\nAfholdte arrangementer;3;1;4\r\nTilmeldte;7;3;10\r\n\
         Mødt;5;2;7\r\nUdeblevet;1;1;2\r\nUnikke borgere;4;2;5\r\n"
    );
}

#[tokio::test]
async fn bad_or_reversed_dates_and_long_ranges_are_refused() {
    let app = TestApp::spawn().await;
    for q in [
        "from=2024-02-01&to=2024-01-01",
        "from=2024-13-01&to=2024-12-31",
        "from=2019-01-01&to=2024-12-31",
        "from=1999-01-01&to=2000-01-01",
        "from=&to=2024-01-01",
    ] {
        let (status, body) = report(&app, LIB_COORD, &format!("/api/v1/reports/reach?{q}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {body}");
        assert_eq!(body["error"], "invalid", "{q}");
    }
    let (status, _) = report(
        &app,
        LIB_COORD,
        "/api/v1/reports/reach?from=2020-01-01&to=2024-12-31",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // Staff without the coordinator role get no report.
    let (status, _) = report(&app, "bibliotekar@dragoer.demo", YEAR_2024).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let res = app.client().api("GET", YEAR_2024, None, None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    // The page keeps the typed dates and says what is wrong.
    let mut c = app.login(LIB_COORD).await;
    let page = c
        .get("/rapporter?periode=valgt&fra=2024-05-01&til=2024-04-01")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("<title>Fejl:"), "{}", page.text);
    assert!(page.text.contains("value=\"2024-04-01\""));
}

#[tokio::test]
async fn running_retention_leaves_every_figure_unchanged() {
    let app = TestApp::spawn().await;
    // Here no citizen came to two programmes (see the page's help text).
    let d = seed(&app, false).await;
    let paths = [
        YEAR_2024.to_string(),
        "/api/v1/reports/reach?from=2024-03-01&to=2025-02-28".to_string(),
    ];
    let mut before = Vec::new();
    for who in [LIB_COORD, BC_COORD] {
        for p in &paths {
            before.push(report(&app, who, p).await.1);
        }
    }
    let (_, admin_before) = {
        let mut c = app.login(ADMIN).await;
        let r = c.get("/rapporter?periode=valgt&fra=2024-01-01&til=2025-12-31&org=alle&format=csv&tabel=noegletal").await;
        (r.status, r.text)
    };
    assert_eq!(before[0]["unique_citizens"], 4, "{}", before[0]);
    samvirke_service::retention::run(&app.core).await.unwrap();
    samvirke_service::retention::run(&app.core).await.unwrap();
    // The contacts are gone.
    let keys: i64 = samvirke_testkit::sql::one(
        &app.core.db.read,
        "SELECT COUNT(*) FROM registration WHERE contact_key IS NOT NULL AND session_id = $1",
        vec![d.session_a.into()],
    )
    .await;
    assert_eq!(keys, 0);
    let mut after = Vec::new();
    for who in [LIB_COORD, BC_COORD] {
        for p in &paths {
            after.push(report(&app, who, p).await.1);
        }
    }
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a);
    }
    let mut c = app.login(ADMIN).await;
    let admin_after = c
        .get("/rapporter?periode=valgt&fra=2024-01-01&til=2025-12-31&org=alle&format=csv&tabel=noegletal")
        .await
        .text;
    assert_eq!(admin_before, admin_after);
}

#[tokio::test]
async fn the_page_draws_charts_beside_tables_and_exports_each_table() {
    let app = TestApp::spawn().await;
    seed(&app, true).await;
    let mut c = app.login(LIB_COORD).await;
    let dash = c.get("/dashboard").await;
    assert!(
        dash.text.contains("href=\"/rapporter\""),
        "coordinators have the menu entry"
    );
    let page = c.get("/rapporter?periode=ar-2024").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text
            .contains("Rækkevidde: Dragør Bibliotek, 01.01.2024–31.12.2024")
    );
    assert!(page.text.contains("role=\"img\""));
    assert!(page.text.contains("<title>Antal mødte pr. måned</title>"));
    assert!(
        page.text
            .contains("<caption id=\"cap-maaneder\">Pr. måned</caption>")
    );
    for table in [
        "noegletal",
        "maaneder",
        "programmer",
        "elever",
        "aftaler",
        "henvisninger",
        "partnerdoer",
        "quiz",
        "svaere-spoergsmaal",
        "feedback",
    ] {
        let href = format!("format=csv&#38;tabel={table}\"");
        assert!(page.text.contains(&href), "a CSV link for {table}");
    }
    let csv = c
        .get("/rapporter?periode=ar-2024&format=csv&tabel=programmer")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("rapport-programmer-2024-01-01-2024-12-31.csv")
    );
    assert!(csv.text.starts_with("\u{feff}Forløb;Slags;"));
    assert!(
        csv.text
            .contains("Rækkevidde: bibliotekets eget;Egne;2;5;3;1\r\n"),
        "{}",
        csv.text
    );
    assert_eq!(
        c.get("/rapporter?periode=ar-2024&format=csv&tabel=nope")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Staff without the role have neither the entry nor the page.
    let mut s = app.login("bibliotekar@dragoer.demo").await;
    assert!(
        !s.get("/dashboard")
            .await
            .text
            .contains("href=\"/rapporter\"")
    );
    assert_eq!(s.get("/rapporter").await.status, StatusCode::FORBIDDEN);
}
