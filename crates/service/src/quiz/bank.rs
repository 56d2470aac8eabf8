//! A programme's question bank: read by those who see the programme,
//! edited by the owner's coordinators.

use super::*;
use samvirke_domain::quiz::{QUESTIONS_MAX, QuestionInput};

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
    if q::delete_question(&txn, scope, quiz.id, question_id).await? {
        txn.commit().await?;
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}
