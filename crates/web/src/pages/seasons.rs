//! The season plan of class visits, for the coordinators of the library
//! and the citizen service: the proposal as a table, the unplaced classes
//! with the reason, and a plain form to adjust each visit, "Tjek" it
//! (conflicts listed on their row and at the top) and "Bekræft" it.

use super::errors::PageError;
use super::{Chrome, SummaryItem, chrome, render};
use crate::http::{FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, NaiveTime};
use samvirke_domain::OrgKind;
use samvirke_domain::school_year::SchoolYear;
use samvirke_domain::validate::FieldProblem;
use samvirke_service::ServiceError;
use samvirke_service::seasons::{
    self as svc, Confirmed, PlanConflict, SeasonPlan, StaffRef, VISITS_MAX, VisitInput,
};

/// A row of the table: what the proposal or the saved plan holds.
struct TableRow {
    class: String,
    school: String,
    date: String,
    time: String,
    staff: String,
}

struct Choice {
    id: i64,
    name: String,
    selected: bool,
}

/// A row of the form, with what the user typed and its conflicts.
struct FormRow {
    n: usize,
    class_id: i64,
    label: String,
    date: String,
    start: String,
    end: String,
    library: Vec<Choice>,
    citizen: Vec<Choice>,
    problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "season.html")]
struct SeasonPage {
    c: Chrome,
    school_year: String,
    window: String,
    fixed: Vec<TableRow>,
    proposed: Vec<TableRow>,
    unplaced: Vec<String>,
    rows: Vec<FormRow>,
    checked_clean: bool,
}

fn year_from(here: &str) -> Option<SchoolYear> {
    let query = here.split_once('?')?.1;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "skoleaar")
        .and_then(|(_, v)| v.parse().ok())
}

fn names(staff: &[StaffRef]) -> String {
    staff
        .iter()
        .map(|s| format!("{} ({})", s.name, s.organisation))
        .collect::<Vec<_>>()
        .join(", ")
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// What a row's form fields hold, as the user typed them.
struct Typed {
    class_id: i64,
    date: String,
    start: String,
    end: String,
    library: Option<i64>,
    citizen: Option<i64>,
}

fn choices(plan: &SeasonPlan, kind: OrgKind, chosen: Option<i64>) -> Vec<Choice> {
    plan.staff
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| Choice {
            id: s.id,
            name: s.name.clone(),
            selected: Some(s.id) == chosen,
        })
        .collect()
}

fn conflict_text(loc: Loc, plan: &SeasonPlan, c: &PlanConflict) -> String {
    let staff = c
        .staff_id
        .and_then(|id| plan.staff.iter().find(|s| s.id == id))
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let other = c
        .other_class_id
        .and_then(|id| plan.visits.iter().find(|v| v.class_id == id))
        .map(|v| format!("{}, {}", v.class_name, v.school))
        .unwrap_or_default();
    loc.t_args(
        &format!("season-conflict-{}", c.code.as_str().replace('_', "-")),
        &[("staff", &staff), ("other", &other)],
    )
}

async fn page(
    ctx: &crate::http::Ctx,
    plan: &SeasonPlan,
    typed: Option<&[Typed]>,
    conflicts: &[PlanConflict],
    problems: &[(usize, String)],
    checked: bool,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let mut c = chrome(ctx, "season-heading", "/klasser").await?;
    let label = |class_id: i64| {
        plan.visits
            .iter()
            .find(|v| v.class_id == class_id)
            .map(|v| format!("{}, {}", v.class_name, v.school))
            .unwrap_or_default()
    };
    let table = |fixed: bool| {
        plan.visits
            .iter()
            .filter(|v| v.session_id.is_some() == fixed)
            .map(|v| TableRow {
                class: v.class_name.clone(),
                school: v.school.clone(),
                date: loc.date(v.starts_at),
                time: loc.time_span(v.starts_at, v.ends_at),
                staff: names(&v.staff),
            })
            .collect::<Vec<_>>()
    };
    let proposed_typed: Vec<Typed>;
    let typed = match typed {
        Some(t) => t,
        None => {
            proposed_typed = plan
                .visits
                .iter()
                .filter(|v| v.session_id.is_none())
                .map(|v| {
                    let of = |kind| v.staff.iter().find(|s| s.kind == kind).map(|s| s.id);
                    Typed {
                        class_id: v.class_id,
                        date: v.date.to_string(),
                        start: hhmm(v.start),
                        end: hhmm(v.end),
                        library: of(OrgKind::Library),
                        citizen: of(OrgKind::CitizenService),
                    }
                })
                .collect();
            &proposed_typed
        }
    };
    let rows: Vec<FormRow> = typed
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let mut row_problems: Vec<String> = problems
                .iter()
                .filter(|(i, _)| *i == n)
                .map(|(_, p)| p.clone())
                .collect();
            row_problems.extend(
                conflicts
                    .iter()
                    .filter(|c| c.class_id == t.class_id)
                    .map(|c| conflict_text(loc, plan, c)),
            );
            FormRow {
                n,
                class_id: t.class_id,
                label: label(t.class_id),
                date: t.date.clone(),
                start: t.start.clone(),
                end: t.end.clone(),
                library: choices(plan, OrgKind::Library, t.library),
                citizen: choices(plan, OrgKind::CitizenService, t.citizen),
                problems: row_problems,
            }
        })
        .collect();
    c.errors = rows
        .iter()
        .flat_map(|r| {
            r.problems.iter().map(move |p| SummaryItem {
                field: format!("visit-{}-date", r.n),
                message: format!("{}: {p}", r.label),
            })
        })
        .collect();
    let status = if !problems.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if !conflicts.is_empty() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let window = loc.t_args(
        "season-window",
        &[
            ("first", &loc.long_date(at_noon(plan.first_day))),
            ("last", &loc.long_date(at_noon(plan.last_day))),
        ],
    );
    let page = SeasonPage {
        c,
        school_year: plan.year.to_string(),
        window,
        fixed: table(true),
        proposed: table(false),
        unplaced: plan
            .unplaced
            .iter()
            .map(|u| {
                format!(
                    "{}, {}: {}",
                    u.class_name,
                    u.school,
                    loc.t(&format!(
                        "season-unplaced-{}",
                        u.reason.as_str().replace('_', "-")
                    ))
                )
            })
            .collect(),
        rows,
        checked_clean: checked && conflicts.is_empty() && problems.is_empty(),
    };
    Ok((status, render(&page)).into_response())
}

