//! Cancelling a session, after asking.

use super::*;

#[derive(Template)]
#[template(path = "cancel_session.html")]
struct CancelConfirmPage {
    c: Chrome,
    card: Card,
    by_email: String,
    to_phone: String,
    any_to_phone: bool,
}

/// `key-one` for one, `key` with `$count` otherwise.
fn counted(loc: Loc, key: &str, n: usize) -> String {
    if n == 1 {
        loc.t(&format!("{key}-one"))
    } else {
        loc.t1(key, "count", &n.to_string())
    }
}

/// Asks before cancelling: how many get an e-mail, how many must be phoned.
pub async fn cancel_confirm(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    Ok(
        match svc::cancel_preview(&ctx.state.core, &me.as_actor(), id).await {
            Ok(p) => {
                let mut c = chrome(&ctx, "cancel-confirm-title", "/sessions").await?;
                let card = card(ctx.loc, &p.view);
                c.title = format!("{}: {}", c.title, card.title);
                render(&CancelConfirmPage {
                    c,
                    card,
                    by_email: counted(ctx.loc, "cancel-confirm-email", p.by_email),
                    to_phone: counted(ctx.loc, "cancel-confirm-phone", p.to_phone),
                    any_to_phone: p.to_phone > 0,
                })
            }
            // Already cancelled: the session page says so.
            Err(ServiceError::Gone) => Redirect::to(&format!("/sessions/{id}")).into_response(),
            Err(e) => return Err(e.into()),
        },
    )
}

pub async fn cancel_session(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    // Seats may change: public pages must not show an old count.
    ctx.state.public_changed().await;
    Ok(
        match svc::cancel_session(&ctx.state.core, &me.as_actor(), id).await {
            Ok(_) => {
                Redirect::to(&format!("/sessions/{id}?notice=session-cancelled")).into_response()
            }
            Err(e) => return Err(e.into()),
        },
    )
}
