//! Staff: the day's appointments (their own; a coordinator can see the
//! organisation's), done and no-show, and booking on a citizen's behalf at
//! the desk or by phone (`/aftaler/ny`, `?service=ID` chooses the service;
//! `?henvisning=ID` books for a referral's citizen, whose name and contact
//! it fills in, and marks the referral contacted).

use super::*;
use crate::pages::display_phone;
use samvirke_domain::Conflict;
use samvirke_domain::appointments::AppointmentStatus;
use samvirke_service::referrals;

pub struct Row {
    pub id: i64,
    pub time: String,
    pub service: String,
    pub staff: String,
    pub name: String,
    pub contact: String,
    pub topic: String,
    pub answers: Vec<(String, String)>,
    pub status: String,
    pub markable: bool,
    pub is_done: bool,
    pub is_no_show: bool,
}

#[derive(Template)]
#[template(path = "appointments/day.html")]
struct DayPage {
    c: Chrome,
    day: String,
    date: String,
    previous: String,
    next: String,
    everyone: bool,
    coordinator: bool,
    rows: Vec<Row>,
}

#[derive(Deserialize, Default)]
pub struct DayQuery {
    #[serde(default)]
    dag: String,
    #[serde(default)]
    alle: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    henvisning: String,
}

pub async fn day(
    StaffCtx { ctx, me }: StaffCtx,
    Query(q): Query<DayQuery>,
) -> Result<Response, PageError> {
    let date = parse_day(&q.dag).unwrap_or_else(|| today(&ctx));
    let coordinator = me.actor.has(samvirke_domain::Role::Coordinator);
    let everyone = coordinator && q.alle == "1";
    let list = svc::day_list(&ctx.state.core, &me.as_actor(), date, everyone).await?;
    let loc = ctx.loc;
    let mut c = chrome(&ctx, "appointments-day-title", "/aftaler").await?;
    c.title = loc.t("appointments-day-title");
    let alle = if everyone { "&alle=1" } else { "" };
    let rows = list
        .into_iter()
        .map(|a| Row {
            id: a.id,
            time: loc.time_span(a.starts_at, a.ends_at),
            service: a.service,
            staff: a.staff_name,
            name: a.name.unwrap_or_else(|| loc.t("appointments-forgotten")),
            contact: [a.email, a.phone]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            topic: a
                .topic
                .map(|t| loc.t(&format!("appointments-topic-{}", t.replace('_', "-"))))
                .unwrap_or_default(),
            answers: a.answers,
            status: loc.t(&format!(
                "appointments-status-{}",
                a.status.as_str().replace('_', "-")
            )),
            markable: a.markable && a.status != AppointmentStatus::Cancelled,
            is_done: a.status == AppointmentStatus::Done,
            is_no_show: a.status == AppointmentStatus::NoShow,
        })
        .collect();
    let noon = samvirke_domain::availability::local(
        date,
        chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
    );
    Ok(render(&DayPage {
        c,
        day: loc.long_date(noon),
        date: date.to_string(),
        previous: format!("/aftaler?dag={}{alle}", date - Duration::days(1)),
        next: format!("/aftaler?dag={}{alle}", date + Duration::days(1)),
        everyone,
        coordinator,
        rows,
    }))
}

pub async fn mark(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let to = match form.get("status") {
        "done" => AppointmentStatus::Done,
        "no_show" => AppointmentStatus::NoShow,
        _ => return Err(ServiceError::NotFound.into()),
    };
    svc::mark(&ctx.state.core, &me.as_actor(), id, to).await?;
    let day = parse_day(form.get("dag"))
        .map(|d| d.to_string())
        .unwrap_or_default();
    let alle = if form.get("alle") == "1" {
        "&alle=1"
    } else {
        ""
    };
    Ok(Redirect::to(&format!(
        "/aftaler?dag={day}{alle}&notice=appointment-marked"
    ))
    .into_response())
}

pub struct ServiceChoice {
    pub id: i64,
    pub title: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "appointments/new.html")]
struct NewPage {
    c: Chrome,
    services: Vec<ServiceChoice>,
    service: Option<i64>,
    date: String,
    day: String,
    previous: String,
    next: String,
    times: Vec<(TimeChoice, bool)>,
    name: Field,
    email: Field,
    phone: Field,
    start_error: Option<String>,
    /// The referral the booking is for.
    referral: Option<i64>,
}

struct NewTyped {
    referral: Option<i64>,
    start: String,
    name: Field,
    email: Field,
    phone: Field,
}

