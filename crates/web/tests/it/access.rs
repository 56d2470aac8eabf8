//! Who may see what: routes × roles × organisations, and two
//! municipalities that never see each other.

use crate::support::{OTHER_COORDINATOR, TestApp};
use axum::http::StatusCode;

#[tokio::test]
async fn routes_by_role_and_organisation() {
    let app = TestApp::spawn().await;
    let librarian = app.staff_id("bibliotekar@dragoer.demo").await;
    let citizen_service_staff = app.staff_id("borgerservice@dragoer.demo").await;

    // (who, path, expected status). `None` is a visitor who is not signed in.
    let lib_edit = format!("/staff/{librarian}");
    let bc_edit = format!("/staff/{citizen_service_staff}");
    let table: Vec<(Option<&str>, &str, StatusCode)> = vec![
        (None, "/", StatusCode::OK),
        (None, "/tilgaengelighed", StatusCode::OK),
        (None, "/dashboard", StatusCode::SEE_OTHER),
        (None, "/staff", StatusCode::SEE_OTHER),
        (None, "/audit", StatusCode::SEE_OTHER),
        (Some("bibliotek@dragoer.demo"), "/dashboard", StatusCode::OK),
        (Some("bibliotek@dragoer.demo"), "/staff", StatusCode::OK),
        (Some("bibliotek@dragoer.demo"), "/staff/new", StatusCode::OK),
        (Some("bibliotek@dragoer.demo"), &lib_edit, StatusCode::OK),
        (
            Some("bibliotek@dragoer.demo"),
            &bc_edit,
            StatusCode::FORBIDDEN,
        ),
        (Some("bibliotek@dragoer.demo"), "/audit", StatusCode::OK),
        (
            Some("bibliotek@dragoer.demo"),
            "/organisations",
            StatusCode::OK,
        ),
        (
            Some("bibliotek@dragoer.demo"),
            "/organisations/new",
            StatusCode::FORBIDDEN,
        ),
        (Some("bibliotekar@dragoer.demo"), "/staff", StatusCode::OK),
        (
            Some("bibliotekar@dragoer.demo"),
            "/staff/new",
            StatusCode::FORBIDDEN,
        ),
        (
            Some("bibliotekar@dragoer.demo"),
            &lib_edit,
            StatusCode::FORBIDDEN,
        ),
        (
            Some("bibliotekar@dragoer.demo"),
            "/audit",
            StatusCode::FORBIDDEN,
        ),
        (Some("bibliotekar@dragoer.demo"), "/outbox", StatusCode::OK),
        (Some("borgercenter@dragoer.demo"), &bc_edit, StatusCode::OK),
        (
            Some("borgercenter@dragoer.demo"),
            &lib_edit,
            StatusCode::FORBIDDEN,
        ),
        (
            Some("aktivitetshus@dragoer.demo"),
            "/staff/new",
            StatusCode::FORBIDDEN,
        ),
        (Some("social@dragoer.demo"), "/dashboard", StatusCode::OK),
        (
            Some("admin@dragoer.demo"),
            "/organisations/new",
            StatusCode::OK,
        ),
        (Some("admin@dragoer.demo"), &lib_edit, StatusCode::OK),
        (Some(OTHER_COORDINATOR), &lib_edit, StatusCode::NOT_FOUND),
        (Some("admin@taarnby.test"), &lib_edit, StatusCode::NOT_FOUND),
        (
            Some("admin@taarnby.test"),
            "/organisations/new",
            StatusCode::OK,
        ),
    ];
    for (who, path, expected) in table {
        let mut client = match who {
            Some(email) => app.login(email).await,
            None => app.client(),
        };
        let res = client.get(path).await;
        assert_eq!(res.status, expected, "{who:?} GET {path}");
        if expected == StatusCode::SEE_OTHER {
            assert!(
                res.location().starts_with("/login?next="),
                "{path} redirects to login"
            );
        }
    }
}

