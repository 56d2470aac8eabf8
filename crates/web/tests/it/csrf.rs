//! Every state-changing form needs its CSRF token.

use crate::support::{PASSWORD, TestApp};
use axum::http::StatusCode;

#[tokio::test]
async fn forms_without_the_token_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let fields = [
        ("name", "Uden Token"),
        ("email", "uden.token@dragoer.demo"),
        ("role", "staff"),
        ("password", "en-lang-adgangskode"),
    ];

    let res = coord.post_raw("/staff/new", &fields).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let mut wrong = vec![("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")];
    wrong.extend_from_slice(&fields);
    assert_eq!(
        coord.post_raw("/staff/new", &wrong).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(
        samvirke_store::staff::by_email_for_login(&app.core.db.read, "uden.token@dragoer.demo")
            .await
            .unwrap()
            .is_none()
    );

    // With the token it works.
    let res = coord.post_form("/staff/new", &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(
        samvirke_store::staff::by_email_for_login(&app.core.db.read, "uden.token@dragoer.demo")
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn login_and_logout_need_the_token() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    c.get("/login").await;
    let res = c
        .post_raw(
            "/login",
            &[("email", "bibliotek@dragoer.demo"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(!c.cookies.contains_key("samvirke_session"));

    let mut signed_in = app.login("bibliotek@dragoer.demo").await;
    assert_eq!(
        signed_in.post_raw("/logout", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        signed_in.get("/dashboard").await.status,
        StatusCode::OK,
        "still signed in"
    );
    let out = signed_in.post_form("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        signed_in.get("/dashboard").await.status,
        StatusCode::SEE_OTHER,
        "signed out"
    );
}

#[tokio::test]
async fn the_token_changes_at_login() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let before = c.csrf().await;
    c.login("bibliotek@dragoer.demo", PASSWORD).await;
    assert_ne!(c.cookies["samvirke_csrf"], before);
    // A form posted with the old token is refused.
    let res = c.post_raw("/logout", &[("csrf", before.as_str())]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
