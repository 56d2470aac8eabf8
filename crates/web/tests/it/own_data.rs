//! A person's own data (issue 13, GDPR art. 15): the same answer whether
//! or not anything is held; a link valid 24 hours whose page uses nothing
//! up; its button shows everything about the e-mail (matched whole and
//! case-insensitively: `ida+1@…` is someone else) and nothing about anyone
//! else, once; the desk's look-up is logged and shown to the citizen.

use crate::ideas::send_idea;
use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Duration;
use samvirke_service::demo::appointments::MITID_SERVICE;
use samvirke_service::mail::{Transport, deliver_due};
use sea_orm::EntityTrait;
use serde_json::json;

const COORDINATOR: &str = "bibliotek@dragoer.demo";

/// Asks through the API; the status and the answer's text.
async fn ask(app: &TestApp, email: &str) -> (StatusCode, String) {
    let body = json!({ "email": email }).to_string();
    let res = app
        .client()
        .api("POST", "/api/v1/own-data/requests", None, Some(&body))
        .await;
    (res.status, res.text)
}

/// Sends what is queued and returns the own-data links sent: (to, path).
async fn links_sent(app: &TestApp) -> std::collections::HashMap<String, String> {
    let pending: Vec<_> = samvirke_store::entity::outbox::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.state == "pending" && m.secret_kind.as_deref() == Some("own_data"))
        .collect();
    let dir = std::env::temp_dir().join(format!(
        "samvirke-owndata-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    deliver_due(
        &app.core,
        &Transport::Files(dir.clone()),
        "Samvirke <noreply@samvirke.invalid>",
    )
    .await
    .unwrap();
    let mut found = std::collections::HashMap::new();
    for m in pending {
        let eml = std::fs::read_to_string(dir.join(format!("{:08}.eml", m.id)))
            .expect("sent")
            .replace("=\r\n", "");
        let at = eml.find("/mine-data/").expect("a link");
        let path = eml[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
            .collect();
        found.insert(m.recipient, path);
    }
    let _ = std::fs::remove_dir_all(&dir);
    found
}

async fn link_sent_to(app: &TestApp, to: &str) -> Option<String> {
    links_sent(app).await.remove(to)
}

fn rand_suffix() -> String {
    samvirke_service::secret::new_token()[..8].to_string()
}

async fn post_json(app: &TestApp, path: &str) -> (StatusCode, serde_json::Value) {
    let req = Request::post(path)
        .header(header::ACCEPT, "application/json")
        .body(Body::empty())
        .unwrap();
    let res = app.client().send(req).await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or_default(),
    )
}

