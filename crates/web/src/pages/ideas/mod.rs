//! Citizens' ideas: the public form "Har du en idé?" (`/ide`) and the
//! staff's triage (`/ideer`). A person's own data (`/mine-data`) lives in
//! `own_data`.

pub mod own_data;
pub mod retention;

use super::errors::PageError;
use super::{Chrome, Field, chrome, render};
use crate::http::{Ctx, FormData, StaffCtx};
use crate::paging::{self, PAGE_SIZE, Pager};
use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::ideas::{IdeaStatus, TargetGroup};
use samvirke_domain::validate::FieldErrors;
use samvirke_service::ServiceError;
use samvirke_service::ideas::{self as svc, IdeaDetail, IdeaInput, IdeaRow};

/// The target groups as radio buttons: (code, label, chosen).
fn groups(c: &Chrome, chosen: &str) -> Vec<(&'static str, String, bool)> {
    TargetGroup::ALL
        .iter()
        .map(|g| {
            (
                g.as_str(),
                c.t(&format!("idea-group-{}", g.as_str())),
                g.as_str() == chosen,
            )
        })
        .collect()
}

#[derive(Template)]
#[template(path = "ideas/form.html")]
struct FormPage {
    c: Chrome,
    groups: Vec<(&'static str, String, bool)>,
    group_error: Option<String>,
    text: Field,
    email: Field,
    consent: bool,
    consent_error: Option<String>,
}

async fn form_page(
    ctx: &Ctx,
    form: Option<&FormData>,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let mut c = chrome(ctx, "idea-heading", "/ide").await?;
    c.set_errors(
        &errors,
        &["target_group", "text", "email", "consent"],
        |f| match f {
            "target_group" => "target_group-first".into(),
            f => f.to_string(),
        },
    );
    // The shared sentence speaks of a parent's consent; this one of the citizen's.
    let consent_error = errors
        .get("consent")
        .map(|_| loc.t("idea-consent-required"));
    for item in c.errors.iter_mut().filter(|i| i.field == "consent") {
        item.message = loc.t("idea-consent-required");
    }
    let field = |name: &str| {
        let mut f = Field::new(form.map(|f| f.get(name)).unwrap_or(""));
        f.error = errors.get(name).map(|p| loc.problem(p));
        f
    };
    let p = FormPage {
        groups: groups(&c, form.map(|f| f.get("target_group")).unwrap_or("")),
        group_error: errors.get("target_group").map(|p| loc.problem(p)),
        text: field("text"),
        email: field("email"),
        consent: form.is_some_and(|f| f.get("consent") == "yes"),
        consent_error,
        c,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&p)).into_response())
}

/// `GET /ide`: the form.
pub async fn form(ctx: Ctx) -> Result<Response, PageError> {
    form_page(&ctx, None, FieldErrors::default()).await
}

/// `POST /ide`: sends the idea, then thanks; on an error the form again.
pub async fn submit(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    if let Err(wait) = ctx.state.public_limit.hit(&ctx.addr, ctx.state.core.now()) {
        return Err(ServiceError::Throttled {
            retry_after_secs: wait,
        }
        .into());
    }
    let m = ctx.state.public_home().await?;
    let input = IdeaInput {
        target_group: form.get("target_group").into(),
        text: form.get("text").into(),
        email: form.get("email").into(),
        consent: form.get("consent") == "yes",
    };
    match svc::submit(&ctx.state.core, m.id, &input).await {
        Ok(_) => Ok(Redirect::to("/ide/tak").into_response()),
        Err(ServiceError::Invalid(errors)) => form_page(&ctx, Some(&form), errors).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "ideas/thanks.html")]
struct ThanksPage {
    c: Chrome,
}

pub async fn thanks(ctx: Ctx) -> Result<Response, PageError> {
    Ok(render(&ThanksPage {
        c: chrome(&ctx, "idea-thanks-heading", "/ide").await?,
    }))
}

struct Row {
    id: i64,
    group: String,
    text: String,
    status: String,
    date: String,
    programme_id: Option<i64>,
}

#[derive(Template)]
#[template(path = "ideas/list.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
    pager: Pager,
    /// (code, label, chosen); "" is all.
    filters: Vec<(&'static str, String, bool)>,
}

fn status_label(c: &Chrome, s: IdeaStatus) -> String {
    c.t(&format!("idea-status-{}", s.as_str()))
}

