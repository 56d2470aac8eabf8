//! A staff member's own account: their password, API tokens and calendar link.

use super::PageError;
use super::{Chrome, Field, chrome, render};
use crate::http::{FormData, SESSION_COOKIE, StaffCtx, cookie};
use askama::Template;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::validate::{FieldErrors, TOKEN_LIFETIME_DEFAULT_DAYS};
use samvirke_service::ServiceError;
use samvirke_service::auth::SignedIn;
use samvirke_service::passwords::NewPassword;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    c: Chrome,
    name: String,
    email: String,
    org_name: String,
    has_errors: bool,
    current_password: Field,
    new_password: Field,
    new_password_repeat: Field,
}

async fn account_page(
    ctx: &crate::http::Ctx,
    me: &SignedIn,
    errors: &FieldErrors,
    throttled: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let err = |f: &str| Field {
        value: String::new(),
        error: errors.get(f).map(|p| ctx.loc.problem(p)),
    };
    let mut current_password = err("current_password");
    if throttled.is_some() {
        current_password.error = throttled;
    }
    let page = AccountPage {
        c: chrome(ctx, "account-heading", "/account").await?,
        name: me.name.clone(),
        email: me.email.clone(),
        org_name: me.org_name.clone(),
        has_errors: current_password.error.is_some() || !errors.is_empty(),
        current_password,
        new_password: err("new_password"),
        new_password_repeat: err("new_password_repeat"),
    };
    Ok((status, render(&page)).into_response())
}

pub async fn overview(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    account_page(&ctx, &me, &FieldErrors::default(), None, StatusCode::OK).await
}

/// "Skift adgangskode": the current password and the new one twice. The
/// person's other sessions end; this one stays.
pub async fn change_password(
    StaffCtx { ctx, me }: StaffCtx,
    headers: HeaderMap,
    form: FormData,
) -> Result<Response, PageError> {
    let session = cookie(&headers, SESSION_COOKIE).unwrap_or_default();
    let new = NewPassword {
        password: form.get("new_password").to_string(),
        repeat: form.get("new_password_repeat").to_string(),
    };
    let result = samvirke_service::passwords::change_own(
        &ctx.state.core,
        &ctx.state.throttle,
        &me,
        &session,
        form.get("current_password"),
        &new,
        &ctx.addr,
    )
    .await;
    Ok(match result {
        Ok(()) => Redirect::to("/account?notice=password-changed").into_response(),
        Err(ServiceError::Invalid(errors)) => {
            account_page(&ctx, &me, &errors, None, StatusCode::UNPROCESSABLE_ENTITY).await?
        }
        Err(ServiceError::Throttled { retry_after_secs }) => {
            let text = super::auth::throttled_text(ctx.loc, retry_after_secs);
            let mut res = account_page(
                &ctx,
                &me,
                &FieldErrors::default(),
                Some(text),
                StatusCode::TOO_MANY_REQUESTS,
            )
            .await?;
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            res
        }
        Err(e) => return Err(e.into()),
    })
}

struct TokenRow {
    id: i64,
    name: String,
    created: String,
    last_used: String,
    expires: String,
    revoked: bool,
    expired: bool,
}

struct LifetimeChoice {
    days: i64,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    c: Chrome,
    name: Field,
    lifetime: Field,
    lifetimes: Vec<LifetimeChoice>,
    new_token: Option<String>,
    new_token_expires: String,
    rows: Vec<TokenRow>,
    has_calendar: bool,
    new_calendar_url: Option<String>,
}

/// The lifetimes offered on the page; the API takes any from 1 to 365 days.
const LIFETIMES: [i64; 4] = [30, 90, 180, 365];

/// What the token form holds: its name, the chosen lifetime, their errors.
#[derive(Default)]
struct TokenForm {
    name: Field,
    lifetime: Field,
}

async fn page(
    ctx: &crate::http::Ctx,
    me: &SignedIn,
    form: TokenForm,
    new_token: Option<samvirke_service::auth::IssuedToken>,
) -> Result<Response, PageError> {
    page_with_calendar(ctx, me, form, new_token, None).await
}

async fn page_with_calendar(
    ctx: &crate::http::Ctx,
    me: &SignedIn,
    form: TokenForm,
    new_token: Option<samvirke_service::auth::IssuedToken>,
    new_calendar_url: Option<String>,
) -> Result<Response, PageError> {
    let tokens = samvirke_service::auth::list_tokens(&ctx.state.core, me).await?;
    let loc = ctx.loc;
    let now = ctx.state.core.now();
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
            expires: t.expires_at.map(|at| loc.date(at)).unwrap_or_default(),
            revoked: t.revoked_at.is_some(),
            expired: t.expires_at.is_none_or(|at| at <= now),
        })
        .collect();
    let TokenForm { name, lifetime } = form;
    let chosen: i64 = lifetime
        .value
        .parse()
        .unwrap_or(TOKEN_LIFETIME_DEFAULT_DAYS);
    let lifetimes = LIFETIMES
        .iter()
        .map(|&days| LifetimeChoice {
            days,
            label: loc.t1("tokens-lifetime-days", "days", &days.to_string()),
            selected: days == chosen,
        })
        .collect();
    let status = if name.error.is_some() || lifetime.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut c = chrome(ctx, "tokens-heading", "/account").await?;
    if new_token.is_some() {
        c.notice = None;
    }
    let new_token_expires = new_token
        .as_ref()
        .map(|t| loc.date(t.expires_at))
        .unwrap_or_default();
    let has_calendar =
        samvirke_service::sessions::has_calendar_link(&ctx.state.core, &me.actor).await?;
    let mut res = (
        status,
        render(&TokensPage {
            c,
            name,
            lifetime,
            lifetimes,
            new_token: new_token.map(|t| t.token),
            new_token_expires,
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
    Ok(res)
}

pub async fn list(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    page(&ctx, &me, TokenForm::default(), None).await
}

pub async fn create(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let name = form.get("name");
    let lifetime = form.get("lifetime_days").trim();
    // Not a number at all is refused like a number out of range.
    let days = (!lifetime.is_empty()).then(|| lifetime.parse::<i64>().unwrap_or(0));
    Ok(
        match samvirke_service::auth::create_token(&ctx.state.core, &me, name, days).await {
            Ok(token) => page(&ctx, &me, TokenForm::default(), Some(token)).await?,
            Err(ServiceError::Invalid(errors)) => {
                let field = |f: &str, value: &str| Field {
                    value: value.to_string(),
                    error: errors.get(f).map(|p| ctx.loc.problem(p)),
                };
                let form = TokenForm {
                    name: field("name", name),
                    lifetime: field("lifetime_days", lifetime),
                };
                page(&ctx, &me, form, None).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}

pub async fn revoke(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    samvirke_service::auth::revoke_token(&ctx.state.core, &me, id).await?;
    Ok(Redirect::to("/account/tokens?notice=token-revoked").into_response())
}

/// A new secret link to the person's own calendar, shown once.
pub async fn create_calendar_link(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    Ok(
        match samvirke_service::sessions::create_calendar_link(&ctx.state.core, &me.actor).await {
            Ok(token) => {
                let url = format!(
                    "{}/kalender/medarbejder/{token}.ics",
                    ctx.state.core.public_url
                );
                page_with_calendar(&ctx, &me, TokenForm::default(), None, Some(url)).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}
