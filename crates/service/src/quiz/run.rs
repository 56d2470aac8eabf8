//! A run of a quiz in a session, for staff: start it, move it on, show the
//! explanation, the presenter's view with live tallies, and the results.

use super::*;
use samvirke_domain::Conflict;
use samvirke_domain::quiz::{self as rules, join_code_from};
use samvirke_store::quiz_play as play;

#[derive(Debug, Clone)]
pub struct RunStarted {
    pub run_id: i64,
    pub join_code: String,
}

/// Starts a run of a quiz of the session's programme (its first quiz when
/// none is named) with a fresh join code. Staff who run the session may.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = session_id))]
pub async fn start_run(
    core: &Core,
    actor: &Actor,
    session_id: i64,
    quiz_id: Option<i64>,
) -> Result<RunStarted> {
    let s = crate::sessions::session_in_scope(core, actor, session_id, Action::Update).await?;
    let quiz_id = match quiz_id {
        Some(id) => id,
        None => q::quizzes_of_programme(&core.db.read, s.scope, s.session.programme_id)
            .await?
            .first()
            .map(|z| z.id)
            .ok_or(ServiceError::NotFound)?,
    };
    // A code taken by an open run fails on the unique index: draw again.
    for _ in 0..20 {
        let code = join_code_from(rand::random::<u32>());
        match q::create_run(
            &core.db.write,
            s.scope,
            session_id,
            quiz_id,
            &code,
            core.now(),
        )
        .await
        {
            Ok(run) => {
                return Ok(RunStarted {
                    run_id: run.id,
                    join_code: run.join_code,
                });
            }
            Err(sea_orm::DbErr::RecordNotFound(_)) => return Err(ServiceError::NotFound),
            Err(e) if samvirke_store::is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ServiceError::Internal("no free join code".into()))
}

/// The session's runs, newest first.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = session_id))]
pub async fn runs_of_session(core: &Core, actor: &Actor, session_id: i64) -> Result<Vec<RunInfo>> {
    let s = crate::sessions::session_in_scope(core, actor, session_id, Action::Read).await?;
    Ok(q::runs_of_session(&core.db.read, s.scope, session_id)
        .await?
        .iter()
        .map(RunInfo::from)
        .collect())
}

/// What the state of a run is after a move: the run and its current question.
#[derive(Debug, Clone)]
pub struct RunState {
    pub run: RunInfo,
    pub question: Option<QuestionView>,
}

/// Moves the run to its next question, or to finished after the last.
/// Two presses at once move it once: the second sees the new state.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "quiz_run", resource_id = run_id))]
pub async fn advance(core: &Core, actor: &Actor, run_id: i64) -> Result<RunState> {
    let run = run_for_staff(core, actor, run_id, Action::Update).await?;
    let to = rules::advance(run.status, run.position, run.question_count)
        .ok_or(ServiceError::Conflict(Conflict::QuizFinished))?;
    let scope = scope_of(&run);
    q::move_run(&core.db.write, scope, run.id, run.version, to, core.now()).await?;
    let run = q::run(&core.db.write, scope, run.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(RunState {
        question: current_question(core, &run).await?,
        run: RunInfo::from(&run),
    })
}

/// Shows or hides the current question's explanation on the big screen.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "quiz_run", resource_id = run_id))]
pub async fn show_explanation(core: &Core, actor: &Actor, run_id: i64, show: bool) -> Result<()> {
    let run = run_for_staff(core, actor, run_id, Action::Update).await?;
    if q::set_show_explanation(&core.db.write, scope_of(&run), run.id, show).await? {
        Ok(())
    } else {
        Err(ServiceError::Conflict(Conflict::QuestionNotCurrent))
    }
}

/// What the presenter's big screen shows.
#[derive(Debug, Clone)]
pub struct PresenterView {
    pub run: RunInfo,
    pub players: i64,
    pub question: Option<QuestionView>,
    /// How many chose each option of the current question, in its order.
    pub tally: Vec<i64>,
    /// After the last question.
    pub results: Option<RunResults>,
    /// Changes whenever anything shown may change.
    pub fingerprint: (i64, i64, i64),
}

/// The presenter's view of a run.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "quiz_run", resource_id = run_id))]
pub async fn presenter_view(core: &Core, actor: &Actor, run_id: i64) -> Result<PresenterView> {
    let run = run_for_staff(core, actor, run_id, Action::Read).await?;
    presenter_view_of(core, run).await
}

async fn presenter_view_of(core: &Core, run: RunRow) -> Result<PresenterView> {
    let scope = scope_of(&run);
    let fingerprint = play::fingerprint(&core.db.read, scope, run.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let question = current_question(core, &run).await?;
    let tally = match &question {
        Some(qv) => {
            let counts = play::tally(&core.db.read, scope, run.id, qv.id).await?;
            qv.options
                .iter()
                .map(|o| counts.iter().find(|c| c.0 == o.id).map_or(0, |c| c.1))
                .collect()
        }
        None => vec![],
    };
    let results = match run.status {
        RunStatus::Finished => Some(results_of(core, &run).await?),
        _ => None,
    };
    Ok(PresenterView {
        players: fingerprint.1,
        run: RunInfo::from(&run),
        question,
        tally,
        results,
        fingerprint,
    })
}

/// What changes when anything shown of a run may change (its version, its
/// players, its answers: counts only), for the live pages' change check.
pub async fn live_fingerprint(
    core: &Core,
    municipality: MunicipalityId,
    run_id: i64,
) -> Result<Option<(i64, i64, i64)>> {
    Ok(play::fingerprint(&core.db.read, Scope::new(municipality), run_id).await?)
}

/// One question's share of correct answers in a run.
#[derive(Debug, Clone)]
pub struct QuestionResult {
    pub question: QuestionView,
    pub answers: i64,
    pub correct: i64,
    /// Correct answers out of all players (no answer counts as wrong); 0 without players.
    pub correct_share: f64,
}

#[derive(Debug, Clone)]
pub struct RunResults {
    pub run: RunInfo,
    pub players: u64,
    /// The count of players with each score from 0 to the number of questions.
    pub distribution: Vec<u64>,
    /// The average score; 0 without players.
    pub average: f64,
    pub questions: Vec<QuestionResult>,
}

impl RunResults {
    /// The questions, hardest (lowest share correct) first.
    pub fn hardest(&self) -> Vec<&QuestionResult> {
        let mut v: Vec<&QuestionResult> = self.questions.iter().collect();
        v.sort_by(|a, b| a.correct_share.total_cmp(&b.correct_share));
        v
    }
}

/// A run's results: the score distribution and each question's correctness.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "quiz_run", resource_id = run_id))]
pub async fn results(core: &Core, actor: &Actor, run_id: i64) -> Result<RunResults> {
    let run = run_for_staff(core, actor, run_id, Action::Read).await?;
    results_of(core, &run).await
}

async fn results_of(core: &Core, run: &RunRow) -> Result<RunResults> {
    let scope = scope_of(run);
    let scores = play::scores(&core.db.read, scope, run.id).await?;
    let count = u32::try_from(run.question_count).unwrap_or(0);
    let players = scores.len() as u64;
    let questions = questions_of(core, scope, run.quiz_id).await?;
    let counts = play::question_counts(&core.db.read, scope, run.id).await?;
    let questions = questions
        .into_iter()
        .filter(|qv| qv.number <= run.question_count)
        .map(|qv| {
            let (answers, correct) = counts
                .iter()
                .find(|c| c.0 == qv.id)
                .map_or((0, 0), |c| (c.1, c.2));
            QuestionResult {
                correct_share: if players == 0 {
                    0.0
                } else {
                    correct as f64 / players as f64
                },
                question: qv,
                answers,
                correct,
            }
        })
        .collect();
    let total: u64 = scores.iter().map(|&s| u64::from(s)).sum();
    Ok(RunResults {
        run: RunInfo::from(run),
        players,
        distribution: rules::score_distribution(&scores, count),
        average: if players == 0 {
            0.0
        } else {
            total as f64 / players as f64
        },
        questions,
    })
}

/// A programme's quiz results over time: each run's results, oldest first.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = programme_id))]
pub async fn programme_results(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
) -> Result<(String, Vec<RunResults>)> {
    let (scope, p) = programme_in_scope(core, actor, programme_id, Action::Read).await?;
    let mut out = Vec::new();
    for run in q::runs_of_programme(&core.db.read, scope, p.id).await? {
        out.push(results_of(core, &run).await?);
    }
    Ok((p.title, out))
}
