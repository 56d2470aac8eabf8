//! A programme's question bank: read by those who see the programme,
//! edited by the owner's coordinators: add, edit, move up or down, and
//! delete while no run has used the quiz.

use super::*;
use samvirke_domain::quiz::{QUESTIONS_MAX, QuestionInput};
use samvirke_domain::validate::FieldProblem;

/// A programme's quiz with its questions.
#[derive(Debug, Clone)]
pub struct Bank {
    pub programme_id: i64,
    pub programme_title: String,
    /// None until the first question is added.
    pub quiz_id: Option<i64>,
    pub quiz_title: Option<String>,
    pub questions: Vec<QuestionView>,
    /// Runs have used it: questions are kept, new ones may be added.
    pub runs: i64,
    /// The actor may edit it.
    pub editable: bool,
}

/// The programme's question bank (its first quiz).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = programme_id))]
pub async fn bank(core: &Core, actor: &Actor, programme_id: i64) -> Result<Bank> {
    let (scope, p) = programme_in_scope(core, actor, programme_id, Action::Read).await?;
    let editable = programme_in_scope(core, actor, programme_id, Action::Create)
        .await
        .is_ok();
    let quiz = q::quizzes_of_programme(&core.db.read, scope, p.id)
        .await?
        .into_iter()
        .next();
    let (questions, runs) = match &quiz {
        Some(z) => (
            questions_of(core, scope, z.id).await?,
            q::run_count(&core.db.read, scope, z.id).await?,
        ),
        None => (vec![], 0),
    };
    Ok(Bank {
        programme_id: p.id,
        programme_title: p.title,
        quiz_id: quiz.as_ref().map(|z| z.id),
        quiz_title: quiz.map(|z| z.title),
        questions,
        runs,
        editable,
    })
}

/// Adds a question at the end of the programme's quiz (made on first use,
/// named after the programme).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = programme_id))]
pub async fn add_question(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
    input: &QuestionInput,
) -> Result<i64> {
    let (scope, p) = programme_in_scope(core, actor, programme_id, Action::Create).await?;
    let question = input.check().map_err(ServiceError::Invalid)?;

    let txn = core.db.begin_write().await?;
    let quiz_id = match q::quizzes_of_programme(&txn, scope, p.id).await?.first() {
        Some(z) => z.id,
        None => q::create_quiz(&txn, scope, p.id, &p.title, core.now()).await?,
    };
    // One change to a quiz at a time: the next place is then free.
    q::lock_quiz(&txn, scope, quiz_id).await?;
    if q::questions(&txn, scope, quiz_id).await?.len() >= QUESTIONS_MAX {
        return Err(ServiceError::invalid(
            "text_da",
            samvirke_domain::validate::FieldProblem::TooMany,
        ));
    }
    let id = q::add_question(&txn, scope, quiz_id, &question).await?;
    txn.commit().await?;
    Ok(id)
}

