//! One programme with its agenda, sessions and the scheduling form.

use super::*;

pub struct AgendaShow {
    pub title: String,
    pub minutes: i32,
    pub org: String,
}

#[derive(Template)]
#[template(path = "programme.html")]
struct DetailPage {
    c: Chrome,
    id: i64,
    title: String,
    description: String,
    target_group: String,
    owner: String,
    partners: Vec<(String, String)>,
    agenda: Vec<AgendaShow>,
    sessions: Vec<Card>,
    can_manage: bool,
    date: Field,
    start: Field,
    end: Field,
    repeat: Vec<Choice>,
    repeat_error: Option<String>,
    count: Field,
    capacity: Field,
    sites: Vec<Choice>,
    site_error: Option<String>,
    public: bool,
    /// The citizen's idea the programme was made from: (id, its first line).
    from_idea: Option<(i64, String)>,
}

fn level_label(loc: Loc, l: PartnerLevel) -> String {
    loc.t(match l {
        PartnerLevel::Run => "partner-run",
        PartnerLevel::View => "partner-view",
    })
}

pub(super) async fn detail_page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
    form: Option<&FormData>,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let d = svc::programme_detail(&ctx.state.core, &me.as_actor(), id).await?;
    let sites = catalogue::sites(&ctx.state.core, &me.as_actor()).await?;
    let get = |k: &str, default: &str| {
        form.map(|f| f.get(k).to_string())
            .unwrap_or_else(|| default.to_string())
    };
    // The number of dates has its own bounds, said in words.
    let problem = |f: &str, p: FieldProblem| match (f, p) {
        ("count", FieldProblem::OutOfRange | FieldProblem::InvalidNumber) => {
            loc.t("plan-count-range")
        }
        _ => loc.problem(p),
    };
    let err = |f: &str| errors.get(f).map(|p| problem(f, p));
    let chosen_site = get("site", "");
    let mut c = chrome(ctx, "nav-programmes", "/programmes").await?;
    c.title = d.programme.title.clone();
    if let Some(n) = series_notice(loc, &ctx.here) {
        c.notice = Some(n);
    }
    c.set_errors(
        errors,
        &[
            "date", "start", "end", "repeat", "count", "capacity", "site",
        ],
        |f| match f {
            "repeat" => "repeat-none".into(),
            other => other.to_string(),
        },
    );
    for e in c.errors.iter_mut().filter(|e| e.field == "count") {
        if let Some(p) = errors.get("count") {
            e.message = problem("count", p);
        }
    }
    let chosen_repeat = get("repeat", "none");
    let from_idea =
        samvirke_service::ideas::idea_of_programme(&ctx.state.core, &me.as_actor(), id).await?;
    let page = DetailPage {
        from_idea,
        c,
        id,
        title: d.programme.title.clone(),
        description: d.programme.description.clone(),
        target_group: d.programme.target_group.clone(),
        owner: d.owner_name.clone(),
        partners: d
            .partners
            .iter()
            .map(|(n, l)| (n.clone(), level_label(loc, *l)))
            .collect(),
        agenda: d
            .agenda
            .iter()
            .map(|a| AgendaShow {
                title: a.item.title.clone(),
                minutes: a.item.minutes,
                org: a.org_name.clone(),
            })
            .collect(),
        sessions: d.sessions.iter().map(|v| card(loc, v)).collect(),
        can_manage: d.can_manage,
        date: Field {
            value: get("date", ""),
            error: err("date"),
        },
        start: Field {
            value: get("start", "14.00"),
            error: err("start"),
        },
        end: Field {
            value: get("end", "16.00"),
            error: err("end"),
        },
        repeat: [
            ("none", "plan-repeat-none"),
            ("1", "plan-repeat-weekly"),
            ("2", "plan-repeat-fortnightly"),
        ]
        .into_iter()
        .map(|(value, key)| Choice {
            value: value.into(),
            label: loc.t(key),
            checked: chosen_repeat == value,
        })
        .collect(),
        repeat_error: err("repeat"),
        count: Field {
            value: get("count", "1"),
            error: err("count"),
        },
        capacity: Field {
            value: get("capacity", "40"),
            error: err("capacity"),
        },
        sites: sites
            .iter()
            .map(|s| Choice {
                value: s.id.to_string(),
                label: s.name.clone(),
                checked: chosen_site == s.id.to_string(),
            })
            .collect(),
        site_error: err("site"),
        public: form.is_none_or(|f| f.get("public") == "yes"),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

pub async fn show(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    detail_page(&ctx, &me, id, None, &FieldErrors::default()).await
}