#[tokio::test]
async fn posts_are_authorized_too() {
    let app = TestApp::spawn().await;
    let librarian = app.staff_id("bibliotekar@dragoer.demo").await;
    let fields = [
        ("name", "Ny Person"),
        ("email", "ny.person@dragoer.demo"),
        ("role", "staff"),
        ("password", "en-lang-adgangskode"),
    ];
    // Ordinary staff cannot create staff.
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    assert_eq!(
        staff.post_form("/staff/new", &fields).await.status,
        StatusCode::FORBIDDEN
    );
    // Another organisation's coordinator cannot edit the library's staff.
    let mut bc = app.login("borgercenter@dragoer.demo").await;
    let edit = [
        ("name", "Hacked"),
        ("email", "bibliotekar@dragoer.demo"),
        ("role", "staff"),
        ("active", "yes"),
    ];
    assert_eq!(
        bc.post_form(&format!("/staff/{librarian}"), &edit)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Another municipality's admin does not even find the person.
    let mut other = app.login("admin@taarnby.test").await;
    assert_eq!(
        other
            .post_form(&format!("/staff/{librarian}"), &edit)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A coordinator cannot create organisations.
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let org = [
        ("name", "Ny forening"),
        ("kind", "partner"),
        ("coordinator_name", "A B"),
        ("coordinator_email", "ab@x.dk"),
        ("coordinator_password", "en-lang-adgangskode"),
    ];
    assert_eq!(
        coord.post_form("/organisations/new", &org).await.status,
        StatusCode::FORBIDDEN
    );

    let unchanged =
        samvirke_store::staff::by_email_for_login(&app.core.db.read, "bibliotekar@dragoer.demo")
            .await
            .unwrap()
            .unwrap();
    assert_eq!(unchanged.name, "Jonas Berg");
    assert!(
        samvirke_store::staff::by_email_for_login(&app.core.db.read, "ny.person@dragoer.demo")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        samvirke_store::staff::by_email_for_login(&app.core.db.read, "ab@x.dk")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn municipalities_are_kept_apart() {
    let app = TestApp::spawn().await;
    let mut taarnby = app.login(OTHER_COORDINATOR).await;

    let orgs = taarnby.get("/organisations").await;
    assert_eq!(orgs.status, StatusCode::OK);
    assert!(orgs.text.contains("Tårnby Bibliotek"));
    for dragoer_org in ["Dragør Bibliotek", "Borgercentret", "Socialafdelingen"] {
        assert!(
            !orgs.text.contains(dragoer_org),
            "{dragoer_org} leaked into Tårnby"
        );
    }
    let staff = taarnby.get("/staff").await;
    assert!(staff.text.contains("Tim Tårnby"));
    assert!(!staff.text.contains("dragoer.demo"));
    let dash = taarnby.get("/dashboard").await;
    assert!(dash.text.contains("Tårnby Kommune") && !dash.text.contains("Dragør Kommune"));

    // And the other way round.
    let mut dragoer = app.login("admin@dragoer.demo").await;
    let orgs = dragoer.get("/organisations").await;
    assert!(orgs.text.contains("Dragør Bibliotek") && !orgs.text.contains("Tårnby"));

    // An admin creates an organisation only in their own municipality.
    let res = taarnby
        .post_form("/organisations/new", &[("name", "x"), ("kind", "partner")])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let mut t_admin = app.login("admin@taarnby.test").await;
    let res = t_admin
        .post_form(
            "/organisations/new",
            &[
                ("name", "Dragør Bibliotek"),
                ("kind", "library"),
                ("coordinator_name", "Ny Koordinator"),
                ("coordinator_email", "ny@taarnby.test"),
                ("coordinator_password", "en-lang-adgangskode"),
            ],
        )
        .await;
    // The same name is fine in another municipality: names are unique per municipality.
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let in_taarnby = app.org_id(app.taarnby, "Dragør Bibliotek").await;
    let in_dragoer = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    assert_ne!(in_taarnby, in_dragoer);
    let orgs = dragoer.get("/organisations").await;
    assert_eq!(
        orgs.text.matches("Dragør Bibliotek").count(),
        1,
        "Dragør sees only its own library"
    );
}

#[tokio::test]
async fn staff_reads_are_audit_logged_and_visible_to_the_coordinator() {
    let app = TestApp::spawn().await;
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    assert_eq!(staff.get("/staff").await.status, StatusCode::OK);
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let log = coord.get("/audit").await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.text.contains("Jonas Berg"), "the reader is named");
    assert!(log.text.contains("Så listen over medarbejdere"));
    // Borgercentret's coordinator does not see the library's log.
    let mut bc = app.login("borgercenter@dragoer.demo").await;
    let other_log = bc.get("/audit").await;
    assert!(!other_log.text.contains("Jonas Berg"));
}
