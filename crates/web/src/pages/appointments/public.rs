//! Citizens: "Hvad skal du have hjælp til?", a service's free times by
//! day, the booking form and the receipt.

use super::*;
use samvirke_domain::Conflict;
use samvirke_domain::appointments::Topic;

/// How many days the times page shows at once.
const DAYS_SHOWN: i64 = 7;
/// The receipt's cookie: the cancel secret travels from the POST to the
/// page it redirects to, never in a URL; a reload shows the page again.
const RECEIPT_COOKIE: &str = "samvirke_booking";
const RECEIPT_MAX_AGE: i64 = 30 * 60;

pub struct TopicLink {
    pub label: String,
    pub href: String,
    pub organisation: String,
}

pub struct ServiceCard {
    pub title: String,
    pub organisation: String,
    pub place: String,
    pub minutes: i64,
    pub href: String,
}

#[derive(Template)]
#[template(path = "appointments/triage.html")]
struct TriagePage {
    c: Chrome,
    topics: Vec<TopicLink>,
    services: Vec<ServiceCard>,
}

fn card(s: &ServiceInfo) -> ServiceCard {
    ServiceCard {
        title: s.title.clone(),
        organisation: s.organisation.clone(),
        place: place(s),
        minutes: s.minutes(),
        href: format!("/bestil-tid/ydelse/{}", s.id),
    }
}

pub async fn triage(ctx: Ctx) -> Result<Response, PageError> {
    let m = ctx.state.public_home().await?;
    let triage = svc::triage(&ctx.state.core, m.id).await?;
    let services = svc::public_services(&ctx.state.core, m.id).await?;
    let c = chrome(&ctx, "appointments-title", "/bestil-tid").await?;
    let topics = triage
        .iter()
        .filter_map(|(t, s)| {
            let s = s.as_ref()?;
            Some(TopicLink {
                label: ctx.loc.t(&format!(
                    "appointments-topic-{}",
                    t.as_str().replace('_', "-")
                )),
                href: format!("/bestil-tid/ydelse/{}?emne={}", s.id, t.as_str()),
                organisation: s.organisation.clone(),
            })
        })
        .collect();
    Ok(render(&TriagePage {
        c,
        topics,
        services: services.iter().map(card).collect(),
    }))
}

#[derive(Deserialize, Default)]
pub struct TimesQuery {
    #[serde(default)]
    emne: String,
    #[serde(default)]
    dag: String,
    #[serde(default)]
    start: String,
}

/// A topic code as typed in a link, if it is one.
fn topic_of(s: &str) -> String {
    s.parse::<Topic>()
        .map(|t| t.as_str().to_string())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "appointments/times.html")]
struct TimesPage {
    c: Chrome,
    service: ServiceCard,
    topic: String,
    days: Vec<DayTimes>,
    id: i64,
    previous: Option<String>,
    next: Option<String>,
    range: String,
}

pub async fn times(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<TimesQuery>,
) -> Result<Response, PageError> {
    let m = ctx.state.public_home().await?;
    let service = svc::public_service(&ctx.state.core, m.id, id).await?;
    let today = today(&ctx);
    let from = parse_day(&q.dag).unwrap_or(today).max(today);
    let to = from + Duration::days(DAYS_SHOWN - 1);
    let slots = svc::free_times(&ctx.state.core, m.id, id, from, to).await?;
    let topic = topic_of(&q.emne);
    let link = |d: NaiveDate| format!("/bestil-tid/ydelse/{id}?emne={topic}&dag={d}");
    let horizon = today + Duration::days(service.rules.horizon_days);
    let mut c = chrome(&ctx, "appointments-times-title", "/bestil-tid").await?;
    c.title = service.title.clone();
    let loc = ctx.loc;
    let noon = |d: NaiveDate| {
        samvirke_domain::availability::local(
            d,
            chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
        )
    };
    Ok(render(&TimesPage {
        range: loc.t_args(
            "appointments-times-range",
            &[
                ("from", &loc.long_date(noon(from))),
                ("to", &loc.long_date(noon(to))),
            ],
        ),
        previous: (from > today).then(|| link((from - Duration::days(DAYS_SHOWN)).max(today))),
        next: (to < horizon).then(|| link(to + Duration::days(1))),
        days: by_day(loc, &slots),
        service: card(&service),
        topic,
        id,
        c,
    }))
}

/// The form as typed.
struct Typed {
    name: Field,
    email: Field,
    phone: Field,
    answers: Vec<(String, Field)>,
    taken: bool,
}

impl Typed {
    fn empty(questions: &[String]) -> Self {
        Typed {
            name: Field::new(""),
            email: Field::new(""),
            phone: Field::new(""),
            answers: questions
                .iter()
                .map(|q| (q.clone(), Field::new("")))
                .collect(),
            taken: false,
        }
    }
}

#[derive(Template)]
#[template(path = "appointments/book.html")]
struct BookPage {
    c: Chrome,
    service: ServiceCard,
    id: i64,
    start: String,
    when: String,
    topic: String,
    t: Typed,
}

