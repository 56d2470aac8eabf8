//! A programme's question bank: the questions in order with buttons to
//! move each up or down, a form to add one (2–4 options, one correct, an
//! explanation; English optional), and one to edit one (the options of an
//! answered question stay as they are).

use crate::http::{FormData, StaffCtx};
use crate::pages::errors::PageError;
use crate::pages::{Chrome, chrome, render};
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::quiz::{OPTIONS_MAX, QuestionInput, option_field};
use samvirke_domain::validate::{FieldErrors, FieldProblem};
use samvirke_service::ServiceError;
use samvirke_service::quiz::{self as svc, Bank, Direction, Moved, QuestionToEdit};

pub(crate) struct OptionRow {
    pub n: usize,
    pub da: String,
    pub en: String,
    pub correct: bool,
    pub da_error: Option<String>,
    pub en_error: Option<String>,
}

/// The four option rows of the form, as typed, with their problems.
fn option_rows(
    ctx: &crate::http::Ctx,
    input: &QuestionInput,
    errors: &FieldErrors,
) -> Vec<OptionRow> {
    (0..OPTIONS_MAX)
        .map(|i| {
            let (da, en) = input.options.get(i).cloned().unwrap_or_default();
            OptionRow {
                n: i + 1,
                da,
                en,
                correct: input.correct == Some(i),
                da_error: errors
                    .get(option_field(i, "da"))
                    .map(|p| ctx.loc.problem(p)),
                en_error: errors
                    .get(option_field(i, "en"))
                    .map(|p| ctx.loc.problem(p)),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "quiz/bank.html")]
struct BankPage {
    c: Chrome,
    b: Bank,
    input: QuestionInput,
    options: Vec<OptionRow>,
    errors: FieldErrors,
}

impl BankPage {
    fn err(&self, field: &str) -> Option<String> {
        self.errors.get(field).map(|p| self.c.loc.problem(p))
    }
}

pub(crate) const FIELDS: &[&str] = &[
    "text_da",
    "text_en",
    "option_1_da",
    "option_1_en",
    "option_2_da",
    "option_2_en",
    "option_3_da",
    "option_3_en",
    "option_4_da",
    "option_4_en",
    "options",
    "correct",
    "explanation_da",
    "explanation_en",
];

async fn draw(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
    input: QuestionInput,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let b = svc::bank(&ctx.state.core, &me.as_actor(), id).await?;
    let mut c = chrome(ctx, "quiz-bank-title", "/programmes").await?;
    c.set_errors(&errors, FIELDS, |f| match f {
        "correct" | "options" => "correct-1".into(),
        f => f.replace('_', "-"),
    });
    let options = option_rows(ctx, &input, &errors);
    let invalid = !errors.is_empty();
    let mut res = render(&BankPage {
        c,
        b,
        input,
        options,
        errors,
    });
    if invalid {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `/programmes/{id}/quiz`.
pub async fn page(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    draw(
        &ctx,
        &me,
        id,
        QuestionInput::default(),
        FieldErrors::default(),
    )
    .await
}

pub(crate) fn bounded(s: &str) -> String {
    s.chars().take(2000).collect()
}

/// The question as the form holds it.
pub(crate) fn input_of(form: &FormData) -> QuestionInput {
    QuestionInput {
        text_da: bounded(form.get("text_da")),
        text_en: bounded(form.get("text_en")),
        explanation_da: bounded(form.get("explanation_da")),
        explanation_en: bounded(form.get("explanation_en")),
        options: (0..OPTIONS_MAX)
            .map(|i| {
                (
                    bounded(form.get(option_field(i, "da"))),
                    bounded(form.get(option_field(i, "en"))),
                )
            })
            .collect(),
        correct: form
            .get("correct")
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=OPTIONS_MAX).contains(n))
            .map(|n| n - 1),
    }
}

/// Adds a question; on errors the form comes back as typed.
pub async fn add(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let input = input_of(&form);
    match svc::add_question(&ctx.state.core, &me.as_actor(), id, &input).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/programmes/{id}/quiz?notice=quiz-question-added"))
                .into_response(),
        ),
        Err(ServiceError::Invalid(errors)) => draw(&ctx, &me, id, input, errors).await,
        Err(e) => Err(e.into()),
    }
}

