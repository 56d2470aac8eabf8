//! Editing a programme: title, description, target group, partners and
//! agenda items (change, add, remove, reorder by number). Works without
//! JavaScript: each item has a number for its place and a "remove" box,
//! and a few empty rows take new items.

use super::PageError;
use super::events::Choice;
use super::{Chrome, Field, SummaryItem, chrome, render};
use crate::http::{FormData, StaffCtx};
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::validate::{FieldErrors, FieldProblem};
use samvirke_domain::{OrgKind, PartnerLevel};
use samvirke_service::ServiceError;
use samvirke_service::catalogue;
use samvirke_service::planning::{self, AgendaEdit, ProgrammeEdit};
use samvirke_service::sessions::PROGRAMME_LIST_MAX;
use samvirke_service::sessions::{AgendaItem, Partner, Programme};

/// Empty rows for new agenda items under the existing ones.
const NEW_ROWS: usize = 3;
/// The most rows a form is read for.
const ROWS_MAX: usize = PROGRAMME_LIST_MAX + NEW_ROWS;
/// The longest a typed number may be.
const NUMBER_MAX: usize = 6;

pub struct AgendaEditRow {
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
#[template(path = "programme_edit.html")]
struct EditPage {
    c: Chrome,
    id: i64,
    title: Field,
    description: Field,
    target_group: Field,
    /// (organisation, level chosen: "", "run" or "view").
    partners: Vec<(Choice, String)>,
    partners_error: Option<String>,
    agenda: Vec<AgendaEditRow>,
    agenda_error: Option<String>,
}

/// A row as the form holds it: (id, place, title, minutes, org, competence, remove).
type Row = (String, String, String, String, String, String, bool);

fn rows_from_form(form: &FormData) -> Vec<Row> {
    (0..ROWS_MAX)
        .map(|n| {
            let f = |k: &str| form.get(&format!("agenda-{n}-{k}")).to_string();
            (
                f("id"),
                f("pos"),
                f("title"),
                f("minutes"),
                f("org"),
                f("competence"),
                form.get(&format!("agenda-{n}-remove")) == "yes",
            )
        })
        .filter(|r| !r.0.is_empty() || !r.2.trim().is_empty())
        .collect()
}

fn rows_from_db(agenda: &[AgendaItem]) -> Vec<Row> {
    agenda
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                a.id.to_string(),
                (i + 1).to_string(),
                a.title.clone(),
                a.minutes.to_string(),
                a.organisation_id.to_string(),
                a.competence_id.map(|c| c.to_string()).unwrap_or_default(),
                false,
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
async fn edit_page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    p: &Programme,
    partners_now: &[Partner],
    agenda_now: &[AgendaItem],
    form: Option<&FormData>,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let all_orgs = catalogue::organisations(&ctx.state.core, &me.as_actor()).await?;
    let competences = catalogue::competences(&ctx.state.core, &me.as_actor()).await?;
    let get = |k: &str, stored: &str| match form {
        Some(f) => f.get(k).to_string(),
        None => stored.to_string(),
    };
    let err = |f: &str| errors.get(f).map(|pr| loc.problem(pr));
    let partners = all_orgs
        .iter()
        .filter(|o| o.id != p.organisation_id && o.kind != Some(OrgKind::Administration))
        .map(|o| {
            let stored = partners_now
                .iter()
                .find(|x| x.organisation_id == o.id)
                .map(|x| x.level.as_str())
                .unwrap_or("");
            (
                Choice {
                    value: o.id.to_string(),
                    label: o.name.clone(),
                    checked: false,
                },
                get(&format!("partner-{}", o.id), stored),
            )
        })
        .collect();
    let mut rows = match form {
        Some(f) => rows_from_form(f),
        None => rows_from_db(agenda_now),
    };
    rows.truncate(PROGRAMME_LIST_MAX);
    for _ in 0..NEW_ROWS {
        rows.push(Default::default());
    }
    let owner = p.organisation_id.to_string();
    let agenda = rows
        .into_iter()
        .enumerate()
        .map(|(n, (id, pos, title, minutes, org, comp, remove))| {
            let org = if org.is_empty() { owner.clone() } else { org };
            AgendaEditRow {
                n,
                id,
                pos,
                title,
                minutes,
                remove,
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
                        label: super::staff::competence_label(loc, k),
                        checked: comp == k.id.to_string(),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut c = chrome(ctx, "edit-programme-title", "/programmes").await?;
    c.errors = ["title", "target_group", "description", "partners", "agenda"]
        .iter()
        .filter_map(|f| {
            err(f).map(|m| SummaryItem {
                field: f.to_string(),
                message: m,
            })
        })
        .collect();
    let page = EditPage {
        c,
        id: p.id,
        title: Field {
            value: get("title", &p.title),
            error: err("title"),
        },
        description: Field {
            value: get("description", &p.description),
            error: err("description"),
        },
        target_group: Field {
            value: get("target_group", &p.target_group),
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

pub async fn form(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    Ok(
        match planning::programme_for_edit(&ctx.state.core, &me.as_actor(), id).await {
            Ok((p, partners, agenda)) => {
                edit_page(
                    &ctx,
                    &me,
                    &p,
                    &partners,
                    &agenda,
                    None,
                    &FieldErrors::default(),
                )
                .await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}

/// The form as a [`ProgrammeEdit`]: rows ticked "remove" and empty new rows
/// left out, the rest sorted by their number; of two with one number, the
/// one moved there (or new) comes first, then the page's order.
fn parse(form: &FormData, owner: i64) -> Result<ProgrammeEdit, FieldErrors> {
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
        .take(PROGRAMME_LIST_MAX + 1)
        .collect();
    // (number, 0 when moved or new else 1, row): an item given another
    // number goes to that place, before the one that had it.
    let mut items: Vec<(i64, u8, usize, AgendaEdit)> = Vec::new();
    for (n, (id, pos, title, minutes, org, comp, remove)) in
        rows_from_form(form).into_iter().enumerate()
    {
        if remove {
            continue;
        }
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
                title,
                minutes: minutes.trim().parse().unwrap_or(0),
                org: org.parse().unwrap_or(owner),
                competence_id: comp.parse().ok(),
            },
        ));
    }
    if items.is_empty() {
        errors.add("agenda", FieldProblem::Required);
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

pub async fn save(
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
            edit_page(&ctx, &me, &p, &partners, &agenda, Some(&form), &errors).await?
        }
        Err(e) => return Err(e.into()),
    })
}
