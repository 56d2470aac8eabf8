//! Editing a planned session: time, place, seats, public or closed, and the
//! sign-up window. Only the owner's coordinators; the use case decides.

use super::PageError;
use super::events::Choice;
use super::{Chrome, Field, SummaryItem, chrome, render};
use crate::http::{FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_service::ServiceError;
use samvirke_service::catalogue;
use samvirke_service::planning::{self, CAPACITY_MAX, SessionEdit};
use samvirke_service::sessions::{Programme, Session};

/// The fields of the form, in the order they appear on the page.
const FIELDS: [&str; 9] = [
    "date",
    "start",
    "end",
    "site",
    "capacity",
    "opens_date",
    "opens_time",
    "closes_date",
    "closes_time",
];

/// The longest a typed date or time may be.
const INPUT_MAX: usize = 40;

#[derive(Template)]
#[template(path = "session_edit.html")]
struct EditPage {
    c: Chrome,
    id: i64,
    title: String,
    taken: i32,
    date: Field,
    start: Field,
    end: Field,
    capacity: Field,
    sites: Vec<Choice>,
    site_error: Option<String>,
    public: bool,
    opens_date: Field,
    opens_time: Field,
    closes_date: Field,
    closes_time: Field,
}

fn local_date(at: DateTime<Utc>) -> String {
    let l = at.with_timezone(&Copenhagen);
    format!("{}.{}.{}", l.day(), l.month(), l.year())
}

fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Copenhagen).format("%H.%M").to_string()
}

/// The form's values: what was typed, or else the session as it is.
fn values(s: &Session, form: Option<&FormData>) -> Vec<(&'static str, String)> {
    let stored = [
        ("date", local_date(s.starts_at)),
        ("start", local_time(s.starts_at)),
        ("end", local_time(s.ends_at)),
        ("site", s.site_id.to_string()),
        ("capacity", s.capacity.to_string()),
        ("opens_date", local_date(s.signup_opens_at)),
        ("opens_time", local_time(s.signup_opens_at)),
        ("closes_date", local_date(s.signup_closes_at)),
        ("closes_time", local_time(s.signup_closes_at)),
    ];
    stored
        .into_iter()
        .map(|(k, v)| match form {
            Some(f) => (k, f.get(k).chars().take(INPUT_MAX).collect()),
            None => (k, v),
        })
        .collect()
}

/// The sentence for a field's problem; seats below those taken name how many.
fn message(loc: Loc, field: &str, p: FieldProblem, taken: i32) -> String {
    match (field, p) {
        ("capacity", FieldProblem::OutOfRange) => {
            loc.t1("edit-error-seats-below", "count", &taken.to_string())
        }
        ("closes_date", FieldProblem::InvalidChoice) => loc.t("edit-error-closes-after-start"),
        ("closes_date", FieldProblem::EndBeforeStart) => loc.t("edit-error-closes-before-opens"),
        _ => loc.problem(p),
    }
}

#[allow(clippy::too_many_arguments)]
async fn edit_page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    s: &Session,
    p: &Programme,
    form: Option<&FormData>,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let sites = catalogue::sites(&ctx.state.core, &me.as_actor()).await?;
    let v = values(s, form);
    let get = |k: &str| {
        v.iter()
            .find(|(f, _)| *f == k)
            .map(|(_, x)| x.clone())
            .unwrap_or_default()
    };
    let err = |f: &str| errors.get(f).map(|pr| message(loc, f, pr, s.taken));
    let field = |k: &str| Field {
        value: get(k),
        error: err(k),
    };
    let site = get("site");
    let mut c = chrome(ctx, "edit-session-title", "/sessions").await?;
    // The error summary says what each field says (seats, sign-up window).
    c.errors = FIELDS
        .iter()
        .filter_map(|f| {
            err(f).map(|m| SummaryItem {
                field: f.to_string(),
                message: m,
            })
        })
        .collect();
    let page = EditPage {
        id: s.id,
        title: p.title.clone(),
        taken: s.taken,
        date: field("date"),
        start: field("start"),
        end: field("end"),
        capacity: field("capacity"),
        sites: sites
            .iter()
            .map(|x| Choice {
                value: x.id.to_string(),
                label: x.name.clone(),
                checked: x.id.to_string() == site,
            })
            .collect(),
        site_error: err("site"),
        public: match form {
            Some(f) => f.get("public") == "yes",
            None => s.public,
        },
        opens_date: field("opens_date"),
        opens_time: field("opens_time"),
        closes_date: field("closes_date"),
        closes_time: field("closes_time"),
        c,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

pub async fn form(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (s, p) = planning::session_for_edit(&ctx.state.core, &me.as_actor(), id).await?;
    edit_page(&ctx, &me, &s, &p, None, &FieldErrors::default()).await
}

/// `d.m.yyyy` (or `yyyy-mm-dd`), in the years 2000–2100.
fn parse_date(s: &str) -> Result<NaiveDate, FieldProblem> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldProblem::Required);
    }
    let d = NaiveDate::parse_from_str(s, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .map_err(|_| FieldProblem::InvalidDate)?;
    validate::year_in_range(d.year()).map(|()| d)
}

