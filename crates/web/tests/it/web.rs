//! The web layer's own promises: a database fault shows the error page (never
//! an empty form), every answer carries a request id, and security events
//! are logged without personal data.

use crate::support::Captured;
use crate::support::{PASSWORD, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use samvirke_service::throttle::{Limits, Throttle};
use samvirke_web::WebConfig;
use samvirke_web::http::TrustedProxies;
use sea_orm::ConnectionTrait;
use std::sync::Arc;

const COORDINATOR: &str = "bibliotek@dragoer.demo";

/// Renames a table, so every read of it fails as in a broken database.
async fn break_table(app: &TestApp, table: &str) {
    app.core
        .db
        .write
        .execute_unprepared(&format!("ALTER TABLE {table} RENAME TO {table}_gone"))
        .await
        .unwrap();
}

/// The first `/programmes/{id}` link on a page.
fn first_programme(html: &str) -> i64 {
    html.match_indices("href=\"/programmes/")
        .filter_map(|(i, m)| {
            let id: String = html[i + m.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            id.parse().ok()
        })
        .next()
        .expect("a programme on the list")
}

#[tokio::test]
async fn a_database_fault_under_a_form_shows_the_error_page_not_an_empty_form() {
    let app = TestApp::spawn().await;
    let mut coord = app.login(COORDINATOR).await;
    let id = first_programme(&coord.get("/programmes").await.text);
    let edit = format!("/programmes/{id}/ret");
    for path in ["/programmes/new", edit.as_str()] {
        let page = coord.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.text);
        assert!(page.text.contains("name=\"title\""), "{path}");
    }

    // The competences the agenda rows offer can no longer be read.
    break_table(&app, "competence").await;
    for path in ["/programmes/new", edit.as_str()] {
        let page = coord.get(path).await;
        assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert!(page.text.contains("Der skete en fejl hos os"), "{path}");
        assert!(!page.text.contains("name=\"title\""), "{path}: a form");
    }
    // In the reader's language.
    coord.cookies.insert("samvirke_lang".into(), "en".into());
    let page = coord.get("/programmes/new").await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(page.text.contains("An error happened on our side"));
}

#[tokio::test]
async fn a_database_fault_under_the_sites_shows_the_error_page() {
    let app = TestApp::spawn().await;
    let mut coord = app.login(COORDINATOR).await;
    let id = first_programme(&coord.get("/programmes").await.text);
    let path = format!("/programmes/{id}");
    assert_eq!(coord.get(&path).await.status, StatusCode::OK);
    // The scheduling form lists the sites; without them it is no form.
    break_table(&app, "site").await;
    let page = coord.get(&path).await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(page.text.contains("Der skete en fejl hos os"));
}

fn request_id(res: &crate::support::Res) -> String {
    res.headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn every_answer_has_a_request_id_and_a_proxys_id_is_kept_only_from_a_trusted_proxy() {
    let mut app = TestApp::spawn().await;
    let mut c = app.client();
    let (a, b) = (c.get("/").await, c.get("/findes-ikke").await);
    for id in [request_id(&a), request_id(&b)] {
        assert_eq!(id.len(), 16, "{id:?}");
        assert!(id.chars().all(|ch| ch.is_ascii_hexdigit()), "{id}");
    }
    assert_ne!(request_id(&a), request_id(&b));
    let api = c.api("GET", "/api/v1/me", None, None).await;
    assert_eq!(request_id(&api).len(), 16);

    let with_id = |id: &str| {
        Request::get("/")
            .header("x-request-id", id)
            .body(Body::empty())
            .unwrap()
    };
    let peer = "198.51.100.7:4000".parse().unwrap();
    // From anyone: ignored.
    let res = c.send_from(peer, with_id("from-the-client")).await;
    assert_ne!(request_id(&res), "from-the-client");
    assert_eq!(request_id(&res).len(), 16);

    // From a trusted proxy: kept, unless it is not a plain id.
    app.rewire(
        Arc::new(Throttle::new(Limits::default())),
        WebConfig {
            trusted_proxies: TrustedProxies::parse(&["198.51.100.7"]).unwrap(),
            ..WebConfig::default()
        },
    );
    let mut c = app.client();
    let res = c.send_from(peer, with_id("proxy-42")).await;
    assert_eq!(request_id(&res), "proxy-42");
    let res = c.send_from(peer, with_id("two words")).await;
    assert_eq!(request_id(&res).len(), 16);
}

fn capture() -> (Captured, crate::support::CaptureGuard) {
    crate::support::capture_logs()
}

#[tokio::test]
async fn failed_and_throttled_logins_are_security_events_without_the_email() {
    let (logs, _guard) = capture();
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let email = "bibliotekar@dragoer.demo";
    let res = c.login(email, "not the password").await;
    assert_eq!(res.status, StatusCode::OK);
    let id = request_id(&res);
    let failed = logs.security("login_failed");
    assert_eq!(failed.len(), 1, "{:#?}", logs.lines());
    assert!(failed[0].contains("WARN"), "{}", failed[0]);
    // In the request's span, with its id and route template.
    assert!(failed[0].contains(&format!("id={id}")), "{}", failed[0]);
    assert!(failed[0].contains("route=/login"), "{}", failed[0]);

    // Until the account is throttled from this address.
    let mut throttled = false;
    for _ in 0..10 {
        if c.login(email, "still not it").await.status == StatusCode::TOO_MANY_REQUESTS {
            throttled = true;
            break;
        }
    }
    assert!(throttled);
    assert_eq!(logs.security("login_throttled").len(), 1);

    let text = logs.lines().join("\n");
    for secret in [email, "bibliotekar", "not the password", "Jonas"] {
        assert!(!text.contains(secret), "{secret} in the log:\n{text}");
    }
}

#[tokio::test]
async fn denials_and_api_tokens_are_security_events_without_secrets() {
    let (logs, _guard) = capture();
    let app = TestApp::spawn().await;

    // A page the staff member may not open (the audit log is for coordinators).
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    assert_eq!(staff.get("/audit").await.status, StatusCode::FORBIDDEN);
    assert_eq!(logs.security("denied").len(), 1, "{:#?}", logs.lines());

    // The API without a token, and with one.
    let mut c = app.client();
    let res = c.api("GET", "/api/v1/me", None, None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(logs.security("api_unauthorized").len(), 1);
    let body = format!(r#"{{"email":"{COORDINATOR}","password":"{PASSWORD}"}}"#);
    let res = c.api("POST", "/api/v1/auth/token", None, Some(&body)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let token = res.json()["token"].as_str().unwrap().to_string();
    assert_eq!(
        c.api("GET", "/api/v1/me", Some(&token), None).await.status,
        StatusCode::OK
    );
    let used = logs.security("api_token_used");
    assert_eq!(used.len(), 1, "{:#?}", logs.lines());
    assert!(
        used[0].contains("INFO") && used[0].contains("token_id="),
        "{}",
        used[0]
    );

    let text = logs.lines().join("\n");
    for secret in [token.as_str(), COORDINATOR, PASSWORD] {
        assert!(!text.contains(secret), "{secret} in the log:\n{text}");
    }
}
