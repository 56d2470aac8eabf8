//! Outgoing e-mail.

use super::*;

struct OutboxRow {
    created: String,
    to: String,
    subject: String,
    state: String,
    attempts: i32,
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    c: Chrome,
    rows: Vec<OutboxRow>,
    pager: crate::paging::Pager,
}

/// Outgoing e-mail, newest first, a page at a time (`?efter=` the last shown).
pub async fn outbox(
    StaffCtx { ctx, me }: StaffCtx,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, PageError> {
    use crate::paging;
    let after = paging::param(query.as_deref(), "efter").and_then(|v| v.parse::<i64>().ok());
    let core = &ctx.state.core;
    let page = samvirke_service::mail::list(core, &me.as_actor(), after, paging::PAGE_SIZE).await?;
    let loc = ctx.loc;
    let pager =
        paging::Pager {
            label: loc.t("pages-outbox"),
            first: after.map(|_| "/outbox".to_string()),
            next: page.more.then(|| page.items.last()).flatten().map(|m| {
                paging::with_param("/outbox", query.as_deref(), "efter", &m.id.to_string())
            }),
        };
    let rows = page
        .items
        .into_iter()
        .map(|m| OutboxRow {
            created: loc.date_time(m.created_at),
            to: m.recipient,
            subject: m.subject,
            state: loc.t(&format!("outbox-state-{}", m.delivery.as_str())),
            attempts: m.attempts,
        })
        .collect();
    Ok(render(&OutboxPage {
        c: chrome(&ctx, "outbox-heading", "/outbox").await?,
        rows,
        pager,
    }))
}
