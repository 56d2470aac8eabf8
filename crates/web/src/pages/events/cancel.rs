//! Cancelling with the link from the e-mail.

use super::*;
use samvirke_domain::RegistrationStatus;

#[derive(Template)]
#[template(path = "cancel.html")]
struct CancelPage {
    c: Chrome,
    card: Card,
    name: String,
    status: String,
    place: u64,
    done: bool,
    just_cancelled: bool,
    /// Why the link can no longer cancel: the session was cancelled or has begun.
    closed: Option<String>,
    token: String,
}

fn valid_token(token: &str) -> bool {
    (20..=100).contains(&token.len())
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub async fn cancel_form(ctx: Ctx, Path(token): Path<String>) -> Result<Response, PageError> {
    cancel_page(&ctx, &token, false).await
}

async fn cancel_page(ctx: &Ctx, token: &str, just_cancelled: bool) -> Result<Response, PageError> {
    let loc = ctx.loc;
    if !valid_token(token) {
        return Err(PageError::from(ServiceError::NotFound));
    }
    let (reg, v) = svc::registration_for_token(&ctx.state.core, token).await?;
    let place = svc::waitlist_place(&ctx.state.core, &reg)
        .await?
        .unwrap_or(0);
    let done = reg.status == RegistrationStatus::Cancelled;
    let closed = if done {
        None
    } else if v.session.cancelled_at.is_some() {
        Some(loc.t("cancel-session-cancelled"))
    } else if v.session.starts_at <= ctx.state.core.now() {
        Some(loc.t("cancel-session-started"))
    } else {
        None
    };
    let page = CancelPage {
        c: chrome(ctx, "cancel-title", "").await?,
        card: card(loc, &v),
        name: reg.name,
        status: reg.status.as_str().into(),
        place,
        done,
        just_cancelled,
        token: token.to_string(),
        closed: closed.clone(),
    };
    // A link used before answers 410; the answer to the click that used it is
    // 200; a link that can no longer change anything, 409.
    let status = if done && !just_cancelled {
        StatusCode::GONE
    } else if closed.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let mut res = (status, render(&page)).into_response();
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

pub async fn cancel(ctx: Ctx, Path(token): Path<String>) -> Result<Response, PageError> {
    if !valid_token(&token) {
        return Err(PageError::from(ServiceError::NotFound));
    }
    if let Err(wait) = ctx.state.public_limit.hit(&ctx.addr, ctx.state.core.now()) {
        return Err(PageError::from(ServiceError::Throttled {
            retry_after_secs: wait,
        }));
    }
    let result = svc::cancel(&ctx.state.core, &token).await;
    ctx.state.public_changed().await;
    Ok(match result {
        Ok(_) => cancel_page(&ctx, &token, true).await?,
        Err(ServiceError::Gone | ServiceError::Conflict(_)) => {
            cancel_page(&ctx, &token, false).await?
        }
        Err(e) => return Err(e.into()),
    })
}
