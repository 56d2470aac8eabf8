//! A person's own data (`/mine-data`): the request form, the link's page
//! with its button (opening it uses nothing up), the answer shown once
//! (HTML, or JSON for `Accept: application/json`), and the staff's desk
//! page (`/borgerdata`).
//!
//! The link's secret is what authorizes the POST that shows the answer, so
//! the CSRF guard exempts exactly that route ([`is_link_post`]); the page's
//! own form carries a token all the same.

use super::super::errors::PageError;
use super::super::{Chrome, Field, chrome, render};
use crate::http::{Ctx, FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::validate::FieldErrors;
use samvirke_service::ServiceError;
use samvirke_service::ideas::own_data::{self as svc, OwnData};
use samvirke_service::throttle::RateLimit;
use serde::Serialize;

/// Requests for one e-mail in a day: more are answered alike and not sent,
/// so the form cannot be used to flood someone's inbox.
pub const REQUESTS_PER_EMAIL: u32 = 3;
/// Requests of the whole installation in an hour; more get 429.
pub const REQUESTS_IN_ALL: u32 = 300;

/// The limits on own-data requests, besides the per-address one.
#[derive(Debug)]
pub struct Limits {
    per_email: RateLimit,
    in_all: RateLimit,
}

impl Limits {
    pub fn new(on: bool) -> Self {
        Limits {
            per_email: RateLimit::new(on.then_some(REQUESTS_PER_EMAIL), chrono::Duration::days(1)),
            in_all: RateLimit::new(on.then_some(REQUESTS_IN_ALL), chrono::Duration::hours(1)),
        }
    }
}

/// Whether a request is the POST of an own-data link (`/mine-data/{secret}`):
/// the one page route the CSRF guard lets through without a token, since
/// the secret in its path is the right to it.
pub fn is_link_post(path: &str) -> bool {
    path.strip_prefix("/mine-data/").is_some_and(|secret| {
        secret != "sendt"
            && (32..=100).contains(&secret.len())
            && secret
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

/// A request for an e-mail: Ok when it may be sent (or silently dropped:
/// `Ok(false)`), the wait in seconds when the address or all are over.
pub fn admit(state: &crate::AppState, addr: &str, email: &str) -> Result<bool, ServiceError> {
    let now = state.core.now();
    let throttled = |wait| ServiceError::Throttled {
        retry_after_secs: wait,
    };
    state.public_limit.hit(addr, now).map_err(throttled)?;
    let Ok(key) = svc::normalise(email) else {
        return Ok(true);
    };
    state
        .own_data_limits
        .in_all
        .hit("all", now)
        .map_err(throttled)?;
    Ok(state.own_data_limits.per_email.hit(&key, now).is_ok())
}

/// Asks for the link; the same answer whether or not anything is held.
pub async fn send_request(
    state: &crate::AppState,
    addr: &str,
    email: &str,
    lang: samvirke_domain::Language,
) -> Result<(), ServiceError> {
    if !admit(state, addr, email)? {
        return Ok(());
    }
    let m = state.public_home().await?;
    svc::request(&state.core, m.id, email, lang).await
}

#[derive(Template)]
#[template(path = "ideas/own_data_form.html")]
struct FormPage {
    c: Chrome,
    email: Field,
}

async fn form_page(ctx: &Ctx, email: &str, errors: FieldErrors) -> Result<Response, PageError> {
    let mut c = chrome(ctx, "own-data-heading", "/mine-data").await?;
    c.set_errors(&errors, &["email"], |f| f.to_string());
    let mut email = Field::new(email);
    email.error = errors.get("email").map(|p| ctx.loc.problem(p));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&FormPage { c, email })).into_response())
}

/// `GET /mine-data`.
pub async fn form(ctx: Ctx) -> Result<Response, PageError> {
    form_page(&ctx, "", FieldErrors::default()).await
}

/// `POST /mine-data`: e-mails the link, then the same page for everyone.
pub async fn request(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    let email = form.get("email");
    let lang = match ctx.loc.lang {
        crate::i18n::Lang::En => samvirke_domain::Language::En,
        crate::i18n::Lang::Da => samvirke_domain::Language::Da,
    };
    match send_request(&ctx.state, &ctx.addr, email, lang).await {
        Ok(()) => Ok(Redirect::to("/mine-data/sendt").into_response()),
        Err(ServiceError::Invalid(errors)) => form_page(&ctx, email, errors).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "ideas/own_data_message.html")]
struct MessagePage {
    c: Chrome,
    heading: String,
    text: String,
    /// The button of the link's page, when it works.
    button: bool,
    again: bool,
}

/// `GET /mine-data/sendt`.
pub async fn sent(ctx: Ctx) -> Result<Response, PageError> {
    let c = chrome(&ctx, "own-data-sent-heading", "/mine-data").await?;
    Ok(render(&MessagePage {
        heading: c.t("own-data-sent-heading"),
        text: c.t("own-data-sent-text"),
        button: false,
        again: false,
        c,
    }))
}

async fn gone_page(ctx: &Ctx) -> Result<Response, PageError> {
    let c = chrome(ctx, "own-data-gone-heading", "/mine-data").await?;
    let page = MessagePage {
        heading: c.t("own-data-gone-heading"),
        text: c.t("own-data-gone-text"),
        button: false,
        again: true,
        c,
    };
    Ok((StatusCode::GONE, render(&page)).into_response())
}

/// `GET /mine-data/{secret}`: the page with the button; uses nothing up.
pub async fn open(ctx: Ctx, Path(token): Path<String>) -> Result<Response, PageError> {
    match svc::link_works(&ctx.state.core, &token).await {
        Ok(()) => {
            let c = chrome(&ctx, "own-data-open-heading", "/mine-data").await?;
            let mut res = render(&MessagePage {
                heading: c.t("own-data-open-heading"),
                text: c.t("own-data-open-text"),
                button: true,
                again: false,
                c,
            });
            // The address holds the secret: never sent on to another site.
            res.headers_mut().insert(
                header::REFERRER_POLICY,
                "no-referrer".parse().expect("valid"),
            );
            Ok(res)
        }
        Err(ServiceError::Gone) => gone_page(&ctx).await,
        Err(e) => Err(e.into()),
    }
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"))
}

/// `POST /mine-data/{secret}`: the answer, once; then 410.
pub async fn show(
    ctx: Ctx,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let json = wants_json(&headers);
    match svc::answer(&ctx.state.core, &token).await {
        Ok(data) if json => Ok(Json(OwnDataBody::from(data)).into_response()),
        Ok(data) => answer_page(&ctx, data, "own-data-answer-heading", "/mine-data").await,
        Err(ServiceError::Gone) if json => {
            let loc = crate::api::error::api_loc(&headers);
            Ok(crate::api::error::ApiError::new(loc, StatusCode::GONE, "gone").into_response())
        }
        Err(ServiceError::Gone) => gone_page(&ctx).await,
        Err(e) => Err(e.into()),
    }
}

struct Line {
    title: String,
    when: String,
    facts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "ideas/own_data_answer.html")]
