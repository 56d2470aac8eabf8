//! Putting staff on agenda items and taking them off.

use super::*;

/// The agenda item and staff member an assignment form names.
fn assignment_of(form: &FormData) -> (i64, i64) {
    (
        form.get("item").parse().unwrap_or(0),
        form.get("staff").parse().unwrap_or(0),
    )
}

/// Puts a person on an agenda item; warns when they are elsewhere at the same time.
pub async fn assign(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let (item, person) = assignment_of(&form);
    Ok(
        match svc::assign(&ctx.state.core, &me.as_actor(), id, item, person).await {
            Ok(clashes) if clashes.is_empty() => {
                Redirect::to(&format!("/sessions/{id}?notice=assigned#bemanding")).into_response()
            }
            Ok(clashes) => {
                // The assignment stands; the page says where else they are, and the coordinator decides.
                let cards: Vec<Card> = clashes.iter().map(|v| card(ctx.loc, v)).collect();
                let (input, errors) = (SignupInput::default(), FieldErrors::default());
                session_page_full(&ctx, &me, id, &input, &errors, None, false, cards, None).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}

pub async fn unassign(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let (item, person) = assignment_of(&form);
    Ok(
        match svc::unassign(&ctx.state.core, &me.as_actor(), id, item, person).await {
            Ok(()) => {
                Redirect::to(&format!("/sessions/{id}?notice=unassigned#bemanding")).into_response()
            }
            Err(e) => return Err(e.into()),
        },
    )
}
