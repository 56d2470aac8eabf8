//! The programmes one's organisation owns or partners in.

use super::*;

pub struct ProgrammeRow {
    pub id: i64,
    pub title: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "programmes.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<ProgrammeRow>,
    can_create: bool,
}

pub async fn list(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let rows = svc::programmes_for(&ctx.state.core, &me.as_actor()).await?;
    let rows = rows
        .into_iter()
        .map(|(p, level)| ProgrammeRow {
            id: p.id,
            title: p.title,
            role: loc.t(match level {
                None => "programme-owner",
                Some(PartnerLevel::Run) => "partner-run",
                Some(PartnerLevel::View) => "partner-view",
            }),
        })
        .collect();
    let can_create = authorize(
        &me.as_actor(),
        Action::Create,
        Resource::Joint {
            municipality: me.actor.municipality,
            owner: me.actor.org,
            partner: None,
        },
    )
    .is_allowed();
    Ok(render(&ListPage {
        c: chrome(&ctx, "nav-programmes", "/programmes").await?,
        rows,
        can_create,
    }))
}
