//! Defining a room (the owner's coordinators): site, name, capacity,
//! equipment, and which organisations may book it, with or without approval.

use super::super::errors::PageError;
use super::super::{Chrome, Field, chrome, render};
use crate::http::{FormData, StaffCtx};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::validate::FieldErrors;
use samvirke_service::rooms::{self as svc, RoomInput};
use samvirke_service::{ServiceError, catalogue};

pub(super) struct OrgChoice {
    pub(super) id: i64,
    pub(super) name: String,
    /// `none`, `free` or `approval`.
    pub(super) choice: String,
}

/// The organisations the form lets book the room: (id, needs approval).
pub(super) fn access_of_form(form: &FormData) -> Vec<(i64, bool)> {
    form.0
        .iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix("access_")?.parse::<i64>().ok()?;
            match v.as_str() {
                "free" => Some((id, false)),
                "approval" => Some((id, true)),
                _ => None,
            }
        })
        .take(200)
        .collect()
}

#[derive(Template)]
#[template(path = "rooms_new.html")]
struct NewPage {
    c: Chrome,
    sites: Vec<(i64, String)>,
    site_id: i64,
    name: Field,
    capacity: Field,
    equipment: Field,
    orgs: Vec<OrgChoice>,
}

async fn page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    form: Option<&FormData>,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let actor = me.as_actor();
    let mut c = chrome(ctx, "rooms-new-heading", "/lokaler").await?;
    c.set_errors(
        &errors,
        &["site_id", "name", "capacity", "equipment", "access"],
        |f| f.to_string(),
    );
    let sites = svc::own_sites(&ctx.state.core, &actor).await?;
    let orgs = catalogue::organisations(&ctx.state.core, &actor)
        .await?
        .into_iter()
        .filter(|o| o.id != me.actor.org.0 && o.active)
        .map(|o| OrgChoice {
            choice: form
                .map(|f| f.get(&format!("access_{}", o.id)).to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "none".into()),
            id: o.id,
            name: o.name,
        })
        .collect();
    let field = |name: &str| {
        let mut f = Field::new(form.map(|f| f.get(name)).unwrap_or(""));
        f.error = errors.get(name).map(|p| loc.problem(p));
        f
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let p = NewPage {
        site_id: form
            .and_then(|f| f.get("site_id").parse().ok())
            .unwrap_or(0),
        name: field("name"),
        capacity: field("capacity"),
        equipment: field("equipment"),
        sites,
        orgs,
        c,
    };
    Ok((status, render(&p)).into_response())
}

pub async fn new_form(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    page(&ctx, &me, None, FieldErrors::default()).await
}

pub async fn create(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let access = access_of_form(&form);
    let input = RoomInput {
        site_id: form.get("site_id").parse().unwrap_or(0),
        name: form.get("name").to_string(),
        capacity: form.get("capacity").to_string(),
        equipment: form.get("equipment").to_string(),
        access,
    };
    match svc::create(&ctx.state.core, &me.as_actor(), &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/lokaler/{id}?notice=room-created")).into_response()),
        Err(ServiceError::Invalid(errors)) => page(&ctx, &me, Some(&form), errors).await,
        Err(e) => Err(e.into()),
    }
}
