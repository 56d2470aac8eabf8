//! JSON errors: one shape for every failure, in the caller's language.

use crate::i18n::{Lang, Loc};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samvirke_service::ServiceError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldErrorBody {
    pub field: String,
    /// A stable code, e.g. `required`, `too_long`, `invalid_email`.
    pub problem: String,
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable code, e.g. `unauthorized`, `forbidden`, `not_found`, `invalid`.
    pub error: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldErrorBody>,
    /// With `plan_conflicts`: what stopped a season plan from being confirmed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<PlanConflictBody>,
    /// With `room_taken`: `clashes` and `free` (boxed, to keep every
    /// handler's error small).
    #[serde(flatten)]
    pub room_taken: Box<RoomTakenBody>,
}

/// Why a room booking was refused; empty for every other error.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct RoomTakenBody {
    /// The bookings in the way.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clashes: Vec<TimeSpanBody>,
    /// The room's free times on the day of the first clash (07:00–22:00).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub free: Vec<TimeSpanBody>,
}

/// A span of time, in Copenhagen's offset.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeSpanBody {
    pub starts_at: chrono::DateTime<chrono::FixedOffset>,
    pub ends_at: chrono::DateTime<chrono::FixedOffset>,
}

/// One conflict of a season plan's visit.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanConflictBody {
    pub class_id: i64,
    /// E.g. `double_booked`, `school_holiday`, `outside_availability`,
    /// `busy`, `class_twice` (the class has a visit already).
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_class_id: Option<i64>,
}

pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    /// Seconds; `u32` keeps `ApiError` small (it is every handler's error).
    pub retry_after: Option<u32>,
}

/// Addresses that answer in JSON: the API and the health check. They take
/// no cookies, so the CSRF guard leaves them alone, and every error there
/// has the shape of [`ErrorBody`].
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz" || path == "/readyz"
}

/// Danish when the caller asks for it, otherwise English.
pub fn api_loc(headers: &HeaderMap) -> Loc {
    let da = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("da"));
    Loc::new(if da { Lang::Da } else { Lang::En })
}

impl ApiError {
    pub fn new(loc: Loc, status: StatusCode, code: &str) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                error: code.into(),
                message: loc.t(&format!("api-{}", code.replace('_', "-"))),
                fields: vec![],
                conflicts: vec![],
                room_taken: Box::default(),
            },
            retry_after: None,
        }
    }

    pub fn from_service(loc: Loc, e: ServiceError) -> Self {
        match e {
            ServiceError::Unauthenticated => {
                Self::new(loc, StatusCode::UNAUTHORIZED, "unauthorized")
            }
            ServiceError::Denied(_) => Self::new(loc, StatusCode::FORBIDDEN, "forbidden"),
            ServiceError::NotFound => Self::new(loc, StatusCode::NOT_FOUND, "not_found"),
            ServiceError::Conflict(code) => Self::new(loc, StatusCode::CONFLICT, code.as_str()),
            ServiceError::Gone => Self::new(loc, StatusCode::GONE, "gone"),
            ServiceError::Invalid(errors) => {
                let mut err = Self::new(loc, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
                err.body.fields = errors
                    .0
                    .iter()
                    .map(|f| FieldErrorBody {
                        field: f.field.into(),
                        problem: f.problem.code().into(),
                        message: loc.problem(f.problem),
                    })
                    .collect();
                err
            }
            ServiceError::Throttled { retry_after_secs } => {
                let mut err = Self::new(loc, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
                err.retry_after = Some(u32::try_from(retry_after_secs).unwrap_or(u32::MAX));
                err
            }
            ServiceError::Db(e) => {
                tracing::error!("database error: {e}");
                Self::new(loc, StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
            ServiceError::Internal(e) => {
                tracing::error!("internal error: {e}");
                Self::new(loc, StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // Security events, in one place for the API: no path, no token.
        match self.status {
            StatusCode::UNAUTHORIZED => {
                tracing::warn!(target: "security", event = "api_unauthorized", "API call without a valid token")
            }
            StatusCode::FORBIDDEN => {
                tracing::warn!(target: "security", event = "denied", error = %self.body.error, "API call denied")
            }
            _ => {}
        }
        let mut res = (self.status, Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res
    }
}

/// JSON input whose every rejection (malformed, wrong type, too large) is a JSON error.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let loc = api_loc(req.headers());
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => {
                let (status, code) = match &rejection {
                    JsonRejection::MissingJsonContentType(_) => {
                        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
                    }
                    JsonRejection::JsonDataError(_) => {
                        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_json")
                    }
                    JsonRejection::JsonSyntaxError(_) => {
                        (StatusCode::BAD_REQUEST, "malformed_json")
                    }
                    JsonRejection::BytesRejection(_) => {
                        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
                    }
                    _ => (StatusCode::BAD_REQUEST, "malformed_json"),
                };
                let mut err = ApiError::new(loc, status, code);
                if status == StatusCode::UNPROCESSABLE_ENTITY {
                    err.body.message = format!("{} ({})", err.body.message, rejection.body_text());
                }
                Err(err)
            }
        }
    }
}

/// A path parameter that is not what the route expects (`/sessions/abc`):
/// 400 in the JSON shape, not axum's plain text.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(ApiPath(v)),
            Err(_) => Err(ApiError::new(
                api_loc(&parts.headers),
                StatusCode::BAD_REQUEST,
                "bad_request",
            )),
        }
    }
}

/// Query parameters of the wrong type (`?programme=abc`): 400 in the JSON shape.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(ApiQuery(v)),
            Err(_) => Err(ApiError::new(
                api_loc(&parts.headers),
                StatusCode::BAD_REQUEST,
                "bad_request",
            )),
        }
    }
}
