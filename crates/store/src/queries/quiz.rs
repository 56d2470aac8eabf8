//! The quiz's question bank and its runs. Plain SQL that both databases
//! read alike; every query names the scope's municipality in its statement.
//! Players and answers are in [`crate::quiz_play`]; editing and ordering
//! questions in `bank`.

mod bank;
pub use bank::*;

use crate::Scope;
use chrono::{DateTime, Utc};
use samvirke_domain::quiz::{Question, RunStatus};
use sea_orm::{ConnectionTrait, DbErr, QueryResult, Statement, Value};

pub(crate) fn stmt(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(db.get_database_backend(), sql, values)
}

pub(crate) async fn all(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all_raw(stmt(db, sql, values)).await
}

pub(crate) async fn one(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<Option<QueryResult>, DbErr> {
    db.query_one_raw(stmt(db, sql, values)).await
}

pub(crate) async fn exec(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<u64, DbErr> {
    Ok(db.execute_raw(stmt(db, sql, values)).await?.rows_affected())
}

pub(crate) fn get<T: sea_orm::TryGetable>(row: &QueryResult, col: &str) -> Result<T, DbErr> {
    row.try_get::<T>("", col)
}

/// A quiz of a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizRow {
    pub id: i64,
    pub programme_id: i64,
    pub title: String,
}

fn quiz_row(r: &QueryResult) -> Result<QuizRow, DbErr> {
    Ok(QuizRow {
        id: get(r, "id")?,
        programme_id: get(r, "programme_id")?,
        title: get(r, "title")?,
    })
}

/// The programme's quizzes, oldest first.
pub async fn quizzes_of_programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
) -> Result<Vec<QuizRow>, DbErr> {
    all(
        db,
        "SELECT id, programme_id, title FROM quiz WHERE municipality_id = $1 AND programme_id = $2 ORDER BY id",
        vec![scope.m().into(), programme_id.into()],
    )
    .await?
    .iter()
    .map(quiz_row)
    .collect()
}

pub async fn quiz(
    db: &impl ConnectionTrait,
    scope: Scope,
    quiz_id: i64,
) -> Result<Option<QuizRow>, DbErr> {
    one(
        db,
        "SELECT id, programme_id, title FROM quiz WHERE municipality_id = $1 AND id = $2",
        vec![scope.m().into(), quiz_id.into()],
    )
    .await?
    .as_ref()
    .map(quiz_row)
    .transpose()
}

