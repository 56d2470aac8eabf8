//! "Min tilgængelighed": weekly hours and exceptions, their bounds, who may
//! edit whose, and that the season plan follows them.

use crate::support::{OTHER_COORDINATOR, TestApp, api_token};
use axum::http::StatusCode;

async fn week(app: &TestApp, who: &str, staff: i64, start: &str, end: &str) -> crate::support::Res {
    let mut c = app.login(who).await;
    let id = staff.to_string();
    c.post_form(
        "/min-tid/uge",
        &[
            ("staff_id", &id),
            ("mon_start", start),
            ("mon_end", end),
            ("wed_start", "09:00"),
            ("wed_end", "12:00"),
        ],
    )
    .await
}

async fn exception(
    app: &TestApp,
    who: &str,
    staff: i64,
    fields: &[(&str, &str)],
) -> crate::support::Res {
    let mut c = app.login(who).await;
    let id = staff.to_string();
    let mut all = vec![("staff_id", id.as_str())];
    all.extend_from_slice(fields);
    c.post_form("/min-tid/undtagelse", &all).await
}

#[tokio::test]
async fn a_staff_member_edits_their_own_hours_and_exceptions_within_bounds() {
    let app = TestApp::spawn().await;
    let me = "bibliotekar@dragoer.demo";
    let id = app.staff_id(me).await;
    let mut c = app.login(me).await;
    let page = c.get("/min-tid").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("Min tilgængelighed"));
    assert!(page.text.contains("value=\"08:00\""), "the demo's hours");
    assert!(
        c.get("/dashboard").await.text.contains("href=\"/min-tid\""),
        "in the menu"
    );

    let saved = week(&app, me, id, "08:30", "15:00").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let page = c.get("/min-tid").await;
    assert!(page.text.contains("value=\"08:30\"") && page.text.contains("value=\"12:00\""));
    assert!(
        !page.text.contains("value=\"16:00\""),
        "Friday's hours are gone"
    );

    let backwards = week(&app, me, id, "15:00", "08:30").await;
    assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        backwards
            .text
            .contains("Sluttiden skal være efter starttiden.")
    );
    assert!(
        backwards.text.contains("value=\"15:00\""),
        "what was typed is kept"
    );
    let unreadable = week(&app, me, id, "otte", "12:00").await;
    assert_eq!(unreadable.status, StatusCode::UNPROCESSABLE_ENTITY);

    let away = [
        ("kind", "away"),
        ("first_day", "2027-01-04"),
        ("last_day", "2027-01-08"),
    ];
    assert_eq!(
        exception(&app, me, id, &away).await.status,
        StatusCode::SEE_OTHER
    );
    let page = c.get("/min-tid").await;
    assert!(
        page.text.contains("fra 4.1.2027 til og med 8.1.2027"),
        "{}",
        page.text
    );
    let one_day = [("kind", "day_off"), ("first_day", "2027-01-11")];
    assert_eq!(
        exception(&app, me, id, &one_day).await.status,
        StatusCode::SEE_OTHER
    );
    let part = [
        ("kind", "off"),
        ("first_day", "2027-01-12"),
        ("start", "10:00"),
        ("end", "12:00"),
    ];
    assert_eq!(
        exception(&app, me, id, &part).await.status,
        StatusCode::SEE_OTHER
    );

    let bad: [&[(&str, &str)]; 5] = [
        &[
            ("kind", "away"),
            ("first_day", "2027-01-08"),
            ("last_day", "2027-01-04"),
        ],
        &[
            ("kind", "off"),
            ("first_day", "2027-01-12"),
            ("start", "12:00"),
            ("end", "10:00"),
        ],
        &[
            ("kind", "extra"),
            ("first_day", "2027-01-12"),
            ("start", ""),
            ("end", ""),
        ],
        &[("kind", "day_off"), ("first_day", "2150-01-01")],
        &[("kind", "day_off"), ("first_day", "")],
    ];
    for fields in bad {
        let res = exception(&app, me, id, fields).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(
            res.text.contains("form-error-message"),
            "{fields:?}: next to the field"
        );
        assert!(
            res.text.contains("alert-error"),
            "{fields:?}: summarised at the top"
        );
    }

    // Removing one.
    let page = c.get("/min-tid").await;
    let needle = "name=\"exception_id\" value=\"";
    let at = page.text.find(needle).unwrap() + needle.len();
    let exception_id: String = page.text[at..]
        .chars()
        .take_while(|ch| *ch != '"')
        .collect();
    let removed = c
        .post_form(
            "/min-tid/undtagelse/slet",
            &[
                ("staff_id", &id.to_string()),
                ("exception_id", &exception_id),
            ],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let after = c.get("/min-tid").await;
    assert_eq!(after.text.matches("name=\"exception_id\"").count(), 2);
}

#[tokio::test]
async fn a_coordinator_edits_their_own_organisations_staff_and_nobody_elses() {
    let app = TestApp::spawn().await;
    let librarian = app.staff_id("bibliotekar@dragoer.demo").await;
    let coordinator = app.staff_id("bibliotek@dragoer.demo").await;
    assert_eq!(
        week(&app, "bibliotek@dragoer.demo", librarian, "08:00", "12:00")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mut c = app.login("bibliotek@dragoer.demo").await;
    let page = c.get(&format!("/min-tid?medarbejder={librarian}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Jonas Berg"));
    // A colleague without the role, another organisation, another municipality.
    let cases = [
        (
            "bibliotekar@dragoer.demo",
            coordinator,
            StatusCode::FORBIDDEN,
        ),
        (
            "borgercenter@dragoer.demo",
            librarian,
            StatusCode::NOT_FOUND,
        ),
        ("admin@dragoer.demo", librarian, StatusCode::NOT_FOUND),
        (OTHER_COORDINATOR, librarian, StatusCode::NOT_FOUND),
    ];
    for (who, whose, status) in cases {
        assert_eq!(
            week(&app, who, whose, "08:00", "12:00").await.status,
            status,
            "{who}"
        );
        let mut c = app.login(who).await;
        let read = c.get(&format!("/min-tid?medarbejder={whose}")).await.status;
        assert_eq!(read, status, "{who} reads");
    }
}

#[tokio::test]
async fn the_season_plan_keeps_to_the_staffs_availability() {
    let app = TestApp::spawn().await;
    // Both library people who teach digital security away all season.
    for who in ["bibliotek@dragoer.demo", "bibliotekar@dragoer.demo"] {
        let id = app.staff_id(who).await;
        let away = [
            ("kind", "away"),
            ("first_day", "2026-11-30"),
            ("last_day", "2027-04-30"),
        ];
        let res = exception(&app, "bibliotek@dragoer.demo", id, &away).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    }
    let t = api_token(&app, "borgercenter@dragoer.demo").await;
    let plan = app
        .client()
        .api("POST", "/api/v1/seasons/2026-27/plan", Some(&t), None)
        .await
        .json();
    assert_eq!(plan["visits"].as_array().unwrap().len(), 0, "{plan}");
    let unplaced = plan["unplaced"].as_array().unwrap();
    assert_eq!(unplaced.len(), 8);
    assert!(unplaced.iter().all(|u| u["reason"] == "no_free_time"));
}