/// Noon on a day, for the date formatters that take an instant.
fn at_noon(d: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    samvirke_domain::availability::local(d, NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
}

/// The proposal for the school year (`?skoleaar=2026-27`, the current one without).
pub async fn show(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let core = &ctx.state.core;
    let year = match year_from(&ctx.here) {
        Some(y) => y,
        None => samvirke_service::classes::current_year(core)?,
    };
    let plan = svc::propose(core, &me.as_actor(), year).await?;
    page(&ctx, &plan, None, &[], &[], false).await
}

/// The form's rows as typed, and the visits they make where they can be read.
fn read_rows(loc: Loc, form: &FormData) -> (Vec<Typed>, Vec<VisitInput>, Vec<(usize, String)>) {
    let (ids, dates, starts, ends, libs, cits) = (
        form.all("class_id"),
        form.all("date"),
        form.all("start"),
        form.all("end"),
        form.all("library"),
        form.all("citizen"),
    );
    let mut typed = Vec::new();
    let mut visits = Vec::new();
    let mut problems = Vec::new();
    for (n, id) in ids.iter().enumerate().take(VISITS_MAX) {
        let get = |v: &[&str]| v.get(n).copied().unwrap_or("").trim().to_owned();
        let person = |v: &[&str]| get(v).parse::<i64>().ok();
        let t = Typed {
            class_id: id.parse().unwrap_or(0),
            date: get(&dates),
            start: get(&starts),
            end: get(&ends),
            library: person(&libs),
            citizen: person(&cits),
        };
        let date = NaiveDate::parse_from_str(&t.date, "%Y-%m-%d").ok();
        let time = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
        match (date, time(&t.start), time(&t.end)) {
            (Some(date), Some(start), Some(end)) => visits.push(VisitInput {
                class_id: t.class_id,
                date,
                start,
                end,
                staff: t.library.into_iter().chain(t.citizen).collect(),
            }),
            (None, ..) => problems.push((n, loc.problem(FieldProblem::InvalidDate))),
            _ => problems.push((n, loc.t("season-time-invalid"))),
        }
        typed.push(t);
    }
    (typed, visits, problems)
}

/// "Tjek" shows the conflicts; "Bekræft" saves the plan, or shows the
/// conflicts and saves nothing.
pub async fn submit(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let core = &ctx.state.core;
    let actor = me.as_actor();
    let year: SchoolYear = form
        .get("school_year")
        .parse()
        .map_err(|_| ServiceError::invalid("school_year", FieldProblem::InvalidChoice))?;
    let plan = svc::propose(core, &actor, year).await?;
    let (typed, visits, problems) = read_rows(ctx.loc, &form);
    if !problems.is_empty() || visits.is_empty() {
        return page(&ctx, &plan, Some(&typed), &[], &problems, false).await;
    }
    if form.get("action") == "confirm" {
        match svc::confirm(core, &actor, year, &visits).await? {
            Confirmed::Saved(_) => Ok(Redirect::to(&format!(
                "/saeson?skoleaar={year}&notice=season-confirmed"
            ))
            .into_response()),
            Confirmed::Conflicts(c) => page(&ctx, &plan, Some(&typed), &c, &[], false).await,
        }
    } else {
        let c = svc::check_plan(core, &actor, year, &visits).await?;
        page(&ctx, &plan, Some(&typed), &c, &[], true).await
    }
}
