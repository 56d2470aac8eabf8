//! Saving an edited programme: the agenda's rows in their new order, the
//! removed ones left out.

use super::form::{Stored, form_page, partners_from_form, rows_from_form};
use super::*;
use samvirke_service::planning::{self, AgendaEdit, ProgrammeEdit};

/// The longest a typed number may be.
const NUMBER_MAX: usize = 6;

pub async fn edit_form(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (programme, partners, agenda) =
        planning::programme_for_edit(&ctx.state.core, &me.as_actor(), id).await?;
    let stored = Stored {
        programme: &programme,
        partners: &partners,
        agenda: &agenda,
    };
    form_page(&ctx, &me, Some(stored), None, &FieldErrors::default()).await
}

/// The form as a [`ProgrammeEdit`]: rows ticked "remove" and empty new rows
/// left out, the rest sorted by their number; of two with one number, the
/// one moved there (or new) comes first, then the page's order.
fn parse(form: &FormData, owner: i64) -> Result<ProgrammeEdit, FieldErrors> {
    let mut errors = FieldErrors::default();
    let partners = partners_from_form(form);
    // (number, 0 when moved or new else 1, row): an item given another
    // number goes to that place, before the one that had it.
    let mut items: Vec<(i64, u8, usize, AgendaEdit)> = Vec::new();
    for (n, row) in rows_from_form(form).into_iter().enumerate() {
        if row.remove {
            continue;
        }
        let (id, pos) = (&row.id, &row.pos);
        let id = if id.is_empty() {
            None
        } else {
            match id.parse::<i64>() {
                Ok(i) => Some(i),
                Err(_) => {
                    errors.add("agenda", FieldProblem::InvalidChoice);
                    continue;
                }
            }
        };
        // An empty number puts a new item last.
        let place = if pos.trim().is_empty() {
            Ok(i64::MAX)
        } else {
            pos.trim()
                .get(..pos.trim().len().min(NUMBER_MAX))
                .and_then(|x| x.parse::<i64>().ok())
                .filter(|x| (1..=999).contains(x))
                .ok_or(FieldProblem::InvalidNumber)
        };
        let Ok(place) = place else {
            errors.add("agenda", FieldProblem::InvalidNumber);
            continue;
        };
        let stays = id.is_some() && place == n as i64 + 1;
        items.push((
            place,
            u8::from(stays),
            n,
            AgendaEdit {
                id,
                minutes: row.minutes.trim().parse().unwrap_or(0),
                org: row.org.parse().unwrap_or(owner),
                competence_id: row.competence.parse().ok(),
                title: row.title,
            },
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    items.sort_by_key(|(place, stays, n, _)| (*place, *stays, *n));
    Ok(ProgrammeEdit {
        title: form.get("title").into(),
        description: form.get("description").into(),
        target_group: form.get("target_group").into(),
        partners,
        agenda: items.into_iter().map(|(_, _, _, a)| a).collect(),
    })
}

pub async fn save_edit(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let core = &ctx.state.core;
    let actor = me.as_actor();
    // Who may edit is checked before the form is read.
    let (p, partners, agenda) = planning::programme_for_edit(core, &actor, id).await?;
    let result = match parse(&form, p.organisation_id) {
        Ok(input) => planning::update_programme(core, &actor, id, &input).await,
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    Ok(match result {
        Ok(_) => {
            // Titles and agendas show on public pages.
            ctx.state.public_changed().await;
            Redirect::to(&format!("/programmes/{id}?notice=programme-changed")).into_response()
        }
        Err(ServiceError::Invalid(errors)) => {
            let stored = Stored {
                programme: &p,
                partners: &partners,
                agenda: &agenda,
            };
            form_page(&ctx, &me, Some(stored), Some(&form), &errors).await?
        }
        Err(e) => return Err(e.into()),
    })
}
