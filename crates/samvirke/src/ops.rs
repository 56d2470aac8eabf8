//! Running it: the log format, the metrics listener, and a shutdown that
//! keeps to its grace period.

use crate::AnyError;
use crate::settings::{LogFormat, Settings};
use samvirke_web::AppState;
use std::future::Future;
use std::sync::{Arc, OnceLock};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// Logs to stderr as readable text or, for log shipping, one JSON object a
/// line (time, level, message and fields, and the request's span: its id,
/// route template and organisation).
pub fn init_logging(settings: &Settings) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| settings.log.as_str().into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match settings.log_format {
        LogFormat::Text => builder
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

/// Serves `/metrics` on `settings.metrics_address`, when set, until `stop`.
pub async fn start_metrics(
    settings: &Settings,
    state: AppState,
    mut stop: watch::Receiver<bool>,
) -> Result<Option<JoinHandle<()>>, AnyError> {
    let Some(address) = settings.metrics_address else {
        return Ok(None);
    };
    let handle = samvirke_web::metrics::install()?;
    let listener = tokio::net::TcpListener::bind(address).await?;
    println!("Metrics at http://{}/metrics", listener.local_addr()?);
    let app = samvirke_web::metrics::router(state, handle);
    let limits = settings.server_limits();
    Ok(Some(tokio::spawn(async move {
        let stopped = async move {
            let _ = stop.wait_for(|stop| *stop).await;
        };
        if let Err(e) = samvirke_web::server::serve(listener, app, limits, stopped).await {
            tracing::error!("metrics listener: {e}");
        }
    })))
}

/// When the shutdown signal came, so every part keeps to one grace period.
#[derive(Clone, Default)]
pub struct Stopping(Arc<OnceLock<Instant>>);

impl Stopping {
    /// Waits for `signal`, notes the time, and tells the worker (and the
    /// metrics listener) to stop: they wind down while requests finish.
    pub fn on(
        &self,
        signal: impl Future<Output = ()> + Send,
        stop: watch::Sender<bool>,
    ) -> impl Future<Output = ()> + Send {
        let at = self.0.clone();
        async move {
            signal.await;
            tracing::info!("shutting down");
            let _ = at.set(Instant::now());
            let _ = stop.send(true);
        }
    }

    /// Waits for `task` until the grace period from the signal has passed.
    pub async fn finish(&self, what: &str, task: JoinHandle<()>, grace: std::time::Duration) {
        let deadline = self.0.get().copied().unwrap_or_else(Instant::now) + grace;
        if tokio::time::timeout_at(deadline, task).await.is_err() {
            tracing::warn!("{what} did not finish within the shutdown grace; stopped");
        }
    }
}
