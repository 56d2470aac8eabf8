//! The owner's approval queue: a discreet request shows its organisation,
//! never its title.

use super::super::errors::PageError;
use super::super::{Chrome, chrome, render};
use crate::http::{FormData, StaffCtx};
use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_service::rooms as svc;

struct Row {
    id: i64,
    room: String,
    when: String,
    organisation: String,
    title: String,
}

#[derive(Template)]
#[template(path = "rooms_queue.html")]
struct QueuePage {
    c: Chrome,
    rows: Vec<Row>,
}

pub async fn queue(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let c = chrome(&ctx, "rooms-queue-heading", "/lokaler").await?;
    let rows = svc::queue(&ctx.state.core, &me.as_actor())
        .await?
        .into_iter()
        .map(|r| Row {
            id: r.id,
            room: r.room,
            when: format!(
                "{} {}",
                loc.day(r.starts_at),
                loc.time_span(r.starts_at, r.ends_at)
            ),
            organisation: r.organisation,
            title: r.title.unwrap_or_else(|| loc.t("rooms-discreet-request")),
        })
        .collect();
    Ok(render(&QueuePage { c, rows }))
}

pub async fn answer(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let approve = form.get("answer") == "approve";
    svc::answer(&ctx.state.core, &me.as_actor(), id, approve).await?;
    let notice = if approve {
        "room-approved"
    } else {
        "room-refused"
    };
    Ok(Redirect::to(&format!("/lokaler/anmodninger?notice={notice}")).into_response())
}
