//! "Min tilgængelighed": a staff member's weekly hours and their
//! exceptions (a holiday, a sick day, a part of a day off, extra hours),
//! which the season plan plans within. A coordinator also edits their own
//! organisation's staff (`?medarbejder=ID`); nobody else's.

use super::errors::PageError;
use super::{Chrome, chrome, render};
use crate::http::{Ctx, FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, NaiveTime, Weekday};
use samvirke_domain::availability::{Exception, TimeRange, WeeklyHours};
use samvirke_domain::validate::{FieldErrors, FieldProblem};
use samvirke_service::ServiceError;
use samvirke_service::availability::{self as svc, AvailabilityView};

const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

struct DayRow {
    code: &'static str,
    label: String,
    start: String,
    end: String,
    error: Option<String>,
}

struct ExceptionRow {
    id: i64,
    text: String,
}

struct Person {
    id: i64,
    name: String,
    current: bool,
}

/// The exception form as typed.
#[derive(Default)]
struct NewException {
    kind: String,
    first_day: String,
    last_day: String,
    start: String,
    end: String,
}

#[derive(Template)]
#[template(path = "availability.html")]
struct AvailabilityPage {
    c: Chrome,
    staff_id: i64,
    name: String,
    own: bool,
    people: Vec<Person>,
    days: Vec<DayRow>,
    exceptions: Vec<ExceptionRow>,
    new: NewException,
    kinds: Vec<(&'static str, String)>,
    first_day_error: Option<String>,
    last_day_error: Option<String>,
    end_error: Option<String>,
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn staff_param(here: &str) -> Option<i64> {
    let query = here.split_once('?')?.1;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "medarbejder")
        .and_then(|(_, v)| v.parse().ok())
}

fn describe(loc: Loc, e: &Exception) -> String {
    let d = |d: NaiveDate| d.format("%-d.%-m.%Y").to_string();
    let r = |r: &TimeRange| format!("{}–{}", hhmm(r.start()), hhmm(r.end()));
    match e {
        Exception::DayOff(day) => loc.t1("availability-day-off-on", "date", &d(*day)),
        Exception::Away(a, b) => loc.t_args(
            "availability-away-from",
            &[("first", &d(*a)), ("last", &d(*b))],
        ),
        Exception::Off(day, range) => loc.t_args(
            "availability-off-on",
            &[("date", &d(*day)), ("time", &r(range))],
        ),
        Exception::Extra(day, range) => loc.t_args(
            "availability-extra-on",
            &[("date", &d(*day)), ("time", &r(range))],
        ),
    }
}

struct Typed<'a> {
    days: Option<&'a [DayRow]>,
    new: NewException,
    errors: FieldErrors,
}

async fn page(
    ctx: &Ctx,
    me: &samvirke_service::auth::SignedIn,
    view: AvailabilityView,
    typed: Typed<'_>,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let mut c = chrome(ctx, "availability-heading", "/min-tid").await?;
    let fields: Vec<&str> = DAYS
        .iter()
        .map(|(_, code)| *code)
        .chain(["first_day", "last_day", "end"])
        .collect();
    c.set_errors(&typed.errors, &fields, |f| match f {
        "first_day" | "last_day" | "end" => format!("exception-{f}"),
        day => format!("{day}-start"),
    });
    let days = match typed.days {
        Some(d) => d
            .iter()
            .map(|r| DayRow {
                code: r.code,
                label: r.label.clone(),
                start: r.start.clone(),
                end: r.end.clone(),
                error: typed.errors.get(r.code).map(|p| loc.problem(p)),
            })
            .collect(),
        None => DAYS
            .iter()
            .map(|(day, code)| {
                let range = view.weekly.on(*day).first();
                DayRow {
                    code,
                    label: loc.t(&format!("weekday-{code}")),
                    start: range.map(|r| hhmm(r.start())).unwrap_or_default(),
                    end: range.map(|r| hhmm(r.end())).unwrap_or_default(),
                    error: None,
                }
            })
            .collect(),
    };
    let people = svc::editable_people(&ctx.state.core, &me.as_actor())
        .await?
        .into_iter()
        .map(|(id, name)| Person {
            current: id == view.staff_id,
            id,
            name,
        })
        .collect();
    let problem = |f| typed.errors.get(f).map(|p| loc.problem(p));
    let status = if typed.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AvailabilityPage {
        own: view.staff_id == me.actor.staff.0,
        staff_id: view.staff_id,
        name: view.name,
        people,
        days,
        exceptions: view
            .exceptions
            .iter()
            .map(|(id, e)| ExceptionRow {
                id: *id,
                text: describe(loc, e),
            })
            .collect(),
        kinds: ["away", "day_off", "off", "extra"]
            .into_iter()
            .map(|k| {
                (
                    k,
                    loc.t(&format!("availability-kind-{}", k.replace('_', "-"))),
                )
            })
            .collect(),
        first_day_error: problem("first_day"),
        last_day_error: problem("last_day"),
        end_error: problem("end"),
        new: typed.new,
        c,
    };
    Ok((status, render(&page)).into_response())
}