/// Removes a question of a quiz not yet used in a run.
pub async fn delete(
    StaffCtx { ctx, me }: StaffCtx,
    Path((id, question)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    svc::delete_question(&ctx.state.core, &me.as_actor(), id, question).await?;
    Ok(Redirect::to(&format!(
        "/programmes/{id}/quiz?notice=quiz-question-deleted"
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "quiz/edit.html")]
struct EditPage {
    c: Chrome,
    q: QuestionToEdit,
    input: QuestionInput,
    options: Vec<OptionRow>,
    errors: FieldErrors,
}

impl EditPage {
    fn err(&self, field: &str) -> Option<String> {
        self.errors.get(field).map(|p| self.c.loc.problem(p))
    }

    /// The problem with the options as a whole: how many, which is
    /// correct, or that they cannot change any more.
    fn options_error(&self) -> Option<String> {
        match self.errors.get(svc::OPTIONS_LOCKED_FIELD) {
            Some(FieldProblem::InvalidChoice) => Some(self.c.loc.t("quiz-options-locked")),
            Some(p) => Some(self.c.loc.problem(p)),
            None => self.err("correct"),
        }
    }
}

/// The form as saved: the question's texts and options.
fn saved_input(q: &QuestionToEdit) -> QuestionInput {
    let v = &q.question;
    QuestionInput {
        text_da: v.text_da.clone(),
        text_en: v.text_en.clone().unwrap_or_default(),
        explanation_da: v.explanation_da.clone(),
        explanation_en: v.explanation_en.clone().unwrap_or_default(),
        options: v
            .options
            .iter()
            .map(|o| (o.text_da.clone(), o.text_en.clone().unwrap_or_default()))
            .collect(),
        correct: v.options.iter().position(|o| o.correct),
    }
}

async fn draw_edit(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    (id, question): (i64, i64),
    input: Option<QuestionInput>,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let q = svc::question_to_edit(&ctx.state.core, &me.as_actor(), id, question).await?;
    let mut c = chrome(ctx, "quiz-edit-title", "/programmes").await?;
    c.set_errors(&errors, FIELDS, |f| match f {
        "correct" | "options" => "correct-1".into(),
        f => f.replace('_', "-"),
    });
    if errors.get(svc::OPTIONS_LOCKED_FIELD) == Some(FieldProblem::InvalidChoice) {
        // Said plainly: the options of an answered question stay as they are.
        for item in c.errors.iter_mut().filter(|i| i.field == "correct-1") {
            item.message = ctx.loc.t("quiz-options-locked");
        }
    }
    // An answered question's options are shown as saved, whatever was typed.
    let saved = saved_input(&q);
    let mut input = input.unwrap_or_else(|| saved.clone());
    if q.answered {
        input.options = saved.options;
        input.correct = saved.correct;
    }
    let options = option_rows(ctx, &input, &errors);
    let invalid = !errors.is_empty();
    let mut res = render(&EditPage {
        c,
        q,
        input,
        options,
        errors,
    });
    if invalid {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `/programmes/{id}/quiz/{question}/rediger`.
pub async fn edit_form(
    StaffCtx { ctx, me }: StaffCtx,
    Path(ids): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    draw_edit(&ctx, &me, ids, None, FieldErrors::default()).await
}

/// Saves an edited question; on errors the form comes back as typed.
pub async fn update(
    StaffCtx { ctx, me }: StaffCtx,
    Path((id, question)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let input = input_of(&form);
    match svc::update_question(&ctx.state.core, &me.as_actor(), id, question, &input).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/programmes/{id}/quiz?notice=quiz-question-saved#question-{question}"
        ))
        .into_response()),
        Err(ServiceError::Invalid(errors)) => {
            draw_edit(&ctx, &me, (id, question), Some(input), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Moves a question one place up or down (`retning` is `op` or `ned`).
pub async fn move_question(
    StaffCtx { ctx, me }: StaffCtx,
    Path((id, question)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let direction = match form.get("retning") {
        "op" => Direction::Up,
        "ned" => Direction::Down,
        _ => return Err(ServiceError::invalid("retning", FieldProblem::InvalidChoice).into()),
    };
    let notice =
        match svc::move_question(&ctx.state.core, &me.as_actor(), id, question, direction).await? {
            Moved::Done | Moved::AtEdge => "quiz-question-moved",
            Moved::RunShowing => "quiz-order-locked",
        };
    Ok(Redirect::to(&format!(
        "/programmes/{id}/quiz?notice={notice}#question-{question}"
    ))
    .into_response())
}