/// `GET /ideer?status=…&efter=…`: the municipality's ideas, newest first.
pub async fn list(
    StaffCtx { ctx, me }: StaffCtx,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let c = chrome(&ctx, "ideas-heading", "/ideer").await?;
    let q = query.as_deref();
    let status = paging::param(q, "status").and_then(|s| s.parse::<IdeaStatus>().ok());
    let after = paging::param(q, "efter").and_then(|v| v.parse().ok());
    let page = svc::list(&ctx.state.core, &me.as_actor(), status, after, PAGE_SIZE).await?;
    let pager = Pager {
        label: c.t("ideas-pages"),
        first: after.map(|_| paging::without_param("/ideer", q, "efter")),
        next: page
            .more
            .then(|| page.items.last())
            .flatten()
            .map(|r| paging::with_param("/ideer", q, "efter", &r.id.to_string())),
    };
    let mut filters = vec![("", c.t("ideas-filter-all"), status.is_none())];
    filters.extend(
        IdeaStatus::ALL
            .iter()
            .map(|s| (s.as_str(), status_label(&c, *s), Some(*s) == status)),
    );
    let rows = page
        .items
        .into_iter()
        .map(|r: IdeaRow| Row {
            id: r.id,
            group: c.t(&format!("idea-group-{}", r.target_group.as_str())),
            text: r.text,
            status: status_label(&c, r.status),
            date: ctx.loc.date_time(r.created_at),
            programme_id: r.programme_id,
        })
        .collect();
    Ok(render(&ListPage {
        rows,
        pager,
        filters,
        c,
    }))
}

#[derive(Template)]
#[template(path = "ideas/detail.html")]
struct DetailPage {
    c: Chrome,
    d: IdeaDetail,
    group: String,
    created: String,
    consent_at: String,
    status: String,
    statuses: Vec<(&'static str, String, bool)>,
    note: Field,
}

async fn detail_page(
    ctx: &Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
    form: Option<&FormData>,
    problem: Option<(StatusCode, String)>,
) -> Result<Response, PageError> {
    let d = svc::idea(&ctx.state.core, &me.as_actor(), id).await?;
    let mut c = chrome(ctx, "idea-detail-heading", "/ideer").await?;
    let (status_code, error) = match problem {
        Some((s, e)) => (s, Some(e)),
        None => (StatusCode::OK, None),
    };
    let chosen = form
        .map(|f| f.get("status").to_string())
        .unwrap_or_else(|| d.idea.status.as_str().to_string());
    let mut note = Field::new(
        form.map(|f| f.get("note"))
            .unwrap_or(d.idea.note.as_deref().unwrap_or("")),
    );
    if let Some(e) = &error {
        c.errors = vec![super::SummaryItem {
            field: "note".into(),
            message: e.clone(),
        }];
        note.error = Some(e.clone());
    }
    let p = DetailPage {
        group: c.t(&format!("idea-group-{}", d.idea.target_group.as_str())),
        created: ctx.loc.date_time(d.idea.created_at),
        consent_at: d
            .consent_at
            .map(|t| ctx.loc.date_time(t))
            .unwrap_or_default(),
        status: status_label(&c, d.idea.status),
        statuses: IdeaStatus::ALL
            .iter()
            .map(|s| (s.as_str(), status_label(&c, *s), s.as_str() == chosen))
            .collect(),
        note,
        d,
        c,
    };
    Ok((status_code, render(&p)).into_response())
}

/// `GET /ideer/{id}`: one idea; its contact for those who triage.
pub async fn detail(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    detail_page(&ctx, &me, id, None, None).await
}

/// `POST /ideer/{id}/status`: status and note, at the version seen.
pub async fn set_status(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let Ok(status) = form.get("status").parse::<IdeaStatus>() else {
        return Err(ServiceError::NotFound.into());
    };
    let version = form.get("version").parse().unwrap_or(-1);
    let core = &ctx.state.core;
    match svc::set_status(core, &me.as_actor(), id, version, status, form.get("note")).await {
        Ok(()) => Ok(Redirect::to(&format!("/ideer/{id}?notice=idea-saved")).into_response()),
        Err(ServiceError::Conflict(_)) => {
            let e = ctx.loc.t("idea-changed-meanwhile");
            detail_page(&ctx, &me, id, Some(&form), Some((StatusCode::CONFLICT, e))).await
        }
        Err(ServiceError::Invalid(errors)) => {
            let e = errors
                .get("note")
                .map(|p| ctx.loc.problem_for_staff(p))
                .unwrap_or_default();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            detail_page(&ctx, &me, id, Some(&form), Some((status, e))).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /ideer/{id}/program`: a programme draft from the idea, then its edit form.
pub async fn make_programme(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let core = &ctx.state.core;
    let d = svc::idea(core, &me.as_actor(), id).await?;
    let group = ctx
        .loc
        .t(&format!("idea-group-{}", d.idea.target_group.as_str()));
    let p = svc::make_programme(core, &me.as_actor(), id, &group).await?;
    Ok(Redirect::to(&format!("/programmes/{p}/ret")).into_response())
}
