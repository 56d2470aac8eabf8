//! Coordinators: the organisation's appointment services (`/aftaler/ydelser`),
//! each with its length, place, the staff who give it, its booking rules
//! and questions. Every staff member of the municipality reads them; only
//! the owning organisation's coordinators create and save (the use case
//! decides; others see the form read-only).

use super::*;
use crate::pages::SummaryItem;
use crate::pages::events::Choice;
use samvirke_domain::appointments::{
    BUFFER_RANGE, CANCEL_HOURS_RANGE, HORIZON_DAYS_RANGE, MINUTES_RANGE, NOTICE_HOURS_RANGE,
    QUESTIONS_MAX,
};
use samvirke_domain::validate::FieldProblem;
use samvirke_domain::{Action, Resource};
use samvirke_service::appointments::{QUESTION_MAX, ServiceForm, ServiceInput};
use std::ops::RangeInclusive;

/// The page's place in the menu (under "Administration").
pub const SERVICES_PATH: &str = "/aftaler/ydelser";

/// The numbers of the form: field, its bounds, and the default of a new service.
const NUMBERS: [(&str, &RangeInclusive<i64>, i64); 5] = [
    ("minutes", &MINUTES_RANGE, 30),
    ("buffer_minutes", &BUFFER_RANGE, 0),
    ("notice_hours", &NOTICE_HOURS_RANGE, 2),
    ("horizon_days", &HORIZON_DAYS_RANGE, 42),
    ("cancel_hours", &CANCEL_HOURS_RANGE, 12),
];

/// The fields in the order the page shows them; the input ids are these
/// with `service_` before them.
const FIELDS: [&str; 10] = [
    "title",
    "minutes",
    "site",
    "staff",
    "buffer_minutes",
    "notice_hours",
    "horizon_days",
    "cancel_hours",
    "questions",
    "active",
];

/// The longest a typed number may be before it is cut.
const NUMBER_INPUT_MAX: usize = 12;
/// The questions box: a few lines, each bounded by the use case.
const QUESTIONS_INPUT_MAX: usize = (QUESTION_MAX + 2) * (QUESTIONS_MAX + 2);

pub struct ServiceRow {
    pub id: i64,
    pub title: String,
    pub organisation: String,
    pub minutes: i64,
    pub site: String,
    pub givers: usize,
    pub active: bool,
    pub may_edit: bool,
}

#[derive(Template)]
#[template(path = "appointment_services.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<ServiceRow>,
    may_create: bool,
}

pub async fn services(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let actor = me.as_actor();
    let list = svc::services_for_staff(&ctx.state.core, &actor).await?;
    let may_create = samvirke_domain::authorize(
        &actor,
        Action::Create,
        Resource::AppointmentService {
            municipality: me.actor.municipality,
            org: me.actor.org,
        },
    )
    .is_allowed();
    let c = chrome(&ctx, "appointment-services-title", SERVICES_PATH).await?;
    let rows = list
        .into_iter()
        .map(|(s, may_edit)| ServiceRow {
            id: s.id,
            minutes: s.minutes(),
            site: s.site.clone().unwrap_or_default(),
            givers: s.staff_ids.len(),
            active: s.active,
            title: s.title,
            organisation: s.organisation,
            may_edit,
        })
        .collect();
    Ok(render(&ListPage {
        c,
        rows,
        may_create,
    }))
}

#[derive(Template)]
#[template(path = "appointment_service_form.html")]
struct FormPage {
    c: Chrome,
    /// Where the form posts; None when read-only.
    action: Option<String>,
    heading: String,
    organisation: String,
    title: Field,
    minutes: Field,
    buffer_minutes: Field,
    notice_hours: Field,
    horizon_days: Field,
    cancel_hours: Field,
    questions: Field,
    sites: Vec<Choice>,
    site_error: Option<String>,
    staff: Vec<Choice>,
    staff_error: Option<String>,
    active: bool,
    questions_max: usize,
}

