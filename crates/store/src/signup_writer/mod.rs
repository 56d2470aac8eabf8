//! Group commit for public sign-ups.
//!
//! One writer per server process is the only place its online sign-ups are
//! written. It takes every sign-up waiting for it, applies them in one
//! transaction, commits once, and only then answers them all: nobody hears
//! "signed up" before the commit. Under load the batches grow; when it is
//! quiet a batch is one sign-up. A duplicate refuses only itself.
//!
//! - On a SQLite file ([`sqlite`]) a thread with a connection of its own,
//!   a savepoint per sign-up; with `synchronous=FULL` one flush to disk
//!   serves the whole batch.
//! - On PostgreSQL ([`postgres`]) a task with a connection of its own locks
//!   each session of the batch once, so two processes' batches take turns
//!   on a session instead of each sign-up waiting for the last one's commit.
//!
//! The statements store the same rows as `queries::sessions` (`take_seat`,
//! `join_waitlist_if_full`, `insert_registration`) and `outbox::enqueue`;
//! `crates/web/tests/it/group_commit.rs` checks both give the same rows.

mod postgres;
mod sqlite;

use crate::entity::registration;
use crate::{Scope, SqliteSync};
use chrono::{DateTime, Utc};
use samvirke_domain::{Channel, Language};
use std::path::Path;

/// The most sign-ups one commit takes: bounds a batch's latency.
const BATCH_MAX: usize = 256;

/// One online sign-up, as the writer stores it.
pub struct NewSignup {
    pub scope: Scope,
    pub session_id: i64,
    /// When and where the caller believes the session is (the e-mail says
    /// so): a session moved meanwhile answers [`Written::Stale`].
    pub expect: SessionAt,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub contact_key: Option<String>,
    pub needs: String,
    pub needs_other: Option<String>,
    pub cancel_token_hash: String,
    pub channel: Channel,
    pub language: Language,
    pub now: DateTime<Utc>,
    /// The e-mail to queue in the same transaction, made once the place is
    /// known: (the registration, its waiting-list place when waitlisted).
    pub mail: Option<MailMaker>,
}

/// A session's time and place, as the sign-up's e-mail tells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionAt {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub site_id: i64,
}

/// Makes the confirmation e-mail once the registration exists.
pub type MailMaker = Box<dyn FnOnce(&registration::Model, Option<i32>) -> QueuedMail + Send>;

/// An e-mail for the outbox, as `outbox::enqueue` stores it.
pub struct QueuedMail {
    pub organisation_id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub ics: Option<String>,
    pub secret_kind: Option<String>,
    pub secret_ref: Option<i64>,
}

/// What became of one sign-up.
#[derive(Debug)]
pub enum Written {
    /// Stored, with the waiting-list place when waitlisted.
    Placed {
        registration: Box<registration::Model>,
        position: Option<i32>,
    },
    /// The same person (e-mail or phone) is signed up already.
    Duplicate,
    /// Sign-up is not open (closed, not yet open, cancelled, begun).
    NotOpen,
    /// No public session of this id in this municipality.
    NotFound,
    /// The session moved since the caller read it: read again and retry.
    Stale,
}

type Reply = tokio::sync::oneshot::Sender<Result<Written, String>>;
type Job = (NewSignup, Reply);

/// The writer's door. Dropping the last clone ends the writer.
#[derive(Clone)]
pub struct SignupWriter {
    door: Door,
}

#[derive(Clone)]
enum Door {
    Thread(std::sync::mpsc::Sender<Job>),
    Task(tokio::sync::mpsc::UnboundedSender<Job>),
}

impl SignupWriter {
    /// Opens a connection of its own to the SQLite file at `path` (WAL, as
    /// the pools have it) and starts the writer thread.
    pub fn start_sqlite(path: &Path, sync: SqliteSync) -> std::io::Result<SignupWriter> {
        Ok(SignupWriter {
            door: Door::Thread(sqlite::start(path, sync)?),
        })
    }

    /// Starts the writer task for the PostgreSQL database at `url`; it
    /// connects at its first sign-up, and again after a lost connection.
    pub fn start_postgres(url: &str) -> SignupWriter {
        SignupWriter {
            door: Door::Task(postgres::start(url)),
        }
    }

    /// Writes one sign-up in the next batch; answers after its commit.
    pub async fn write(&self, signup: NewSignup) -> Result<Written, String> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let sent = match &self.door {
            Door::Thread(jobs) => jobs.send((signup, reply)).is_ok(),
            Door::Task(jobs) => jobs.send((signup, reply)).is_ok(),
        };
        if !sent {
            return Err("the sign-up writer has stopped".into());
        }
        answer
            .await
            .map_err(|_| "the sign-up writer stopped before answering".to_string())?
    }
}
