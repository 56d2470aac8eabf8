//! Coordinators' pages for programmes: the list, a new programme with its
//! partners and agenda, and scheduling its sessions.

use super::events::{Card, Choice, card};
use super::{Chrome, Field, chrome, render};
use crate::http::{FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::calendar::{SERIES_MAX, holiday};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{Action, PartnerLevel, Resource, authorize};
use samvirke_service::ServiceError;
use samvirke_service::sessions::{
    self as svc, AgendaInput, ProgrammeInput, SeriesInput, SessionInput,
};
use samvirke_store::{Scope, orgs};

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

pub async fn list(StaffCtx { ctx, me }: StaffCtx) -> Response {
    let loc = ctx.loc;
    let rows = match svc::programmes_for(&ctx.state.core, &me.as_actor()).await {
        Ok(r) => r,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
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
    render(&ListPage {
        c: chrome(&ctx, "nav-programmes", "/programmes").await,
        rows,
        can_create,
    })
}

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
) -> Response {
    let loc = ctx.loc;
    let scope = Scope::new(me.actor.municipality);
    let all_orgs = orgs::list_organisations(&ctx.state.core.db.read, scope)
        .await
        .unwrap_or_default();
    let competences: Vec<samvirke_service::orgs::Competence> =
        orgs::list_competences(&ctx.state.core.db.read, scope)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
    let get = |k: &str| form.map(|f| f.get(k).to_string()).unwrap_or_default();
    let err = |f: &str| errors.get(f).map(|p| loc.problem(p));
    let partners = all_orgs
        .iter()
        .filter(|o| o.id != me.actor.org.0 && o.kind != "administration")
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
                    .filter(|o| o.kind != "administration")
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
                        label: super::staff::competence_label(loc, k),
                        checked: comp == k.id.to_string(),
                    })
                    .collect(),
            }
        })
        .collect();
    let page = FormPage {
        c: chrome(ctx, "programme-new", "/programmes").await,
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
    (status, render(&page)).into_response()
}

pub async fn new_form(StaffCtx { ctx, me }: StaffCtx) -> Response {
    let resource = Resource::Joint {
        municipality: me.actor.municipality,
        owner: me.actor.org,
        partner: None,
    };
    if let Err(e) = samvirke_service::require(&me.as_actor(), Action::Create, resource) {
        return super::errors::service_error_page(ctx.loc, e);
    }
    form_page(&ctx, &me, None, &FieldErrors::default()).await
}

