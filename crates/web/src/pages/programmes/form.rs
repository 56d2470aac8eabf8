//! A new programme with its partners and agenda.

use super::*;
use samvirke_domain::{OrgKind, PartnerLevel};

pub struct AgendaRowInput {
    pub n: usize,
    pub title: String,
    pub minutes: String,
    pub orgs: Vec<Choice>,
    pub competences: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "programme_form.html")]
struct FormPage {
    c: Chrome,
    has_errors: bool,
    title: Field,
    description: Field,
    target_group: Field,
    partners: Vec<(Choice, bool)>,
    partners_error: Option<String>,
    agenda: Vec<AgendaRowInput>,
    agenda_error: Option<String>,
}

const AGENDA_ROWS: usize = 8;

async fn form_page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    form: Option<&FormData>,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let all_orgs = catalogue::organisations(&ctx.state.core, &me.as_actor()).await?;
    let competences = catalogue::competences(&ctx.state.core, &me.as_actor()).await?;
    let get = |k: &str| form.map(|f| f.get(k).to_string()).unwrap_or_default();
    let err = |f: &str| errors.get(f).map(|p| loc.problem(p));
    let partners = all_orgs
        .iter()
        .filter(|o| o.id != me.actor.org.0 && o.kind != Some(OrgKind::Administration))
        .map(|o| {
            let level = get(&format!("partner-{}", o.id));
            (
                Choice {
                    value: o.id.to_string(),
                    label: o.name.clone(),
                    checked: PartnerLevel::parse(&level) == Some(PartnerLevel::View),
                },
                PartnerLevel::parse(&level) == Some(PartnerLevel::Run),
            )
        })
        .collect();
    let agenda = (0..AGENDA_ROWS)
        .map(|n| {
            let org = get(&format!("agenda-{n}-org"));
            let comp = get(&format!("agenda-{n}-competence"));
            AgendaRowInput {
                n,
                title: get(&format!("agenda-{n}-title")),
                minutes: get(&format!("agenda-{n}-minutes")),
                orgs: all_orgs
                    .iter()
                    .filter(|o| o.kind != Some(OrgKind::Administration))
                    .map(|o| Choice {
                        value: o.id.to_string(),
                        label: o.name.clone(),
                        checked: org == o.id.to_string()
                            || (org.is_empty() && o.id == me.actor.org.0),
                    })
                    .collect(),
                competences: competences
                    .iter()
                    .map(|k| Choice {
                        value: k.id.to_string(),
                        label: crate::pages::staff::competence_label(loc, k),
                        checked: comp == k.id.to_string(),
                    })
                    .collect(),
            }
        })
        .collect();
    let page = FormPage {
        c: chrome(ctx, "programme-new", "/programmes").await?,
        has_errors: !errors.is_empty(),
        title: Field {
            value: get("title"),
            error: err("title"),
        },
        description: Field {
            value: get("description"),
            error: err("description"),
        },
        target_group: Field {
            value: get("target_group"),
            error: err("target_group"),
        },
        partners,
        partners_error: err("partners"),
        agenda,
        agenda_error: err("agenda"),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

pub async fn new_form(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let resource = Resource::Joint {
        municipality: me.actor.municipality,
        owner: me.actor.org,
        partner: None,
    };
    samvirke_service::require(&me.as_actor(), Action::Create, resource)?;
    form_page(&ctx, &me, None, &FieldErrors::default()).await
}

pub async fn create(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let mut errors = FieldErrors::default();
    let partners: Vec<(i64, String)> = form
        .0
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("partner-")
                .and_then(|id| id.parse().ok())
                .filter(|_| PartnerLevel::parse(v).is_some())
                .map(|id| (id, v.clone()))
        })
        .collect();
    let mut agenda = Vec::new();
    for n in 0..AGENDA_ROWS {
        let title = form.get(&format!("agenda-{n}-title")).trim().to_string();
        if title.is_empty() {
            continue;
        }
        let minutes = form
            .get(&format!("agenda-{n}-minutes"))
            .trim()
            .parse()
            .unwrap_or(0);
        let org = form
            .get(&format!("agenda-{n}-org"))
            .parse()
            .unwrap_or(me.actor.org.0);
        let competence_id = form.get(&format!("agenda-{n}-competence")).parse().ok();
        agenda.push(AgendaInput {
            title,
            minutes,
            org,
            competence_id,
        });
    }
    if agenda.is_empty() {
        errors.add("agenda", FieldProblem::Required);
        return form_page(&ctx, &me, Some(&form), &errors).await;
    }
    let input = ProgrammeInput {
        title: form.get("title").into(),
        description: form.get("description").into(),
        target_group: form.get("target_group").into(),
        partners,
        agenda,
    };
    Ok(
        match svc::create_programme(&ctx.state.core, &me.as_actor(), &input).await {
            Ok(p) => Redirect::to(&format!("/programmes/{}?notice=programme-created", p.id))
                .into_response(),
            Err(ServiceError::Invalid(errors)) => {
                form_page(&ctx, &me, Some(&form), &errors).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}
