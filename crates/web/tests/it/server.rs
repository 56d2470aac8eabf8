//! The server itself, through real sockets: timeouts, the connection cap,
//! graceful shutdown, the peer address; what it sends and logs (HSTS and
//! Secure cookies behind https, no link secret in a log line); and the
//! front-end files it embeds.

use crate::support::{self, PASSWORD, TestApp};
use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{StatusCode, header};
use axum::routing::get;
use samvirke_service::throttle::Throttle;
use samvirke_web::WebConfig;
use samvirke_web::server::{Limits, serve};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Short limits, so a test takes seconds.
fn limits() -> Limits {
    Limits {
        header_read_timeout: Duration::from_secs(1),
        body_read_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(3),
        max_connections: 100,
        shutdown_grace: Duration::from_secs(5),
    }
}

struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    async fn connect(&self) -> TcpStream {
        TcpStream::connect(self.addr).await.unwrap()
    }

    /// Asks the server to stop and waits until `serve` has returned.
    async fn shut_down(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(10), &mut self.task)
            .await
            .expect("serve returns after shutdown")
            .unwrap()
            .unwrap();
    }
}

async fn start(app: Router, limits: Limits) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, app, limits, async {
        let _ = rx.await;
    }));
    Running {
        addr,
        stop: Some(tx),
        task,
    }
}

/// A small app: the peer address, a slow answer, and a plain one.
fn tiny_app() -> Router {
    Router::new()
        .route(
            "/peer",
            get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.to_string() }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(800)).await;
                "slow done"
            }),
        )
        .route("/", get(|| async { "hello" }))
}

fn request(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: test\r\n\r\n")
}

