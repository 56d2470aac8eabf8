//! The web layer: HTML pages, the JSON API, assets. The only crate that
//! knows HTTP, HTML and JSON.

pub mod api;
pub mod assets;
pub mod http;
pub mod i18n;
pub mod notices;
pub mod pages;
pub mod paging;
pub mod server;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pages::{account, admin, auth, calendar, events, programmes, public, sessions, staff};
use samvirke_domain::MunicipalityId;
use samvirke_service::auth::SignedIn;
use samvirke_service::sessions::{self as svc_sessions, AgendaLine, SessionView};
use samvirke_service::throttle::{RateLimit, Throttle};
use samvirke_service::{Core, ServiceError};
use samvirke_store::{Scope, orgs};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::RwLock;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Settings the web layer needs.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (when served over https).
    pub secure_cookies: bool,
    /// Per-address limits on public actions; off for load tests from one address.
    pub rate_limit: bool,
    /// Send `Strict-Transport-Security` (the public URL is https).
    pub hsts: bool,
    /// Proxies whose `X-Forwarded-For` is believed; none by default.
    pub trusted_proxies: http::TrustedProxies,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            rate_limit: true,
            trusted_proxies: http::TrustedProxies::default(),
            hsts: false,
        }
    }
}

/// Public sign-ups and cancellations per address in ten minutes: a room
/// full of seniors behind one Wi-Fi signing up for a whole series fits.
pub const PUBLIC_ACTIONS_PER_ADDRESS: u32 = 300;

/// The municipality shown on public pages.
#[derive(Debug, Clone)]
pub struct PublicMunicipality {
    pub id: MunicipalityId,
    pub name: String,
    pub phone: Option<String>,
    /// The name of its citizen service organisation, if it has one.
    pub citizen_service: Option<String>,
    pub address: Option<String>,
    pub dpo_email: Option<String>,
    pub accessibility_url: Option<String>,
    /// It has a mark of its own, served at `/logo/{id}.svg`.
    pub has_logo: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub core: Core,
    pub throttle: Arc<Throttle>,
    /// Per-address limit on public sign-ups and cancellations.
    pub public_limit: Arc<RateLimit>,
    pub cfg: Arc<WebConfig>,
    public_municipality: Arc<RwLock<Option<PublicMunicipality>>>,
    public_sessions: Arc<RwLock<PublicCache>>,
}

/// Public session data, kept for a moment: the list and session pages are
/// read far more often than they change. Sign-ups and cancellations in this
/// process clear it at once; changes made by another process show within
/// [`PUBLIC_CACHE_FOR`]. Sign-up itself always checks the database.
#[derive(Default)]
struct PublicCache {
    list: Option<(std::time::Instant, MunicipalityId, Arc<Vec<SessionView>>)>,
    agendas: std::collections::HashMap<i64, (std::time::Instant, Arc<Vec<AgendaLine>>)>,
}

pub const PUBLIC_CACHE_FOR: Duration = Duration::from_secs(1);

impl AppState {
    pub fn new(core: Core, throttle: impl Into<Arc<Throttle>>, cfg: WebConfig) -> Self {
        AppState {
            core: if core.has_notice_text() {
                core
            } else {
                notices::install(core)
            },
            throttle: throttle.into(),
            public_limit: Arc::new(RateLimit::new(
                cfg.rate_limit.then_some(PUBLIC_ACTIONS_PER_ADDRESS),
                chrono::Duration::minutes(10),
            )),
            cfg: Arc::new(cfg),
            public_municipality: Arc::default(),
            public_sessions: Arc::default(),
        }
    }

    /// Upcoming public sessions, from the cache when it is fresh.
    pub async fn public_sessions(
        &self,
        m: MunicipalityId,
    ) -> Result<Arc<Vec<SessionView>>, ServiceError> {
        if let Some((at, cached_m, list)) = &self.public_sessions.read().await.list
            && *cached_m == m
            && at.elapsed() < PUBLIC_CACHE_FOR
        {
            return Ok(list.clone());
        }
        let list = Arc::new(
            svc_sessions::list_public(&self.core, m, &svc_sessions::ListFilter::default()).await?,
        );
        self.public_sessions.write().await.list =
            Some((std::time::Instant::now(), m, list.clone()));
        Ok(list)
    }

