//! Sign-up, cancellation and promotion, called as use cases with no web
//! layer in between. What is stored is read back with plain SQL, so these
//! tests do not take the code under test's word for it.
//! On in-memory SQLite, and on PostgreSQL when `SAMVIRKE_TEST_PG` is set.

use chrono::Duration;
use samvirke_domain::Actor;
use samvirke_service::ServiceError;
use samvirke_service::sessions::{self, SignupInput, SignupResult};
use samvirke_store::sea_orm::Value;
use samvirke_testkit::{Demo, NewSession, sql};

fn person(name: &str) -> SignupInput {
    SignupInput {
        name: name.into(),
        email: format!("{}@eksempel.dk", name.to_lowercase()),
        ..Default::default()
    }
}

async fn sign_up(demo: &Demo, session: i64, name: &str) -> SignupResult {
    sessions::sign_up(&demo.core, demo.dragoer, session, &person(name), None)
        .await
        .unwrap_or_else(|e| panic!("sign up {name}: {e}"))
}

/// The conflict code of an error, or a panic naming what came instead.
fn conflict(e: ServiceError) -> &'static str {
    match e {
        ServiceError::Conflict(code) => code.as_str(),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// The stored status of a registration.
async fn status(demo: &Demo, registration: i64) -> String {
    sql::one(
        &demo.core.db.read,
        "SELECT status FROM registration WHERE id = $1",
        vec![registration.into()],
    )
    .await
}

/// Seats taken on the session row.
async fn taken(demo: &Demo, session: i64) -> i32 {
    sql::one(
        &demo.core.db.read,
        "SELECT taken FROM event_session WHERE id = $1",
        vec![session.into()],
    )
    .await
}

async fn registrations(demo: &Demo, session: i64) -> i64 {
    sql::one(
        &demo.core.db.read,
        "SELECT COUNT(*) FROM registration WHERE session_id = $1",
        vec![session.into()],
    )
    .await
}

/// Subjects of the e-mail queued to `to`, oldest first.
async fn mail_to(demo: &Demo, to: &str) -> Vec<String> {
    sql::column(
        &demo.core.db.read,
        "SELECT subject FROM outbox WHERE recipient = $1 ORDER BY id",
        vec![Value::from(to)],
    )
    .await
}

// ------------------------------------------------------------------ sign-up

#[tokio::test]
async fn a_free_seat_is_taken_and_confirmed_by_email() {
    let demo = Demo::new().await;
    let s = demo.session(NewSession::seats(2)).await;
    let anna = sign_up(&demo, s, "Anna").await;
    assert_eq!(anna.waitlist_position, None);
    assert_eq!(status(&demo, anna.registration.id).await, "confirmed");
    assert_eq!(taken(&demo, s).await, 1);
    assert!(
        anna.cancel_token.len() >= 20,
        "a cancel secret is handed out"
    );
    let mail = mail_to(&demo, "anna@eksempel.dk").await;
    assert_eq!(mail.len(), 1, "one confirmation queued: {mail:?}");
}

#[tokio::test]
async fn a_full_session_puts_people_on_the_waiting_list_in_order() {
    let demo = Demo::new().await;
    let s = demo.session(NewSession::seats(1)).await;
    let anna = sign_up(&demo, s, "Anna").await;
    let bo = sign_up(&demo, s, "Bo").await;
    let carl = sign_up(&demo, s, "Carl").await;
    assert_eq!(status(&demo, anna.registration.id).await, "confirmed");
    assert_eq!(status(&demo, bo.registration.id).await, "waitlisted");
    assert_eq!(status(&demo, carl.registration.id).await, "waitlisted");
    assert_eq!(bo.waitlist_position, Some(1));
    assert_eq!(carl.waitlist_position, Some(2));
    assert_eq!(taken(&demo, s).await, 1, "never more than the seats");
    let bo_mail = mail_to(&demo, "bo@eksempel.dk").await;
    assert_eq!(bo_mail.len(), 1, "the waiting list is e-mailed too");
    assert_ne!(bo_mail, mail_to(&demo, "anna@eksempel.dk").await);
}

#[tokio::test]
async fn the_same_person_twice_is_already_registered_and_takes_nothing() {
    let demo = Demo::new().await;
    let s = demo.session(NewSession::seats(5)).await;
    sign_up(&demo, s, "Anna").await;
    let again = SignupInput {
        // The same e-mail, typed differently.
        email: " ANNA@eksempel.dk ".into(),
        ..person("Anna Andersen")
    };
    let e = sessions::sign_up(&demo.core, demo.dragoer, s, &again, None)
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "already_registered");
    assert_eq!(taken(&demo, s).await, 1, "the second seat was given back");
    assert_eq!(registrations(&demo, s).await, 1);
    assert_eq!(mail_to(&demo, "anna@eksempel.dk").await.len(), 1);
}

#[tokio::test]
async fn no_sign_up_before_the_window_opens_or_in_another_municipality() {
    let demo = Demo::new().await;
    let s = demo.session(NewSession::seats(5)).await;
    // Back before sign-up opened.
    demo.clock.advance(-Duration::hours(2));
    let e = sessions::sign_up(&demo.core, demo.dragoer, s, &person("Anna"), None)
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "registration_not_open");
    demo.clock.advance(Duration::hours(2));
    let elsewhere = samvirke_domain::MunicipalityId(demo.dragoer.0 + 1000);
    let e = sessions::sign_up(&demo.core, elsewhere, s, &person("Anna"), None)
        .await
        .unwrap_err();
    assert!(matches!(e, ServiceError::NotFound), "{e:?}");
    assert_eq!(registrations(&demo, s).await, 0);
}

