//! The "7 rigtige" quiz, a folder by job: `bank` (a programme's questions),
//! `run` (a run in a session: start, advance, the presenter's view, the
//! results), `play` (participants with a join code and a player token,
//! no account), `paper` (sheets typed in by staff).
//!
//! State lives in the database; the live pages are told of changes but
//! always read what they show from here.

mod bank;
mod paper;
mod play;
mod run;

pub use bank::*;
pub use paper::*;
pub use play::*;
pub use run::*;

use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use samvirke_domain::quiz::{LETTERS, RunStatus};
use samvirke_domain::{Action, Actor, MunicipalityId, OrgId, Resource};
use samvirke_store::quiz::{self as q, QuestionRow, RunRow};
use samvirke_store::{Scope, sessions};

/// One option of a question, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionView {
    pub id: i64,
    /// A, B, C or D.
    pub letter: char,
    pub text_da: String,
    pub text_en: Option<String>,
    pub correct: bool,
}

/// A question of a quiz, with its place in it (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionView {
    pub id: i64,
    pub number: i32,
    pub text_da: String,
    pub text_en: Option<String>,
    pub explanation_da: String,
    pub explanation_en: Option<String>,
    pub options: Vec<OptionView>,
}

impl QuestionView {
    fn from_row(number: i32, q: QuestionRow) -> Self {
        QuestionView {
            id: q.id,
            number,
            text_da: q.text_da,
            text_en: q.text_en,
            explanation_da: q.explanation_da,
            explanation_en: q.explanation_en,
            options: q
                .options
                .into_iter()
                .zip(LETTERS)
                .map(|(o, letter)| OptionView {
                    id: o.id,
                    letter,
                    text_da: o.text_da,
                    text_en: o.text_en,
                    correct: o.correct,
                })
                .collect(),
        }
    }

    /// The correct option's letter.
    pub fn correct_letter(&self) -> Option<char> {
        self.options.iter().find(|o| o.correct).map(|o| o.letter)
    }
}

/// A run as everyone may see it (no answers, no players).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunInfo {
    pub id: i64,
    pub municipality: MunicipalityId,
    pub session_id: i64,
    pub join_code: String,
    pub status: RunStatus,
    /// The current question's number; 0 while waiting.
    pub position: i32,
    pub question_count: i32,
    pub show_explanation: bool,
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&RunRow> for RunInfo {
    fn from(r: &RunRow) -> Self {
        RunInfo {
            id: r.id,
            municipality: MunicipalityId(r.municipality_id),
            session_id: r.session_id,
            join_code: r.join_code.clone(),
            status: r.status,
            position: r.position,
            question_count: r.question_count,
            show_explanation: r.show_explanation,
            version: r.version,
            created_at: r.created_at,
        }
    }
}

fn scope_of(run: &RunRow) -> Scope {
    Scope::new(MunicipalityId(run.municipality_id))
}

/// The quiz's questions, numbered.
async fn questions_of(core: &Core, scope: Scope, quiz_id: i64) -> Result<Vec<QuestionView>> {
    Ok(q::questions(&core.db.read, scope, quiz_id)
        .await?
        .into_iter()
        .zip(1..)
        .map(|(row, n)| QuestionView::from_row(n, row))
        .collect())
}

/// The run's current question, if it shows one.
async fn current_question(core: &Core, run: &RunRow) -> Result<Option<QuestionView>> {
    if run.status != RunStatus::Question {
        return Ok(None);
    }
    let all = questions_of(core, scope_of(run), run.quiz_id).await?;
    Ok(all.into_iter().find(|q| q.number == run.position))
}

/// A programme of the actor's municipality that the policy lets them act on.
pub(crate) async fn programme_in_scope(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
    action: Action,
) -> Result<(Scope, samvirke_store::entity::programme::Model)> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let p = sessions::programme(&core.db.read, scope, programme_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let partners = sessions::partners(&core.db.read, scope, &[p.id]).await?;
    let partner = partners
        .iter()
        .find(|x| x.organisation_id == me.org.0)
        .and_then(|x| x.level());
    require(
        actor,
        action,
        Resource::Joint {
            municipality: me.municipality,
            owner: OrgId(p.organisation_id),
            partner,
        },
    )?;
    Ok((scope, p))
}

/// A run of the actor's municipality whose session the policy lets them act on.
async fn run_for_staff(core: &Core, actor: &Actor, run_id: i64, action: Action) -> Result<RunRow> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let run = q::run(&core.db.read, scope, run_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    crate::sessions::session_in_scope(core, actor, run.session_id, action).await?;
    Ok(run)
}