    /// One public session with its agenda, from the cache when it is fresh.
    pub async fn public_session(
        &self,
        m: MunicipalityId,
        id: i64,
    ) -> Result<(SessionView, Arc<Vec<AgendaLine>>), ServiceError> {
        let listed = self
            .public_sessions(m)
            .await?
            .iter()
            .find(|v| v.session.id == id)
            .cloned();
        let Some(view) = listed else {
            // Not upcoming (or cancelled): straight from the database.
            let (v, agenda) = svc_sessions::get_public(&self.core, m, id).await?;
            return Ok((v, Arc::new(agenda)));
        };
        let programme = view.programme.id;
        if let Some((at, agenda)) = self.public_sessions.read().await.agendas.get(&programme)
            && at.elapsed() < PUBLIC_CACHE_FOR
        {
            return Ok((view, agenda.clone()));
        }
        let (_, agenda) = svc_sessions::get_public(&self.core, m, id).await?;
        let agenda = Arc::new(agenda);
        self.public_sessions
            .write()
            .await
            .agendas
            .insert(programme, (std::time::Instant::now(), agenda.clone()));
        Ok((view, agenda))
    }

    /// After a change this process made: the next reader sees it.
    pub async fn public_changed(&self) {
        *self.public_sessions.write().await = PublicCache::default();
    }

    async fn citizen_service_name(&self, m: MunicipalityId) -> Option<String> {
        orgs::list_organisations(&self.core.db.read, Scope::new(m))
            .await
            .ok()?
            .into_iter()
            .find(|o| o.kind == samvirke_domain::OrgKind::CitizenService.as_str())
            .map(|o| o.name)
    }

    /// The signed-in person's municipality, or for the public the
    /// installation's first one (the single-municipality default).
    pub async fn municipality_for(&self, user: Option<&SignedIn>) -> Option<PublicMunicipality> {
        if let Some(me) = user {
            let m = orgs::municipality(&self.core.db.read, Scope::new(me.actor.municipality))
                .await
                .ok()??;
            return Some(PublicMunicipality {
                citizen_service: self.citizen_service_name(MunicipalityId(m.id)).await,
                id: MunicipalityId(m.id),
                name: m.name,
                phone: m.phone,
                address: m.address,
                dpo_email: m.dpo_email,
                accessibility_url: m.accessibility_url,
                has_logo: m.logo_svg.is_some(),
            });
        }
        if let Some(m) = self.public_municipality.read().await.clone() {
            return Some(m);
        }
        let m = orgs::first_municipality(&self.core.db.read).await.ok()??;
        let m = PublicMunicipality {
            citizen_service: self.citizen_service_name(MunicipalityId(m.id)).await,
            id: MunicipalityId(m.id),
            name: m.name,
            phone: m.phone,
            address: m.address,
            dpo_email: m.dpo_email,
            accessibility_url: m.accessibility_url,
            has_logo: m.logo_svg.is_some(),
        };
        *self.public_municipality.write().await = Some(m.clone());
        Some(m)
    }
}

