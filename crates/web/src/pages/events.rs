//! The citizen's pages: upcoming sessions, one session with its sign-up
//! form, the confirmation, and the cancel link.

use super::{Chrome, Field, chrome, render};
use crate::http::{Ctx, FormData};
use crate::i18n::Loc;
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use samvirke_domain::signup::{Need, Registration};
use samvirke_domain::validate::FieldErrors;
use samvirke_domain::{Conflict, RegistrationStatus};
use samvirke_service::ServiceError;
use samvirke_service::sessions::{self as svc, AgendaLine, ListFilter, SessionView, SignupInput};
use serde::Deserialize;

/// A session as a line in a list or the head of its page.
pub struct Card {
    pub id: i64,
    pub title: String,
    pub day: String,
    pub time: String,
    pub place: String,
    pub address: String,
    pub availability: String,
    pub open: bool,
    pub full: bool,
    pub cancelled: bool,
}

pub fn card(loc: Loc, v: &SessionView) -> Card {
    let s = &v.session;
    let full = v.seats_left == 0;
    let availability = match v.registration {
        _ if s.cancelled_at.is_some() => loc.t("event-cancelled"),
        Registration::NotYetOpen => loc.t1("event-opens", "date", &loc.day(s.signup_opens_at)),
        Registration::Closed => loc.t("event-closed"),
        Registration::Open if full => {
            loc.t1("event-full", "waiting", &v.waitlist_length.to_string())
        }
        Registration::Open => loc.t1("event-seats-left", "seats", &v.seats_left.to_string()),
    };
    Card {
        id: s.id,
        title: v.programme.title.clone(),
        day: loc.day(s.starts_at),
        time: loc.time_span(s.starts_at, s.ends_at),
        place: v.site.as_ref().map(|x| x.name.clone()).unwrap_or_default(),
        address: v
            .site
            .as_ref()
            .map(|x| x.address.clone())
            .unwrap_or_default(),
        availability,
        open: v.registration == Registration::Open,
        full,
        cancelled: s.cancelled_at.is_some(),
    }
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "events.html")]
struct EventsPage {
    c: Chrome,
    cards: Vec<Card>,
    programmes: Vec<Choice>,
    sites: Vec<Choice>,
    groups: Vec<Choice>,
    filtered: bool,
}

#[derive(Deserialize, Default)]
pub struct EventFilter {
    program: Option<String>,
    sted: Option<String>,
    gruppe: Option<String>,
}

