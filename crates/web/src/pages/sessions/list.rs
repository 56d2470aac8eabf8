//! The sessions, a page at a time.

use super::*;

#[derive(Template)]
#[template(path = "staff_sessions.html")]
struct ListPage {
    c: Chrome,
    /// Each session with its seats taken, waiting list and capacity.
    cards: Vec<(Card, String)>,
    pager: Pager,
}

/// The sessions, by start time, [`PAGE_SIZE`] at a time (`?efter=` the last one before).
pub async fn list(
    StaffCtx { ctx, me }: StaffCtx,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let after = paging::param(query.as_deref(), "efter")
        .as_deref()
        .and_then(paging::parse_session_cursor);
    Ok(
        match svc::staff_sessions(&ctx.state.core, &me.as_actor(), after, PAGE_SIZE).await {
            Ok(page) => {
                let cards = page
                    .items
                    .iter()
                    .map(|v| {
                        let s = &v.session;
                        let seats = crate::pages::admin::seats_text(
                            ctx.loc,
                            s.taken,
                            s.capacity,
                            v.waitlist_length,
                        );
                        (card(ctx.loc, v), seats)
                    })
                    .collect();
                let next = page.more.then(|| page.items.last()).flatten().map(|v| {
                    let cursor = paging::session_cursor((v.session.starts_at, v.session.id));
                    paging::with_param("/sessions", query.as_deref(), "efter", &cursor)
                });
                render(&ListPage {
                    c: chrome(&ctx, "nav-sessions", "/sessions").await?,
                    cards,
                    pager: Pager {
                        label: ctx.loc.t("pages-sessions"),
                        first: after.map(|_| "/sessions".to_string()),
                        next,
                    },
                })
            }
            Err(e) => return Err(e.into()),
        },
    )
}
