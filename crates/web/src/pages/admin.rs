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
        .map(|o| {
            let kind = o.kind.map(|k| k.as_str()).unwrap_or_default();
            (o.name, kind_label(ctx.loc, kind))
        })
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
    rows: Vec<AuditLine>,
    pager: crate::paging::Pager,
    people: Vec<super::events::Choice>,
    purposes: Vec<super::events::Choice>,
    from: super::Field,
    to: super::Field,
    filtered: bool,
}

struct AuditLine {
    when: String,
    who: String,
    purpose: String,
    whose: String,
}

/// The log, newest first, a page at a time (`?efter=` the last entry
/// shown), narrowed by person (`hvem`), kind (`hvad`) and dates (`fra`, `til`).
pub async fn audit(
    StaffCtx { ctx, me }: StaffCtx,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    use crate::paging;
    use chrono::TimeZone;
    use samvirke_domain::validate::{FieldErrors, FieldProblem};
    let loc = ctx.loc;
    let q = query.as_deref();
    let param = |name: &str| paging::param(q, name).unwrap_or_default();
    let after = paging::param(q, "efter").and_then(|v| v.parse::<i64>().ok());
    let mut errors = FieldErrors::default();
    // A day, d.m.yyyy, as the start of that day in Copenhagen.
    let mut day = |field: &'static str, raw: &str, plus_days: i64| {
        if raw.trim().is_empty() {
            return None;
        }
        let parsed = super::programmes::parse_date(raw)
            .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(plus_days)))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|d| {
                chrono_tz::Europe::Copenhagen
                    .from_local_datetime(&d)
                    .earliest()
            })
            .map(|d| d.with_timezone(&chrono::Utc));
        if parsed.is_none() {
            errors.add(field, FieldProblem::InvalidDate);
        }
        parsed
    };
    let (from_raw, to_raw) = (param("fra"), param("til"));
    let filter = samvirke_service::audit::AuditFilter {
        actor: param("hvem")
            .parse::<i64>()
            .ok()
            .map(samvirke_domain::StaffId),
        purpose: Some(param("hvad"))
            .filter(|p| samvirke_service::audit::PURPOSES.contains(&p.as_str())),
        from: day("fra", &from_raw, 0),
        // "to 3.12" includes all of 3 December.
        to: day("til", &to_raw, 1),
    };
    let list = match samvirke_service::audit::list(
        &ctx.state.core,
        &me.as_actor(),
        &filter,
        after,
        paging::PAGE_SIZE,
    )
    .await
    {
        Ok(r) => r,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let page = list.page;
    let pager = paging::Pager {
        label: loc.t("pages-audit"),
        first: after.map(|_| paging::without_param("/audit", q, "efter")),
        next: page
            .more
            .then(|| page.items.last())
            .flatten()
            .map(|r| paging::with_param("/audit", q, "efter", &r.id.to_string())),
    };
    let rows = page
        .items
        .into_iter()
        .map(|r| {
            let kind = loc.t(&format!("subject-{}", r.subject_kind.replace('_', "-")));
            let whose = match (r.subject_name, r.subject_at) {
                (Some(name), Some(at)) => format!("{kind}: {name}, {}", loc.date(at)),
                (Some(name), None) => format!("{kind}: {name}"),
                // Not found any more (deleted): the kind and its number.
                (None, _) => format!("{kind} #{}", r.subject_id),
            };
            AuditLine {
                when: loc.date_time(r.at),
                who: format!("{} ({})", r.actor_name, r.actor_org),
                purpose: loc.t(&format!("purpose-{}", r.purpose.replace('_', "-"))),
                whose,
            }
        })
        .collect();
    let chosen_person = filter.actor.map(|a| a.0);
    let people = list
        .people
        .into_iter()
        .map(|(id, name)| super::events::Choice {
            value: id.to_string(),
            label: name,
            checked: chosen_person == Some(id),
        })
        .collect();
    let purposes = samvirke_service::audit::PURPOSES
        .iter()
        .map(|p| super::events::Choice {
            value: (*p).to_string(),
            label: loc.t(&format!("purpose-{}", p.replace('_', "-"))),
            checked: filter.purpose.as_deref() == Some(*p),
        })
        .collect();
    let mut c = chrome(&ctx, "audit-heading", "/audit").await;
    c.set_errors(&errors, &["fra", "til"], |f| f.to_string());
    let err = |f: &str| errors.get(f).map(|p| loc.problem(p));
    let filtered = filter.actor.is_some()
        || filter.purpose.is_some()
        || !from_raw.is_empty()
        || !to_raw.is_empty();
    let page = AuditPage {
        c,
        rows,
        pager,
        people,
        purposes,
        from: super::Field {
            value: from_raw,
            error: err("fra"),
        },
        to: super::Field {
            value: to_raw,
            error: err("til"),
        },
        filtered,
    };
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    (status, render(&page)).into_response()
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
