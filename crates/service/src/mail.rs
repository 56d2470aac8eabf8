//! E-mail: messages are queued in the outbox inside the transaction that
//! causes them, and a worker delivers them with retries and backoff,
//! through SMTP or, without SMTP, as `.eml` files in the data folder.

use crate::error::Result;
use crate::notice::{Envelope, Notice};
use crate::secret::{new_token, token_hash};
use crate::{Core, require, signed_in};
use chrono::{DateTime, Duration, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use samvirke_domain::{Action, Actor, Language, LinkSecret, MunicipalityId, OrgId, Resource};
use samvirke_store::entity::{organisation, outbox as outbox_row, staff};
use samvirke_store::{Scope, outbox};
use sea_orm::ConnectionTrait;
use std::path::PathBuf;

/// Stands in a queued body for the link secret the worker makes when it
/// sends the message, so no secret waits in the database.
pub const LINK_SECRET: &str = "{link-secret}";

/// Give up on a message after this many attempts.
pub const MAX_ATTEMPTS: i32 = 8;
/// A claimed message is someone else's to retry only after this.
const LEASE: Duration = Duration::minutes(2);

/// Where delivered mail goes.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Writes each message as an `.eml` file: for demos and machines without SMTP.
    Files(PathBuf),
}

impl Transport {
    /// `smtp://host:port` (plain), `smtp://…?tls=required` (STARTTLS) or `smtps://…`.
    pub fn smtp(url: &str) -> std::result::Result<Self, String> {
        let t = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| e.to_string())?;
        Ok(Transport::Smtp(
            t.timeout(Some(std::time::Duration::from_secs(20))).build(),
        ))
    }

    async fn send(&self, msg: &outbox_row::Model, from: &str) -> std::result::Result<(), Failure> {
        let email = build(msg, from)?;
        match self {
            Transport::Smtp(t) => t.send(email).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    Failure::Permanent(e.to_string())
                } else {
                    Failure::Temporary(e.to_string())
                }
            }),
            Transport::Files(dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| Failure::Temporary(e.to_string()))?;
                let path = dir.join(format!("{:08}.eml", msg.id));
                write_private(&path, &email.formatted())
                    .await
                    .map_err(|e| Failure::Temporary(e.to_string()))
            }
        }
    }
}

/// Writes a file only its owner can read: a message may hold a link secret.
async fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    let mut options = tokio::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options.open(path).await?;
    file.write_all(bytes).await?;
    file.flush().await
}

/// Removes `.eml` files older than `keep`; returns how many went.
pub async fn prune_files(
    transport: &Transport,
    now: DateTime<Utc>,
    keep: Duration,
) -> std::io::Result<usize> {
    let Transport::Files(dir) = transport else {
        return Ok(0);
    };
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let cutoff = std::time::SystemTime::from(now - keep);
    let mut removed = 0;
    while let Some(entry) = entries.next_entry().await? {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "eml") {
            continue;
        }
        if entry.metadata().await?.modified()? < cutoff {
            tokio::fs::remove_file(&path).await?;
            removed += 1;
        }
    }
    Ok(removed)
}

enum Failure {
    /// Worth retrying later (server down, timeout, 4xx).
    Temporary(String),
    /// Retrying cannot help (bad address, 5xx).
    Permanent(String),
}

fn build(msg: &outbox_row::Model, from: &str) -> std::result::Result<Message, Failure> {
    let from = from
        .parse()
        .map_err(|e| Failure::Permanent(format!("sender: {e}")))?;
    let to = msg
        .recipient
        .parse()
        .map_err(|e| Failure::Permanent(format!("recipient: {e}")))?;
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(msg.subject.clone())
        // A stable id lets the receiving side recognise a repeated delivery.
        .message_id(Some(format!(
            "<outbox-{}-{}@samvirke>",
            msg.id,
            msg.created_at.timestamp()
        )));
    let built = match &msg.ics {
        None => builder
            .header(ContentType::TEXT_PLAIN)
            .body(msg.body.clone()),
        Some(ics) => {
            let calendar = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                .expect("valid content type");
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(msg.body.clone()))
                    .singlepart(
                        Attachment::new("arrangement.ics".into()).body(ics.clone(), calendar),
                    ),
            )
        }
    };
    built.map_err(|e| Failure::Permanent(e.to_string()))
}

/// When to try again after `attempts` failed attempts: 30 s, 1 min, 2 min, … at most 6 h.
pub fn backoff(attempts: i32) -> Duration {
    let secs = 30i64.saturating_mul(1i64 << (attempts.clamp(1, 20) - 1));
    Duration::seconds(secs.min(6 * 3600))
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retried: usize,
    pub gave_up: usize,
}

/// Messages claimed, sent and marked together: two write transactions per
/// batch, not three per message, because they share SQLite's one writer
/// with the sign-ups.
const BATCH: u64 = 100;
/// One call delivers batch after batch while a full one comes back, but
/// returns after this long so the worker's other jobs get their turn.
const DRAIN_FOR: std::time::Duration = std::time::Duration::from_secs(10);

/// Delivers what is due. Safe to run in several processes at once.
pub async fn deliver_due(core: &Core, transport: &Transport, from: &str) -> Result<DeliveryReport> {
    let mut report = DeliveryReport::default();
    let started = std::time::Instant::now();
    while deliver_batch(core, transport, from, &mut report).await? == BATCH as usize
        && started.elapsed() < DRAIN_FOR
    {}
    Ok(report)
}

