//! The JSON API: tokens, /me, the OpenAPI document, health.

use crate::support::{OTHER_COORDINATOR, PASSWORD, TestApp, api_token as token};
use axum::http::{StatusCode, header};

#[tokio::test]
async fn token_and_me() {
    let app = TestApp::spawn().await;
    let t = token(&app, "bibliotek@dragoer.demo").await;
    let me = app.client().api("GET", "/api/v1/me", Some(&t), None).await;
    assert_eq!(me.status, StatusCode::OK);
    let me = me.json();
    assert_eq!(me["email"], "bibliotek@dragoer.demo");
    assert_eq!(me["organisation"]["name"], "Dragør Bibliotek");
    assert_eq!(me["organisation"]["kind"], "library");
    assert_eq!(me["roles"], serde_json::json!(["coordinator"]));
    assert_eq!(me["municipality_id"], app.dragoer.0);

    let other = token(&app, OTHER_COORDINATOR).await;
    let me = app
        .client()
        .api("GET", "/api/v1/me", Some(&other), None)
        .await
        .json();
    assert_eq!(me["municipality_id"], app.taarnby.0);

    // Only the hash is stored.
    let stored = samvirke_store::auth::tokens_of(
        &app.core.db.read,
        samvirke_store::Scope::new(app.dragoer),
        samvirke_domain::StaffId(me_id(&app, "bibliotek@dragoer.demo").await),
    )
    .await
    .unwrap();
    assert!(
        stored
            .iter()
            .all(|s| s.token_hash != t && s.token_hash.len() == 64)
    );
}

async fn me_id(app: &TestApp, email: &str) -> i64 {
    app.staff_id(email).await
}

#[tokio::test]
async fn wrong_password_and_unknown_email_look_the_same() {
    let app = TestApp::spawn().await;
    let wrong = app
        .client()
        .api(
            "POST",
            "/api/v1/auth/token",
            None,
            Some(r#"{"email":"bibliotek@dragoer.demo","password":"forkert"}"#),
        )
        .await;
    let unknown = app
        .client()
        .api(
            "POST",
            "/api/v1/auth/token",
            None,
            Some(r#"{"email":"ingen@dragoer.demo","password":"forkert"}"#),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.text, unknown.text);
}

#[tokio::test]
async fn me_needs_a_valid_token() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let none = c.api("GET", "/api/v1/me", None, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.headers[header::WWW_AUTHENTICATE], "Bearer");
    assert_eq!(none.json()["error"], "unauthorized");
    assert_eq!(
        c.api("GET", "/api/v1/me", Some("not-a-token"), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn personal_tokens_are_shown_once_and_can_be_revoked() {
    let app = TestApp::spawn().await;
    let mut c = app.login("bibliotekar@dragoer.demo").await;
    let res = c
        .post_form("/account/tokens", &[("name", "Regneark")])
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers[header::CACHE_CONTROL], "no-store");
    let start =
        res.text.find("samvirke-token\">").expect("token shown") + "samvirke-token\">".len();
    let token: String = res.text[start..]
        .chars()
        .take_while(|ch| *ch != '<')
        .collect();
    assert_eq!(token.len(), 43);
    assert_eq!(
        c.api("GET", "/api/v1/me", Some(&token), None).await.status,
        StatusCode::OK
    );

    let again = c.get("/account/tokens").await;
    assert!(again.text.contains("Regneark"));
    assert!(!again.text.contains(&token), "shown only once");

    let id = samvirke_store::auth::tokens_of(
        &app.core.db.read,
        samvirke_store::Scope::new(app.dragoer),
        samvirke_domain::StaffId(app.staff_id("bibliotekar@dragoer.demo").await),
    )
    .await
    .unwrap()[0]
        .id;
    // Someone else cannot revoke it.
    let mut other = app.login("bibliotek@dragoer.demo").await;
    assert_eq!(
        other
            .post_form(&format!("/account/tokens/{id}/revoke"), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.api("GET", "/api/v1/me", Some(&token), None).await.status,
        StatusCode::OK
    );
    // The owner can.
    assert_eq!(
        c.post_form(&format!("/account/tokens/{id}/revoke"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        c.api("GET", "/api/v1/me", Some(&token), None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn openapi_document_and_health() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let doc = c.get("/api/v1/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    let doc = doc.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/api/v1/auth/token", "/api/v1/me", "/healthz"] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());

    let health = c.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    let expected = if std::env::var("SAMVIRKE_TEST_PG").is_ok_and(|v| !v.is_empty()) {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(
        health.json(),
        serde_json::json!({"status": "ok", "database": expected})
    );
}

#[tokio::test]
async fn deactivated_staff_lose_sessions_and_tokens() {
    let app = TestApp::spawn().await;
    let t = token(&app, "bibliotekar@dragoer.demo").await;
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    let id = app.staff_id("bibliotekar@dragoer.demo").await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    // Not ticking "active" deactivates.
    let res = coord
        .post_form(
            &format!("/staff/{id}"),
            &[
                ("name", "Jonas Berg"),
                ("email", "bibliotekar@dragoer.demo"),
                ("role", "staff"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(staff.get("/dashboard").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.client()
            .api("GET", "/api/v1/me", Some(&t), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.client()
            .login("bibliotekar@dragoer.demo", PASSWORD)
            .await
            .status,
        StatusCode::OK,
        "login form shown again"
    );
    // A coordinator cannot deactivate themself.
    let me = app.staff_id("bibliotek@dragoer.demo").await;
    let res = coord
        .post_form(
            &format!("/staff/{me}"),
            &[
                ("name", "Henriette Lund"),
                ("email", "bibliotek@dragoer.demo"),
                ("role", "coordinator"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}
