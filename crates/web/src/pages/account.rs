//! A staff member's own API tokens.

use super::{Chrome, Field, chrome, render};
use crate::http::{FormData, StaffCtx};
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_service::ServiceError;

struct TokenRow {
    id: i64,
    name: String,
    created: String,
    last_used: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    c: Chrome,
    name: Field,
    new_token: Option<String>,
    rows: Vec<TokenRow>,
    has_calendar: bool,
    new_calendar_url: Option<String>,
}

async fn page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    name: Field,
    new_token: Option<String>,
) -> Response {
    page_with_calendar(ctx, me, name, new_token, None).await
}

async fn page_with_calendar(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    name: Field,
    new_token: Option<String>,
    new_calendar_url: Option<String>,
) -> Response {
    let tokens = match samvirke_service::auth::list_tokens(&ctx.state.core, me).await {
        Ok(t) => t,
        Err(e) => return super::errors::service_error_page(ctx.loc, e),
    };
    let loc = ctx.loc;
    let rows = tokens
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            created: loc.date_time(t.created_at),
            last_used: t
                .last_used_at
                .map(|at| loc.date_time(at))
                .unwrap_or_else(|| loc.t("tokens-never")),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    let status = if name.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut c = chrome(ctx, "tokens-heading", "/account/tokens").await;
    if new_token.is_some() {
        c.notice = None;
    }
    let has_calendar = samvirke_service::sessions::has_calendar_link(&ctx.state.core, &me.actor)
        .await
        .unwrap_or(false);
    let mut res = (
        status,
        render(&TokensPage {
            c,
            name,
            new_token,
            rows,
            has_calendar,
            new_calendar_url,
        }),
    )
        .into_response();
    // The page may show a secret: keep it out of every cache.
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    res
}

pub async fn list(StaffCtx { ctx, me }: StaffCtx) -> Response {
    page(&ctx, &me, Field::default(), None).await
}

pub async fn create(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Response {
    let name = form.get("name");
    match samvirke_service::auth::create_token(&ctx.state.core, &me, name).await {
        Ok(token) => page(&ctx, &me, Field::default(), Some(token)).await,
        Err(ServiceError::Invalid(errors)) => {
            let error = errors.get("name").map(|p| ctx.loc.problem(p));
            page(
                &ctx,
                &me,
                Field {
                    value: name.to_string(),
                    error,
                },
                None,
            )
            .await
        }
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

pub async fn revoke(StaffCtx { ctx, me }: StaffCtx, Path(id): Path<i64>) -> Response {
    match samvirke_service::auth::revoke_token(&ctx.state.core, &me, id).await {
        Ok(()) => Redirect::to("/account/tokens?notice=token-revoked").into_response(),
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

/// A new secret link to the person's own calendar, shown once.
pub async fn create_calendar_link(StaffCtx { ctx, me }: StaffCtx) -> Response {
    match samvirke_service::sessions::create_calendar_link(&ctx.state.core, &me.actor).await {
        Ok(token) => {
            let url = format!(
                "{}/kalender/medarbejder/{token}.ics",
                ctx.state.core.public_url
            );
            page_with_calendar(&ctx, &me, Field::default(), None, Some(url)).await
        }
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}
