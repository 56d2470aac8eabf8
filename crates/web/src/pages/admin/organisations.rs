//! The municipality's organisations, and creating one with its first coordinator.

use super::*;

#[derive(Template)]
#[template(path = "orgs.html")]
struct OrgsPage {
    c: Chrome,
    can_create: bool,
    rows: Vec<(String, String)>,
}

pub async fn organisations(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let orgs = samvirke_service::orgs::list(&ctx.state.core, &me.as_actor()).await?;
    let can_create = authorize(
        &me.as_actor(),
        Action::Create,
        Resource::Organisations {
            municipality: me.actor.municipality,
        },
    )
    .is_allowed();
    let rows = orgs
        .into_iter()
        .map(|o| {
            let kind = o.kind.map(|k| k.as_str()).unwrap_or_default();
            (o.name, kind_label(ctx.loc, kind))
        })
        .collect();
    Ok(render(&OrgsPage {
        c: chrome(&ctx, "orgs-heading", "/organisations").await?,
        can_create,
        rows,
    }))
}

struct Choice {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "org_form.html")]
struct OrgFormPage {
    c: Chrome,
    has_errors: bool,
    name: Field,
    kind: Field,
    kind_choices: Vec<Choice>,
    coordinator_name: Field,
    coordinator_email: Field,
    coordinator_password: Field,
}

async fn org_form_page(
    ctx: &crate::http::Ctx,
    input: &OrgInput,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let err = |f: &str| errors.get(f).map(|p| loc.problem(p));
    let page = OrgFormPage {
        c: chrome(ctx, "orgs-new", "/organisations").await?,
        has_errors: !errors.is_empty(),
        name: Field {
            value: input.name.clone(),
            error: err("name"),
        },
        kind: Field {
            value: input.kind.clone(),
            error: err("kind"),
        },
        kind_choices: OrgKind::ALL
            .into_iter()
            .filter(|k| *k != OrgKind::Administration)
            .map(|k| Choice {
                value: k.as_str().into(),
                label: kind_label(loc, k.as_str()),
                checked: input.kind == k.as_str(),
            })
            .collect(),
        coordinator_name: Field {
            value: input.coordinator_name.clone(),
            error: err("coordinator_name"),
        },
        coordinator_email: Field {
            value: input.coordinator_email.clone(),
            error: err("coordinator_email"),
        },
        coordinator_password: Field {
            value: String::new(),
            error: err("coordinator_password"),
        },
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

pub async fn new_organisation_form(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    samvirke_service::require(
        &me.as_actor(),
        Action::Create,
        Resource::Organisations {
            municipality: me.actor.municipality,
        },
    )?;
    org_form_page(&ctx, &OrgInput::default(), &FieldErrors::default()).await
}

pub async fn create_organisation(
    StaffCtx { ctx, me }: StaffCtx,
    form: FormData,
) -> Result<Response, PageError> {
    let input = OrgInput {
        name: form.get("name").into(),
        kind: form.get("kind").into(),
        coordinator_name: form.get("coordinator_name").into(),
        coordinator_email: form.get("coordinator_email").into(),
        coordinator_password: form.get("coordinator_password").into(),
    };
    Ok(
        match samvirke_service::orgs::create(&ctx.state.core, &me.as_actor(), &input).await {
            Ok(_) => Redirect::to("/organisations?notice=org-created").into_response(),
            Err(ServiceError::Invalid(errors)) => org_form_page(&ctx, &input, &errors).await?,
            Err(e) => return Err(e.into()),
        },
    )
}
