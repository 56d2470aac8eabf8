//! Coordinators: where each answer to "Hvad skal du have hjælp til?" leads
//! (`/aftaler/emner`): a service of any organisation in the municipality,
//! or nowhere. `/bestil-tid` follows the mapping.

use super::*;
use crate::pages::SummaryItem;
use crate::pages::events::Choice;
use samvirke_domain::appointments::Topic;

pub const TOPICS_PATH: &str = "/aftaler/emner";

pub struct TopicRow {
    /// The select's id and name: `topic_` and the topic's code.
    pub field: String,
    pub label: String,
    /// The service it leads to, as read-only text.
    pub leads_to: String,
    pub choices: Vec<Choice>,
    pub unmapped: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "appointment_topics.html")]
struct TopicsPage {
    c: Chrome,
    rows: Vec<TopicRow>,
    may_edit: bool,
}

fn topic_label(loc: Loc, t: Topic) -> String {
    loc.t(&format!(
        "appointments-topic-{}",
        t.as_str().replace('_', "-")
    ))
}

fn field_of(t: Topic) -> String {
    format!("topic_{}", t.as_str())
}

async fn topics_page(
    ctx: &Ctx,
    me: &samvirke_service::auth::SignedIn,
    posted: Option<&FormData>,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let map = svc::topic_map(&ctx.state.core, &me.as_actor()).await?;
    let mut c = chrome(ctx, "appointment-topics-title", TOPICS_PATH).await?;
    let rows: Vec<TopicRow> = map
        .topics
        .iter()
        .map(|&(t, to)| {
            let chosen = match posted {
                Some(f) => f.get(&field_of(t)).to_string(),
                None => to.map(|id| id.to_string()).unwrap_or_default(),
            };
            TopicRow {
                field: field_of(t),
                label: topic_label(loc, t),
                leads_to: map
                    .services
                    .iter()
                    .find(|s| Some(s.id) == to)
                    .map(|s| format!("{} – {}", s.organisation, s.title))
                    .unwrap_or_else(|| loc.t("appointment-topics-nowhere")),
                choices: map
                    .services
                    .iter()
                    .map(|s| Choice {
                        value: s.id.to_string(),
                        label: format!("{} – {}", s.organisation, s.title),
                        checked: s.id.to_string() == chosen,
                    })
                    .collect(),
                unmapped: chosen.is_empty(),
                error: errors.get(t.as_str()).map(|p| loc.problem(p)),
            }
        })
        .collect();
    c.errors = rows
        .iter()
        .filter_map(|r| {
            r.error.as_ref().map(|e| SummaryItem {
                field: r.field.clone(),
                message: format!("{}: {e}", r.label),
            })
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = TopicsPage {
        c,
        rows,
        may_edit: map.may_edit,
    };
    Ok((status, render(&page)).into_response())
}

pub async fn topics(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    topics_page(&ctx, &me, None, &FieldErrors::default()).await
}

pub async fn topics_save(
    StaffCtx { ctx, me }: StaffCtx,
    posted: FormData,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::default();
    let mut map = Vec::with_capacity(Topic::ALL.len());
    for &t in Topic::ALL {
        match posted.get(&field_of(t)).trim() {
            "" => map.push((t, None)),
            v => match v.parse::<i64>() {
                Ok(id) => map.push((t, Some(id))),
                Err(_) => errors.add(
                    t.as_str(),
                    samvirke_domain::validate::FieldProblem::InvalidChoice,
                ),
            },
        }
    }
    if errors.is_empty() {
        match svc::set_topics(&ctx.state.core, &me.as_actor(), &map).await {
            Ok(()) => {
                return Ok(
                    Redirect::to(&format!("{TOPICS_PATH}?notice=appointment-topics-saved"))
                        .into_response(),
                );
            }
            Err(ServiceError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    } else {
        // Only coordinators get the form back with their choices.
        let map = svc::topic_map(&ctx.state.core, &me.as_actor()).await?;
        if !map.may_edit {
            return Err(ServiceError::Denied(samvirke_domain::DenyReason::MissingRole).into());
        }
    }
    topics_page(&ctx, &me, Some(&posted), &errors).await
}
