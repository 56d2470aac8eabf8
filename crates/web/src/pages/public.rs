//! Pages for everyone: the front page, the accessibility statement, privacy, language.

use super::PageError;
use super::{Chrome, chrome, render};
use crate::AppState;
use crate::http::{Ctx, LANG_COOKIE, safe_next, set_cookie};
use crate::i18n::Lang;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "index.html")]
struct FrontPage {
    c: Chrome,
    upcoming: Vec<super::events::Card>,
}

/// How many upcoming sessions the front page shows.
const FRONT_PAGE_SESSIONS: usize = 3;

pub async fn front(ctx: Ctx) -> Result<Response, PageError> {
    let upcoming = match ctx.state.municipality_for(None).await? {
        Some(m) => ctx
            .state
            .public_sessions(m.id)
            .await?
            .iter()
            .take(FRONT_PAGE_SESSIONS)
            .map(|v| super::events::card(ctx.loc, v))
            .collect(),
        None => vec![],
    };
    Ok(render(&FrontPage {
        c: chrome(&ctx, "front-title", "/").await?,
        upcoming,
    }))
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct AccessibilityPage {
    c: Chrome,
    /// The statement published on was.digst.dk.
    published: Option<String>,
    contact_email: Option<String>,
}

pub async fn accessibility(ctx: Ctx) -> Result<Response, PageError> {
    let m = ctx.state.municipality_for(ctx.user.as_ref()).await?;
    Ok(render(&AccessibilityPage {
        c: chrome(&ctx, "a11y-heading", "").await?,
        published: m.as_ref().and_then(|m| m.accessibility_url.clone()),
        contact_email: m.and_then(|m| m.dpo_email),
    }))
}

#[derive(Template)]
#[template(path = "privacy.html")]
struct PrivacyPage {
    c: Chrome,
    address: Option<String>,
    dpo_email: Option<String>,
    participant_days: u32,
    eml_days: u32,
    audit_days: u32,
    /// How long a done referral's need and contact are kept.
    referral_days: u32,
    /// The municipality's live periods (issue 13).
    appointment_days: u32,
    quiz_days: u32,
    idea_days: u32,
    pupil_days: u32,
}

/// The privacy notice (GDPR article 13), with the retention the
/// installation really applies.
pub async fn privacy(ctx: Ctx) -> Result<Response, PageError> {
    let m = ctx.state.municipality_for(ctx.user.as_ref()).await?;
    let r = ctx.state.core.retention;
    // The periods the daily deletion applies: the municipality's own.
    let p = match &m {
        Some(m) => samvirke_service::retention::periods_of(&ctx.state.core, m.id).await?,
        None => samvirke_service::retention::Periods::default(),
    };
    use samvirke_domain::ideas::DataKind;
    Ok(render(&PrivacyPage {
        c: chrome(&ctx, "privacy-heading", "").await?,
        address: m.as_ref().and_then(|m| m.address.clone()),
        dpo_email: m.and_then(|m| m.dpo_email),
        participant_days: p.days(DataKind::Signups),
        eml_days: r.eml_days,
        audit_days: p.days(DataKind::AuditLog),
        referral_days: p.days(DataKind::Referrals),
        appointment_days: p.days(DataKind::Appointments),
        quiz_days: p.days(DataKind::QuizNicknames),
        idea_days: p.days(DataKind::Ideas),
        pupil_days: p.days(DataKind::Pupils),
    }))
}

/// A municipality's mark, `/logo/{id}.svg`: public, like its name.
pub async fn logo(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let id = file
        .strip_suffix(".svg")
        .and_then(|id| id.parse::<i64>().ok());
    let Some(id) = id else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    let m = samvirke_domain::MunicipalityId(id);
    match samvirke_service::branding::logo(&state.core, m).await {
        Ok(Some(svg)) => (
            [
                (header::CONTENT_TYPE, "image/svg+xml"),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            svg,
        )
            .into_response(),
        Ok(None) => axum::http::StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!("logo: {e}");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(Deserialize)]
pub struct Back {
    tilbage: Option<String>,
}

/// Switches language with a plain link, so it works without JavaScript.
pub async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(back): Query<Back>,
) -> Response {
    let lang = Lang::parse(&code).unwrap_or_default();
    let to = safe_next(back.tilbage.as_deref().unwrap_or("/"));
    let mut res = Redirect::to(&to).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            LANG_COOKIE,
            lang.code(),
            Some(365 * 24 * 3600),
            state.cfg.secure_cookies,
        ),
    );
    res
}
