//! Bad input gets a clear 4xx answer, never a 500, and nothing is half-saved.

use crate::support::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

#[tokio::test]
async fn staff_form_errors_are_shown_next_to_the_fields_and_keep_the_input() {
    let app = TestApp::spawn().await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let long_name = "å".repeat(121);
    let res = coord
        .post_form(
            "/staff/new",
            &[
                ("name", &long_name),
                ("email", "ikke-en-mail"),
                ("phone", "123"),
                ("role", "emperor"),
                ("password", "kort"),
                ("competences", "999999"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for expected in [
        "Teksten er for lang",
        "Skriv en e-mail som navn@eksempel.dk",
        "Skriv et dansk telefonnummer",
        "Vælg en af mulighederne",
        "Adgangskoden skal være på mindst 12 tegn",
        "value=\"ikke-en-mail\"",
        "value=\"123\"",
        "aria-invalid=\"true\"",
        "id=\"email-error\"",
    ] {
        assert!(res.text.contains(expected), "missing {expected:?}");
    }
    assert!(
        !res.text.contains("value=\"kort\""),
        "a password is never echoed"
    );

    // HTML is shown as text.
    let res = coord
        .post_form(
            "/staff/new",
            &[("name", "<script>alert(1)</script>"), ("email", "x")],
        )
        .await;
    assert!(
        res.text
            .contains("&#60;script&#62;alert(1)&#60;/script&#62;")
    );
    assert!(!res.text.contains("<script>alert(1)"));

    // Control characters are refused.
    let res = coord
        .post_form(
            "/staff/new",
            &[
                ("name", "Ida\u{7}"),
                ("email", "ida@dragoer.demo"),
                ("role", "staff"),
                ("password", "en-lang-adgangskode"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("tegn, der ikke kan bruges"));

    // MitID is a citizen-service competence; the library cannot give it.
    let competences = samvirke_store::orgs::list_competences(
        &app.core.db.read,
        samvirke_store::Scope::new(app.dragoer),
    )
    .await
    .unwrap();
    let mitid = competences
        .iter()
        .find(|c| c.code == "mitid_issue")
        .unwrap()
        .id
        .to_string();
    let res = coord
        .post_form(
            "/staff/new",
            &[
                ("name", "Ida"),
                ("email", "ida@dragoer.demo"),
                ("role", "staff"),
                ("password", "en-lang-adgangskode"),
                ("competences", &mitid),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

    // An e-mail in use.
    let res = coord
        .post_form(
            "/staff/new",
            &[
                ("name", "Ida"),
                ("email", "BORGERCENTER@dragoer.demo"),
                ("role", "staff"),
                ("password", "en-lang-adgangskode"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text
            .contains("Der findes allerede en medarbejder med den e-mail")
    );

    assert!(
        samvirke_store::staff::by_email_for_login(&app.core.db.read, "ida@dragoer.demo")
            .await
            .unwrap()
            .is_none(),
        "nothing saved"
    );
}

#[tokio::test]
async fn english_errors_for_english_users() {
    let app = TestApp::spawn().await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    coord.get("/sprog/en?tilbage=/staff/new").await;
    let res = coord
        .post_form("/staff/new", &[("name", ""), ("email", "nope")])
        .await;
    assert!(res.text.contains("This field is required."));
    assert!(res.text.contains("Enter an email like name@example.com."));
}

#[tokio::test]
async fn unknown_ids_and_addresses() {
    let app = TestApp::spawn().await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    assert_eq!(
        coord.get("/staff/99999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        coord.get("/staff/abc").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        coord
            .post_form("/staff/99999999", &[("name", "x")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let page = coord.get("/findes-ikke").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text.contains("Siden findes ikke"));
    let api = coord.get("/api/v1/findes-ikke").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"], "not_found");
}

#[tokio::test]
async fn api_rejects_bad_json_with_json_errors() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let malformed = c
        .api("POST", "/api/v1/auth/token", None, Some("{not json"))
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.json()["error"], "malformed_json");

    let missing = c
        .api("POST", "/api/v1/auth/token", None, Some(r#"{"email": 5}"#))
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json()["error"], "invalid_json");

    let req = Request::post("/api/v1/auth/token")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("x"))
        .unwrap();
    let wrong_type = c.send(req).await;
    assert_eq!(wrong_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(wrong_type.json()["error"], "unsupported_media_type");

    let huge = format!(
        r#"{{"email":"a@b.dk","password":"{}"}}"#,
        "x".repeat(3 * 1024 * 1024)
    );
    let too_large = c.api("POST", "/api/v1/auth/token", None, Some(&huge)).await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_large.json()["error"], "too_large");

    let danish = c
        .send(
            Request::post("/api/v1/auth/token")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_LANGUAGE, "da-DK,da;q=0.9")
                .body(Body::from("{"))
                .unwrap(),
        )
        .await;
    assert_eq!(danish.json()["message"], "JSON-dokumentet kan ikke læses.");
}

#[tokio::test]
async fn oversized_form_is_refused() {
    let app = TestApp::spawn().await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let big = "x".repeat(2 * 1024 * 1024);
    let res = coord.post_form("/staff/new", &[("name", &big)]).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(res.text.contains("for stort"));
}
