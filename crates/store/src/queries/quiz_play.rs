//! The players of a quiz run and their answers: joining, answering (one
//! answer per player and question, only to the current question), the
//! tallies, the scores, paper sheets, and forgetting nicknames.

use crate::Scope;
use crate::quiz::{all, exec, get, one};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr};

/// Joins a run with a phone: the player's id. Only the token's hash is kept.
pub async fn add_player(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
    token_hash: &str,
    nickname: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let row = one(
        db,
        "INSERT INTO quiz_player (run_id, token_hash, nickname, sheet, created_at) \
         SELECT id, $3, $4, NULL, $5 FROM quiz_run \
         WHERE municipality_id = $1 AND id = $2 AND status <> 'finished' RETURNING id",
        vec![
            scope.m().into(),
            run_id.into(),
            token_hash.into(),
            nickname.map(str::to_owned).into(),
            now.into(),
        ],
    )
    .await?;
    row.map(|r| get(&r, "id")).transpose()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayerRow {
    pub id: i64,
    pub run_id: i64,
    pub nickname: Option<String>,
    pub sheet: Option<i32>,
}

/// The player of a run holding a token (by its hash).
pub async fn player_by_token(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
    token_hash: &str,
) -> Result<Option<PlayerRow>, DbErr> {
    let row = one(
        db,
        "SELECT p.id, p.run_id, p.nickname, p.sheet FROM quiz_player p JOIN quiz_run r ON r.id = p.run_id \
         WHERE r.municipality_id = $1 AND p.run_id = $2 AND p.token_hash = $3",
        vec![scope.m().into(), run_id.into(), token_hash.into()],
    )
    .await?;
    row.map(|r| {
        Ok(PlayerRow {
            id: get(&r, "id")?,
            run_id: get(&r, "run_id")?,
            nickname: get(&r, "nickname")?,
            sheet: get(&r, "sheet")?,
        })
    })
    .transpose()
}

/// Records an answer if, in the same statement, the run is showing this
/// question and the option is one of its options: `Some(correct)`. `None`
/// when it is not the current question (or the option is not its). A second
/// answer by the player to the question fails on the unique key.
///
/// On PostgreSQL the run's row is share-locked by the statement, so an
/// `advance` (which updates the row) waits for it or goes first: an answer
/// never counts for a question that was no longer current when it was saved.
pub async fn answer(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
    player_id: i64,
    question_id: i64,
    option_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<bool>, DbErr> {
    let lock = match db.get_database_backend() {
        DatabaseBackend::Postgres => " FOR SHARE OF r",
        _ => "",
    };
    let row = one(
        db,
        &format!(
            "INSERT INTO quiz_answer (run_id, player_id, question_id, option_id, correct, created_at) \
             SELECT r.id, p.id, q.id, o.id, o.correct, $6 \
             FROM quiz_run r \
             JOIN quiz_player p ON p.run_id = r.id \
             JOIN quiz_question q ON q.quiz_id = r.quiz_id AND q.position = r.current_position \
             JOIN quiz_option o ON o.question_id = q.id \
             WHERE r.municipality_id = $1 AND r.id = $2 AND r.status = 'question' \
               AND p.id = $3 AND q.id = $4 AND o.id = $5{lock} \
             RETURNING correct"
        ),
        vec![
            scope.m().into(),
            run_id.into(),
            player_id.into(),
            question_id.into(),
            option_id.into(),
            now.into(),
        ],
    )
    .await?;
    row.map(|r| get(&r, "correct")).transpose()
}

/// A player's answers: (question, option, correct).
pub async fn answers_of_player(
    db: &impl ConnectionTrait,
    scope: Scope,
    player_id: i64,
) -> Result<Vec<(i64, i64, bool)>, DbErr> {
    all(
        db,
        "SELECT a.question_id, a.option_id, a.correct FROM quiz_answer a JOIN quiz_run r ON r.id = a.run_id \
         WHERE r.municipality_id = $1 AND a.player_id = $2 ORDER BY a.id",
        vec![scope.m().into(), player_id.into()],
    )
    .await?
    .iter()
    .map(|r| Ok((get(r, "question_id")?, get(r, "option_id")?, get(r, "correct")?)))
    .collect()
}

/// How many chose each option of a question in a run: (option, count).
pub async fn tally(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
    question_id: i64,
) -> Result<Vec<(i64, i64)>, DbErr> {
    all(
        db,
        "SELECT a.option_id, COUNT(*) AS n FROM quiz_answer a JOIN quiz_run r ON r.id = a.run_id \
         WHERE r.municipality_id = $1 AND a.run_id = $2 AND a.question_id = $3 GROUP BY a.option_id",
        vec![scope.m().into(), run_id.into(), question_id.into()],
    )
    .await?
    .iter()
    .map(|r| Ok((get(r, "option_id")?, get(r, "n")?)))
    .collect()
}

/// What changes when anything about a run changes: its version, its
/// players and its answers. Compared by the live pages to know when to redraw.
pub async fn fingerprint(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
) -> Result<Option<(i64, i64, i64)>, DbErr> {
    let row = one(
        db,
        "SELECT r.version, \
                (SELECT COUNT(*) FROM quiz_player WHERE run_id = r.id) AS players, \
                (SELECT COUNT(*) FROM quiz_answer WHERE run_id = r.id) AS answers \
         FROM quiz_run r WHERE r.municipality_id = $1 AND r.id = $2",
        vec![scope.m().into(), run_id.into()],
    )
    .await?;
    row.map(|r| {
        Ok((
            get(&r, "version")?,
            get(&r, "players")?,
            get(&r, "answers")?,
        ))
    })
    .transpose()
}

/// Each player's count of correct answers in a run (players without any too).
pub async fn scores(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
) -> Result<Vec<u32>, DbErr> {
    all(
        db,
        "SELECT p.id, COUNT(CASE WHEN a.correct THEN 1 END) AS n FROM quiz_player p \
         JOIN quiz_run r ON r.id = p.run_id LEFT JOIN quiz_answer a ON a.player_id = p.id \
         WHERE r.municipality_id = $1 AND p.run_id = $2 GROUP BY p.id",
        vec![scope.m().into(), run_id.into()],
    )
    .await?
    .iter()
    .map(|r| Ok(u32::try_from(get::<i64>(r, "n")?).unwrap_or(0)))
    .collect()
}

/// Per question of the run's quiz: (question, answers, correct answers).
pub async fn question_counts(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
) -> Result<Vec<(i64, i64, i64)>, DbErr> {
    all(
        db,
        "SELECT q.id, COUNT(a.id) AS answers, COUNT(CASE WHEN a.correct THEN 1 END) AS correct \
         FROM quiz_run r JOIN quiz_question q ON q.quiz_id = r.quiz_id \
         LEFT JOIN quiz_answer a ON a.question_id = q.id AND a.run_id = r.id \
         WHERE r.municipality_id = $1 AND r.id = $2 GROUP BY q.id, q.position ORDER BY q.position, q.id",
        vec![scope.m().into(), run_id.into()],
    )
    .await?
    .iter()
    .map(|r| Ok((get(r, "id")?, get(r, "answers")?, get(r, "correct")?)))
    .collect()
}

/// The player of a typed paper sheet, made on first use.
pub async fn paper_player(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
    sheet: i32,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let find = || {
        one(
            db,
            "SELECT p.id FROM quiz_player p JOIN quiz_run r ON r.id = p.run_id \
             WHERE r.municipality_id = $1 AND p.run_id = $2 AND p.sheet = $3",
            vec![scope.m().into(), run_id.into(), sheet.into()],
        )
    };
    if let Some(r) = find().await? {
        return Ok(Some(get(&r, "id")?));
    }
    let row = one(
        db,
        "INSERT INTO quiz_player (run_id, token_hash, nickname, sheet, created_at) \
         SELECT id, NULL, NULL, $3, $4 FROM quiz_run WHERE municipality_id = $1 AND id = $2 RETURNING id",
        vec![scope.m().into(), run_id.into(), sheet.into(), now.into()],
    )
    .await?;
    row.map(|r| get(&r, "id")).transpose()
}

/// Replaces a paper player's answers with `answers` (question, option);
/// each option must be one of its question's options in the run's quiz.
/// Call it in a transaction. The count saved.
pub async fn replace_paper_answers(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
    player_id: i64,
    answers: &[(i64, i64)],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    exec(
        db,
        "DELETE FROM quiz_answer WHERE player_id = $2 AND run_id IN \
         (SELECT id FROM quiz_run WHERE municipality_id = $1 AND id = $3)",
        vec![scope.m().into(), player_id.into(), run_id.into()],
    )
    .await?;
    let mut saved = 0;
    for (question_id, option_id) in answers {
        saved += exec(
            db,
            "INSERT INTO quiz_answer (run_id, player_id, question_id, option_id, correct, created_at) \
             SELECT r.id, p.id, q.id, o.id, o.correct, $6 FROM quiz_run r \
             JOIN quiz_player p ON p.run_id = r.id AND p.sheet IS NOT NULL \
             JOIN quiz_question q ON q.quiz_id = r.quiz_id \
             JOIN quiz_option o ON o.question_id = q.id \
             WHERE r.municipality_id = $1 AND r.id = $2 AND p.id = $3 AND q.id = $4 AND o.id = $5",
            vec![
                scope.m().into(),
                run_id.into(),
                player_id.into(),
                (*question_id).into(),
                (*option_id).into(),
                now.into(),
            ],
        )
        .await?;
    }
    Ok(saved)
}

/// The sheet numbers typed in for a run, with each sheet's answers
/// (question, option).
pub async fn paper_sheets(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
) -> Result<Vec<(i32, Vec<(i64, i64)>)>, DbErr> {
    let rows = all(
        db,
        "SELECT p.sheet, a.question_id, a.option_id FROM quiz_player p JOIN quiz_run r ON r.id = p.run_id \
         LEFT JOIN quiz_answer a ON a.player_id = p.id \
         WHERE r.municipality_id = $1 AND p.run_id = $2 AND p.sheet IS NOT NULL ORDER BY p.sheet, a.id",
        vec![scope.m().into(), run_id.into()],
    )
    .await?;
    let mut out: Vec<(i32, Vec<(i64, i64)>)> = Vec::new();
    for r in &rows {
        let sheet: i32 = get(r, "sheet")?;
        if out.last().is_none_or(|s| s.0 != sheet) {
            out.push((sheet, vec![]));
        }
        if let (Some(q), Some(o)) = (
            get::<Option<i64>>(r, "question_id")?,
            get::<Option<i64>>(r, "option_id")?,
        ) {
            out.last_mut().expect("pushed above").1.push((q, o));
        }
    }
    Ok(out)
}

/// Clears the nicknames of players in runs of sessions that ended before
/// `cutoff`, with the sessions' other personal data. The count cleared.
pub async fn forget_nicknames_of_sessions_ended_before(
    db: &impl ConnectionTrait,
    scope: Scope,
    cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    exec(
        db,
        "UPDATE quiz_player SET nickname = NULL WHERE nickname IS NOT NULL AND run_id IN \
         (SELECT r.id FROM quiz_run r JOIN event_session s ON s.id = r.session_id \
          WHERE s.ends_at < $1 AND s.municipality_id = $2)",
        vec![cutoff.into(), scope.m().into()],
    )
    .await
}
