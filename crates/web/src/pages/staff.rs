//! A coordinator's staff pages: list, create, edit, deactivate.

use super::PageError;
use super::{Chrome, Field, chrome, display_phone, render};
use crate::http::{FormData, StaffCtx};
use crate::i18n::{Lang, Loc};
use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::validate::FieldErrors;
use samvirke_domain::{Role, StaffId};
use samvirke_service::ServiceError;
use samvirke_service::orgs::Competence;
use samvirke_service::staff::{ASSIGNABLE_ROLES, StaffInput};

pub fn role_label(loc: Loc, role: Role) -> String {
    loc.t(&format!("role-{}", role.as_str().replace('_', "-")))
}

pub fn competence_label(loc: Loc, c: &Competence) -> String {
    match loc.lang {
        Lang::Da => c.name_da.clone(),
        Lang::En => c.name_en.clone(),
    }
}

struct Row {
    id: i64,
    name: String,
    email: String,
    phone: String,
    roles: String,
    competences: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "staff_list.html")]
struct StaffListPage {
    c: Chrome,
    org_name: String,
    can_manage: bool,
    rows: Vec<Row>,
}

pub async fn list(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let list = samvirke_service::staff::list(&ctx.state.core, &me.as_actor(), me.actor.org).await?;
    let loc = ctx.loc;
    let rows = list
        .rows
        .into_iter()
        .map(|r| Row {
            id: r.person.id,
            name: r.person.name,
            email: r.person.email,
            phone: r
                .person
                .phone
                .as_deref()
                .map(display_phone)
                .unwrap_or_default(),
            roles: r
                .person
                .roles
                .into_iter()
                .map(|x| role_label(loc, x))
                .collect::<Vec<_>>()
                .join(", "),
            competences: r
                .competences
                .iter()
                .map(|k| competence_label(loc, k))
                .collect::<Vec<_>>()
                .join(", "),
            active: r.person.active,
        })
        .collect();
    Ok(render(&StaffListPage {
        c: chrome(&ctx, "staff-heading", "/staff").await?,
        org_name: list.org.name,
        can_manage: list.can_manage,
        rows,
    }))
}

struct Choice {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "staff_form.html")]
struct StaffFormPage {
    c: Chrome,
    heading: String,
    submit: String,
    action: String,
    org_name: String,
    editing: bool,
    has_errors: bool,
    name: Field,
    email: Field,
    phone: Field,
    password: Field,
    role: Field,
    role_choices: Vec<Choice>,
    competence_choices: Vec<Choice>,
    competences_error: Option<String>,
    active: bool,
    active_error: Option<String>,
    /// Offer to send a set-password link (editing an active person).
    can_send_link: bool,
}

fn input_from(form: &FormData) -> StaffInput {
    StaffInput {
        name: form.get("name").to_string(),
        email: form.get("email").to_string(),
        phone: form.get("phone").to_string(),
        role: form.get("role").to_string(),
        competences: form
            .all("competences")
            .iter()
            .filter_map(|v| v.parse().ok())
            .collect(),
        password: form.get("password").to_string(),
        active: form.get("active") == "yes",
    }
}

/// Renders the form with what was typed and the errors next to their fields.
async fn form_page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    editing: Option<i64>,
    input: &StaffInput,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let err = |f: &str| errors.get(f).map(|p| loc.problem(p));
    let field = |f: &str, v: &str| Field {
        value: v.to_string(),
        error: err(f),
    };
    let choices =
        samvirke_service::staff::competence_choices(&ctx.state.core, &me.as_actor(), me.actor.org)
            .await?;
    let (title_key, action) = match editing {
        Some(id) => ("staff-edit-heading", format!("/staff/{id}")),
        None => ("staff-new", "/staff/new".to_string()),
    };
    let page = StaffFormPage {
        c: chrome(ctx, title_key, "/staff").await?,
        heading: loc.t(title_key),
        submit: loc.t(if editing.is_some() {
            "save"
        } else {
            "staff-new"
        }),
        action,
        org_name: me.org_name.clone(),
        editing: editing.is_some(),
        has_errors: !errors.is_empty(),
        name: field("name", &input.name),
        email: field("email", &input.email),
        phone: field("phone", &input.phone),
        password: Field {
            value: String::new(),
            error: err("password"),
        },
        role: Field {
            value: input.role.clone(),
            error: err("role"),
        },
        role_choices: ASSIGNABLE_ROLES
            .iter()
            .map(|r| Choice {
                value: r.as_str().to_string(),
                label: role_label(loc, *r),
                checked: input.role == r.as_str(),
            })
            .collect(),
        competence_choices: choices
            .iter()
            .map(|k| Choice {
                value: k.id.to_string(),
                label: competence_label(loc, k),
                checked: input.competences.contains(&k.id),
            })
            .collect(),
        competences_error: err("competences"),
        active: input.active,
        active_error: err("active"),
        can_send_link: editing.is_some()
            && input.active
            && samvirke_domain::authorize(
                &me.as_actor(),
                samvirke_domain::Action::Create,
                samvirke_domain::Resource::PasswordLink {
                    municipality: me.actor.municipality,
                    org: me.actor.org,
                    for_admin: false,
                },
            )
            .is_allowed(),
    };
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

