//! The season plan's settings: the municipality's school calendar (first
//! school day, last visit day, holidays, extra closed days) and each
//! school's visit days, time window and visit length.

use super::errors::PageError;
use super::{Chrome, chrome, render};
use crate::http::{Ctx, FormData, StaffCtx};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, NaiveTime, Weekday};
use samvirke_domain::OrgId;
use samvirke_domain::availability::TimeRange;
use samvirke_domain::school_year::{FirstSchoolDay, MonthDay, SchoolCalendarSettings, WinterWeek};
use samvirke_domain::season::School;
use samvirke_domain::validate::{FieldErrors, FieldProblem};
use samvirke_service::ServiceError;
use samvirke_service::seasons::{self as svc, SchoolSettings};

const WEEKDAYS: [(Weekday, &str); 5] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
];

/// A text field as typed, with its error.
struct Field {
    value: String,
    error: Option<String>,
}

struct Period {
    n: usize,
    text: String,
    first: String,
    last: String,
}

struct DayBox {
    code: &'static str,
    label: String,
    checked: bool,
}

struct SchoolForm {
    id: i64,
    name: String,
    can_edit: bool,
    days: Vec<DayBox>,
    window_start: Field,
    window_end: Field,
    visit_minutes: Field,
    weekdays_error: Option<String>,
}

#[derive(Template)]
#[template(path = "season_settings.html")]
struct SettingsPage {
    c: Chrome,
    can_edit_calendar: bool,
    first_school_week: Field,
    last_visit_day: Field,
    autumn_week: Field,
    christmas_from: Field,
    christmas_to: Field,
    winter_week: String,
    easter: bool,
    periods: Vec<Period>,
    extra_first: Field,
    extra_last: Field,
    schools: Vec<SchoolForm>,
}

/// What to write instead, for a field of this page.
fn error_text(loc: crate::i18n::Loc, field: &str) -> String {
    loc.t(&format!("settings-error-{}", field.replace('_', "-")))
}

fn md(m: MonthDay) -> String {
    format!("{}.{}", m.day, m.month)
}