pub async fn list(ctx: Ctx, Query(f): Query<EventFilter>) -> Response {
    let loc = ctx.loc;
    let Some(m) = ctx.state.municipality_for(None).await else {
        return super::errors::service_error_page(loc, ServiceError::NotFound);
    };
    let id = |s: &Option<String>| s.as_deref().and_then(|v| v.parse::<i64>().ok());
    let filter = ListFilter {
        programme_id: id(&f.program),
        site_id: id(&f.sted),
        target_group: f.gruppe.clone().filter(|g| !g.is_empty()),
        ..Default::default()
    };
    let all = match ctx.state.public_sessions(m.id).await {
        Ok(a) => a,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let filtered =
        filter.programme_id.is_some() || filter.site_id.is_some() || filter.target_group.is_some();
    let shown = if filtered {
        match svc::list_public(&ctx.state.core, m.id, &filter).await {
            Ok(a) => a,
            Err(e) => return super::errors::service_error_page(loc, e),
        }
    } else {
        all.to_vec()
    };
    // The filter choices come from what is on offer.
    let mut programmes: Vec<Choice> = Vec::new();
    let mut sites: Vec<Choice> = Vec::new();
    let mut groups: Vec<Choice> = Vec::new();
    for v in all.iter() {
        let pid = v.programme.id.to_string();
        if !programmes.iter().any(|c| c.value == pid) {
            programmes.push(Choice {
                checked: f.program.as_deref() == Some(&pid),
                value: pid,
                label: v.programme.title.clone(),
            });
        }
        if let Some(site) = &v.site {
            let sid = site.id.to_string();
            if !sites.iter().any(|c| c.value == sid) {
                sites.push(Choice {
                    checked: f.sted.as_deref() == Some(&sid),
                    value: sid,
                    label: site.name.clone(),
                });
            }
        }
        let g = v.programme.target_group.clone();
        if !groups.iter().any(|c| c.value == g) {
            groups.push(Choice {
                checked: f.gruppe.as_deref() == Some(&g),
                label: g.clone(),
                value: g,
            });
        }
    }
    let cards = shown.iter().map(|v| card(loc, v)).collect();
    render(&EventsPage {
        c: chrome(&ctx, "events-heading", "/arrangementer").await,
        cards,
        programmes,
        sites,
        groups,
        filtered,
    })
}

pub struct AgendaRow {
    pub title: String,
    pub minutes: i32,
    pub org: String,
}

#[derive(Template)]
#[template(path = "event.html")]
struct EventPage {
    c: Chrome,
    card: Card,
    description: String,
    agenda: Vec<AgendaRow>,
    already: bool,
    name: Field,
    email: Field,
    phone: Field,
    no_contact: bool,
    needs: Vec<Choice>,
    needs_other: Field,
    /// Other open dates of the same programme, for signing up to a series at once.
    also: Vec<Choice>,
    also_error: Option<String>,
}

/// The needs a sign-up form offers, ticked as typed.
pub fn need_choices(loc: Loc, ticked: &[String]) -> Vec<Choice> {
    Need::ALL
        .into_iter()
        .map(|n| Choice {
            value: n.as_str().into(),
            label: need_label(loc, n),
            checked: ticked.iter().any(|x| x == n.as_str()),
        })
        .collect()
}

/// The other open public dates of a programme, to sign up for in one go.
pub async fn series_choices(
    ctx: &Ctx,
    m: samvirke_domain::MunicipalityId,
    programme: i64,
    id: i64,
    ticked: &[i64],
) -> Result<Vec<Choice>, ServiceError> {
    let loc = ctx.loc;
    Ok(ctx
        .state
        .public_sessions(m)
        .await?
        .iter()
        .filter(|o| {
            o.programme.id == programme
                && o.session.id != id
                && o.registration == Registration::Open
        })
        .map(|o| {
            let c = card(loc, o);
            Choice {
                value: o.session.id.to_string(),
                label: format!("{} {} – {}", c.day, c.time, c.availability),
                checked: ticked.contains(&o.session.id),
            }
        })
        .collect())
}

pub fn need_label(loc: Loc, n: Need) -> String {
    loc.t(&format!("need-{}", n.as_str().replace('_', "-")))
}

async fn event_page(
    ctx: &Ctx,
    id: i64,
    input: &SignupInput,
    errors: &FieldErrors,
    already: bool,
) -> Response {
    let loc = ctx.loc;
    let Some(m) = ctx.state.municipality_for(None).await else {
        return super::errors::service_error_page(loc, ServiceError::NotFound);
    };
    let (v, agenda) = match ctx.state.public_session(m.id, id).await {
        Ok(x) => x,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let err = |f: &str| errors.get(f).map(|p| loc.problem(p));
    let also = match series_choices(ctx, m.id, v.programme.id, id, &input.also).await {
        Ok(a) => a,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let first_also = also.first().map(|a| a.value.clone());
    let mut c = chrome(ctx, "events-heading", "/arrangementer").await;
    c.title = v.programme.title.clone();
    c.set_errors(
        errors,
        &["name", "email", "phone", "needs", "needs_other", "also"],
        |f| match f {
            "needs" => format!("need-{}", Need::ALL[0].as_str()),
            "also" => first_also
                .as_ref()
                .map_or("also".into(), |id| format!("also-{id}")),
            other => other.to_string(),
        },
    );
    let page = EventPage {
        c,
        card: card(loc, &v),
        description: v.programme.description.clone(),
        agenda: agenda_rows(&agenda),
        already,
        name: Field {
            value: input.name.clone(),
            error: err("name"),
        },
        email: Field {
            value: input.email.clone(),
            error: err("email"),
        },
        phone: Field {
            value: input.phone.clone(),
            error: err("phone"),
        },
        no_contact: input.no_contact,
        needs: need_choices(loc, &input.needs),
        needs_other: Field {
            value: input.needs_other.clone(),
            error: err("needs_other"),
        },
        also,
        also_error: err("also"),
    };
    let status = if already {
        StatusCode::CONFLICT
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (status, render(&page)).into_response()
}

pub fn agenda_rows(agenda: &[AgendaLine]) -> Vec<AgendaRow> {
    agenda
        .iter()
        .map(|a| AgendaRow {
            title: a.item.title.clone(),
            minutes: a.item.minutes,
            org: a.org_name.clone(),
        })
        .collect()
}

pub async fn show(ctx: Ctx, Path(id): Path<i64>) -> Response {
    event_page(
        &ctx,
        id,
        &SignupInput::default(),
        &FieldErrors::default(),
        false,
    )
    .await
}

pub fn signup_input(form: &FormData) -> SignupInput {
    SignupInput {
        name: form.get("name").into(),
        email: form.get("email").into(),
        phone: form.get("phone").into(),
        no_contact: form.get("no_contact") == "yes",
        require_contact: true,
        needs: form.all("needs").into_iter().map(str::to_string).collect(),
        needs_other: form.get("needs_other").into(),
        // An unreadable id is kept as one that is not in the series, so the
        // check refuses it rather than it being dropped silently.
        also: form
            .all("also")
            .into_iter()
            .map(|v| v.parse().unwrap_or(-1))
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "event_done.html")]
struct DonePage {
    c: Chrome,
    first: Outcome,
    /// The other dates of a series, in date order.
    more: Vec<Outcome>,
    emailed: bool,
    /// Neither e-mail nor phone: on the waiting list they must call us.
    no_contact: bool,
    has_phone: bool,
}

/// What happened to one date of a sign-up.
pub struct Outcome {
    pub card: Card,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub confirmed: bool,
    pub position: i32,
    pub cancel_path: String,
    /// Why this date did not work (already signed up, closed), if it did not.
    pub problem: Option<String>,
}

/// A sign-up's result as the confirmation page needs it. It travels from
/// the POST to the page it redirects to in a short-lived HttpOnly cookie,
/// so a reload shows the page again and signs nobody up twice; the cancel
/// secrets never appear in a URL or the database.
#[derive(serde::Serialize, serde::Deserialize)]
struct Confirmation {
    first: Placed,
    more: Vec<Placed>,
    emailed: bool,
    phoned: bool,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Placed {
    session: i64,
    /// `None` when this date did not work, with `problem` saying why.
    cancel_token: Option<String>,
    confirmed: bool,
    position: i32,
    /// `already` or `closed`.
    problem: Option<String>,
}

const CONFIRMATION_COOKIE: &str = "samvirke_signup";
/// Long enough to read the page and reload it; the e-mail has the rest.
const CONFIRMATION_MAX_AGE: i64 = 30 * 60;

fn placed(session: i64, r: &Result<svc::SignupResult, ServiceError>) -> Placed {
    match r {
        Ok(r) => Placed {
            session,
            cancel_token: Some(r.cancel_token.clone()),
            confirmed: r.registration.status == RegistrationStatus::Confirmed,
            position: r.waitlist_position.unwrap_or(0),
            problem: None,
        },
        Err(e) => Placed {
            session,
            cancel_token: None,
            confirmed: false,
            position: 0,
            problem: Some(
                match e {
                    ServiceError::Conflict(Conflict::AlreadyRegistered) => "already",
                    _ => "closed",
                }
                .into(),
            ),
        },
    }
}

fn encode_confirmation(c: &Confirmation) -> String {
    use base64::Engine;
    let json = serde_json::to_vec(c).expect("a confirmation serialises");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

fn decode_confirmation(raw: &str) -> Option<Confirmation> {
    use base64::Engine;
    if raw.len() > 3800 {
        return None;
    }
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw)
        .ok()?;
    let c: Confirmation = serde_json::from_slice(&json).ok()?;
    (c.more.len() <= svc::SERIES_MAX).then_some(c)
}

async fn outcome(
    ctx: &Ctx,
    municipality: samvirke_domain::MunicipalityId,
    p: &Placed,
) -> Result<Outcome, ServiceError> {
    let loc = ctx.loc;
    let (v, _) = ctx.state.public_session(municipality, p.session).await?;
    Ok(Outcome {
        card: card(loc, &v),
        starts_at: v.session.starts_at,
        confirmed: p.confirmed,
        position: p.position,
        cancel_path: p
            .cancel_token
            .as_ref()
            .map(|t| format!("/afmeld/{t}"))
            .unwrap_or_default(),
        problem: p.problem.as_deref().map(|code| {
            loc.t(if code == "already" {
                "signup-already-short"
            } else {
                "event-closed"
            })
        }),
    })
}

pub async fn sign_up(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Response {
    let loc = ctx.loc;
    let input = signup_input(&form);
    // Each date counts against the limit, the series' other dates too (the
    // form sends at most a bounded number; more is refused below).
    let dates = 1 + input.also.len().min(svc::SERIES_MAX + 1);
    for _ in 0..dates {
        if let Err(wait) = ctx.state.public_limit.hit(&ctx.addr, ctx.state.core.now()) {
            return super::errors::service_error_page(
                loc,
                ServiceError::Throttled {
                    retry_after_secs: wait,
                },
            );
        }
    }
    let Some(m) = ctx.state.municipality_for(None).await else {
        return super::errors::service_error_page(loc, ServiceError::NotFound);
    };
    let result = svc::sign_up_series(&ctx.state.core, m.id, id, &input, None).await;
    ctx.state.public_changed().await;
    match result {
        Ok(series) => {
            let confirmation = Confirmation {
                emailed: series.first.registration.email.is_some(),
                phoned: series.first.registration.phone.is_some(),
                first: placed(id, &Ok(series.first)),
                more: series.more.iter().map(|(s, r)| placed(*s, r)).collect(),
            };
            let mut res = axum::response::Redirect::to(&format!("/arrangementer/{id}/tilmeldt"))
                .into_response();
            let cookie = format!(
                "{CONFIRMATION_COOKIE}={}; Path=/arrangementer; Max-Age={CONFIRMATION_MAX_AGE}; HttpOnly; SameSite=Lax{}",
                encode_confirmation(&confirmation),
                if ctx.state.cfg.secure_cookies {
                    "; Secure"
                } else {
                    ""
                }
            );
            if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
                res.headers_mut().append(axum::http::header::SET_COOKIE, v);
            }
            res
        }
        Err(ServiceError::Invalid(errors)) => event_page(&ctx, id, &input, &errors, false).await,
        Err(ServiceError::Conflict(Conflict::AlreadyRegistered)) => {
            event_page(&ctx, id, &input, &FieldErrors::default(), true).await
        }
        Err(e) => super::errors::service_error_page(loc, e),
    }
}

/// The confirmation after a sign-up; a reload shows it again.
pub async fn signed_up(ctx: Ctx, Path(id): Path<i64>, headers: axum::http::HeaderMap) -> Response {
    let loc = ctx.loc;
    let confirmation = crate::http::cookie(&headers, CONFIRMATION_COOKIE)
        .and_then(|raw| decode_confirmation(&raw))
        .filter(|c| c.first.session == id);
    let Some(confirmation) = confirmation else {
        // Nothing to confirm here (the cookie expired, or another browser).
        return axum::response::Redirect::to(&format!("/arrangementer/{id}")).into_response();
    };
    let Some(m) = ctx.state.municipality_for(None).await else {
        return super::errors::service_error_page(loc, ServiceError::NotFound);
    };
    let first = match outcome(&ctx, m.id, &confirmation.first).await {
        Ok(o) => o,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let mut more = Vec::with_capacity(confirmation.more.len());
    for p in &confirmation.more {
        match outcome(&ctx, m.id, p).await {
            Ok(o) => more.push(o),
            Err(e) => return super::errors::service_error_page(loc, e),
        }
    }
    more.sort_by_key(|o| o.starts_at);
    let mut c = chrome(&ctx, "done-title", "/arrangementer").await;
    c.title = loc.t(if first.confirmed {
        "done-confirmed"
    } else {
        "done-waitlisted-title"
    });
    let page = DonePage {
        c,
        first,
        more,
        emailed: confirmation.emailed,
        no_contact: !confirmation.emailed && !confirmation.phoned,
        has_phone: confirmation.phoned,
    };
    let mut res = render(&page);
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    res
}

#[derive(Template)]
#[template(path = "cancel.html")]
struct CancelPage {
    c: Chrome,
    card: Card,
    name: String,
    status: String,
    place: u64,
    done: bool,
    just_cancelled: bool,
    /// Why the link can no longer cancel: the session was cancelled or has begun.
    closed: Option<String>,
    token: String,
}

fn valid_token(token: &str) -> bool {
    (20..=100).contains(&token.len())
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub async fn cancel_form(ctx: Ctx, Path(token): Path<String>) -> Response {
    cancel_page(&ctx, &token, false).await
}

async fn cancel_page(ctx: &Ctx, token: &str, just_cancelled: bool) -> Response {
    let loc = ctx.loc;
    if !valid_token(token) {
        return super::errors::service_error_page(loc, ServiceError::NotFound);
    }
    let (reg, v) = match svc::registration_for_token(&ctx.state.core, token).await {
        Ok(x) => x,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let place = svc::waitlist_place(&ctx.state.core, &reg)
        .await
        .ok()
        .flatten()
        .unwrap_or(0);
    let done = reg.status == RegistrationStatus::Cancelled;
    let closed = if done {
        None
    } else if v.session.cancelled_at.is_some() {
        Some(loc.t("cancel-session-cancelled"))
    } else if v.session.starts_at <= ctx.state.core.now() {
        Some(loc.t("cancel-session-started"))
    } else {
        None
    };
    let page = CancelPage {
        c: chrome(ctx, "cancel-title", "").await,
        card: card(loc, &v),
        name: reg.name,
        status: reg.status.as_str().into(),
        place,
        done,
        just_cancelled,
        token: token.to_string(),
        closed: closed.clone(),
    };
    // A link used before answers 410; the answer to the click that used it is
    // 200; a link that can no longer change anything, 409.
    let status = if done && !just_cancelled {
        StatusCode::GONE
    } else if closed.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let mut res = (status, render(&page)).into_response();
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    res
}

pub async fn cancel(ctx: Ctx, Path(token): Path<String>) -> Response {
    let loc = ctx.loc;
    if !valid_token(&token) {
        return super::errors::service_error_page(loc, ServiceError::NotFound);
    }
    if let Err(wait) = ctx.state.public_limit.hit(&ctx.addr, ctx.state.core.now()) {
        return super::errors::service_error_page(
            loc,
            ServiceError::Throttled {
                retry_after_secs: wait,
            },
        );
    }
    let result = svc::cancel(&ctx.state.core, &token).await;
    ctx.state.public_changed().await;
    match result {
        Ok(_) => cancel_page(&ctx, &token, true).await,
        Err(ServiceError::Gone | ServiceError::Conflict(_)) => {
            cancel_page(&ctx, &token, false).await
        }
        Err(e) => super::errors::service_error_page(loc, e),
    }
}