struct AnswerPage {
    c: Chrome,
    lead: String,
    /// Sign-ups, bookings and ideas: (heading, lines).
    sections: Vec<(String, Vec<Line>)>,
    reads: Vec<(String, String)>,
    /// The desk's page: a form to look up another e-mail.
    desk: Option<Field>,
}

fn status_text(loc: Loc, code: &str) -> String {
    loc.t(&format!("own-data-status-{}", code.replace('_', "-")))
}

/// Sign-ups, bookings, ideas, and the reads as (when, kind of use).
type Lines = (Vec<Line>, Vec<Line>, Vec<Line>, Vec<(String, String)>);

fn lines(loc: Loc, d: &OwnData) -> Lines {
    let deleted = || loc.t("own-data-deleted");
    let registrations = d
        .registrations
        .iter()
        .map(|r| {
            let mut facts = vec![
                (loc.t("own-data-name"), r.name.clone()),
                (
                    loc.t("own-data-status"),
                    status_text(loc, r.status.as_str()),
                ),
                (loc.t("own-data-signed-up"), loc.date_time(r.created_at)),
            ];
            if let Some(p) = &r.phone {
                facts.push((loc.t("own-data-phone-number"), p.clone()));
            }
            if !r.needs.is_empty() {
                let needs: Vec<String> = r
                    .needs
                    .iter()
                    .map(|n| {
                        loc.try_t(&format!("need-{}", n.replace('_', "-")))
                            .unwrap_or(n.clone())
                    })
                    .collect();
                facts.push((loc.t("own-data-needs"), needs.join(", ")));
            }
            if let Some(a) = r.attendance {
                facts.push((loc.t("own-data-status"), status_text(loc, a.as_str())));
            }
            Line {
                title: r.title.clone(),
                when: loc.date_time(r.starts_at),
                facts,
            }
        })
        .collect();
    let bookings = d
        .bookings
        .iter()
        .map(|b| {
            let mut facts = vec![
                (
                    loc.t("own-data-name"),
                    b.name.clone().unwrap_or_else(deleted),
                ),
                (
                    loc.t("own-data-status"),
                    status_text(loc, b.status.as_str()),
                ),
                (loc.t("own-data-booked"), loc.date_time(b.created_at)),
            ];
            if let Some(p) = &b.phone {
                facts.push((loc.t("own-data-phone-number"), p.clone()));
            }
            Line {
                title: b.title.clone(),
                when: loc.date_time(b.starts_at),
                facts,
            }
        })
        .collect();
    let ideas = d
        .ideas
        .iter()
        .map(|i| Line {
            title: i.text.clone(),
            when: loc.date_time(i.created_at),
            facts: vec![
                (
                    loc.t("own-data-target-group"),
                    loc.t(&format!("idea-group-{}", i.target_group.as_str())),
                ),
                (
                    loc.t("own-data-status"),
                    loc.t(&format!("idea-status-{}", i.status.as_str())),
                ),
            ],
        })
        .collect();
    let reads = d
        .reads
        .iter()
        .map(|r| {
            let kind = loc
                .try_t(&format!("own-data-kind-{}", r.kind))
                .unwrap_or_else(|| loc.t("own-data-kind-other"));
            (loc.date_time(r.at), kind)
        })
        .collect();
    (registrations, bookings, ideas, reads)
}