pub async fn create_quiz(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
    title: &str,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let row = one(
        db,
        "INSERT INTO quiz (municipality_id, programme_id, title, created_at) \
         SELECT $1, id, $3, $4 FROM programme WHERE id = $2 AND municipality_id = $1 RETURNING id",
        vec![
            scope.m().into(),
            programme_id.into(),
            title.into(),
            now.into(),
        ],
    )
    .await?
    .ok_or(DbErr::RecordNotFound("programme".into()))?;
    get(&row, "id")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionRow {
    pub id: i64,
    pub text_da: String,
    pub text_en: Option<String>,
    pub correct: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionRow {
    pub id: i64,
    pub position: i32,
    pub text_da: String,
    pub text_en: Option<String>,
    pub explanation_da: String,
    pub explanation_en: Option<String>,
    pub options: Vec<OptionRow>,
}

/// The quiz's questions in order, each with its options in order.
pub async fn questions(
    db: &impl ConnectionTrait,
    scope: Scope,
    quiz_id: i64,
) -> Result<Vec<QuestionRow>, DbErr> {
    let rows = all(
        db,
        "SELECT q.id, q.position, q.text_da, q.text_en, q.explanation_da, q.explanation_en, \
                o.id AS option_id, o.text_da AS option_da, o.text_en AS option_en, o.correct \
         FROM quiz_question q JOIN quiz z ON z.id = q.quiz_id \
         LEFT JOIN quiz_option o ON o.question_id = q.id \
         WHERE z.municipality_id = $1 AND q.quiz_id = $2 \
         ORDER BY q.position, q.id, o.position, o.id",
        vec![scope.m().into(), quiz_id.into()],
    )
    .await?;
    let mut out: Vec<QuestionRow> = Vec::new();
    for r in &rows {
        let id: i64 = get(r, "id")?;
        if out.last().is_none_or(|q| q.id != id) {
            out.push(QuestionRow {
                id,
                position: get(r, "position")?,
                text_da: get(r, "text_da")?,
                text_en: get(r, "text_en")?,
                explanation_da: get(r, "explanation_da")?,
                explanation_en: get(r, "explanation_en")?,
                options: vec![],
            });
        }
        if let Some(option_id) = get::<Option<i64>>(r, "option_id")? {
            let q = out.last_mut().expect("pushed above");
            q.options.push(OptionRow {
                id: option_id,
                text_da: get(r, "option_da")?,
                text_en: get(r, "option_en")?,
                correct: get(r, "correct")?,
            });
        }
    }
    Ok(out)
}

/// Adds a question at the end of the quiz; its id.
pub async fn add_question(
    db: &impl ConnectionTrait,
    scope: Scope,
    quiz_id: i64,
    q: &Question,
) -> Result<i64, DbErr> {
    let row = one(
        db,
        "INSERT INTO quiz_question (quiz_id, position, text_da, text_en, explanation_da, explanation_en) \
         SELECT z.id, COALESCE((SELECT MAX(position) FROM quiz_question WHERE quiz_id = z.id), 0) + 1, \
                $3, $4, $5, $6 \
         FROM quiz z WHERE z.id = $2 AND z.municipality_id = $1 RETURNING id",
        vec![
            scope.m().into(),
            quiz_id.into(),
            q.text_da.clone().into(),
            q.text_en.clone().into(),
            q.explanation_da.clone().into(),
            q.explanation_en.clone().into(),
        ],
    )
    .await?
    .ok_or(DbErr::RecordNotFound("quiz".into()))?;
    let id: i64 = get(&row, "id")?;
    for (i, (da, en, correct)) in q.options.iter().enumerate() {
        exec(
            db,
            "INSERT INTO quiz_option (question_id, position, text_da, text_en, correct) VALUES ($1, $2, $3, $4, $5)",
            vec![
                id.into(),
                (i as i32 + 1).into(),
                da.clone().into(),
                en.clone().into(),
                (*correct).into(),
            ],
        )
        .await?;
    }
    Ok(id)
}

/// Removes a question of a quiz no run has used (positions then close up);
/// false when there is none such.
pub async fn delete_question(
    db: &impl ConnectionTrait,
    scope: Scope,
    quiz_id: i64,
    question_id: i64,
) -> Result<bool, DbErr> {
    let unused = "quiz_id IN (SELECT id FROM quiz WHERE municipality_id = $1 AND id = $2) \
                  AND NOT EXISTS (SELECT 1 FROM quiz_run WHERE quiz_id = $2)";
    let Some(row) = one(
        db,
        &format!("SELECT position FROM quiz_question WHERE id = $3 AND {unused}"),
        vec![scope.m().into(), quiz_id.into(), question_id.into()],
    )
    .await?
    else {
        return Ok(false);
    };
    let position: i32 = get(&row, "position")?;
    exec(
        db,
        "DELETE FROM quiz_option WHERE question_id = $1",
        vec![question_id.into()],
    )
    .await?;
    exec(
        db,
        &format!("DELETE FROM quiz_question WHERE id = $3 AND {unused}"),
        vec![scope.m().into(), quiz_id.into(), question_id.into()],
    )
    .await?;
    // In two steps through negative places: one statement moving every
    // later question down a place may meet the unique index half-way.
    exec(
        db,
        &format!(
            "UPDATE quiz_question SET position = 1 - position WHERE position > $3 AND {unused}"
        ),
        vec![scope.m().into(), quiz_id.into(), position.into()],
    )
    .await?;
    exec(
        db,
        &format!("UPDATE quiz_question SET position = -position WHERE position < 0 AND {unused}"),
        vec![scope.m().into(), quiz_id.into()],
    )
    .await?;
    Ok(true)
}

/// How many runs a quiz has had: its questions are then kept as they were.
pub async fn run_count(
    db: &impl ConnectionTrait,
    scope: Scope,
    quiz_id: i64,
) -> Result<i64, DbErr> {
    let row = one(
        db,
        "SELECT COUNT(*) AS n FROM quiz_run WHERE municipality_id = $1 AND quiz_id = $2",
        vec![scope.m().into(), quiz_id.into()],
    )
    .await?
    .ok_or(DbErr::RecordNotFound("count".into()))?;
    get(&row, "n")
}

/// A run of a quiz in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRow {
    pub id: i64,
    pub municipality_id: i64,
    pub session_id: i64,
    pub quiz_id: i64,
    pub join_code: String,
    pub status: RunStatus,
    pub position: i32,
    pub question_count: i32,
    pub show_explanation: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

const RUN_COLUMNS: &str = "id, municipality_id, session_id, quiz_id, join_code, status, current_position, \
     question_count, show_explanation, version, created_at";

fn run_row(r: &QueryResult) -> Result<RunRow, DbErr> {
    let status: String = get(r, "status")?;
    Ok(RunRow {
        id: get(r, "id")?,
        municipality_id: get(r, "municipality_id")?,
        session_id: get(r, "session_id")?,
        quiz_id: get(r, "quiz_id")?,
        join_code: get(r, "join_code")?,
        status: RunStatus::parse(&status)
            .ok_or_else(|| DbErr::Custom(format!("unknown quiz status {status}")))?,
        position: get(r, "current_position")?,
        question_count: get(r, "question_count")?,
        show_explanation: get(r, "show_explanation")?,
        version: get(r, "version")?,
        created_at: get(r, "created_at")?,
    })
}

/// Starts a run; `Err` with a unique violation when the code is taken by an open run.
pub async fn create_run(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    quiz_id: i64,
    join_code: &str,
    now: DateTime<Utc>,
) -> Result<RunRow, DbErr> {
    let row = one(
        db,
        &format!(
            "INSERT INTO quiz_run (municipality_id, session_id, quiz_id, join_code, status, current_position, \
             question_count, show_explanation, version, created_at) \
             SELECT $1, s.id, z.id, $4, 'waiting', 0, \
                    (SELECT COUNT(*) FROM quiz_question WHERE quiz_id = z.id), false, 0, $5 \
             FROM event_session s JOIN quiz z ON z.programme_id = s.programme_id AND z.municipality_id = $1 \
             WHERE s.id = $2 AND s.municipality_id = $1 AND z.id = $3 RETURNING {RUN_COLUMNS}"
        ),
        vec![
            scope.m().into(),
            session_id.into(),
            quiz_id.into(),
            join_code.into(),
            now.into(),
        ],
    )
    .await?
    .ok_or(DbErr::RecordNotFound("quiz".into()))?;
    run_row(&row)
}

pub async fn run(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
) -> Result<Option<RunRow>, DbErr> {
    one(
        db,
        &format!("SELECT {RUN_COLUMNS} FROM quiz_run WHERE municipality_id = $1 AND id = $2"),
        vec![scope.m().into(), run_id.into()],
    )
    .await?
    .as_ref()
    .map(run_row)
    .transpose()
}

/// The run a join code opens: the open one, else the latest finished one
/// (its players still see their score). How the scope of a player is found.
pub async fn run_by_join_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<RunRow>, DbErr> {
    one(
        db,
        &format!(
            "SELECT {RUN_COLUMNS} FROM quiz_run WHERE join_code = $1 \
             ORDER BY CASE WHEN status = 'finished' THEN 1 ELSE 0 END, id DESC LIMIT 1"
        ),
        vec![code.into()],
    )
    .await?
    .as_ref()
    .map(run_row)
    .transpose()
}

/// The session's runs, newest first.
pub async fn runs_of_session(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
) -> Result<Vec<RunRow>, DbErr> {
    all(
        db,
        &format!(
            "SELECT {RUN_COLUMNS} FROM quiz_run WHERE municipality_id = $1 AND session_id = $2 ORDER BY id DESC LIMIT 50"
        ),
        vec![scope.m().into(), session_id.into()],
    )
    .await?
    .iter()
    .map(run_row)
    .collect()
}

/// The programme's runs (through its quizzes), oldest first, at most 500.
pub async fn runs_of_programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
) -> Result<Vec<RunRow>, DbErr> {
    all(
        db,
        &format!(
            "SELECT {RUN_COLUMNS} FROM quiz_run WHERE municipality_id = $1 AND quiz_id IN \
             (SELECT id FROM quiz WHERE programme_id = $2 AND municipality_id = $1) ORDER BY created_at, id LIMIT 500"
        ),
        vec![scope.m().into(), programme_id.into()],
    )
    .await?
    .iter()
    .map(run_row)
    .collect()
}

/// Moves a run from the state seen at `version` to `status` at `position`;
/// false when someone moved it meanwhile (nothing changes then).
pub async fn move_run(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
    version: i64,
    to: (RunStatus, i32),
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let finished_at: Option<DateTime<Utc>> = (to.0 == RunStatus::Finished).then_some(now);
    let n = exec(
        db,
        "UPDATE quiz_run SET status = $4, current_position = $5, show_explanation = false, \
         version = version + 1, finished_at = $6 \
         WHERE municipality_id = $1 AND id = $2 AND version = $3",
        vec![
            scope.m().into(),
            run_id.into(),
            version.into(),
            to.0.as_str().into(),
            to.1.into(),
            finished_at.into(),
        ],
    )
    .await?;
    Ok(n == 1)
}

/// Shows (or hides) the current question's explanation on the big screen.
pub async fn set_show_explanation(
    db: &impl ConnectionTrait,
    scope: Scope,
    run_id: i64,
    show: bool,
) -> Result<bool, DbErr> {
    let n = exec(
        db,
        "UPDATE quiz_run SET show_explanation = $3, version = version + 1 \
         WHERE municipality_id = $1 AND id = $2 AND status = 'question'",
        vec![scope.m().into(), run_id.into(), show.into()],
    )
    .await?;
    Ok(n == 1)
}
