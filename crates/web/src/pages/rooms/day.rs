//! A room's day (with the booking form) and week (printable), booking,
//! cancelling, and a secret calendar link. What a booking shows follows
//! its visibility: another organisation's discreet booking is "Optaget".

use super::super::errors::PageError;
use super::super::{Chrome, chrome, render};
use super::{instant, param, parse_day, parse_time};
use crate::http::{Ctx, FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::rooms::{Span, Visibility};
use samvirke_domain::validate::{FieldErrors, FieldProblem};
use samvirke_service::ServiceError;
use samvirke_service::auth::SignedIn;
use samvirke_service::rooms::{self as svc, Booked, BookingInput, BookingView, Room};

pub(crate) struct Row {
    id: i64,
    time: String,
    what: String,
    visibility: String,
    pending: bool,
    own: bool,
}

/// What the booking form holds.
#[derive(Default)]
struct Typed {
    date: String,
    start: String,
    end: String,
    title: String,
    visibility: String,
    weeks: String,
}

#[derive(Template)]
#[template(path = "rooms_day.html")]
struct DayPage {
    c: Chrome,
    room: Room,
    day: String,
    date: String,
    previous: String,
    next: String,
    week: String,
    rows: Vec<Row>,
    typed: Typed,
    visibilities: Vec<(&'static str, String, String)>,
    /// A refused request: the times in the way and the free times that day.
    clashes: Vec<String>,
    free: Vec<String>,
    date_error: Option<String>,
    start_error: Option<String>,
    end_error: Option<String>,
    title_error: Option<String>,
    weeks_error: Option<String>,
}

pub(crate) fn row(loc: Loc, b: BookingView, with_day: bool) -> Row {
    let time = loc.time_span(b.starts_at, b.ends_at);
    let what = match (b.title, b.organisation) {
        (Some(t), Some(o)) => format!("{t} ({o})"),
        (Some(t), None) => t,
        (None, Some(o)) => o,
        (None, None) => loc.t("rooms-taken"),
    };
    Row {
        id: b.id,
        time: if with_day {
            format!("{} {time}", loc.day(b.starts_at))
        } else {
            time
        },
        what,
        visibility: loc.t(&format!("rooms-visibility-{}", b.visibility.as_str())),
        pending: b.pending,
        own: b.own,
    }
}

fn today(ctx: &Ctx) -> NaiveDate {
    ctx.state.core.now().with_timezone(&Copenhagen).date_naive()
}

async fn day_rows(
    ctx: &Ctx,
    me: &SignedIn,
    id: i64,
    day: NaiveDate,
) -> Result<Vec<Row>, PageError> {
    let (Some(from), Some(to)) = (
        instant(day, NaiveTime::MIN),
        instant(day + Duration::days(1), NaiveTime::MIN),
    ) else {
        return Err(ServiceError::NotFound.into());
    };
    Ok(svc::bookings(&ctx.state.core, &me.as_actor(), id, from, to)
        .await?
        .into_iter()
        .map(|b| row(ctx.loc, b, false))
        .collect())
}

struct Outcome {
    typed: Typed,
    errors: FieldErrors,
    clashes: Vec<Span>,
    free: Vec<Span>,
}

async fn day_page(
    ctx: &Ctx,
    me: &SignedIn,
    id: i64,
    day: NaiveDate,
    outcome: Outcome,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let room = svc::room(&ctx.state.core, &me.as_actor(), id).await?;
    let mut c = chrome(ctx, "rooms-heading", "/lokaler").await?;
    c.title = room.name.clone();
    c.set_errors(
        &outcome.errors,
        &[
            "date",
            "starts_at",
            "ends_at",
            "title",
            "visibility",
            "repeat_weeks",
        ],
        |f| match f {
            "starts_at" => "start".into(),
            "ends_at" => "end".into(),
            "repeat_weeks" => "weeks".into(),
            "visibility" => "visibility-public".into(),
            f => f.to_string(),
        },
    );
    let rows = day_rows(ctx, me, id, day).await?;
    let problem = |f| outcome.errors.get(f).map(|p| loc.problem(p));
    let span = |s: &Span| format!("{} {}", loc.day(s.start), loc.time_span(s.start, s.end));
    let status = if !outcome.clashes.is_empty() {
        StatusCode::CONFLICT
    } else if !outcome.errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let midday = instant(day, NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        .unwrap_or_else(|| ctx.state.core.now());
    let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let page = DayPage {
        day: loc.day(midday),
        date: day.to_string(),
        previous: (day - Duration::days(1)).to_string(),
        next: (day + Duration::days(1)).to_string(),
        week: monday.to_string(),
        rows,
        visibilities: [
            Visibility::Public,
            Visibility::Internal,
            Visibility::Discreet,
        ]
        .into_iter()
        .map(|v| {
            (
                v.as_str(),
                loc.t(&format!("rooms-visibility-{}", v.as_str())),
                loc.t(&format!("rooms-visibility-{}-hint", v.as_str())),
            )
        })
        .collect(),
        clashes: outcome.clashes.iter().map(span).collect(),
        free: outcome
            .free
            .iter()
            .map(|s| loc.time_span(s.start, s.end))
            .collect(),
        date_error: problem("date"),
        start_error: problem("starts_at"),
        end_error: problem("ends_at"),
        title_error: problem("title"),
        weeks_error: problem("repeat_weeks"),
        typed: outcome.typed,
        room,
        c,
    };
    Ok((status, render(&page)).into_response())
}

pub async fn day(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let day = param(&ctx.here, "dag")
        .and_then(|d| parse_day(&d))
        .filter(|d| (2000..=2100).contains(&d.year()))
        .unwrap_or_else(|| today(&ctx));
    let typed = Typed {
        date: day.to_string(),
        visibility: "internal".into(),
        weeks: "1".into(),
        ..Typed::default()
    };
    let outcome = Outcome {
        typed,
        errors: FieldErrors::default(),
        clashes: vec![],
        free: vec![],
    };
    day_page(&ctx, &me, id, day, outcome).await
}

pub async fn book(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let typed = Typed {
        date: form.get("date").trim().to_string(),
        start: form.get("start").trim().to_string(),
        end: form.get("end").trim().to_string(),
        title: form.get("title").to_string(),
        visibility: form.get("visibility").to_string(),
        weeks: form.get("weeks").trim().to_string(),
    };
    let mut errors = FieldErrors::default();
    let day = parse_day(&typed.date).filter(|d| (2000..=2100).contains(&d.year()));
    if day.is_none() {
        errors.add("date", FieldProblem::InvalidDate);
    }
    let start = parse_time(&typed.start);
    if start.is_none() {
        errors.add("starts_at", FieldProblem::InvalidTime);
    }
    let end = parse_time(&typed.end);
    if end.is_none() {
        errors.add("ends_at", FieldProblem::InvalidTime);
    }
    let visibility = typed.visibility.parse::<Visibility>().ok();
    if visibility.is_none() {
        errors.add("visibility", FieldProblem::InvalidChoice);
    }
    let weeks = if typed.weeks.is_empty() {
        Some(1)
    } else {
        typed.weeks.parse::<u32>().ok()
    };
    if weeks.is_none() {
        errors.add("repeat_weeks", FieldProblem::InvalidNumber);
    }
    let shown_day = day.unwrap_or_else(|| today(&ctx));
    let mut outcome = Outcome {
        typed,
        errors,
        clashes: vec![],
        free: vec![],
    };
    if let (Some(d), Some(s), Some(e), Some(v), Some(w), true) = (
        day,
        start,
        end,
        visibility,
        weeks,
        outcome.errors.is_empty(),
    ) {
        let (Some(starts_at), Some(ends_at)) = (instant(d, s), instant(d, e)) else {
            return Err(ServiceError::invalid("starts_at", FieldProblem::InvalidTime).into());
        };
        let input = BookingInput {
            starts_at,
            ends_at,
            title: outcome.typed.title.clone(),
            visibility: v,
            repeat_weeks: w,
        };
        match svc::book(&ctx.state.core, &me.as_actor(), id, &input).await {
            Ok(Booked::Done { pending, .. }) => {
                let notice = if pending {
                    "room-requested"
                } else {
                    "room-booked"
                };
                return Ok(
                    Redirect::to(&format!("/lokaler/{id}?dag={d}&notice={notice}")).into_response(),
                );
            }
            Ok(Booked::Clash { clashes, free }) => {
                outcome.clashes = clashes;
                outcome.free = free;
            }
            Err(ServiceError::Invalid(e)) => outcome.errors = e,
            Err(e) => return Err(e.into()),
        }
    }
    day_page(&ctx, &me, id, shown_day, outcome).await
}

pub async fn cancel(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    svc::cancel(&ctx.state.core, &me.as_actor(), id).await?;
    let room: i64 = form.get("room").parse().unwrap_or(0);
    let day = parse_day(form.get("dag")).unwrap_or_else(|| today(&ctx));
    Ok(Redirect::to(&format!("/lokaler/{room}?dag={day}&notice=room-cancelled")).into_response())
}

struct WeekDay {
    label: String,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "rooms_week.html")]
struct WeekPage {
    c: Chrome,
    room: Room,
    week: u32,
    previous: String,
    next: String,
    days: Vec<WeekDay>,
}

pub async fn week(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let any = param(&ctx.here, "uge")
        .and_then(|d| parse_day(&d))
        .filter(|d| (2000..=2100).contains(&d.year()))
        .unwrap_or_else(|| today(&ctx));
    let monday = any - Duration::days(i64::from(any.weekday().num_days_from_monday()));
    let room = svc::room(&ctx.state.core, &me.as_actor(), id).await?;
    let mut c = chrome(&ctx, "rooms-heading", "/lokaler").await?;
    c.title = format!("{} – {}", room.name, loc.t("rooms-week"));
    let mut days = Vec::new();
    for i in 0..7 {
        let d = monday + Duration::days(i);
        let noon = instant(d, NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
            .unwrap_or_else(|| ctx.state.core.now());
        days.push(WeekDay {
            label: loc.day(noon),
            rows: day_rows(&ctx, &me, id, d).await?,
        });
    }
    let noon = instant(
        monday,
        NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
    )
    .unwrap_or_else(|| ctx.state.core.now());
    Ok(render(&WeekPage {
        c,
        room,
        week: loc.week(noon),
        previous: (monday - Duration::days(7)).to_string(),
        next: (monday + Duration::days(7)).to_string(),
        days,
    }))
}

#[derive(Template)]
#[template(path = "rooms_feed.html")]
struct FeedPage {
    c: Chrome,
    room: Room,
    link: String,
}

/// Makes the signed-in person's secret link to the room's calendar and shows it once.
pub async fn feed_link(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let room = svc::room(&ctx.state.core, &me.as_actor(), id).await?;
    let token = svc::create_feed_link(&ctx.state.core, &me.as_actor(), id).await?;
    let c = chrome(&ctx, "rooms-feed-heading", "/lokaler").await?;
    // The link keeps the maker's language: the feed speaks it.
    let lang = match ctx.loc.lang {
        crate::i18n::Lang::Da => "",
        crate::i18n::Lang::En => "?lang=en",
    };
    let link = format!(
        "{}/kalender/lokale/{token}.ics{lang}",
        ctx.state.core.public_url.trim_end_matches('/')
    );
    Ok(render(&FeedPage { c, room, link }))
}
