//! The SQLite writer: a thread with a connection of its own, a savepoint
//! per sign-up, one commit per batch.

use super::{BATCH_MAX, Job, NewSignup, SessionAt, Written};
use crate::SqliteSync;
use crate::entity::registration;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};
use samvirke_domain::RegistrationStatus;
use samvirke_domain::signup::{Registration, registration_state};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

pub(super) fn start(path: &Path, sync: SqliteSync) -> std::io::Result<mpsc::Sender<Job>> {
    let path: PathBuf = path.to_path_buf();
    let (jobs, rx) = mpsc::channel::<Job>();
    let conn = open(&path, sync).map_err(std::io::Error::other)?;
    std::thread::Builder::new()
        .name("samvirke-signups".into())
        .spawn(move || run(conn, rx))?;
    Ok(jobs)
}

fn open(path: &Path, sync: SqliteSync) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(
        None,
        "synchronous",
        match sync {
            SqliteSync::Normal => "NORMAL",
            SqliteSync::Full => "FULL",
        },
    )?;
    Ok(conn)
}

fn run(mut conn: Connection, rx: mpsc::Receiver<Job>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH_MAX {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let (signups, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
        match write_batch(&mut conn, signups) {
            Ok(results) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(result);
                }
            }
            // The commit failed: nothing of the batch is stored.
            Err(e) => {
                for reply in replies {
                    let _ = reply.send(Err(e.to_string()));
                }
            }
        }
    }
}

/// One transaction: a savepoint per sign-up, one commit.
fn write_batch(
    conn: &mut Connection,
    signups: Vec<NewSignup>,
) -> rusqlite::Result<Vec<Result<Written, String>>> {
    let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut results = Vec::with_capacity(signups.len());
    for signup in signups {
        let mut sp = tx.savepoint()?;
        match write_one(&sp, signup) {
            Ok(w @ Written::Placed { .. }) => {
                sp.commit()?;
                results.push(Ok(w));
            }
            Ok(other) => {
                sp.rollback()?;
                results.push(Ok(other));
            }
            Err(e) => {
                sp.rollback()?;
                results.push(Err(e.to_string()));
            }
        }
    }
    tx.commit()?;
    Ok(results)
}

/// The time as the ORM's driver stores it in SQLite, so both order alike.
fn stored_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// A time as stored by either writer (RFC 3339, or SQLite's own form).
fn read_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// Whether sign-up is open now, read in the writer's own transaction, so
/// no edit can slip between the check and the seat.
fn check_open(
    conn: &Connection,
    s: &NewSignup,
    municipality_id: i64,
) -> rusqlite::Result<Option<Written>> {
    type Row = (bool, String, String, String, String, Option<String>, i64);
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT public, signup_opens_at, signup_closes_at, starts_at, ends_at, cancelled_at, site_id              FROM event_session WHERE id = ?1 AND municipality_id = ?2",
        )?
        .query_row(params![s.session_id, municipality_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })
        .optional()?;
    let Some((public, opens, closes, starts, ends, cancelled, site_id)) = row else {
        return Ok(Some(Written::NotFound));
    };
    if !public {
        return Ok(Some(Written::NotFound));
    }
    let (Some(opens), Some(closes), Some(starts), Some(ends)) = (
        read_time(&opens),
        read_time(&closes),
        read_time(&starts),
        read_time(&ends),
    ) else {
        return Err(rusqlite::Error::InvalidQuery);
    };
    let at = SessionAt {
        starts_at: starts,
        ends_at: ends,
        site_id,
    };
    if at != s.expect {
        return Ok(Some(Written::Stale));
    }
    let state = registration_state(s.now, opens, closes, starts, cancelled.is_some());
    Ok((state != Registration::Open).then_some(Written::NotOpen))
}

fn write_one(conn: &Connection, s: NewSignup) -> rusqlite::Result<Written> {
    let municipality_id = s.scope.m();
    if let Some(refused) = check_open(conn, &s, municipality_id)? {
        return Ok(refused);
    }
    // A free seat, else the waiting list; the writer holds the write lock,
    // so nothing changes between the two.
    let took_seat = conn
        .prepare_cached(
            "UPDATE event_session SET taken = taken + 1 \
             WHERE id = ?1 AND municipality_id = ?2 AND cancelled_at IS NULL AND taken < capacity",
        )?
        .execute(params![s.session_id, municipality_id])?
        == 1;
    let (status, seq, position) = if took_seat {
        (RegistrationStatus::Confirmed, None, None)
    } else {
        let waiting: Option<(i32, i32)> = conn
            .prepare_cached(
                "UPDATE event_session SET waitlist_seq = waitlist_seq + 1 \
                 WHERE id = ?1 AND municipality_id = ?2 \
                 AND taken >= capacity AND cancelled_at IS NULL \
                 RETURNING waitlist_seq, waitlist_left",
            )?
            .query_row(params![s.session_id, municipality_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match waiting {
            Some((seq, left)) => (RegistrationStatus::Waitlisted, Some(seq), Some(seq - left)),
            None => return Ok(Written::NotOpen),
        }
    };
    let now = stored_time(s.now);
    let inserted = conn
        .prepare_cached(
            "INSERT INTO registration (municipality_id, session_id, name, email, phone, \
             contact_key, needs, needs_other, status, waitlist_seq, cancel_token_hash, \
             email_token_hash, channel, attendance, language, created_at, promoted_at, cancelled_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, ?12, NULL, ?13, ?14, NULL, NULL)",
        )?
        .execute(params![
            municipality_id,
            s.session_id,
            s.name,
            s.email,
            s.phone,
            s.contact_key,
            s.needs,
            s.needs_other,
            status.as_str(),
            seq,
            s.cancel_token_hash,
            s.channel.as_str(),
            s.language.code(),
            now,
        ]);
    match inserted {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => {
            return Ok(Written::Duplicate);
        }
        Err(e) => return Err(e),
    }
    let registration = registration::Model {
        id: conn.last_insert_rowid(),
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
        conn.prepare_cached(
            "INSERT INTO outbox (municipality_id, organisation_id, recipient, subject, body, ics, \
             secret_kind, secret_ref, state, attempts, next_attempt_at, claimed_until, last_error, \
             created_at, sent_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, NULL, NULL, ?10, NULL)",
        )?
        .execute(params![
            municipality_id,
            mail.organisation_id,
            mail.recipient,
            mail.subject,
            mail.body,
            mail.ics,
            mail.secret_kind,
            mail.secret_ref,
            crate::outbox::PENDING,
            now,
        ])?;
    }
    Ok(Written::Placed {
        registration: Box::new(registration),
        position,
    })
}
