//! Playing with a phone: no account; the join code finds the run, and the
//! player token (kept in a cookie and in the page) is the right to answer.
//! The token is stored only as its hash.

use super::*;
use samvirke_domain::Conflict;
use samvirke_domain::quiz::{is_join_code, nickname, normalise_join_code};
use samvirke_store::quiz_play as play;

/// The run a typed join code opens.
pub async fn public_run(core: &Core, code: &str) -> Result<(RunInfo, Option<QuestionView>)> {
    let run = run_by_code(core, code).await?;
    let question = current_question(core, &run).await?;
    Ok((RunInfo::from(&run), question))
}

async fn run_by_code(core: &Core, code: &str) -> Result<RunRow> {
    let code = normalise_join_code(code);
    if !is_join_code(&code) {
        return Err(ServiceError::NotFound);
    }
    q::run_by_join_code(&core.db.read, &code)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Joins the run of a join code; the new player's token (shown once).
#[tracing::instrument(skip_all, fields(resource = "quiz_run"))]
pub async fn join(core: &Core, code: &str, nick: &str) -> Result<(RunInfo, String)> {
    let nick = nickname(nick).map_err(|p| ServiceError::invalid("nickname", p))?;
    let run = run_by_code(core, code).await?;
    if run.status == RunStatus::Finished {
        return Err(ServiceError::Conflict(Conflict::QuizFinished));
    }
    let token = crate::secret::new_token();
    let hash = crate::secret::token_hash(&token);
    play::add_player(
        &core.db.write,
        scope_of(&run),
        run.id,
        &hash,
        nick.as_deref(),
        core.now(),
    )
    .await?
    .ok_or(ServiceError::Conflict(Conflict::QuizFinished))?;
    Ok((RunInfo::from(&run), token))
}

/// What a player sees: the run, the current question, their answer to it,
/// and their score.
#[derive(Debug, Clone)]
pub struct PlayerView {
    pub run: RunInfo,
    pub nickname: Option<String>,
    pub question: Option<QuestionView>,
    /// The option chosen for the current question, and whether it was right.
    pub answered: Option<(i64, bool)>,
    /// Correct answers so far.
    pub score: u32,
    pub answers: usize,
}

async fn player_of(core: &Core, run: &RunRow, token: &str) -> Result<play::PlayerRow> {
    if token.is_empty() || token.len() > 100 {
        return Err(ServiceError::NotFound);
    }
    let hash = crate::secret::token_hash(token);
    play::player_by_token(&core.db.read, scope_of(run), run.id, &hash)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The player's view of the run; `NotFound` for a token not of this run.
pub async fn player_view(core: &Core, code: &str, token: &str) -> Result<PlayerView> {
    let run = run_by_code(core, code).await?;
    let player = player_of(core, &run, token).await?;
    let question = current_question(core, &run).await?;
    let answers = play::answers_of_player(&core.db.read, scope_of(&run), player.id).await?;
    let answered = question
        .as_ref()
        .and_then(|qv| answers.iter().find(|a| a.0 == qv.id).map(|a| (a.1, a.2)));
    Ok(PlayerView {
        run: RunInfo::from(&run),
        nickname: player.nickname,
        question,
        answered,
        score: answers.iter().filter(|a| a.2).count() as u32,
        answers: answers.len(),
    })
}

/// Records a player's answer to the current question: whether it was right.
/// A second answer to it, or one to a question not current: a conflict.
#[tracing::instrument(skip_all, fields(resource = "quiz_run"))]
pub async fn answer(
    core: &Core,
    code: &str,
    token: &str,
    question_id: i64,
    option_id: i64,
) -> Result<bool> {
    let run = run_by_code(core, code).await?;
    let player = player_of(core, &run, token).await?;
    let scope = scope_of(&run);
    let saved = play::answer(
        &core.db.write,
        scope,
        run.id,
        player.id,
        question_id,
        option_id,
        core.now(),
    )
    .await;
    match saved {
        Ok(Some(correct)) => Ok(correct),
        Err(e) if samvirke_store::is_unique_violation(&e) => {
            Err(ServiceError::Conflict(Conflict::AlreadyAnswered))
        }
        Err(e) => Err(e.into()),
        Ok(None) => {
            // Why nothing was saved, read after the fact.
            let now_run = q::run(&core.db.read, scope, run.id)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let current = current_question(core, &now_run).await?;
            match current {
                Some(qv) if qv.id == question_id => {
                    if play::answers_of_player(&core.db.read, scope, player.id)
                        .await?
                        .iter()
                        .any(|a| a.0 == question_id)
                    {
                        Err(ServiceError::Conflict(Conflict::AlreadyAnswered))
                    } else {
                        // The question is current: the option is not one of its.
                        Err(ServiceError::invalid(
                            "option_id",
                            samvirke_domain::validate::FieldProblem::InvalidChoice,
                        ))
                    }
                }
                _ if now_run.status == RunStatus::Finished => {
                    Err(ServiceError::Conflict(Conflict::QuizFinished))
                }
                _ => Err(ServiceError::Conflict(Conflict::QuestionNotCurrent)),
            }
        }
    }
}