/// `14.00`, `14:00` or `14`.
fn parse_time(s: &str) -> Result<NaiveTime, FieldProblem> {
    let s = s.trim().trim_start_matches("kl.").trim();
    if s.is_empty() {
        return Err(FieldProblem::Required);
    }
    NaiveTime::parse_from_str(s, "%H.%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
        .ok()
        .or_else(|| {
            s.parse::<u32>()
                .ok()
                .and_then(|h| NaiveTime::from_hms_opt(h, 0, 0))
        })
        .ok_or(FieldProblem::InvalidTime)
}

fn local(d: NaiveDate, t: NaiveTime) -> Option<DateTime<Utc>> {
    Copenhagen
        .from_local_datetime(&d.and_time(t))
        .earliest()
        .map(|x| x.with_timezone(&Utc))
}

/// The form as a [`SessionEdit`], or the problems next to their fields.
fn parse(form: &FormData) -> Result<SessionEdit, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut date = |k: &'static str| errors.check(k, parse_date(form.get(k)));
    let (d, od, cd) = (date("date"), date("opens_date"), date("closes_date"));
    let mut time = |k: &'static str| errors.check(k, parse_time(form.get(k)));
    let (st, en, ot, ct) = (
        time("start"),
        time("end"),
        time("opens_time"),
        time("closes_time"),
    );
    let capacity = errors.check(
        "capacity",
        form.get("capacity")
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|c| (1..=CAPACITY_MAX).contains(c))
            .ok_or(FieldProblem::InvalidNumber),
    );
    let site = errors.check(
        "site",
        form.get("site")
            .parse::<i64>()
            .map_err(|_| FieldProblem::Required),
    );
    let (Some(d), Some(od), Some(cd), Some(st), Some(en), Some(ot), Some(ct)) =
        (d, od, cd, st, en, ot, ct)
    else {
        return Err(errors);
    };
    let at = |d, t, field: &'static str, errors: &mut FieldErrors| {
        let r = local(d, t);
        if r.is_none() {
            errors.add(field, FieldProblem::InvalidTime);
        }
        r
    };
    let starts = at(d, st, "start", &mut errors);
    let ends = at(d, en, "end", &mut errors);
    let opens = at(od, ot, "opens_time", &mut errors);
    let closes = at(cd, ct, "closes_time", &mut errors);
    match (starts, ends, opens, closes, capacity, site) {
        (Some(s), Some(e), Some(o), Some(c), Some(capacity), Some(site)) if errors.is_empty() => {
            Ok(SessionEdit {
                site_id: site,
                starts_at: s,
                ends_at: e,
                capacity,
                signup_opens_at: o,
                signup_closes_at: c,
                public: form.get("public") == "yes",
            })
        }
        _ => Err(errors),
    }
}

/// The use case's field names, as the form's.
fn form_field(service_field: &str) -> &'static str {
    match service_field {
        "site_id" => "site",
        "ends_at" => "end",
        "capacity" => "capacity",
        "signup_opens_at" => "opens_date",
        "signup_closes_at" => "closes_date",
        _ => "date",
    }
}

pub async fn save(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let core = &ctx.state.core;
    let actor = me.as_actor();
    // Who may edit is checked before the form is read.
    let (s, p) = planning::session_for_edit(core, &actor, id).await?;
    let input = match parse(&form) {
        Ok(i) => i,
        Err(errors) => return edit_page(&ctx, &me, &s, &p, Some(&form), &errors).await,
    };
    Ok(
        match planning::update_session(core, &actor, id, &input).await {
            Ok(r) => {
                // Seats and times change: public pages must not show old ones.
                ctx.state.public_changed().await;
                let notice = if r.to_phone > 0 {
                    "session-changed-phone"
                } else if r.emailed > 0 {
                    "session-changed-told"
                } else {
                    "session-changed"
                };
                Redirect::to(&format!("/sessions/{id}?notice={notice}")).into_response()
            }
            Err(ServiceError::Invalid(e)) => {
                let mut errors = FieldErrors::default();
                for f in e.0 {
                    errors.add(form_field(f.field), f.problem);
                }
                // Seats below those taken: show the count as it is now.
                let s = planning::session_for_edit(core, &actor, id)
                    .await
                    .map(|(s, _)| s)
                    .unwrap_or(s);
                edit_page(&ctx, &me, &s, &p, Some(&form), &errors).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}
