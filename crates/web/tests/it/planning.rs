//! Planning: series of dates that skip holidays and keep the wall-clock
//! time, asking before cancelling, the overview on the dashboard.

use crate::support::{NewSession, TestApp, api_sign_up, demo_session};
use axum::http::StatusCode;
use samvirke_store::sessions as q;
use samvirke_store::{Scope, orgs};
use serde_json::json;

/// Signs up by the API, which must create a registration.
async fn sign_up(app: &TestApp, id: i64, body: serde_json::Value) {
    let (status, body) = api_sign_up(app, id, body).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn cancelling_asks_first_and_counts_whom_to_tell() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(2)).await;
    sign_up(
        &app,
        id,
        json!({"name": "Ida Holm", "email": "ida@example.dk"}),
    )
    .await;
    sign_up(&app, id, json!({"name": "Bo Holm", "phone": "+4520304050"})).await;
    // Full: the third is on the waiting list and is told too.
    sign_up(
        &app,
        id,
        json!({"name": "Eva Holm", "email": "eva@example.dk"}),
    )
    .await;

    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let page = coord.get(&format!("/sessions/{id}")).await;
    assert!(
        page.text
            .contains(&format!("href=\"/sessions/{id}/aflys\"")),
        "the cancel button is a link to the question"
    );
    let ask = coord.get(&format!("/sessions/{id}/aflys")).await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(ask.text.contains("Vil du aflyse arrangementet?"));
    assert!(
        ask.text.contains("2 tilmeldte får en e-mail"),
        "{}",
        ask.text
    );
    assert!(
        ask.text
            .contains("1 tilmeldt har ingen e-mail og skal ringes op")
    );
    assert!(ask.text.contains("Ja, aflys arrangementet"));
    assert!(ask.text.contains("Nej, tilbage"));
    assert!(
        ask.text
            .contains(&format!("href=\"/sessions/{id}/ringeliste\""))
    );
    // Asking cancels nothing.
    let s = q::session(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .unwrap();
    assert!(s.cancelled_at.is_none());

    // A partner who may not cancel is not asked either.
    let mut partner = app.login("aktivitetshus@dragoer.demo").await;
    let res = partner.get(&format!("/sessions/{id}/aflys")).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    let done = coord.post_form(&format!("/sessions/{id}/aflys"), &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(
        done.location(),
        format!("/sessions/{id}?notice=session-cancelled")
    );
    let page = coord.get(done.location()).await;
    assert!(
        page.text
            .contains("Arrangementet er aflyst, og de tilmeldte får besked.")
    );
    // Once cancelled, the question leads back to the session.
    let again = coord.get(&format!("/sessions/{id}/aflys")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(again.location(), format!("/sessions/{id}"));
}

#[tokio::test]
async fn cancelling_an_empty_session_tells_nobody() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(5)).await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let ask = coord.get(&format!("/sessions/{id}/aflys")).await;
    assert!(ask.text.contains("0 tilmeldte får en e-mail"));
    assert!(ask.text.contains("0 tilmeldte har ingen e-mail"));
    assert!(!ask.text.contains("ringeliste"));
}

