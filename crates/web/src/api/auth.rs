//! API tokens and the signed-in staff member.

use super::error::{ApiError, ApiJson, ErrorBody, api_loc};
use crate::AppState;
use crate::http::client_addr;
use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use samvirke_service::auth::SignedIn;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    #[schema(max_length = 254)]
    email: String,
    #[schema(max_length = 256, format = Password)]
    password: String,
    /// What the token is for, as shown on the account page.
    #[schema(min_length = 1, max_length = 120)]
    name: Option<String>,
    /// How many days the token works.
    #[schema(minimum = 1, maximum = 365, default = 90)]
    lifetime_days: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <token>`. Shown once; only its hash is stored.
    token: String,
    /// When the token stops working (RFC 3339, UTC).
    expires_at: chrono::DateTime<chrono::Utc>,
}

/// The caller's address (see [`client_addr`]), taken in the handler from the request parts.
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_addr(parts)))
    }
}

/// Exchanges an e-mail and password for a bearer token that works for
/// `lifetime_days` (default 90, at most 365). A wrong password and an
/// unknown e-mail get the same 401. Five failed attempts for one account
/// from one address (100 from one address, 50 for one account from anywhere)
/// get 429 until the window ends; so does an attempt while the server is
/// busy checking other passwords. Retry-After says when to try again.
#[utoipa::path(
    post, path = "/auth/token", tag = "auth", request_body = TokenRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "`name` or `lifetime_days` out of bounds"),
        (status = 429, body = ErrorBody, description = "Too many attempts, or too many at once; see Retry-After",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn create_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let loc = api_loc(&headers);
    let req = samvirke_service::auth::TokenRequest {
        email: req.email,
        password: req.password,
        name: req.name,
        lifetime_days: req.lifetime_days,
    };
    samvirke_service::auth::token_for_credentials(&state.core, &state.throttle, &req, &addr)
        .await
        .map(|t| {
            Json(TokenResponse {
                token: t.token,
                expires_at: t.expires_at,
            })
        })
        .map_err(|e| ApiError::from_service(loc, e))
}

/// The staff member behind a bearer token.
pub struct ApiUser(pub SignedIn);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let loc = api_loc(&parts.headers);
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 200);
        let Some(token) = token else {
            return Err(ApiError::new(loc, StatusCode::UNAUTHORIZED, "unauthorized"));
        };
        match samvirke_service::auth::resolve_bearer(&state.core, token).await {
            Ok(Some(user)) => {
                crate::http::note_organisation(user.actor.org);
                Ok(ApiUser(user))
            }
            Ok(None) => Err(ApiError::new(loc, StatusCode::UNAUTHORIZED, "unauthorized")),
            Err(e) => Err(ApiError::from_service(loc, e)),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Organisation {
    id: i64,
    name: String,
    /// `library`, `citizen_service`, `school`, `partner`, `social_services` or `administration`.
    kind: String,
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    id: i64,
    name: String,
    email: String,
    municipality_id: i64,
    organisation: Organisation,
    /// `municipality_admin`, `coordinator`, `staff`, `school_contact`.
    roles: Vec<String>,
}

/// The signed-in staff member, their organisation and roles.
#[utoipa::path(
    get, path = "/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody))
)]
pub async fn me(ApiUser(user): ApiUser) -> Json<Me> {
    Json(Me {
        id: user.actor.staff.0,
        name: user.name,
        email: user.email,
        municipality_id: user.actor.municipality.0,
        organisation: Organisation {
            id: user.actor.org.0,
            name: user.org_name,
            kind: user.org_kind.as_str().into(),
        },
        roles: user
            .actor
            .roles
            .iter()
            .map(|r| r.as_str().to_string())
            .collect(),
    })
}
