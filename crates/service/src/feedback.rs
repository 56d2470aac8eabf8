//! Feedback after a session: the day after, everyone who came and left an
//! e-mail gets one thank-you e-mail with a one-time link to a 1–5 scale
//! and a text; a QR sheet in the room leads to the same form without a
//! name. Answers are kept without any link to the person: the score, the
//! text, the session and the day.

use crate::error::Result;
use crate::notice::{self, Notice};
use crate::secret::{new_token, token_hash};
use crate::sessions::{envelope, facts, language_of, session_in_scope};
use crate::{Core, ServiceError};
use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::validate::{FieldErrors, FieldProblem, optional_text};
use samvirke_domain::{Action, Actor, Attendance, MunicipalityId, RegistrationStatus};
use samvirke_store::feedback::{self as q, Via};
use samvirke_store::sessions as sq;
use samvirke_store::{Scope, orgs};

/// The longest text an answer may hold.
pub const TEXT_MAX: usize = 1000;
/// How many days after a session its room sheet's form stays open.
pub const ROOM_OPEN_DAYS: i64 = 7;
/// Sessions that ended longer ago than this get no thank-you e-mail.
const LOOK_BACK_DAYS: i64 = 3;
/// The most texts a results page shows.
pub const TEXTS_SHOWN: u32 = 200;

/// Midnight in Copenhagen at the start of `t`'s day, as UTC.
fn start_of_day(t: DateTime<Utc>) -> DateTime<Utc> {
    let day = t.with_timezone(&Copenhagen).date_naive();
    Copenhagen
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
        .earliest()
        .map_or(t, |m| m.with_timezone(&Utc))
}