// ------------------------------------------------------------- cancellation

#[tokio::test]
async fn a_cancel_link_works_once_and_gives_the_seat_back() {
    let demo = Demo::new().await;
    let s = demo.session(NewSession::seats(2)).await;
    let anna = sign_up(&demo, s, "Anna").await;
    let done = sessions::cancel(&demo.core, &anna.cancel_token)
        .await
        .unwrap();
    assert_eq!(done.registration.id, anna.registration.id);
    assert!(done.promoted.is_none(), "nobody was waiting");
    assert_eq!(status(&demo, anna.registration.id).await, "cancelled");
    assert_eq!(taken(&demo, s).await, 0);
    let again = sessions::cancel(&demo.core, &anna.cancel_token)
        .await
        .unwrap_err();
    assert!(matches!(again, ServiceError::Gone), "{again:?}");
    assert_eq!(taken(&demo, s).await, 0, "a seat is given back once");
    let unknown = sessions::cancel(&demo.core, "no-such-secret-at-all-here")
        .await
        .unwrap_err();
    assert!(matches!(unknown, ServiceError::NotFound), "{unknown:?}");
}

#[tokio::test]
async fn after_the_session_started_a_cancel_link_changes_nothing() {
    let demo = Demo::new().await;
    let s = demo.session(NewSession::seats(1).in_days(2)).await;
    let anna = sign_up(&demo, s, "Anna").await;
    let bo = sign_up(&demo, s, "Bo").await;
    demo.clock.advance(Duration::days(2) + Duration::minutes(1));
    let e = sessions::cancel(&demo.core, &anna.cancel_token)
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "session_started");
    assert_eq!(status(&demo, anna.registration.id).await, "confirmed");
    assert_eq!(status(&demo, bo.registration.id).await, "waitlisted");
    assert_eq!(taken(&demo, s).await, 1);
    assert_eq!(
        mail_to(&demo, "bo@eksempel.dk").await.len(),
        1,
        "no promotion mail"
    );
}

#[tokio::test]
async fn after_the_session_was_cancelled_a_cancel_link_changes_nothing() {
    let demo = Demo::new().await;
    let s = demo.session(NewSession::seats(1)).await;
    let anna = sign_up(&demo, s, "Anna").await;
    let bo = sign_up(&demo, s, "Bo").await;
    let coordinator = Actor::Staff(demo.staff("bibliotek@dragoer.demo").await);
    sessions::cancel_session(&demo.core, &coordinator, s)
        .await
        .unwrap();
    let before = mail_to(&demo, "bo@eksempel.dk").await;
    let e = sessions::cancel(&demo.core, &anna.cancel_token)
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "session_cancelled");
    assert_eq!(status(&demo, anna.registration.id).await, "confirmed");
    assert_eq!(status(&demo, bo.registration.id).await, "waitlisted");
    assert_eq!(
        mail_to(&demo, "bo@eksempel.dk").await,
        before,
        "no promotion mail"
    );
}

// ---------------------------------------------------------------- promotion

#[tokio::test]
async fn a_freed_seat_goes_to_the_first_waiting_once_with_an_email() {
    let demo = Demo::new().await;
    let s = demo.session(NewSession::seats(1)).await;
    let anna = sign_up(&demo, s, "Anna").await;
    let bo = sign_up(&demo, s, "Bo").await;
    let carl = sign_up(&demo, s, "Carl").await;
    let done = sessions::cancel(&demo.core, &anna.cancel_token)
        .await
        .unwrap();
    let promoted = done.promoted.expect("someone got the seat");
    assert_eq!(promoted.id, bo.registration.id, "the first waiting");
    assert_eq!(status(&demo, bo.registration.id).await, "confirmed");
    assert_eq!(status(&demo, carl.registration.id).await, "waitlisted");
    assert_eq!(taken(&demo, s).await, 1, "the seat passed on, not freed");
    let bo_mail = mail_to(&demo, "bo@eksempel.dk").await;
    assert_eq!(
        bo_mail.len(),
        2,
        "waiting list, then promotion: {bo_mail:?}"
    );
    assert_ne!(bo_mail[0], bo_mail[1]);

    // The used link again promotes nobody else.
    assert!(matches!(
        sessions::cancel(&demo.core, &anna.cancel_token).await,
        Err(ServiceError::Gone)
    ));
    assert_eq!(status(&demo, carl.registration.id).await, "waitlisted");
    assert_eq!(mail_to(&demo, "carl@eksempel.dk").await.len(), 1);
    assert_eq!(mail_to(&demo, "bo@eksempel.dk").await.len(), 2);
}

#[tokio::test]
async fn leaving_the_waiting_list_promotes_nobody_and_shortens_the_list() {
    let demo = Demo::new().await;
    let s = demo.session(NewSession::seats(1)).await;
    let anna = sign_up(&demo, s, "Anna").await;
    let bo = sign_up(&demo, s, "Bo").await;
    let carl = sign_up(&demo, s, "Carl").await;
    let done = sessions::cancel(&demo.core, &bo.cancel_token)
        .await
        .unwrap();
    assert!(done.promoted.is_none());
    assert_eq!(status(&demo, anna.registration.id).await, "confirmed");
    assert_eq!(status(&demo, carl.registration.id).await, "waitlisted");
    let (view, _) = sessions::get_public(&demo.core, demo.dragoer, s)
        .await
        .unwrap();
    assert_eq!(view.waitlist_length, 1);
    // Carl is now first: the next freed seat is his.
    let done = sessions::cancel(&demo.core, &anna.cancel_token)
        .await
        .unwrap();
    assert_eq!(done.promoted.map(|p| p.id), Some(carl.registration.id));
}
