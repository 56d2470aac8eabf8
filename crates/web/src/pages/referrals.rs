//! Referrals (`/henvisninger`): the library hands a citizen over to the
//! citizen service, or back, with the citizen's consent. The receiver's
//! queue and case page; the sender sees only the status.

use super::errors::PageError;
use super::rooms::param;
use super::{Chrome, Field, chrome, render};
use crate::http::{Ctx, FormData, StaffCtx};
use crate::paging::{self, PAGE_SIZE, Pager};
use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::referrals::ReferralStatus;
use samvirke_domain::validate::FieldErrors;
use samvirke_service::ServiceError;
use samvirke_service::auth::SignedIn;
use samvirke_service::referrals::{self as svc, Case, ReferralInput, ReferralRow};

struct Row {
    id: i64,
    organisation: String,
    date: String,
    status: String,
}

fn rows(ctx: &Ctx, list: Vec<ReferralRow>) -> Vec<Row> {
    list.into_iter()
        .map(|r| Row {
            id: r.id,
            organisation: r.organisation,
            date: ctx.loc.date_time(r.created_at),
            status: ctx.loc.t(&format!("referral-status-{}", r.status.as_str())),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "referrals.html")]
struct ListPage {
    c: Chrome,
    incoming: Vec<Row>,
    incoming_pager: Pager,
    sent: Vec<Row>,
    sent_pager: Pager,
    can_send: bool,
}

/// The page's two lists, each newest first and [`PAGE_SIZE`] at a time:
/// `?ind=` and `?ud=` name the last referral shown of the incoming and the
/// sent list; each list pages on its own.
pub async fn list(
    StaffCtx { ctx, me }: StaffCtx,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let actor = me.as_actor();
    let core = &ctx.state.core;
    let c = chrome(&ctx, "referrals-heading", "/henvisninger").await?;
    let after = |name: &str| paging::param(query.as_deref(), name).and_then(|v| v.parse().ok());
    let pager = |label: &str, name: &str, page: &samvirke_service::Page<ReferralRow>| Pager {
        label: ctx.loc.t(label),
        first: after(name).map(|_| paging::without_param("/henvisninger", query.as_deref(), name)),
        next: page.more.then(|| page.items.last()).flatten().map(|r| {
            paging::with_param("/henvisninger", query.as_deref(), name, &r.id.to_string())
        }),
    };
    let incoming = svc::incoming(core, &actor, after("ind"), PAGE_SIZE).await?;
    let sent = svc::sent(core, &actor, after("ud"), PAGE_SIZE).await?;
    let incoming_pager = pager("referrals-incoming-pages", "ind", &incoming);
    let sent_pager = pager("referrals-sent-pages", "ud", &sent);
    let can_send = !svc::receivers(core, &actor).await?.is_empty();
    Ok(render(&ListPage {
        c,
        incoming: rows(&ctx, incoming.items),
        incoming_pager,
        sent: rows(&ctx, sent.items),
        sent_pager,
        can_send,
    }))
}

#[derive(Template)]
#[template(path = "referrals_new.html")]
struct NewPage {
    c: Chrome,
    receivers: Vec<(i64, String)>,
    to: i64,
    need: Field,
    contact_name: Field,
    phone: Field,
    email: Field,
    consent: bool,
    consent_error: Option<String>,
    to_error: Option<String>,
}

async fn new_page(
    ctx: &Ctx,
    me: &SignedIn,
    form: Option<&FormData>,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let mut c = chrome(ctx, "referrals-new-heading", "/henvisninger").await?;
    c.set_staff_errors(
        &errors,
        &["to", "need", "contact_name", "phone", "email", "consent"],
        |f| match f {
            "to" => "to-first".into(),
            f => f.to_string(),
        },
    );
    let receivers = svc::receivers(&ctx.state.core, &me.as_actor()).await?;
    if receivers.is_empty() {
        return Err(ServiceError::NotFound.into());
    }
    let field = |name: &str| {
        let mut f = Field::new(form.map(|f| f.get(name)).unwrap_or(""));
        f.error = errors.get(name).map(|p| loc.problem_for_staff(p));
        f
    };
    let problem = |f| errors.get(f).map(|p| loc.problem_for_staff(p));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let to = form
        .and_then(|f| f.get("to").parse().ok())
        .or_else(|| param(&ctx.here, "til").and_then(|t| t.parse().ok()))
        .unwrap_or(receivers[0].0);
    let p = NewPage {
        to,
        need: field("need"),
        contact_name: field("contact_name"),
        phone: field("phone"),
        email: field("email"),
        consent: form.is_some_and(|f| f.get("consent") == "yes"),
        consent_error: problem("consent"),
        to_error: problem("to"),
        receivers,
        c,
    };
    Ok((status, render(&p)).into_response())
}

pub async fn new_form(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    new_page(&ctx, &me, None, FieldErrors::default()).await
}

pub async fn create(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let input = ReferralInput {
        to: form.get("to").parse().unwrap_or(0),
        need: form.get("need").to_string(),
        contact_name: form.get("contact_name").to_string(),
        phone: form.get("phone").to_string(),
        email: form.get("email").to_string(),
        consent: form.get("consent") == "yes",
    };
    match svc::create(&ctx.state.core, &me.as_actor(), &input).await {
        Ok(_) => Ok(Redirect::to("/henvisninger?notice=referral-sent").into_response()),
        Err(ServiceError::Invalid(errors)) => new_page(&ctx, &me, Some(&form), errors).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "referrals_case.html")]
struct CasePage {
    c: Chrome,
    case: Case,
    created: String,
    consent: String,
    statuses: Vec<(&'static str, String, bool)>,
}

pub async fn case(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let mut case = svc::referral_case(&ctx.state.core, &me.as_actor(), id).await?;
    case.phone = case.phone.map(|p| super::display_phone(&p));
    let c = chrome(&ctx, "referrals-case-heading", "/henvisninger").await?;
    Ok(render(&CasePage {
        created: loc.date_time(case.created_at),
        consent: loc.date_time(case.consent_at),
        statuses: ReferralStatus::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str(),
                    loc.t(&format!("referral-status-{}", s.as_str())),
                    *s == case.status,
                )
            })
            .collect(),
        case,
        c,
    }))
}

pub async fn set_status(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let status = form
        .get("status")
        .parse::<ReferralStatus>()
        .map_err(|_| ServiceError::NotFound)?;
    svc::set_status(&ctx.state.core, &me.as_actor(), id, status).await?;
    Ok(Redirect::to(&format!("/henvisninger/{id}?notice=referral-status-saved")).into_response())
}
