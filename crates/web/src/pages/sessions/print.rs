//! Printable lists: participants, run sheet, call list.

use super::*;
use samvirke_domain::RegistrationStatus;

#[derive(Template)]
#[template(path = "print_participants.html")]
struct PrintPage {
    c: Chrome,
    card: Card,
    people: Vec<Participant>,
}

/// A session for a printed list: only for staff who may see its participants.
async fn session_with_people(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
) -> Result<StaffSessionView, PageError> {
    let view = svc::staff_session(&ctx.state.core, &me.as_actor(), id, People::All).await?;
    if view.registrations.is_none() {
        let denied = ServiceError::Denied(samvirke_domain::DenyReason::OtherOrganisation);
        return Err(denied.into());
    }
    Ok(view)
}

pub async fn print_participants(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let view = session_with_people(&ctx, &me, id).await?;
    let people = participants(ctx.loc, &view)
        .into_iter()
        .filter(|p| p.status == RegistrationStatus::Confirmed)
        .collect();
    Ok(render(&PrintPage {
        c: chrome(&ctx, "print-participants", "/sessions").await?,
        card: card(ctx.loc, &view.view),
        people,
    }))
}

#[derive(Template)]
#[template(path = "print_runsheet.html")]
struct RunSheetPage {
    c: Chrome,
    card: Card,
    run: Vec<RunLine>,
}

pub async fn print_run_sheet(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let view = svc::staff_session(&ctx.state.core, &me.as_actor(), id, first_pages()).await?;
    Ok(render(&RunSheetPage {
        c: chrome(&ctx, "print-runsheet", "/sessions").await?,
        card: card(ctx.loc, &view.view),
        run: run_sheet(ctx.loc, &view),
    }))
}

#[derive(Template)]
#[template(path = "print_calls.html")]
struct CallListPage {
    c: Chrome,
    card: Card,
    people: Vec<Participant>,
}

/// Those who get no e-mail reminder: staff call them, or tell them in person.
pub async fn print_call_list(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let view = session_with_people(&ctx, &me, id).await?;
    let people = participants(ctx.loc, &view)
        .into_iter()
        .filter(|p| p.status == RegistrationStatus::Confirmed && !p.has_email)
        .collect();
    Ok(render(&CallListPage {
        c: chrome(&ctx, "print-calls", "/sessions").await?,
        card: card(ctx.loc, &view.view),
        people,
    }))
}
