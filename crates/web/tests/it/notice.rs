//! E-mails in the citizen's language: the page's language on the form, a
//! choice on the phone sign-up, `language` on the API; later e-mails to the
//! same person follow it.

use crate::support::{TestApp, t0};
use axum::http::StatusCode;
use chrono::Duration;
use samvirke_domain::OrgId;
use samvirke_store::entity::outbox;
use samvirke_store::sessions as q;
use samvirke_store::{Scope, orgs};
use serde_json::{Value, json};

/// A public session of the demo programme with `capacity` seats, open now.
pub(crate) async fn session(app: &TestApp, capacity: i32) -> i64 {
    let scope = Scope::new(app.dragoer);
    let p = q::programme_by_title(&app.core.db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let site = orgs::site_by_name(&app.core.db.read, scope, "Dragør Bibliotek")
        .await
        .unwrap()
        .unwrap();
    let now = app.core.now();
    q::create_session(
        &app.core.db.write,
        scope,
        q::NewSession {
            programme_id: p.id,
            org: OrgId(p.organisation_id),
            site_id: site.id,
            starts_at: now + Duration::days(10),
            ends_at: now + Duration::days(10) + Duration::hours(2),
            capacity,
            signup_opens_at: now - Duration::hours(1),
            signup_closes_at: now + Duration::days(9),
            public: true,
        },
        now,
    )
    .await
    .unwrap()
    .id
}

/// The e-mails queued to `to`, oldest first.
async fn mail_to(app: &TestApp, to: &str) -> Vec<outbox::Model> {
    let org = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let mut all = samvirke_store::outbox::list_for_org(
        &app.core.db.read,
        Scope::new(app.dragoer),
        OrgId(org),
        100,
    )
    .await
    .unwrap();
    all.retain(|m| m.recipient == to);
    all.sort_by_key(|m| m.id);
    all
}

async fn api_sign_up(app: &TestApp, id: i64, body: Value) -> (StatusCode, Value) {
    let res = app
        .client()
        .api(
            "POST",
            &format!("/api/v1/sessions/{id}/registrations"),
            None,
            Some(&body.to_string()),
        )
        .await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or(Value::Null),
    )
}

fn assert_english(m: &outbox::Model, subject: &str) {
    assert!(m.subject.starts_with(subject), "{}", m.subject);
    assert!(m.body.starts_with("Hello "), "{}", m.body);
    assert!(
        !m.body.contains("Hej") && !m.body.contains("kl."),
        "{}",
        m.body
    );
}

fn assert_danish(m: &outbox::Model, subject: &str) {
    assert!(m.subject.starts_with(subject), "{}", m.subject);
    assert!(m.body.starts_with("Hej "), "{}", m.body);
    assert!(!m.body.contains("Hello"), "{}", m.body);
}

#[tokio::test]
async fn a_sign_up_on_the_english_page_is_mailed_in_english_and_on_the_danish_page_in_danish() {
    let app = TestApp::spawn().await;
    let id = session(&app, 10).await;
    let starts = t0() + Duration::days(10);
    assert_eq!(starts.to_rfc3339(), "2026-12-09T09:00:00+00:00");

    let mut en = app.client();
    en.get("/sprog/en?tilbage=/").await;
    let res = en
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", "Ann Smith"), ("email", "ann@example.dk")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let mail = mail_to(&app, "ann@example.dk").await;
    assert_eq!(mail.len(), 1);
    assert_english(&mail[0], "You are signed up: 010101 Dit digitale liv");
    assert!(
        mail[0]
            .body
            .contains("When: Wednesday 9 December, 10:00–12:00"),
        "{}",
        mail[0].body
    );
    assert!(mail[0].body.contains("/afmeld/"));

    let mut da = app.client();
    let res = da
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", "Bo Jensen"), ("email", "bo@example.dk")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let mail = mail_to(&app, "bo@example.dk").await;
    assert_eq!(mail.len(), 1);
    assert_danish(&mail[0], "Du er tilmeldt: 010101 Dit digitale liv");
    assert!(
        mail[0]
            .body
            .contains("Hvornår: onsdag 9. december kl. 10.00–12.00"),
        "{}",
        mail[0].body
    );
}