async fn answer_page(
    ctx: &Ctx,
    data: OwnData,
    title: &str,
    here: &str,
) -> Result<Response, PageError> {
    let c = chrome(ctx, title, here).await?;
    let (registrations, bookings, ideas, reads) = lines(ctx.loc, &data);
    let mut res = render(&AnswerPage {
        lead: c.t1("own-data-answer-lead", "email", &data.email),
        sections: vec![
            (c.t("own-data-registrations"), registrations),
            (c.t("own-data-bookings"), bookings),
            (c.t("own-data-ideas"), ideas),
        ],
        reads,
        desk: (here == "/borgerdata").then(|| Field::new(&data.email)),
        c,
    });
    // Personal data: kept by no cache.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, "no-store".parse().expect("valid"));
    Ok(res)
}

/// `GET /borgerdata`: the desk's form.
pub async fn desk_form(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    // Only those who may look up see the form.
    samvirke_service::require(
        &me.as_actor(),
        samvirke_domain::Action::ReadPersonal,
        samvirke_domain::Resource::OwnData {
            municipality: me.actor.municipality,
        },
    )?;
    let c = chrome(&ctx, "own-data-desk-heading", "/borgerdata").await?;
    Ok(render(&AnswerPage {
        lead: String::new(),
        sections: vec![],
        reads: vec![],
        desk: Some(Field::default()),
        c,
    }))
}

/// `POST /borgerdata`: what is held about the e-mail, audit-logged.
pub async fn desk(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let email = form.get("email");
    match svc::at_desk(&ctx.state.core, &me.as_actor(), email).await {
        Ok(data) => answer_page(&ctx, data, "own-data-desk-heading", "/borgerdata").await,
        Err(ServiceError::Invalid(errors)) => {
            let mut c = chrome(&ctx, "own-data-desk-heading", "/borgerdata").await?;
            c.set_staff_errors(&errors, &["email"], |f| f.to_string());
            let mut field = Field::new(email);
            field.error = errors.get("email").map(|p| ctx.loc.problem_for_staff(p));
            let page = AnswerPage {
                lead: String::new(),
                sections: vec![],
                reads: vec![],
                desk: Some(field),
                c,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&Copenhagen).fixed_offset()
}

/// The answer in JSON.
#[derive(Serialize)]
pub struct OwnDataBody {
    registrations: Vec<serde_json::Value>,
    bookings: Vec<serde_json::Value>,
    ideas: Vec<serde_json::Value>,
    reads: Vec<serde_json::Value>,
}

impl From<OwnData> for OwnDataBody {
    fn from(d: OwnData) -> Self {
        use serde_json::json;
        OwnDataBody {
            registrations: d
                .registrations
                .into_iter()
                .map(|r| {
                    json!({
                        "id": r.id, "title": r.title, "starts_at": local(r.starts_at),
                        "name": r.name, "email": r.email, "phone": r.phone, "needs": r.needs,
                        "status": r.status.as_str(),
                        "attendance": r.attendance.map(|a| a.as_str()),
                        "created_at": local(r.created_at),
                    })
                })
                .collect(),
            bookings: d
                .bookings
                .into_iter()
                .map(|b| {
                    json!({
                        "id": b.id, "title": b.title, "starts_at": local(b.starts_at),
                        "name": b.name, "email": b.email, "phone": b.phone,
                        "status": b.status.as_str(), "created_at": local(b.created_at),
                    })
                })
                .collect(),
            ideas: d
                .ideas
                .into_iter()
                .map(|i| {
                    json!({
                        "id": i.id, "text": i.text, "target_group": i.target_group.as_str(),
                        "status": i.status.as_str(), "created_at": local(i.created_at),
                    })
                })
                .collect(),
            reads: d
                .reads
                .into_iter()
                .map(|r| json!({"at": local(r.at), "kind": r.kind}))
                .collect(),
        }
    }
}
