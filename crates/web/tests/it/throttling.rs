//! Repeated failed logins are slowed down, per account and per address.

use crate::support::{Options, PASSWORD, TestApp};
use axum::http::{StatusCode, header};
use chrono::Duration;
use samvirke_service::throttle::Limits;

#[tokio::test]
async fn an_account_is_locked_after_five_failures_then_opens_again() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    for _ in 0..5 {
        let res = c
            .login("bibliotek@dragoer.demo", "forkert-adgangskode")
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.text.contains("E-mail eller adgangskode er forkert"));
        assert!(
            res.text.contains("value=\"bibliotek@dragoer.demo\""),
            "the e-mail is kept"
        );
    }
    // Now even the right password waits.
    let res = c.login("bibliotek@dragoer.demo", PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60);
    assert!(res.text.contains("for mange forsøg"));

    // The API is throttled for the same account.
    let body = format!(r#"{{"email":"bibliotek@dragoer.demo","password":"{PASSWORD}"}}"#);
    let api = c.api("POST", "/api/v1/auth/token", None, Some(&body)).await;
    assert_eq!(api.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(api.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(api.json()["error"], "too_many_requests");

    // Other accounts are not affected.
    assert_eq!(
        app.client()
            .login("bibliotekar@dragoer.demo", PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    app.clock.advance(Duration::minutes(16));
    assert_eq!(
        c.login("bibliotek@dragoer.demo", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_slowed_down() {
    let limits = Limits {
        per_address: Some(3),
        ..Limits::default()
    };
    let app = TestApp::spawn_with(Options {
        limits,
        rate_limit: true,
    })
    .await;
    let mut c = app.client();
    for i in 0..3 {
        let email = format!("ukendt{i}@dragoer.demo");
        assert_eq!(c.login(&email, "gæt").await.status, StatusCode::OK);
    }
    assert_eq!(
        c.login("ukendt9@dragoer.demo", "gæt").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn public_sign_ups_are_limited_per_address() {
    let app = TestApp::spawn().await;
    let list = app.client().get("/api/v1/sessions").await.json();
    let id = list[2]["id"].as_i64().unwrap();
    let mut c = app.client();
    let mut last = StatusCode::OK;
    for i in 0..=samvirke_web::PUBLIC_ACTIONS_PER_ADDRESS {
        let body = format!(r#"{{"name":"Person {i}","email":"p{i}@example.dk"}}"#);
        last = c
            .api(
                "POST",
                &format!("/api/v1/sessions/{id}/registrations"),
                None,
                Some(&body),
            )
            .await
            .status;
        if i < samvirke_web::PUBLIC_ACTIONS_PER_ADDRESS {
            assert_eq!(last, StatusCode::CREATED, "request {i}");
        }
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    let page = c
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", "En til"), ("no_contact", "yes")],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.headers.contains_key(header::RETRY_AFTER));
    app.clock.advance(Duration::minutes(10));
    let body = r#"{"name":"Senere","email":"senere@example.dk"}"#;
    assert_eq!(
        c.api(
            "POST",
            &format!("/api/v1/sessions/{id}/registrations"),
            None,
            Some(body)
        )
        .await
        .status,
        StatusCode::CREATED
    );
}
