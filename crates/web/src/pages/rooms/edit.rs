//! Editing a room (the owner's coordinators): name, capacity, equipment,
//! and which organisations may book it, with or without approval.

use super::super::errors::PageError;
use super::super::{Chrome, Field, chrome, render};
use super::new::{OrgChoice, access_of_form};
use crate::http::{Ctx, FormData, StaffCtx};
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::validate::FieldErrors;
use samvirke_service::auth::SignedIn;
use samvirke_service::rooms::{self as svc, Room, RoomInput};
use samvirke_service::{ServiceError, catalogue};

#[derive(Template)]
#[template(path = "rooms_edit.html")]
struct EditPage {
    c: Chrome,
    room: Room,
    name: Field,
    capacity: Field,
    equipment: Field,
    orgs: Vec<OrgChoice>,
}

async fn page(
    ctx: &Ctx,
    me: &SignedIn,
    id: i64,
    form: Option<&FormData>,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let actor = me.as_actor();
    let room = svc::room_to_edit(&ctx.state.core, &actor, id).await?;
    let mut c = chrome(ctx, "rooms-edit-heading", "/lokaler").await?;
    c.set_errors(&errors, &["name", "capacity", "equipment", "access"], |f| {
        f.to_string()
    });
    let saved = |org: i64| match room.access.iter().find(|(o, _, _)| *o == org) {
        Some((_, _, true)) => "approval",
        Some((_, _, false)) => "free",
        None => "none",
    };
    let orgs = catalogue::organisations(&ctx.state.core, &actor)
        .await?
        .into_iter()
        .filter(|o| o.id != room.organisation_id && (o.active || saved(o.id) != "none"))
        .map(|o| OrgChoice {
            choice: match form {
                Some(f) => Some(f.get(&format!("access_{}", o.id)))
                    .filter(|v| ["free", "approval"].contains(v))
                    .unwrap_or("none")
                    .to_string(),
                None => saved(o.id).to_string(),
            },
            id: o.id,
            name: o.name,
        })
        .collect();
    let field = |name: &str, saved: String| {
        let mut f = Field::new(form.map(|f| f.get(name)).unwrap_or(&saved));
        f.error = errors.get(name).map(|p| loc.problem(p));
        f
    };
    let p = EditPage {
        name: field("name", room.name.clone()),
        capacity: field("capacity", room.capacity.to_string()),
        equipment: field("equipment", room.equipment.clone()),
        orgs,
        room,
        c,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&p)).into_response())
}

/// `/lokaler/{id}/rediger`: the form, filled with the room as saved.
pub async fn edit_form(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    page(&ctx, &me, id, None, FieldErrors::default()).await
}

/// Saves the room; on errors the form comes back as typed.
pub async fn update(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let input = RoomInput {
        site_id: 0,
        name: form.get("name").to_string(),
        capacity: form.get("capacity").to_string(),
        equipment: form.get("equipment").to_string(),
        access: access_of_form(&form),
    };
    match svc::update(&ctx.state.core, &me.as_actor(), id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/lokaler/{id}?notice=room-saved")).into_response()),
        Err(ServiceError::Invalid(errors)) => page(&ctx, &me, id, Some(&form), errors).await,
        Err(e) => Err(e.into()),
    }
}