async fn new_page(
    ctx: &Ctx,
    me: &samvirke_service::auth::SignedIn,
    service: Option<i64>,
    date: NaiveDate,
    mut t: NewTyped,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let actor = me.as_actor();
    let loc = ctx.loc;
    let all = svc::services_to_book_for(&ctx.state.core, &actor).await?;
    let service = service
        .or_else(|| (all.len() == 1).then(|| all[0].id))
        .filter(|id| all.iter().any(|s| s.id == *id));
    let times = match service {
        Some(id) => svc::free_times_for_staff(&ctx.state.core, &actor, id, date).await?,
        None => Vec::new(),
    };
    let mut c = chrome(ctx, "appointments-new-title", "/aftaler").await?;
    c.set_errors(errors, &["start", "name", "email", "phone"], |f| match f {
        "start" => "time-0".into(),
        f => f.into(),
    });
    let problem = |f| errors.get(f).map(|p| loc.problem(p));
    t.name.error = problem("name");
    t.email.error = problem("email");
    t.phone.error = problem("phone");
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let sid = service.map(|s| format!("&service={s}")).unwrap_or_default()
        + &t.referral
            .map(|r| format!("&henvisning={r}"))
            .unwrap_or_default();
    let noon = samvirke_domain::availability::local(
        date,
        chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
    );
    let page = NewPage {
        c,
        services: all
            .iter()
            .map(|s| ServiceChoice {
                id: s.id,
                title: s.title.clone(),
                current: Some(s.id) == service,
            })
            .collect(),
        service,
        date: date.to_string(),
        day: loc.long_date(noon),
        previous: format!("/aftaler/ny?dag={}{sid}", date - Duration::days(1)),
        next: format!("/aftaler/ny?dag={}{sid}", date + Duration::days(1)),
        times: times
            .iter()
            .map(|s| {
                let value = rfc3339(s.starts_at);
                let checked = value == t.start;
                (
                    TimeChoice {
                        value,
                        label: loc.time_span(s.starts_at, s.ends_at),
                    },
                    checked,
                )
            })
            .collect(),
        start_error: problem("starts_at").or_else(|| problem("start")),
        name: t.name,
        email: t.email,
        phone: t.phone,
        referral: t.referral,
    };
    Ok((status, render(&page)).into_response())
}

pub async fn new_form(
    StaffCtx { ctx, me }: StaffCtx,
    Query(q): Query<DayQuery>,
) -> Result<Response, PageError> {
    let date = parse_day(&q.dag).unwrap_or_else(|| today(&ctx));
    let mut t = NewTyped {
        referral: None,
        start: q.start,
        name: Field::new(""),
        email: Field::new(""),
        phone: Field::new(""),
    };
    if let Ok(id) = q.henvisning.parse::<i64>() {
        // The receiver's staff only (the read is audit-logged); the
        // citizen's name and contact as the referral gave them.
        let case = referrals::referral_case(&ctx.state.core, &me.as_actor(), id).await?;
        t.referral = Some(case.id);
        t.name = Field::new(case.contact_name.as_deref().unwrap_or(""));
        t.email = Field::new(case.email.as_deref().unwrap_or(""));
        t.phone = Field::new(&case.phone.as_deref().map(display_phone).unwrap_or_default());
    }
    new_page(
        &ctx,
        &me,
        q.service.parse().ok(),
        date,
        t,
        &FieldErrors::default(),
    )
    .await
}

pub async fn create(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let service: Option<i64> = form.get("service").parse().ok();
    let date = parse_day(form.get("dag")).unwrap_or_else(|| today(&ctx));
    let t = NewTyped {
        referral: form.get("henvisning").parse().ok(),
        start: form.get("start").into(),
        name: Field::new(form.get("name")),
        email: Field::new(form.get("email")),
        phone: Field::new(form.get("phone")),
    };
    let Some(id) = service else {
        return Err(ServiceError::NotFound.into());
    };
    let input = svc::BookingInput {
        starts_at: parse_time(&t.start),
        name: t.name.value.clone(),
        email: t.email.value.clone(),
        phone: t.phone.value.clone(),
        topic: String::new(),
        answers: Vec::new(),
        language: ctx.loc.lang,
    };
    let mut errors = FieldErrors::default();
    let booked = match t.referral {
        Some(r) => svc::book_for_referral(&ctx.state.core, r, id, &input, &me.actor).await,
        None => {
            svc::book(
                &ctx.state.core,
                me.actor.municipality,
                id,
                &input,
                Some(&me.actor),
            )
            .await
        }
    };
    match booked {
        Ok(_) if t.referral.is_some() => {
            let r = t.referral.unwrap_or_default();
            return Ok(
                Redirect::to(&format!("/henvisninger/{r}?notice=appointment-booked"))
                    .into_response(),
            );
        }
        Ok(b) => {
            let day = b.starts_at.with_timezone(&Copenhagen).date_naive();
            return Ok(Redirect::to(&format!(
                "/aftaler?dag={day}&alle=1&notice=appointment-booked"
            ))
            .into_response());
        }
        Err(ServiceError::Invalid(e)) => errors = e,
        Err(ServiceError::Conflict(Conflict::SlotTaken)) => errors.add(
            "start",
            samvirke_domain::validate::FieldProblem::InvalidChoice,
        ),
        Err(e) => return Err(e.into()),
    }
    if let Some(p) = errors.get("starts_at") {
        errors.add("start", p);
    }
    new_page(&ctx, &me, Some(id), date, t, &errors).await
}
