//! The programme form, for a new programme and for editing one: title,
//! description, target group, partners and agenda items. Works without
//! JavaScript: empty rows take new items; when editing, each item also has
//! a number for its place and a "remove" box.

use super::*;
use samvirke_domain::OrgKind;
use samvirke_service::sessions::{AgendaItem, PROGRAMME_LIST_MAX};

/// Empty rows a new programme's form offers.
const NEW_PROGRAMME_ROWS: usize = 8;
/// Empty rows for new agenda items under an edited programme's items.
const NEW_ROWS: usize = 3;
/// The most rows a form is read for.
pub(super) const ROWS_MAX: usize = PROGRAMME_LIST_MAX + NEW_ROWS;

pub struct AgendaRow {
    pub n: usize,
    /// The existing item's id; empty for a new row.
    pub id: String,
    pub pos: String,
    pub title: String,
    pub minutes: String,
    pub remove: bool,
    pub orgs: Vec<Choice>,
    pub competences: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "programme_form.html")]
struct FormPage {
    c: Chrome,
    /// The programme edited; `None` for a new one.
    editing: Option<i64>,
    title: Field,
    description: Field,
    target_group: Field,
    /// (organisation, level chosen: "", "run" or "view").
    partners: Vec<(Choice, String)>,
    partners_error: Option<String>,
    agenda: Vec<AgendaRow>,
    agenda_error: Option<String>,
}

/// An agenda row as the form holds it.
#[derive(Default)]
pub(super) struct Row {
    pub id: String,
    pub pos: String,
    pub title: String,
    pub minutes: String,
    pub org: String,
    pub competence: String,
    pub remove: bool,
}

/// The rows the form sent that hold something: an existing item or a title.
pub(super) fn rows_from_form(form: &FormData) -> Vec<Row> {
    (0..ROWS_MAX)
        .map(|n| {
            let f = |k: &str| form.get(&format!("agenda-{n}-{k}")).to_string();
            Row {
                id: f("id"),
                pos: f("pos"),
                title: f("title"),
                minutes: f("minutes"),
                org: f("org"),
                competence: f("competence"),
                remove: form.get(&format!("agenda-{n}-remove")) == "yes",
            }
        })
        .filter(|r| !r.id.is_empty() || !r.title.trim().is_empty())
        .collect()
}

fn rows_from_db(agenda: &[AgendaItem]) -> Vec<Row> {
    agenda
        .iter()
        .enumerate()
        .map(|(i, a)| Row {
            id: a.id.to_string(),
            pos: (i + 1).to_string(),
            title: a.title.clone(),
            minutes: a.minutes.to_string(),
            org: a.organisation_id.to_string(),
            competence: a.competence_id.map(|c| c.to_string()).unwrap_or_default(),
            remove: false,
        })
        .collect()
}

/// What the form starts from when it is not a sent form: nothing for a new
/// programme, the stored programme when editing.
pub(super) struct Stored<'a> {
    pub programme: &'a Programme,
    pub partners: &'a [Partner],
    pub agenda: &'a [AgendaItem],
}

