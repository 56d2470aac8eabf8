//! Server-sent events for the live pages. Each event carries the whole
//! current state (so a reconnecting `EventSource` resumes from the server's
//! state, not from missed events); the first is sent on connect.

use crate::AppState;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use samvirke_domain::Actor;
use samvirke_service::quiz as svc;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::watch;

/// Changes close together are drawn once.
const COALESCE: Duration = Duration::from_millis(100);

struct Follow<F> {
    rx: watch::Receiver<u64>,
    first: bool,
    last: Option<String>,
    read: F,
}

/// A stream of `state` events: `read` gives the state's JSON (None ends
/// the stream); an event is sent when it differs from the last one sent.
fn follow<F, Fut>(
    rx: watch::Receiver<u64>,
    read: F,
) -> impl Stream<Item = Result<Event, Infallible>>
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Option<String>> + Send,
{
    let start = Follow {
        rx,
        first: true,
        last: None,
        read,
    };
    stream::unfold(start, |mut f| async move {
        loop {
            if !f.first {
                if f.rx.changed().await.is_err() {
                    return None;
                }
                tokio::time::sleep(COALESCE).await;
                f.rx.borrow_and_update();
            }
            f.first = false;
            let now = (f.read)().await?;
            if f.last.as_deref() != Some(now.as_str()) {
                f.last = Some(now.clone());
                return Some((Ok(Event::default().event("state").data(now)), f));
            }
        }
    })
}

fn sse<S: Stream<Item = Result<Event, Infallible>> + Send + 'static>(s: S) -> Response {
    Sse::new(s)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

/// The participants' stream of a run: its status, question and version.
pub fn public_events(state: AppState, run: &svc::RunInfo, code: String) -> Response {
    let rx = state.quiz_live.watch(&state.core, run.municipality, run.id);
    sse(follow(rx, move || {
        let state = state.clone();
        let code = code.clone();
        async move {
            let (run, q) = svc::public_run(&state.core, &code).await.ok()?;
            Some(
                serde_json::json!({
                    "status": run.status.as_str(),
                    "number": q.as_ref().map(|q| q.number),
                    "show_explanation": run.show_explanation,
                    "version": run.version,
                })
                .to_string(),
            )
        }
    }))
}

/// The presenter's stream: players, the current question's tallies, status.
pub fn presenter_events(state: AppState, actor: Actor, run: &svc::RunInfo) -> Response {
    let rx = state.quiz_live.watch(&state.core, run.municipality, run.id);
    let run_id = run.id;
    sse(follow(rx, move || {
        let state = state.clone();
        let actor = actor.clone();
        async move {
            let v = svc::presenter_view(&state.core, &actor, run_id)
                .await
                .ok()?;
            Some(
                serde_json::json!({
                    "status": v.run.status.as_str(),
                    "number": v.question.as_ref().map(|q| q.number),
                    "players": v.players,
                    "answers": v.tally.iter().sum::<i64>(),
                    "tally": v.tally,
                    "show_explanation": v.run.show_explanation,
                    "version": v.run.version,
                })
                .to_string(),
            )
        }
    }))
}
