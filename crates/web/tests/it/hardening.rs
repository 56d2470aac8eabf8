//! What an attacker (or bad luck) tried on sign-up and cancellation: series
//! sign-ups out of bounds, cancel links used after the session was
//! cancelled or began, link secrets left in the database, closed sessions
//! showing through public pages, and partner reads missing from the
//! owner's audit log.

use crate::support::{self as support, NewSession, Options, TestApp, api_cancel, demo_session};
use axum::http::StatusCode;
use chrono::Duration;
use samvirke_domain::OrgId;
use samvirke_service::mail::{Transport, deliver_due, prune_files};
use samvirke_store::sessions as q;
use samvirke_store::{Scope, orgs, outbox};
use samvirke_testkit::TestDb;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

/// A session of the demo programme, `days` from now, open for sign-up until it starts.
async fn session(app: &TestApp, capacity: i32, public: bool, days: i64) -> i64 {
    let s = NewSession::seats(capacity).in_days(days).public(public);
    demo_session(app, s.closes_before(Duration::zero())).await
}

/// Signs `name` up by the API; the answer of a created registration.
async fn api_sign_up(app: &TestApp, id: i64, name: &str, email: &str) -> Value {
    let (status, body) = support::api_sign_up(app, id, json!({"name": name, "email": email})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn names_on(app: &TestApp, id: i64) -> Vec<(String, String)> {
    q::registrations(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.name, r.status))
        .collect()
}

async fn public_ids(app: &TestApp) -> Vec<i64> {
    app.client()
        .get("/api/v1/sessions")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_series_sign_up_takes_only_other_open_dates_of_the_same_series() {
    let app = TestApp::spawn().await;
    let ids = public_ids(&app).await;
    let closed = session(&app, 10, false, 20).await;
    let path = format!("/arrangementer/{}", ids[0]);
    let (b, c) = (ids[1].to_string(), ids[2].to_string());
    let closed = closed.to_string();
    let first = ids[0].to_string();
    let many: Vec<String> = (0..21).map(|i| (1000 + i).to_string()).collect();

    let mut cases: Vec<(&str, Vec<&str>, &str)> = vec![
        ("twice", vec![&b, &b], "Vælg kun blandt de andre datoer"),
        ("itself", vec![&first], "Vælg kun blandt de andre datoer"),
        (
            "closed",
            vec![&b, &closed],
            "Vælg kun blandt de andre datoer",
        ),
        ("unknown", vec!["999999"], "Vælg kun blandt de andre datoer"),
        ("unreadable", vec!["abc"], "Vælg kun blandt de andre datoer"),
    ];
    cases.push((
        "too many",
        many.iter().map(String::as_str).collect(),
        "Vælg højst 20",
    ));
    for (case, also, message) in cases {
        let name = format!("Serie {case}");
        let mut fields = vec![("name", name.as_str()), ("email", "serie@example.dk")];
        fields.extend(also.iter().map(|a| ("also", *a)));
        let res = app.client().post_form(&path, &fields).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert!(res.text.contains(message), "{case}: says what is wrong");
        assert!(
            res.text.contains("id=\"also-error\""),
            "{case}: next to the field"
        );
        assert!(
            res.text.contains("value=\"serie@example.dk\""),
            "{case}: keeps what was typed"
        );
        for id in &ids {
            assert!(
                !names_on(&app, *id).await.iter().any(|(n, _)| *n == name),
                "{case}: nobody signed up for {id}"
            );
        }
    }

    // Distinct other dates of the series: signed up for each.
    let res = app
        .client()
        .post_form(
            &path,
            &[
                ("name", "Serie Ok"),
                ("email", "ok@example.dk"),
                ("also", &c),
                ("also", &b),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    for id in &ids {
        assert!(
            names_on(&app, *id)
                .await
                .iter()
                .any(|(n, _)| n == "Serie Ok")
        );
    }
}

#[tokio::test]
async fn each_date_of_a_series_counts_against_the_address_limit() {
    let app = TestApp::spawn_with(Options::default()).await;
    let ids = public_ids(&app).await;
    let path = format!("/arrangementer/{}", ids[0]);
    let (b, c) = (ids[1].to_string(), ids[2].to_string());
    // Three dates a post: 100 posts use the 300 the address has.
    let fields = [("name", ""), ("also", b.as_str()), ("also", c.as_str())];
    let mut client = app.client();
    for i in 0..100 {
        let res = client.post_form(&path, &fields).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "post {i}");
    }
    let res = client.post_form(&path, &fields).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_cancel_link_after_the_session_was_cancelled_changes_nothing() {
    let app = TestApp::spawn().await;
    let id = session(&app, 1, true, 10).await;
    let seated = api_sign_up(&app, id, "Siddende Sørensen", "sid@example.dk").await;
    let waiting = api_sign_up(&app, id, "Ventende Vang", "vent@example.dk").await;
    assert_eq!(waiting["status"], "waitlisted");

    let mut coordinator = app.login("bibliotek@dragoer.demo").await;
    let res = coordinator
        .post_form(&format!("/sessions/{id}/aflys"), &[])
        .await;
    assert!(
        res.status.is_redirection() || res.status.is_success(),
        "{res:?}"
    );

    let token = seated["cancel_token"].as_str().unwrap();
    let (status, body) = api_cancel(&app, token).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "session_cancelled");
    let page = app.client().get(&format!("/afmeld/{token}")).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.text.contains("Arrangementet er aflyst"));
    assert!(!page.text.contains("Ja, afmeld mig"), "no cancel button");
    let res = app
        .client()
        .post_form(&format!("/afmeld/{token}"), &[])
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);

    let mut on_list = names_on(&app, id).await;
    on_list.sort();
    assert_eq!(
        on_list,
        vec![
            ("Siddende Sørensen".to_string(), "confirmed".to_string()),
            ("Ventende Vang".to_string(), "waitlisted".to_string()),
        ],
        "nobody promoted, nobody cancelled"
    );
}

#[tokio::test]
async fn a_cancel_link_after_the_session_began_changes_nothing() {
    let app = TestApp::spawn().await;
    let id = session(&app, 1, true, 2).await;
    let seated = api_sign_up(&app, id, "Siddende Sørensen", "sid@example.dk").await;
    api_sign_up(&app, id, "Ventende Vang", "vent@example.dk").await;
    app.clock.advance(Duration::days(2) + Duration::minutes(5));

    let token = seated["cancel_token"].as_str().unwrap();
    let (status, body) = api_cancel(&app, token).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "session_started");
    let page = app.client().get(&format!("/afmeld/{token}")).await;
    assert!(page.text.contains("Arrangementet er begyndt"));
    let mut on_list = names_on(&app, id).await;
    on_list.sort();
    assert_eq!(on_list[0].1, "confirmed");
    assert_eq!(on_list[1].1, "waitlisted", "nobody promoted");
}