/// Reads one response (headers and a Content-Length body); `None` when the
/// connection closed first or nothing came within `wait`.
async fn read_response(s: &mut TcpStream, wait: Duration) -> Option<String> {
    let mut buf = Vec::new();
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            let len = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                return Some(String::from_utf8_lossy(&buf[..end + 4 + len]).to_string());
            }
        }
        let mut chunk = [0u8; 4096];
        match tokio::time::timeout_at(deadline, s.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => return None,
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Waits until the server closes the connection; how long that took.
/// Panics when it is still open after `wait`.
async fn closed_within(s: &mut TcpStream, wait: Duration) -> Duration {
    let started = Instant::now();
    let mut chunk = [0u8; 4096];
    loop {
        match tokio::time::timeout(wait, s.read(&mut chunk)).await {
            Err(_) => panic!("the connection is still open after {wait:?}"),
            Ok(Ok(0)) | Ok(Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test]
async fn trickled_headers_are_cut_off() {
    let app = TestApp::spawn().await;
    let server = start(app.router.clone(), limits()).await;

    // Half a header line, then silence.
    let mut s = server.connect().await;
    s.write_all(b"GET /arrangementer HTTP/1.1\r\nHost: te")
        .await
        .unwrap();
    let took = closed_within(&mut s, Duration::from_secs(5)).await;
    assert!(took < Duration::from_millis(2500), "closed after {took:?}");

    // A byte every 200 ms keeps the socket busy but does not extend the time.
    let mut s = server.connect().await;
    let (mut rd, mut wr) = s.split();
    let started = Instant::now();
    let trickle = async {
        for b in
            b"GET /arrangementer HTTP/1.1\r\nHost: test\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        {
            if wr.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let closed = async {
        let mut chunk = [0u8; 1024];
        loop {
            match rd.read(&mut chunk).await {
                Ok(0) | Err(_) => return started.elapsed(),
                Ok(_) => {}
            }
        }
    };
    let took = tokio::select! {
        took = closed => took,
        () = trickle => panic!("the whole trickle was accepted"),
    };
    assert!(took < Duration::from_millis(2500), "closed after {took:?}");

    // A prompt client is served as usual.
    let mut s = server.connect().await;
    s.write_all(request("/healthz").as_bytes()).await.unwrap();
    let res = read_response(&mut s, Duration::from_secs(5)).await.unwrap();
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    server.shut_down().await;
}

#[tokio::test]
async fn trickled_body_is_cut_off_with_408() {
    let app = TestApp::spawn().await;
    let server = start(app.router.clone(), limits()).await;

    let mut s = server.connect().await;
    s.write_all(
        b"POST /login HTTP/1.1\r\nHost: test\r\nContent-Type: application/x-www-form-urlencoded\r\n\
          Content-Length: 1000\r\n\r\nemail=a",
    )
    .await
    .unwrap();
    let started = Instant::now();
    let (mut rd, mut wr) = s.split();
    let trickle = async {
        for _ in 0..100 {
            if wr.write_all(b"a").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let answer = async {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            match rd.read(&mut chunk).await {
                Ok(0) | Err(_) => {
                    return (String::from_utf8_lossy(&buf).to_string(), started.elapsed());
                }
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
    };
    let (res, took) = tokio::select! {
        r = answer => r,
        () = trickle => panic!("the whole trickled body was read"),
    };
    assert!(res.starts_with("HTTP/1.1 408"), "{res}");
    assert!(res.contains("Det tog for lang tid"), "the page says why");
    assert!(took < Duration::from_millis(2500), "cut off after {took:?}");
    server.shut_down().await;
}

#[tokio::test]
async fn idle_keep_alive_connections_are_closed() {
    let server = start(tiny_app(), limits()).await;
    let mut s = server.connect().await;
    s.write_all(request("/").as_bytes()).await.unwrap();
    assert!(
        read_response(&mut s, Duration::from_secs(5))
            .await
            .unwrap()
            .starts_with("HTTP/1.1 200")
    );
    // Quiet for longer than the header timeout (1 s) but less than the idle
    // timeout (3 s): still open, the next request is served.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    s.write_all(request("/").as_bytes()).await.unwrap();
    let res = read_response(&mut s, Duration::from_secs(5)).await;
    assert!(res.is_some_and(|r| r.starts_with("HTTP/1.1 200")));
    // Then idle: closed after about 3 s.
    let took = closed_within(&mut s, Duration::from_secs(6)).await;
    assert!(
        took > Duration::from_millis(2500) && took < Duration::from_millis(5000),
        "closed after {took:?}"
    );
    server.shut_down().await;
}

#[tokio::test]
async fn the_connection_cap_holds() {
    let server = start(
        tiny_app(),
        Limits {
            max_connections: 2,
            idle_timeout: Duration::from_secs(30),
            ..limits()
        },
    )
    .await;
    let mut first = server.connect().await;
    let mut second = server.connect().await;
    for s in [&mut first, &mut second] {
        s.write_all(request("/").as_bytes()).await.unwrap();
        assert!(read_response(s, Duration::from_secs(5)).await.is_some());
    }
    // Both stay open (keep-alive); a third waits.
    let mut third = server.connect().await;
    third.write_all(request("/").as_bytes()).await.unwrap();
    assert!(
        read_response(&mut third, Duration::from_millis(1500))
            .await
            .is_none(),
        "a third connection was served beyond the cap of 2"
    );
    // One closes: the third is served.
    drop(first);
    let res = read_response(&mut third, Duration::from_secs(5)).await;
    assert!(res.is_some_and(|r| r.starts_with("HTTP/1.1 200")));
    // The two open ones still work.
    second.write_all(request("/").as_bytes()).await.unwrap();
    assert!(
        read_response(&mut second, Duration::from_secs(5))
            .await
            .is_some()
    );
    server.shut_down().await;
}

#[tokio::test]
async fn handlers_see_the_peer_address() {
    let server = start(tiny_app(), limits()).await;
    let mut s = server.connect().await;
    let me = s.local_addr().unwrap();
    s.write_all(request("/peer").as_bytes()).await.unwrap();
    let res = read_response(&mut s, Duration::from_secs(5)).await.unwrap();
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    assert!(res.ends_with(&me.to_string()), "{res}");
    server.shut_down().await;
}

#[tokio::test]
async fn shutdown_finishes_requests_in_flight_and_stops_accepting() {
    // Timeouts far longer than the test: whatever closes, shutdown closed.
    let server = start(
        tiny_app(),
        Limits {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(10),
            ..limits()
        },
    )
    .await;
    let addr = server.addr;
    let mut busy = server.connect().await;
    busy.write_all(request("/slow").as_bytes()).await.unwrap();
    let mut idle = server.connect().await;
    idle.write_all(request("/").as_bytes()).await.unwrap();
    let mut silent = server.connect().await;
    assert!(
        read_response(&mut idle, Duration::from_secs(5))
            .await
            .is_some()
    );
    tokio::time::sleep(Duration::from_millis(200)).await;

    let stopping = tokio::spawn(server.shut_down());
    // The idle connection closes at once; the slow request still gets its answer.
    let took = closed_within(&mut idle, Duration::from_secs(5)).await;
    assert!(took < Duration::from_secs(3), "idle closed after {took:?}");
    let took = closed_within(&mut silent, Duration::from_secs(5)).await;
    assert!(
        took < Duration::from_secs(3),
        "silent closed after {took:?}"
    );
    let res = read_response(&mut busy, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(
        res.starts_with("HTTP/1.1 200") && res.ends_with("slow done"),
        "{res}"
    );
    stopping.await.unwrap();
    // Nobody listens any more.
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn a_request_longer_than_the_shutdown_grace_is_closed_when_it_ends() {
    let server = start(
        tiny_app(),
        Limits {
            shutdown_grace: Duration::from_millis(200),
            ..limits()
        },
    )
    .await;
    let mut busy = server.connect().await;
    busy.write_all(request("/slow").as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let began = std::time::Instant::now();
    server.shut_down().await;
    let took = began.elapsed();
    // The 800 ms request is cut at the 200 ms grace, without an answer.
    assert!(took < Duration::from_millis(600), "shutdown took {took:?}");
    assert!(
        read_response(&mut busy, Duration::from_secs(2))
            .await
            .is_none()
    );
}

// ---------------------------------------------------------------------------
// Transport security (issue 6, point 12)

/// The app as `samvirke` builds it behind an https public URL.
async fn https_app() -> TestApp {
    let mut app = TestApp::spawn().await;
    app.rewire(
        Arc::new(Throttle::new(support::Options::default().limits)),
        WebConfig {
            secure_cookies: true,
            rate_limit: true,
            hsts: true,
            ..WebConfig::default()
        },
    );
    app
}

#[tokio::test]
async fn behind_https_cookies_are_secure_and_hsts_is_sent() {
    let app = https_app().await;
    let mut c = support::Client::new(app.router.clone());
    for path in ["/", "/login", "/api/v1/sessions", "/findes-ikke"] {
        let res = c.get(path).await;
        assert_eq!(
            res.headers
                .get(header::STRICT_TRANSPORT_SECURITY)
                .map(|v| v.to_str().unwrap()),
            Some("max-age=31536000"),
            "{path}"
        );
    }
    let fresh = https_app().await.client().get("/login").await;
    let cookie = fresh.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.ends_with("; Secure"), "{cookie}");
    let res = c
        .post_form(
            "/login",
            &[("email", "bibliotek@dragoer.demo"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let session = res
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("samvirke_session="))
        .unwrap();
    assert!(session.contains("; Secure"), "{session}");
}

#[tokio::test]
async fn over_plain_http_no_hsts_and_no_secure_cookies() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let res = c.get("/login").await;
    assert!(res.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    let cookie = res.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(!cookie.contains("Secure"), "{cookie}");
    let res = c
        .post_form(
            "/login",
            &[("email", "bibliotek@dragoer.demo"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(res.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    for v in res.headers.get_all(header::SET_COOKIE) {
        assert!(!v.to_str().unwrap().contains("Secure"));
    }
}

// ---------------------------------------------------------------------------
// No link secret in a log line (issue 6, point 5)

#[tokio::test]
async fn link_secrets_never_reach_a_log_line() {
    let (logs, _guard) = crate::support::capture_logs();

    let app = TestApp::spawn().await;
    let mut c = app.client();
    // A citizen signs up and gets a cancel link.
    let list = c.get("/arrangementer").await;
    let start = list.text.find("href=\"/arrangementer/").unwrap() + "href=\"".len();
    let event: String = list.text[start..]
        .chars()
        .take_while(|ch| *ch != '"')
        .collect();
    let res = c
        .post_form(&event, &[("name", "Ida"), ("email", "ida@example.dk")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let res = c.get(res.location()).await;
    let start = res.text.find("/afmeld/").unwrap();
    let link: String = res.text[start..]
        .chars()
        .take_while(|ch| *ch != '"')
        .collect();
    let token = link.trim_start_matches("/afmeld/").to_string();
    assert!(token.len() >= 20, "{link}");

    // The link is opened, posted without a CSRF token (refused, and logged), then used.
    assert_eq!(c.get(&link).await.status, StatusCode::OK);
    assert_eq!(c.post_raw(&link, &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(c.post_form(&link, &[]).await.status, StatusCode::OK);

    // A staff member's calendar feed.
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    let page = staff.post_form("/account/calendar", &[]).await;
    let start = page.text.find("/kalender/medarbejder/").unwrap();
    let feed: String = page.text[start..]
        .chars()
        .take_while(|ch| *ch != '<' && *ch != '"')
        .collect();
    let feed_token = feed
        .trim_start_matches("/kalender/medarbejder/")
        .trim_end_matches(".ics")
        .to_string();
    assert!(feed_token.len() >= 20, "{feed}");
    assert_eq!(app.client().get(&feed).await.status, StatusCode::OK);
    assert_eq!(
        app.client().post_raw(&feed, &[]).await.status,
        StatusCode::FORBIDDEN
    );

    let text = logs.text();
    assert!(
        !text.contains(&token),
        "a cancel secret was logged:\n{text}"
    );
    assert!(
        !text.contains(&feed_token),
        "a feed secret was logged:\n{text}"
    );
    // The refusals were logged, by route template.
    assert!(
        text.contains("form refused") && text.contains("route=/afmeld/{token}"),
        "{text}"
    );
    assert!(
        text.contains("route=/kalender/medarbejder/{token}"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// Vendored front-end files (issue 7, point 9)

fn vendor_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor")
}

fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn vendored_files_are_the_ones_fetched() {
    use sha2::{Digest, Sha256};
    let dir = vendor_dir();
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    let mut listed = std::collections::BTreeSet::new();
    for line in sums.lines() {
        let (sum, name) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            actual, sum,
            "{name} differs from what scripts/vendor-assets.sh fetched"
        );
        listed.insert(name.to_string());
    }
    let mut present = Vec::new();
    files_under(&dir, &mut present);
    for path in present {
        let name = path
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name == "SHA256SUMS" || listed.contains(&name),
            "{name} is in crates/web/vendor but not in SHA256SUMS"
        );
    }
}

#[test]
fn the_embedded_files_are_what_the_pages_use() {
    use samvirke_web::assets::has;
    let dir = vendor_dir();
    let css = std::fs::read_to_string(dir.join("dkfds/css/dkfds.min.css")).unwrap();
    let mut used = std::collections::BTreeSet::new();
    // Everything the stylesheet refers to but the legacy .eot/.ttf fallbacks.
    for part in css.split("url(").skip(1) {
        let target = part.split(')').next().unwrap().trim_matches(['"', '\'']);
        if target.starts_with("data:") || target.ends_with(".eot") || target.ends_with(".ttf") {
            continue;
        }
        let path = format!("dkfds/{}", target.strip_prefix("../").unwrap());
        assert!(has(&path), "the stylesheet needs {path}");
        used.insert(path);
    }
    // Everything the templates link.
    let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut files = Vec::new();
    files_under(&templates, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for part in text.split("c.asset(\"").skip(1) {
            let path = part.split('"').next().unwrap().to_string();
            assert!(has(&path), "{} links {path}", file.display());
            used.insert(path);
        }
    }
    // htmx is the stack's enhancement library (see ENGINEERING.md); no page loads it yet.
    used.insert("htmx/htmx.min.js".into());
    // Nothing else is embedded but our own files.
    for path in samvirke_web::assets::paths() {
        assert!(
            path.starts_with("samvirke/") || used.contains(path),
            "{path} is embedded but no page uses it"
        );
    }
    assert!(used.len() > 150, "{used:?}");
}
