//! The PostgreSQL writer: a task with a connection of its own. A batch is
//! one transaction that locks each of its sessions once (`FOR UPDATE`, in
//! id order, so two processes' batches cannot deadlock), places every
//! sign-up against the locked seat counters, writes the counters back once
//! and queues all the batch's e-mails in one statement.
//!
//! A duplicate is an `INSERT … ON CONFLICT DO NOTHING` that inserts
//! nothing, so it refuses only itself and takes no seat. Any other failed
//! statement fails the whole batch (PostgreSQL aborts the transaction):
//! nothing of it is stored and each of its callers gets the error.

use super::{BATCH_MAX, Job, NewSignup, SessionAt, Written};
use crate::entity::registration;
use chrono::{DateTime, Utc};
use samvirke_domain::RegistrationStatus;
use samvirke_domain::signup::{Registration, registration_state};
use sea_orm::sqlx::{self, Connection, PgConnection, Postgres, Row, Transaction};
use std::collections::{BTreeMap, BTreeSet};
use tokio::sync::mpsc;

pub(super) fn start(url: &str) -> mpsc::UnboundedSender<Job> {
    let (jobs, rx) = mpsc::unbounded_channel();
    tokio::spawn(run(url.to_string(), rx));
    jobs
}

async fn run(url: String, mut rx: mpsc::UnboundedReceiver<Job>) {
    let mut conn: Option<PgConnection> = None;
    let mut batch = Vec::with_capacity(BATCH_MAX);
    while rx.recv_many(&mut batch, BATCH_MAX).await > 0 {
        let (signups, replies): (Vec<_>, Vec<_>) = batch.drain(..).unzip();
        let written = match connected(&mut conn, &url).await {
            Ok(c) => write_batch(c, signups).await,
            Err(e) => Err(e),
        };
        match written {
            Ok(results) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(Ok(result));
                }
            }
            Err(e) => {
                // The connection may be the cause: the next batch opens a new one.
                conn = None;
                for reply in replies {
                    let _ = reply.send(Err(e.to_string()));
                }
            }
        }
    }
}

async fn connected<'c>(
    conn: &'c mut Option<PgConnection>,
    url: &str,
) -> Result<&'c mut PgConnection, sqlx::Error> {
    if conn.is_none() {
        *conn = Some(PgConnection::connect(url).await?);
    }
    conn.as_mut()
        .ok_or_else(|| sqlx::Error::Protocol("no connection".into()))
}

/// A session as locked for the batch; the counters move in memory and are
/// written back once.
struct Locked {
    public: bool,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
    cancelled: bool,
    at: SessionAt,
    capacity: i32,
    taken: i32,
    waitlist_seq: i32,
    waitlist_left: i32,
    changed: bool,
}

/// The e-mails of a batch, column by column, for one `INSERT … UNNEST`.
#[derive(Default)]
struct Mails {
    municipality: Vec<i64>,
    organisation: Vec<i64>,
    recipient: Vec<String>,
    subject: Vec<String>,
    body: Vec<String>,
    ics: Vec<Option<String>>,
    secret_kind: Vec<Option<String>>,
    secret_ref: Vec<Option<i64>>,
    queued_at: Vec<DateTime<Utc>>,
}

type Tx<'c> = Transaction<'c, Postgres>;

async fn write_batch(
    conn: &mut PgConnection,
    signups: Vec<NewSignup>,
) -> Result<Vec<Written>, sqlx::Error> {
    let mut tx = conn.begin().await?;
    let keys: BTreeSet<(i64, i64)> = signups
        .iter()
        .map(|s| (s.session_id, s.scope.m()))
        .collect();
    let mut sessions = BTreeMap::new();
    for (session_id, municipality_id) in keys {
        if let Some(locked) = lock(&mut tx, session_id, municipality_id).await? {
            sessions.insert((session_id, municipality_id), locked);
        }
    }
    let mut mails = Mails::default();
    let mut results = Vec::with_capacity(signups.len());
    for s in signups {
        let session = sessions.get_mut(&(s.session_id, s.scope.m()));
        results.push(place(&mut tx, session, s, &mut mails).await?);
    }
    for ((session_id, municipality_id), l) in &sessions {
        if l.changed {
            sqlx::query(
                "UPDATE event_session SET taken = $1, waitlist_seq = $2 \
                 WHERE id = $3 AND municipality_id = $4",
            )
            .bind(l.taken)
            .bind(l.waitlist_seq)
            .bind(session_id)
            .bind(municipality_id)
            .execute(&mut *tx)
            .await?;
        }
    }
    queue(&mut tx, mails).await?;
    tx.commit().await?;
    Ok(results)
}

