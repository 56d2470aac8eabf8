//! Many people at once, through the real binary over real HTTP: a session
//! is never overbooked, the waiting list keeps its order, and a freed seat
//! goes to exactly one person. Runs on a SQLite file, and on PostgreSQL
//! (with two server processes on one database) when `SAMVIRKE_TEST_PG` is set.

mod support;

use futures::future::join_all;
use reqwest::StatusCode;
use samvirke_store::Db;
use samvirke_store::sea_orm::EntityTrait;
use samvirke_testkit::TestDb;
use serde_json::{Value, json};
use std::collections::HashSet;
use support::{new_session, sign_up, start};

async fn cancel(client: &reqwest::Client, url: &str, token: &str) -> (StatusCode, Value) {
    let res = client
        .post(format!("{url}/api/v1/registrations/cancel"))
        .json(&json!({"cancel_token": token}))
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn five_hundred_at_once_and_racing_cancellations() {
    let test_db = TestDb::on_disk().await;
    let (db_url, postgres) = (test_db.url().to_string(), test_db.is_postgres());
    let data = std::env::temp_dir().join(format!("samvirke-c-data-{}", std::process::id()));
    let first = start("demo", &db_url, &data).await;
    // On PostgreSQL a second server process shares the database.
    let second = if postgres {
        Some(start("serve", &db_url, &data).await)
    } else {
        None
    };
    let urls: Vec<String> = std::iter::once(first.url.clone())
        .chain(second.as_ref().map(|s| s.url.clone()))
        .collect();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(600)
        .build()
        .unwrap();
    let session = new_session(&client, &urls[0], &db_url, 40).await;

    // 500 sign-ups at once.
    let results = join_all((0..500).map(|i| {
        let (client, url) = (client.clone(), urls[i % urls.len()].clone());
        async move { sign_up(&client, &url, session, i).await }
    }))
    .await;
    assert!(
        results.iter().all(|(s, _)| *s == StatusCode::CREATED),
        "every sign-up answered 201: {:?}",
        results
            .iter()
            .filter(|(s, _)| *s != StatusCode::CREATED)
            .take(3)
            .collect::<Vec<_>>()
    );
    let confirmed: Vec<&Value> = results
        .iter()
        .map(|(_, v)| v)
        .filter(|v| v["status"] == "confirmed")
        .collect();
    let waitlisted: Vec<&Value> = results
        .iter()
        .map(|(_, v)| v)
        .filter(|v| v["status"] == "waitlisted")
        .collect();
    assert_eq!(confirmed.len(), 40, "exactly the capacity is confirmed");
    assert_eq!(waitlisted.len(), 460);
    let mut positions: Vec<i64> = waitlisted
        .iter()
        .map(|v| v["waitlist_position"].as_i64().unwrap())
        .collect();
    positions.sort();
    assert_eq!(
        positions,
        (1..=460).collect::<Vec<_>>(),
        "distinct, consecutive places"
    );

    let db = Db::connect(&db_url).await.unwrap();
    let row = samvirke_store::entity::event_session::Entity::find_by_id(session)
        .one(&db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.taken, 40);
    let regs = samvirke_store::entity::registration::Entity::find()
        .all(&db.read)
        .await
        .unwrap();
    assert_eq!(
        regs.iter().filter(|r| r.session_id == session).count(),
        500,
        "nothing lost"
    );

    // Now, at once: 20 confirmed and 20 waitlisted people cancel, each link is
    // clicked twice, and 100 more people sign up.
    let tokens = |list: &[&Value], n: usize| {
        list.iter()
            .take(n)
            .map(|v| v["cancel_token"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let mut cancel_tokens = tokens(&confirmed, 20);
    // From the back of the list, so none of them is among those promoted meanwhile.
    let mut last_waiting = waitlisted.clone();
    last_waiting.sort_by_key(|v| std::cmp::Reverse(v["waitlist_position"].as_i64()));
    cancel_tokens.extend(tokens(&last_waiting, 20));
    let cancels = join_all(
        cancel_tokens
            .iter()
            .flat_map(|t| [t.clone(), t.clone()])
            .enumerate()
            .map(|(i, t)| {
                let (client, url) = (client.clone(), urls[i % urls.len()].clone());
                async move { cancel(&client, &url, &t).await }
            }),
    );
    let signups = join_all((500..600).map(|i| {
        let (client, url) = (client.clone(), urls[i % urls.len()].clone());
        async move { sign_up(&client, &url, session, i).await }
    }));
    let (cancels, signups) = tokio::join!(cancels, signups);
    assert!(
        signups
            .iter()
            .all(|(s, v)| *s == StatusCode::CREATED && v["status"] == "waitlisted"),
        "late-comers wait: the list is long"
    );
    for pair in cancels.chunks(2) {
        let mut statuses = [pair[0].0, pair[1].0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::GONE],
            "a cancel link works exactly once"
        );
    }
    let promoted: Vec<i64> = cancels
        .iter()
        .filter_map(|(_, v)| v["promoted"].as_i64())
        .collect();
    assert_eq!(
        promoted.len(),
        20,
        "each freed seat went to someone waiting"
    );
    assert_eq!(
        promoted.iter().collect::<HashSet<_>>().len(),
        20,
        "no one promoted twice"
    );

    let row = samvirke_store::entity::event_session::Entity::find_by_id(session)
        .one(&db.read)
        .await
        .unwrap()
        .unwrap();
    let regs: Vec<_> = samvirke_store::entity::registration::Entity::find()
        .all(&db.read)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.session_id == session)
        .collect();
    let confirmed_now = regs.iter().filter(|r| r.status == "confirmed").count();
    assert_eq!(row.taken, 40);
    assert_eq!(confirmed_now, 40, "seats and confirmed people agree");
    assert_eq!(regs.iter().filter(|r| r.status == "cancelled").count(), 40);
    assert_eq!(
        regs.iter().filter(|r| r.status == "waitlisted").count(),
        460 - 20 - 20 + 100
    );
    // The promoted were the first still waiting, in order.
    let mut promoted_seqs: Vec<i32> = regs
        .iter()
        .filter(|r| r.promoted_at.is_some())
        .map(|r| r.waitlist_seq.unwrap())
        .collect();
    promoted_seqs.sort();
    let still_waiting_min = regs
        .iter()
        .filter(|r| r.status == "waitlisted")
        .filter_map(|r| r.waitlist_seq)
        .min()
        .unwrap();
    assert!(
        promoted_seqs.iter().all(|s| *s < still_waiting_min),
        "promotion follows the order of the list"
    );
    drop(second);
    drop(first);
    if !postgres {
        let _ = std::fs::remove_dir_all(&data);
    }
}

/// A 201 means the sign-up is on disk: it survives the server being killed at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_sign_up_survives_kill_9() {
    let test_db = TestDb::on_disk().await;
    let db_url = test_db.url().to_string();
    let data = std::env::temp_dir().join(format!("samvirke-k-data-{}", std::process::id()));
    let mut server = start("demo", &db_url, &data).await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &server.url, &db_url, 40).await;
    let results = join_all((0..50).map(|i| {
        let (client, url) = (client.clone(), server.url.clone());
        async move { sign_up(&client, &url, session, i).await }
    }))
    .await;
    assert!(results.iter().all(|(s, _)| *s == StatusCode::CREATED));
    // SIGKILL: no shutdown, no flushing.
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    drop(server);
    let server = start("serve", &db_url, &data).await;
    let detail: Value = client
        .get(format!("{}/api/v1/sessions/{session}", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["seats_left"], 0);
    assert_eq!(detail["waitlist_length"], 10);
    let db = Db::connect(&db_url).await.unwrap();
    let regs = samvirke_store::entity::registration::Entity::find()
        .all(&db.read)
        .await
        .unwrap();
    let ids: HashSet<i64> = regs
        .iter()
        .filter(|r| r.session_id == session)
        .map(|r| r.id)
        .collect();
    for (_, body) in &results {
        assert!(
            ids.contains(&body["id"].as_i64().unwrap()),
            "every answered sign-up is still there"
        );
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
}

/// Killed in the middle of a batch of sign-ups: every sign-up answered 201
/// is there after the restart, and no other one is half there (a row
/// without its seat, its place in the waiting list or its e-mail).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_in_the_middle_of_a_batch_keeps_every_answered_sign_up_and_no_half_one() {
    use samvirke_store::entity::{event_session as session_row, outbox, registration};
    use samvirke_store::sea_orm::{ColumnTrait, QueryFilter};
    const SEATS: i32 = 40;
    let test_db = TestDb::on_disk().await;
    let db_url = test_db.url().to_string();
    let data = std::env::temp_dir().join(format!("samvirke-kb-data-{}", std::process::id()));
    let mut server = start("demo", &db_url, &data).await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &server.url, &db_url, SEATS).await;

    let (_stop, stop_rx) = tokio::sync::watch::channel(false);
    let storm = tokio::spawn({
        let url = server.url.clone();
        async move { support::storm(&url, session, 64, stop_rx).await }
    });
    // Long enough, even on a loaded machine, for the seats to fill and
    // batches to run back to back.
    tokio::time::sleep(std::time::Duration::from_millis(3000)).await;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let answered = storm.await.unwrap();
    drop(server);
    assert!(
        answered.len() > SEATS as usize,
        "only {} answered",
        answered.len()
    );

    let server = start("serve", &db_url, &data).await;
    let db = Db::connect(&db_url).await.unwrap();
    let rows = registration::Entity::find()
        .filter(registration::Column::SessionId.eq(session))
        .all(&db.read)
        .await
        .unwrap();
    let stored: HashSet<i64> = rows.iter().map(|r| r.id).collect();
    let lost: Vec<i64> = answered
        .iter()
        .map(|(_, id)| *id)
        .filter(|id| !stored.contains(id))
        .collect();
    assert!(lost.is_empty(), "answered 201 but not stored: {lost:?}");

    // Whole or not at all: seats match the counter, the waiting list is
    // numbered without gaps, and every sign-up has its one e-mail.
    let confirmed = rows.iter().filter(|r| r.status == "confirmed").count() as i32;
    assert_eq!(confirmed, SEATS);
    let taken = session_row::Entity::find_by_id(session)
        .one(&db.read)
        .await
        .unwrap()
        .unwrap()
        .taken;
    assert_eq!(taken, confirmed, "the seat counter matches the rows");
    let mut seqs: Vec<i32> = rows.iter().filter_map(|r| r.waitlist_seq).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=seqs.len() as i32).collect::<Vec<_>>());
    let mails = outbox::Entity::find()
        .filter(outbox::Column::SecretRef.is_in(stored.iter().copied()))
        .filter(outbox::Column::Recipient.like("storm-%"))
        .all(&db.read)
        .await
        .unwrap();
    let mut mailed: Vec<i64> = mails.iter().filter_map(|m| m.secret_ref).collect();
    mailed.sort_unstable();
    let mut ids: Vec<i64> = stored.into_iter().collect();
    ids.sort_unstable();
    assert_eq!(
        mailed, ids,
        "each sign-up's e-mail was queued with it, once"
    );

    // The restarted server goes on from where the rows are.
    let detail: Value = client
        .get(format!("{}/api/v1/sessions/{session}", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["seats_left"], 0);
    assert_eq!(detail["waitlist_length"], seqs.len());
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
}
