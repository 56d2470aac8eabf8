//! Error pages, and the one place where use-case errors become HTTP answers for pages.

use super::{Chrome, render};
use crate::http::lang_of;
use crate::i18n::Loc;
use askama::Template;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
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

/// Maps a use-case error to a page. Validation errors never reach here:
/// the form handlers show them next to the fields.
pub fn service_error_page(loc: Loc, e: ServiceError) -> Response {
    match e {
        ServiceError::Unauthenticated => Redirect::to("/login").into_response(),
        ServiceError::Denied(_) => error_response(loc, StatusCode::FORBIDDEN, "/"),
        ServiceError::NotFound => error_response(loc, StatusCode::NOT_FOUND, "/"),
        ServiceError::Conflict(_) => error_response(loc, StatusCode::CONFLICT, "/"),
        ServiceError::Gone => error_response(loc, StatusCode::GONE, "/"),
        ServiceError::Invalid(_) => error_response(loc, StatusCode::BAD_REQUEST, "/"),
        ServiceError::Throttled { retry_after_secs } => {
            let mut r = error_response(loc, StatusCode::TOO_MANY_REQUESTS, "/");
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            r
        }
        ServiceError::Db(e) => {
            tracing::error!("database error: {e}");
            error_response(loc, StatusCode::INTERNAL_SERVER_ERROR, "/")
        }
        ServiceError::Internal(e) => {
            tracing::error!("internal error: {e}");
            error_response(loc, StatusCode::INTERNAL_SERVER_ERROR, "/")
        }
    }
}

pub async fn not_found(parts: Parts) -> Response {
    status_page(&parts, StatusCode::NOT_FOUND)
}