/// The SQLite file and its companions, as bytes.
fn database_files(path: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| {
            let p = format!("{}{suffix}", path.display());
            std::fs::read(&p).ok().map(|b| (p, b))
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn no_link_secret_is_stored_and_a_sent_body_is_cleared() {
    // On SQLite, a file of its own, so the bytes on disk can be searched.
    let dir = std::env::temp_dir().join(format!(
        "samvirke-secrets-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let db = TestDb::on_disk().await;
    // The SQLite file; PostgreSQL's files are not ours to read.
    let file = db.dir().map(|d| d.join("samvirke.db"));
    let app = TestApp::spawn_on(db, Options::default()).await;
    let id = session(&app, 10, true, 10).await;
    let answered = api_sign_up(&app, id, "Hemmelig Hansen", "hemmelig@example.dk").await;
    let answered = answered["cancel_token"].as_str().unwrap().to_string();

    let queued = samvirke_store::entity::outbox::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    let message = queued
        .iter()
        .find(|m| m.recipient == "hemmelig@example.dk")
        .unwrap();
    assert!(
        !message.body.contains(&answered),
        "the queued e-mail does not hold the answered secret"
    );

    let mail_dir = dir.join("outbox");
    let transport = Transport::Files(mail_dir.clone());
    let report = deliver_due(&app.core, &transport, "Samvirke <noreply@samvirke.invalid>")
        .await
        .unwrap();
    assert!(report.sent >= 1);

    // The e-mail carries a secret of its own, which works.
    let eml_path = std::fs::read_dir(&mail_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .contains("hemmelig@example.dk")
        })
        .unwrap();
    let eml = std::fs::read_to_string(&eml_path)
        .unwrap()
        .replace("=\r\n", "");
    let at = eml.find("/afmeld/").expect("a cancel link") + "/afmeld/".len();
    let emailed: String = eml[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert!(emailed.len() >= 20 && emailed != answered);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&eml_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only the owner reads an .eml file");
    }
    let page = app.client().get(&format!("/afmeld/{emailed}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Hemmelig Hansen"));

    // Delivered: recipient, subject and times kept, the body gone.
    let sent = outbox::get(&app.core.db.read, Scope::new(app.dragoer), message.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.state, "sent");
    assert_eq!(sent.recipient, "hemmelig@example.dk");
    assert!(!sent.subject.is_empty() && sent.sent_at.is_some());
    assert!(sent.body.is_empty() && sent.ics.is_none());

    // Neither secret is anywhere in the database files, the WAL included.
    if let Some(file) = &file {
        let files = database_files(file);
        assert!(files.len() >= 2, "the database and its WAL were read");
        for (path, bytes) in &files {
            assert!(!contains(bytes, &answered), "answered secret in {path}");
            assert!(!contains(bytes, &emailed), "e-mailed secret in {path}");
        }
    }

    // Either link cancels, once.
    let (status, _) = api_cancel(&app, &emailed).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(api_cancel(&app, &answered).await.0, StatusCode::GONE);

    // Old .eml files go after the retention period, new ones stay.
    let now = app.core.now();
    assert_eq!(
        prune_files(&transport, now, Duration::days(7))
            .await
            .unwrap(),
        0
    );
    let removed = prune_files(
        &transport,
        chrono::Utc::now() + Duration::days(8),
        Duration::days(7),
    )
    .await
    .unwrap();
    assert!(removed >= 1);
    assert!(!eml_path.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn closed_sessions_and_their_programmes_stay_out_of_public_view() {
    let app = TestApp::spawn().await;
    let scope = Scope::new(app.dragoer);
    let lib = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let now = app.core.now();
    let closed_programme = q::create_programme(
        &app.core.db.write,
        scope,
        q::NewProgramme {
            org: OrgId(lib),
            title: "Lukket klassebesøg",
            description: "Kun for 9.A",
            target_group: "Skoleelever",
        },
        now,
    )
    .await
    .unwrap();
    let site = orgs::site_by_name(&app.core.db.read, scope, "Dragør Bibliotek")
        .await
        .unwrap()
        .unwrap();
    let closed = q::create_session(
        &app.core.db.write,
        scope,
        q::NewSession {
            programme_id: closed_programme.id,
            org: OrgId(lib),
            site_id: site.id,
            starts_at: now + Duration::days(5),
            ends_at: now + Duration::days(5) + Duration::hours(2),
            capacity: 28,
            signup_opens_at: now - Duration::hours(1),
            signup_closes_at: now + Duration::days(4),
            public: false,
        },
        now,
    )
    .await
    .unwrap();
    let mut citizen = app.client();
    for path in [
        format!("/kalender/program/{}.ics", closed_programme.id),
        format!("/arrangementer/{}", closed.id),
        format!("/api/v1/sessions/{}", closed.id),
    ] {
        let res = citizen.get(&path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!res.text.contains("Lukket klassebesøg"), "{path}");
    }
    for path in [
        "/arrangementer".to_string(),
        format!("/arrangementer?program={}", closed_programme.id),
        format!("/kalender/sted/{}.ics", site.id),
        "/api/v1/sessions".to_string(),
        "/".to_string(),
    ] {
        let res = citizen.get(&path).await;
        assert!(
            !res.text.contains("Lukket klassebesøg") && !res.text.contains("Kun for 9.A"),
            "{path} shows nothing of it"
        );
    }
    let res = citizen
        .api(
            "POST",
            &format!("/api/v1/sessions/{}/registrations", closed.id),
            None,
            Some(r#"{"name":"Udefra","email":"u@example.dk"}"#),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_owner_sees_partner_reads_and_the_administrator_sees_all() {
    let app = TestApp::spawn().await;
    let id = session(&app, 10, true, 10).await;
    api_sign_up(&app, id, "Læst Larsen", "laest@example.dk").await;
    // A `run` partner's staff member reads the participant list.
    let partner = app.login("aktivitetshus@dragoer.demo").await;
    let mut partner = partner;
    assert_eq!(
        partner.get(&format!("/sessions/{id}")).await.status,
        StatusCode::OK
    );
    let reader =
        samvirke_store::staff::by_email_for_login(&app.core.db.read, "aktivitetshus@dragoer.demo")
            .await
            .unwrap()
            .unwrap()
            .name;

    // The owner's coordinator sees that read in the owner's log.
    let log = app
        .login("bibliotek@dragoer.demo")
        .await
        .get("/audit")
        .await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(
        log.text
            .contains(&format!("{reader} (Dragørs Aktivitetshus)")),
        "the partner's read is in the owner's log"
    );
    // A third organisation's coordinator does not.
    let other = app
        .login("borgercenter@dragoer.demo")
        .await
        .get("/audit")
        .await;
    assert!(!other.text.contains(&reader));

    // The municipality's administrator reads the whole log; another
    // municipality's administrator sees none of it.
    let mut admin = app.login("admin@dragoer.demo").await;
    let all = admin.get("/audit").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    assert!(all.text.contains(&reader));
    let theirs = app.login("admin@taarnby.test").await.get("/audit").await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(!theirs.text.contains(&reader));
}