/// Removes a question of a quiz no run has used yet.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = programme_id))]
pub async fn delete_question(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
    question_id: i64,
) -> Result<()> {
    let (scope, p) = programme_in_scope(core, actor, programme_id, Action::Create).await?;
    let Some(quiz) = q::quizzes_of_programme(&core.db.read, scope, p.id)
        .await?
        .into_iter()
        .next()
    else {
        return Err(ServiceError::NotFound);
    };
    let txn = core.db.begin_write().await?;
    q::lock_quiz(&txn, scope, quiz.id).await?;
    if q::delete_question(&txn, scope, quiz.id, question_id).await? {
        txn.commit().await?;
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

/// A question as its edit form shows it.
#[derive(Debug, Clone)]
pub struct QuestionToEdit {
    pub programme_id: i64,
    pub programme_title: String,
    pub question: QuestionView,
    /// Someone has answered it: its options can no longer change.
    pub answered: bool,
}

/// The programme's quiz and one of its questions, for its coordinators.
async fn question_in_bank(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
    question_id: i64,
) -> Result<(
    Scope,
    samvirke_store::entity::programme::Model,
    i64,
    QuestionView,
)> {
    let (scope, p) = programme_in_scope(core, actor, programme_id, Action::Create).await?;
    let quiz = q::quizzes_of_programme(&core.db.read, scope, p.id)
        .await?
        .into_iter()
        .next()
        .ok_or(ServiceError::NotFound)?;
    let question = questions_of(core, scope, quiz.id)
        .await?
        .into_iter()
        .find(|x| x.id == question_id)
        .ok_or(ServiceError::NotFound)?;
    Ok((scope, p, quiz.id, question))
}

/// One question of the programme's quiz, to edit.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = programme_id))]
pub async fn question_to_edit(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
    question_id: i64,
) -> Result<QuestionToEdit> {
    let (scope, p, _, question) = question_in_bank(core, actor, programme_id, question_id).await?;
    Ok(QuestionToEdit {
        programme_id: p.id,
        programme_title: p.title,
        answered: q::question_answered(&core.db.read, scope, question.id).await?,
        question,
    })
}

/// The field an edit that would change an answered question's options is
/// refused on (with [`FieldProblem::InvalidChoice`]).
pub const OPTIONS_LOCKED_FIELD: &str = "options";

/// Saves an edited question. Its text, explanation and English may always
/// change; its options (their texts, how many, which is correct) only
/// while nobody has answered it, so results already given keep their
/// meaning. An answer that arrives during the edit wins: the edit is
/// refused.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = programme_id))]
pub async fn update_question(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
    question_id: i64,
    input: &QuestionInput,
) -> Result<()> {
    let (scope, _, quiz_id, _) = question_in_bank(core, actor, programme_id, question_id).await?;
    let question = input.check().map_err(ServiceError::Invalid)?;
    let locked = || ServiceError::invalid(OPTIONS_LOCKED_FIELD, FieldProblem::InvalidChoice);
    let txn = core.db.begin_write().await?;
    if !q::lock_quiz(&txn, scope, quiz_id).await? {
        return Err(ServiceError::NotFound);
    }
    // The options as saved now that no other change to the quiz runs.
    let Some(saved) = q::questions(&txn, scope, quiz_id)
        .await?
        .into_iter()
        .find(|x| x.id == question_id)
    else {
        return Err(ServiceError::NotFound);
    };
    let same_options = question.options.len() == saved.options.len()
        && question
            .options
            .iter()
            .zip(&saved.options)
            .all(|((da, en, correct), o)| {
                *da == o.text_da && *en == o.text_en && *correct == o.correct
            });
    if !q::update_question_texts(&txn, scope, quiz_id, question_id, &question).await? {
        return Err(ServiceError::NotFound);
    }
    if !same_options {
        if q::question_answered(&txn, scope, question_id).await? {
            return Err(locked());
        }
        if !q::replace_options(&txn, scope, question_id, saved.options.len(), &question).await? {
            txn.rollback().await?;
            return Err(locked());
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Which way a question moves in its quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// What came of a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    Done,
    /// Already first (up) or last (down): nothing changed.
    AtEdge,
    /// A run of the quiz is showing its questions now; the order waits.
    RunShowing,
}

/// How long a run that shows a question keeps the order fixed: a run left
/// in the middle for longer no longer holds the bank back.
const RUN_HOLDS_ORDER_HOURS: i64 = 12;

/// Moves a question one place up or down, swapping with its neighbour, in
/// a transaction that holds the quiz's lock: moves at once happen one
/// after the other, and the places stay 1, 2, 3, ….
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = programme_id))]
pub async fn move_question(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
    question_id: i64,
    direction: Direction,
) -> Result<Moved> {
    let (scope, _, quiz_id, _) = question_in_bank(core, actor, programme_id, question_id).await?;
    let txn = core.db.begin_write().await?;
    if !q::lock_quiz(&txn, scope, quiz_id).await? {
        return Err(ServiceError::NotFound);
    }
    let since = core.now() - chrono::Duration::hours(RUN_HOLDS_ORDER_HOURS);
    if q::run_showing_question(&txn, scope, quiz_id, since).await? {
        return Ok(Moved::RunShowing);
    }
    let step = match direction {
        Direction::Up => -1,
        Direction::Down => 1,
    };
    if !q::move_question(&txn, scope, quiz_id, question_id, step).await? {
        return Ok(Moved::AtEdge);
    }
    txn.commit().await?;
    Ok(Moved::Done)
}
