//! The confirmation after a sign-up; a reload shows it again.

use super::*;

/// The confirmation after a sign-up; a reload shows it again.
pub async fn signed_up(
    ctx: Ctx,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let confirmation = crate::http::cookie(&headers, CONFIRMATION_COOKIE)
        .and_then(|raw| decode_confirmation(&raw))
        .filter(|c| c.first.session == id);
    let Some(confirmation) = confirmation else {
        // Nothing to confirm here (the cookie expired, or another browser).
        return Ok(axum::response::Redirect::to(&format!("/arrangementer/{id}")).into_response());
    };
    let m = ctx.state.public_home().await?;
    let first = outcome(&ctx, m.id, &confirmation.first).await?;
    let mut more = Vec::with_capacity(confirmation.more.len());
    for p in &confirmation.more {
        match outcome(&ctx, m.id, p).await {
            Ok(o) => more.push(o),
            Err(e) => return Err(e.into()),
        }
    }
    more.sort_by_key(|o| o.starts_at);
    let mut c = chrome(&ctx, "done-title", "/arrangementer").await?;
    c.title = loc.t(if first.confirmed {
        "done-confirmed"
    } else {
        "done-waitlisted-title"
    });
    let page = DonePage {
        c,
        first,
        more,
        emailed: confirmation.emailed,
        no_contact: !confirmation.emailed && !confirmation.phoned,
        has_phone: confirmation.phoned,
    };
    let mut res = render(&page);
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}
