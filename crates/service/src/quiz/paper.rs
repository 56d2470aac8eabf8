//! Paper mode: printed answer sheets, typed in by staff one row per sheet.
//! A sheet is a player of the run; its answers count in the same results.

use super::*;
use samvirke_domain::quiz::{SheetCell, sheet_cell};
use samvirke_domain::validate::{FieldErrors, FieldProblem};
use samvirke_store::quiz_play as play;

/// The field of the n-th cell (1-based) of a typed row: `q1` … `q30`.
pub fn cell_field(n: usize) -> &'static str {
    const NAMES: [&str; 30] = [
        "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14",
        "q15", "q16", "q17", "q18", "q19", "q20", "q21", "q22", "q23", "q24", "q25", "q26", "q27",
        "q28", "q29", "q30",
    ];
    NAMES.get(n.wrapping_sub(1)).copied().unwrap_or("sheet")
}

/// The most sheets one run takes.
pub const SHEETS_MAX: i32 = 500;

/// What the sheets and the typing grid need: the run, its questions and the
/// sheets typed so far with their letters.
#[derive(Debug, Clone)]
pub struct PaperRun {
    pub run: RunInfo,
    pub questions: Vec<QuestionView>,
    /// (sheet number, a letter or a blank per question).
    pub sheets: Vec<(i32, Vec<Option<char>>)>,
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "quiz_run", resource_id = run_id))]
pub async fn paper_run(core: &Core, actor: &Actor, run_id: i64) -> Result<PaperRun> {
    let run = run_for_staff(core, actor, run_id, Action::Update).await?;
    let scope = scope_of(&run);
    let questions: Vec<QuestionView> = questions_of(core, scope, run.quiz_id)
        .await?
        .into_iter()
        .filter(|q| q.number <= run.question_count)
        .collect();
    let sheets = play::paper_sheets(&core.db.read, scope, run.id)
        .await?
        .into_iter()
        .map(|(sheet, answers)| {
            let letters = questions
                .iter()
                .map(|qv| {
                    answers
                        .iter()
                        .find(|a| a.0 == qv.id)
                        .and_then(|a| qv.options.iter().find(|o| o.id == a.1).map(|o| o.letter))
                })
                .collect();
            (sheet, letters)
        })
        .collect();
    Ok(PaperRun {
        run: RunInfo::from(&run),
        questions,
        sheets,
    })
}

/// Saves one typed sheet: its number and a letter (or blank) per question.
/// Typing the same sheet again replaces its answers. Errors name the cell.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "quiz_run", resource_id = run_id))]
pub async fn save_sheet(
    core: &Core,
    actor: &Actor,
    run_id: i64,
    sheet: &str,
    cells: &[String],
) -> Result<()> {
    let run = run_for_staff(core, actor, run_id, Action::Update).await?;
    let scope = scope_of(&run);
    let questions: Vec<QuestionView> = questions_of(core, scope, run.quiz_id)
        .await?
        .into_iter()
        .filter(|q| q.number <= run.question_count)
        .collect();
    let mut e = FieldErrors::default();
    let number = match sheet.trim().parse::<i32>() {
        Ok(n) if (1..=SHEETS_MAX).contains(&n) => Some(n),
        Ok(_) => {
            e.add("sheet", FieldProblem::OutOfRange);
            None
        }
        Err(_) if sheet.trim().is_empty() => {
            e.add("sheet", FieldProblem::Required);
            None
        }
        Err(_) => {
            e.add("sheet", FieldProblem::InvalidNumber);
            None
        }
    };
    if cells.len() > questions.len() {
        e.add("sheet", FieldProblem::TooMany);
    }
    let mut answers = Vec::new();
    for (i, qv) in questions.iter().enumerate() {
        let cell = cells.get(i).map_or("", String::as_str);
        match sheet_cell(cell, qv.options.len()) {
            Ok(SheetCell::Option(k)) => answers.push((qv.id, qv.options[k].id)),
            Ok(SheetCell::Blank) => {}
            Err(p) => e.add(cell_field(i + 1), p),
        }
    }
    let Some(number) = number.filter(|_| e.is_empty()) else {
        return Err(ServiceError::Invalid(e));
    };

    let txn = core.db.begin_write().await?;
    let player = play::paper_player(&txn, scope, run.id, number, core.now())
        .await?
        .ok_or(ServiceError::NotFound)?;
    play::replace_paper_answers(&txn, scope, run.id, player, &answers, core.now()).await?;
    txn.commit().await?;
    Ok(())
}
