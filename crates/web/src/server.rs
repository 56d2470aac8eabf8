//! The HTTP server: an accept loop over hyper with what `axum::serve` lacks.
//!
//! - A client has [`Limits::header_read_timeout`] from the first byte of a
//!   request (or from connecting) to send all of its headers.
//! - A request body must arrive within [`Limits::body_read_timeout`] of its
//!   headers; a body still trickling then fails with [`BodyTimeout`], which
//!   the pages answer with 408.
//! - A keep-alive connection with no request for [`Limits::idle_timeout`] is
//!   closed.
//! - At most [`Limits::max_connections`] connections are served at once;
//!   beyond that new ones wait in the listen queue until one closes.
//! - On shutdown the loop stops accepting, idle connections close, and
//!   requests in flight finish (for at most [`Limits::shutdown_grace`]); then
//!   the rest are closed.
//!
//! Handlers see the peer as `ConnectInfo<SocketAddr>`, as with axum's own
//! `into_make_service_with_connect_info`.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::Request;
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

/// The server's limits; `samvirke` reads them from its settings.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time to send a request's headers, from its first byte (or from connecting).
    pub header_read_timeout: Duration,
    /// Time to send a request's body, from the end of its headers.
    pub body_read_timeout: Duration,
    /// A keep-alive connection waiting this long for its next request is closed.
    pub idle_timeout: Duration,
    /// Connections served at once; more wait until one closes.
    pub max_connections: usize,
    /// On shutdown, how long requests in flight get to finish.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (stop_tx, stop_rx) = watch::channel(());
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let mut full_logged = false;
    loop {
        while connections.try_join_next().is_some() {}
        if slots.available_permits() == 0 && !full_logged {
            tracing::warn!(
                max_connections = limits.max_connections,
                "connection cap reached; new connections wait"
            );
        }
        full_logged = slots.available_permits() == 0;
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    if !is_connection_error(&e) {
                        // Out of file descriptors and the like: wait a moment.
                        tracing::error!("accept: {e}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let stop = stop_rx.clone();
        connections.spawn(async move {
            connection(stream, peer, app, limits, stop).await;
            drop(slot);
        });
    }
    drop(listener);
    drop(stop_tx);
    let in_flight = connections.len();
    if in_flight > 0 {
        tracing::info!(
            connections = in_flight,
            "stopped accepting; finishing requests in flight"
        );
    }
    let drained = tokio::time::timeout(limits.shutdown_grace, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            connections = connections.len(),
            "connections still open after the shutdown grace; closing them"
        );
        connections.shutdown().await;
    }
    Ok(())
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// One connection: hyper's HTTP/1 state machine, watched for the timeouts.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    limits: Limits,
    mut stop: watch::Receiver<()>,
) {
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: activity.clone(),
    });
    let service = {
        let activity = activity.clone();
        hyper::service::service_fn(move |req: Request<Incoming>| {
            activity.set(Phase::Request);
            let done = RequestDone(activity.clone());
            let app = app.clone();
            let body_deadline = Instant::now() + limits.body_read_timeout;
            async move {
                let (mut parts, body) = req.into_parts();
                parts.extensions.insert(ConnectInfo(peer));
                let body = DeadlineBody {
                    inner: body,
                    deadline: body_deadline,
                    sleep: None,
                };
                let res = match app.oneshot(Request::from_parts(parts, body)).await {
                    Ok(res) => res,
                    Err(never) => match never {},
                };
                Ok::<_, Infallible>(res.map(|inner| ResponseBody { inner, _done: done }))
            }
        })
    };
    let conn = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(io, service);
    let mut conn = std::pin::pin!(conn);
    let mut stop = std::pin::pin!(stop.changed());
    let mut stopping = false;
    // One timer, moved only when the deadline moves.
    let mut timer = std::pin::pin!(tokio::time::sleep(limits.header_read_timeout));
    let mut armed = None;
    // Everything that moves the deadline (bytes read, a request handled, its
    // response sent) happens inside `conn`'s poll on this task, so the
    // deadline is looked at after each poll and needs no wake-up of its own.
    std::future::poll_fn(|cx| {
        if !stopping && stop.as_mut().poll(cx).is_ready() {
            stopping = true;
            // Closes an idle connection now, a busy one after its response.
            conn.as_mut().graceful_shutdown();
        }
        if let Poll::Ready(res) = conn.as_mut().poll(cx) {
            if let Err(e) = res {
                tracing::debug!(%peer, "connection ended: {e}");
            }
            return Poll::Ready(());
        }
        let (phase, deadline) = activity.deadline(&limits);
        let Some(at) = deadline else {
            return Poll::Pending;
        };
        if armed != Some(at) {
            timer.as_mut().reset(at);
            armed = Some(at);
        }
        if timer.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        match phase {
            Phase::Head => tracing::debug!(%peer, "closed: headers not received in time"),
            Phase::Idle => tracing::debug!(%peer, "closed: idle"),
            Phase::Request => {}
        }
        // Returning drops the connection, which closes the socket.
        Poll::Ready(())
    })
    .await;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for a request's headers (a new connection, or bytes after idle).
    Head,
    /// A request is being handled; its body has its own deadline.
    Request,
    /// Between requests on a keep-alive connection.
    Idle,
}

/// Where a connection is, and since when; shared by the socket wrapper, the
/// service and the watchdog (all on the connection's task).
struct Activity {
    state: Mutex<(Phase, Instant)>,
}

impl Activity {
    fn new() -> Self {
        Activity {
            state: Mutex::new((Phase::Head, Instant::now())),
        }
    }

    fn set(&self, phase: Phase) {
        *self.state.lock().expect("activity lock") = (phase, Instant::now());
    }

    /// Bytes arrived: after idle, that starts the next request's header clock.
    fn bytes_in(&self) {
        let mut s = self.state.lock().expect("activity lock");
        if s.0 == Phase::Idle {
            *s = (Phase::Head, Instant::now());
        }
    }

    fn deadline(&self, limits: &Limits) -> (Phase, Option<Instant>) {
        let (phase, since) = *self.state.lock().expect("activity lock");
        let deadline = match phase {
            Phase::Head => Some(since + limits.header_read_timeout),
            Phase::Idle => Some(since + limits.idle_timeout),
            Phase::Request => None,
        };
        (phase, deadline)
    }
}

/// Marks the connection idle when the response has been sent (or dropped).
struct RequestDone(Arc<Activity>);

impl Drop for RequestDone {
    fn drop(&mut self) {
        self.0.set(Phase::Idle);
    }
}

/// The response body, carrying the marker that the request is done.
struct ResponseBody {
    inner: Body,
    _done: RequestDone,
}

impl http_body::Body for ResponseBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The error a request body gives when it did not arrive in time.
#[derive(Debug)]
pub struct BodyTimeout;

impl std::fmt::Display for BodyTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body was not received in time")
    }
}

impl std::error::Error for BodyTimeout {}

/// Whether reading a body failed because it did not arrive in time.
pub fn is_body_timeout(e: &(dyn std::error::Error + 'static)) -> bool {
    std::iter::successors(Some(e), |e| e.source()).any(|e| e.is::<BodyTimeout>())
}

/// A request body that fails once its deadline has passed.
struct DeadlineBody {
    inner: Incoming,
    deadline: Instant,
    sleep: Option<Pin<Box<Sleep>>>,
}

impl http_body::Body for DeadlineBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        let deadline = this.deadline;
        let sleep = this
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimeout)))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The socket, noting when bytes arrive.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let res = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(res, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.bytes_in();
        }
        res
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
