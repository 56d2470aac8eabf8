//! The application's state and the web layer's settings.

use crate::http;
use crate::public_cache::{PublicCache, PublicMunicipality};
use samvirke_service::Core;
use samvirke_service::throttle::{RateLimit, Throttle};
use std::sync::Arc;
use tokio::sync::RwLock;

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

/// What every request handler reads; cloned per request and per
/// middleware, so one `Arc` is all a clone costs.
#[derive(Clone)]
pub struct AppState(Arc<AppStateInner>);

impl std::ops::Deref for AppState {
    type Target = AppStateInner;
    fn deref(&self) -> &AppStateInner {
        &self.0
    }
}

pub struct AppStateInner {
    pub core: Core,
    pub throttle: Arc<Throttle>,
    /// Per-address limit on public sign-ups and cancellations.
    pub public_limit: Arc<RateLimit>,
    pub cfg: Arc<WebConfig>,
    pub(crate) public_municipality: Arc<RwLock<Option<PublicMunicipality>>>,
    pub(crate) public_sessions: Arc<RwLock<PublicCache>>,
    /// The quiz's live updates and its per-player and per-run limits.
    pub quiz_live: Arc<crate::pages::quiz::live::Hub>,
    /// Own-data requests per e-mail and in all (issue 13).
    pub own_data_limits: Arc<crate::pages::ideas::own_data::Limits>,
}

impl AppState {
    pub fn new(core: Core, throttle: impl Into<Arc<Throttle>>, cfg: WebConfig) -> Self {
        AppState(Arc::new(AppStateInner {
            // Every app that may send e-mail renders it from the language files.
            core: if core.has_notice_text() {
                core
            } else {
                crate::notices::install(core)
            },
            throttle: throttle.into(),
            public_limit: Arc::new(RateLimit::new(
                cfg.rate_limit.then_some(PUBLIC_ACTIONS_PER_ADDRESS),
                chrono::Duration::minutes(10),
            )),
            quiz_live: Arc::new(crate::pages::quiz::live::Hub::new(cfg.rate_limit)),
            own_data_limits: Arc::new(crate::pages::ideas::own_data::Limits::new(cfg.rate_limit)),
            cfg: Arc::new(cfg),
            public_municipality: Arc::default(),
            public_sessions: Arc::default(),
        }))
    }
}
