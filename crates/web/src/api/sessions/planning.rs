//! Creating programmes and sessions (staff).

use super::*;

#[derive(Deserialize, ToSchema)]
pub struct PartnerRequest {
    /// Another organisation of the municipality; each at most once.
    organisation_id: i64,
    /// `view`: sees that it exists and when; `run`: also the participants.
    #[schema(value_type = PartnerLevelName)]
    level: String,
}

/// How far a partner organisation takes part.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum PartnerLevelName {
    View,
    Run,
}

#[derive(Deserialize, ToSchema)]
pub struct AgendaItemRequest {
    #[schema(min_length = 1, max_length = 200)]
    title: String,
    #[schema(minimum = 1, maximum = 600)]
    minutes: i32,
    /// The owner or one of the partners.
    organisation_id: i64,
    competence_id: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
pub struct ProgrammeRequest {
    #[schema(min_length = 1, max_length = 200)]
    title: String,
    #[serde(default)]
    #[schema(max_length = 5000)]
    description: String,
    #[schema(min_length = 1, max_length = 200)]
    target_group: String,
    #[serde(default)]
    #[schema(max_items = 50)]
    partners: Vec<PartnerRequest>,
    #[serde(default)]
    #[schema(max_items = 50)]
    agenda: Vec<AgendaItemRequest>,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    id: i64,
}

/// Creates a programme owned by the caller's organisation (coordinators).
#[utoipa::path(
    post, path = "/programmes", tag = "staff", request_body = ProgrammeRequest, security(("bearer" = [])),
    responses(
        (status = 201, body = Created),
        (status = 403, body = ErrorBody, description = "`forbidden`: only coordinators create programmes"),
        (status = 422, body = ErrorBody, description = "`invalid`: field errors, e.g. `partners`: `duplicate`"),
    )
)]
pub async fn create_programme(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ProgrammeRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let loc = api_loc(&headers);
    let input = svc::ProgrammeInput {
        title: req.title,
        description: req.description,
        target_group: req.target_group,
        partners: req
            .partners
            .into_iter()
            .map(|p| (p.organisation_id, p.level))
            .collect(),
        agenda: req
            .agenda
            .into_iter()
            .map(|a| svc::AgendaInput {
                title: a.title,
                minutes: a.minutes,
                org: a.organisation_id,
                competence_id: a.competence_id,
            })
            .collect(),
    };
    let p = svc::create_programme(&state.core, &me.as_actor(), &input)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok((StatusCode::CREATED, Json(Created { id: p.id })))
}

/// Every time is in a year from 2000 to 2100.
#[derive(Deserialize, ToSchema)]
pub struct SessionRequest {
    programme_id: i64,
    site_id: i64,
    starts_at: DateTime<FixedOffset>,
    /// After the start.
    ends_at: DateTime<FixedOffset>,
    #[schema(minimum = 1, maximum = 10000)]
    capacity: i32,
    /// Default: now.
    signup_opens_at: Option<DateTime<FixedOffset>>,
    /// After sign-up opens. Default: the start.
    signup_closes_at: Option<DateTime<FixedOffset>>,
    /// Open to the public (default) or closed, e.g. a class.
    #[serde(default = "yes")]
    public: bool,
}

fn yes() -> bool {
    true
}

/// Schedules a session of a programme (coordinators of its owner).
#[utoipa::path(
    post, path = "/sessions", tag = "staff", request_body = SessionRequest, security(("bearer" = [])),
    responses(
        (status = 201, body = Created),
        (status = 403, body = ErrorBody, description = "`forbidden`: only coordinators of the programme's owner"),
        (status = 422, body = ErrorBody, description = "`invalid`: field errors, e.g. a year before 2000 or after 2100"),
    )
)]
pub async fn create_session(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SessionRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let loc = api_loc(&headers);
    let utc = |t: DateTime<FixedOffset>| t.with_timezone(&Utc);
    let input = svc::SessionInput {
        programme_id: req.programme_id,
        site_id: req.site_id,
        starts_at: utc(req.starts_at),
        ends_at: utc(req.ends_at),
        capacity: req.capacity,
        signup_opens_at: req.signup_opens_at.map(utc),
        signup_closes_at: req.signup_closes_at.map(utc),
        public: req.public,
    };
    let s = svc::create_session(&state.core, &me.as_actor(), &input)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok((StatusCode::CREATED, Json(Created { id: s.id })))
}
