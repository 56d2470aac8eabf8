//! The visit day: the class sheet (a form, one card per pupil, that works
//! on a tablet and without JavaScript) and the printable run sheet with
//! the three groups.

use super::{birth_date, visit_text};
use crate::http::{FormData, StaffCtx};
use crate::i18n::Loc;
use crate::pages::errors::PageError;
use crate::pages::{Chrome, SummaryItem, chrome, render};
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::Attendance;
use samvirke_domain::pupil::{MitIdStatus, VisitGroup};
use samvirke_domain::validate::FieldProblem;
use samvirke_service::ServiceError;
use samvirke_service::classes::{self as svc, ClassSheet, PupilChange, RowProblem};

/// A choice of a select.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

/// One pupil's card on the class sheet, with what was typed on an error.
struct SheetCard {
    id: i64,
    name: String,
    age: i32,
    group: String,
    attended: bool,
    asked: bool,
    email: String,
    consent: bool,
    email_error: Option<String>,
    /// The citizen service's fields; `None` for everyone else.
    mitid: Option<Vec<Choice>>,
    mitid_created: bool,
    mitid_error: Option<String>,
    /// Under 13 today: only "unknown" is offered.
    mitid_too_young: bool,
}

#[derive(Template)]
#[template(path = "class_sheet.html")]
struct SheetPage {
    c: Chrome,
    id: i64,
    heading: String,
    school_year: String,
    visit: String,
    ages_note: String,
    shows_mitid: bool,
    pupils: Vec<SheetCard>,
}

fn label(loc: Loc, prefix: &str, code: &str) -> String {
    loc.t(&format!("{prefix}-{}", code.replace('_', "-")))
}

fn mitid_choices(loc: Loc, chosen: MitIdStatus, possible: bool) -> Vec<Choice> {
    MitIdStatus::ALL
        .iter()
        .filter(|s| possible || **s == MitIdStatus::Unknown)
        .map(|s| Choice {
            value: s.as_str(),
            label: label(loc, "mitid", s.as_str()),
            selected: *s == chosen,
        })
        .collect()
}

/// The day ages and groups are counted on: the visit's, or today's while
/// no visit is planned (and then it says so).
fn ages_note(loc: Loc, planned: bool, day: chrono::NaiveDate) -> String {
    let key = if planned {
        "class-ages-on"
    } else {
        "class-ages-today"
    };
    loc.t_args(key, &[("day", &birth_date(loc, day))])
}

