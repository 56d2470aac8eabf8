//! Paper mode: printable answer sheets (one per participant, boxes A–D per
//! question) and a keyboard-only grid where staff type each sheet's letters,
//! one row per sheet; Enter saves the row.

use crate::http::{FormData, StaffCtx};
use crate::pages::errors::PageError;
use crate::pages::{Chrome, chrome, render};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::quiz::LETTERS;
use samvirke_service::ServiceError;
use samvirke_service::quiz::{self as svc, PaperRun, cell_field};
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "quiz/sheets.html")]
struct SheetsPage {
    c: Chrome,
    p: PaperRun,
    sheets: Vec<i32>,
}

impl SheetsPage {
    fn letters(&self, n: usize) -> Vec<char> {
        LETTERS.iter().take(n).copied().collect()
    }
}

/// `/quiz-koersel/{run}/ark?antal=N`: N sheets to print (at most 200).
pub async fn sheets(
    StaffCtx { ctx, me }: StaffCtx,
    Path(run_id): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let p = svc::paper_run(&ctx.state.core, &me.as_actor(), run_id).await?;
    let count = q
        .get("antal")
        .and_then(|n| n.parse::<i32>().ok())
        .unwrap_or(10)
        .clamp(1, 200);
    let mut c = chrome(&ctx, "quiz-sheets-title", "/sessions").await?;
    c.nav.clear();
    Ok(render(&SheetsPage {
        c,
        p,
        sheets: (1..=count).collect(),
    }))
}

pub(crate) struct Cell {
    pub field: &'static str,
    pub value: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "quiz/grid.html")]
struct GridPage {
    c: Chrome,
    p: PaperRun,
    sheet: String,
    sheet_error: Option<String>,
    cells: Vec<Cell>,
}

impl GridPage {
    fn letters(&self, row: &[Option<char>]) -> String {
        row.iter()
            .map(|l| l.map_or("–".to_string(), |l| l.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }
    fn next_sheet(&self) -> i32 {
        self.p.sheets.iter().map(|s| s.0).max().unwrap_or(0) + 1
    }
}

async fn grid(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    run_id: i64,
    typed: Option<(String, Vec<String>)>,
    errors: samvirke_domain::validate::FieldErrors,
) -> Result<Response, PageError> {
    let p = svc::paper_run(&ctx.state.core, &me.as_actor(), run_id).await?;
    let mut c = chrome(ctx, "quiz-grid-title", "/sessions").await?;
    let cell_error = |n: usize| {
        errors
            .get(cell_field(n))
            .map(|_| ctx.loc.t1("quiz-cell-invalid", "n", &n.to_string()))
    };
    let sheet_error = errors.get("sheet").map(|pr| {
        format!(
            "{}: {}",
            ctx.loc.t("quiz-sheet-number"),
            ctx.loc.problem(pr)
        )
    });
    c.errors = sheet_error
        .iter()
        .map(|m| crate::pages::SummaryItem {
            field: "sheet".into(),
            message: m.clone(),
        })
        .chain((1..=p.questions.len()).filter_map(|n| {
            cell_error(n).map(|m| crate::pages::SummaryItem {
                field: cell_field(n).into(),
                message: m,
            })
        }))
        .collect();
    let (sheet, values) = typed.unwrap_or_default();
    let cells = (1..=p.questions.len())
        .map(|n| Cell {
            field: cell_field(n),
            value: values.get(n - 1).cloned().unwrap_or_default(),
            error: cell_error(n),
        })
        .collect();
    let invalid = !errors.is_empty();
    let mut res = render(&GridPage {
        sheet_error,
        c,
        p,
        sheet,
        cells,
    });
    if invalid {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `/quiz-koersel/{run}/papir`: the typing grid.
pub async fn page(
    StaffCtx { ctx, me }: StaffCtx,
    Path(run_id): Path<i64>,
) -> Result<Response, PageError> {
    grid(&ctx, &me, run_id, None, Default::default()).await
}

/// Saves one sheet's row; errors name the cell, and what was typed stays.
pub async fn save(
    StaffCtx { ctx, me }: StaffCtx,
    Path(run_id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let sheet: String = form.get("sheet").chars().take(10).collect();
    let cells: Vec<String> = (1..=30)
        .map(|n| form.get(cell_field(n)).chars().take(5).collect::<String>())
        .collect();
    let p = svc::paper_run(&ctx.state.core, &me.as_actor(), run_id).await?;
    let cells: Vec<String> = cells.into_iter().take(p.questions.len()).collect();
    match svc::save_sheet(&ctx.state.core, &me.as_actor(), run_id, &sheet, &cells).await {
        Ok(()) => {
            ctx.state.quiz_live.notify(run_id);
            Ok(Redirect::to(&format!(
                "/quiz-koersel/{run_id}/papir?notice=quiz-sheet-saved"
            ))
            .into_response())
        }
        Err(ServiceError::Invalid(e)) => grid(&ctx, &me, run_id, Some((sheet, cells)), e).await,
        Err(e) => Err(e.into()),
    }
}
