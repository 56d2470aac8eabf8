//! Prometheus metrics, off unless `samvirke` is given a `metrics_address`:
//! then [`install`] sets the recorder and [`router`] serves `/metrics` on a
//! listener of its own, never on the public one.
//!
//! Counted where the outcome is known: requests here (by route template,
//! never the path, which can hold a cancel link's secret), sign-ups in
//! `service::sessions`, e-mails in `service::mail`, refused logins in
//! `service::auth`. The outbox backlog and the connection pools are read
//! at each scrape.

use crate::AppState;
use crate::http::route_of;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Set once the recorder is installed: until then the request layer skips
/// its work, so metrics that are off cost nothing.
static ON: AtomicBool = AtomicBool::new(false);

const REQUEST_DURATION: &str = "samvirke_http_request_duration_seconds";

/// Request durations are sorted into these buckets, in seconds.
const DURATION_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Installs the process's metrics recorder; call once, at start.
pub fn install() -> Result<PrometheusHandle, String> {
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(REQUEST_DURATION.into()), DURATION_BUCKETS)
        .map_err(|e| e.to_string())?
        .install_recorder()
        .map_err(|e| e.to_string())?;
    describe();
    ON.store(true, Ordering::Relaxed);
    Ok(handle)
}

/// The help text of each metric, in the exposition.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        "samvirke_http_requests_total",
        "HTTP requests answered, by route template, method and status"
    );
    describe_histogram!(
        REQUEST_DURATION,
        metrics::Unit::Seconds,
        "Time to answer an HTTP request, by route template and method"
    );
    describe_counter!(
        "samvirke_signups_total",
        "Sign-ups by outcome: confirmed, waitlisted, refused (closed, full series, already signed up, invalid) or failed"
    );
    describe_counter!(
        "samvirke_emails_total",
        "E-mail delivery attempts by result: sent, retried (will be tried again) or failed (given up)"
    );
    describe_counter!(
        "samvirke_logins_refused_total",
        "Refused logins by reason: failed (wrong e-mail or password), throttled, busy (password checks at their limit)"
    );
    describe_gauge!("samvirke_outbox_waiting", "E-mails waiting to be sent");
    describe_gauge!(
        "samvirke_outbox_oldest_age_seconds",
        "Age of the oldest e-mail waiting to be sent; 0 when none waits"
    );
    describe_gauge!(
        "samvirke_db_pool_connections",
        "Database connections by pool and state (in_use, idle)"
    );
}

/// Counts and times each request by its route template, then writes the
/// request's log line. Runs inside the request's span.
pub async fn record_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let labels = ON.load(Ordering::Relaxed).then(|| {
        (
            route_of(req.extensions()).to_string(),
            req.method().to_string(),
        )
    });
    let res = next.run(req).await;
    let took = started.elapsed();
    crate::http::log_answer(res.status(), took);
    if let Some((route, method)) = labels {
        let status = res.status().as_u16().to_string();
        metrics::counter!("samvirke_http_requests_total", "route" => route.clone(), "method" => method.clone(), "status" => status)
            .increment(1);
        metrics::histogram!(REQUEST_DURATION, "route" => route, "method" => method)
            .record(took.as_secs_f64());
    }
    res
}

/// `/metrics`, for a listener of its own.
pub fn router(state: AppState, handle: PrometheusHandle) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state((state, handle))
}

async fn scrape(State((state, handle)): State<(AppState, PrometheusHandle)>) -> Response {
    match samvirke_service::mail::backlog(&state.core).await {
        Ok(b) => {
            metrics::gauge!("samvirke_outbox_waiting").set(b.waiting as f64);
            metrics::gauge!("samvirke_outbox_oldest_age_seconds").set(b.oldest_age_secs);
        }
        Err(e) => tracing::warn!("metrics: outbox backlog: {e}"),
    }
    for (pool, open, idle) in state.core.db.pool_use() {
        let idle = idle as f64;
        metrics::gauge!("samvirke_db_pool_connections", "pool" => pool, "state" => "idle")
            .set(idle);
        metrics::gauge!("samvirke_db_pool_connections", "pool" => pool, "state" => "in_use")
            .set(f64::from(open) - idle);
    }
    handle.run_upkeep();
    (
        StatusCode::OK,
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        handle.render(),
    )
        .into_response()
}
