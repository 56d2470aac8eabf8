//! The e-mail's link: see the appointment, cancel it (once, until the
//! deadline) or move it to another free time.

use super::*;
use samvirke_domain::Conflict;
use samvirke_domain::appointments::AppointmentStatus;

/// How many days of other times the move list offers.
const MOVE_DAYS: i64 = 14;

#[derive(Template)]
#[template(path = "appointments/cancel.html")]
struct CancelPage {
    c: Chrome,
    title: String,
    organisation: String,
    place: String,
    when: String,
    token: String,
    cancelled: bool,
    cancellable: bool,
    days: Vec<DayTimes>,
    problem: Option<String>,
}

async fn page(ctx: &Ctx, token: &str, problem: Option<String>) -> Result<Response, PageError> {
    let held = svc::appointment_for_secret(&ctx.state.core, token).await?;
    let loc = ctx.loc;
    let days = if held.cancellable && held.service.active {
        let from = today(ctx);
        let slots = svc::free_times(
            &ctx.state.core,
            held.municipality,
            held.service.id,
            from,
            from + Duration::days(MOVE_DAYS - 1),
        )
        .await?;
        by_day(loc, &slots)
    } else {
        Vec::new()
    };
    let c = chrome(ctx, "appointments-cancel-title", "/bestil-tid").await?;
    let status = if problem.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let page = CancelPage {
        c,
        title: held.service.title.clone(),
        organisation: held.service.organisation.clone(),
        place: place(&held.service),
        when: format!(
            "{}, {}",
            loc.long_date(held.starts_at),
            loc.time_span(held.starts_at, held.ends_at)
        ),
        token: token.to_string(),
        cancelled: held.status == AppointmentStatus::Cancelled,
        cancellable: held.cancellable,
        days,
        problem,
    };
    Ok((status, render(&page)).into_response())
}

pub async fn cancel_page(ctx: Ctx, Path(token): Path<String>) -> Result<Response, PageError> {
    page(&ctx, &token, None).await
}

fn limited(ctx: &Ctx) -> Result<(), PageError> {
    ctx.state
        .public_limit
        .hit(&ctx.addr, ctx.state.core.now())
        .map_err(|wait| {
            ServiceError::Throttled {
                retry_after_secs: wait,
            }
            .into()
        })
}

pub async fn cancel(ctx: Ctx, Path(token): Path<String>) -> Result<Response, PageError> {
    limited(&ctx)?;
    match svc::cancel_appointment(&ctx.state.core, &token).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/bestil-tid/afmeld/{token}?notice=appointment-cancelled"
        ))
        .into_response()),
        Err(ServiceError::Conflict(Conflict::CancelDeadlinePassed)) => {
            let text = ctx.loc.t("api-cancel-deadline-passed");
            page(&ctx, &token, Some(text)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn move_to(
    ctx: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    limited(&ctx)?;
    let Some(start) = parse_time(form.get("start")) else {
        return page(&ctx, &token, Some(ctx.loc.t("appointments-choose-time"))).await;
    };
    match svc::move_appointment(&ctx.state.core, &token, start).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/bestil-tid/afmeld/{token}?notice=appointment-moved"
        ))
        .into_response()),
        Err(ServiceError::Conflict(c)) => {
            let text = ctx.loc.t(&format!("api-{}", c.as_str().replace('_', "-")));
            page(&ctx, &token, Some(text)).await
        }
        Err(ServiceError::Invalid(_)) => {
            page(&ctx, &token, Some(ctx.loc.t("appointments-choose-time"))).await
        }
        Err(e) => Err(e.into()),
    }
}
