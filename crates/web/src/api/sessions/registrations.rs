//! Signing up and cancelling through the API.

use super::*;
use samvirke_domain::RegistrationStatus;

#[derive(Deserialize, ToSchema)]
pub struct RegistrationRequest {
    #[schema(min_length = 1, max_length = 120)]
    name: String,
    /// Lower-cased when stored; one sign-up per e-mail (or phone) and session.
    #[schema(max_length = 254)]
    email: Option<String>,
    /// A Danish number of 8 digits, or a foreign one starting with `+`.
    #[schema(max_length = 30)]
    phone: Option<String>,
    /// Needs staff should prepare for.
    #[serde(default)]
    #[schema(value_type = Vec<NeedName>, max_items = 2)]
    needs: Vec<String>,
    /// Other needs, in the person's words.
    #[schema(max_length = 500)]
    needs_other: Option<String>,
    /// The language of the e-mails to the person: this one and every later
    /// one (a seat from the waiting list, reminders, a moved or cancelled
    /// session). Danish when left out, whatever language the errors use.
    #[serde(default)]
    language: Option<SignupLanguage>,
}

/// A language the e-mails to a citizen can be in.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum SignupLanguage {
    Da,
    En,
}

/// A need a participant can state.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum NeedName {
    HearingLoop,
    Wheelchair,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationCreated {
    id: i64,
    #[schema(value_type = SignupStatus)]
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    waitlist_position: Option<i32>,
    /// Keep it: it cancels this sign-up once.
    cancel_token: String,
}

fn signup_input(r: RegistrationRequest) -> SignupInput {
    SignupInput {
        name: r.name,
        email: r.email.unwrap_or_default(),
        phone: r.phone.unwrap_or_default(),
        no_contact: false,
        require_contact: false,
        needs: r.needs,
        needs_other: r.needs_other.unwrap_or_default(),
        also: vec![],
        language: match r.language {
            None | Some(SignupLanguage::Da) => samvirke_domain::Language::Da,
            Some(SignupLanguage::En) => samvirke_domain::Language::En,
        },
    }
}

/// Signs up for a session: confirmed while seats are free, otherwise waitlisted.
#[utoipa::path(
    post, path = "/sessions/{id}/registrations", tag = "sessions", request_body = RegistrationRequest,
    params(("id" = i64, Path, description = "The session's id")),
    responses(
        (status = 201, body = RegistrationCreated),
        (status = 404, body = ErrorBody, description = "`not_found`: no such public session"),
        (status = 409, body = ErrorBody, description = "`registration_not_open` or `already_registered`"),
        (status = 422, body = ErrorBody, description = "`invalid`: field errors"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many sign-ups from this address; see `Retry-After`"),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RegistrationRequest>,
) -> Result<(StatusCode, Json<RegistrationCreated>), ApiError> {
    let loc = api_loc(&headers);
    limit(&state, &addr, loc)?;
    let m = public_municipality(&state, &headers).await?;
    let r = svc::sign_up(&state.core, m, id, &signup_input(req), None).await;
    state.public_changed().await;
    let r = r.map_err(|e| ApiError::from_service(loc, e))?;
    Ok((
        StatusCode::CREATED,
        Json(RegistrationCreated {
            id: r.registration.id,
            status: r.registration.status.as_str().into(),
            waitlist_position: r.waitlist_position,
            cancel_token: r.cancel_token,
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct CancelRequest {
    /// The `cancel_token` of the sign-up, or the secret in its cancel link.
    #[schema(min_length = 1, max_length = 100)]
    cancel_token: String,
}

#[derive(Serialize, ToSchema)]
pub struct CancelResponse {
    #[schema(value_type = CancelledStatus)]
    status: String,
    /// The registration promoted from the waiting list into the freed seat.
    promoted: Option<i64>,
}

/// Cancels a sign-up with its cancel token. The same token again: 410.
#[utoipa::path(
    post, path = "/registrations/cancel", tag = "sessions", request_body = CancelRequest,
    responses(
        (status = 200, body = CancelResponse),
        (status = 404, body = ErrorBody, description = "`not_found`: no sign-up has this token"),
        (status = 409, body = ErrorBody, description = "`session_cancelled` or `session_started`: nothing changed"),
        (status = 410, body = ErrorBody, description = "`gone`: the token was used already"),
        (status = 429, body = ErrorBody, description = "`too_many_requests`: too many cancellations from this address; see `Retry-After`"),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    ApiJson(req): ApiJson<CancelRequest>,
) -> Result<Json<CancelResponse>, ApiError> {
    let loc = api_loc(&headers);
    limit(&state, &addr, loc)?;
    if req.cancel_token.is_empty() || req.cancel_token.len() > 100 {
        return Err(ApiError::new(loc, StatusCode::NOT_FOUND, "not_found"));
    }
    let r = svc::cancel(&state.core, &req.cancel_token).await;
    state.public_changed().await;
    let r = r.map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(CancelResponse {
        status: RegistrationStatus::Cancelled.as_str().into(),
        promoted: r.promoted.map(|p| p.id),
    }))
}

/// The per-address limit on public actions; 429 with Retry-After when over it.
fn limit(state: &AppState, addr: &str, loc: crate::i18n::Loc) -> Result<(), ApiError> {
    state
        .public_limit
        .hit(addr, state.core.now())
        .map_err(|wait| {
            ApiError::from_service(
                loc,
                samvirke_service::ServiceError::Throttled {
                    retry_after_secs: wait,
                },
            )
        })
}
