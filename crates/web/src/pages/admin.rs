//! The staff overview, organisations, the audit log and the outbox.

use super::staff::role_label;
use super::{Chrome, Field, chrome, render};
use crate::http::{FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::validate::FieldErrors;
use samvirke_domain::{Action, OrgKind, Resource, Role, authorize};
use samvirke_service::ServiceError;
use samvirke_service::orgs::OrgInput;

pub fn kind_label(loc: Loc, kind: &str) -> String {
    loc.t(&format!("kind-{}", kind.replace('_', "-")))
}

/// A session of the coming two weeks on the dashboard.
pub struct OverviewCard {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub place: String,
    pub seats: String,
    pub partner: bool,
    /// "Mangler bemanding: …", empty when every part is staffed.
    pub unstaffed: String,
}

/// One of the signed-in person's own parts.
pub struct MineCard {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub place: String,
    pub items: String,
}

/// "23 af 40 pladser taget, 2 på venteliste".
pub fn seats_text(loc: Loc, taken: i32, capacity: i32, waiting: u64) -> String {
    loc.tn(
        "plan-seats",
        &[
            ("taken", taken.to_string()),
            ("capacity", capacity.to_string()),
            ("waiting", waiting.to_string()),
        ],
    )
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    c: Chrome,
    org_name: String,
    greeting: String,
    roles: Vec<String>,
    is_coordinator: bool,
    sessions: Vec<OverviewCard>,
    mine: Vec<MineCard>,
}

pub async fn dashboard(StaffCtx { ctx, me }: StaffCtx) -> Response {
    let loc = ctx.loc;
    let o = match samvirke_service::overview::overview(&ctx.state.core, &me.as_actor()).await {
        Ok(o) => o,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let when = |a, b| format!("{} {}", loc.day(a), loc.time_span(a, b));
    let page = DashboardPage {
        c: chrome(&ctx, "nav-dashboard", "/dashboard").await,
        org_name: me.org_name.clone(),
        greeting: loc.t1("dash-greeting", "name", &me.name),
        roles: me.actor.roles.iter().map(|r| role_label(loc, *r)).collect(),
        is_coordinator: me.actor.has(Role::Coordinator),
        sessions: o
            .sessions
            .iter()
            .map(|s| OverviewCard {
                id: s.session_id,
                title: s.title.clone(),
                when: when(s.starts_at, s.ends_at),
                place: s.place.clone(),
                seats: seats_text(loc, s.taken, s.capacity, s.waiting),
                partner: !s.owned,
                unstaffed: if s.unstaffed.is_empty() {
                    String::new()
                } else {
                    loc.t1("plan-unstaffed", "items", &s.unstaffed.join(", "))
                },
            })
            .collect(),
        mine: o
            .mine
            .iter()
            .map(|m| MineCard {
                id: m.session_id,
                title: m.title.clone(),
                when: when(m.starts_at, m.ends_at),
                place: m.place.clone(),
                items: loc.t1("plan-your-parts", "items", &m.items.join(", ")),
            })
            .collect(),
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "orgs.html")]
struct OrgsPage {
    c: Chrome,
    can_create: bool,
    rows: Vec<(String, String)>,
}

pub async fn organisations(StaffCtx { ctx, me }: StaffCtx) -> Response {
    let orgs = match samvirke_service::orgs::list(&ctx.state.core, &me.as_actor()).await {
        Ok(o) => o,
        Err(e) => return super::errors::service_error_page(ctx.loc, e),
    };
    let can_create = authorize(
        &me.as_actor(),
        Action::Create,
        Resource::Organisations {
            municipality: me.actor.municipality,
        },
    )
    .is_allowed();
    let rows = orgs
        .into_iter()
        .map(|o| (o.name, kind_label(ctx.loc, &o.kind)))
        .collect();
    render(&OrgsPage {
        c: chrome(&ctx, "orgs-heading", "/organisations").await,
        can_create,
        rows,
    })
}

struct Choice {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "org_form.html")]
struct OrgFormPage {
    c: Chrome,
    has_errors: bool,
    name: Field,
    kind: Field,
    kind_choices: Vec<Choice>,
    coordinator_name: Field,
    coordinator_email: Field,
    coordinator_password: Field,
}

async fn org_form_page(ctx: &crate::http::Ctx, input: &OrgInput, errors: &FieldErrors) -> Response {
    let loc = ctx.loc;
    let err = |f: &str| errors.get(f).map(|p| loc.problem(p));
    let page = OrgFormPage {
        c: chrome(ctx, "orgs-new", "/organisations").await,
        has_errors: !errors.is_empty(),
        name: Field {
            value: input.name.clone(),
            error: err("name"),
        },
        kind: Field {
            value: input.kind.clone(),
            error: err("kind"),
        },
        kind_choices: OrgKind::ALL
            .into_iter()
            .filter(|k| *k != OrgKind::Administration)
            .map(|k| Choice {
                value: k.as_str().into(),
                label: kind_label(loc, k.as_str()),
                checked: input.kind == k.as_str(),
            })
            .collect(),
        coordinator_name: Field {
            value: input.coordinator_name.clone(),
            error: err("coordinator_name"),
        },
        coordinator_email: Field {
            value: input.coordinator_email.clone(),
            error: err("coordinator_email"),
        },
        coordinator_password: Field {
            value: String::new(),
            error: err("coordinator_password"),
        },
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (status, render(&page)).into_response()
}

pub async fn new_organisation_form(StaffCtx { ctx, me }: StaffCtx) -> Response {
    if let Err(e) = samvirke_service::require(
        &me.as_actor(),
        Action::Create,
        Resource::Organisations {
            municipality: me.actor.municipality,
        },
    ) {
        return super::errors::service_error_page(ctx.loc, e);
    }
    org_form_page(&ctx, &OrgInput::default(), &FieldErrors::default()).await
}

pub async fn create_organisation(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Response {
    let input = OrgInput {
        name: form.get("name").into(),
        kind: form.get("kind").into(),
        coordinator_name: form.get("coordinator_name").into(),
        coordinator_email: form.get("coordinator_email").into(),
        coordinator_password: form.get("coordinator_password").into(),
    };
    match samvirke_service::orgs::create(&ctx.state.core, &me.as_actor(), &input).await {
        Ok(_) => Redirect::to("/organisations?notice=org-created").into_response(),
        Err(ServiceError::Invalid(errors)) => org_form_page(&ctx, &input, &errors).await,
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    c: Chrome,
    rows: Vec<(String, String, String, String)>,
    pager: crate::paging::Pager,
}

/// The log, newest first, a page at a time (`?efter=` the last entry shown).
pub async fn audit(
    StaffCtx { ctx, me }: StaffCtx,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    use crate::paging;
    let after = paging::param(query.as_deref(), "efter").and_then(|v| v.parse::<i64>().ok());
    let page = match samvirke_service::audit::list(
        &ctx.state.core,
        &me.as_actor(),
        after,
        paging::PAGE_SIZE,
    )
    .await
    {
        Ok(r) => r,
        Err(e) => return super::errors::service_error_page(ctx.loc, e),
    };
    let loc = ctx.loc;
    let pager =
        paging::Pager {
            label: loc.t("pages-audit"),
            first: after.map(|_| "/audit".to_string()),
            next: page.more.then(|| page.items.last()).flatten().map(|r| {
                paging::with_param("/audit", query.as_deref(), "efter", &r.id.to_string())
            }),
        };
    let rows = page
        .items
        .into_iter()
        .map(|r| {
            let purpose = loc.t(&format!("purpose-{}", r.purpose.replace('_', "-")));
            let whose = format!(
                "{} #{}",
                loc.t(&format!("subject-{}", r.subject_kind.replace('_', "-"))),
                r.subject_id
            );
            let who = format!("{} ({})", r.actor_name, r.actor_org);
            (loc.date_time(r.at), who, purpose, whose)
        })
        .collect();
    render(&AuditPage {
        c: chrome(&ctx, "audit-heading", "/audit").await,
        rows,
        pager,
    })
}

struct OutboxRow {
    created: String,
    to: String,
    subject: String,
    state: String,
    attempts: i32,
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    c: Chrome,
    rows: Vec<OutboxRow>,
    pager: crate::paging::Pager,
}

/// Outgoing e-mail, newest first, a page at a time (`?efter=` the last shown).
pub async fn outbox(
    StaffCtx { ctx, me }: StaffCtx,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    use crate::paging;
    let after = paging::param(query.as_deref(), "efter").and_then(|v| v.parse::<i64>().ok());
    let core = &ctx.state.core;
    let page =
        match samvirke_service::mail::list(core, &me.as_actor(), after, paging::PAGE_SIZE).await {
            Ok(r) => r,
            Err(e) => return super::errors::service_error_page(ctx.loc, e),
        };
    let loc = ctx.loc;
    let pager =
        paging::Pager {
            label: loc.t("pages-outbox"),
            first: after.map(|_| "/outbox".to_string()),
            next: page.more.then(|| page.items.last()).flatten().map(|m| {
                paging::with_param("/outbox", query.as_deref(), "efter", &m.id.to_string())
            }),
        };
    let rows = page
        .items
        .into_iter()
        .map(|m| OutboxRow {
            created: loc.date_time(m.created_at),
            to: m.recipient,
            subject: m.subject,
            state: loc.t(&format!("outbox-state-{}", m.state)),
            attempts: m.attempts,
        })
        .collect();
    render(&OutboxPage {
        c: chrome(&ctx, "outbox-heading", "/outbox").await,
        rows,
        pager,
    })
}
