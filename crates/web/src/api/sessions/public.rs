//! Public sessions: the list and one session.

use super::*;

#[derive(Serialize, ToSchema)]
pub struct Session {
    id: i64,
    /// The programme's id.
    programme: i64,
    title: String,
    /// RFC 3339 with the Copenhagen offset.
    starts_at: DateTime<FixedOffset>,
    ends_at: DateTime<FixedOffset>,
    site: String,
    capacity: i32,
    seats_left: i32,
    waitlist_length: u64,
    #[schema(value_type = RegistrationState)]
    registration: String,
}

/// Whether people can sign up now.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum RegistrationState {
    Open,
    Closed,
    NotYetOpen,
}

impl From<&SessionView> for Session {
    fn from(v: &SessionView) -> Self {
        Session {
            id: v.session.id,
            programme: v.programme.id,
            title: v.programme.title.clone(),
            starts_at: local(v.session.starts_at),
            ends_at: local(v.session.ends_at),
            site: v.site.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
            capacity: v.session.capacity,
            seats_left: v.seats_left,
            waitlist_length: v.waitlist_length,
            registration: v.registration.as_str().into(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AgendaItem {
    title: String,
    minutes: i32,
    /// The organisation that runs this part.
    organisation: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionDetail {
    #[serde(flatten)]
    session: Session,
    description: String,
    target_group: String,
    address: String,
    agenda: Vec<AgendaItem>,
}

fn detail(v: &SessionView, agenda: &[AgendaLine]) -> SessionDetail {
    SessionDetail {
        session: v.into(),
        description: v.programme.description.clone(),
        target_group: v.programme.target_group.clone(),
        address: v
            .site
            .as_ref()
            .map(|s| s.address.clone())
            .unwrap_or_default(),
        agenda: agenda
            .iter()
            .map(|a| AgendaItem {
                title: a.item.title.clone(),
                minutes: a.item.minutes,
                organisation: a.org_name.clone(),
            })
            .collect(),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SessionQuery {
    /// From this time or date (RFC 3339 or `YYYY-MM-DD`, a year from 2000 to 2100); default now.
    #[param(max_length = 40)]
    from: Option<String>,
    /// Before this time or date (as `from`).
    #[param(max_length = 40)]
    to: Option<String>,
    /// Only this programme (its id).
    programme: Option<i64>,
    /// Sessions on this page, 1 to 500; default 100.
    #[param(minimum = 1, maximum = 500, default = 100)]
    limit: Option<i64>,
    /// The cursor of the next page, from the `Link` header of the page before.
    #[param(max_length = 100)]
    after: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items on this page, 1 to 500; default 100.
    #[param(minimum = 1, maximum = 500, default = 100)]
    pub(crate) limit: Option<i64>,
    /// The cursor of the next page, from the `Link` header of the page before.
    #[param(max_length = 100)]
    pub(crate) after: Option<String>,
}

/// `limit` and `after`, checked: out of bounds or not a cursor of this list is a 422.
pub(crate) fn page_params<K>(
    limit: Option<i64>,
    after: Option<&str>,
    parse: impl Fn(&str) -> Option<K>,
) -> Result<(u64, Option<K>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let max = paging::API_MAX_LIMIT as i64;
    let limit = match limit {
        None => Some(paging::API_DEFAULT_LIMIT),
        Some(n) if (1..=max).contains(&n) => Some(n as u64),
        Some(_) => {
            errors.add("limit", FieldProblem::OutOfRange);
            None
        }
    };
    let after = match after {
        None => Some(None),
        Some(c) => errors.check(
            "after",
            parse(c).map(Some).ok_or(FieldProblem::InvalidChoice),
        ),
    };
    match (limit, after) {
        (Some(l), Some(a)) if errors.is_empty() => Ok((l, a)),
        _ => Err(errors),
    }
}

/// The `Link: <…>; rel="next"` header (RFC 8288) when more follow.
pub(crate) fn next_link(uri: &Uri, cursor: Option<String>) -> Option<(HeaderName, HeaderValue)> {
    let value = paging::link_next(uri.path(), uri.query(), &cursor?);
    Some((header::LINK, HeaderValue::from_str(&value).ok()?))
}

/// RFC 3339, or a date taken as midnight in Copenhagen.
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Copenhagen
        .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

pub(super) async fn public_municipality(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<samvirke_domain::MunicipalityId, ApiError> {
    match state.public_home().await {
        Ok(m) => Ok(m.id),
        Err(ServiceError::NotFound) => Err(ApiError::new(
            api_loc(headers),
            StatusCode::NOT_FOUND,
            "not_found",
        )),
        Err(e) => Err(ApiError::from_service(api_loc(headers), e)),
    }
}

/// Upcoming public sessions, by start time, a page at a time: when more
/// follow, the `Link` header names the next page.
#[utoipa::path(
    get, path = "/sessions", tag = "sessions", params(SessionQuery),
    responses(
        (status = 200, body = [Session], headers(
            ("Link" = String, description = "`<…>; rel=\"next\"` (RFC 8288) while more sessions follow")
        )),
        (status = 400, body = ErrorBody, description = "`bad_request`: a parameter that cannot be read"),
        (status = 404, body = ErrorBody, description = "`not_found`: no municipality is set up"),
        (status = 422, body = ErrorBody, description = "`invalid`: `limit` out of bounds, `after` not a cursor of this list, or a year before 2000 or after 2100"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    ApiQuery(q): ApiQuery<SessionQuery>,
) -> Result<Response, ApiError> {
    let loc = api_loc(&headers);
    let bad = || ApiError::new(loc, StatusCode::BAD_REQUEST, "bad_request");
    let from = q
        .from
        .as_deref()
        .map(|s| parse_time(s).ok_or_else(bad))
        .transpose()?;
    let to =
        q.to.as_deref()
            .map(|s| parse_time(s).ok_or_else(bad))
            .transpose()?;
    let mut errors = FieldErrors::default();
    for (field, t) in [("from", from), ("to", to)] {
        if let Some(Err(p)) = t.map(validate::time_in_range) {
            errors.add(field, p);
        }
    }
    let page = page_params(q.limit, q.after.as_deref(), paging::parse_session_cursor);
    if let Err(more) = &page {
        errors.0.extend(more.0.iter().cloned());
    }
    let (limit, after) = match page {
        Ok(p) if errors.is_empty() => p,
        _ => return Err(ApiError::from_service(loc, ServiceError::Invalid(errors))),
    };
    let m = public_municipality(&state, &headers).await?;
    let page = if from.is_none() && to.is_none() && q.programme.is_none() {
        // The common case, from the cache of upcoming sessions.
        let all = state
            .public_sessions(m)
            .await
            .map_err(|e| ApiError::from_service(loc, e))?;
        let rest: Vec<SessionView> = all
            .iter()
            .filter(|v| after.is_none_or(|k| (v.session.starts_at, v.session.id) > k))
            .take(limit as usize + 1)
            .cloned()
            .collect();
        Page::from_rows(rest, limit)
    } else {
        let filter = ListFilter {
            from,
            to,
            programme_id: q.programme,
            ..Default::default()
        };
        svc::list_public_page(&state.core, m, &filter, after, limit)
            .await
            .map_err(|e| ApiError::from_service(loc, e))?
    };
    let cursor = page
        .more
        .then(|| page.items.last())
        .flatten()
        .map(|v| paging::session_cursor((v.session.starts_at, v.session.id)));
    let body = Json(page.items.iter().map(Session::from).collect::<Vec<_>>());
    Ok(match next_link(&uri, cursor) {
        Some(link) => ([link], body).into_response(),
        None => body.into_response(),
    })
}

/// One public session with its agenda.
#[utoipa::path(
    get, path = "/sessions/{id}", tag = "sessions",
    params(("id" = i64, Path, description = "The session's id")),
    responses(
        (status = 200, body = SessionDetail),
        (status = 404, body = ErrorBody, description = "`not_found`: no such public session"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SessionDetail>, ApiError> {
    let loc = api_loc(&headers);
    let m = public_municipality(&state, &headers).await?;
    let (v, agenda) = state
        .public_session(m, id)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(detail(&v, &agenda)))
}
