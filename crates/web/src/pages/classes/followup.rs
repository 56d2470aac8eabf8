//! "Fylder 15 snart": the citizen service's list of the municipality's
//! pupils who turn 15 in the coming weeks, with what to do that day.

use super::birth_date;
use crate::http::StaffCtx;
use crate::pages::errors::PageError;
use crate::pages::{Chrome, chrome, render};
use askama::Template;
use axum::response::Response;
use samvirke_service::classes::{self as svc, ParentNotice};

struct Row {
    name: String,
    class: String,
    birthday: String,
    mitid: String,
    todo: String,
    parent: String,
}

#[derive(Template)]
#[template(path = "class_followup.html")]
struct FollowUpPage {
    c: Chrome,
    intro: String,
    rows: Vec<Row>,
}

pub async fn list(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let pupils = svc::turning_15_soon(&ctx.state.core, &me.as_actor()).await?;
    let loc = ctx.loc;
    let rows = pupils
        .into_iter()
        .map(|p| {
            let has_mitid = p.mitid_created || p.mitid == samvirke_domain::pupil::MitIdStatus::Has;
            Row {
                class: format!("{} {}", p.class, p.school),
                birthday: birth_date(loc, p.turns_15_on),
                mitid: if p.mitid_created {
                    loc.t("followup-mitid-created")
                } else {
                    loc.t(&format!("mitid-{}", p.mitid.as_str().replace('_', "-")))
                },
                todo: loc.t(if has_mitid {
                    "followup-todo-digital-post"
                } else {
                    "followup-todo-digital-post-and-mitid"
                }),
                parent: match p.parent_notice {
                    ParentNotice::NoConsent => loc.t("followup-parent-none"),
                    ParentNotice::Planned(day) => {
                        loc.t_args("followup-parent-planned", &[("day", &birth_date(loc, day))])
                    }
                    ParentNotice::Sent => loc.t("followup-parent-sent"),
                },
                name: p.name,
            }
        })
        .collect();
    Ok(render(&FollowUpPage {
        c: chrome(&ctx, "followup-heading", "/klasser").await?,
        intro: loc.t_count(
            "followup-intro",
            "weeks",
            (svc::FOLLOW_UP_DAYS / 7) as usize,
        ),
        rows,
    }))
}
