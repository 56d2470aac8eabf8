//! The test harness: a fresh database with Dragør's demo data and a second
//! municipality, the real router, and a small cookie-keeping client.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use samvirke_domain::{FixedClock, MunicipalityId, OrgId, OrgKind, Role};
use samvirke_service::Core;
use samvirke_service::throttle::{Limits, Throttle};
use samvirke_store::{Scope, orgs, staff};
use samvirke_testkit::{Demo, TestDb};
use samvirke_web::{AppState, WebConfig};
use std::collections::HashMap;
use std::sync::Arc;
use tower::ServiceExt;

pub use samvirke_testkit::{NewSession, PASSWORD, t0};
/// The second municipality's coordinator.
pub const OTHER_COORDINATOR: &str = "koordinator@taarnby.test";

/// A database of its own for one test, dropped with it.
pub async fn fresh_db() -> TestDb {
    TestDb::new().await
}

/// A session of the demo programme at the library; see [`NewSession`].
pub async fn demo_session(app: &TestApp, s: NewSession) -> i64 {
    samvirke_testkit::demo_session(&app.core, app.dragoer, s).await
}

/// Signs up through the public API: the status and the JSON answer (`Null` when not JSON).
pub async fn api_sign_up(
    app: &TestApp,
    id: i64,
    body: serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    let path = format!("/api/v1/sessions/{id}/registrations");
    let res = app
        .client()
        .api("POST", &path, None, Some(&body.to_string()))
        .await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or_default(),
    )
}

/// Cancels through the public API with the secret of a cancel link.
pub async fn api_cancel(app: &TestApp, token: &str) -> (StatusCode, serde_json::Value) {
    let body = serde_json::json!({ "cancel_token": token }).to_string();
    let res = app
        .client()
        .api("POST", "/api/v1/registrations/cancel", None, Some(&body))
        .await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or_default(),
    )
}

/// A bearer token for a demo login, from `POST /api/v1/auth/token`.
pub async fn api_token(app: &TestApp, email: &str) -> String {
    let body = serde_json::json!({ "email": email, "password": PASSWORD }).to_string();
    let res = app
        .client()
        .api("POST", "/api/v1/auth/token", None, Some(&body))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json()["token"].as_str().unwrap().to_string()
}

pub struct TestApp {
    pub router: Router,
    pub core: Core,
    pub clock: Arc<FixedClock>,
    pub dragoer: MunicipalityId,
    pub taarnby: MunicipalityId,
    /// Dropped last: it drops the database.
    _db: TestDb,
}

pub struct Options {
    pub limits: Limits,
    pub rate_limit: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: Limits {
                per_address: None,
                ..Limits::default()
            },
            rate_limit: true,
        }
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(Options::default()).await
    }

    pub async fn spawn_with(opts: Options) -> TestApp {
        Self::spawn_on(fresh_db().await, opts).await
    }

    /// The app on a database the test made itself (e.g. a SQLite file).
    pub async fn spawn_on(db: TestDb, opts: Options) -> TestApp {
        let Demo {
            core,
            clock,
            dragoer,
            db,
        } = Demo::on(db).await;
        // The real e-mail texts, as the server renders them.
        let core = samvirke_web::notices::install(core);
        let taarnby = seed_second_municipality(&core).await;
        let state = AppState::new(
            core.clone(),
            Throttle::new(opts.limits),
            WebConfig {
                secure_cookies: false,
                rate_limit: opts.rate_limit,
                ..WebConfig::default()
            },
        );
        TestApp {
            router: samvirke_web::app(state),
            core,
            clock,
            dragoer,
            taarnby,
            _db: db,
        }
    }

    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookies: HashMap::new(),
        }
    }

    /// A client signed in as `email` with the demo password.
    pub async fn login(&self, email: &str) -> Client {
        let mut c = self.client();
        let res = c.login(email, PASSWORD).await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "login as {email}: {}",
            res.text
        );
        c
    }

    pub async fn staff_id(&self, email: &str) -> i64 {
        staff::by_email_for_login(&self.core.db.read, email)
            .await
            .unwrap()
            .unwrap()
            .id
    }

    pub async fn org_id(&self, m: MunicipalityId, name: &str) -> i64 {
        orgs::organisation_by_name(&self.core.db.read, Scope::new(m), name)
            .await
            .unwrap()
            .unwrap()
            .id
    }
}

