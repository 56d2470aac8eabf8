//! Changing a quiz's questions: their texts, their options (only while
//! nobody has answered them) and their order. Every change first takes the
//! quiz's lock ([`lock_quiz`]), so changes to one quiz happen one at a
//! time and the places stay 1, 2, 3, … (also held by a unique index).

use super::{exec, get, one};
use crate::Scope;
use chrono::{DateTime, Utc};
use samvirke_domain::quiz::Question;
use sea_orm::{ConnectionTrait, DbErr};

/// Takes the quiz's lock for the rest of the transaction (PostgreSQL: the
/// row lock; SQLite: the write lock, on the one write connection). False
/// when there is no such quiz.
pub async fn lock_quiz(
    db: &impl ConnectionTrait,
    scope: Scope,
    quiz_id: i64,
) -> Result<bool, DbErr> {
    Ok(exec(
        db,
        "UPDATE quiz SET title = title WHERE municipality_id = $1 AND id = $2",
        vec![scope.m().into(), quiz_id.into()],
    )
    .await?
        == 1)
}

/// Whether anyone has answered the question of the scope, in any run.
pub async fn question_answered(
    db: &impl ConnectionTrait,
    scope: Scope,
    question_id: i64,
) -> Result<bool, DbErr> {
    Ok(one(
        db,
        "SELECT 1 AS x FROM quiz_answer a JOIN quiz_run r ON r.id = a.run_id \
         WHERE a.question_id = $2 AND r.municipality_id = $1 LIMIT 1",
        vec![scope.m().into(), question_id.into()],
    )
    .await?
    .is_some())
}

/// Whether the question is one of a quiz of the scope.
async fn question_in_scope(
    db: &impl ConnectionTrait,
    scope: Scope,
    question_id: i64,
) -> Result<bool, DbErr> {
    Ok(one(
        db,
        "SELECT 1 AS x FROM quiz_question q JOIN quiz z ON z.id = q.quiz_id \
         WHERE q.id = $2 AND z.municipality_id = $1",
        vec![scope.m().into(), question_id.into()],
    )
    .await?
    .is_some())
}

/// Whether a run of the quiz started after `since` shows a question now:
/// its questions are then asked by their places, which must not change.
pub async fn run_showing_question(
    db: &impl ConnectionTrait,
    scope: Scope,
    quiz_id: i64,
    since: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(one(
        db,
        "SELECT 1 AS x FROM quiz_run WHERE municipality_id = $1 AND quiz_id = $2 \
         AND status = 'question' AND created_at > $3 LIMIT 1",
        vec![scope.m().into(), quiz_id.into(), since.into()],
    )
    .await?
    .is_some())
}

/// Saves a question's texts and explanations; false when the quiz of the
/// scope has no such question.
pub async fn update_question_texts(
    db: &impl ConnectionTrait,
    scope: Scope,
    quiz_id: i64,
    question_id: i64,
    q: &Question,
) -> Result<bool, DbErr> {
    Ok(exec(
        db,
        "UPDATE quiz_question SET text_da = $4, text_en = $5, explanation_da = $6, explanation_en = $7 \
         WHERE id = $3 AND quiz_id = $2 AND quiz_id IN (SELECT id FROM quiz WHERE municipality_id = $1)",
        vec![
            scope.m().into(),
            quiz_id.into(),
            question_id.into(),
            q.text_da.clone().into(),
            q.text_en.clone().into(),
            q.explanation_da.clone().into(),
            q.explanation_en.clone().into(),
        ],
    )
    .await?
        == 1)
}

/// Replaces the options of a question of a quiz of the scope, in order, as
/// long as nobody has answered it: each statement checks that again, so
/// an answer that arrives meanwhile makes this return false and the
/// caller rolls back. `had` is how many options the question had.
pub async fn replace_options(
    db: &impl ConnectionTrait,
    scope: Scope,
    question_id: i64,
    had: usize,
    q: &Question,
) -> Result<bool, DbErr> {
    if !question_in_scope(db, scope, question_id).await? {
        return Ok(false);
    }
    const UNANSWERED: &str = "NOT EXISTS (SELECT 1 FROM quiz_answer WHERE question_id = $1)";
    for (i, (da, en, correct)) in q.options.iter().enumerate() {
        let values = vec![
            question_id.into(),
            (i as i32 + 1).into(),
            da.clone().into(),
            en.clone().into(),
            (*correct).into(),
        ];
        let sql = if i < had {
            format!(
                "UPDATE quiz_option SET text_da = $3, text_en = $4, correct = $5 \
                 WHERE question_id = $1 AND position = $2 AND {UNANSWERED}"
            )
        } else {
            format!(
                "INSERT INTO quiz_option (question_id, position, text_da, text_en, correct) \
                 SELECT $1, $2, $3, $4, $5 WHERE {UNANSWERED}"
            )
        };
        if exec(db, &sql, values).await? != 1 {
            return Ok(false);
        }
    }
    let extra = had.saturating_sub(q.options.len()) as u64;
    let removed = exec(
        db,
        &format!(
            "DELETE FROM quiz_option WHERE question_id = $1 AND position > $2 AND {UNANSWERED}"
        ),
        vec![question_id.into(), (q.options.len() as i32).into()],
    )
    .await?;
    Ok(removed == extra)
}

/// Moves a question of the scope's quiz one place up (`-1`) or down
/// (`1`), swapping with its neighbour; false when it is already first or
/// last, or not there. Hold the quiz's lock.
pub async fn move_question(
    db: &impl ConnectionTrait,
    scope: Scope,
    quiz_id: i64,
    question_id: i64,
    step: i32,
) -> Result<bool, DbErr> {
    let in_quiz = "quiz_id = $2 AND quiz_id IN (SELECT id FROM quiz WHERE municipality_id = $1)";
    let Some(row) = one(
        db,
        &format!("SELECT position FROM quiz_question WHERE id = $3 AND {in_quiz}"),
        vec![scope.m().into(), quiz_id.into(), question_id.into()],
    )
    .await?
    else {
        return Ok(false);
    };
    let from: i32 = get(&row, "position")?;
    let to = from + step;
    let Some(row) = one(
        db,
        &format!("SELECT id FROM quiz_question WHERE position = $3 AND {in_quiz}"),
        vec![scope.m().into(), quiz_id.into(), to.into()],
    )
    .await?
    else {
        return Ok(false);
    };
    let neighbour: i64 = get(&row, "id")?;
    // Place 0 is never a question's: the moving one waits there while its
    // neighbour takes its place (the unique index forbids two at one).
    for (id, position) in [(question_id, 0), (neighbour, from), (question_id, to)] {
        exec(
            db,
            &format!("UPDATE quiz_question SET position = $4 WHERE id = $3 AND {in_quiz}"),
            vec![scope.m().into(), quiz_id.into(), id.into(), position.into()],
        )
        .await?;
    }
    Ok(true)
}
