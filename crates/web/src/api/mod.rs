//! The JSON API under `/api/v1`, described by an OpenAPI document that is
//! generated from these handlers.

pub mod auth;
pub mod classes;
pub mod error;
pub mod seasons;
pub mod sessions;

use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Samvirke API", description = "Library and citizen service, apart and together."),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Tokens and the signed-in staff member"),
        (name = "sessions", description = "Public sessions, sign-up and cancellation"),
        (name = "staff", description = "Programmes, sessions and participants, for staff"),
        (name = "classes", description = "Class visits: classes, pupils, class lists, the season plan"),
        (name = "system", description = "Health")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API routes and the document describing them.
pub fn router() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::new()
        .routes(routes!(auth::create_token))
        .routes(routes!(auth::me))
        .routes(routes!(sessions::list, sessions::create_session))
        .routes(routes!(sessions::get))
        .routes(routes!(sessions::register))
        .routes(routes!(sessions::participants))
        .routes(routes!(sessions::cancel))
        .routes(routes!(sessions::create_programme))
        .routes(routes!(classes::list))
        .routes(routes!(classes::pupils))
        .routes(routes!(classes::import))
        .routes(routes!(seasons::plan))
        .routes(routes!(seasons::confirm))
        .routes(routes!(classes::patch_pupil))
        .routes(routes!(classes::certificates));
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(healthz))
        .nest("/api/v1", v1)
        .split_for_parts();
    ExtractorErrors.modify(&mut doc);
    (router, doc)
}

/// The answers every operation can give before its handler runs, added to
/// the document in one place so none is forgotten: a parameter of the wrong
/// type (400), a body that is not JSON (415), cannot be read (400), has the
/// wrong fields (422) or is too large (413), a missing or wrong bearer token
/// (401). Each is an [`error::ErrorBody`], from the extractors in `error`.
struct ExtractorErrors;

impl Modify for ExtractorErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        let error = |text: &str| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(text)
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ErrorBody")))
                            .build(),
                    )
                    .build(),
            )
        };
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                let mut add = |status: &str, text: &str| {
                    op.responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| error(text));
                };
                let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
                let has_body = op.request_body.is_some();
                let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
                if has_params || has_body {
                    add(
                        "400",
                        "`bad_request`: a parameter of the wrong type, or `malformed_json`: the body cannot be read",
                    );
                }
                if has_body {
                    add("413", "`too_large`: the body is over 1 MiB");
                    add(
                        "415",
                        "`unsupported_media_type`: send `Content-Type: application/json`",
                    );
                    add(
                        "422",
                        "`invalid_json`: fields missing or of the wrong type, or `invalid` with field errors",
                    );
                }
                if secured {
                    add("401", "`unauthorized`: no bearer token, or not a valid one");
                }
            }
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the database answers.
    status: &'static str,
    /// `sqlite` or `postgres`.
    database: &'static str,
}

/// Liveness and readiness: answers 200 when the database answers.
#[utoipa::path(get, path = "/healthz", tag = "system", responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Response {
    let database = state.core.db.backend.name();
    match state.core.db.ping().await {
        Ok(()) => Json(Health {
            status: "ok",
            database,
        })
        .into_response(),
        Err(e) => {
            tracing::error!("health check failed: {e}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health {
                    status: "unavailable",
                    database,
                }),
            )
                .into_response()
        }
    }
}