fn parse_md(s: &str) -> Option<MonthDay> {
    let (d, m) = s.trim().split_once('.')?;
    Some(MonthDay::new(
        m.trim().parse().ok()?,
        d.trim().parse().ok()?,
    ))
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// The calendar form as typed (or as stored).
struct CalendarTyped {
    first_school_week: String,
    last_visit_day: String,
    autumn_week: String,
    christmas_from: String,
    christmas_to: String,
    winter_week: String,
    easter: bool,
    periods: Vec<(NaiveDate, NaiveDate)>,
    extra_first: String,
    extra_last: String,
}

fn calendar_typed(s: &SchoolCalendarSettings) -> CalendarTyped {
    CalendarTyped {
        first_school_week: match s.first_school_day {
            FirstSchoolDay::MondayOfIsoWeek(w) => w.to_string(),
            FirstSchoolDay::Date(_) => "33".into(),
        },
        last_visit_day: md(s.last_visit_day),
        autumn_week: s.autumn_week.map(|w| w.to_string()).unwrap_or_default(),
        christmas_from: md(s.christmas_from),
        christmas_to: md(s.christmas_to),
        winter_week: s
            .winter_week
            .map(|w| w.week().to_string())
            .unwrap_or_default(),
        easter: s.easter,
        periods: s.extra.clone(),
        extra_first: String::new(),
        extra_last: String::new(),
    }
}

fn school_form(
    ctx: &Ctx,
    s: &SchoolSettings,
    typed: Option<(&FormData, &FieldErrors)>,
) -> SchoolForm {
    let loc = ctx.loc;
    let err = |f: &str| {
        typed
            .and_then(|(_, e)| e.get(f))
            .map(|_| error_text(loc, f))
    };
    let value = |name: &str, stored: String| Field {
        value: typed.map_or(stored, |(form, _)| form.get(name).to_owned()),
        error: err(name),
    };
    SchoolForm {
        id: s.school.id.0,
        name: s.name.clone(),
        can_edit: s.can_edit,
        days: WEEKDAYS
            .iter()
            .map(|(day, code)| DayBox {
                code,
                label: loc.t(&format!("weekday-{code}")),
                checked: match typed {
                    Some((form, _)) => form.all("weekday").contains(code),
                    None => s.school.allows(*day),
                },
            })
            .collect(),
        window_start: value("window_start", hhmm(s.school.window.start())),
        window_end: value("window_end", hhmm(s.school.window.end())),
        visit_minutes: value("visit_minutes", s.school.visit_minutes.to_string()),
        weekdays_error: err("weekdays"),
    }
}

async fn page(
    ctx: &Ctx,
    me: &samvirke_service::auth::SignedIn,
    calendar: Option<(CalendarTyped, &FieldErrors)>,
    school: Option<(i64, &FormData, &FieldErrors)>,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let actor = me.as_actor();
    let stored = svc::calendar_settings(&ctx.state.core, &actor).await?;
    let no_errors = FieldErrors::default();
    let (typed, errors) =
        calendar.unwrap_or_else(|| (calendar_typed(&stored.settings), &no_errors));
    let mut c = chrome(ctx, "settings-heading", "/klasser").await?;
    let all_errors = school.map_or(errors, |(_, _, e)| e);
    let fields = [
        "first_school_week",
        "last_visit_day",
        "autumn_week",
        "christmas_from",
        "christmas_to",
        "extra_first",
        "extra_last",
        "weekdays",
        "window_start",
        "window_end",
        "visit_minutes",
    ];
    let school_anchor = school.map(|(id, _, _)| id);
    c.errors = fields
        .iter()
        .filter(|f| all_errors.get(f).is_some())
        .map(|f| super::SummaryItem {
            field: match (school_anchor, *f) {
                (Some(id), "weekdays") => format!("school-{id}-mon"),
                (Some(id), f) => format!("school-{id}-{f}"),
                (None, f) => f.to_string(),
            },
            message: error_text(loc, f),
        })
        .collect();
    let field = |name: &str, value: String| Field {
        value,
        error: errors.get(name).map(|_| error_text(loc, name)),
    };
    let schools = svc::school_settings(&ctx.state.core, &actor)
        .await?
        .iter()
        .map(|s| match school {
            Some((id, form, e)) if id == s.school.id.0 => school_form(ctx, s, Some((form, e))),
            _ => school_form(ctx, s, None),
        })
        .collect();
    let status = if all_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let d = |d: NaiveDate| d.format("%-d.%-m.%Y").to_string();
    let page = SettingsPage {
        c,
        can_edit_calendar: stored.can_edit,
        first_school_week: field("first_school_week", typed.first_school_week),
        last_visit_day: field("last_visit_day", typed.last_visit_day),
        autumn_week: field("autumn_week", typed.autumn_week),
        christmas_from: field("christmas_from", typed.christmas_from),
        christmas_to: field("christmas_to", typed.christmas_to),
        winter_week: typed.winter_week,
        easter: typed.easter,
        periods: typed
            .periods
            .iter()
            .enumerate()
            .map(|(n, (a, b))| Period {
                n,
                text: format!("{}–{}", d(*a), d(*b)),
                first: a.to_string(),
                last: b.to_string(),
            })
            .collect(),
        extra_first: field("extra_first", typed.extra_first),
        extra_last: field("extra_last", typed.extra_last),
        schools,
    };
    Ok((status, render(&page)).into_response())
}

pub async fn show(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    page(&ctx, &me, None, None).await
}

/// The calendar form read into settings, or the fields at fault.
fn read_calendar(form: &FormData) -> (CalendarTyped, Result<SchoolCalendarSettings, FieldErrors>) {
    let keep: Vec<usize> = form
        .all("keep")
        .iter()
        .filter_map(|k| k.parse().ok())
        .collect();
    let firsts = form.all("period_first");
    let lasts = form.all("period_last");
    let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let mut periods: Vec<(NaiveDate, NaiveDate)> = firsts
        .iter()
        .zip(&lasts)
        .enumerate()
        .filter(|(n, _)| keep.contains(n))
        .filter_map(|(_, (a, b))| Some((date(a)?, date(b)?)))
        .collect();
    let typed = CalendarTyped {
        first_school_week: form.get("first_school_week").trim().to_owned(),
        last_visit_day: form.get("last_visit_day").trim().to_owned(),
        autumn_week: form.get("autumn_week").trim().to_owned(),
        christmas_from: form.get("christmas_from").trim().to_owned(),
        christmas_to: form.get("christmas_to").trim().to_owned(),
        winter_week: form.get("winter_week").to_owned(),
        easter: form.get("easter") == "on",
        periods: periods.clone(),
        extra_first: form.get("extra_first").trim().to_owned(),
        extra_last: form.get("extra_last").trim().to_owned(),
    };
    let mut errors = FieldErrors::default();
    let mut month_day = |name: &'static str, s: &str| {
        let v = parse_md(s);
        if v.is_none() {
            errors.add(name, FieldProblem::InvalidDate);
        }
        v.unwrap_or(MonthDay::new(1, 1))
    };
    let last_visit_day = month_day("last_visit_day", &typed.last_visit_day);
    let christmas_from = month_day("christmas_from", &typed.christmas_from);
    let christmas_to = month_day("christmas_to", &typed.christmas_to);
    let week = typed.first_school_week.parse::<u32>().ok();
    if week.is_none() {
        errors.add("first_school_week", FieldProblem::InvalidChoice);
    }
    let autumn_week = if typed.autumn_week.is_empty() {
        None
    } else {
        let w = typed.autumn_week.parse::<u32>().ok();
        if w.is_none() {
            errors.add("autumn_week", FieldProblem::InvalidChoice);
        }
        w
    };
    if !(typed.extra_first.is_empty() && typed.extra_last.is_empty()) {
        match (date(&typed.extra_first), date(&typed.extra_last)) {
            (Some(a), Some(b)) => periods.push((a, b)),
            (None, _) => errors.add("extra_first", FieldProblem::InvalidDate),
            (_, None) => errors.add("extra_last", FieldProblem::InvalidDate),
        }
    }
    if !errors.is_empty() {
        return (typed, Err(errors));
    }
    let settings = SchoolCalendarSettings {
        first_school_day: FirstSchoolDay::MondayOfIsoWeek(week.unwrap_or(33)),
        last_visit_day,
        autumn_week,
        christmas_from,
        christmas_to,
        winter_week: match typed.winter_week.as_str() {
            "7" => Some(WinterWeek::Week7),
            "8" => Some(WinterWeek::Week8),
            _ => None,
        },
        easter: typed.easter,
        extra: periods,
    };
    (typed, Ok(settings))
}

