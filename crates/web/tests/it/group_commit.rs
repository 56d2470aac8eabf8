//! Group commit of online sign-ups (issue 12): on a SQLite file and on
//! PostgreSQL every public sign-up goes through the writer, many in one
//! commit. What a
//! sign-up promises does not move: seats then the waiting list in order, a
//! duplicate refused without undoing the others, the e-mail queued with it,
//! and rows the rest of Samvirke reads as its own (dates, states, links).
//! In memory the same test runs the ORM's path.

use crate::support::{self as support, NewSession, Options, TestApp, api_cancel, demo_session};
use axum::http::StatusCode;
use samvirke_store::Scope;
use samvirke_store::entity::{outbox, registration};
use samvirke_store::sessions as q;
use samvirke_testkit::TestDb;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

const SEATS: i32 = 40;
const PEOPLE: usize = 80;
const TWICE: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_at_once_fill_the_seats_then_the_waiting_list_and_a_duplicate_undoes_only_itself() {
    let db = TestDb::on_disk().await;
    let app = std::sync::Arc::new(TestApp::spawn_on(db, Options::default()).await);
    assert!(
        app.core.db.signup_writer.is_some(),
        "a SQLite file and PostgreSQL sign up through the group-commit writer"
    );
    let id = demo_session(&app, NewSession::seats(SEATS).in_days(10).public(true)).await;

    // Everyone at once; the first TWICE people send their sign-up twice.
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..PEOPLE + TWICE {
        let app = std::sync::Arc::clone(&app);
        let n = i % PEOPLE;
        tasks.spawn(async move {
            let body = json!({"name": format!("Person {n}"), "email": format!("p{n}@example.dk")});
            support::api_sign_up(&app, id, body).await
        });
    }
    let mut created = Vec::new();
    let mut refused = 0;
    while let Some(done) = tasks.join_next().await {
        let (status, body) = done.unwrap();
        match status {
            StatusCode::CREATED => created.push(body),
            StatusCode::CONFLICT => {
                assert_eq!(body["error"], "already_registered", "{body}");
                refused += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(created.len(), PEOPLE, "each person once");
    assert_eq!(refused, TWICE, "each second try refused");

    // Seats first, then the waiting list, numbered 1, 2, … without gaps.
    let rows = q::registrations(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap();
    assert_eq!(rows.len(), PEOPLE);
    let confirmed = rows.iter().filter(|r| r.status == "confirmed").count();
    assert_eq!(confirmed, SEATS as usize);
    let mut seqs: Vec<i32> = rows.iter().filter_map(|r| r.waitlist_seq).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=(PEOPLE as i32 - SEATS)).collect::<Vec<_>>());
    let mut positions: Vec<i64> = created
        .iter()
        .filter_map(|b| b["waitlist_position"].as_i64())
        .collect();
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=(PEOPLE as i64 - SEATS as i64)).collect::<Vec<_>>()
    );
    let session = q::session(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(session.taken, SEATS, "the seat counter matches the rows");

    // One e-mail per sign-up, queued with it, carrying the cancel link's kind.
    let mails = outbox::Entity::find()
        .filter(outbox::Column::Recipient.like("p%@example.dk"))
        .all(&app.core.db.read)
        .await
        .unwrap();
    assert_eq!(mails.len(), PEOPLE);
    assert!(
        mails
            .iter()
            .all(|m| m.secret_kind.is_some() && m.secret_ref.is_some())
    );
    let with_calendar = mails.iter().filter(|m| m.ics.is_some()).count();
    assert_eq!(
        with_calendar, SEATS as usize,
        "a calendar entry for a seat only"
    );

    // The rows read back as the ORM writes them: times, states, ordering.
    let first = registration::Entity::find()
        .filter(registration::Column::SessionId.eq(id))
        .all(&app.core.db.read)
        .await
        .unwrap();
    let now = app.core.now();
    assert!(
        first
            .iter()
            .all(|r| (now - r.created_at).num_seconds().abs() < 60),
        "created_at reads back as the time of sign-up"
    );

    // A confirmed person's link cancels once and promotes number 1.
    let token = created
        .iter()
        .find(|b| b["status"] == "confirmed")
        .and_then(|b| b["cancel_token"].as_str())
        .unwrap()
        .to_string();
    let (status, _) = api_cancel(&app, &token).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = api_cancel(&app, &token).await;
    assert_eq!(status, StatusCode::GONE);
    let promoted = q::registrations(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.waitlist_seq == Some(1))
        .unwrap();
    assert_eq!(promoted.status, "confirmed", "number 1 moves up");
}

/// The writer checks in its own transaction what the request took from its
/// short-lived cache: a session moved since is read again (the e-mail tells
/// the new time), and one made private since takes no sign-up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_moved_or_made_private_after_caching_is_read_again_or_refused() {
    use samvirke_store::entity::event_session;
    use sea_orm::sea_query::Expr;

    let db = TestDb::on_disk().await;
    let app = TestApp::spawn_on(db, Options::default()).await;
    let id = demo_session(&app, NewSession::seats(10).in_days(10).public(true)).await;
    let sign_up = |email: &'static str| {
        support::api_sign_up(&app, id, json!({"name": "Anna", "email": email}))
    };
    assert_eq!(sign_up("first@example.dk").await.0, StatusCode::CREATED);

    // Moved half an hour later, straight in the database (no cache told).
    let before = q::session(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .unwrap();
    let later = before.ends_at + chrono::Duration::minutes(30);
    event_session::Entity::update_many()
        .col_expr(event_session::Column::EndsAt, Expr::value(later))
        .filter(event_session::Column::Id.eq(id))
        .exec(&app.core.db.write)
        .await
        .unwrap();
    assert_eq!(sign_up("moved@example.dk").await.0, StatusCode::CREATED);
    let mail = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq("moved@example.dk"))
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    let dtend = format!("DTEND:{}", later.format("%Y%m%dT%H%M%SZ"));
    assert!(
        mail.ics.as_deref().unwrap_or_default().contains(&dtend),
        "the e-mail's calendar entry tells the new end"
    );

    // Made private: not found, as for any private session.
    event_session::Entity::update_many()
        .col_expr(event_session::Column::Public, Expr::value(false))
        .filter(event_session::Column::Id.eq(id))
        .exec(&app.core.db.write)
        .await
        .unwrap();
    assert_eq!(sign_up("private@example.dk").await.0, StatusCode::NOT_FOUND);
}