fn no_typing() -> Typed<'static> {
    Typed {
        days: None,
        new: NewException {
            kind: "away".into(),
            ..Default::default()
        },
        errors: FieldErrors::default(),
    }
}

pub async fn show(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let id = staff_param(&ctx.here).unwrap_or(me.actor.staff.0);
    let view = svc::availability(&ctx.state.core, &me.as_actor(), id).await?;
    page(&ctx, &me, view, no_typing()).await
}

fn back(id: i64) -> String {
    format!("/min-tid?medarbejder={id}&notice=availability-saved")
}

fn person_of(form: &FormData) -> Result<i64, ServiceError> {
    form.get("staff_id")
        .parse()
        .map_err(|_| ServiceError::NotFound)
}

pub async fn save_week(
    StaffCtx { ctx, me }: StaffCtx,
    form: FormData,
) -> Result<Response, PageError> {
    let id = person_of(&form)?;
    let loc = ctx.loc;
    let mut errors = FieldErrors::default();
    let mut weekly = WeeklyHours::new();
    let mut rows = Vec::new();
    for (day, code) in DAYS {
        let (start, end) = (
            form.get(&format!("{code}_start")).trim().to_owned(),
            form.get(&format!("{code}_end")).trim().to_owned(),
        );
        if !(start.is_empty() && end.is_empty()) {
            let time = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
            match (time(&start), time(&end)) {
                (Some(a), Some(b)) => match TimeRange::new(a, b) {
                    Some(r) => {
                        weekly.add(day, r);
                    }
                    None => errors.add(code, FieldProblem::EndBeforeStart),
                },
                _ => errors.add(code, FieldProblem::InvalidChoice),
            }
        }
        rows.push(DayRow {
            code,
            label: loc.t(&format!("weekday-{code}")),
            start,
            end,
            error: None,
        });
    }
    let actor = me.as_actor();
    if errors.is_empty() {
        match svc::set_weekly_hours(&ctx.state.core, &actor, id, &weekly).await {
            Ok(()) => return Ok(Redirect::to(&back(id)).into_response()),
            Err(ServiceError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    }
    let view = svc::availability(&ctx.state.core, &actor, id).await?;
    let typed = Typed {
        days: Some(&rows),
        new: no_typing().new,
        errors,
    };
    page(&ctx, &me, view, typed).await
}

/// The exception the form describes, or the field at fault.
fn exception_of(new: &NewException) -> Result<Exception, (&'static str, FieldProblem)> {
    let date = |s: &str, field| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| (field, FieldProblem::InvalidDate))
    };
    let first = date(&new.first_day, "first_day")?;
    let range = || {
        let time = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
        let (Some(a), Some(b)) = (time(&new.start), time(&new.end)) else {
            return Err(("end", FieldProblem::InvalidChoice));
        };
        TimeRange::new(a, b).ok_or(("end", FieldProblem::EndBeforeStart))
    };
    match new.kind.as_str() {
        "away" => {
            let last = if new.last_day.is_empty() {
                first
            } else {
                date(&new.last_day, "last_day")?
            };
            Ok(Exception::Away(first, last))
        }
        "day_off" => Ok(Exception::DayOff(first)),
        "off" => Ok(Exception::Off(first, range()?)),
        "extra" => Ok(Exception::Extra(first, range()?)),
        _ => Err(("first_day", FieldProblem::InvalidChoice)),
    }
}

pub async fn add_exception(
    StaffCtx { ctx, me }: StaffCtx,
    form: FormData,
) -> Result<Response, PageError> {
    let id = person_of(&form)?;
    let new = NewException {
        kind: form.get("kind").to_owned(),
        first_day: form.get("first_day").trim().to_owned(),
        last_day: form.get("last_day").trim().to_owned(),
        start: form.get("start").trim().to_owned(),
        end: form.get("end").trim().to_owned(),
    };
    let actor = me.as_actor();
    let errors = match exception_of(&new) {
        Ok(e) => match svc::add_exception(&ctx.state.core, &actor, id, e).await {
            Ok(_) => return Ok(Redirect::to(&back(id)).into_response()),
            Err(ServiceError::Invalid(e)) => e,
            Err(e) => return Err(e.into()),
        },
        Err((field, problem)) => {
            let mut e = FieldErrors::default();
            e.add(field, problem);
            e
        }
    };
    let view = svc::availability(&ctx.state.core, &actor, id).await?;
    let typed = Typed {
        days: None,
        new,
        errors,
    };
    page(&ctx, &me, view, typed).await
}

pub async fn remove_exception(
    StaffCtx { ctx, me }: StaffCtx,
    form: FormData,
) -> Result<Response, PageError> {
    let id = person_of(&form)?;
    let exception: i64 = form
        .get("exception_id")
        .parse()
        .map_err(|_| ServiceError::NotFound)?;
    svc::remove_exception(&ctx.state.core, &me.as_actor(), id, exception).await?;
    Ok(Redirect::to(&back(id)).into_response())
}