/// Tårnby: another municipality on the same installation, with a library.
async fn seed_second_municipality(core: &Core) -> MunicipalityId {
    let now = t0();
    let m = orgs::create_municipality(&core.db.write, "taarnby", "Tårnby Kommune", None, now)
        .await
        .unwrap();
    let scope = Scope::new(MunicipalityId(m.id));
    let lib = orgs::create_organisation(
        &core.db.write,
        scope,
        "Tårnby Bibliotek",
        OrgKind::Library,
        now,
    )
    .await
    .unwrap();
    let admin_org = orgs::create_organisation(
        &core.db.write,
        scope,
        "Tårnby Kommune, administration",
        OrgKind::Administration,
        now,
    )
    .await
    .unwrap();
    let hash = samvirke_service::secret::hash_password(PASSWORD).unwrap();
    for (org, email, name, role) in [
        (lib.id, OTHER_COORDINATOR, "Tove Tårnby", Role::Coordinator),
        (
            lib.id,
            "medarbejder@taarnby.test",
            "Tim Tårnby",
            Role::Staff,
        ),
        (
            admin_org.id,
            "admin@taarnby.test",
            "Tina Tårnby",
            Role::MunicipalityAdmin,
        ),
    ] {
        staff::create(
            &core.db.write,
            scope,
            staff::NewStaff {
                org: OrgId(org),
                email,
                name,
                phone: Some("+4511223344".into()),
                password_hash: hash.clone(),
                roles: &[role],
            },
            now,
        )
        .await
        .unwrap();
    }
    MunicipalityId(m.id)
}

pub struct Client {
    router: Router,
    pub cookies: HashMap<String, String>,
}

#[derive(Debug)]
pub struct Res {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub text: String,
}

impl Res {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
}

impl Client {
    pub async fn send(&mut self, req: Request<Body>) -> Res {
        let res = self.router.clone().oneshot(req).await.unwrap();
        for v in res.headers().get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let (pair, attrs) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), val.to_string());
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // Every answer in every test: no text is missing from the language files.
        let missing = text
            .find("Unknown localization key")
            .map(|i| &text[i..(i + 80).min(text.len())]);
        assert!(missing.is_none(), "a text is missing: {missing:?}");
        Res {
            status,
            headers,
            text,
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn get(&mut self, path: &str) -> Res {
        let req = Request::get(path)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    /// The CSRF token the server gave this client (fetching a page if needed).
    pub async fn csrf(&mut self) -> String {
        if !self.cookies.contains_key("samvirke_csrf") {
            self.get("/login").await;
        }
        self.cookies["samvirke_csrf"].clone()
    }

    /// Posts a form with the right CSRF token.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Res {
        let token = self.csrf().await;
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields: no CSRF token added.
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Res {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let req = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Res {
        self.post_form("/login", &[("email", email), ("password", password)])
            .await
    }

    pub async fn api(
        &mut self,
        method: &str,
        path: &str,
        bearer: Option<&str>,
        body: Option<&str>,
    ) -> Res {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = bearer {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(json) => b
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json.to_string()))
                .unwrap(),
            None => b.body(Body::empty()).unwrap(),
        };
        self.send(req).await
    }
}

impl TestApp {
    /// Serves the same data through a router with this throttle and
    /// configuration, e.g. to hold the throttle's password checks or to
    /// trust a proxy.
    pub fn rewire(&mut self, throttle: Arc<Throttle>, cfg: WebConfig) {
        self.router = samvirke_web::app(AppState::new(self.core.clone(), throttle, cfg));
    }
}

impl Client {
    /// Sends a request as if it arrived over TCP from `peer`.
    pub async fn send_from(&mut self, peer: std::net::SocketAddr, mut req: Request<Body>) -> Res {
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        self.send(req).await
    }

    /// Logs in with the login form from `peer` (e.g. `198.51.100.7:4000`),
    /// with an `X-Forwarded-For` header when given.
    pub async fn login_from(
        &mut self,
        peer: &str,
        forwarded_for: Option<&str>,
        email: &str,
        password: &str,
    ) -> Res {
        let token = self.csrf().await;
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("csrf", token.as_str()),
                ("email", email),
                ("password", password),
            ])
            .finish();
        let mut b = Request::post("/login")
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(xff) = forwarded_for {
            b = b.header("x-forwarded-for", xff);
        }
        let req = b.body(Body::from(body)).unwrap();
        self.send_from(peer.parse().unwrap(), req).await
    }
}

impl Client {
    /// A client of any router (e.g. one built with other settings).
    pub fn new(router: Router) -> Client {
        Client {
            router,
            cookies: HashMap::new(),
        }
    }
}

