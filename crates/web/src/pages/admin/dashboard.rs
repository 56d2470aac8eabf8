//! The dashboard: the coming two weeks and one's own parts.

use super::*;

pub fn kind_label(loc: Loc, kind: &str) -> String {
    loc.t(&format!("kind-{}", kind.replace('_', "-")))
}

/// A session of the coming two weeks on the dashboard.
pub struct OverviewCard {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub place: String,
    pub seats: String,
    pub partner: bool,
    /// "Mangler bemanding: …", empty when every part is staffed.
    pub unstaffed: String,
}

/// One of the signed-in person's own parts.
pub struct MineCard {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub place: String,
    pub items: String,
}

/// "23 af 40 pladser taget, 2 på venteliste".
pub fn seats_text(loc: Loc, taken: i32, capacity: i32, waiting: u64) -> String {
    loc.tn(
        "plan-seats",
        &[
            ("taken", taken.to_string()),
            ("capacity", capacity.to_string()),
            ("waiting", waiting.to_string()),
        ],
    )
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    c: Chrome,
    org_name: String,
    greeting: String,
    roles: Vec<String>,
    is_coordinator: bool,
    sessions: Vec<OverviewCard>,
    mine: Vec<MineCard>,
}

pub async fn dashboard(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let o = samvirke_service::overview::overview(&ctx.state.core, &me.as_actor()).await?;
    let when = |a, b| format!("{} {}", loc.day(a), loc.time_span(a, b));
    let page = DashboardPage {
        c: chrome(&ctx, "nav-dashboard", "/dashboard").await?,
        org_name: me.org_name.clone(),
        greeting: loc.t1("dash-greeting", "name", &me.name),
        roles: me.actor.roles.iter().map(|r| role_label(loc, *r)).collect(),
        is_coordinator: me.actor.has(Role::Coordinator),
        sessions: o
            .sessions
            .iter()
            .map(|s| OverviewCard {
                id: s.session_id,
                title: s.title.clone(),
                when: when(s.starts_at, s.ends_at),
                place: s.place.clone(),
                seats: seats_text(loc, s.taken, s.capacity, s.waiting),
                partner: !s.owned,
                unstaffed: if s.unstaffed.is_empty() {
                    String::new()
                } else {
                    loc.t1("plan-unstaffed", "items", &s.unstaffed.join(", "))
                },
            })
            .collect(),
        mine: o
            .mine
            .iter()
            .map(|m| MineCard {
                id: m.session_id,
                title: m.title.clone(),
                when: when(m.starts_at, m.ends_at),
                place: m.place.clone(),
                items: loc.t1("plan-your-parts", "items", &m.items.join(", ")),
            })
            .collect(),
    };
    Ok(render(&page))
}
