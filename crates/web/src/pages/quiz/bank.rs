//! A programme's question bank: the questions in order, and a form to add
//! one (2–4 options, one correct, an explanation; English optional).

use crate::http::{FormData, StaffCtx};
use crate::pages::errors::PageError;
use crate::pages::{Chrome, chrome, render};
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::quiz::{OPTIONS_MAX, QuestionInput, option_field};
use samvirke_domain::validate::FieldErrors;
use samvirke_service::ServiceError;
use samvirke_service::quiz::{self as svc, Bank};

pub(crate) struct OptionRow {
    pub n: usize,
    pub da: String,
    pub en: String,
    pub correct: bool,
    pub da_error: Option<String>,
    pub en_error: Option<String>,
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

const FIELDS: &[&str] = &[
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
    let options = (0..OPTIONS_MAX)
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
        .collect();
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

fn bounded(s: &str) -> String {
    s.chars().take(2000).collect()
}

/// Adds a question; on errors the form comes back as typed.
pub async fn add(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let input = QuestionInput {
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
    };
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
