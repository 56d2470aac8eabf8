//! The citizen's list of sessions.

use super::*;

#[derive(Template)]
#[template(path = "events.html")]
struct EventsPage {
    c: Chrome,
    cards: Vec<Card>,
    programmes: Vec<Choice>,
    sites: Vec<Choice>,
    groups: Vec<Choice>,
    filtered: bool,
}

#[derive(Deserialize, Default)]
pub struct EventFilter {
    program: Option<String>,
    sted: Option<String>,
    gruppe: Option<String>,
}

pub async fn list(ctx: Ctx, Query(f): Query<EventFilter>) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let m = ctx.state.public_home().await?;
    let id = |s: &Option<String>| s.as_deref().and_then(|v| v.parse::<i64>().ok());
    let filter = ListFilter {
        programme_id: id(&f.program),
        site_id: id(&f.sted),
        target_group: f.gruppe.clone().filter(|g| !g.is_empty()),
        ..Default::default()
    };
    let all = ctx.state.public_sessions(m.id).await?;
    let filtered =
        filter.programme_id.is_some() || filter.site_id.is_some() || filter.target_group.is_some();
    let shown = if filtered {
        svc::list_public(&ctx.state.core, m.id, &filter).await?
    } else {
        all.to_vec()
    };
    // The filter choices come from what is on offer.
    let mut programmes: Vec<Choice> = Vec::new();
    let mut sites: Vec<Choice> = Vec::new();
    let mut groups: Vec<Choice> = Vec::new();
    for v in all.iter() {
        let pid = v.programme.id.to_string();
        if !programmes.iter().any(|c| c.value == pid) {
            programmes.push(Choice {
                checked: f.program.as_deref() == Some(&pid),
                value: pid,
                label: v.programme.title.clone(),
            });
        }
        if let Some(site) = &v.site {
            let sid = site.id.to_string();
            if !sites.iter().any(|c| c.value == sid) {
                sites.push(Choice {
                    checked: f.sted.as_deref() == Some(&sid),
                    value: sid,
                    label: site.name.clone(),
                });
            }
        }
        let g = v.programme.target_group.clone();
        if !groups.iter().any(|c| c.value == g) {
            groups.push(Choice {
                checked: f.gruppe.as_deref() == Some(&g),
                label: g.clone(),
                value: g,
            });
        }
    }
    let cards = shown.iter().map(|v| card(loc, v)).collect();
    Ok(render(&EventsPage {
        c: chrome(&ctx, "events-heading", "/arrangementer").await?,
        cards,
        programmes,
        sites,
        groups,
        filtered,
    }))
}
