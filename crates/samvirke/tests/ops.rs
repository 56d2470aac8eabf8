//! Running it as an IT department would (issue 14), on the real binary:
//! backups taken during sign-ups, restore, a SIGTERM in the middle of a
//! sign-up storm, liveness and readiness through a database outage,
//! metrics, JSON logs, and refusing a database of a newer version. On a
//! SQLite file, and on PostgreSQL where it applies (`SAMVIRKE_TEST_PG`).

mod support;

use reqwest::StatusCode;
use samvirke_testkit::{TestDb, sql};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};
use support::{new_session, registration_ids, samvirke, sign_up, start, start_with, storm};
use tokio::sync::watch;

/// A folder of its own for one test, removed at the end.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("samvirke-ops-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(cmd: &mut std::process::Command) -> Output {
    cmd.stdout(Stdio::piped()).output().expect("run samvirke")
}

fn said(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

async fn get(url: &str) -> (StatusCode, Value) {
    let res = reqwest::get(url).await.expect("GET");
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_during_a_signup_storm_holds_every_acknowledged_signup_and_restores() {
    let test_db = TestDb::on_disk().await;
    let folder = Folder::new("backup");
    if test_db.is_postgres() {
        let o = run(samvirke(&folder.0).args([
            "backup",
            "--database-url",
            test_db.url(),
            "--to",
            folder.0.join("x.db").to_str().unwrap(),
        ]));
        assert!(!o.status.success());
        assert!(said(&o).contains("pg_dump"), "{}", said(&o));
        return;
    }
    let db_url = test_db.url().to_string();
    let server = start("demo", &db_url, &folder.0).await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &server.url, &db_url, 50).await;

    let (stop_tx, stop_rx) = watch::channel(false);
    let signups = tokio::spawn({
        let url = server.url.clone();
        async move { storm(&url, session, 16, stop_rx).await }
    });
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let backup_file = folder.0.join("backup.db");
    let began = Instant::now();
    let o = tokio::task::spawn_blocking({
        let (dir, url, to) = (folder.0.clone(), db_url.clone(), backup_file.clone());
        move || {
            run(samvirke(&dir).args([
                "backup",
                "--database-url",
                &url,
                "--to",
                to.to_str().unwrap(),
            ]))
        }
    })
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop_tx.send(true).unwrap();
    let answered = signups.await.unwrap();
    assert!(o.status.success(), "{}", said(&o));
    assert!(said(&o).contains("integrity ok"), "{}", said(&o));
    let before: Vec<i64> = answered
        .iter()
        .filter(|(at, _)| *at < began)
        .map(|(_, id)| *id)
        .collect();
    let after = answered.len() - before.len();
    assert!(
        before.len() > 20 && after > 0,
        "sign-ups went on: {} before, {after} after",
        before.len()
    );

    let in_backup = registration_ids(&format!("sqlite://{}", backup_file.display()), session).await;
    let missing: Vec<&i64> = before.iter().filter(|id| !in_backup.contains(id)).collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the backup but not in it: {missing:?}"
    );

    // Never over an existing file.
    let o = run(samvirke(&folder.0).args([
        "backup",
        "--database-url",
        &db_url,
        "--to",
        backup_file.to_str().unwrap(),
    ]));
    assert!(
        !o.status.success() && said(&o).contains("exists"),
        "{}",
        said(&o)
    );

    // Restore: refused over a database with data, done with --force, then served.
    drop(server);
    let o = run(samvirke(&folder.0).args([
        "restore",
        "--from",
        backup_file.to_str().unwrap(),
        "--database-url",
        &db_url,
    ]));
    assert!(
        !o.status.success() && said(&o).contains("--force"),
        "{}",
        said(&o)
    );
    let o = run(samvirke(&folder.0).args([
        "restore",
        "--from",
        backup_file.to_str().unwrap(),
        "--database-url",
        &db_url,
        "--force",
    ]));
    assert!(o.status.success(), "{}", said(&o));
    assert_eq!(registration_ids(&db_url, session).await, in_backup);
    let server = start("serve", &db_url, &folder.0).await;
    assert_eq!(
        get(&format!("{}/readyz", server.url)).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_older_backup_is_migrated_when_restored() {
    use sea_orm_migration::MigratorTrait;
    if samvirke_testkit::pg_url().is_some() {
        return; // restore is for SQLite; PostgreSQL's is tested with pg_dump below
    }
    let folder = Folder::new("older");
    let old = folder.0.join("old.db");
    let db = samvirke_store::Db::connect(&format!("sqlite://{}", old.display()))
        .await
        .unwrap();
    samvirke_store::migration::Migrator::up(&db.write, Some(3))
        .await
        .unwrap();
    db.close().await.unwrap();
    let target = format!("sqlite://{}", folder.0.join("new.db").display());
    let o = run(samvirke(&folder.0).args([
        "restore",
        "--from",
        old.to_str().unwrap(),
        "--database-url",
        &target,
    ]));
    assert!(o.status.success(), "{}", said(&o));
    assert!(said(&o).contains("migrations behind"), "{}", said(&o));
    let db = samvirke_store::Db::connect(&target).await.unwrap();
    assert_eq!(db.schema().await.unwrap(), samvirke_store::Schema::Current);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_during_a_signup_storm_loses_no_answered_signup_and_exits_0() {
    let test_db = TestDb::on_disk().await;
    let folder = Folder::new("sigterm");
    let db_url = test_db.url().to_string();
    let mut server = start("demo", &db_url, &folder.0).await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &server.url, &db_url, 30).await;

    let (_stop_tx, stop_rx) = watch::channel(false);
    let signups = tokio::spawn({
        let url = server.url.clone();
        async move { storm(&url, session, 32, stop_rx).await }
    });
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.terminate();
    let sent = Instant::now();
    // The default grace is 10 s; a little more for the process to end.
    let status = server.exited_within(Duration::from_secs(11)).await;
    let took = sent.elapsed();
    let answered = signups.await.unwrap();
    let status = status.expect("gone within the grace period");
    assert!(status.success(), "exit status {status:?}");
    assert!(
        answered.len() > 20,
        "only {} sign-ups answered",
        answered.len()
    );
    let stored = registration_ids(&db_url, session).await;
    let lost: Vec<i64> = answered
        .iter()
        .map(|(_, id)| *id)
        .filter(|id| !stored.contains(id))
        .collect();
    assert!(lost.is_empty(), "answered 201 but not stored: {lost:?}");
    eprintln!(
        "{} sign-ups answered; stopped {took:?} after SIGTERM",
        answered.len()
    );
}

#[tokio::test]
async fn a_database_migrated_by_a_newer_version_is_refused_at_start() {
    let test_db = TestDb::on_disk().await;
    let folder = Folder::new("newer");
    sql::exec(
        &test_db.write,
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29991231_000001_from_the_future', 0)",
        vec![],
    )
    .await;
    let o = run(samvirke(&folder.0).args(["serve", "--database-url", test_db.url()]));
    assert!(!o.status.success());
    let text = said(&o);
    assert!(
        text.contains("migrated by a newer Samvirke")
            && text.contains("m29991231_000001_from_the_future"),
        "{text}"
    );
}

/// A TCP proxy to PostgreSQL that the test can cut and mend.
struct Proxy {
    port: u16,
    open: watch::Sender<bool>,
}

impl Proxy {
    async fn to(upstream: String) -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (open, watching) = watch::channel(true);
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    continue;
                };
                if !*watching.borrow() {
                    continue; // dropped: closed at once
                }
                let mut watching = watching.clone();
                let upstream = upstream.clone();
                tokio::spawn(async move {
                    let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = watching.wait_for(|open| !*open) => {}
                    }
                });
            }
        });
        Proxy { port, open }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_follows_the_database_and_liveness_does_not() {
    let test_db = TestDb::on_disk().await;
    let folder = Folder::new("ready");
    if !test_db.is_postgres() {
        let server = start("serve", test_db.url(), &folder.0).await;
        let (status, body) = get(&format!("{}/healthz", server.url)).await;
        assert_eq!(
            (status, body),
            (
                StatusCode::OK,
                serde_json::json!({"status": "ok", "database": "sqlite"})
            )
        );
        assert_eq!(
            get(&format!("{}/readyz", server.url)).await.0,
            StatusCode::OK
        );
        println!("the database outage is tested on PostgreSQL (SAMVIRKE_TEST_PG)");
        return;
    }
    // postgres://user:pass@HOST:PORT/db → the same through the proxy.
    let url = test_db.url();
    let (head, tail) = url.split_once('@').unwrap();
    let (host, db) = tail.split_once('/').unwrap();
    let proxy = Proxy::to(host.to_string()).await;
    let via_proxy = format!("{head}@127.0.0.1:{}/{db}", proxy.port);
    let server = start("serve", &via_proxy, &folder.0).await;
    let health = format!("{}/healthz", server.url);
    let ready = format!("{}/readyz", server.url);
    assert_eq!(get(&ready).await.0, StatusCode::OK);

    proxy.open.send(false).unwrap();
    let (status, body) = get(&ready).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["status"], "unavailable");
    let (status, body) = get(&health).await;
    assert_eq!(
        (status, body["database"].as_str()),
        (StatusCode::OK, Some("postgres"))
    );

    proxy.open.send(true).unwrap();
    let mut back = false;
    for _ in 0..50 {
        if get(&ready).await.0 == StatusCode::OK {
            back = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        back,
        "ready again once the database is back, without a restart"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_the_signups_that_happened() {
    let test_db = TestDb::on_disk().await;
    let folder = Folder::new("metrics");
    let db_url = test_db.url().to_string();
    let metrics_port = support::free_port();
    let mut cmd = samvirke(&folder.0);
    cmd.env(
        "SAMVIRKE_METRICS_ADDRESS",
        format!("127.0.0.1:{metrics_port}"),
    );
    let server = start_with(cmd, "demo", &db_url).await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &server.url, &db_url, 3).await;
    for i in 0..5 {
        assert_eq!(
            sign_up(&client, &server.url, session, i).await.0,
            StatusCode::CREATED
        );
    }
    // The same person again, and an e-mail address that is not one.
    assert_eq!(
        sign_up(&client, &server.url, session, 0).await.0,
        StatusCode::CONFLICT
    );
    let res = client
        .post(format!(
            "{}/api/v1/sessions/{session}/registrations",
            server.url
        ))
        .json(&serde_json::json!({"name": "Uden adresse", "email": "ikke en adresse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Not on the public listener.
    assert_eq!(
        client
            .get(format!("{}/metrics", server.url))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );

    let text = client
        .get(format!("http://127.0.0.1:{metrics_port}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let lines = text.lines().map(|l| Ok(l.to_string()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("Prometheus text format");
    // The sample of `name` with all of `labels`, as a number.
    let value = |name: &str, labels: &[(&str, &str)]| -> Option<f64> {
        scrape
            .samples
            .iter()
            .find(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
            .map(|s| match s.value {
                prometheus_parse::Value::Counter(v)
                | prometheus_parse::Value::Gauge(v)
                | prometheus_parse::Value::Untyped(v) => v,
                _ => panic!("{name} is not a number"),
            })
    };
    assert_eq!(
        value("samvirke_signups_total", &[("outcome", "confirmed")]),
        Some(3.0),
        "{text}"
    );
    assert_eq!(
        value("samvirke_signups_total", &[("outcome", "waitlisted")]),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        value("samvirke_signups_total", &[("outcome", "refused")]),
        Some(2.0),
        "{text}"
    );
    // prometheus-parse reads a label value only up to its first `}`, and
    // route templates hold braces: this one is read from the text.
    let created = r#"samvirke_http_requests_total{route="/api/v1/sessions/{id}/registrations",method="POST",status="201"} 5"#;
    assert!(
        text.lines().any(|l| l == created),
        "{created} missing:\n{text}"
    );
    assert!(
        !text.contains(&format!("/sessions/{session}/")),
        "a path, not its template, in the metrics:\n{text}"
    );
    for gauge in [
        "samvirke_outbox_waiting",
        "samvirke_outbox_oldest_age_seconds",
        "samvirke_db_pool_connections",
    ] {
        assert!(
            scrape.samples.iter().any(|s| s.metric == gauge),
            "{gauge} missing:\n{text}"
        );
    }
    assert!(
        text.contains("samvirke_http_request_duration_seconds_bucket"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_say_what_an_operator_needs_and_no_personal_data() {
    let test_db = TestDb::on_disk().await;
    let folder = Folder::new("json");
    let db_url = test_db.url().to_string();
    let log_file = folder.0.join("stderr.log");
    let mut cmd = samvirke(&folder.0);
    cmd.env("SAMVIRKE_LOG_FORMAT", "json")
        .env("SAMVIRKE_LOG", "info")
        .stderr(std::fs::File::create(&log_file).unwrap());
    let mut server = start_with(cmd, "demo", &db_url).await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &server.url, &db_url, 3).await;
    let res = client
        .post(format!(
            "{}/api/v1/sessions/{session}/registrations",
            server.url
        ))
        .json(
            &serde_json::json!({"name": "Hemmelig Hansen", "email": "hemmelig.hansen@example.dk"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let token = res.json::<Value>().await.unwrap()["cancel_token"]
        .as_str()
        .unwrap()
        .to_string();
    let _ = client
        .get(format!("{}/afmeld/{token}", server.url))
        .send()
        .await
        .unwrap();
    server.terminate();
    assert!(
        server
            .exited_within(Duration::from_secs(11))
            .await
            .is_some()
    );

    let text = std::fs::read_to_string(&log_file).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    for secret in [
        "Hemmelig",
        "hemmelig.hansen",
        token.as_str(),
        "bibliotek@dragoer.demo",
        "samvirke-demo",
    ] {
        assert!(!text.contains(secret), "{secret} in the log:\n{text}");
    }
    let answered: Vec<&Value> = lines.iter().filter(|l| l["target"] == "access").collect();
    let signup = answered
        .iter()
        .find(|l| l["span"]["route"] == "/api/v1/sessions/{id}/registrations")
        .unwrap_or_else(|| panic!("no line for the sign-up:\n{text}"));
    assert_eq!(signup["status"], 201);
    assert_eq!(signup["level"], "INFO");
    assert!(
        signup["timestamp"].is_string() && signup["duration_ms"].is_number(),
        "{signup}"
    );
    assert_eq!(
        signup["span"]["id"].as_str().map(str::len),
        Some(16),
        "{signup}"
    );
    let created = answered
        .iter()
        .find(|l| l["span"]["route"] == "/api/v1/sessions" && l["status"] == 201)
        .unwrap_or_else(|| panic!("no line for the staff member's call:\n{text}"));
    assert!(
        created["span"]["org"].is_number(),
        "the organisation: {created}"
    );
    assert!(
        answered
            .iter()
            .any(|l| l["span"]["route"] == "/afmeld/{token}"),
        "{text}"
    );
}

#[tokio::test]
async fn a_pg_dump_restores_into_a_fresh_database_that_serves() {
    let Some(_) = samvirke_testkit::pg_url() else {
        println!("skipped: SAMVIRKE_TEST_PG is not set (the pg_dump test needs PostgreSQL)");
        return;
    };
    let tool = |name: &str| {
        std::process::Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    assert!(
        tool("pg_dump") && tool("pg_restore"),
        "SAMVIRKE_TEST_PG is set, but pg_dump or pg_restore is missing (apt-get install postgresql-client)"
    );
    let source = TestDb::on_disk().await;
    let folder = Folder::new("pgdump");
    let server = start("demo", source.url(), &folder.0).await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &server.url, source.url(), 5).await;
    for i in 0..3 {
        assert_eq!(
            sign_up(&client, &server.url, session, i).await.0,
            StatusCode::CREATED
        );
    }
    drop(server);
    let dump = folder.0.join("samvirke.dump");
    let o = std::process::Command::new("pg_dump")
        .args([
            "--format=custom",
            "--file",
            dump.to_str().unwrap(),
            source.url(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", said(&o));
    let fresh = TestDb::empty().await;
    let o = std::process::Command::new("pg_restore")
        .args([
            "--no-owner",
            "--dbname",
            fresh.url(),
            dump.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", said(&o));
    let server = start("serve", fresh.url(), &folder.0).await;
    assert_eq!(
        get(&format!("{}/readyz", server.url)).await.0,
        StatusCode::OK
    );
    let (status, body) = get(&format!("{}/api/v1/sessions/{session}", server.url)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["seats_left"], 2, "{body}");
    assert_eq!(
        registration_ids(fresh.url(), session).await,
        registration_ids(source.url(), session).await
    );
}

#[test]
fn the_sample_settings_file_is_what_the_settings_type_writes() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_samvirke"))
        .args(["settings", "--sample"])
        .env_remove("SAMVIRKE_CONFIG")
        .output()
        .unwrap();
    assert!(o.status.success());
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/samvirke.toml");
    let written = std::fs::read_to_string(&sample).unwrap();
    assert_eq!(
        written,
        String::from_utf8(o.stdout).unwrap(),
        "deploy/samvirke.toml is out of date: samvirke settings --sample > deploy/samvirke.toml"
    );
}
