//! Staff sign in and out.

use super::PageError;
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

pub async fn login_form(ctx: Ctx, Query(q): Query<Next>) -> Result<Response, PageError> {
    if ctx.user.is_some() {
        return Ok(Redirect::to("/dashboard").into_response());
    }
    let page = LoginPage {
        c: chrome(&ctx, "login-heading", "").await?,
        email: Field::default(),
        password: Field::default(),
        next: safe_next(q.next.as_deref().unwrap_or("/dashboard")),
        error: None,
    };
    Ok(render(&page))
}

pub async fn login(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
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
    Ok(match result {
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
                ServiceError::Throttled { retry_after_secs } => (
                    StatusCode::TOO_MANY_REQUESTS,
                    throttled_text(ctx.loc, retry_after_secs),
                    Some(retry_after_secs),
                ),
                ServiceError::Unauthenticated => (StatusCode::OK, ctx.loc.t("login-failed"), None),
                other => return Err(other.into()),
            };
            let page = LoginPage {
                c: chrome(&ctx, "login-heading", "").await?,
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
    })
}

/// "Too many attempts, wait n minutes", or, when all password checks are
/// busy for a moment, "many are logging in, try again".
pub fn throttled_text(loc: crate::i18n::Loc, retry_after_secs: u64) -> String {
    if retry_after_secs <= samvirke_service::throttle::BUSY_RETRY_SECS {
        loc.t("login-busy")
    } else {
        let minutes = retry_after_secs.div_ceil(60).to_string();
        loc.t1("login-throttled", "minutes", &minutes)
    }
}

pub async fn logout(ctx: Ctx, headers: HeaderMap) -> Result<Response, PageError> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE)
        && let Err(e) = samvirke_service::auth::logout(&ctx.state.core, &token).await
    {
        return Err(PageError::from(e));
    }
    let mut res = Redirect::to("/?notice=logged-out").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", Some(0), ctx.state.cfg.secure_cookies),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "set_password.html")]
struct SetPasswordPage {
    c: Chrome,
    action: String,
    name: String,
    email: String,
    has_errors: bool,
    new_password: Field,
    new_password_repeat: Field,
}

/// The secret in the link is the only proof; the page says whom it is for.
fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn set_password_page(
    ctx: &Ctx,
    token: &str,
    who: samvirke_service::passwords::LinkFor,
    errors: &samvirke_domain::validate::FieldErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let err = |f: &str| Field {
        value: String::new(),
        error: errors.get(f).map(|p| ctx.loc.problem(p)),
    };
    let page = SetPasswordPage {
        c: chrome(ctx, "set-password-heading", "").await?,
        action: format!("/adgangskode/{token}"),
        name: who.name,
        email: who.email,
        has_errors: !errors.is_empty(),
        new_password: err("new_password"),
        new_password_repeat: err("new_password_repeat"),
    };
    Ok(no_store((status, render(&page)).into_response()))
}

/// A set-password link (from an e-mail): the form, while the link works.
pub async fn set_password_form(
    ctx: Ctx,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Result<Response, PageError> {
    Ok(
        match samvirke_service::passwords::link_for(&ctx.state.core, &token).await {
            Ok(who) => {
                set_password_page(&ctx, &token, who, &Default::default(), StatusCode::OK).await?
            }
            Err(ServiceError::Gone) => link_gone(&ctx).await?,
            Err(e) => return Err(e.into()),
        },
    )
}

pub async fn set_password(
    ctx: Ctx,
    axum::extract::Path(token): axum::extract::Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    let new = samvirke_service::passwords::NewPassword {
        password: form.get("new_password").to_string(),
        repeat: form.get("new_password_repeat").to_string(),
    };
    let core = &ctx.state.core;
    Ok(
        match samvirke_service::passwords::set_with_link(core, &ctx.state.throttle, &token, &new)
            .await
        {
            Ok(()) => Redirect::to("/login?notice=password-set").into_response(),
            Err(ServiceError::Invalid(errors)) => {
                match samvirke_service::passwords::link_for(core, &token).await {
                    Ok(who) => {
                        set_password_page(
                            &ctx,
                            &token,
                            who,
                            &errors,
                            StatusCode::UNPROCESSABLE_ENTITY,
                        )
                        .await?
                    }
                    Err(_) => link_gone(&ctx).await?,
                }
            }
            Err(ServiceError::Gone) => link_gone(&ctx).await?,
            Err(e) => return Err(e.into()),
        },
    )
}

#[derive(Template)]
#[template(path = "set_password_gone.html")]
struct LinkGonePage {
    c: Chrome,
}

/// The link was used, has expired, or never was: 410, and what to do.
async fn link_gone(ctx: &Ctx) -> Result<Response, PageError> {
    let page = LinkGonePage {
        c: chrome(ctx, "set-password-gone-heading", "").await?,
    };
    Ok(no_store((StatusCode::GONE, render(&page)).into_response()))
}