pub async fn new_form(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let allowed = samvirke_domain::authorize(
        &me.as_actor(),
        samvirke_domain::Action::Create,
        samvirke_domain::Resource::Staff {
            municipality: me.actor.municipality,
            org: me.actor.org,
        },
    );
    if !allowed.is_allowed() {
        return Err(PageError::from(ServiceError::Denied(
            samvirke_domain::DenyReason::MissingRole,
        )));
    }
    let input = StaffInput {
        role: Role::Staff.as_str().into(),
        active: true,
        ..Default::default()
    };
    form_page(&ctx, &me, None, &input, &FieldErrors::default()).await
}

pub async fn create(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let input = input_from(&form);
    Ok(
        match samvirke_service::staff::create(&ctx.state.core, &me.as_actor(), me.actor.org, &input)
            .await
        {
            Ok(_) => Redirect::to("/staff?notice=staff-created").into_response(),
            Err(ServiceError::Invalid(errors)) => {
                form_page(&ctx, &me, None, &input, &errors).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}

pub async fn edit_form(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    Ok(
        match samvirke_service::staff::get_for_edit(&ctx.state.core, &me.as_actor(), StaffId(id))
            .await
        {
            Ok(found) => {
                let p = found.person;
                let role = p
                    .roles
                    .iter()
                    .copied()
                    .find(|r| ASSIGNABLE_ROLES.contains(r))
                    .map(|r| r.as_str().to_string())
                    .unwrap_or_default();
                let input = StaffInput {
                    name: p.name,
                    email: p.email,
                    phone: p.phone.as_deref().map(display_phone).unwrap_or_default(),
                    role,
                    competences: found.competence_ids,
                    password: String::new(),
                    active: p.active,
                };
                form_page(&ctx, &me, Some(id), &input, &FieldErrors::default()).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}

pub async fn update(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, PageError> {
    let input = input_from(&form);
    Ok(
        match samvirke_service::staff::update(&ctx.state.core, &me.as_actor(), StaffId(id), &input)
            .await
        {
            Ok(_) => Redirect::to("/staff?notice=staff-saved").into_response(),
            Err(ServiceError::Invalid(errors)) => {
                form_page(&ctx, &me, Some(id), &input, &errors).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}

/// Sends the person a one-time link to set their password, instead of the
/// coordinator typing one. The e-mail is in Danish, with English below.
pub async fn send_password_link(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let links = crate::notices::Links::new(&ctx.state.core.public_url);
    let compose = |m: &samvirke_service::passwords::LinkMail| {
        let url = links.set_password(m.token);
        let hours = m.valid_hours.to_string();
        let args = [
            ("name", m.name),
            ("org", m.org_name),
            ("url", url.as_str()),
            ("hours", hours.as_str()),
        ];
        let (da, en) = (Loc::new(Lang::Da), Loc::new(Lang::En));
        samvirke_service::passwords::MailText {
            subject: da.t("password-link-mail-subject"),
            body: format!(
                "{}\n\n----\n\n{}\n",
                da.t_args("password-link-mail-body", &args),
                en.t_args("password-link-mail-body", &args)
            ),
        }
    };
    Ok(
        match samvirke_service::passwords::send_link(
            &ctx.state.core,
            &me.as_actor(),
            StaffId(id),
            compose,
        )
        .await
        {
            Ok(_) => {
                Redirect::to(&format!("/staff/{id}?notice=password-link-sent")).into_response()
            }
            Err(e) => return Err(e.into()),
        },
    )
}
