//! iCalendar feeds: public ones per site and per programme, and a private
//! one per staff member behind a secret link.

use super::PageError;
use crate::http::Ctx;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use samvirke_service::ServiceError;
use samvirke_service::sessions::{self as svc, PublicFeed};

fn ics(text: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=300"),
            ),
        ],
        text,
    )
        .into_response()
}

fn feed_id(raw: &str) -> Option<i64> {
    raw.strip_suffix(".ics").unwrap_or(raw).parse().ok()
}

async fn public(ctx: Ctx, feed: Option<PublicFeed>) -> Result<Response, PageError> {
    let Some(feed) = feed else {
        return Err(PageError::from(ServiceError::NotFound));
    };
    let m = ctx.state.public_home().await?;
    Ok(match svc::public_feed(&ctx.state.core, m.id, feed).await {
        Ok(text) => ics(text),
        Err(e) => return Err(e.into()),
    })
}

pub async fn site(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    public(ctx, feed_id(&id).map(PublicFeed::Site)).await
}

pub async fn programme(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    public(ctx, feed_id(&id).map(PublicFeed::Programme)).await
}

pub async fn staff(ctx: Ctx, Path(token): Path<String>) -> Result<Response, PageError> {
    let token = token.strip_suffix(".ics").unwrap_or(&token).to_string();
    if token.len() > 100 {
        return Err(ServiceError::NotFound.into());
    }
    Ok(match svc::staff_feed(&ctx.state.core, &token).await {
        Ok(text) => {
            let mut res = ics(text);
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            res
        }
        Err(e) => return Err(e.into()),
    })
}

/// A room's calendar behind a staff member's secret link (issue 10), in
/// the language the link names (`?lang=en`; Danish without it): a calendar
/// program sends no language of its own.
pub async fn room(
    ctx: Ctx,
    Path(token): Path<String>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, PageError> {
    let token = token.strip_suffix(".ics").unwrap_or(&token).to_string();
    if token.len() > 100 {
        return Err(ServiceError::NotFound.into());
    }
    let lang = crate::paging::param(query.as_deref(), "lang")
        .and_then(|l| crate::i18n::Lang::parse(&l))
        .unwrap_or_default();
    let taken = crate::i18n::Loc::new(lang).t("rooms-taken");
    let text = samvirke_service::rooms::room_feed(&ctx.state.core, &token, &taken).await?;
    let mut res = ics(text);
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(res)
}
