//! Signing up, and the outcome remembered for the confirmation.

use super::*;
use samvirke_domain::{Conflict, RegistrationStatus};

#[derive(Template)]
#[template(path = "event_done.html")]
pub(super) struct DonePage {
    pub(super) c: Chrome,
    pub(super) first: Outcome,
    /// The other dates of a series, in date order.
    pub(super) more: Vec<Outcome>,
    pub(super) emailed: bool,
    /// Neither e-mail nor phone: on the waiting list they must call us.
    pub(super) no_contact: bool,
    pub(super) has_phone: bool,
}

/// What happened to one date of a sign-up.
pub struct Outcome {
    pub card: Card,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub confirmed: bool,
    pub position: i32,
    pub cancel_path: String,
    /// Why this date did not work (already signed up, closed), if it did not.
    pub problem: Option<String>,
}

/// A sign-up's result as the confirmation page needs it. It travels from
/// the POST to the page it redirects to in a short-lived HttpOnly cookie,
/// so a reload shows the page again and signs nobody up twice; the cancel
/// secrets never appear in a URL or the database.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Confirmation {
    pub(super) first: Placed,
    pub(super) more: Vec<Placed>,
    pub(super) emailed: bool,
    pub(super) phoned: bool,
}

#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Placed {
    pub(super) session: i64,
    /// `None` when this date did not work, with `problem` saying why.
    pub(super) cancel_token: Option<String>,
    pub(super) confirmed: bool,
    pub(super) position: i32,
    /// `already` or `closed`.
    pub(super) problem: Option<String>,
}

pub(super) const CONFIRMATION_COOKIE: &str = "samvirke_signup";
/// Long enough to read the page and reload it; the e-mail has the rest.
const CONFIRMATION_MAX_AGE: i64 = 30 * 60;

fn placed(session: i64, r: &Result<svc::SignupResult, ServiceError>) -> Placed {
    match r {
        Ok(r) => Placed {
            session,
            cancel_token: Some(r.cancel_token.clone()),
            confirmed: r.registration.status == RegistrationStatus::Confirmed,
            position: r.waitlist_position.unwrap_or(0),
            problem: None,
        },
        Err(e) => Placed {
            session,
            cancel_token: None,
            confirmed: false,
            position: 0,
            problem: Some(
                match e {
                    ServiceError::Conflict(Conflict::AlreadyRegistered) => "already",
                    _ => "closed",
                }
                .into(),
            ),
        },
    }
}

fn encode_confirmation(c: &Confirmation) -> String {
    use base64::Engine;
    let json = serde_json::to_vec(c).expect("a confirmation serialises");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

pub(super) fn decode_confirmation(raw: &str) -> Option<Confirmation> {
    use base64::Engine;
    if raw.len() > 3800 {
        return None;
    }
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw)
        .ok()?;
    let c: Confirmation = serde_json::from_slice(&json).ok()?;
    (c.more.len() <= svc::SERIES_MAX).then_some(c)
}

pub(super) async fn outcome(
    ctx: &Ctx,
    municipality: samvirke_domain::MunicipalityId,
    p: &Placed,
) -> Result<Outcome, ServiceError> {
    let loc = ctx.loc;
    let (v, _) = ctx.state.public_session(municipality, p.session).await?;
    Ok(Outcome {
        card: card(loc, &v),
        starts_at: v.session.starts_at,
        confirmed: p.confirmed,
        position: p.position,
        cancel_path: p
            .cancel_token
            .as_ref()
            .map(|t| format!("/afmeld/{t}"))
            .unwrap_or_default(),
        problem: p.problem.as_deref().map(|code| {
            loc.t(if code == "already" {
                "signup-already-short"
            } else {
                "event-closed"
            })
        }),
    })
}

pub async fn sign_up(ctx: Ctx, Path(id): Path<i64>, form: FormData) -> Result<Response, PageError> {
    // The e-mails go out in the language of the page the citizen used.
    let input = SignupInput {
        language: ctx.loc.lang,
        ..signup_input(&form)
    };
    // Each date counts against the limit, the series' other dates too (the
    // form sends at most a bounded number; more is refused below).
    let dates = 1 + input.also.len().min(svc::SERIES_MAX + 1);
    for _ in 0..dates {
        if let Err(wait) = ctx.state.public_limit.hit(&ctx.addr, ctx.state.core.now()) {
            return Err(PageError::from(ServiceError::Throttled {
                retry_after_secs: wait,
            }));
        }
    }
    let m = ctx.state.public_home().await?;
    let result = svc::sign_up_series(&ctx.state.core, m.id, id, &input, None).await;
    ctx.state.public_changed().await;
    Ok(match result {
        Ok(series) => {
            let confirmation = Confirmation {
                emailed: series.first.registration.email.is_some(),
                phoned: series.first.registration.phone.is_some(),
                first: placed(id, &Ok(series.first)),
                more: series.more.iter().map(|(s, r)| placed(*s, r)).collect(),
            };
            let mut res = axum::response::Redirect::to(&format!("/arrangementer/{id}/tilmeldt"))
                .into_response();
            let cookie = format!(
                "{CONFIRMATION_COOKIE}={}; Path=/arrangementer; Max-Age={CONFIRMATION_MAX_AGE}; HttpOnly; SameSite=Lax{}",
                encode_confirmation(&confirmation),
                if ctx.state.cfg.secure_cookies {
                    "; Secure"
                } else {
                    ""
                }
            );
            if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
                res.headers_mut().append(axum::http::header::SET_COOKIE, v);
            }
            res
        }
        Err(ServiceError::Invalid(errors)) => event_page(&ctx, id, &input, &errors, false).await?,
        Err(ServiceError::Conflict(Conflict::AlreadyRegistered)) => {
            event_page(&ctx, id, &input, &FieldErrors::default(), true).await?
        }
        Err(e) => return Err(e.into()),
    })
}
