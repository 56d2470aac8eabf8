//! Referrals (issue 10): the library hands a citizen over to Borgercentret
//! with consent (and back); the receiver's queue and case; the sender sees
//! only the status; every read of a case is audit-logged; the personal
//! data is deleted after the case is done, the counts stay.

use crate::support::*;
use axum::http::StatusCode;
use sea_orm::EntityTrait;

const LIBRARIAN: &str = "bibliotekar@dragoer.demo";
const CITIZEN: &str = "borgerservice@dragoer.demo";
const CITIZEN_COORDINATOR: &str = "borgercenter@dragoer.demo";
const SOCIAL: &str = "social@dragoer.demo";

const NEED: &str = "Har brug for hjælp til boligstøtte";

async fn send(app: &TestApp, from: &str, to_org: &str) -> i64 {
    let to = app.org_id(app.dragoer, to_org).await.to_string();
    let mut c = app.login(from).await;
    let res = c
        .post_form(
            "/henvisninger/ny",
            &[
                ("to", &to),
                ("need", NEED),
                ("contact_name", "Bo Borger"),
                ("phone", "12345678"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    referral_ids(app).await.into_iter().max().unwrap()
}

async fn referral_ids(app: &TestApp) -> Vec<i64> {
    samvirke_store::entity::referral::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect()
}

#[tokio::test]
async fn a_referral_needs_the_citizens_consent_and_a_contact_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let to = app.org_id(app.dragoer, "Borgercentret").await.to_string();
    let mut c = app.login(LIBRARIAN).await;
    let form = c.get("/henvisninger/ny").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("Borgercentret"));
    let res = c
        .post_form(
            "/henvisninger/ny",
            &[("to", &to), ("need", NEED), ("contact_name", "Bo Borger")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains(NEED), "what was typed is kept");
    assert!(
        res.text.contains("href=\"#consent\""),
        "the summary links the consent"
    );
    assert!(res.text.contains("href=\"#phone\""), "a contact is needed");
    assert!(referral_ids(&app).await.is_empty());
    // Organisations that are neither the library nor the citizen service send none.
    let mut social = app.login(SOCIAL).await;
    assert_eq!(
        social.get("/henvisninger/ny").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_receiver_works_the_case_and_the_sender_sees_only_the_status() {
    let app = TestApp::spawn().await;
    let id = send(&app, LIBRARIAN, "Borgercentret").await;
    let row = samvirke_store::entity::referral::Entity::find_by_id(id)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.consent_by, app.staff_id(LIBRARIAN).await);
    assert_eq!(row.consent_at, t0());

    let mut receiver = app.login(CITIZEN).await;
    let queue = receiver.get("/henvisninger").await;
    assert!(queue.text.contains(&format!("/henvisninger/{id}")));
    assert!(!queue.text.contains(NEED), "the queue shows no case");
    let case = receiver.get(&format!("/henvisninger/{id}")).await;
    assert_eq!(case.status, StatusCode::OK);
    assert!(case.text.contains(NEED));
    assert!(case.text.contains("Bo Borger"));
    assert!(
        case.text.contains("/aftaler/ny"),
        "an appointment can be booked"
    );

    // The sender: the status only, never the case.
    let mut sender = app.login(LIBRARIAN).await;
    let list = sender.get("/henvisninger").await;
    assert!(list.text.contains("Ny"));
    assert!(!list.text.contains(NEED));
    assert!(!list.text.contains("Bo Borger"));
    assert!(!list.text.contains(&format!("/henvisninger/{id}\"")));
    assert_eq!(
        sender.get(&format!("/henvisninger/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    let status = format!("/henvisninger/{id}/status");
    assert_eq!(
        sender
            .post_form(&status, &[("status", "done")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Others do not find it at all.
    for who in [SOCIAL, OTHER_COORDINATOR] {
        let mut c = app.login(who).await;
        assert_eq!(
            c.get(&format!("/henvisninger/{id}")).await.status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
    }
    let res = receiver
        .post_form(&status, &[("status", "contacted")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(sender.get("/henvisninger").await.text.contains("Kontaktet"));

    // Every read of the case is in the audit log, the receiver's.
    let log = samvirke_store::entity::audit_log::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    let reads: Vec<_> = log
        .iter()
        .filter(|r| r.purpose == "referral_case" && r.subject_id == id)
        .collect();
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].actor_staff_id, app.staff_id(CITIZEN).await);
    let coordinator_log = app.login(CITIZEN_COORDINATOR).await.get("/audit").await;
    assert!(coordinator_log.text.contains("Åbnede en henvisning"));
}

#[tokio::test]
async fn the_reverse_direction_works_the_same_way() {
    let app = TestApp::spawn().await;
    let id = send(&app, CITIZEN, "Dragør Bibliotek").await;
    let mut library = app.login(LIBRARIAN).await;
    assert!(
        library
            .get(&format!("/henvisninger/{id}"))
            .await
            .text
            .contains(NEED)
    );
    let mut sender = app.login(CITIZEN).await;
    assert_eq!(
        sender.get(&format!("/henvisninger/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_done_referrals_personal_data_is_deleted_and_the_counts_stay() {
    let app = TestApp::spawn().await;
    let done = send(&app, LIBRARIAN, "Borgercentret").await;
    let open = send(&app, LIBRARIAN, "Borgercentret").await;
    let back = send(&app, CITIZEN, "Dragør Bibliotek").await;
    let mut receiver = app.login(CITIZEN).await;
    receiver
        .post_form(
            &format!("/henvisninger/{done}/status"),
            &[("status", "done")],
        )
        .await;
    app.clock.set(t0() + chrono::Duration::days(29));
    assert_eq!(
        samvirke_service::retention::run(&app.core)
            .await
            .unwrap()
            .referrals,
        0
    );
    app.clock.set(t0() + chrono::Duration::days(31));
    assert_eq!(
        samvirke_service::retention::run(&app.core)
            .await
            .unwrap()
            .referrals,
        1
    );
    let rows = samvirke_store::entity::referral::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    let row = |id| rows.iter().find(|r| r.id == id).unwrap();
    assert!(row(done).need.is_none() && row(done).contact_name.is_none());
    assert!(row(done).contact_phone.is_none());
    assert!(row(open).need.is_some());
    assert!(row(back).need.is_some());
    let page = receiver.get(&format!("/henvisninger/{done}")).await;
    assert!(!page.text.contains(NEED));
    // The counts: each way, and how they ended.
    let counts = samvirke_store::referrals::counts(
        &app.core.db.read,
        samvirke_store::Scope::new(app.dragoer),
    )
    .await
    .unwrap();
    let total: i64 = counts.iter().map(|c| c.3).sum();
    assert_eq!(total, 3);
    assert!(counts.iter().any(|c| c.2 == "done" && c.3 == 1));
}
