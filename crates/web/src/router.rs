//! The routes: every page, the API and the assets, with the layers around them.

use crate::pages::{
    self, account, admin, auth, availability, calendar, classes, events, programmes, public,
    season_settings, seasons, sessions, staff,
};
use crate::{AppState, api, assets, http};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The whole application, used by `main` and by the tests alike.
pub fn app(state: AppState) -> Router {
    let (api_routes, openapi) = api::router();
    let openapi_json: Arc<String> =
        Arc::new(serde_json::to_string_pretty(&openapi).expect("OpenAPI document serialises"));

    Router::new()
        .route("/", get(public::front))
        .route("/tilgaengelighed", get(public::accessibility))
        .route("/logo/{file}", get(public::logo))
        .route("/privatliv", get(public::privacy))
        .route("/sprog/{code}", get(public::switch_language))
        .route("/arrangementer", get(events::list))
        .route(
            "/arrangementer/{id}",
            get(events::show).post(events::sign_up),
        )
        .route("/arrangementer/{id}/tilmeldt", get(events::signed_up))
        .route(
            "/afmeld/{token}",
            get(events::cancel_form).post(events::cancel),
        )
        .route("/kalender/sted/{id}", get(calendar::site))
        .route("/kalender/program/{id}", get(calendar::programme))
        .route("/kalender/medarbejder/{token}", get(calendar::staff))
        .route("/account/calendar", post(account::create_calendar_link))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/dashboard", get(admin::dashboard))
        .route("/administration", get(admin::administration))
        .route("/klasser", get(classes::list))
        .route("/saeson", get(seasons::show).post(seasons::submit))
        .route("/saeson/indstillinger", get(season_settings::show))
        .route(
            "/saeson/indstillinger/kalender",
            post(season_settings::save_calendar),
        )
        .route(
            "/saeson/indstillinger/skole",
            post(season_settings::save_school),
        )
        .route("/min-tid", get(availability::show))
        .route("/min-tid/uge", post(availability::save_week))
        .route("/min-tid/undtagelse", post(availability::add_exception))
        .route(
            "/min-tid/undtagelse/slet",
            post(availability::remove_exception),
        )
        .route("/klasser/{id}", get(classes::class))
        .route(
            "/klasser/{id}/indlaes",
            get(classes::import_form).post(classes::import_preview),
        )
        .route("/klasser/{id}/gem", post(classes::import_save))
        .route("/klasser/{id}/foraeldrebrev", get(classes::letter))
        .route("/klasser/{id}/beviser", get(classes::certificates::page))
        .route("/klasser/{id}/beviser.pdf", get(classes::certificates::pdf))
        .route(
            "/klasser/{id}/klasseark",
            get(classes::sheet).post(classes::save_sheet),
        )
        .route("/klasser/{id}/koereplan", get(classes::run_sheet))
        .route("/klasser/fylder-15", get(classes::turning_15))
        .route(
            "/klasser/medbring",
            get(classes::guidance_form).post(classes::guidance_save),
        )
        .route("/programmes", get(programmes::list))
        .route(
            "/programmes/new",
            get(programmes::new_form).post(programmes::create),
        )
        .route("/programmes/{id}", get(programmes::show))
        .route("/programmes/{id}/sessions", post(programmes::schedule))
        .route("/sessions", get(sessions::list))
        .route("/sessions/{id}", get(sessions::show))
        .route("/sessions/{id}/telefon", post(sessions::phone_sign_up))
        .route("/sessions/{id}/walk-in", post(sessions::walk_in))
        .route(
            "/sessions/{id}/aflys",
            get(sessions::cancel_confirm).post(sessions::cancel_session),
        )
        .route("/sessions/{id}/deltagere/{reg}", post(sessions::check_in))
        .route(
            "/sessions/{id}/deltagerliste",
            get(sessions::print_participants),
        )
        .route("/sessions/{id}/koereplan", get(sessions::print_run_sheet))
        .route("/sessions/{id}/ringeliste", get(sessions::print_call_list))
        .route("/sessions/{id}/bemanding", post(sessions::assign))
        .route("/sessions/{id}/bemanding/fjern", post(sessions::unassign))
        // Editing what was planned (the owner's coordinators).
        .route(
            "/sessions/{id}/ret",
            get(pages::session_edit::form).post(pages::session_edit::save),
        )
        .route(
            "/programmes/{id}/ret",
            get(pages::programmes::edit_form).post(pages::programmes::save_edit),
        )
        .route("/staff", get(staff::list))
        .route("/staff/new", get(staff::new_form).post(staff::create))
        .route("/staff/{id}", get(staff::edit_form).post(staff::update))
        .route("/organisations", get(admin::organisations))
        .route(
            "/organisations/new",
            get(admin::new_organisation_form).post(admin::create_organisation),
        )
        .route("/audit", get(admin::audit))
        .route("/outbox", get(admin::outbox))
        .route("/account", get(account::overview))
        .route("/account/password", post(account::change_password))
        .route("/staff/{id}/password-link", post(staff::send_password_link))
        .route(
            "/adgangskode/{token}",
            get(auth::set_password_form).post(auth::set_password),
        )
        .route("/account/tokens", get(account::list).post(account::create))
        .route("/account/tokens/{id}/revoke", post(account::revoke))
        // Rooms and referrals (issue 10).
        .route("/lokaler", get(pages::rooms::list))
        .route(
            "/lokaler/ny",
            get(pages::rooms::new_form).post(pages::rooms::create),
        )
        .route("/lokaler/anmodninger", get(pages::rooms::queue))
        .route("/lokaler/anmodninger/{id}", post(pages::rooms::answer))
        .route("/lokaler/{id}", get(pages::rooms::day))
        .route("/lokaler/{id}/uge", get(pages::rooms::week))
        .route("/lokaler/{id}/book", post(pages::rooms::book))
        .route("/lokaler/{id}/kalenderlink", post(pages::rooms::feed_link))
        .route("/lokaler/bookinger/{id}/aflys", post(pages::rooms::cancel))
        .route("/kalender/lokale/{token}", get(calendar::room))
        .route("/henvisninger", get(pages::referrals::list))
        .route(
            "/henvisninger/ny",
            get(pages::referrals::new_form).post(pages::referrals::create),
        )
        .route("/henvisninger/{id}", get(pages::referrals::case))
        .route(
            "/henvisninger/{id}/status",
            post(pages::referrals::set_status),
        )
        .route("/assets/{version}/{*path}", get(assets::serve))
        // Appointments: citizens book, cancel and move; staff's day and desk booking.
        .route("/bestil-tid", get(pages::appointments::triage))
        .route("/bestil-tid/ydelse/{id}", get(pages::appointments::times))
        .route(
            "/bestil-tid/ydelse/{id}/book",
            get(pages::appointments::book_form).post(pages::appointments::book),
        )
        .route("/bestil-tid/kvittering", get(pages::appointments::receipt))
        .route(
            "/bestil-tid/afmeld/{token}",
            get(pages::appointments::cancel_page).post(pages::appointments::cancel),
        )
        .route(
            "/bestil-tid/afmeld/{token}/flyt",
            post(pages::appointments::move_to),
        )
        .route("/aftaler", get(pages::appointments::day))
        .route(
            "/aftaler/ny",
            get(pages::appointments::new_form).post(pages::appointments::create),
        )
        .route("/aftaler/{id}/marker", post(pages::appointments::mark))
        // The quiz: participants (no account), the presenter and staff.
        .route("/quiz", get(pages::quiz::play::enter))
        .route("/quiz/{code}", get(pages::quiz::play::page))
        .route("/quiz/{code}/deltag", post(pages::quiz::play::join))
        .route("/quiz/{code}/svar", post(pages::quiz::play::answer))
        .route("/quiz/{code}/live", get(pages::quiz::play::events))
        .route("/sessions/{id}/quiz", post(pages::quiz::present::start))
        .route("/quiz-koersel/{id}", get(pages::quiz::present::page))
        .route(
            "/quiz-koersel/{id}/naeste",
            post(pages::quiz::present::advance),
        )
        .route(
            "/quiz-koersel/{id}/forklaring",
            post(pages::quiz::present::explanation),
        )
        .route("/quiz-koersel/{id}/live", get(pages::quiz::present::events))
        .route(
            "/quiz-koersel/{id}/resultat",
            get(pages::quiz::present::run_results),
        )
        .route("/quiz-koersel/{id}/ark", get(pages::quiz::paper::sheets))
        .route(
            "/quiz-koersel/{id}/papir",
            get(pages::quiz::paper::page).post(pages::quiz::paper::save),
        )
        .route(
            "/programmes/{id}/quiz",
            get(pages::quiz::bank::page).post(pages::quiz::bank::add),
        )
        .route(
            "/programmes/{id}/quiz/{question}/slet",
            post(pages::quiz::bank::delete),
        )
        .route(
            "/programmes/{id}/quiz/resultater",
            get(pages::quiz::present::programme_results),
        )
        // Appointments: the coordinators' services and the guided question's mapping.
        .route("/aftaler/ydelser", get(pages::appointments::services))
        .route(
            "/aftaler/ydelser/ny",
            get(pages::appointments::service_new_form).post(pages::appointments::service_create),
        )
        .route(
            "/aftaler/ydelser/{id}",
            get(pages::appointments::service_edit_form).post(pages::appointments::service_save),
        )
        .route(
            "/aftaler/emner",
            get(pages::appointments::topics).post(pages::appointments::topics_save),
        )
        // Editing rooms and the quiz's questions (issues 10 and 11, second part).
        .route(
            "/lokaler/{id}/rediger",
            get(pages::rooms::edit_form).post(pages::rooms::update),
        )
        .route(
            "/programmes/{id}/quiz/{question}/rediger",
            get(pages::quiz::bank::edit_form).post(pages::quiz::bank::update),
        )
        .route(
            "/programmes/{id}/quiz/{question}/flyt",
            post(pages::quiz::bank::move_question),
        )
        // Ideas, own data and retention settings (issue 13).
        .route("/ide", get(pages::ideas::form).post(pages::ideas::submit))
        .route("/ide/tak", get(pages::ideas::thanks))
        .route("/ideer", get(pages::ideas::list))
        .route("/ideer/{id}", get(pages::ideas::detail))
        .route("/ideer/{id}/status", post(pages::ideas::set_status))
        .route("/ideer/{id}/program", post(pages::ideas::make_programme))
        .route(
            "/mine-data",
            get(pages::ideas::own_data::form).post(pages::ideas::own_data::request),
        )
        .route("/mine-data/sendt", get(pages::ideas::own_data::sent))
        .route(
            "/mine-data/{token}",
            get(pages::ideas::own_data::open).post(pages::ideas::own_data::show),
        )
        .route(
            "/indstillinger/opbevaring",
            get(pages::ideas::retention::show).post(pages::ideas::retention::save),
        )
        .route(
            "/borgerdata",
            get(pages::ideas::own_data::desk_form).post(pages::ideas::own_data::desk),
        )
        // The reach report (issue 13).
        .route("/rapporter", get(pages::reach::page))
        .route("/tilbagemelding/tak", get(pages::feedback::done))
        .route(
            "/tilbagemelding/rum/{code}",
            get(pages::feedback::room).post(pages::feedback::room_answer),
        )
        .route(
            "/tilbagemelding/{token}",
            get(pages::feedback::invite).post(pages::feedback::answer),
        )
        .route(
            "/sessions/{id}/tilbagemelding",
            get(pages::feedback::session_results),
        )
        .route(
            "/sessions/{id}/tilbagemelding/ark",
            get(pages::feedback::sheet),
        )
        .route(
            "/programmes/{id}/tilbagemelding",
            get(pages::feedback::programme_results),
        )
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let doc = openapi_json.clone();
                async move {
                    (
                        [(
                            header::CONTENT_TYPE,
                            HeaderValue::from_static("application/json"),
                        )],
                        doc.as_str().to_owned(),
                    )
                }
            }),
        )
        .merge(api_routes)
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(fallback)
        .layer(middleware::from_fn(pages::errors::error_pages))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::csrf_guard,
        ))
        .layer(axum::Extension(state.cfg.trusted_proxies.clone()))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::security_headers,
        ))
        .layer(DefaultBodyLimit::max(http::BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(middleware::from_fn(crate::metrics::record_request))
        .layer(TraceLayer::new_for_http().make_span_with(http::request_span))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::request_id,
        ))
        .with_state(state)
}

/// Unknown addresses: a JSON 404 under the API, a page elsewhere.
async fn fallback(parts: axum::http::request::Parts) -> Response {
    if api::error::is_api_path(parts.uri.path()) {
        let loc = api::error::api_loc(&parts.headers);
        return api::error::ApiError::new(loc, StatusCode::NOT_FOUND, "not_found").into_response();
    }
    pages::errors::status_page(&parts, StatusCode::NOT_FOUND)
}

/// A method the address does not take (TRACE, PUT, DELETE, …): 405, with the
/// `Allow` header the router adds; in the JSON shape under the API.
async fn method_not_allowed(parts: axum::http::request::Parts) -> Response {
    if api::error::is_api_path(parts.uri.path()) {
        let loc = api::error::api_loc(&parts.headers);
        return api::error::ApiError::new(
            loc,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        )
        .into_response();
    }
    pages::errors::status_page(&parts, StatusCode::METHOD_NOT_ALLOWED)
}
