//! The visit day through the API: one pupil's line of the class sheet.

use super::super::auth::ApiUser;
use super::super::error::{ApiError, ApiJson, ApiPath, ErrorBody, api_loc};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use samvirke_domain::Attendance;
use samvirke_domain::pupil::MitIdStatus;
use samvirke_service::classes::{self as svc, PupilChange, SheetPupil};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceCode {
    Attended,
    Absent,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MitIdCode {
    Unknown,
    Has,
    WantsAtVisit,
    NotNow,
}

impl From<MitIdCode> for MitIdStatus {
    fn from(c: MitIdCode) -> Self {
        match c {
            MitIdCode::Unknown => MitIdStatus::Unknown,
            MitIdCode::Has => MitIdStatus::Has,
            MitIdCode::WantsAtVisit => MitIdStatus::WantsAtVisit,
            MitIdCode::NotNow => MitIdStatus::NotNow,
        }
    }
}

impl From<MitIdStatus> for MitIdCode {
    fn from(s: MitIdStatus) -> Self {
        match s {
            MitIdStatus::Unknown => MitIdCode::Unknown,
            MitIdStatus::Has => MitIdCode::Has,
            MitIdStatus::WantsAtVisit => MitIdCode::WantsAtVisit,
            MitIdStatus::NotNow => MitIdCode::NotNow,
        }
    }
}

/// A field that may be left out (unchanged) or `null` (cleared).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// What changes of one pupil; a field left out stays as it is.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PupilPatch {
    /// `attended`, `absent`, or `null` (not marked).
    #[serde(default, deserialize_with = "present")]
    #[schema(nullable)]
    attendance: Option<Option<AttendanceCode>>,
    /// Only the citizen service (403 for anyone else); other than
    /// `unknown` only from age 13 (422).
    mitid: Option<MitIdCode>,
    /// Only the citizen service (403 for anyone else).
    mitid_created: Option<bool>,
    asked_questions: Option<bool>,
    /// A parent's e-mail, only with `parent_consent: true` (else 422);
    /// `null` removes it and its consent.
    #[serde(default, deserialize_with = "present")]
    #[schema(nullable, max_length = 254)]
    parent_email: Option<Option<String>>,
    /// The parent has given consent; `false` alone withdraws it and
    /// removes the e-mail.
    parent_consent: Option<bool>,
}

/// One pupil's line of the class sheet.
#[derive(Serialize, ToSchema)]
pub struct PupilDay {
    id: i64,
    name: String,
    age_on_visit_day: i32,
    attendance: Option<AttendanceCode>,
    asked_questions: bool,
    parent_email: Option<String>,
    parent_consent: bool,
    /// The visit day's group: `mitid_now`, `security_practice`, `turning_15`.
    group: String,
    /// Only for the citizen service; absent for everyone else.
    #[serde(skip_serializing_if = "Option::is_none")]
    mitid: Option<MitIdCode>,
    /// Only for the citizen service; absent for everyone else.
    #[serde(skip_serializing_if = "Option::is_none")]
    mitid_created: Option<bool>,
}

impl From<SheetPupil> for PupilDay {
    fn from(p: SheetPupil) -> Self {
        PupilDay {
            id: p.id,
            name: p.name,
            age_on_visit_day: p.age_on_visit_day,
            attendance: p.attendance.map(|a| match a {
                Attendance::Attended => AttendanceCode::Attended,
                Attendance::NoShow => AttendanceCode::Absent,
            }),
            asked_questions: p.asked_questions,
            parent_email: p.parent_email,
            parent_consent: p.parent_consent,
            group: p.group.as_str().into(),
            mitid: p.mitid.map(MitIdCode::from),
            mitid_created: p.mitid_created,
        }
    }
}

fn change(patch: PupilPatch) -> PupilChange {
    let parent = match (patch.parent_email, patch.parent_consent) {
        (Some(Some(email)), consent) => Some((email, consent.unwrap_or(false))),
        (Some(None), _) | (None, Some(false)) => Some((String::new(), false)),
        (None, _) => None,
    };
    PupilChange {
        attendance: patch.attendance.map(|a| {
            a.map(|a| match a {
                AttendanceCode::Attended => Attendance::Attended,
                AttendanceCode::Absent => Attendance::NoShow,
            })
        }),
        mitid: patch.mitid.map(MitIdStatus::from),
        mitid_created: patch.mitid_created,
        asked_questions: patch.asked_questions,
        parent,
    }
}

/// Records the visit day for one pupil (the library and the citizen
/// service); a parent's e-mail needs the parent's consent, recorded with
/// the time and the staff member.
#[utoipa::path(
    patch, path = "/classes/{id}/pupils/{pupil_id}", tag = "classes", security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The class's id"),
        ("pupil_id" = i64, Path, description = "The pupil's id"),
    ),
    request_body = PupilPatch,
    responses(
        (status = 200, body = PupilDay),
        (status = 403, body = ErrorBody, description = "`forbidden`: the MitID fields from anyone but the citizen service"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such class or pupil, another school's, or not for the school"),
        (status = 422, body = ErrorBody, description = "`invalid`: an e-mail without consent, MitID under 13, or bad values"),
    )
)]
pub async fn patch_pupil(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath((id, pupil_id)): ApiPath<(i64, i64)>,
    ApiJson(patch): ApiJson<PupilPatch>,
) -> Result<Json<PupilDay>, ApiError> {
    let loc = api_loc(&headers);
    let pupil = svc::update_pupil(&state.core, &me.as_actor(), id, pupil_id, change(patch))
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(pupil.into()))
}
