//! Serves the embedded front-end files under a versioned path, so browsers
//! may cache them for a year.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

pub use generated::VERSION;

/// The URL of an embedded file, e.g. `asset_url("dkfds/css/dkfds.min.css")`.
pub fn asset_url(path: &str) -> String {
    format!("/assets/{VERSION}/{path}")
}

pub fn has(path: &str) -> bool {
    generated::FILES.iter().any(|(p, _)| *p == path)
}

/// The paths of all embedded files.
pub fn paths() -> impl Iterator<Item = &'static str> {
    generated::FILES.iter().map(|(p, _)| *p)
}

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

pub async fn serve(Path((version, path)): Path<(String, String)>) -> Response {
    let Some((_, bytes)) = generated::FILES.iter().find(|(p, _)| *p == path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cache = if version == VERSION {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime(&path))),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        *bytes,
    )
        .into_response()
}
