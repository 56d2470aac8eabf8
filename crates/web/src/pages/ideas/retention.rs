//! The retention periods (`/indstillinger/opbevaring`): every staff member
//! reads them; the municipality's administrator sets them.

use super::super::errors::PageError;
use super::super::{Chrome, Field, chrome, render};
use crate::http::{FormData, StaffCtx};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::ideas::DataKind;
use samvirke_domain::validate::FieldErrors;
use samvirke_domain::{Action, Resource, authorize};
use samvirke_service::ServiceError;
use samvirke_service::retention::{self as svc, field_of};

const PATH: &str = "/indstillinger/opbevaring";

struct Row {
    field: &'static str,
    label: String,
    default: String,
    value: Field,
}

#[derive(Template)]
#[template(path = "ideas/retention.html")]
struct Page {
    c: Chrome,
    rows: Vec<Row>,
    may_edit: bool,
}

async fn page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    form: Option<&FormData>,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let actor = me.as_actor();
    let periods = svc::periods(&ctx.state.core, &actor).await?;
    let mut c = chrome(ctx, "retention-heading", PATH).await?;
    let fields: Vec<&str> = DataKind::ALL.iter().map(|k| field_of(*k)).collect();
    c.set_errors(&errors, &fields, |f| f.to_string());
    let loc = ctx.loc;
    let rows = periods
        .all()
        .into_iter()
        .map(|(kind, days)| {
            let field = field_of(kind);
            let mut value = Field::new(
                &form
                    .map(|f| f.get(field).to_string())
                    .unwrap_or_else(|| days.to_string()),
            );
            value.error = errors.get(field).map(|p| match p {
                samvirke_domain::validate::FieldProblem::OutOfRange
                | samvirke_domain::validate::FieldProblem::InvalidNumber => loc.t("retention-days"),
                p => loc.problem(p),
            });
            Row {
                field,
                label: loc.t(&format!("retention-kind-{}", kind.as_str())),
                default: loc.t1(
                    "retention-default",
                    "days",
                    &ctx.state.core.retention.default_days(kind).to_string(),
                ),
                value,
            }
        })
        .collect();
    for item in c.errors.iter_mut() {
        item.message = loc.t("retention-days");
    }
    let may_edit = authorize(
        &actor,
        Action::Update,
        Resource::RetentionSettings {
            municipality: me.actor.municipality,
        },
    )
    .is_allowed();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&Page { c, rows, may_edit })).into_response())
}

/// `GET /indstillinger/opbevaring`.
pub async fn show(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    page(&ctx, &me, None, FieldErrors::default()).await
}

/// `POST /indstillinger/opbevaring`: the administrator saves the periods.
pub async fn save(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let input: Vec<(DataKind, String)> = DataKind::ALL
        .iter()
        .map(|k| (*k, form.get(field_of(*k)).to_string()))
        .collect();
    match svc::save(&ctx.state.core, &me.as_actor(), &input).await {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?notice=retention-saved")).into_response()),
        Err(ServiceError::Invalid(errors)) => page(&ctx, &me, Some(&form), errors).await,
        Err(e) => Err(e.into()),
    }
}
