//! The pages a person sees: language, look, security headers, the staff journey.

use crate::support::TestApp;
use axum::http::{StatusCode, header};

#[tokio::test]
async fn front_page_is_danish_by_default_and_switches_to_english() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let page = c.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("<html lang=\"da\">"));
    assert!(page.text.contains("Dragør Kommune"));
    assert!(
        page.text
            .contains("href=\"/tilgaengelighed\">Tilgængelighedserklæring</a>")
    );
    assert!(page.text.contains("/assets/"), "DKFDS stylesheet linked");
    let retired_id = "nemid"; // history: closed in 2023, MitID since
    assert!(!page.text.to_lowercase().contains(retired_id));
    assert!(
        page.text.contains("Kommende arrangementer"),
        "the next dates are on the front page"
    );
    assert_eq!(page.text.matches("href=\"/arrangementer/").count(), 3);

    let switch = c.get("/sprog/en?tilbage=/tilgaengelighed").await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), "/tilgaengelighed");
    let en = c.get("/tilgaengelighed").await;
    assert!(en.text.contains("<html lang=\"en\">"));
    assert!(en.text.contains("Accessibility statement"));
    // Only local addresses are followed.
    let evil = c.get("/sprog/da?tilbage=//evil.example").await;
    assert_eq!(evil.location(), "/");
}

#[tokio::test]
async fn security_headers_and_cookies() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let page = c.get("/login").await;
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(page.headers.contains_key(header::REFERRER_POLICY));
    let csrf_cookie = page.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("SameSite=Lax"));

    let login = c
        .login("bibliotek@dragoer.demo", crate::support::PASSWORD)
        .await;
    let session = login
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("samvirke_session="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
    // The cookie holds a random token; the database holds only its hash.
    let token = session
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("samvirke_session=");
    use sea_orm::EntityTrait;
    let sessions = samvirke_store::entity::login_session::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    assert!(sessions.iter().all(|s| s.id != token));
    assert!(
        sessions
            .iter()
            .any(|s| s.id == samvirke_service::secret::token_hash(token))
    );
}

#[tokio::test]
async fn assets_are_served_with_long_cache() {
    let app = TestApp::spawn().await;
    let url = samvirke_web::assets::asset_url("samvirke/samvirke.css");
    let res = app.client().get(&url).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(
        res.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert_eq!(
        app.client().get("/assets/x/nope.css").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn coordinator_creates_edits_and_the_new_person_logs_in() {
    let app = TestApp::spawn().await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let form = coord.get("/staff/new").await;
    assert!(form.text.contains("Digital sikkerhed"));
    assert!(
        !form.text.contains("Kan oprette MitID"),
        "MitID is offered only to the citizen service"
    );
    let competences = samvirke_store::orgs::list_competences(
        &app.core.db.read,
        samvirke_store::Scope::new(app.dragoer),
    )
    .await
    .unwrap();
    let security = competences
        .iter()
        .find(|c| c.code == "digital_security")
        .unwrap()
        .id
        .to_string();
    let quiz = competences
        .iter()
        .find(|c| c.code == "quiz_host")
        .unwrap()
        .id
        .to_string();

    let res = coord
        .post_form(
            "/staff/new",
            &[
                ("name", "Ida Ny"),
                ("email", "Ida.Ny@dragoer.demo"),
                ("phone", "32 89 01 00"),
                ("role", "staff"),
                ("competences", &security),
                ("competences", &quiz),
                ("password", "en-lang-adgangskode"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(res.location(), "/staff?notice=staff-created");
    let list = coord.get("/staff?notice=staff-created").await;
    assert!(list.text.contains("Medarbejderen er oprettet."));
    assert!(list.text.contains("Ida Ny") && list.text.contains("ida.ny@dragoer.demo"));
    assert!(list.text.contains("32 89 01 00"));
    assert!(list.text.contains("Digital sikkerhed, Quizvært"));

    let mut ida = app.client();
    assert_eq!(
        ida.login("ida.ny@dragoer.demo", "en-lang-adgangskode")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let dash = ida.get("/dashboard").await;
    assert!(dash.text.contains("Velkommen, Ida Ny."));

    // Edit: make Ida a coordinator, drop a competence.
    let id = app.staff_id("ida.ny@dragoer.demo").await;
    let res = coord
        .post_form(
            &format!("/staff/{id}"),
            &[
                ("name", "Ida Nyborg"),
                ("email", "ida.ny@dragoer.demo"),
                ("role", "coordinator"),
                ("competences", &quiz),
                ("active", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let edited = coord.get(&format!("/staff/{id}")).await;
    assert!(edited.text.contains("value=\"Ida Nyborg\""));
    assert_eq!(
        ida.get("/staff/new").await.status,
        StatusCode::OK,
        "now a coordinator"
    );
}
