//! The web layer's own promises: a database fault shows the error page (never
//! an empty form).

use crate::support::TestApp;
use axum::http::StatusCode;
use sea_orm::ConnectionTrait;

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