async fn lock(
    tx: &mut Tx<'_>,
    session_id: i64,
    municipality_id: i64,
) -> Result<Option<Locked>, sqlx::Error> {
    let Some(r) = sqlx::query(
        "SELECT public, signup_opens_at, signup_closes_at, starts_at, ends_at, \
         cancelled_at IS NOT NULL, site_id, capacity, taken, waitlist_seq, waitlist_left \
         FROM event_session WHERE id = $1 AND municipality_id = $2 FOR UPDATE",
    )
    .bind(session_id)
    .bind(municipality_id)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(Locked {
        public: r.try_get(0)?,
        opens: r.try_get(1)?,
        closes: r.try_get(2)?,
        at: SessionAt {
            starts_at: r.try_get(3)?,
            ends_at: r.try_get(4)?,
            site_id: r.try_get(6)?,
        },
        cancelled: r.try_get(5)?,
        capacity: r.try_get(7)?,
        taken: r.try_get(8)?,
        waitlist_seq: r.try_get(9)?,
        waitlist_left: r.try_get(10)?,
        changed: false,
    }))
}

/// One sign-up against its locked session: a seat while one is free, else
/// the next place on the waiting list.
async fn place(
    tx: &mut Tx<'_>,
    session: Option<&mut Locked>,
    s: NewSignup,
    mails: &mut Mails,
) -> Result<Written, sqlx::Error> {
    let Some(l) = session.filter(|l| l.public) else {
        return Ok(Written::NotFound);
    };
    if l.at != s.expect {
        return Ok(Written::Stale);
    }
    if registration_state(s.now, l.opens, l.closes, l.at.starts_at, l.cancelled)
        != Registration::Open
    {
        return Ok(Written::NotOpen);
    }
    let (status, seq, position) = if l.taken < l.capacity {
        (RegistrationStatus::Confirmed, None, None)
    } else {
        let seq = l.waitlist_seq + 1;
        (
            RegistrationStatus::Waitlisted,
            Some(seq),
            Some(seq - l.waitlist_left),
        )
    };
    let municipality_id = s.scope.m();
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO registration (municipality_id, session_id, name, email, phone, \
         contact_key, needs, needs_other, status, waitlist_seq, cancel_token_hash, \
         email_token_hash, channel, attendance, language, created_at, promoted_at, cancelled_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12, NULL, $13, $14, NULL, NULL) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(municipality_id)
    .bind(s.session_id)
    .bind(&s.name)
    .bind(&s.email)
    .bind(&s.phone)
    .bind(&s.contact_key)
    .bind(&s.needs)
    .bind(&s.needs_other)
    .bind(status.as_str())
    .bind(seq)
    .bind(&s.cancel_token_hash)
    .bind(s.channel.as_str())
    .bind(s.language.code())
    .bind(s.now)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(id) = id else {
        return Ok(Written::Duplicate);
    };
    match status {
        RegistrationStatus::Confirmed => l.taken += 1,
        _ => l.waitlist_seq += 1,
    }
    l.changed = true;
    let registration = registration::Model {
        id,
        municipality_id,
        session_id: s.session_id,
        name: s.name,
        email: s.email,
        phone: s.phone,
        contact_key: s.contact_key,
        needs: s.needs,
        needs_other: s.needs_other,
        status: status.as_str().into(),
        waitlist_seq: seq,
        cancel_token_hash: s.cancel_token_hash,
        email_token_hash: None,
        channel: s.channel.as_str().into(),
        attendance: None,
        language: s.language.code().into(),
        created_at: s.now,
        promoted_at: None,
        cancelled_at: None,
    };
    if let Some(make) = s.mail {
        let mail = make(&registration, position);
        mails.municipality.push(municipality_id);
        mails.organisation.push(mail.organisation_id);
        mails.recipient.push(mail.recipient);
        mails.subject.push(mail.subject);
        mails.body.push(mail.body);
        mails.ics.push(mail.ics);
        mails.secret_kind.push(mail.secret_kind);
        mails.secret_ref.push(mail.secret_ref);
        mails.queued_at.push(s.now);
    }
    Ok(Written::Placed {
        registration: Box::new(registration),
        position,
    })
}

/// The batch's e-mails, as `outbox::enqueue` stores each, in one statement.
async fn queue(tx: &mut Tx<'_>, m: Mails) -> Result<(), sqlx::Error> {
    if m.recipient.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO outbox (municipality_id, organisation_id, recipient, subject, body, ics, \
         secret_kind, secret_ref, state, attempts, next_attempt_at, claimed_until, last_error, \
         created_at, sent_at) \
         SELECT m, o, r, s, b, i, k, f, $10, 0, t, NULL, NULL, t, NULL \
         FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], \
                     $6::text[], $7::text[], $8::bigint[], $9::timestamptz[]) \
              AS mail(m, o, r, s, b, i, k, f, t)",
    )
    .bind(m.municipality)
    .bind(m.organisation)
    .bind(m.recipient)
    .bind(m.subject)
    .bind(m.body)
    .bind(m.ics)
    .bind(m.secret_kind)
    .bind(m.secret_ref)
    .bind(m.queued_at)
    .bind(crate::outbox::PENDING)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