#[tokio::test]
async fn the_api_language_holds_for_the_later_promotion_and_reminder() {
    let app = TestApp::spawn().await;
    let id = session(&app, 1).await;
    // Left out: Danish, even when the API's errors would be English.
    let res = app
        .client()
        .api(
            "POST",
            &format!("/api/v1/sessions/{id}/registrations"),
            None,
            Some(&json!({"name": "Dan", "email": "dan@example.dk"}).to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let dan_token = res.json()["cancel_token"].as_str().unwrap().to_string();
    let (status, body) = api_sign_up(
        &app,
        id,
        json!({"name": "Eve", "email": "eve@example.dk", "language": "en"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "waitlisted");
    assert_danish(&mail_to(&app, "dan@example.dk").await[0], "Du er tilmeldt");
    let eve = mail_to(&app, "eve@example.dk").await;
    assert_english(&eve[0], "You are on the waiting list: ");
    assert!(eve[0].body.contains("as number 1"), "{}", eve[0].body);

    // Dan cancels; Eve gets the seat and is told in English.
    let res = app
        .client()
        .api(
            "POST",
            "/api/v1/registrations/cancel",
            None,
            Some(&json!({"cancel_token": dan_token}).to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let eve = mail_to(&app, "eve@example.dk").await;
    assert_eq!(eve.len(), 2);
    assert_english(&eve[1], "You have a seat: ");
    assert!(eve[1].ics.is_some());

    // And reminded in English.
    app.clock
        .set(t0() + Duration::days(9) + Duration::hours(12));
    let queued = samvirke_service::sessions::send_due_reminders(&app.core, Duration::days(1))
        .await
        .unwrap();
    assert_eq!(queued, 1);
    let eve = mail_to(&app, "eve@example.dk").await;
    assert_english(&eve[2], "Reminder: ");
}

#[tokio::test]
async fn a_language_other_than_da_or_en_is_refused() {
    let app = TestApp::spawn().await;
    let id = session(&app, 5).await;
    for bad in ["de", "EN", ""] {
        let (status, body) = api_sign_up(
            &app,
            id,
            json!({"name": "Gus", "email": "gus@example.dk", "language": bad}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
    assert!(mail_to(&app, "gus@example.dk").await.is_empty());
}

#[tokio::test]
async fn the_openapi_document_lists_the_language_field() {
    let app = TestApp::spawn().await;
    let doc = app.client().get("/api/v1/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    let field = &schemas["RegistrationRequest"]["properties"]["language"];
    assert!(!field.is_null(), "{}", schemas["RegistrationRequest"]);
    // The field refers to the enum, directly or as one of a nullable pair.
    let text = field.to_string();
    assert!(text.contains("SignupLanguage"), "{text}");
    assert_eq!(schemas["SignupLanguage"]["enum"], json!(["da", "en"]));
    let required = schemas["RegistrationRequest"]["required"].to_string();
    assert!(!required.contains("language"), "optional: {required}");
}

#[tokio::test]
async fn staff_choose_the_language_of_a_phone_sign_up_and_danish_is_the_default() {
    let app = TestApp::spawn().await;
    let id = session(&app, 5).await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let page = coord.get(&format!("/sessions/{id}")).await;
    assert!(
        page.text
            .contains(r#"name="language" value="da" class="form-radio" checked"#),
        "Danish is chosen beforehand"
    );
    for (email, language) in [("fie@example.dk", None), ("gil@example.dk", Some("en"))] {
        let mut fields = vec![("name", "Borger"), ("email", email)];
        fields.extend(language.map(|l| ("language", l)));
        let res = coord
            .post_form(&format!("/sessions/{id}/telefon"), &fields)
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    }
    assert_danish(&mail_to(&app, "fie@example.dk").await[0], "Du er tilmeldt");
    assert_english(
        &mail_to(&app, "gil@example.dk").await[0],
        "You are signed up",
    );
}

#[tokio::test]
#[should_panic(expected = "Core has no NoticeText")]
async fn a_core_without_the_texts_fails_rather_than_queue_an_empty_e_mail() {
    let app = TestApp::spawn().await;
    let id = session(&app, 5).await;
    let bare = samvirke_service::Core::new(app.core.db.clone(), app.clock.clone());
    let input = samvirke_service::sessions::SignupInput {
        name: "Ida".into(),
        email: "ida@example.dk".into(),
        ..Default::default()
    };
    let _ = samvirke_service::sessions::sign_up(&bare, app.dragoer, id, &input, None).await;
}