pub async fn create(StaffCtx { ctx, me }: StaffCtx, form: FormData) -> Response {
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
    match svc::create_programme(&ctx.state.core, &me.as_actor(), &input).await {
        Ok(p) => {
            Redirect::to(&format!("/programmes/{}?notice=programme-created", p.id)).into_response()
        }
        Err(ServiceError::Invalid(errors)) => form_page(&ctx, &me, Some(&form), &errors).await,
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

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
}

fn level_label(loc: Loc, l: PartnerLevel) -> String {
    loc.t(match l {
        PartnerLevel::Run => "partner-run",
        PartnerLevel::View => "partner-view",
    })
}

async fn detail_page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
    form: Option<&FormData>,
    errors: &FieldErrors,
) -> Response {
    let loc = ctx.loc;
    let d = match svc::programme_detail(&ctx.state.core, &me.as_actor(), id).await {
        Ok(d) => d,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let sites = orgs::list_sites(&ctx.state.core.db.read, Scope::new(me.actor.municipality))
        .await
        .unwrap_or_default();
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
    let mut c = chrome(ctx, "nav-programmes", "/programmes").await;
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
    let page = DetailPage {
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
    (status, render(&page)).into_response()
}

pub async fn show(StaffCtx { ctx, me }: StaffCtx, Path(id): Path<i64>) -> Response {
    detail_page(&ctx, &me, id, None, &FieldErrors::default()).await
}

/// `d.m.yyyy` (or `yyyy-mm-dd`), as Danes type a date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

/// After a series: "3 datoer oprettet; 25.12.2026 sprunget over (juledag)".
/// Read from the redirect's query; only holidays are named, so nothing
/// typed into the URL shows up on the page.
fn series_notice(loc: Loc, here: &str) -> Option<String> {
    let query = here.split_once('?')?.1;
    let (mut is_series, mut created, mut skipped) = (false, None, Vec::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match &*k {
            "notice" => is_series = v == "series-created",
            "oprettet" => created = v.parse::<u32>().ok().filter(|n| *n <= SERIES_MAX),
            "sprunget" => {
                skipped = v
                    .split(',')
                    .take(SERIES_MAX as usize)
                    .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .filter_map(|d| holiday(d).map(|h| (d, h)))
                    .collect();
            }
            _ => {}
        }
    }
    let created = created.filter(|_| is_series)?;
    let mut parts = vec![if created == 1 {
        loc.t("plan-series-created-one")
    } else {
        loc.t1("plan-series-created", "count", &created.to_string())
    }];
    for (d, h) in skipped {
        let date = format!("{}.{}.{}", d.day(), d.month(), d.year());
        let name = loc.t(&format!("holiday-{}", h.code()));
        parts.push(format!(
            "{} ({name})",
            loc.t1("plan-series-skipped", "date", &date)
        ));
    }
    Some(parts.join("; "))
}

pub async fn schedule(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let mut errors = FieldErrors::default();
    let date = errors.check(
        "date",
        parse_date(form.get("date"))
            .ok_or(if form.get("date").trim().is_empty() {
                FieldProblem::Required
            } else {
                FieldProblem::InvalidDate
            })
            .and_then(|d| validate::year_in_range(d.year()).map(|()| d)),
    );
    let start = errors.check("start", validate::clock_time(form.get("start")));
    let end = errors.check("end", validate::clock_time(form.get("end")));
    let capacity = errors.check(
        "capacity",
        form.get("capacity")
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|c| (1..=10_000).contains(c))
            .ok_or(FieldProblem::InvalidNumber),
    );
    let site = errors.check(
        "site",
        form.get("site")
            .parse::<i64>()
            .map_err(|_| FieldProblem::Required),
    );
    let every_weeks = match form.get("repeat") {
        "" | "none" => None,
        "1" => Some(1),
        "2" => Some(2),
        _ => {
            errors.add("repeat", FieldProblem::InvalidChoice);
            None
        }
    };
    let count = match every_weeks {
        None => None,
        Some(_) => errors.check(
            "count",
            form.get("count")
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=SERIES_MAX).contains(n))
                .ok_or(FieldProblem::OutOfRange),
        ),
    };
    if !errors.is_empty() {
        return detail_page(&ctx, &me, id, Some(&form), &errors).await;
    }
    if let (Some(every_weeks), Some(count)) = (every_weeks, count) {
        let (Some(first), Some(start), Some(end), Some(capacity), Some(site_id)) =
            (date, start, end, capacity, site)
        else {
            return detail_page(&ctx, &me, id, Some(&form), &errors).await;
        };
        let input = SeriesInput {
            programme_id: id,
            site_id,
            first,
            start,
            end,
            every_weeks,
            count,
            capacity,
            public: form.get("public") == "yes",
        };
        return match svc::create_series(&ctx.state.core, &me.as_actor(), &input).await {
            Ok(out) => {
                let skipped: Vec<String> = out
                    .skipped
                    .iter()
                    .map(|(d, _)| d.format("%Y-%m-%d").to_string())
                    .collect();
                let mut to = format!(
                    "/programmes/{id}?notice=series-created&oprettet={}",
                    out.created.len()
                );
                if !skipped.is_empty() {
                    to.push_str(&format!("&sprunget={}", skipped.join(",")));
                }
                to.push_str("#datoer");
                Redirect::to(&to).into_response()
            }
            Err(ServiceError::Invalid(e)) => {
                for f in e.0 {
                    let field = match f.field {
                        "site_id" => "site",
                        "ends_at" => "end",
                        "capacity" => "capacity",
                        "count" => "count",
                        "every_weeks" => "repeat",
                        _ => "date",
                    };
                    errors.add(field, f.problem);
                }
                detail_page(&ctx, &me, id, Some(&form), &errors).await
            }
            Err(e) => super::errors::service_error_page(ctx.loc, e),
        };
    }
    let local = |d: NaiveDate, t: NaiveTime| {
        Copenhagen
            .from_local_datetime(&d.and_time(t))
            .earliest()
            .map(|x| x.with_timezone(&Utc))
    };
    let (Some(date), Some(start), Some(end), Some(capacity), Some(site)) =
        (date, start, end, capacity, site)
    else {
        return detail_page(&ctx, &me, id, Some(&form), &errors).await;
    };
    let (Some(starts_at), Some(ends_at)) = (local(date, start), local(date, end)) else {
        errors.add("start", FieldProblem::InvalidTime);
        return detail_page(&ctx, &me, id, Some(&form), &errors).await;
    };
    if ends_at <= starts_at {
        errors.add("end", FieldProblem::EndBeforeStart);
        return detail_page(&ctx, &me, id, Some(&form), &errors).await;
    }
    if starts_at <= ctx.state.core.now() {
        errors.add("date", FieldProblem::InPast);
        return detail_page(&ctx, &me, id, Some(&form), &errors).await;
    }
    let input = SessionInput {
        programme_id: id,
        site_id: site,
        starts_at,
        ends_at,
        capacity,
        signup_opens_at: None,
        signup_closes_at: None,
        public: form.get("public") == "yes",
    };
    match svc::create_session(&ctx.state.core, &me.as_actor(), &input).await {
        Ok(s) => {
            Redirect::to(&format!("/sessions/{}?notice=session-created", s.id)).into_response()
        }
        Err(ServiceError::Invalid(e)) => {
            let mut errors = FieldErrors::default();
            for f in e.0 {
                let field = match f.field {
                    "site_id" => "site",
                    "ends_at" => "end",
                    "capacity" => "capacity",
                    _ => "date",
                };
                errors.add(field, f.problem);
            }
            detail_page(&ctx, &me, id, Some(&form), &errors).await
        }
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}
