//! Staff sign in and out.

use super::{Chrome, Field, chrome, render};
use crate::http::{Ctx, FormData, SESSION_COOKIE, cookie, safe_next, set_cookie};
use askama::Template;
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_service::ServiceError;
use samvirke_service::auth::SESSION_LENGTH;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    email: Field,
    password: Field,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn login_form(ctx: Ctx, Query(q): Query<Next>) -> Response {
    if ctx.user.is_some() {
        return Redirect::to("/dashboard").into_response();
    }
    let page = LoginPage {
        c: chrome(&ctx, "login-heading", "").await,
        email: Field::default(),
        password: Field::default(),
        next: safe_next(q.next.as_deref().unwrap_or("/dashboard")),
        error: None,
    };
    render(&page)
}

pub async fn login(ctx: Ctx, form: FormData) -> Response {
    let email = form.get("email");
    let password = form.get("password");
    let next = safe_next(if form.get("next").is_empty() {
        "/dashboard"
    } else {
        form.get("next")
    });
    let result = samvirke_service::auth::login(
        &ctx.state.core,
        &ctx.state.throttle,
        email,
        password,
        &ctx.addr,
    )
    .await;
    match result {
        Ok((token, _)) => {
            let mut res =
                Redirect::to(if next == "/" { "/dashboard" } else { &next }).into_response();
            let secure = ctx.state.cfg.secure_cookies;
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    SESSION_COOKIE,
                    &token,
                    Some(SESSION_LENGTH.num_seconds()),
                    secure,
                ),
            );
            // A new CSRF token after login, so one planted before cannot be used.
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    crate::http::CSRF_COOKIE,
                    &samvirke_service::secret::new_token(),
                    None,
                    secure,
                ),
            );
            res
        }
        Err(e) => {
            let (status, message, retry) = match e {
                ServiceError::Throttled { retry_after_secs } => {
                    let minutes = retry_after_secs.div_ceil(60).to_string();
                    (
                        StatusCode::TOO_MANY_REQUESTS,
                        ctx.loc.t1("login-throttled", "minutes", &minutes),
                        Some(retry_after_secs),
                    )
                }
                ServiceError::Unauthenticated => (StatusCode::OK, ctx.loc.t("login-failed"), None),
                other => return super::errors::service_error_page(ctx.loc, other),
            };
            let page = LoginPage {
                c: chrome(&ctx, "login-heading", "").await,
                email: Field::new(email),
                password: Field::default(),
                next,
                error: Some(message),
            };
            let mut res = (status, render(&page)).into_response();
            if let Some(secs) = retry {
                res.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            res
        }
    }
}

pub async fn logout(ctx: Ctx, headers: HeaderMap) -> Response {
    if let Some(token) = cookie(&headers, SESSION_COOKIE)
        && let Err(e) = samvirke_service::auth::logout(&ctx.state.core, &token).await
    {
        return super::errors::service_error_page(ctx.loc, e);
    }
    let mut res = Redirect::to("/?notice=logged-out").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", Some(0), ctx.state.cfg.secure_cookies),
    );
    res
}
