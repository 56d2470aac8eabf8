//! The reach report as JSON: the caller's organisation's figures and,
//! apart, those of its joint programmes; counts only, no personal data.

use super::auth::ApiUser;
use super::error::{ApiError, ApiQuery, ErrorBody, api_loc};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use samvirke_domain::reach::parse_period;
use samvirke_service::ServiceError;
use samvirke_service::reach::{self as svc, Figures, ReachFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReachQuery {
    /// The first day (`YYYY-MM-DD`, Copenhagen).
    from: String,
    /// The last day, included; not before `from`, less than 5 years later.
    to: String,
    /// Only this programme.
    programme: Option<i64>,
    /// Only this site.
    site: Option<i64>,
    /// Another organisation (administrators only).
    organisation: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct FiguresBody {
    sessions_held: i64,
    signups: i64,
    attended: i64,
    no_shows: i64,
    /// Told apart by normalised e-mail or phone while those are held, plus
    /// the totals kept (per programme, site and month) when they were deleted.
    unique_citizens: i64,
}

impl From<Figures> for FiguresBody {
    fn from(f: Figures) -> Self {
        FiguresBody {
            sessions_held: f.sessions_held,
            signups: f.signups,
            attended: f.attended,
            no_shows: f.no_shows,
            unique_citizens: f.unique_citizens,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ProgrammeBody {
    id: i64,
    title: String,
    /// True for a programme with a partner organisation.
    joint: bool,
    sessions_held: i64,
    signups: i64,
    attended: i64,
}

#[derive(Serialize, ToSchema)]
pub struct MonthBody {
    /// `YYYY-MM`.
    month: String,
    sessions_held: i64,
    signups: i64,
    attended: i64,
}

#[derive(Serialize, ToSchema)]
pub struct PupilsBody {
    classes_visited: i64,
    pupils_in_visited_classes: i64,
    pupils_attended: i64,
    /// Pupils in every class of the school years the period touches.
    pupils_in_all_classes: i64,
    mitid_created: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceBody {
    id: i64,
    title: String,
    booked: i64,
    done: i64,
    no_show: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ReferralBody {
    /// `sent` or `received` (`all` for every organisation).
    direction: String,
    /// `new`, `contacted` or `done`.
    status: String,
    count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct QuizBody {
    runs: i64,
    players: i64,
    answers: i64,
    correct: i64,
    /// The questions with the smallest share of right answers.
    hardest: Vec<QuizQuestionBody>,
}

#[derive(Serialize, ToSchema)]
pub struct QuizQuestionBody {
    text: String,
    answers: i64,
    correct: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ReachBody {
    from: String,
    to: String,
    /// Own and joint together.
    sessions_held: i64,
    signups: i64,
    attended: i64,
    no_shows: i64,
    unique_citizens: i64,
    /// The organisation's own programmes (no partner).
    own: FiguresBody,
    /// Programmes with a partner, which the organisation owns or is a partner in.
    joint: FiguresBody,
    programmes: Vec<ProgrammeBody>,
    months: Vec<MonthBody>,
    pupils: PupilsBody,
    appointments: Vec<ServiceBody>,
    referrals: Vec<ReferralBody>,
    quiz: QuizBody,
    /// How many answered 1, 2, 3, 4 and 5 in the feedback after a session.
    feedback_scores: [i64; 5],
    /// Referrals received from another organisation.
    partner_referrals_received: i64,
    /// Attended at joint programmes a partner owns.
    partner_sessions_attended: i64,
}

/// The reach report of the caller's organisation for the days `from`–`to`:
/// its own figures and, apart, those of the joint programmes.
#[utoipa::path(
    get, path = "/reports/reach", tag = "reports", security(("bearer" = [])),
    params(ReachQuery),
    responses(
        (status = 200, body = ReachBody),
        (status = 403, body = ErrorBody, description = "`forbidden`: not a coordinator or administrator, or another organisation"),
        (status = 422, body = ErrorBody, description = "`invalid`: a date missing or not `YYYY-MM-DD`, outside 2000–2100, `to` before `from`, or 5 years or more"),
    )
)]
pub async fn reach(
    ApiUser(me): ApiUser,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<ReachQuery>,
) -> Result<Json<ReachBody>, ApiError> {
    let loc = api_loc(&headers);
    let period = parse_period(&q.from, &q.to)
        .map_err(|e| ApiError::from_service(loc, ServiceError::Invalid(e)))?;
    let filter = ReachFilter {
        period,
        organisation: q.organisation,
        all_organisations: false,
        programme: q.programme,
        target_group: None,
        site: q.site,
    };
    let r = svc::report(&state.core, &me.as_actor(), &filter)
        .await
        .map_err(|e| ApiError::from_service(loc, e))?;
    Ok(Json(ReachBody {
        from: period.first.to_string(),
        to: period.last.to_string(),
        sessions_held: r.all.sessions_held,
        signups: r.all.signups,
        attended: r.all.attended,
        no_shows: r.all.no_shows,
        unique_citizens: r.all.unique_citizens,
        own: r.own.into(),
        joint: r.joint.into(),
        programmes: r
            .programmes
            .into_iter()
            .map(|p| ProgrammeBody {
                id: p.id,
                title: p.title,
                joint: p.joint,
                sessions_held: p.figures.sessions_held,
                signups: p.figures.signups,
                attended: p.figures.attended,
            })
            .collect(),
        months: r
            .months
            .into_iter()
            .map(|m| MonthBody {
                month: m.month,
                sessions_held: m.sessions_held,
                signups: m.signups,
                attended: m.attended,
            })
            .collect(),
        pupils: PupilsBody {
            classes_visited: r.pupils.classes_visited,
            pupils_in_visited_classes: r.pupils.in_visited_classes,
            pupils_attended: r.pupils.attended,
            pupils_in_all_classes: r.pupils.in_all_classes,
            mitid_created: r.pupils.mitid_created,
        },
        appointments: r
            .appointments
            .into_iter()
            .map(|s| ServiceBody {
                id: s.service_id,
                title: s.title,
                booked: s.booked,
                done: s.done,
                no_show: s.no_show,
            })
            .collect(),
        referrals: r
            .referrals
            .into_iter()
            .map(|f| ReferralBody {
                direction: f.direction,
                status: f.status,
                count: f.count,
            })
            .collect(),
        quiz: QuizBody {
            runs: r.quiz.runs,
            players: r.quiz.players,
            answers: r.quiz.answers,
            correct: r.quiz.correct,
            hardest: r
                .quiz
                .hardest
                .into_iter()
                .map(|h| QuizQuestionBody {
                    text: h.text,
                    answers: h.answers,
                    correct: h.correct,
                })
                .collect(),
        },
        feedback_scores: r.feedback,
        partner_referrals_received: r.partner_door.referrals_received,
        partner_sessions_attended: r.partner_door.attended_at_partners,
    }))
}
