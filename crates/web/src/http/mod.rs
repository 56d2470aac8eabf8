//! Request plumbing: cookies, the CSRF guard, security headers, and the
//! extractors that give every page its language, user and CSRF token.

mod proxies;
mod trace;

pub use proxies::{TrustedProxies, client_addr};
pub use trace::{
    REQUEST_ID, RequestId, log_answer, note_organisation, request_id, request_span, route_of,
};

use crate::AppState;
use crate::i18n::{Lang, Loc};
use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_service::auth::SignedIn;

pub const SESSION_COOKIE: &str = "samvirke_session";
pub const CSRF_COOKIE: &str = "samvirke_csrf";
pub const LANG_COOKIE: &str = "samvirke_lang";
/// The largest form or JSON body accepted.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// The largest file upload: a class list of at most 2 MB and its form.
pub const UPLOAD_LIMIT: usize = 2 * 1024 * 1024 + 64 * 1024;

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure behind https.
pub fn set_cookie(name: &str, value: &str, max_age_secs: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_secs {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are URL-safe")
}

/// The CSRF token of this request, put in by [`csrf_guard`].
#[derive(Clone)]
pub struct CsrfToken(pub String);

/// Every state-changing form must carry the token that is in its cookie.
/// JSON API calls are exempt: they authenticate with a bearer token, not a cookie.
pub async fn csrf_guard(
    state: axum::extract::State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let existing = cookie(req.headers(), CSRF_COOKIE).filter(|t| {
        t.len() >= 32
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    });
    let is_api = crate::api::error::is_api_path(req.uri().path());
    // Pages change state only by POST (forms can send nothing else), so POST
    // is what must carry the token. Pages route no other unsafe method: the
    // router answers TRACE, PUT, DELETE, … with 405 (a test holds this).
    let form_post = *req.method() == Method::POST;
    // The one page POST whose right is the secret in its path, not a
    // cookie: an own-data link's button (issue 13). Nothing else is exempt.
    let secret_link = form_post && crate::pages::ideas::own_data::is_link_post(req.uri().path());

    let (mut parts, body) = req.into_parts();
    let boundary = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::multipart::boundary)
        .map(str::to_owned);
    let body = if form_post && !is_api {
        // An uploaded file may be larger than a form of fields.
        let limit = if boundary.is_some() {
            UPLOAD_LIMIT
        } else {
            BODY_LIMIT
        };
        let bytes = match axum::body::to_bytes(body, limit).await {
            Ok(b) => b,
            Err(e) => return crate::pages::errors::status_page(&parts, body_error_status(&e)),
        };
        let sent = match &boundary {
            Some(b) => crate::multipart::parts(&bytes, b).and_then(|ps| {
                ps.into_iter()
                    .find(|p| p.name == "csrf" && p.filename.is_none())
                    .and_then(|p| String::from_utf8(p.data.to_vec()).ok())
            }),
            None => form_urlencoded::parse(&bytes)
                .find(|(k, _)| k == "csrf")
                .map(|(_, v)| v.into_owned()),
        };
        let ok = secret_link
            || matches!((&existing, &sent), (Some(a), Some(b)) if constant_time_eq(a.as_bytes(), b.as_bytes()));
        if !ok {
            tracing::warn!(
                target: "security",
                event = "csrf_refused",
                route = %route_of(&parts.extensions),
                "form refused: missing or wrong CSRF token"
            );
            return crate::pages::errors::status_page(&parts, StatusCode::FORBIDDEN);
        }
        Body::from(bytes)
    } else {
        body
    };
    let token = existing
        .clone()
        .unwrap_or_else(samvirke_service::secret::new_token);
    parts.extensions.insert(CsrfToken(token.clone()));
    let mut res = next.run(Request::from_parts(parts, body)).await;
    if existing.is_none() {
        res.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(CSRF_COOKIE, &token, None, state.cfg.secure_cookies),
        );
    }
    res
}

/// A body that could not be read: too slow (408) or too large (413).
fn body_error_status(e: &axum::Error) -> StatusCode {
    if crate::server::is_body_timeout(e) {
        StatusCode::REQUEST_TIMEOUT
    } else {
        StatusCode::PAYLOAD_TOO_LARGE
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Headers on every answer: no inline script, no framing, no sniffing;
/// behind https, browsers are told to use nothing else for a year.
pub async fn security_headers(
    state: axum::extract::State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if state.cfg.hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    res
}

/// What every page needs: language, CSRF token, who is signed in, where we are.
pub struct Ctx {
    pub loc: Loc,
    pub csrf: String,
    pub user: Option<SignedIn>,
    /// Path and query of this page, for "back here" links.
    pub here: String,
    pub addr: String,
    pub state: AppState,
}

pub fn lang_of(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let loc = Loc::new(lang_of(&parts.headers));
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let user = match cookie(&parts.headers, SESSION_COOKIE) {
            Some(token) => samvirke_service::auth::resolve_session(&state.core, &token)
                .await
                .map_err(|e| crate::pages::errors::service_error_page(loc, e))?,
            None => None,
        };
        if let Some(me) = &user {
            note_organisation(me.actor.org);
        }
        let here = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        Ok(Ctx {
            loc,
            csrf,
            user,
            here,
            addr: client_addr(parts),
            state: state.clone(),
        })
    }
}

/// A page for signed-in staff; anyone else is sent to the login page.
pub struct StaffCtx {
    pub ctx: Ctx,
    pub me: SignedIn,
}

impl FromRequestParts<AppState> for StaffCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let mut ctx = Ctx::from_request_parts(parts, state).await?;
        match ctx.user.take() {
            Some(me) => {
                ctx.user = Some(me.clone());
                Ok(StaffCtx { ctx, me })
            }
            None => {
                let next = form_urlencoded::byte_serialize(ctx.here.as_bytes()).collect::<String>();
                Err(Redirect::to(&format!("/login?next={next}")).into_response())
            }
        }
    }
}

/// A form body, as name/value pairs; repeated names (checkboxes) kept.
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for FormData {
    type Rejection = Response;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, BODY_LIMIT)
            .await
            .map_err(|e| crate::pages::errors::status_page(&parts, body_error_status(&e)))?;
        Ok(FormData(
            form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        ))
    }
}

/// Only local paths are followed after login or a language switch.
pub fn safe_next(next: &str) -> String {
    if next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
    {
        next.to_string()
    } else {
        "/".to_string()
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_stay_on_site() {
        assert_eq!(safe_next("/staff?x=1"), "/staff?x=1");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil"), "/");
    }

    #[test]
    fn cookies_parse() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; samvirke_lang=en; b=2"),
        );
        assert_eq!(cookie(&h, LANG_COOKIE).as_deref(), Some("en"));
        assert_eq!(cookie(&h, "c"), None);
    }
}
