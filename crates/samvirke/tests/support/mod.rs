//! Starting the real binary and talking to it over HTTP, for the tests in
//! this folder. Each test file uses what it needs of it.
#![allow(dead_code)]

use reqwest::StatusCode;
use samvirke_store::{Db, Scope, orgs, sessions};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `samvirke`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Sends SIGTERM, as systemd does to stop a service.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM");
    }

    /// Waits for the process to end; `None` when it has not within `limit`.
    pub async fn exited_within(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = std::time::Instant::now() + limit;
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait for samvirke") {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The binary with the settings every test here wants.
pub fn samvirke(data_dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_samvirke"));
    c.env("SAMVIRKE_RATE_LIMIT", "off")
        .env("SAMVIRKE_DATA_DIR", data_dir)
        .env("SAMVIRKE_LOG", "warn")
        .env_remove("SAMVIRKE_CONFIG")
        .stdout(Stdio::null());
    c
}

/// `samvirke COMMAND` on a free port, once `/healthz` answers.
pub async fn start(command: &str, db_url: &str, data_dir: &Path) -> Server {
    start_with(samvirke(data_dir), command, db_url).await
}

/// [`start`] with a command set up by the caller (more settings, stderr).
pub async fn start_with(mut cmd: Command, command: &str, db_url: &str) -> Server {
    let port = free_port();
    let child = cmd
        .args([
            command,
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            db_url,
        ])
        .spawn()
        .expect("start samvirke");
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = client.get(format!("{}/healthz", server.url)).send().await
            && r.status() == StatusCode::OK
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("samvirke did not answer on {}", server.url);
}

/// An API token of the demo's library coordinator.
pub async fn demo_token(client: &reqwest::Client, url: &str) -> String {
    let token: Value = client
        .post(format!("{url}/api/v1/auth/token"))
        .json(&json!({"email": "bibliotek@dragoer.demo", "password": "samvirke-demo"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    token["token"].as_str().unwrap().to_string()
}

/// A new public session with `capacity` seats, open for sign-up; returns its id.
pub async fn new_session(client: &reqwest::Client, url: &str, db_url: &str, capacity: i32) -> i64 {
    let token = demo_token(client, url).await;
    let db = Db::connect(db_url).await.unwrap();
    // A month from now, whenever the test runs.
    let starts = chrono::Utc::now() + chrono::Duration::days(30);
    let m = orgs::municipality_by_slug(&db.read, "dragoer")
        .await
        .unwrap()
        .unwrap();
    let scope = Scope::new(samvirke_domain::MunicipalityId(m.id));
    let site = orgs::site_by_name(&db.read, scope, "Dragør Bibliotek")
        .await
        .unwrap()
        .unwrap();
    let programme = sessions::programme_by_title(&db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let res = client
        .post(format!("{url}/api/v1/sessions"))
        .bearer_auth(token)
        .json(&json!({
            "programme_id": programme.id,
            "site_id": site.id,
            "starts_at": starts.to_rfc3339(),
            "ends_at": (starts + chrono::Duration::hours(2)).to_rfc3339(),
            "capacity": capacity,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

/// Person `i` signs up for `session`: the status and the answer's body.
pub async fn sign_up(
    client: &reqwest::Client,
    url: &str,
    session: i64,
    i: usize,
) -> (StatusCode, Value) {
    let res = client
        .post(format!("{url}/api/v1/sessions/{session}/registrations"))
        .json(&json!({"name": format!("Deltager {i}"), "email": format!("deltager{i}@example.dk")}))
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// `clients` people at a time sign up until `stop` turns true; returns the
/// registration id of every sign-up answered 201, with when the answer came.
pub async fn storm(
    url: &str,
    session: i64,
    clients: usize,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Vec<(std::time::Instant, i64)> {
    let client = reqwest::Client::new();
    let tasks = (0..clients).map(|c| {
        let (client, url, stop) = (client.clone(), url.to_string(), stop.clone());
        tokio::spawn(async move {
            let mut answered = Vec::new();
            for n in 0.. {
                if *stop.borrow() {
                    break;
                }
                let res = client
                    .post(format!("{url}/api/v1/sessions/{session}/registrations"))
                    .json(&json!({"name": format!("Storm {c}-{n}"), "email": format!("storm-{c}-{n}@example.dk")}))
                    .send()
                    .await;
                // Refused connections once the server stops are expected.
                let Ok(res) = res else { break };
                if res.status() == StatusCode::CREATED {
                    let body: Value = res.json().await.expect("a 201 carries its registration");
                    answered.push((std::time::Instant::now(), body["id"].as_i64().unwrap()));
                }
            }
            answered
        })
    });
    futures::future::join_all(tasks)
        .await
        .into_iter()
        .flat_map(|r| r.unwrap())
        .collect()
}

/// The ids of the registrations of `session`, straight from the database.
pub async fn registration_ids(db_url: &str, session: i64) -> std::collections::HashSet<i64> {
    use samvirke_store::entity::registration;
    use samvirke_store::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let db = Db::connect(db_url).await.unwrap();
    let ids = registration::Entity::find()
        .filter(registration::Column::SessionId.eq(session))
        .all(&db.read)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    let _ = db.close().await;
    ids
}
