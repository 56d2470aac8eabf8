//! At the door and on the phone: phone sign-up, check-in, walk-ins.

use super::*;
use samvirke_domain::{Attendance, Conflict, RegistrationStatus};

/// A citizen who phoned in, signed up by staff with the same rules.
pub async fn phone_sign_up(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    // Seats may change: public pages must not show an old count.
    ctx.state.public_changed().await;
    let input = signup_input(&form);
    Ok(
        match svc::sign_up_series(
            &ctx.state.core,
            me.actor.municipality,
            id,
            &input,
            Some(&me.actor),
        )
        .await
        {
            Ok(series) => {
                let r = series.first;
                let notice = if !series.more.is_empty() {
                    "signed-up-series"
                } else if r.registration.status == RegistrationStatus::Confirmed {
                    "signed-up"
                } else {
                    "waitlisted"
                };
                Redirect::to(&format!("/sessions/{id}?notice={notice}")).into_response()
            }
            Err(ServiceError::Invalid(errors)) => {
                session_page(&ctx, &me, id, &input, &errors, None, false).await?
            }
            Err(ServiceError::Conflict(Conflict::AlreadyRegistered)) => {
                session_page(&ctx, &me, id, &input, &FieldErrors::default(), None, true).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}

pub async fn check_in(
    StaffCtx { ctx, me }: StaffCtx,
    Path((id, reg)): Path<(i64, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    // Seats may change: public pages must not show an old count.
    ctx.state.public_changed().await;
    let attendance = Attendance::parse(form.get("attendance"));
    // Back to the page of the list the person is on.
    let page = match form.get("deltagere").parse::<i64>() {
        Ok(after) => format!("?deltagere={after}"),
        Err(_) => String::new(),
    };
    svc::set_attendance(&ctx.state.core, &me.as_actor(), reg, attendance).await?;
    Ok(Redirect::to(&format!("/sessions/{id}{page}#deltager-{reg}")).into_response())
}

pub async fn walk_in(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    // Seats may change: public pages must not show an old count.
    ctx.state.public_changed().await;
    let error = match svc::walk_in(&ctx.state.core, &me.as_actor(), id, form.get("walk_in")).await {
        Ok(_) => return Ok(Redirect::to(&format!("/sessions/{id}?notice=walk-in")).into_response()),
        Err(ServiceError::Invalid(errors)) => errors.0.first().map(|f| ctx.loc.problem(f.problem)),
        Err(ServiceError::Conflict(Conflict::Full)) => Some(ctx.loc.t("walk-in-full")),
        Err(e) => return Err(e.into()),
    };
    let (input, errors) = (SignupInput::default(), FieldErrors::default());
    session_page(&ctx, &me, id, &input, &errors, error, false).await
}