/// What the form shows: what was typed, or the service as saved, or a new one's defaults.
struct Typed {
    title: String,
    numbers: Vec<(&'static str, String)>,
    site: String,
    staff: Vec<String>,
    questions: String,
    active: bool,
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn typed(form: &ServiceForm, posted: Option<&FormData>) -> Typed {
    if let Some(f) = posted {
        return Typed {
            title: cut(f.get("service_title"), 200),
            numbers: NUMBERS
                .iter()
                .map(|(k, ..)| (*k, cut(f.get(&format!("service_{k}")), NUMBER_INPUT_MAX)))
                .collect(),
            site: f.get("service_site").into(),
            staff: f
                .all("service_staff")
                .into_iter()
                .take(200)
                .map(str::to_string)
                .collect(),
            questions: cut(f.get("service_questions"), QUESTIONS_INPUT_MAX),
            active: f.get("service_active") == "yes",
        };
    }
    match &form.service {
        Some(s) => Typed {
            title: s.title.clone(),
            numbers: vec![
                ("minutes", s.rules.minutes.to_string()),
                ("buffer_minutes", s.rules.buffer_minutes.to_string()),
                ("notice_hours", s.rules.notice_hours.to_string()),
                ("horizon_days", s.rules.horizon_days.to_string()),
                ("cancel_hours", s.rules.cancel_hours.to_string()),
            ],
            site: s.site_id.map(|x| x.to_string()).unwrap_or_default(),
            staff: s.staff_ids.iter().map(i64::to_string).collect(),
            questions: s.questions.join("\n"),
            active: s.active,
        },
        None => Typed {
            title: String::new(),
            numbers: NUMBERS
                .iter()
                .map(|(k, _, default)| (*k, default.to_string()))
                .collect(),
            site: form
                .sites
                .first()
                .map(|x| x.id.to_string())
                .unwrap_or_default(),
            staff: Vec::new(),
            questions: String::new(),
            active: true,
        },
    }
}

/// The sentence for a field's problem: a number out of bounds names them.
fn message(loc: Loc, field: &str, p: FieldProblem) -> String {
    let range = NUMBERS
        .iter()
        .find(|(k, ..)| *k == field)
        .map(|(_, r, _)| r);
    match (p, range) {
        (FieldProblem::OutOfRange | FieldProblem::InvalidNumber, Some(r)) => loc.t_args(
            "appointment-service-number-between",
            &[
                ("min", &r.start().to_string()),
                ("max", &r.end().to_string()),
            ],
        ),
        (FieldProblem::InvalidChoice, None) if field == "staff" => {
            loc.t("appointment-service-staff-not-own")
        }
        (FieldProblem::TooMany, None) if field == "questions" => loc.t_args(
            "appointment-service-questions-too-many",
            &[("max", &QUESTIONS_MAX.to_string())],
        ),
        (FieldProblem::TooLong, None) if field == "questions" => loc.t_args(
            "appointment-service-question-too-long",
            &[("max", &QUESTION_MAX.to_string())],
        ),
        _ => loc.problem(p),
    }
}

async fn form_page(
    ctx: &Ctx,
    form: &ServiceForm,
    posted: Option<&FormData>,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let t = typed(form, posted);
    let err = |f: &str| errors.get(f).map(|p| message(loc, f, p));
    let number = |k: &str| Field {
        value: t
            .numbers
            .iter()
            .find(|(f, _)| *f == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default(),
        error: err(k),
    };
    let heading_key = match (&form.service, form.may_edit) {
        (None, _) => "appointment-service-new-title",
        (Some(_), true) => "appointment-service-edit-title",
        (Some(_), false) => "appointment-service-view-title",
    };
    let mut c = chrome(ctx, heading_key, SERVICES_PATH).await?;
    c.errors = FIELDS
        .iter()
        .filter_map(|f| {
            err(f).map(|message| SummaryItem {
                field: match *f {
                    "staff" => form
                        .staff
                        .first()
                        .map(|p| format!("service_staff_{}", p.id))
                        .unwrap_or_else(|| "service_staff".into()),
                    f => format!("service_{f}"),
                },
                message,
            })
        })
        .collect();
    let action = form.may_edit.then(|| match &form.service {
        Some(s) => format!("{SERVICES_PATH}/{}", s.id),
        None => format!("{SERVICES_PATH}/ny"),
    });
    let page = FormPage {
        action,
        heading: match &form.service {
            Some(s) => s.title.clone(),
            None => loc.t("appointment-service-new-title"),
        },
        organisation: form.organisation.clone(),
        title: Field {
            value: t.title.clone(),
            error: err("title"),
        },
        minutes: number("minutes"),
        buffer_minutes: number("buffer_minutes"),
        notice_hours: number("notice_hours"),
        horizon_days: number("horizon_days"),
        cancel_hours: number("cancel_hours"),
        questions: Field {
            value: t.questions.clone(),
            error: err("questions"),
        },
        sites: form
            .sites
            .iter()
            .map(|x| Choice {
                value: x.id.to_string(),
                label: x.name.clone(),
                checked: x.id.to_string() == t.site,
            })
            .collect(),
        site_error: err("site"),
        staff: form
            .staff
            .iter()
            .map(|p| Choice {
                value: p.id.to_string(),
                label: p.name.clone(),
                checked: t.staff.contains(&p.id.to_string()),
            })
            .collect(),
        staff_error: err("staff"),
        active: t.active,
        questions_max: QUESTIONS_MAX,
        c,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

pub async fn service_new_form(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let form = svc::service_form(&ctx.state.core, &me.as_actor(), None).await?;
    form_page(&ctx, &form, None, &FieldErrors::default()).await
}

pub async fn service_edit_form(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let form = svc::service_form(&ctx.state.core, &me.as_actor(), Some(id)).await?;
    form_page(&ctx, &form, None, &FieldErrors::default()).await
}

pub async fn service_create(
    StaffCtx { ctx, me }: StaffCtx,
    posted: FormData,
) -> Result<Response, PageError> {
    save(ctx, me, None, posted).await
}

pub async fn service_save(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    posted: FormData,
) -> Result<Response, PageError> {
    save(ctx, me, Some(id), posted).await
}

/// The posted form as the use case takes it, with the numbers that could
/// not be read as numbers.
fn input_of(posted: &FormData) -> (ServiceInput, FieldErrors) {
    let mut errors = FieldErrors::default();
    let mut number = |field: &'static str, default: i64| -> i64 {
        let typed = posted.get(&format!("service_{field}")).trim().to_string();
        match typed.parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                errors.add(
                    field,
                    if typed.is_empty() {
                        FieldProblem::Required
                    } else {
                        FieldProblem::InvalidNumber
                    },
                );
                // A valid stand-in, so the other fields are still checked.
                default
            }
        }
    };
    let input = ServiceInput {
        title: posted.get("service_title").into(),
        site_id: posted.get("service_site").parse().ok(),
        minutes: number("minutes", 30),
        buffer_minutes: number("buffer_minutes", 0),
        notice_hours: number("notice_hours", 0),
        horizon_days: number("horizon_days", 1),
        cancel_hours: number("cancel_hours", 0),
        // One question a line; more lines than allowed are counted, not kept.
        questions: posted
            .get("service_questions")
            .lines()
            .take(QUESTIONS_MAX + 1)
            .map(str::to_string)
            .collect(),
        staff_ids: posted
            .all("service_staff")
            .into_iter()
            .take(201)
            .filter_map(|s| s.parse().ok())
            .collect(),
        active: posted.get("service_active") == "yes",
    };
    (input, errors)
}

async fn save(
    ctx: Ctx,
    me: samvirke_service::auth::SignedIn,
    id: Option<i64>,
    posted: FormData,
) -> Result<Response, PageError> {
    let actor = me.as_actor();
    let (input, mut errors) = input_of(&posted);
    if errors.is_empty() {
        match svc::save_service(&ctx.state.core, &actor, id, &input).await {
            Ok(saved) => {
                return Ok(Redirect::to(&format!(
                    "{SERVICES_PATH}/{saved}?notice=appointment-service-saved"
                ))
                .into_response());
            }
            Err(ServiceError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    } else if let Err(more) = svc::check_service(&input) {
        // A number that was not a number has its own message already.
        for e in more.0 {
            if errors.get(e.field).is_none() {
                errors.add(e.field, e.problem);
            }
        }
    }
    // The form again, with what was typed: the refusal of a non-coordinator
    // comes from here too.
    let form = svc::service_form(&ctx.state.core, &actor, id).await?;
    if !form.may_edit {
        return Err(ServiceError::Denied(samvirke_domain::DenyReason::MissingRole).into());
    }
    form_page(&ctx, &form, Some(&posted), &errors).await
}
