//! A session's participants (staff).

use super::*;

#[derive(Serialize, ToSchema)]
pub struct Participant {
    id: i64,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    #[schema(value_type = Vec<NeedName>)]
    needs: Vec<String>,
    needs_other: Option<String>,
    #[schema(value_type = RegistrationStatus)]
    status: String,
    #[schema(value_type = Channel)]
    channel: String,
    #[schema(value_type = Option<Attendance>)]
    attendance: Option<String>,
}

/// Where a sign-up stands after it was made.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum SignupStatus {
    Confirmed,
    Waitlisted,
}

/// What a cancellation answers.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum CancelledStatus {
    Cancelled,
}

/// Where a registration stands.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum RegistrationStatus {
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// How the person was signed up.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum Channel {
    Online,
    Phone,
    WalkIn,
}

/// Check-in on the day.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum Attendance {
    Attended,
    NoShow,
}

/// The registrations of a session, everyone whatever their status, by id,
/// a page at a time (owner and `run` partners; each read is audit-logged).
/// When more follow, the `Link` header names the next page.
#[utoipa::path(
    get, path = "/sessions/{id}/registrations", tag = "staff", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The session's id"), PageQuery),
    responses(
        (status = 200, body = [Participant], headers(
            ("Link" = String, description = "`<…>; rel=\"next\"` (RFC 8288) while more registrations follow")
        )),
        (status = 403, body = ErrorBody, description = "`forbidden`: not the owner or a `run` partner"),
        (status = 404, body = ErrorBody, description = "`not_found`: no such session"),
        (status = 422, body = ErrorBody, description = "`invalid`: `limit` out of bounds or `after` not a cursor of this list"),
    )
)]
pub async fn participants(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let loc = api_loc(&headers);
    let (limit, after) = page_params(q.limit, q.after.as_deref(), paging::parse_id_cursor)
        .map_err(|e| ApiError::from_service(loc, ServiceError::Invalid(e)))?;
    let regs = svc::registrations(&state.core, &me.as_actor(), id, after, limit)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    let cursor = regs
        .more
        .then(|| regs.items.last())
        .flatten()
        .map(|r| paging::id_cursor(r.id));
    let body = Json(
        regs.items
            .into_iter()
            .map(|r| Participant {
                id: r.id,
                name: r.name,
                email: r.email,
                phone: r.phone,
                needs: r
                    .needs
                    .into_iter()
                    .map(|n| n.as_str().to_string())
                    .collect(),
                needs_other: r.needs_other,
                status: r.status.as_str().into(),
                channel: r.channel.as_str().into(),
                attendance: r.attendance.map(|a| a.as_str().into()),
            })
            .collect::<Vec<_>>(),
    );
    Ok(match next_link(&uri, cursor) {
        Some(link) => ([link], body).into_response(),
        None => body.into_response(),
    })
}
