//! What ties the log lines of one request together: its id and its route.

use crate::AppState;
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;

/// The route template of a request (`/afmeld/{token}`), for logs. Never log
/// the path itself: cancel links and calendar feeds carry secrets in it.
pub fn route_of(extensions: &axum::http::Extensions) -> &str {
    extensions
        .get::<axum::extract::MatchedPath>()
        .map(|m| m.as_str())
        .unwrap_or("(no route)")
}

/// The span of one request, with its id, method and route template, and
/// the signed-in staff member's organisation once known ([`note_organisation`]).
pub fn request_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    let id = req
        .extensions()
        .get::<RequestId>()
        .map_or("", |r| r.0.as_str());
    tracing::info_span!(
        "request",
        id = %id,
        method = %req.method(),
        route = %route_of(req.extensions()),
        org = tracing::field::Empty
    )
}

/// Adds the organisation of the staff member behind this request to its
/// span: an id, never a name or an e-mail.
pub fn note_organisation(org: samvirke_domain::OrgId) {
    tracing::Span::current().record("org", org.0);
}

/// The request's log line, written when it is answered: status and time
/// taken (its span adds id, route and organisation). Target `access`, so
/// `log = "info,access=warn"` turns these lines off.
pub fn log_answer(status: axum::http::StatusCode, took: std::time::Duration) {
    tracing::info!(
        target: "access",
        status = status.as_u16(),
        duration_ms = took.as_secs_f64() * 1000.0,
        "answered"
    );
}

pub const REQUEST_ID: &str = "x-request-id";

/// The id of one request, in its log lines and its `X-Request-Id` header.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

impl RequestId {
    /// 16 random hex digits.
    pub fn new() -> Self {
        // Unique enough to find one request's lines; no secret, so no hash.
        RequestId(format!("{:016x}", rand::random::<u64>()))
    }

    /// An id a trusted proxy passed on: short, and only letters, digits, `-` and `_`.
    fn forwarded(headers: &HeaderMap) -> Option<Self> {
        let v = headers.get(REQUEST_ID)?.to_str().ok()?;
        (!v.is_empty()
            && v.len() <= 64
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .then(|| RequestId(v.to_string()))
    }
}

impl Default for RequestId {
    fn default() -> Self {
        Self::new()
    }
}

/// Gives every request an id before its span opens, and every answer the
/// `X-Request-Id` header. An incoming id is kept only from a trusted proxy.
pub async fn request_id(
    state: axum::extract::State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let from_proxy = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|ci| state.cfg.trusted_proxies.contains(ci.0.ip()));
    let id = from_proxy
        .then(|| RequestId::forwarded(req.headers()))
        .flatten()
        .unwrap_or_default();
    req.extensions_mut().insert(id.clone());
    let mut res = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&id.0) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    res
}