/// The form page: filled from the sent form when there is one (keeping
/// what the user typed), else from the stored programme, else empty.
pub(super) async fn form_page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    stored: Option<Stored<'_>>,
    form: Option<&FormData>,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let all_orgs = catalogue::organisations(&ctx.state.core, &me.as_actor()).await?;
    let competences = catalogue::competences(&ctx.state.core, &me.as_actor()).await?;
    let owner = stored
        .as_ref()
        .map_or(me.actor.org.0, |s| s.programme.organisation_id);
    let get = |k: &str, stored: &str| match form {
        Some(f) => f.get(k).to_string(),
        None => stored.to_string(),
    };
    let err = |f: &str| errors.get(f).map(|pr| loc.problem(pr));
    let partners = all_orgs
        .iter()
        .filter(|o| o.id != owner && o.kind != Some(OrgKind::Administration))
        .map(|o| {
            let level = stored
                .as_ref()
                .and_then(|s| s.partners.iter().find(|x| x.organisation_id == o.id))
                .map(|x| x.level.as_str())
                .unwrap_or("");
            let choice = Choice {
                value: o.id.to_string(),
                label: o.name.clone(),
                checked: false,
            };
            (choice, get(&format!("partner-{}", o.id), level))
        })
        .collect();
    let mut rows = match (form, &stored) {
        (Some(f), _) => rows_from_form(f),
        (None, Some(s)) => rows_from_db(s.agenda),
        (None, None) => Vec::new(),
    };
    rows.truncate(PROGRAMME_LIST_MAX);
    let empty_rows = if stored.is_some() {
        NEW_ROWS
    } else {
        NEW_PROGRAMME_ROWS.saturating_sub(rows.len()).max(1)
    };
    rows.extend((0..empty_rows).map(|_| Row::default()));
    let agenda = rows
        .into_iter()
        .enumerate()
        .map(|(n, row)| {
            let org = if row.org.is_empty() {
                owner.to_string()
            } else {
                row.org
            };
            AgendaRow {
                n,
                orgs: all_orgs
                    .iter()
                    .filter(|o| o.kind != Some(OrgKind::Administration))
                    .map(|o| Choice {
                        value: o.id.to_string(),
                        label: o.name.clone(),
                        checked: org == o.id.to_string(),
                    })
                    .collect(),
                competences: competences
                    .iter()
                    .map(|k| Choice {
                        value: k.id.to_string(),
                        label: crate::pages::staff::competence_label(loc, k),
                        checked: row.competence == k.id.to_string(),
                    })
                    .collect(),
                id: row.id,
                pos: row.pos,
                title: row.title,
                minutes: row.minutes,
                remove: row.remove,
            }
        })
        .collect();
    let (title_key, editing, p) = match &stored {
        Some(s) => (
            "edit-programme-title",
            Some(s.programme.id),
            Some(s.programme),
        ),
        None => ("programme-new", None, None),
    };
    let mut c = chrome(ctx, title_key, "/programmes").await?;
    c.errors = ["title", "target_group", "description", "partners", "agenda"]
        .iter()
        .filter_map(|f| {
            err(f).map(|m| SummaryItem {
                field: f.to_string(),
                message: m,
            })
        })
        .collect();
    let field = |k: &str, stored: Option<&str>| Field {
        value: get(k, stored.unwrap_or("")),
        error: err(k),
    };
    let page = FormPage {
        c,
        editing,
        title: field("title", p.map(|p| p.title.as_str())),
        description: field("description", p.map(|p| p.description.as_str())),
        target_group: field("target_group", p.map(|p| p.target_group.as_str())),
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

/// The partners a form names at a level the policy knows.
pub(super) fn partners_from_form(form: &FormData) -> Vec<(i64, String)> {
    form.0
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("partner-")
                .and_then(|id| id.parse().ok())
                .filter(|_| PartnerLevel::parse(v).is_some())
                .map(|id| (id, v.clone()))
        })
        .take(PROGRAMME_LIST_MAX + 1)
        .collect()
}

pub async fn new_form(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let resource = Resource::Joint {
        municipality: me.actor.municipality,
        owner: me.actor.org,
        partner: None,
    };
    samvirke_service::require(&me.as_actor(), Action::Create, resource)?;
    form_page(&ctx, &me, None, None, &FieldErrors::default()).await
}

pub async fn create(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Result<Response, PageError> {
    let agenda: Vec<AgendaInput> = rows_from_form(&form)
        .into_iter()
        .map(|row| AgendaInput {
            title: row.title.trim().to_string(),
            minutes: row.minutes.trim().parse().unwrap_or(0),
            org: row.org.parse().unwrap_or(me.actor.org.0),
            competence_id: row.competence.parse().ok(),
        })
        .collect();
    let input = ProgrammeInput {
        title: form.get("title").into(),
        description: form.get("description").into(),
        target_group: form.get("target_group").into(),
        partners: partners_from_form(&form),
        agenda,
    };
    Ok(
        match svc::create_programme(&ctx.state.core, &me.as_actor(), &input).await {
            Ok(p) => Redirect::to(&format!("/programmes/{}?notice=programme-created", p.id))
                .into_response(),
            Err(ServiceError::Invalid(errors)) => {
                form_page(&ctx, &me, None, Some(&form), &errors).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}