/// Queues the thank-you e-mails of sessions that ended before today
/// (Copenhagen). Each session is claimed by a conditional upsert in the
/// transaction that queues its e-mails, and each sign-up has at most one
/// invitation (a unique key): nobody is thanked twice, whichever process
/// gets there first.
#[tracing::instrument(skip_all, fields(resource = "feedback"))]
pub async fn send_thanks(core: &Core) -> Result<usize> {
    let now = core.now();
    let until = start_of_day(now);
    let mut queued = 0;
    for s in q::due_for_thanks(&core.db.read, until - Duration::days(LOOK_BACK_DAYS), until).await?
    {
        let scope = Scope::new(MunicipalityId(s.municipality_id));
        let txn = core.db.begin_write().await?;
        if !q::claim_thanks(&txn, scope, s.id, now).await? {
            continue;
        }
        let p = sq::programme(&txn, scope, s.programme_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let site = orgs::list_sites(&txn, scope)
            .await?
            .into_iter()
            .find(|x| x.id == s.site_id);
        for r in sq::registrations(&txn, scope, s.id).await? {
            let came = r.status() == RegistrationStatus::Confirmed
                && r.attendance() == Some(Attendance::Attended);
            let Some(email) = r.email.as_deref().filter(|_| came) else {
                continue;
            };
            let Some(invite) = q::create_invite(&txn, scope, s.id, r.id, now).await? else {
                continue;
            };
            let notice = Notice::Feedback {
                name: r.name.clone(),
                session: facts(&s, &p, site.as_ref()),
                invite,
            };
            let to = envelope(&s, email, language_of(&r), None);
            notice::queue(&txn, core, scope, to, &notice, now).await?;
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// What the form shows about the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackForm {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    /// The link was used already.
    pub answered: bool,
}

/// How an answer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    Thanks,
    /// The link was used before: nothing was stored.
    AlreadyAnswered,
}

/// A score 1–5 and an optional text, or the problems of each field.
fn check_answer(score: &str, text: &str) -> Result<(i16, Option<String>)> {
    let mut errors = FieldErrors::default();
    let score = errors.check(
        "score",
        match score.trim() {
            "" => Err(FieldProblem::Required),
            s => s
                .parse::<i16>()
                .ok()
                .filter(|n| (1..=5).contains(n))
                .ok_or(FieldProblem::InvalidChoice),
        },
    );
    let text = errors.check("text", optional_text(text, TEXT_MAX));
    match (score, text) {
        (Some(score), Some(text)) if errors.is_empty() => Ok((score, text)),
        _ => Err(ServiceError::Invalid(errors)),
    }
}

async fn title_of(core: &Core, scope: Scope, session_id: i64) -> Result<(String, DateTime<Utc>)> {
    let s = sq::session(&core.db.read, scope, session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let p = sq::programme(&core.db.read, scope, s.programme_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((p.title, s.starts_at))
}

/// The form behind an e-mailed link (a link secret: no sign-in).
pub async fn invite_form(core: &Core, token: &str) -> Result<FeedbackForm> {
    let invite = q::invite_by_token_hash(&core.db.read, &token_hash(token))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(MunicipalityId(invite.municipality_id));
    let (title, starts_at) = title_of(core, scope, invite.session_id).await?;
    Ok(FeedbackForm {
        title,
        starts_at,
        answered: invite.answered,
    })
}

/// Stores the answer of an e-mailed link, once.
pub async fn answer_invite(core: &Core, token: &str, score: &str, text: &str) -> Result<Answered> {
    let (score, text) = check_answer(score, text)?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    let invite = q::invite_by_token_hash(&txn, &token_hash(token))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(MunicipalityId(invite.municipality_id));
    if !q::use_invite(&txn, scope, invite.id, now).await? {
        return Ok(Answered::AlreadyAnswered);
    }
    let day = now.with_timezone(&Copenhagen).date_naive();
    q::add_response(
        &txn,
        scope,
        invite.session_id,
        score,
        text.as_deref(),
        Via::Email,
        day,
    )
    .await?;
    txn.commit().await?;
    Ok(Answered::Thanks)
}

/// The room sheet: its code (made the first time) and the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomSheet {
    pub code: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// The QR sheet of a session, for its staff (the owner and run partners).
pub async fn room_sheet(core: &Core, actor: &Actor, session_id: i64) -> Result<RoomSheet> {
    let s = session_in_scope(core, actor, session_id, Action::Read).await?;
    let txn = core.db.begin_write().await?;
    // A short code: the sheet is public in the room, not a personal secret.
    let fresh: String = new_token().chars().take(16).collect();
    let code = q::room_code(&txn, s.scope, session_id, &fresh)
        .await?
        .ok_or(ServiceError::NotFound)?;
    txn.commit().await?;
    let (title, _) = title_of(core, s.scope, session_id).await?;
    Ok(RoomSheet {
        code,
        title,
        starts_at: s.session.starts_at,
        ends_at: s.session.ends_at,
    })
}

/// The room form of a code: open from the session's start until
/// [`ROOM_OPEN_DAYS`] after its end; `Gone` outside that.
pub async fn room_form(core: &Core, code: &str) -> Result<(Scope, i64, FeedbackForm)> {
    let s = q::session_by_room_code(&core.db.read, code)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = core.now();
    if s.cancelled_at.is_some()
        || now < s.starts_at
        || now > s.ends_at + Duration::days(ROOM_OPEN_DAYS)
    {
        return Err(ServiceError::Gone);
    }
    let scope = Scope::new(MunicipalityId(s.municipality_id));
    let (title, starts_at) = title_of(core, scope, s.id).await?;
    Ok((
        scope,
        s.id,
        FeedbackForm {
            title,
            starts_at,
            answered: false,
        },
    ))
}

/// Stores an answer from the room's form (the web layer throttles it).
pub async fn answer_room(core: &Core, code: &str, score: &str, text: &str) -> Result<()> {
    let (scope, session_id, _) = room_form(core, code).await?;
    let (score, text) = check_answer(score, text)?;
    let day = core.now().with_timezone(&Copenhagen).date_naive();
    let txn = core.db.begin_write().await?;
    q::add_response(
        &txn,
        scope,
        session_id,
        score,
        text.as_deref(),
        Via::Room,
        day,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub use samvirke_store::feedback::Results;

/// The answers of one session, for its staff.
pub async fn session_results(
    core: &Core,
    actor: &Actor,
    session_id: i64,
) -> Result<(String, Results)> {
    let s = session_in_scope(core, actor, session_id, Action::Read).await?;
    let (title, _) = title_of(core, s.scope, session_id).await?;
    let r = q::results(&core.db.read, s.scope, Some(session_id), None, TEXTS_SHOWN).await?;
    Ok((title, r))
}

/// The answers of every session of a programme, for its staff.
pub async fn programme_results(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
) -> Result<(String, Results)> {
    let (scope, p) =
        crate::quiz::programme_in_scope(core, actor, programme_id, Action::Read).await?;
    let r = q::results(&core.db.read, scope, None, Some(programme_id), TEXTS_SHOWN).await?;
    Ok((p.title, r))
}
