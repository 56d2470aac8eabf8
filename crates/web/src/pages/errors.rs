//! Error pages, and the one place where use-case errors become HTTP answers for pages.

use super::{Chrome, render};
use crate::http::lang_of;
use crate::i18n::Loc;
use askama::Template;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_service::ServiceError;

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub c: Chrome,
    pub heading: String,
    pub text: String,
}

pub fn error_response(loc: Loc, status: StatusCode, here: &str) -> Response {
    let key = match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        StatusCode::REQUEST_TIMEOUT => "error-timeout",
        StatusCode::TOO_MANY_REQUESTS => "error-too-many",
        StatusCode::BAD_REQUEST => "error-bad-request",
        StatusCode::CONFLICT => "error-conflict",
        StatusCode::GONE => "error-gone",
        StatusCode::METHOD_NOT_ALLOWED => "error-method-not-allowed",
        _ => "error-internal",
    };
    let page = ErrorPage {
        c: Chrome::basic(loc, loc.t(&format!("{key}-title")), here),
        heading: loc.t(&format!("{key}-title")),
        text: loc.t(&format!("{key}-text")),
    };
    (status, render(&page)).into_response()
}

pub fn status_page(parts: &Parts, status: StatusCode) -> Response {
    error_response(Loc::new(lang_of(&parts.headers)), status, parts.uri.path())
}

/// Why a page cannot be shown. Page handlers return `Result<_, PageError>`
/// and pass use-case errors up with `?`; [`PageError::parts`] is the one
/// place where a `ServiceError` becomes a status, and [`error_pages`] draws
/// the page in the reader's language. Validation errors never reach here:
/// the form handlers show them next to the fields.
#[derive(Debug)]
pub struct PageError(pub ServiceError);

impl From<ServiceError> for PageError {
    fn from(e: ServiceError) -> Self {
        PageError(e)
    }
}

/// The answer a [`PageError`] asks [`error_pages`] to draw.
#[derive(Clone, Copy, Debug)]
struct DrawErrorPage(StatusCode);

impl PageError {
    /// The status of the error page (with `Retry-After` when throttled),
    /// or where to go instead. Logs what the operator must see.
    fn parts(self) -> Result<(StatusCode, Option<u64>), Redirect> {
        let status = match self.0 {
            ServiceError::Unauthenticated => return Err(Redirect::to("/login")),
            ServiceError::Denied(reason) => {
                tracing::warn!(target: "security", event = "denied", reason = ?reason, "access denied");
                StatusCode::FORBIDDEN
            }
            ServiceError::NotFound => StatusCode::NOT_FOUND,
            ServiceError::Conflict(_) => StatusCode::CONFLICT,
            ServiceError::Gone => StatusCode::GONE,
            ServiceError::Invalid(_) => StatusCode::BAD_REQUEST,
            ServiceError::Throttled { retry_after_secs } => {
                return Ok((StatusCode::TOO_MANY_REQUESTS, Some(retry_after_secs)));
            }
            ServiceError::Db(e) => {
                tracing::error!("database error: {e}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
            ServiceError::Internal(e) => {
                tracing::error!("internal error: {e}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        Ok((status, None))
    }

    /// The error page in a known language.
    pub fn page(self, loc: Loc) -> Response {
        match self.parts() {
            Err(to) => to.into_response(),
            Ok((status, retry)) => with_retry(error_response(loc, status, "/"), retry),
        }
    }
}

fn with_retry(mut r: Response, retry_after_secs: Option<u64>) -> Response {
    if let Some(secs) = retry_after_secs {
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    r
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self.parts() {
            Err(to) => to.into_response(),
            Ok((status, retry)) => {
                let mut r = with_retry(status.into_response(), retry);
                r.extensions_mut().insert(DrawErrorPage(status));
                r
            }
        }
    }
}

/// Draws the page of a [`PageError`] in the language of the request.
pub async fn error_pages(req: Request, next: Next) -> Response {
    let loc = Loc::new(lang_of(req.headers()));
    let res = next.run(req).await;
    match res.extensions().get::<DrawErrorPage>() {
        Some(DrawErrorPage(status)) => {
            let mut page = error_response(loc, *status, "/");
            for name in [header::RETRY_AFTER, header::SET_COOKIE] {
                for v in res.headers().get_all(&name) {
                    page.headers_mut().append(name.clone(), v.clone());
                }
            }
            page
        }
        None => res,
    }
}

/// Maps a use-case error to a page, where the handler has the language at hand.
pub fn service_error_page(loc: Loc, e: ServiceError) -> Response {
    PageError(e).page(loc)
}

pub async fn not_found(parts: Parts) -> Response {
    status_page(&parts, StatusCode::NOT_FOUND)
}
