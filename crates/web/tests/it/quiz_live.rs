//! The quiz through the real server: 200 participants answering within a
//! moment of each other, every answer counted once, and every presenter's
//! event stream receiving the tallies.

use crate::quiz::{OWNER, advance, started};
use crate::support::TestApp;
use samvirke_web::server::{Limits, serve};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const PLAYERS: usize = 200;
const PRESENTERS: usize = 3;

async fn start_server(app: &TestApp) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = Limits {
        max_connections: 1024,
        ..Limits::default()
    };
    tokio::spawn(serve(
        listener,
        app.router.clone(),
        limits,
        std::future::pending(),
    ));
    addr
}

/// One request on its own connection: (status, body).
async fn http(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> (u16, String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    let status = out[9..12].parse().unwrap();
    let body = out
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Opens a presenter's event stream; its `data:` lines arrive on the channel.
async fn presenter_stream(
    addr: SocketAddr,
    cookie: String,
    run: i64,
) -> tokio::sync::mpsc::UnboundedReceiver<Value> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let mut s = TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "GET /quiz-koersel/{run}/live HTTP/1.1\r\nHost: localhost\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    tokio::spawn(async move {
        let mut lines = BufReader::new(s).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(Ok(v)) = line
                .strip_prefix("data: ")
                .map(serde_json::from_str::<Value>)
                && tx.send(v).is_err()
            {
                return;
            }
        }
    });
    rx
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_players_answer_at_once_and_every_presenter_sees_the_tallies() {
    let app = TestApp::spawn().await;
    let addr = start_server(&app).await;
    let (token, run, code) = started(&app).await;
    let staff = app.login(OWNER).await;
    let cookie: String = staff
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let mut streams = Vec::new();
    for _ in 0..PRESENTERS {
        streams.push(presenter_stream(addr, cookie.clone(), run).await);
    }
    // Everyone joins from the same address, as in a venue.
    let joins: Vec<_> = (0..PLAYERS)
        .map(|i| {
            let code = code.clone();
            tokio::spawn(async move {
                let (status, body) = http(
                    addr,
                    "POST",
                    &format!("/api/v1/quiz/{code}/players"),
                    Some(&json!({ "nickname": format!("spiller {i}") })),
                )
                .await;
                assert_eq!(status, 201, "{body}");
                serde_json::from_str::<Value>(&body).unwrap()["player_token"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
        })
        .collect();
    let mut players = Vec::new();
    for j in joins {
        players.push(j.await.unwrap());
    }
    let s = advance(&app, &token, run).await;
    let question = s["question"]["id"].as_i64().unwrap();
    let options: Vec<i64> = s["question"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    // Each player answers once, and a tenth of them press twice.
    let answers: Vec<_> = players
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let times = if i % 10 == 0 { 2 } else { 1 };
            (0..times).map(move |_| (i, p.clone()))
        })
        .map(|(i, player)| {
            let (code, option) = (code.clone(), options[i % options.len()]);
            tokio::spawn(async move {
                let body =
                    json!({ "player_token": player, "question_id": question, "option_id": option });
                http(
                    addr,
                    "POST",
                    &format!("/api/v1/quiz/{code}/answers"),
                    Some(&body),
                )
                .await
                .0
            })
        })
        .collect();
    let mut created = 0;
    let mut conflicts = 0;
    for a in answers {
        match a.await.unwrap() {
            201 => created += 1,
            409 => conflicts += 1,
            other => panic!("answer: {other}"),
        }
    }
    assert_eq!(created, PLAYERS, "every player's answer counted");
    assert_eq!(conflicts, PLAYERS / 10, "every second press refused");
    let expected: Vec<i64> = (0..options.len())
        .map(|k| (0..PLAYERS).filter(|i| i % options.len() == k).count() as i64)
        .collect();
    for (n, rx) in streams.iter_mut().enumerate() {
        let tally = tokio::time::timeout(Duration::from_secs(15), async {
            loop {
                let v = rx.recv().await.expect("the stream stays open");
                if v["answers"] == PLAYERS as i64 {
                    return v;
                }
            }
        })
        .await
        .unwrap_or_else(|_| panic!("presenter {n} never saw all answers"));
        assert_eq!(tally["players"], PLAYERS as i64);
        assert_eq!(tally["tally"], json!(expected));
    }
    let (_, body) = http(addr, "GET", &format!("/api/v1/quiz/{code}/state"), None).await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["question"]["id"],
        question
    );
}