pub async fn save_calendar(
    StaffCtx { ctx, me }: StaffCtx,
    form: FormData,
) -> Result<Response, PageError> {
    let (typed, read) = read_calendar(&form);
    let errors = match read {
        Ok(settings) => {
            match svc::set_calendar_settings(&ctx.state.core, &me.as_actor(), &settings).await {
                Ok(()) => {
                    return Ok(
                        Redirect::to("/saeson/indstillinger?notice=settings-saved").into_response()
                    );
                }
                Err(ServiceError::Invalid(e)) => e,
                Err(e) => return Err(e.into()),
            }
        }
        Err(e) => e,
    };
    page(&ctx, &me, Some((typed, &errors)), None).await
}

pub async fn save_school(
    StaffCtx { ctx, me }: StaffCtx,
    form: FormData,
) -> Result<Response, PageError> {
    let id: i64 = form
        .get("school_id")
        .parse()
        .map_err(|_| ServiceError::NotFound)?;
    let mut errors = FieldErrors::default();
    let time = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").ok();
    let (start, end) = (time(form.get("window_start")), time(form.get("window_end")));
    if start.is_none() {
        errors.add("window_start", FieldProblem::InvalidChoice);
    }
    let window = match (start, end) {
        (Some(a), Some(b)) => TimeRange::new(a, b),
        _ => None,
    };
    if start.is_some() && window.is_none() {
        errors.add("window_end", FieldProblem::EndBeforeStart);
    }
    let minutes = form.get("visit_minutes").trim().parse::<u32>().ok();
    if minutes.is_none() {
        errors.add("visit_minutes", FieldProblem::InvalidChoice);
    }
    let chosen = form.all("weekday");
    let weekdays: Vec<Weekday> = WEEKDAYS
        .iter()
        .filter(|(_, code)| chosen.contains(code))
        .map(|(d, _)| *d)
        .collect();
    if let (Some(window), Some(visit_minutes), true) = (window, minutes, errors.is_empty()) {
        let school = School {
            id: OrgId(id),
            weekdays,
            window,
            visit_minutes,
        };
        match svc::set_school_settings(&ctx.state.core, &me.as_actor(), &school).await {
            Ok(()) => {
                return Ok(
                    Redirect::to("/saeson/indstillinger?notice=settings-saved").into_response()
                );
            }
            Err(ServiceError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    }
    page(&ctx, &me, None, Some((id, &form, &errors))).await
}
