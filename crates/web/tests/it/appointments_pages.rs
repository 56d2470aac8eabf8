//! Appointments' pages: the guided question, free times, booking with the
//! receipt, cancelling by the link, and the staff's day list and desk booking.

use crate::appointments::{service_id, slots};
use crate::support::*;
use axum::http::StatusCode;
use samvirke_service::demo::appointments::{LIBRARY_SERVICE, MITID_SERVICE};

#[tokio::test]
async fn a_citizen_books_from_the_guided_question_and_cancels_by_the_link() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let res = c.get("/bestil-tid").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains("Hvad skal du have hjælp til?"));
    let mitid = service_id(&app, MITID_SERVICE).await;
    assert!(
        res.text
            .contains(&format!("/bestil-tid/ydelse/{mitid}?emne=mitid")),
        "authority matters go to Borgercentret"
    );
    let lib = service_id(&app, LIBRARY_SERVICE).await;
    assert!(
        res.text
            .contains(&format!("/bestil-tid/ydelse/{lib}?emne=device"))
    );

    let res = c
        .get(&format!(
            "/bestil-tid/ydelse/{lib}?emne=device&dag=2026-12-01"
        ))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains("tirsdag 1. december"), "{}", res.text);
    let start = "2026-12-01T07:00:00Z";
    assert!(
        res.text.contains("2026-12-01T07%3A00%3A00Z"),
        "{}",
        res.text
    );
    let form = format!("/bestil-tid/ydelse/{lib}/book?start={start}&emne=device");
    let res = c.get(&form).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text.contains("Hvilken telefon"),
        "the service's question"
    );

    // Errors keep what was typed and lead with a summary.
    let res = c
        .post_form(
            &format!("/bestil-tid/ydelse/{lib}/book"),
            &[
                ("start", start),
                ("topic", "device"),
                ("name", "Ida"),
                ("email", "ikke-en-mail"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("error-summary-heading") && res.text.contains("value=\"Ida\""));
    let res = c
        .post_form(
            &format!("/bestil-tid/ydelse/{lib}/book"),
            &[
                ("start", start),
                ("topic", "device"),
                ("name", "Ida"),
                ("email", "ida@example.dk"),
                ("answer_0", "En iPad"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(res.location(), "/bestil-tid/kvittering");
    let res = c.get("/bestil-tid/kvittering").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains("Din tid er booket"));
    let link = res
        .text
        .split("href=\"/bestil-tid/afmeld/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        slots(&app, lib, "2026-12-01", "2026-12-01").await[0]["free"],
        1
    );

    let page = format!("/bestil-tid/afmeld/{link}");
    let res = c.get(&page).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains("Flyt tiden"));
    let res = c.post_form(&page, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = c.get(res.location()).await;
    assert!(res.text.contains("Tiden er aflyst."));
    assert_eq!(
        slots(&app, lib, "2026-12-01", "2026-12-01").await[0]["free"],
        2
    );
    let res = c.post_form(&page, &[]).await;
    assert_eq!(res.status, StatusCode::GONE, "once");
    assert_eq!(
        c.get("/bestil-tid/afmeld/ukendt").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn staff_book_at_the_desk_and_see_their_day() {
    let app = TestApp::spawn().await;
    let lib = service_id(&app, LIBRARY_SERVICE).await;
    let mut c = app.login("bibliotekar@dragoer.demo").await;
    let res = c
        .get(&format!("/aftaler/ny?service={lib}&dag=2026-11-30"))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let res = c
        .post_form(
            "/aftaler/ny",
            &[
                ("service", &lib.to_string()),
                ("dag", "2026-11-30"),
                ("name", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = c
        .post_form(
            "/aftaler/ny",
            &[
                ("service", &lib.to_string()),
                ("dag", "2026-11-30"),
                ("start", "2026-11-30T07:00:00Z"),
                ("name", "Ved Skranken"),
                ("phone", "12345678"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    // The coordinator sees it on the organisation's list; Borgercentret does not.
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let res = coord.get("/aftaler?dag=2026-11-30&alle=1").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains("Ved Skranken") && res.text.contains("12345678"));
    let mut bc = app.login("borgercenter@dragoer.demo").await;
    let res = bc.get("/aftaler?dag=2026-11-30&alle=1").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(!res.text.contains("Ved Skranken"));
    let res = bc.get(&format!("/aftaler/ny?service={lib}")).await;
    assert!(
        !res.text.contains("Digital hjælp"),
        "another organisation's service is not offered"
    );
    // Marked done once it has started.
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-11-30T08:10:00+01:00")
            .unwrap()
            .to_utc(),
    );
    // A new day: sign in again.
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let mut bc = app.login("borgercenter@dragoer.demo").await;
    let res = coord.get("/aftaler?dag=2026-11-30&alle=1").await;
    assert!(res.text.contains("/marker"), "{}", res.text);
    let id = res
        .text
        .split("/aftaler/")
        .find_map(|s| {
            s.split("/marker")
                .next()
                .filter(|n| n.parse::<i64>().is_ok())
        })
        .unwrap()
        .to_string();
    let res = coord
        .post_form(
            &format!("/aftaler/{id}/marker"),
            &[("status", "done"), ("dag", "2026-11-30"), ("alle", "1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = coord.get(res.location()).await;
    assert!(res.text.contains("Gennemført"));
    let res = bc
        .post_form(&format!("/aftaler/{id}/marker"), &[("status", "done")])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
