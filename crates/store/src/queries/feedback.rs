//! Feedback after a session: the "sent" mark per session, the personal
//! invitations (only the hash of their secret), the room sheet's code, and
//! the answers, which hold no link to a person.

use crate::Scope;
use crate::entity::event_session;
use crate::quiz::{all, exec, get, one};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// Sessions that ended in `[from, until)`, not cancelled, whose thank-you
/// e-mails are not queued yet. Across municipalities: the worker's job.
pub async fn due_for_thanks(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<event_session::Model>, DbErr> {
    let sent: Vec<i64> = all(
        db,
        "SELECT f.session_id AS id FROM feedback_session f JOIN event_session s \
         ON s.id = f.session_id WHERE f.invites_sent_at IS NOT NULL \
         AND s.ends_at >= $1 AND s.ends_at < $2",
        vec![from.into(), until.into()],
    )
    .await?
    .iter()
    .map(|r| get(r, "id"))
    .collect::<Result<_, _>>()?;
    event_session::Entity::find()
        .filter(event_session::Column::EndsAt.gte(from))
        .filter(event_session::Column::EndsAt.lt(until))
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(event_session::Column::Id.is_not_in(sent))
        .all(db)
        .await
}

/// Marks a session's thank-you e-mails queued; true for the one caller
/// that did it (the conditional upsert is the "sent" mark).
pub async fn claim_thanks(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let n = exec(
        db,
        "INSERT INTO feedback_session (session_id, municipality_id, invites_sent_at) \
         SELECT id, municipality_id, $3 FROM event_session WHERE id = $1 AND municipality_id = $2 \
         ON CONFLICT (session_id) DO UPDATE SET invites_sent_at = excluded.invites_sent_at \
         WHERE feedback_session.invites_sent_at IS NULL",
        vec![session_id.into(), scope.m().into(), now.into()],
    )
    .await?;
    Ok(n == 1)
}

/// A personal invitation for a registration; `None` when it has one already.
pub async fn create_invite(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let row = one(
        db,
        "INSERT INTO feedback_invite (municipality_id, session_id, registration_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (registration_id) DO NOTHING RETURNING id",
        vec![
            scope.m().into(),
            session_id.into(),
            registration_id.into(),
            now.into(),
        ],
    )
    .await?;
    row.map(|r| get(&r, "id")).transpose()
}

/// Stores the hash of the secret the e-mail carries; a later one replaces it.
pub async fn set_invite_token_hash(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    hash: &str,
) -> Result<(), DbErr> {
    exec(
        db,
        "UPDATE feedback_invite SET token_hash = $1 WHERE id = $2 AND municipality_id = $3",
        vec![hash.into(), id.into(), scope.m().into()],
    )
    .await?;
    Ok(())
}

/// An invitation found by the hash of its link's secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub id: i64,
    pub municipality_id: i64,
    pub session_id: i64,
    pub answered: bool,
}

/// The invitation a link's secret opens (how its scope is found).
pub async fn invite_by_token_hash(
    db: &impl ConnectionTrait,
    hash: &str,
) -> Result<Option<Invite>, DbErr> {
    let row = one(
        db,
        "SELECT id, municipality_id, session_id, answered_at FROM feedback_invite \
         WHERE token_hash = $1",
        vec![hash.into()],
    )
    .await?;
    row.map(|r| {
        Ok(Invite {
            id: get(&r, "id")?,
            municipality_id: get(&r, "municipality_id")?,
            session_id: get(&r, "session_id")?,
            answered: get::<Option<DateTime<Utc>>>(&r, "answered_at")?.is_some(),
        })
    })
    .transpose()
}

/// Uses an invitation up; true for the one caller that did it.
pub async fn use_invite(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let n = exec(
        db,
        "UPDATE feedback_invite SET answered_at = $1 \
         WHERE id = $2 AND municipality_id = $3 AND answered_at IS NULL",
        vec![now.into(), id.into(), scope.m().into()],
    )
    .await?;
    Ok(n == 1)
}

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Email,
    Room,
}

/// Stores an answer: the score and text, the session and the day only.
pub async fn add_response(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    score: i16,
    text: Option<&str>,
    via: Via,
    on: NaiveDate,
) -> Result<(), DbErr> {
    let via = match via {
        Via::Email => "email",
        Via::Room => "room",
    };
    exec(
        db,
        "INSERT INTO feedback_response (municipality_id, session_id, score, text, via, created_on) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        vec![
            scope.m().into(),
            session_id.into(),
            score.into(),
            text.map(str::to_string).into(),
            via.into(),
            on.into(),
        ],
    )
    .await?;
    Ok(())
}

/// The session's room code, made from `new_code` the first time.
pub async fn room_code(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    new_code: &str,
) -> Result<Option<String>, DbErr> {
    exec(
        db,
        "INSERT INTO feedback_session (session_id, municipality_id, room_code) \
         SELECT id, municipality_id, $3 FROM event_session WHERE id = $1 AND municipality_id = $2 \
         ON CONFLICT (session_id) DO UPDATE SET room_code = excluded.room_code \
         WHERE feedback_session.room_code IS NULL",
        vec![session_id.into(), scope.m().into(), new_code.into()],
    )
    .await?;
    let row = one(
        db,
        "SELECT room_code FROM feedback_session WHERE session_id = $1 AND municipality_id = $2",
        vec![session_id.into(), scope.m().into()],
    )
    .await?;
    Ok(row
        .map(|r| get::<Option<String>>(&r, "room_code"))
        .transpose()?
        .flatten())
}

/// The session a room code opens (how its scope is found).
pub async fn session_by_room_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<event_session::Model>, DbErr> {
    let row = one(
        db,
        "SELECT session_id FROM feedback_session WHERE room_code = $1",
        vec![code.into()],
    )
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = get(&row, "session_id")?;
    event_session::Entity::find_by_id(id).one(db).await
}

/// Answers of some sessions: how many gave each score, and the texts
/// (newest first, at most `texts`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub scores: [i64; 5],
    pub texts: Vec<(i16, String)>,
}

/// The answers of one session (`session`) or of all sessions of a programme.
pub async fn results(
    db: &impl ConnectionTrait,
    scope: Scope,
    session: Option<i64>,
    programme: Option<i64>,
    texts: u32,
) -> Result<Results, DbErr> {
    let cond = "f.municipality_id = $1 AND ($2 IS NULL OR f.session_id = $2) \
                AND ($3 IS NULL OR s.programme_id = $3)";
    let values = || vec![scope.m().into(), session.into(), programme.into()];
    let mut out = Results::default();
    for r in all(
        db,
        &format!(
            "SELECT f.score AS score, COUNT(*) AS n FROM feedback_response f \
             JOIN event_session s ON s.id = f.session_id WHERE {cond} GROUP BY f.score"
        ),
        values(),
    )
    .await?
    {
        let score: i16 = get(&r, "score")?;
        if (1..=5).contains(&score) {
            out.scores[(score - 1) as usize] = get(&r, "n")?;
        }
    }
    let mut v = values();
    v.push(i64::from(texts).into());
    for r in all(
        db,
        &format!(
            "SELECT f.score AS score, f.text AS text FROM feedback_response f \
             JOIN event_session s ON s.id = f.session_id WHERE {cond} AND f.text IS NOT NULL \
             ORDER BY f.id DESC LIMIT $4"
        ),
        v,
    )
    .await?
    {
        out.texts.push((get(&r, "score")?, get(&r, "text")?));
    }
    Ok(out)
}
