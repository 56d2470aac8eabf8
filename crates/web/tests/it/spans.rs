//! A span per use case: the acting organisation and the resource, never
//! personal data, in every log line written inside it.

use crate::notice::session;
use crate::support::TestApp;
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_use_case_logs_in_a_span_with_the_org_and_the_resource_and_no_personal_data() {
    // One thread (current-thread runtime): its capture sees all of it.
    let (logs, _guard) = crate::support::capture_logs();

    let app = TestApp::spawn().await;
    let id = session(&app, 5).await;
    let res = app
        .client()
        .api(
            "POST",
            &format!("/api/v1/sessions/{id}/registrations"),
            None,
            Some(
                &json!({"name": "Ida Hemmelig", "email": "ida@example.dk", "phone": "+4512345678"})
                    .to_string(),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let registration = res.json()["id"].as_i64().unwrap();
    let token = res.json()["cancel_token"].as_str().unwrap().to_string();
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    assert_eq!(
        coord.get(&format!("/sessions/{id}")).await.status,
        StatusCode::OK
    );
    let res = app
        .client()
        .api(
            "POST",
            "/api/v1/registrations/cancel",
            None,
            Some(&json!({"cancel_token": token}).to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);

    let org = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let m = app.dragoer.0;
    let spans = logs.spans();
    for span in [
        format!(r#"sign_up municipality={m} resource="session" resource_id={id}"#),
        format!(r#"staff_session org={org} resource="session" resource_id={id}"#),
        // A cancel link names neither: they are recorded once it is found.
        r#"cancel resource="registration""#.to_string(),
        format!("cancel += municipality={m}"),
        format!("cancel += resource_id={registration}"),
    ] {
        assert!(spans.contains(&span), "{span} not in {spans:#?}");
    }
    let mut text = logs.text();
    text.push_str(&spans.join("\n"));
    for personal in ["Ida Hemmelig", "ida@example.dk", "12345678", token.as_str()] {
        assert!(!text.contains(personal), "{personal} logged:\n{text}");
    }
}