/// The whole application, used by `main` and by the tests alike.
pub fn app(state: AppState) -> Router {
    let (api_routes, openapi) = api::router();
    let openapi_json: Arc<String> =
        Arc::new(serde_json::to_string_pretty(&openapi).expect("OpenAPI document serialises"));

    Router::new()
        .route("/", get(public::front))
        .route("/tilgaengelighed", get(public::accessibility))
        .route("/logo/{file}", get(public::logo))
        .route("/privatliv", get(public::privacy))
        .route("/sprog/{code}", get(public::switch_language))
        .route("/arrangementer", get(events::list))
        .route(
            "/arrangementer/{id}",
            get(events::show).post(events::sign_up),
        )
        .route("/arrangementer/{id}/tilmeldt", get(events::signed_up))
        .route(
            "/afmeld/{token}",
            get(events::cancel_form).post(events::cancel),
        )
        .route("/kalender/sted/{id}", get(calendar::site))
        .route("/kalender/program/{id}", get(calendar::programme))
        .route("/kalender/medarbejder/{token}", get(calendar::staff))
        .route("/account/calendar", post(account::create_calendar_link))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/dashboard", get(admin::dashboard))
        .route("/programmes", get(programmes::list))
        .route(
            "/programmes/new",
            get(programmes::new_form).post(programmes::create),
        )
        .route("/programmes/{id}", get(programmes::show))
        .route("/programmes/{id}/sessions", post(programmes::schedule))
        .route("/sessions", get(sessions::list))
        .route("/sessions/{id}", get(sessions::show))
        .route("/sessions/{id}/telefon", post(sessions::phone_sign_up))
        .route("/sessions/{id}/walk-in", post(sessions::walk_in))
        .route(
            "/sessions/{id}/aflys",
            get(sessions::cancel_confirm).post(sessions::cancel_session),
        )
        .route("/sessions/{id}/deltagere/{reg}", post(sessions::check_in))
        .route(
            "/sessions/{id}/deltagerliste",
            get(sessions::print_participants),
        )
        .route("/sessions/{id}/koereplan", get(sessions::print_run_sheet))
        .route("/sessions/{id}/ringeliste", get(sessions::print_call_list))
        .route("/sessions/{id}/bemanding", post(sessions::assign))
        .route("/sessions/{id}/bemanding/fjern", post(sessions::unassign))
        // Editing what was planned (the owner's coordinators).
        .route(
            "/sessions/{id}/ret",
            get(pages::session_edit::form).post(pages::session_edit::save),
        )
        .route(
            "/programmes/{id}/ret",
            get(pages::programme_edit::form).post(pages::programme_edit::save),
        )
        .route("/staff", get(staff::list))
        .route("/staff/new", get(staff::new_form).post(staff::create))
        .route("/staff/{id}", get(staff::edit_form).post(staff::update))
        .route("/organisations", get(admin::organisations))
        .route(
            "/organisations/new",
            get(admin::new_organisation_form).post(admin::create_organisation),
        )
        .route("/audit", get(admin::audit))
        .route("/outbox", get(admin::outbox))
        .route("/account", get(account::overview))
        .route("/account/password", post(account::change_password))
        .route("/staff/{id}/password-link", post(staff::send_password_link))
        .route(
            "/adgangskode/{token}",
            get(auth::set_password_form).post(auth::set_password),
        )
        .route("/account/tokens", get(account::list).post(account::create))
        .route("/account/tokens/{id}/revoke", post(account::revoke))
        .route("/assets/{version}/{*path}", get(assets::serve))
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let doc = openapi_json.clone();
                async move {
                    (
                        [(
                            header::CONTENT_TYPE,
                            HeaderValue::from_static("application/json"),
                        )],
                        doc.as_str().to_owned(),
                    )
                }
            }),
        )
        .merge(api_routes)
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::csrf_guard,
        ))
        .layer(axum::Extension(state.cfg.trusted_proxies.clone()))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::security_headers,
        ))
        .layer(DefaultBodyLimit::max(http::BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http().make_span_with(http::request_span))
        .with_state(state)
}

/// Unknown addresses: a JSON 404 under the API, a page elsewhere.
async fn fallback(parts: axum::http::request::Parts) -> Response {
    if api::error::is_api_path(parts.uri.path()) {
        let loc = api::error::api_loc(&parts.headers);
        return api::error::ApiError::new(loc, StatusCode::NOT_FOUND, "not_found").into_response();
    }
    pages::errors::status_page(&parts, StatusCode::NOT_FOUND)
}

/// A method the address does not take (TRACE, PUT, DELETE, …): 405, with the
/// `Allow` header the router adds; in the JSON shape under the API.
async fn method_not_allowed(parts: axum::http::request::Parts) -> Response {
    if api::error::is_api_path(parts.uri.path()) {
        let loc = api::error::api_loc(&parts.headers);
        return api::error::ApiError::new(
            loc,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        )
        .into_response();
    }
    pages::errors::status_page(&parts, StatusCode::METHOD_NOT_ALLOWED)
}
