//! Citizens' ideas (issue 13): the public form and API, the staff's
//! triage (status and note, changed only at the version seen), the
//! contact read audit-logged, and a programme draft made from an idea,
//! linked both ways.

use crate::support::*;
use axum::http::StatusCode;
use sea_orm::EntityTrait;

const COORDINATOR: &str = "bibliotek@dragoer.demo";
const CITIZEN_COORDINATOR: &str = "borgercenter@dragoer.demo";
const LIBRARIAN: &str = "bibliotekar@dragoer.demo";
const IDEA: &str = "Strikkecafé på biblioteket\nMed kaffe og hjælp til mobilen.";

pub async fn send_idea(app: &TestApp, text: &str, email: Option<&str>) -> i64 {
    let body = match email {
        Some(e) => serde_json::json!({"target_group": "seniors", "text": text, "email": e}),
        None => serde_json::json!({"target_group": "seniors", "text": text}),
    };
    let res = app
        .client()
        .api("POST", "/api/v1/ideas", None, Some(&body.to_string()))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json()["id"].as_i64().unwrap()
}

async fn idea_row(app: &TestApp, id: i64) -> samvirke_store::entity::idea::Model {
    samvirke_store::entity::idea::Entity::find_by_id(id)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn the_public_form_keeps_what_was_typed_and_wants_consent_with_an_email() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let front = c.get("/").await;
    assert!(
        front.text.contains("href=\"/ide\""),
        "linked from the front page"
    );
    let form = c.get("/ide").await;
    assert_eq!(form.status, StatusCode::OK);
    let res = c
        .post_form(
            "/ide",
            &[
                ("target_group", "seniors"),
                ("text", "Strikkecafé"),
                ("email", "Ida@Example.dk"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Strikkecafé") && res.text.contains("Ida@Example.dk"));
    assert!(res.text.contains("href=\"#consent\""));
    assert!(res.text.contains("<title>Fejl:"));
    let res = c.post_form("/ide", &[("text", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("href=\"#target_group-first\""));
    assert!(res.text.contains("href=\"#text\""));
    let res = c
        .post_form(
            "/ide",
            &[
                ("target_group", "seniors"),
                ("text", "Strikkecafé"),
                ("email", "Ida@Example.dk"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(res.location(), "/ide/tak");
    let rows = samvirke_store::entity::idea::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].email.as_deref(), Some("ida@example.dk"));
    assert_eq!(rows[0].consent_at, Some(t0()));
    assert_eq!(rows[0].municipality_id, app.dragoer.0);
}

#[tokio::test]
async fn the_api_names_the_field_on_bad_input_and_lists_ideas_to_staff() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let post = |body: serde_json::Value| body.to_string();
    for (body, field) in [
        (
            serde_json::json!({"target_group": "martians", "text": "x"}),
            "target_group",
        ),
        (
            serde_json::json!({"target_group": "young", "text": "  "}),
            "text",
        ),
        (
            serde_json::json!({"target_group": "young", "text": "x".repeat(2001)}),
            "text",
        ),
        (
            serde_json::json!({"target_group": "young", "text": "x", "email": "nej"}),
            "email",
        ),
        (
            serde_json::json!({"target_group": "young", "text": "x", "email": "a@b.dk", "consent": false}),
            "consent",
        ),
    ] {
        let res = c
            .api("POST", "/api/v1/ideas", None, Some(&post(body)))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
        assert!(res.text.contains(field), "{field}: {}", res.text);
    }
    let id = send_idea(&app, IDEA, None).await;
    assert_eq!(
        c.api("GET", "/api/v1/ideas", None, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let token = api_token(&app, LIBRARIAN).await;
    let res = c.api("GET", "/api/v1/ideas", Some(&token), None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let list = res.json();
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["text"], IDEA);
    assert_eq!(list[0]["status"], "new");
    let res = c
        .api("GET", "/api/v1/ideas?status=done", Some(&token), None)
        .await;
    assert_eq!(res.json().as_array().unwrap().len(), 0);
    let res = c
        .api("GET", "/api/v1/ideas?status=maybe", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another municipality's staff see none of them.
    let other = api_token(&app, OTHER_COORDINATOR).await;
    let res = c.api("GET", "/api/v1/ideas", Some(&other), None).await;
    assert_eq!(res.json().as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn coordinators_triage_staff_read_and_the_contact_read_is_logged() {
    let app = TestApp::spawn().await;
    let id = send_idea(&app, IDEA, Some("ida@example.dk")).await;
    let path = format!("/ideer/{id}");
    let mut staff = app.login(LIBRARIAN).await;
    let list = staff.get("/ideer").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text.contains(&path));
    let page = staff.get(&path).await;
    assert!(page.text.contains("Strikkecafé"));
    assert!(
        !page.text.contains("ida@example.dk"),
        "staff do not see the contact"
    );
    let res = staff
        .post_form(
            &format!("{path}/status"),
            &[("status", "planned"), ("version", "0")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    let mut coordinator = app.login(CITIZEN_COORDINATOR).await;
    let page = coordinator.get(&path).await;
    assert!(page.text.contains("ida@example.dk"));
    let res = coordinator
        .post_form(
            &format!("{path}/status"),
            &[
                ("status", "considering"),
                ("version", "0"),
                ("note", "Vi taler om det i januar"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let row = idea_row(&app, id).await;
    assert_eq!(row.status, "considering");
    assert_eq!(row.note.as_deref(), Some("Vi taler om det i januar"));
    assert_eq!(row.version, 1);
    let filtered = staff.get("/ideer?status=considering").await;
    assert!(filtered.text.contains(&path));
    assert!(!staff.get("/ideer?status=new").await.text.contains(&path));

    let log = samvirke_store::entity::audit_log::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    let reads: Vec<_> = log
        .iter()
        .filter(|r| r.purpose == "idea_contact" && r.subject_id == id)
        .collect();
    assert_eq!(reads.len(), 1, "only the read that showed the contact");
    assert_eq!(
        reads[0].actor_staff_id,
        app.staff_id(CITIZEN_COORDINATOR).await
    );

    let mut other = app.login(OTHER_COORDINATOR).await;
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
}

/// Two staff change an idea at once: the one who saw the older version
/// is told, and nothing is lost. 30 at the same version: exactly one wins.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_changes_at_once_at_one_version_let_exactly_one_win() {
    let app = TestApp::spawn().await;
    let id = send_idea(&app, IDEA, None).await;
    let path = format!("/ideer/{id}/status");
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..30 {
        let mut c = app
            .login(if n % 2 == 0 {
                COORDINATOR
            } else {
                CITIZEN_COORDINATOR
            })
            .await;
        let path = path.clone();
        tasks.spawn(async move {
            let note = format!("note {n}");
            let res = c
                .post_form(
                    &path,
                    &[("status", "planned"), ("version", "0"), ("note", &note)],
                )
                .await;
            (res.status, note)
        });
    }
    let results = tasks.join_all().await;
    let won: Vec<_> = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::SEE_OTHER)
        .collect();
    let told = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CONFLICT)
        .count();
    assert_eq!(won.len(), 1, "{results:?}");
    assert_eq!(told, 29, "{results:?}");
    let row = idea_row(&app, id).await;
    assert_eq!(row.version, 1);
    assert_eq!(
        row.note.as_deref(),
        Some(won[0].1.as_str()),
        "the winner's note"
    );
    // The one told sees the new state and keeps what they typed.
    let mut late = app.login(COORDINATOR).await;
    let res = late
        .post_form(
            &path,
            &[
                ("status", "declined"),
                ("version", "0"),
                ("note", "for sent"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.text.contains("for sent"));
    assert!(
        res.text.contains("value=\"1\""),
        "the current version to save again"
    );
}

#[tokio::test]
async fn an_idea_becomes_a_programme_draft_once_and_the_link_shows_both_ways() {
    let app = TestApp::spawn().await;
    let id = send_idea(&app, IDEA, None).await;
    let mut c = app.login(COORDINATOR).await;
    let res = c.post_form(&format!("/ideer/{id}/program"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let row = idea_row(&app, id).await;
    let p = row.programme_id.expect("linked");
    assert_eq!(res.location(), format!("/programmes/{p}/ret"));
    let programme = samvirke_store::entity::programme::Entity::find_by_id(p)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(programme.title, "Strikkecafé på biblioteket");
    assert_eq!(programme.description, IDEA);
    assert_eq!(programme.target_group, "Seniorer");
    assert_eq!(
        programme.organisation_id,
        app.org_id(app.dragoer, "Dragør Bibliotek").await
    );
    let page = c.get(&format!("/programmes/{p}")).await;
    assert!(
        page.text.contains(&format!("href=\"/ideer/{id}\"")),
        "programme → idea"
    );
    let page = c.get(&format!("/ideer/{id}")).await;
    assert!(
        page.text.contains(&format!("href=\"/programmes/{p}\"")),
        "idea → programme"
    );
    let again = c.post_form(&format!("/ideer/{id}/program"), &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let count = samvirke_store::entity::programme::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap()
        .iter()
        .filter(|x| x.description == IDEA)
        .count();
    assert_eq!(count, 1);
    // Ordinary staff make none.
    let other = send_idea(&app, "Lektiecafé", None).await;
    let mut staff = app.login(LIBRARIAN).await;
    let res = staff
        .post_form(&format!("/ideer/{other}/program"), &[])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