async fn book_page(
    ctx: &Ctx,
    service: &ServiceInfo,
    start: DateTime<Utc>,
    topic: String,
    mut t: Typed,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let mut c = chrome(ctx, "appointments-book-title", "/bestil-tid").await?;
    c.set_errors(
        errors,
        &["name", "email", "phone", "answers"],
        |f| match f {
            "answers" => "answer-0".into(),
            f => f.into(),
        },
    );
    let problem = |f| errors.get(f).map(|p| loc.problem(p));
    t.name.error = problem("name");
    t.email.error = problem("email");
    t.phone.error = problem("phone");
    if let Some(first) = t.answers.first_mut() {
        first.1.error = problem("answers");
    }
    let status = if errors.is_empty() && !t.taken {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = BookPage {
        c,
        service: card(service),
        id: service.id,
        start: rfc3339(start),
        when: format!(
            "{}, {}",
            loc.long_date(start),
            loc.time_span(start, start + service.rules.length())
        ),
        topic,
        t,
    };
    Ok((status, render(&page)).into_response())
}

pub async fn book_form(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<TimesQuery>,
) -> Result<Response, PageError> {
    let m = ctx.state.public_home().await?;
    let service = svc::public_service(&ctx.state.core, m.id, id).await?;
    let Some(start) = parse_time(&q.start) else {
        return Ok(Redirect::to(&format!("/bestil-tid/ydelse/{id}")).into_response());
    };
    let typed = Typed::empty(&service.questions);
    book_page(
        &ctx,
        &service,
        start,
        topic_of(&q.emne),
        typed,
        &FieldErrors::default(),
    )
    .await
}

pub async fn book(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, PageError> {
    if let Err(wait) = ctx.state.public_limit.hit(&ctx.addr, ctx.state.core.now()) {
        return Err(ServiceError::Throttled {
            retry_after_secs: wait,
        }
        .into());
    }
    let m = ctx.state.public_home().await?;
    let service = svc::public_service(&ctx.state.core, m.id, id).await?;
    let Some(start) = parse_time(form.get("start")) else {
        return Ok(Redirect::to(&format!("/bestil-tid/ydelse/{id}")).into_response());
    };
    let answers: Vec<String> = (0..service.questions.len())
        .map(|i| form.get(&format!("answer_{i}")).to_string())
        .collect();
    let input = svc::BookingInput {
        starts_at: Some(start),
        name: form.get("name").into(),
        email: form.get("email").into(),
        phone: form.get("phone").into(),
        topic: topic_of(form.get("topic")),
        answers: answers.clone(),
        language: ctx.loc.lang,
    };
    let mut typed = Typed {
        name: Field::new(&input.name),
        email: Field::new(&input.email),
        phone: Field::new(&input.phone),
        answers: service
            .questions
            .iter()
            .zip(&answers)
            .map(|(q, a)| (q.clone(), Field::new(a)))
            .collect(),
        taken: false,
    };
    match svc::book(&ctx.state.core, m.id, id, &input, None).await {
        Ok(booked) => {
            let mut res = Redirect::to("/bestil-tid/kvittering").into_response();
            let cookie = format!(
                "{RECEIPT_COOKIE}={}; Path=/bestil-tid; Max-Age={RECEIPT_MAX_AGE}; HttpOnly; SameSite=Lax{}",
                booked.cancel_token,
                if ctx.state.cfg.secure_cookies {
                    "; Secure"
                } else {
                    ""
                }
            );
            if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
                res.headers_mut().append(axum::http::header::SET_COOKIE, v);
            }
            Ok(res)
        }
        Err(ServiceError::Invalid(errors)) => {
            book_page(&ctx, &service, start, input.topic.clone(), typed, &errors).await
        }
        Err(ServiceError::Conflict(Conflict::SlotTaken)) => {
            typed.taken = true;
            book_page(
                &ctx,
                &service,
                start,
                input.topic.clone(),
                typed,
                &FieldErrors::default(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "appointments/receipt.html")]
struct ReceiptPage {
    c: Chrome,
    service: ServiceCard,
    when: String,
    cancel_href: String,
    emailed: bool,
}

pub async fn receipt(ctx: Ctx, headers: axum::http::HeaderMap) -> Result<Response, PageError> {
    let Some(token) = crate::http::cookie(&headers, RECEIPT_COOKIE) else {
        return Ok(Redirect::to("/bestil-tid").into_response());
    };
    let held = match svc::appointment_for_secret(&ctx.state.core, &token).await {
        Ok(h) => h,
        Err(ServiceError::NotFound) => return Ok(Redirect::to("/bestil-tid").into_response()),
        Err(e) => return Err(e.into()),
    };
    let loc = ctx.loc;
    let c = chrome(&ctx, "appointments-receipt-title", "/bestil-tid").await?;
    Ok(render(&ReceiptPage {
        when: format!(
            "{}, {}",
            loc.long_date(held.starts_at),
            loc.time_span(held.starts_at, held.ends_at)
        ),
        cancel_href: format!("/bestil-tid/afmeld/{token}"),
        emailed: held.has_email,
        service: card(&held.service),
        c,
    }))
}