impl Client {
    /// Posts a `multipart/form-data` form (fields, then one file), with the
    /// CSRF token as its first field when `csrf` is set.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        csrf: bool,
        fields: &[(&str, &str)],
        file: (&str, &[u8]),
    ) -> Res {
        const B: &str = "samvirke-test-boundary";
        let token = self.csrf().await;
        let mut body = Vec::new();
        let mut field = |name: &str, value: &[u8], filename: Option<&str>| {
            body.extend_from_slice(format!("--{B}\r\n").as_bytes());
            let file = filename.map_or(String::new(), |f| format!("; filename=\"{f}\""));
            body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(value);
            body.extend_from_slice(b"\r\n");
        };
        if csrf {
            field("csrf", token.as_bytes(), None);
        }
        for (k, v) in fields {
            field(k, v.as_bytes(), None);
        }
        field(file.0, file.1, Some("klasseliste.csv"));
        body.extend_from_slice(format!("--{B}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={B}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

thread_local! {
    /// Where this thread's log lines go while a test captures them.
    static CAPTURE: std::cell::RefCell<Option<Captured>> = const { std::cell::RefCell::new(None) };
}

/// One process-wide subscriber (INFO and up) that writes each line to the
/// capture of the thread that logged it, or nowhere. Being global and
/// always there, it is never missing when another test's thread first
/// reaches a log site, which a subscriber set per test can be (tracing
/// caches per log site whether anyone listens).
fn install_global_subscriber() {
    static INSTALLED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    INSTALLED.get_or_init(|| {
        use tracing_subscriber::layer::SubscriberExt;
        let subscriber = tracing_subscriber::registry()
            .with(
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_writer(ThreadCapture),
            )
            .with(SpanCapture)
            .with(tracing_subscriber::filter::LevelFilter::INFO);
        tracing::subscriber::set_global_default(subscriber)
            .expect("the log-capturing tests own the global subscriber");
    });
}

/// Ends this thread's capture when dropped.
pub struct CaptureGuard(());

impl Drop for CaptureGuard {
    fn drop(&mut self) {
        CAPTURE.with(|c| c.borrow_mut().take());
    }
}

/// Catches the log lines (INFO and up) of this thread, for a test on the
/// current-thread runtime, until the guard is dropped.
pub fn capture_logs() -> (Captured, CaptureGuard) {
    install_global_subscriber();
    let logs = Captured::default();
    CAPTURE.with(|c| *c.borrow_mut() = Some(logs.clone()));
    (logs, CaptureGuard(()))
}

/// The global subscriber's writer: the logging thread's capture, if any.
struct ThreadCapture;

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for ThreadCapture {
    type Writer = Box<dyn std::io::Write>;
    fn make_writer(&'a self) -> Self::Writer {
        match CAPTURE.with(|c| c.borrow().clone()) {
            Some(logs) => Box::new(logs),
            None => Box::new(std::io::sink()),
        }
    }
}

/// Log lines written by a test's own subscriber, kept for the test to read.
#[derive(Clone, Default)]
pub struct Captured {
    text: Arc<std::sync::Mutex<Vec<u8>>>,
    spans: Arc<std::sync::Mutex<Vec<String>>>,
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.text.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.text.lock().unwrap()).into_owned()
    }

    pub fn lines(&self) -> Vec<String> {
        self.text().lines().map(str::to_string).collect()
    }

    /// Every span as it was opened, and each field recorded on it later:
    /// `cancel resource="registration"`, `cancel += resource_id=7`.
    pub fn spans(&self) -> Vec<String> {
        self.spans.lock().unwrap().clone()
    }

    /// The lines of one security event (target `security`).
    pub fn security(&self, event: &str) -> Vec<String> {
        self.lines()
            .into_iter()
            .filter(|l| l.contains(" security:") && l.contains(&format!("event=\"{event}\"")))
            .collect()
    }
}

/// The global subscriber's record of spans, into the capture of the thread
/// that opened or recorded on them.
struct SpanCapture;

struct SpanFields(String);

impl tracing::field::Visit for SpanFields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        use std::fmt::Write as _;
        write!(self.0, " {}={value:?}", field.name()).unwrap();
    }
}

fn capture_span_line(line: String) {
    CAPTURE.with(|c| {
        if let Some(logs) = c.borrow().as_ref() {
            logs.spans.lock().unwrap().push(line);
        }
    });
}

impl<S> tracing_subscriber::Layer<S> for SpanCapture
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        _: &tracing::span::Id,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut f = SpanFields(String::new());
        attrs.record(&mut f);
        capture_span_line(format!("{}{}", attrs.metadata().name(), f.0));
    }

    fn on_record(
        &self,
        id: &tracing::span::Id,
        values: &tracing::span::Record<'_>,
        ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut f = SpanFields(String::new());
        values.record(&mut f);
        let name = ctx.span(id).map(|s| s.name()).unwrap_or("?");
        capture_span_line(format!("{name} +={}", f.0));
    }
}
