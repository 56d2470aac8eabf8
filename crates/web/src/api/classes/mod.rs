//! Class visits: the school year's classes, a class's pupils, importing a
//! class list.

mod day;

pub use day::*;

use super::auth::ApiUser;
use super::error::{ApiError, ApiPath, ApiQuery, ErrorBody, api_loc};
use crate::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::classlist::{FileProblem, MAX_BYTES};
use samvirke_domain::school_year::SchoolYear;
use samvirke_domain::validate::FieldProblem;
use samvirke_service::ServiceError;
use samvirke_service::classes as svc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&Copenhagen).fixed_offset()
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClassesQuery {
    /// The school year, written `2026-27`; the current one when left out.
    #[param(pattern = r"^\d{4}-\d{2}$", example = "2026-27")]
    school_year: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct VisitTime {
    session_id: i64,
    starts_at: DateTime<FixedOffset>,
    ends_at: DateTime<FixedOffset>,
}

#[derive(Serialize, ToSchema)]
pub struct Class {
    id: i64,
    /// The school's name.
    school: String,
    school_id: i64,
    name: String,
    #[schema(example = "2026-27")]
    school_year: String,
    pupil_count: u64,
    visit: Option<VisitTime>,
}

/// The 9th-grade classes of a school year: a school's staff see their own
/// school's, the library, the citizen service and the administration all.
#[utoipa::path(
    get, path = "/classes", tag = "classes", security(("bearer" = [])),
    params(ClassesQuery),
    responses(
        (status = 200, body = [Class]),
        (status = 422, body = ErrorBody, description = "`invalid`: `school_year` is not written like 2026-27"),
    )
)]
pub async fn list(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<ClassesQuery>,
) -> Result<Json<Vec<Class>>, ApiError> {
    let loc = api_loc(&headers);
    let year = match q.school_year.as_deref() {
        Some(text) => Some(text.parse::<SchoolYear>().map_err(|_| {
            ApiError::from_service(
                loc,
                ServiceError::invalid("school_year", FieldProblem::InvalidChoice),
            )
        })?),
        None => None,
    };
    let classes = svc::list_classes(&state.core, &me.as_actor(), year)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(
        classes
            .into_iter()
            .map(|c| Class {
                id: c.id,
                school: c.school,
                school_id: c.school_id,
                name: c.name,
                school_year: c.school_year.to_string(),
                pupil_count: c.pupil_count,
                visit: c.visit.map(|v| VisitTime {
                    session_id: v.session_id,
                    starts_at: local(v.starts_at),
                    ends_at: local(v.ends_at),
                }),
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Pupil {
    id: i64,
    name: String,
    birth_date: NaiveDate,
    /// Counted on the visit's day, or today while no visit is planned.
    age_on_visit_day: i32,
    turns_15_on: Option<NaiveDate>,
    /// `active` (15 or older on the visit day), `turns_15_this_year`, `later`.
    #[schema(example = "later")]
    digital_post: String,
    /// `unknown`, `has`, `wants_at_visit`, `not_now`: only for the citizen
    /// service; absent for everyone else.
    #[serde(skip_serializing_if = "Option::is_none")]
    mitid: Option<String>,
    /// The visit day's group (`mitid_now`, `security_practice`,
    /// `turning_15`): only for those who run the visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
}

/// A class's pupils, by name; the read is in the school's audit log.
#[utoipa::path(
    get, path = "/classes/{id}/pupils", tag = "classes", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The class's id")),
    responses(
        (status = 200, body = [Pupil]),
        (status = 403, body = ErrorBody, description = "`forbidden`: may not see the pupils"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such class, or another school's"),
    )
)]
pub async fn pupils(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<Pupil>>, ApiError> {
    let loc = api_loc(&headers);
    let detail = svc::class_detail(&state.core, &me.as_actor(), id)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(
        detail
            .pupils
            .into_iter()
            .map(|p| Pupil {
                id: p.id,
                name: p.name,
                birth_date: p.birth_date,
                age_on_visit_day: p.age_on_visit_day,
                turns_15_on: p.turns_15_on,
                digital_post: p.digital_post.as_str().into(),
                mitid: p.mitid.map(|m| m.as_str().into()),
                group: p.group.map(|g| g.as_str().into()),
            })
            .collect(),
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Only read the file and answer what would be saved.
    #[serde(default)]
    dry_run: bool,
    /// Replace the class's pupils instead of adding to them.
    #[serde(default)]
    replace: bool,
}

#[derive(Serialize, ToSchema)]
pub struct LineErrorBody {
    line: usize,
    /// A stable code, e.g. `birth_date_invalid`.
    problem: String,
    message: String,
}

#[derive(Serialize, ToSchema)]
pub struct ImportResult {
    /// Saved pupils (0 on a dry run).
    imported: u64,
    /// Lines that would be saved.
    accepted: usize,
    errors: Vec<LineErrorBody>,
}

/// Imports a class list: CSV as schools and Excel write it (UTF-8, UTF-16
/// with a BOM or Windows-1252; `;`, `,` or tab), a name and a birth date or
/// a CPR number per line. Of a CPR number only the birth date is kept.
/// Lines in error are listed and skipped; with `dry_run` nothing is saved.
#[utoipa::path(
    post, path = "/classes/{id}/pupils/import", tag = "classes", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The class's id"), ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The class list, at most 2 MB"),
    responses(
        (status = 200, body = ImportResult),
        (status = 403, body = ErrorBody, description = "`forbidden`: may not change the class list"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such class, or another school's"),
        (status = 413, body = ErrorBody, description = "`too_large`: the file is over 2 MB"),
        (status = 422, body = ErrorBody, description = "`unreadable_file`: binary, no header, no name or birth date column; nothing is saved"),
    )
)]
pub async fn import(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ImportQuery>,
    body: Body,
) -> Result<Json<ImportResult>, ApiError> {
    let loc = api_loc(&headers);
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BYTES).await else {
        return Err(ApiError::new(
            loc,
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        ));
    };
    let outcome = svc::import_pupils(
        &state.core,
        &me.as_actor(),
        id,
        &bytes,
        q.dry_run,
        q.replace,
    )
    .await
    .map_err(|e| ApiError::from_service(loc, e))?;
    if let Some(problem) = outcome.refused {
        let status = if problem == FileProblem::TooLarge {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let mut err = ApiError::new(loc, status, "unreadable_file");
        err.body.message = loc.t(&format!(
            "class-file-{}",
            problem.as_str().replace('_', "-")
        ));
        return Err(err);
    }
    Ok(Json(ImportResult {
        imported: outcome.imported,
        accepted: outcome.accepted.len(),
        errors: outcome
            .errors
            .iter()
            .map(|e| LineErrorBody {
                line: e.line,
                problem: e.problem.as_str().into(),
                message: loc.t(&format!(
                    "class-line-{}",
                    e.problem.as_str().replace('_', "-")
                )),
            })
            .collect(),
    }))
}

/// A PDF file, as the OpenAPI document names one: a binary string.
#[derive(ToSchema)]
#[allow(dead_code)] // Only a description for the document: the handler answers bytes.
#[schema(value_type = String, format = Binary)]
pub struct PdfFile(Vec<u8>);

/// The class's "Digital dåbsattest" certificates as one PDF, an A4 page per
/// pupil: those marked present on the visit day, or the whole class while
/// nobody is marked yet. Tagged for screen readers (PDF/UA-1), in the
/// language of `Accept-Language` (Danish or English). The read is in the
/// school's audit log.
#[utoipa::path(
    get, path = "/classes/{id}/certificates.pdf", tag = "classes", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The class's id")),
    responses(
        (status = 200, content_type = "application/pdf", body = PdfFile,
            description = "The certificates, one page per pupil; `Content-Disposition: attachment` with a file name",
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"digitale-daabsattester-9-a-dragoer-skole.pdf\"`"))),
        (status = 403, body = ErrorBody, description = "`forbidden`: may not see the pupils"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such class, or another school's; `no_certificates`: the class has no pupils, or none is marked present"),
    )
)]
pub async fn certificates(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<axum::response::Response, ApiError> {
    let loc = api_loc(&headers);
    let certs = svc::certificates(&state.core, &me.as_actor(), id)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    if certs.pupils.is_empty() {
        return Err(ApiError::new(loc, StatusCode::NOT_FOUND, "no_certificates"));
    }
    crate::pdf::certificates::download(loc, certs)
        .await
        .map_err(|e| ApiError::from_service(loc, e))
}
