//! Class visits: the school year's classes, a class's pupils and their
//! groups, and importing a class list (upload, preview, confirm).

pub mod certificates;
mod day;
mod followup;

pub use day::{run_sheet, save as save_sheet, sheet};
pub use followup::list as turning_15;

use super::errors::PageError;
use super::{Chrome, SummaryItem, chrome, render};
use crate::http::{FormData, StaffCtx, UPLOAD_LIMIT};
use crate::i18n::{Lang, Loc};
use askama::Template;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use samvirke_domain::classlist::FileProblem;
use samvirke_domain::school_year::SchoolYear;
use samvirke_service::classes::{self as svc, ClassSummary};

/// A birth date as people write it: 14.3.2011, or 14 March 2011.
fn birth_date(loc: Loc, d: NaiveDate) -> String {
    match loc.lang {
        Lang::Da => format!("{}.{}.{}", d.day(), d.month(), d.year()),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

struct ClassRow {
    id: i64,
    school: String,
    name: String,
    pupils: u64,
    visit: String,
}

#[derive(Template)]
#[template(path = "classes.html")]
struct ClassesPage {
    c: Chrome,
    school_year: String,
    previous: String,
    next: String,
    rows: Vec<ClassRow>,
    /// The citizen service's coordinators keep the text on what to bring.
    can_edit_guidance: bool,
    /// The coordinators of the library and the citizen service plan the season.
    can_plan: bool,
    /// A school's staff see (and its contact changes) the school's visit days.
    is_school: bool,
    /// The citizen service follows up on those who soon turn 15.
    can_follow_up: bool,
}

fn year_from(here: &str) -> Option<SchoolYear> {
    let query = here.split_once('?')?.1;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "skoleaar")
        .and_then(|(_, v)| v.parse().ok())
}

fn visit_text(loc: Loc, c: &ClassSummary) -> String {
    c.visit.map_or_else(
        || loc.t("class-no-visit"),
        |v| {
            format!(
                "{}, {}",
                loc.date(v.starts_at),
                loc.time_span(v.starts_at, v.ends_at)
            )
        },
    )
}

pub async fn list(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let core = &ctx.state.core;
    let year = year_from(&ctx.here).map_or_else(|| svc::current_year(core), Ok)?;
    let classes = svc::list_classes(core, &me.as_actor(), Some(year)).await?;
    let loc = ctx.loc;
    let rows = classes
        .iter()
        .map(|c| ClassRow {
            id: c.id,
            school: c.school.clone(),
            name: c.name.clone(),
            pupils: c.pupil_count,
            visit: visit_text(loc, c),
        })
        .collect();
    let shift = |by: i32| {
        SchoolYear::starting(year.start_year() + by).map_or(String::new(), |y| y.to_string())
    };
    Ok(render(&ClassesPage {
        c: chrome(&ctx, "classes-heading", "/klasser").await?,
        school_year: year.to_string(),
        previous: shift(-1),
        next: shift(1),
        rows,
        can_edit_guidance: me.org_kind == samvirke_domain::OrgKind::CitizenService
            && me.actor.has(samvirke_domain::Role::Coordinator),
        can_plan: samvirke_domain::authorize(
            &me.as_actor(),
            samvirke_domain::Action::Create,
            samvirke_domain::Resource::SeasonPlan {
                municipality: me.actor.municipality,
                viewer: me.org_kind,
            },
        )
        .is_allowed(),
        is_school: me.org_kind == samvirke_domain::OrgKind::School,
        can_follow_up: me.org_kind == samvirke_domain::OrgKind::CitizenService,
    }))
}

struct PupilRow {
    name: String,
    birth_date: String,
    age: i32,
    digital_post: String,
    mitid: Option<String>,
    group: Option<String>,
}

#[derive(Template)]
#[template(path = "class.html")]
struct ClassPage {
    c: Chrome,
    id: i64,
    heading: String,
    school_year: String,
    visit: String,
    ages_note: String,
    can_import: bool,
    shows_mitid: bool,
    shows_group: bool,
    pupils: Vec<PupilRow>,
    /// The library and the citizen service: links to the class sheet and the run sheet.
    runs_visits: bool,
}

pub async fn class(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let detail = svc::class_detail(&ctx.state.core, &me.as_actor(), id).await?;
    let loc = ctx.loc;
    let code = |prefix: &str, code: &str| loc.t(&format!("{prefix}-{}", code.replace('_', "-")));
    let pupils: Vec<PupilRow> = detail
        .pupils
        .iter()
        .map(|p| PupilRow {
            name: p.name.clone(),
            birth_date: birth_date(loc, p.birth_date),
            age: p.age_on_visit_day,
            digital_post: match (p.digital_post.as_str(), p.turns_15_on) {
                ("turns_15_this_year", Some(on)) => format!(
                    "{} ({})",
                    code("digital-post", "turns_15_this_year"),
                    birth_date(loc, on)
                ),
                (other, _) => code("digital-post", other),
            },
            mitid: p.mitid.map(|m| code("mitid", m.as_str())),
            group: p.group.map(|g| code("visit-group", g.as_str())),
        })
        .collect();
    let c = &detail.class;
    Ok(render(&ClassPage {
        c: chrome(&ctx, "classes-heading", "/klasser").await?,
        id,
        heading: format!("{} {}", c.name, c.school),
        school_year: c.school_year.to_string(),
        visit: visit_text(loc, c),
        ages_note: loc.t_args(
            // Until a visit is planned, ages are counted today: say so.
            if c.visit.is_some() {
                "class-ages-on"
            } else {
                "class-ages-today"
            },
            &[("day", &birth_date(loc, detail.visit_day))],
        ),
        can_import: detail.can_import,
        shows_mitid: pupils.iter().any(|p| p.mitid.is_some()),
        shows_group: pupils.iter().any(|p| p.group.is_some()),
        pupils,
        runs_visits: svc::runs_visits(&ctx.state.core, &me.as_actor()).await?,
    }))
}

struct PreviewLine {
    line: usize,
    name: String,
    birth_date: String,
    iso_date: String,
}

struct ErrorLine {
    line: usize,
    message: String,
}

#[derive(Template)]
#[template(path = "class_import.html")]
struct ImportPage {
    c: Chrome,
    id: i64,
    heading: String,
    replace: bool,
    previewed: bool,
    accepted: Vec<PreviewLine>,
    errors: Vec<ErrorLine>,
    summary: String,
    confirm_label: String,
}

async fn import_page(
    ctx: &crate::http::Ctx,
    id: i64,
    class: &ClassSummary,
    replace: bool,
    outcome: Option<svc::ImportOutcome>,
    file_error: Option<String>,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let mut c = chrome(ctx, "class-import-heading", "/klasser").await?;
    let status = if file_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    if let Some(message) = file_error {
        c.errors = vec![SummaryItem {
            field: "file".into(),
            message,
        }];
    }
    let (previewed, accepted, errors) = match outcome {
        Some(o) => (
            true,
            o.accepted
                .iter()
                .map(|p| PreviewLine {
                    line: p.line,
                    name: p.name.clone(),
                    birth_date: birth_date(loc, p.birth_date),
                    iso_date: p.birth_date.to_string(),
                })
                .collect(),
            o.errors
                .iter()
                .map(|e| ErrorLine {
                    line: e.line,
                    message: loc.t(&format!(
                        "class-line-{}",
                        e.problem.as_str().replace('_', "-")
                    )),
                })
                .collect(),
        ),
        None => (false, Vec::new(), Vec::new()),
    };
    let summary = format!(
        "{} {}",
        loc.t_count("class-preview-accepted-count", "count", accepted.len()),
        loc.t_count("class-preview-error-count", "count", errors.len())
    );
    let confirm_label = loc.t_count("class-confirm", "count", accepted.len());
    let page = ImportPage {
        c,
        summary,
        confirm_label,
        id,
        heading: format!("{} {}", class.name, class.school),
        replace,
        previewed,
        accepted,
        errors,
    };
    Ok((status, render(&page)).into_response())
}

async fn class_summary(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
) -> Result<ClassSummary, PageError> {
    Ok(svc::class_detail(&ctx.state.core, &me.as_actor(), id)
        .await?
        .class)
}

pub async fn import_form(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let class = class_summary(&ctx, &me, id).await?;
    import_page(&ctx, id, &class, false, None, None).await
}

/// The uploaded file: read, never saved; the preview lists each line.
pub async fn import_preview(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, PageError> {
    let class = class_summary(&ctx, &me, id).await?;
    let loc = ctx.loc;
    let Ok(bytes) = axum::body::to_bytes(body, UPLOAD_LIMIT).await else {
        let message = loc.t("class-file-too-large");
        return import_page(&ctx, id, &class, false, None, Some(message)).await;
    };
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::multipart::boundary);
    let parts = boundary
        .and_then(|b| crate::multipart::parts(&bytes, b))
        .unwrap_or_default();
    let replace = parts
        .iter()
        .any(|p| p.name == "replace" && p.data == b"yes");
    let file = parts
        .iter()
        .find(|p| p.name == "file" && !p.data.is_empty())
        .map(|p| p.data);
    let Some(file) = file else {
        let message = loc.t("class-file-missing");
        return import_page(&ctx, id, &class, replace, None, Some(message)).await;
    };
    let outcome =
        svc::import_pupils(&ctx.state.core, &me.as_actor(), id, file, true, false).await?;
    match outcome.refused {
        Some(problem) => {
            let key = match problem {
                FileProblem::TooLarge => "class-file-too-large".to_string(),
                p => format!("class-file-{}", p.as_str().replace('_', "-")),
            };
            import_page(&ctx, id, &class, replace, None, Some(loc.t(&key))).await
        }
        None => import_page(&ctx, id, &class, replace, Some(outcome), None).await,
    }
}

/// Saves what the preview showed: the accepted lines come back as hidden
/// fields (names and birth dates only) and are checked again.
pub async fn import_save(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    use samvirke_domain::validate::FieldProblem;
    use samvirke_service::ServiceError;
    let names = form.all("name");
    let dates = form.all("birth_date");
    if names.len() != dates.len() {
        return Err(ServiceError::invalid("pupils", FieldProblem::InvalidChoice).into());
    }
    let pupils = names
        .iter()
        .zip(dates)
        .map(|(name, date)| {
            let date = date
                .parse::<NaiveDate>()
                .map_err(|_| ServiceError::invalid("pupils", FieldProblem::InvalidDate))?;
            Ok(((*name).to_owned(), date))
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    let replace = form.get("replace") == "yes";
    svc::save_pupils(&ctx.state.core, &me.as_actor(), id, &pupils, replace).await?;
    Ok(Redirect::to(&format!("/klasser/{id}?notice=pupils-saved")).into_response())
}

#[derive(Template)]
#[template(path = "class_letter.html")]
struct LetterPage {
    c: Chrome,
    id: i64,
    lang: &'static str,
    other_lang: &'static str,
    other_label: String,
    other_href: String,
    title: String,
    paragraphs: Vec<String>,
    bring_heading: String,
    bring: String,
    questions: String,
    regards: String,
    signed: String,
    /// The same letter as plain text, to paste into Aula.
    plain: String,
}

/// The parent letter of a class, in Danish or (`?sprog=en`) English,
/// whatever language the page around it speaks.
pub async fn letter(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let l = svc::parent_letter(&ctx.state.core, &me.as_actor(), id).await?;
    let english = ctx.here.contains("sprog=en");
    let loc = Loc::new(if english { Lang::En } else { Lang::Da });
    let library = l.library.unwrap_or_default();
    let citizen = l.citizen_service.unwrap_or_default();
    let class = &l.class;
    let mut paragraphs = vec![loc.t_args(
        "letter-greeting",
        &[("class", &class.name), ("school", &class.school)],
    )];
    paragraphs.push(match class.visit {
        Some(v) => {
            let when = format!(
                "{} {}",
                loc.date(v.starts_at),
                loc.time_span(v.starts_at, v.ends_at)
            );
            loc.t_args(
                "letter-visit",
                &[
                    ("library", &library),
                    ("citizen", &citizen),
                    ("when", &when),
                ],
            )
        }
        None => loc.t_args(
            "letter-visit-unplanned",
            &[("library", &library), ("citizen", &citizen)],
        ),
    });
    paragraphs.push(loc.t("letter-fifteen"));
    paragraphs.push(loc.t("letter-mitid"));
    let bring = if english { l.bring_en } else { l.bring_da }
        .unwrap_or_else(|| loc.t("letter-bring-default"));
    let questions = match &l.phone {
        Some(phone) => loc.t_args(
            "letter-questions-phone",
            &[
                ("citizen", &citizen),
                ("phone", &super::display_phone(phone)),
            ],
        ),
        None => loc.t_args("letter-questions", &[("citizen", &citizen)]),
    };
    let title = loc.t_args("letter-title", &[("class", &class.name)]);
    let (bring_heading, regards) = (loc.t("letter-bring-heading"), loc.t("letter-regards"));
    let signed = format!("{library}, {citizen}");
    let plain = format!(
        "{title}\n\n{}\n\n{bring_heading}\n{bring}\n\n{questions}\n\n{regards}\n{signed}\n",
        paragraphs.join("\n\n")
    );
    let mut c = chrome(&ctx, "letter-heading", "/klasser").await?;
    c.title = format!(
        "{} – {} {}",
        ctx.loc.t("letter-heading"),
        class.name,
        class.school
    );
    Ok(render(&LetterPage {
        c,
        id,
        lang: if english { "en" } else { "da" },
        other_lang: if english { "da" } else { "en" },
        other_label: loc.t("letter-other-language"),
        other_href: if english {
            format!("/klasser/{id}/foraeldrebrev")
        } else {
            format!("/klasser/{id}/foraeldrebrev?sprog=en")
        },
        title,
        paragraphs,
        bring_heading,
        bring,
        questions,
        regards,
        signed,
        plain,
    }))
}

struct GuidanceField {
    name: &'static str,
    label: String,
    lang: &'static str,
    value: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "class_guidance.html")]
struct GuidancePage {
    c: Chrome,
    fields: Vec<GuidanceField>,
}

async fn guidance_page(
    ctx: &crate::http::Ctx,
    (da, en): (String, String),
    errors: &samvirke_domain::validate::FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let mut c = chrome(ctx, "guidance-heading", "/klasser").await?;
    c.set_errors(errors, &["text_da", "text_en"], |f| f.to_string());
    let field = |name: &'static str, label: &str, lang, value: String| GuidanceField {
        name,
        label: loc.t(label),
        lang,
        value,
        error: errors.get(name).map(|p| loc.problem(p)),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = GuidancePage {
        c,
        fields: vec![
            field("text_da", "guidance-da", "da", da),
            field("text_en", "guidance-en", "en", en),
        ],
    };
    Ok((status, render(&page)).into_response())
}

/// The citizen service's coordinators keep the text on what to bring for MitID.
pub async fn guidance_form(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let texts = svc::own_guidance(&ctx.state.core, &me.as_actor()).await?;
    guidance_page(&ctx, texts, &Default::default()).await
}

pub async fn guidance_save(
    StaffCtx { ctx, me }: StaffCtx,
    form: FormData,
) -> Result<Response, PageError> {
    let (da, en) = (form.get("text_da"), form.get("text_en"));
    match svc::set_guidance(&ctx.state.core, &me.as_actor(), da, en).await {
        Ok(()) => Ok(Redirect::to("/klasser?notice=guidance-saved").into_response()),
        Err(samvirke_service::ServiceError::Invalid(errors)) => {
            guidance_page(&ctx, (da.to_owned(), en.to_owned()), &errors).await
        }
        Err(e) => Err(e.into()),
    }
}