/// The demo programme's id and a site's id, as the form sends them.
async fn programme_and_site(app: &TestApp) -> (i64, String) {
    let scope = Scope::new(app.dragoer);
    let p = q::programme_by_title(&app.core.db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let site = orgs::site_by_name(&app.core.db.read, scope, "Dragør Bibliotek")
        .await
        .unwrap()
        .unwrap();
    (p.id, site.id.to_string())
}

/// The programme's sessions at the library from `from` on, by start (the
/// demo's own are at Wiedergården).
async fn sessions_from(app: &TestApp, programme: i64, from: &str) -> Vec<(String, String)> {
    let site = orgs::site_by_name(
        &app.core.db.read,
        Scope::new(app.dragoer),
        "Dragør Bibliotek",
    )
    .await
    .unwrap()
    .unwrap()
    .id;
    let from = chrono::DateTime::parse_from_rfc3339(from)
        .unwrap()
        .with_timezone(&chrono::Utc);
    q::sessions(
        &app.core.db.read,
        Scope::new(app.dragoer),
        &q::SessionFilter {
            from: Some(from),
            to: None,
            programme_id: Some(programme),
            site_id: Some(site),
            public_only: false,
            include_cancelled: true,
        },
    )
    .await
    .unwrap()
    .into_iter()
    .map(|s| {
        (
            s.starts_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            s.ends_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        )
    })
    .collect()
}

#[tokio::test]
async fn a_weekly_series_skips_christmas() {
    let app = TestApp::spawn().await;
    let (pid, site) = programme_and_site(&app).await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let res = coord
        .post_form(
            &format!("/programmes/{pid}/sessions"),
            &[
                ("date", "4.12.2026"),
                ("start", "9.30"),
                ("end", "11:00"),
                ("repeat", "1"),
                ("count", "4"),
                ("capacity", "20"),
                ("site", &site),
                ("public", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(
        res.location(),
        format!("/programmes/{pid}?notice=series-created&oprettet=3&sprunget=2026-12-25#datoer")
    );
    let page = coord.get(res.location()).await;
    assert!(
        page.text
            .contains("3 datoer oprettet; 25.12.2026 sprunget over (juledag)"),
        "{}",
        page.text
    );
    // Fridays at 9.30 Copenhagen time (UTC+1 in winter).
    assert_eq!(
        sessions_from(&app, pid, "2026-12-01T00:00:00Z").await,
        [
            ("2026-12-04T08:30:00Z", "2026-12-04T10:00:00Z"),
            ("2026-12-11T08:30:00Z", "2026-12-11T10:00:00Z"),
            ("2026-12-18T08:30:00Z", "2026-12-18T10:00:00Z"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .to_vec()
    );
    // A query string cannot put words on the page: only holidays are named.
    let page = coord
        .get(&format!(
            "/programmes/{pid}?notice=series-created&oprettet=2&sprunget=2026-12-23,%3Cb%3E"
        ))
        .await;
    assert!(page.text.contains("2 datoer oprettet</"), "{}", page.text);
}

#[tokio::test]
async fn a_fortnightly_series_keeps_the_clock_across_summer_time() {
    let app = TestApp::spawn().await;
    let (pid, site) = programme_and_site(&app).await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    // Mondays from 15.3.2027: 29.3 is 2. påskedag; summer time starts 28.3.
    let res = coord
        .post_form(
            &format!("/programmes/{pid}/sessions"),
            &[
                ("date", "15.3.2027"),
                ("start", "14:00"),
                ("end", "16.00"),
                ("repeat", "2"),
                ("count", "3"),
                ("capacity", "20"),
                ("site", &site),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(res.location().contains("oprettet=2&sprunget=2027-03-29"));
    let page = coord.get(res.location()).await;
    assert!(
        page.text
            .contains("2 datoer oprettet; 29.3.2027 sprunget over (2. påskedag)")
    );
    assert_eq!(
        sessions_from(&app, pid, "2027-01-01T00:00:00Z").await,
        [
            ("2027-03-15T13:00:00Z", "2027-03-15T15:00:00Z"),
            ("2027-04-12T12:00:00Z", "2027-04-12T14:00:00Z"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .to_vec()
    );
    assert!(
        page.text.contains("mandag 12.4.2027 kl. 14.00"),
        "{}",
        page.text
    );
}

#[tokio::test]
async fn a_series_has_one_to_fifty_two_dates() {
    let app = TestApp::spawn().await;
    let (pid, site) = programme_and_site(&app).await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    for count in ["0", "53", "", "x"] {
        let res = coord
            .post_form(
                &format!("/programmes/{pid}/sessions"),
                &[
                    ("date", "4.1.2027"),
                    ("start", "14.00"),
                    ("end", "16.00"),
                    ("repeat", "1"),
                    ("count", count),
                    ("capacity", "20"),
                    ("site", &site),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{count}");
        assert!(res.text.contains("<title>Fejl:"), "{count}");
        assert!(res.text.contains("Skriv et antal gange mellem 1 og 52."));
        assert!(res.text.contains("href=\"#count\""));
        // What was typed stays.
        assert!(res.text.contains(&format!("value=\"{count}\"")));
        assert!(
            res.text.contains(
                "id=\"repeat-1\" name=\"repeat\" value=\"1\" class=\"form-radio\" checked"
            )
        );
    }
    assert!(
        sessions_from(&app, pid, "2027-01-01T00:00:00Z")
            .await
            .is_empty()
    );
    // 52 Mondays of 2027, less 2. påskedag and 2. pinsedag.
    let res = coord
        .post_form(
            &format!("/programmes/{pid}/sessions"),
            &[
                ("date", "4.1.2027"),
                ("start", "14.00"),
                ("end", "16.00"),
                ("repeat", "1"),
                ("count", "52"),
                ("capacity", "20"),
                ("site", &site),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(
        res.location()
            .contains("oprettet=50&sprunget=2027-03-29,2027-05-17"),
        "{}",
        res.location()
    );
    assert_eq!(
        sessions_from(&app, pid, "2027-01-01T00:00:00Z").await.len(),
        50
    );
    // Only holidays: nothing is created, and the form says why.
    let res = coord
        .post_form(
            &format!("/programmes/{pid}/sessions"),
            &[
                ("date", "25.12.2028"),
                ("start", "14.00"),
                ("end", "16.00"),
                ("repeat", "1"),
                ("count", "1"),
                ("capacity", "20"),
                ("site", &site),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Alle datoerne er helligdage"));
    // A partner cannot schedule the owner's programme.
    let mut partner = app.login("aktivitetshus@dragoer.demo").await;
    let res = partner
        .post_form(
            &format!("/programmes/{pid}/sessions"),
            &[
                ("date", "4.1.2027"),
                ("start", "14.00"),
                ("end", "16.00"),
                ("repeat", "1"),
                ("count", "2"),
                ("capacity", "20"),
                ("site", &site),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_dashboard_shows_the_next_two_weeks() {
    let app = TestApp::spawn().await;
    // The demo's first date (tuesday 8.12.2026, 23 of 40 seats, fully
    // staffed) and a new one in ten days that nobody staffs yet, full with
    // one waiting.
    let id = demo_session(&app, NewSession::seats(1)).await;
    sign_up(
        &app,
        id,
        json!({"name": "Ida Holm", "email": "ida@example.dk"}),
    )
    .await;
    sign_up(&app, id, json!({"name": "Bo Holm", "phone": "+4520304050"})).await;

    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let page = coord.get("/dashboard").await;
    assert_eq!(page.status, StatusCode::OK);
    let t = &page.text;
    assert!(t.contains("De næste to uger"));
    assert!(t.contains("tirsdag 8.12.2026 kl. 14.00–16.00"), "{t}");
    assert!(t.contains("23 af 40 pladser taget, 0 på venteliste"), "{t}");
    assert!(t.contains("1 af 1 pladser taget, 1 på venteliste"), "{t}");
    assert!(t.contains(&format!("href=\"/sessions/{id}\"")));
    assert!(
        t.contains(
            "Mangler bemanding: Hvad er digital sikkerhed?, Hvordan sætter du digitale spor?"
        ),
        "{t}"
    );
    // Only one session lacks staff; the later demo dates are beyond two weeks.
    assert_eq!(t.matches("Mangler bemanding").count(), 1);
    assert!(!t.contains("22.12.2026"));
    assert!(t.contains("Du har ingen opgaver de næste to uger."));
    assert!(!t.contains("Som partner"));

    // A partner's staff member sees the joint sessions and her own part.
    let mut partner = app.login("aktivitetshus@dragoer.demo").await;
    let t = partner.get("/dashboard").await.text;
    assert!(t.contains("Som partner"), "{t}");
    assert!(t.contains("23 af 40 pladser taget"));
    assert!(t.contains("Dine opgaver"));
    assert!(t.contains("Du står for: Samtale ved bordene"), "{t}");

    // The library's own staff see their parts too.
    let t = app
        .login("bibliotekar@dragoer.demo")
        .await
        .get("/dashboard")
        .await
        .text;
    assert!(
        t.contains(
            "Du står for: Hvad er digital sikkerhed?, Hvordan sætter du digitale spor?, Quiz: 7 rigtige om at være digital borger i Dragør"
        ),
        "{t}"
    );

    // An organisation that takes no part sees none of it.
    let t = app
        .login("social@dragoer.demo")
        .await
        .get("/dashboard")
        .await
        .text;
    assert!(t.contains("Ingen arrangementer de næste to uger."), "{t}");
    assert!(!t.contains("pladser taget"));

    // The staff session list shows seats taken, waiting and capacity.
    let t = coord.get("/sessions").await.text;
    assert!(t.contains("23 af 40 pladser taget, 0 på venteliste"), "{t}");
    assert!(t.contains("1 af 1 pladser taget, 1 på venteliste"));
    assert!(t.contains("0 af 40 pladser taget, 0 på venteliste"));
}