/// Ida signs up twice (her e-mail typed two ways), books a time and sends
/// an idea; her neighbours `ida+1@…` and Bo do the same.
async fn people(app: &TestApp) -> (i64, i64) {
    let s1 = demo_session(app, NewSession::seats(10)).await;
    let s2 = demo_session(app, NewSession::seats(10)).await;
    for (s, name, email) in [
        (s1, "Ida Holm", "ida@example.dk"),
        (s2, "Ida H", "IDA@Example.DK"),
        (s1, "Ida Plus", "ida+1@example.dk"),
        (s1, "Bo Andersen", "bo@example.dk"),
    ] {
        let (status, body) = api_sign_up(app, s, json!({"name": name, "email": email})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let service = crate::appointments::service_id(app, MITID_SERVICE).await;
    let slot =
        crate::appointments::slots(app, service, "2026-12-01", "2026-12-08").await[0].clone();
    for (name, email) in [
        ("Ida Holm", "Ida@example.dk"),
        ("Ida Plus", "ida+1@example.dk"),
    ] {
        let body =
            json!({"starts_at": slot["starts_at"], "name": name, "email": email}).to_string();
        let res = app
            .client()
            .api(
                "POST",
                &format!("/api/v1/services/{service}/bookings"),
                None,
                Some(&body),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    }
    send_idea(app, "Idas idé om strik", Some("ida@example.dk")).await;
    send_idea(app, "Naboens idé om skak", Some("ida+1@example.dk")).await;
    (s1, s2)
}

#[tokio::test]
async fn the_answer_holds_everything_about_the_person_and_nothing_about_anyone_else() {
    let app = TestApp::spawn().await;
    let (s1, _) = people(&app).await;
    // Staff read the list Ida is on, and an idea's contact.
    let token = api_token(&app, COORDINATOR).await;
    let res = app
        .client()
        .api(
            "GET",
            &format!("/api/v1/sessions/{s1}/registrations"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let idea = samvirke_store::entity::idea::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.email.as_deref() == Some("ida@example.dk"))
        .unwrap();
    app.login(COORDINATOR)
        .await
        .get(&format!("/ideer/{}", idea.id))
        .await;

    // The same answer for an address with data and one without.
    let (held, held_body) = ask(&app, "IDA@example.dk").await;
    let (none, none_body) = ask(&app, "nobody@example.dk").await;
    assert_eq!((held, none), (StatusCode::ACCEPTED, StatusCode::ACCEPTED));
    assert_eq!(held_body, none_body);
    let mut links = links_sent(&app).await;
    assert!(
        links.contains_key("nobody@example.dk"),
        "a link to everyone who asks"
    );
    let (status, body) = ask(&app, "ikke en e-mail").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("email"));

    let path = links.remove("ida@example.dk").expect("a link to Ida");
    // Opening the link (as a mail scanner does) uses nothing up.
    for _ in 0..2 {
        let page = app.client().get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Vis mine oplysninger"));
    }
    // The button's POST needs no CSRF token: the secret is the right.
    let (status, data) = post_json(&app, &path).await;
    assert_eq!(status, StatusCode::OK, "{data}");
    let names = |key: &str| -> Vec<String> {
        data[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let mut regs = names("registrations");
    regs.sort();
    assert_eq!(
        regs,
        ["Ida H", "Ida Holm"],
        "both ways of typing the e-mail, nobody else"
    );
    assert_eq!(names("bookings"), ["Ida Holm"]);
    let ideas: Vec<&str> = data["ideas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    assert_eq!(ideas, ["Idas idé om strik"]);
    let kinds: Vec<&str> = data["reads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert!(r["at"].is_string());
            r["kind"].as_str().unwrap()
        })
        .collect();
    assert!(kinds.contains(&"participant_list"), "{kinds:?}");
    assert!(kinds.contains(&"idea_contact"), "{kinds:?}");
    let text = data.to_string();
    for other in [
        "Ida Plus",
        "Bo Andersen",
        "skak",
        "ida+1",
        "bo@example.dk",
        "Bente",
    ] {
        assert!(!text.contains(other), "{other} in {text}");
    }
    // Once: a second press is 410.
    let (status, gone) = post_json(&app, &path).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(gone["error"], "gone");
    assert_eq!(app.client().get(&path).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn the_pages_say_the_same_for_everyone_and_the_link_lasts_24_hours() {
    let app = TestApp::spawn().await;
    people(&app).await;
    let mut c = app.client();
    assert!(
        c.get("/").await.text.contains("href=\"/mine-data\""),
        "in the footer"
    );
    let bad = c.post_form("/mine-data", &[("email", "ida@")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("value=\"ida@\""));
    let a = c
        .post_form("/mine-data", &[("email", "ida@example.dk")])
        .await;
    let b = c
        .post_form("/mine-data", &[("email", "ingen@example.dk")])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        (a.location(), b.location()),
        ("/mine-data/sendt", "/mine-data/sendt")
    );
    let path = link_sent_to(&app, "ida@example.dk").await.unwrap();
    // The HTML answer, from the page's own form (no token needed either way).
    let page = app.client().post_raw(&path, &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("Ida Holm") && page.text.contains("Idas idé om strik"));
    assert!(!page.text.contains("Ida Plus"));
    assert_eq!(
        app.client().post_raw(&path, &[]).await.status,
        StatusCode::GONE
    );

    // A new link stops working after 24 hours; other pages keep their CSRF check.
    c.post_form("/mine-data", &[("email", "ida@example.dk")])
        .await;
    let path = link_sent_to(&app, "ida@example.dk").await.unwrap();
    app.clock
        .advance(Duration::hours(24) + Duration::seconds(1));
    assert_eq!(app.client().get(&path).await.status, StatusCode::GONE);
    assert_eq!(post_json(&app, &path).await.0, StatusCode::GONE);
    assert_eq!(
        app.client()
            .post_raw("/mine-data", &[("email", "a@b.dk")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.client().post_raw("/mine-data/sendt", &[]).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn requests_for_one_email_are_limited_without_telling() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        let (status, _) = ask(&app, "ida@example.dk").await;
        assert_eq!(status, StatusCode::ACCEPTED);
    }
    let queued = samvirke_store::entity::outbox::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap()
        .iter()
        .filter(|m| m.recipient == "ida@example.dk")
        .count();
    assert_eq!(queued, 3, "at most three a day to one address");
}

#[tokio::test]
async fn staff_at_the_desk_produce_it_logged_and_the_citizen_sees_the_look_up() {
    let app = TestApp::spawn().await;
    people(&app).await;
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    assert_eq!(staff.get("/borgerdata").await.status, StatusCode::FORBIDDEN);
    let res = staff
        .post_form("/borgerdata", &[("email", "ida@example.dk")])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let mut coordinator = app.login(COORDINATOR).await;
    assert_eq!(coordinator.get("/borgerdata").await.status, StatusCode::OK);
    let res = coordinator
        .post_form("/borgerdata", &[("email", "Ida@Example.dk")])
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains("Ida Holm") && !res.text.contains("Ida Plus"));
    let log = samvirke_store::entity::audit_log::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    let desk: Vec<_> = log
        .iter()
        .filter(|r| r.purpose == "own_data_desk")
        .collect();
    assert_eq!(desk.len(), 1);
    assert_eq!(desk[0].actor_staff_id, app.staff_id(COORDINATOR).await);

    ask(&app, "ida@example.dk").await;
    let path = link_sent_to(&app, "ida@example.dk").await.unwrap();
    let (_, data) = post_json(&app, &path).await;
    let kinds: Vec<&str> = data["reads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"own_data_desk"), "{kinds:?}");
    // Another municipality's desk finds nothing of Dragør's.
    let mut other = app.login(OTHER_COORDINATOR).await;
    let res = other
        .post_form("/borgerdata", &[("email", "ida@example.dk")])
        .await;
    assert!(!res.text.contains("Ida Holm"));
}