/// Claims one batch and makes its link secrets in one transaction, sends
/// it, and records the results in another; returns how many were claimed.
/// A crash after sending and before recording sends the batch again when
/// its lease ends: a message may come twice, never not at all.
async fn deliver_batch(
    core: &Core,
    transport: &Transport,
    from: &str,
    report: &mut DeliveryReport,
) -> Result<usize> {
    let claim = core.db.begin_write().await?;
    let mut claimed = outbox::claim_due(&claim, core.now(), LEASE, BATCH).await?;
    for msg in &mut claimed {
        if let Some(secret) = outbox::link_secret(msg) {
            let token = issue_link_secret(&claim, msg, secret).await?;
            msg.body = msg.body.replace(LINK_SECRET, &token);
        }
    }
    claim.commit().await?;
    if claimed.is_empty() {
        return Ok(0);
    }

    let mut sent = Vec::with_capacity(claimed.len());
    let mut failed = Vec::new();
    for msg in &claimed {
        match transport.send(msg, from).await {
            Ok(()) => sent.push(msg.id),
            Err(failure) => failed.push((msg, failure)),
        }
    }

    let record = core.db.begin_write().await?;
    outbox::mark_sent(&record, &sent, core.now()).await?;
    metrics::counter!("samvirke_emails_total", "result" => "sent").increment(sent.len() as u64);
    report.sent += sent.len();
    for (msg, failure) in failed {
        let (error, permanent) = match failure {
            Failure::Temporary(e) => (e, false),
            Failure::Permanent(e) => (e, true),
        };
        let attempts = msg.attempts + 1;
        let retry_at =
            (!permanent && attempts < MAX_ATTEMPTS).then(|| core.now() + backoff(attempts));
        tracing::warn!(
            message = msg.id,
            attempts,
            permanent,
            "e-mail not delivered: {error}"
        );
        outbox::mark_attempt_failed(&record, msg.id, &error, retry_at).await?;
        let result = if retry_at.is_some() {
            report.retried += 1;
            "retried"
        } else {
            report.gave_up += 1;
            "failed"
        };
        metrics::counter!("samvirke_emails_total", "result" => result).increment(1);
    }
    record.commit().await?;
    Ok(claimed.len())
}

/// E-mail waiting to be sent, of every municipality.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backlog {
    pub waiting: u64,
    /// Seconds since the oldest waiting message was queued; 0 when none waits.
    pub oldest_age_secs: f64,
}

/// How much e-mail waits, for the operator's metrics.
pub async fn backlog(core: &Core) -> Result<Backlog> {
    let (waiting, oldest) = outbox::backlog(&core.db.read).await?;
    let oldest_age_secs = oldest.map_or(0.0, |t| {
        (core.now() - t).num_milliseconds().max(0) as f64 / 1000.0
    });
    Ok(Backlog {
        waiting,
        oldest_age_secs,
    })
}

/// Makes the secret a message carries and stores only its hash. A retry
/// makes a new one, and only the last one sent works.
async fn issue_link_secret(
    db: &impl ConnectionTrait,
    msg: &outbox_row::Model,
    secret: LinkSecret,
) -> Result<String> {
    let token = new_token();
    let scope = Scope::new(MunicipalityId(msg.municipality_id));
    match secret {
        LinkSecret::CancelRegistration(id) => {
            samvirke_store::sessions::set_email_token_hash(db, scope, id, &token_hash(&token))
                .await?;
        }
        LinkSecret::CancelAppointment(id) => {
            samvirke_store::appointments::set_email_token_hash(db, scope, id, &token_hash(&token))
                .await?;
        }
        LinkSecret::OwnData(id) => {
            samvirke_store::own_data::set_token_hash(db, scope, id, &token_hash(&token)).await?;
        }
        LinkSecret::Feedback(id) => {
            samvirke_store::feedback::set_invite_token_hash(db, scope, id, &token_hash(&token))
                .await?;
        }
        LinkSecret::SetPassword(id) => {
            samvirke_store::auth::set_password_link_hash(db, scope, id, &token_hash(&token))
                .await?;
        }
    }
    Ok(token)
}

/// The welcome e-mail to a new staff member, in Danish, the staff's
/// language. It never carries the password.
pub async fn enqueue_welcome(
    db: &impl ConnectionTrait,
    core: &Core,
    scope: Scope,
    org: &organisation::Model,
    person: &staff::Model,
    now: DateTime<Utc>,
) -> Result<()> {
    let notice = Notice::StaffCreated {
        name: person.name.clone(),
        org: org.name.clone(),
        email: person.email.clone(),
    };
    let to = Envelope {
        org: OrgId(org.id),
        to: &person.email,
        lang: Language::Da,
        ics: None,
    };
    crate::notice::queue(db, core, scope, to, &notice, now).await
}

/// One outgoing message as the outbox page lists it (never its body: the
/// text may hold what only the recipient should read).
#[derive(Debug, Clone)]
pub struct OutboxEntry {
    pub id: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub recipient: String,
    pub subject: String,
    pub delivery: samvirke_domain::Delivery,
    pub attempts: i32,
}

/// The organisation's outgoing messages and their state: one page, newest
/// first, after the message `after` of the page before.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "outbox"))]
pub async fn list(
    core: &Core,
    actor: &Actor,
    after: Option<i64>,
    limit: u64,
) -> Result<samvirke_store::Page<OutboxEntry>> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::ReadPersonal,
        Resource::Outbox {
            municipality: me.municipality,
            org: me.org,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let rows = outbox::page_for_org(&core.db.read, scope, me.org, after, limit).await?;
    crate::audit::record_read(core, me, "outbox_list", "organisation", me.org.0).await?;
    Ok(rows.map(|m| OutboxEntry {
        id: m.id,
        created_at: m.created_at,
        delivery: m.delivery(),
        recipient: m.recipient,
        subject: m.subject,
        attempts: m.attempts,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(4), Duration::seconds(240));
        assert_eq!(backoff(30), Duration::hours(6));
    }
}