/// The sheet page: from the saved values, or from the form sent with
/// errors (what was typed kept, each problem by its field).
async fn sheet_page(
    ctx: &crate::http::Ctx,
    sheet: ClassSheet,
    typed: Option<&FormData>,
    problems: &[RowProblem],
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let mut c = chrome(ctx, "sheet-heading", "/klasser").await?;
    let problem_of = |pupil: i64, field: &str| {
        problems
            .iter()
            .find(|p| p.pupil == pupil && p.field == field)
            .map(|p| loc.problem(p.problem))
    };
    c.errors = problems
        .iter()
        .map(|p| SummaryItem {
            field: format!("{}-{}", field_id(p.field), p.pupil),
            message: format!(
                "{}: {}",
                sheet
                    .pupils
                    .iter()
                    .find(|x| x.id == p.pupil)
                    .map(|x| x.name.as_str())
                    .unwrap_or_default(),
                loc.problem(p.problem)
            ),
        })
        .collect();
    let pupils = sheet
        .pupils
        .iter()
        .map(|p| {
            let sent = typed.filter(|f| f.all("pupil").contains(&p.id.to_string().as_str()));
            let has = |name: &str| sent.map(|f| f.has(&format!("{name}-{}", p.id)));
            let mitid_typed = sent
                .map(|f| f.get(&format!("mitid-{}", p.id)))
                .and_then(|v| v.parse::<MitIdStatus>().ok());
            SheetCard {
                id: p.id,
                name: p.name.clone(),
                age: p.age_on_visit_day,
                group: label(loc, "runsheet-group", p.group.as_str()),
                attended: has("attended").unwrap_or(p.attendance == Some(Attendance::Attended)),
                asked: has("asked").unwrap_or(p.asked_questions),
                email: sent.map_or_else(
                    || p.parent_email.clone().unwrap_or_default(),
                    |f| f.get(&format!("email-{}", p.id)).to_owned(),
                ),
                consent: has("consent").unwrap_or(p.parent_consent),
                email_error: problem_of(p.id, "parent_email"),
                mitid: p.mitid.map(|saved| {
                    mitid_choices(loc, mitid_typed.unwrap_or(saved), p.mitid_possible)
                }),
                mitid_created: has("mitid_created").unwrap_or(p.mitid_created == Some(true)),
                mitid_error: problem_of(p.id, "mitid")
                    .or_else(|| problem_of(p.id, "mitid_created")),
                mitid_too_young: !p.mitid_possible,
            }
        })
        .collect();
    let class = &sheet.class;
    let page = SheetPage {
        c,
        id: class.id,
        heading: format!("{} {}", class.name, class.school),
        school_year: class.school_year.to_string(),
        visit: visit_text(loc, class),
        ages_note: ages_note(loc, class.visit.is_some(), sheet.visit_day),
        shows_mitid: sheet.sees_mitid,
        pupils,
    };
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

/// The id prefix of a field on the page.
fn field_id(field: &str) -> &str {
    match field {
        "parent_email" => "email",
        "mitid_created" => "mitid",
        other => other,
    }
}

pub async fn sheet(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let sheet = svc::class_sheet(&ctx.state.core, &me.as_actor(), id).await?;
    sheet_page(&ctx, sheet, None, &[]).await
}

/// The lines of the form as changes. A checkbox not sent is unchecked; the
/// MitID fields count only when the form carried them (the citizen
/// service's), and then the service checks that the sender may set them.
fn changes(form: &FormData) -> Result<Vec<(i64, PupilChange)>, ServiceError> {
    let bad = || ServiceError::invalid("pupil", FieldProblem::InvalidChoice);
    form.all("pupil")
        .into_iter()
        .map(|text| {
            let id: i64 = text.parse().map_err(|_| bad())?;
            let field = |name: &str| format!("{name}-{id}");
            let mitid_sent = form.has(&field("mitid"));
            let mitid = if mitid_sent {
                Some(form.get(&field("mitid")).parse().map_err(|_| bad())?)
            } else {
                None
            };
            let change = PupilChange {
                attendance: Some(form.has(&field("attended")).then_some(Attendance::Attended)),
                mitid,
                mitid_created: (mitid_sent || form.has(&field("mitid_created")))
                    .then(|| form.has(&field("mitid_created"))),
                asked_questions: Some(form.has(&field("asked"))),
                parent: Some((
                    form.get(&field("email")).to_owned(),
                    form.has(&field("consent")),
                )),
            };
            Ok((id, change))
        })
        .collect()
}

pub async fn save(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let core = &ctx.state.core;
    let actor = me.as_actor();
    let changes = changes(&form)?;
    let problems = svc::save_sheet(core, &actor, id, &changes).await?;
    if problems.is_empty() {
        return Ok(
            Redirect::to(&format!("/klasser/{id}/klasseark?notice=sheet-saved")).into_response(),
        );
    }
    let sheet = svc::class_sheet(core, &actor, id).await?;
    sheet_page(&ctx, sheet, Some(&form), &problems).await
}

struct RunGroup {
    heading: String,
    count: usize,
    pupils: Vec<(String, Option<String>)>,
}

struct RunRow {
    title: String,
    minutes: i32,
    org: String,
    staff: String,
}

#[derive(Template)]
#[template(path = "class_run_sheet.html")]
struct RunSheetPage {
    c: Chrome,
    id: i64,
    heading: String,
    visit: String,
    planned: bool,
    ages_note: String,
    place: String,
    staff: String,
    agenda: Vec<RunRow>,
    groups: Vec<RunGroup>,
    shows_mitid: bool,
}

pub async fn run_sheet(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let run = svc::run_sheet(&ctx.state.core, &me.as_actor(), id).await?;
    let loc = ctx.loc;
    let class = &run.class;
    let groups: Vec<RunGroup> = run
        .groups
        .iter()
        .map(|(g, pupils): &(VisitGroup, _)| RunGroup {
            heading: label(loc, "runsheet-group", g.as_str()),
            count: pupils.len(),
            pupils: pupils
                .iter()
                .map(|p: &svc::RunPupil| {
                    (
                        p.name.clone(),
                        p.mitid.map(|m| label(loc, "mitid", m.as_str())),
                    )
                })
                .collect(),
        })
        .collect();
    let shows_mitid = run
        .groups
        .iter()
        .any(|(_, ps)| ps.iter().any(|p| p.mitid.is_some()));
    let mut c = chrome(&ctx, "runsheet-heading", "/klasser").await?;
    let heading = format!("{} {}", class.name, class.school);
    c.title = format!("{} – {heading}", loc.t("runsheet-heading"));
    Ok(render(&RunSheetPage {
        c,
        id,
        heading,
        visit: visit_text(loc, class),
        planned: class.visit.is_some(),
        ages_note: ages_note(loc, class.visit.is_some(), run.visit_day),
        place: run
            .place
            .as_ref()
            .map(|(name, address)| format!("{name}, {address}"))
            .unwrap_or_default(),
        staff: run
            .staff
            .iter()
            .map(|(name, org)| format!("{name} ({org})"))
            .collect::<Vec<_>>()
            .join(", "),
        agenda: run
            .agenda
            .iter()
            .map(|a| RunRow {
                title: a.title.clone(),
                minutes: a.minutes,
                org: a.org.clone(),
                staff: a.staff.join(", "),
            })
            .collect(),
        groups,
        shows_mitid,
    }))
}
