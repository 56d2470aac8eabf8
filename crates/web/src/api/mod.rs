//! The JSON API under `/api/v1`, described by an OpenAPI document that is
//! generated from these handlers.

pub mod appointments;
pub mod auth;
pub mod classes;
pub mod error;
pub mod quiz;
pub mod reach;
pub mod rooms;
pub mod seasons;
pub mod sessions;
// Ideas and own data (issue 13).
pub mod ideas;

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
        (name = "classes", description = "Class visits: classes, pupils, class lists, the season plan, certificates"),
        (name = "system", description = "Liveness and readiness"),
        (name = "rooms", description = "Rooms and their bookings, for staff"),
        (name = "appointments", description = "Booking a librarian or the citizen service: services, free times, bookings, cancellation"),
        (name = "quiz", description = "The quiz: runs with a join code, players, answers, results"),
        (name = "ideas", description = "Citizens' ideas and a person's own data on request"),
        (name = "reports", description = "The reach report: figures only, never personal data")
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
        .routes(routes!(classes::certificates))
        // Rooms (issue 10).
        .routes(routes!(rooms::list))
        .routes(routes!(rooms::book, rooms::bookings))
        .routes(routes!(appointments::services))
        .routes(routes!(appointments::slots))
        .routes(routes!(appointments::book))
        .routes(routes!(appointments::cancel))
        .routes(routes!(quiz::start_run))
        .routes(routes!(quiz::join))
        .routes(routes!(quiz::state))
        .routes(routes!(quiz::advance))
        .routes(routes!(quiz::answer))
        .routes(routes!(quiz::results))
        // Ideas and own data (issue 13).
        .routes(routes!(ideas::create, ideas::list))
        .routes(routes!(ideas::own_data_request))
        // The reach report (issue 13).
        .routes(routes!(reach::reach));
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(healthz))
        .routes(routes!(readyz))
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
    /// `ok` (liveness), `ready` or `unavailable` (readiness).
    status: &'static str,
    /// The kind of database configured: `sqlite` or `postgres`.
    database: &'static str,
}

/// How long readiness waits for the database before it says no.
const READY_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Liveness: answers 200 whenever the process can serve, without asking the
/// database, so an outage of the database does not get every server restarted.
#[utoipa::path(get, path = "/healthz", tag = "system", responses((status = 200, body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok",
        database: state.core.db.backend.name(),
    })
}

/// Readiness: 200 when the database answers and its schema is this
/// version's, 503 otherwise (send no traffic here now).
#[utoipa::path(get, path = "/readyz", tag = "system", responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.core.db.backend.name();
    let problem = match tokio::time::timeout(READY_WAIT, state.core.db.ready()).await {
        Ok(Ok(true)) => None,
        Ok(Ok(false)) => Some("the schema is not this version's".to_string()),
        Ok(Err(e)) => Some(e.to_string()),
        Err(_) => Some(format!("no answer within {READY_WAIT:?}")),
    };
    match problem {
        None => Json(Health {
            status: "ready",
            database,
        })
        .into_response(),
        Some(problem) => {
            tracing::warn!("not ready: {problem}");
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
