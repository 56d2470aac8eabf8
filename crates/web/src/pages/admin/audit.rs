//! The log of reads of personal data.

use super::*;

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    c: Chrome,
    rows: Vec<AuditLine>,
    pager: crate::paging::Pager,
    people: Vec<crate::pages::events::Choice>,
    purposes: Vec<crate::pages::events::Choice>,
    from: super::Field,
    to: super::Field,
    filtered: bool,
}

struct AuditLine {
    when: String,
    who: String,
    purpose: String,
    whose: String,
}

/// The log, newest first, a page at a time (`?efter=` the last entry
/// shown), narrowed by person (`hvem`), kind (`hvad`) and dates (`fra`, `til`).
pub async fn audit(
    StaffCtx { ctx, me }: StaffCtx,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, PageError> {
    use crate::paging;
    use chrono::TimeZone;
    use samvirke_domain::validate::{FieldErrors, FieldProblem};
    let loc = ctx.loc;
    let q = query.as_deref();
    let param = |name: &str| paging::param(q, name).unwrap_or_default();
    let after = paging::param(q, "efter").and_then(|v| v.parse::<i64>().ok());
    let mut errors = FieldErrors::default();
    // A day, d.m.yyyy, as the start of that day in Copenhagen.
    let mut day = |field: &'static str, raw: &str, plus_days: i64| {
        if raw.trim().is_empty() {
            return None;
        }
        let parsed = crate::pages::programmes::parse_date(raw)
            .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(plus_days)))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|d| {
                chrono_tz::Europe::Copenhagen
                    .from_local_datetime(&d)
                    .earliest()
            })
            .map(|d| d.with_timezone(&chrono::Utc));
        if parsed.is_none() {
            errors.add(field, FieldProblem::InvalidDate);
        }
        parsed
    };
    let (from_raw, to_raw) = (param("fra"), param("til"));
    let filter = samvirke_service::audit::AuditFilter {
        actor: param("hvem")
            .parse::<i64>()
            .ok()
            .map(samvirke_domain::StaffId),
        purpose: Some(param("hvad"))
            .filter(|p| samvirke_service::audit::PURPOSES.contains(&p.as_str())),
        from: day("fra", &from_raw, 0),
        // "to 3.12" includes all of 3 December.
        to: day("til", &to_raw, 1),
    };
    let list = samvirke_service::audit::list(
        &ctx.state.core,
        &me.as_actor(),
        &filter,
        after,
        paging::PAGE_SIZE,
    )
    .await?;
    let page = list.page;
    let pager = paging::Pager {
        label: loc.t("pages-audit"),
        first: after.map(|_| paging::without_param("/audit", q, "efter")),
        next: page
            .more
            .then(|| page.items.last())
            .flatten()
            .map(|r| paging::with_param("/audit", q, "efter", &r.id.to_string())),
    };
    let rows = page
        .items
        .into_iter()
        .map(|r| {
            let kind = loc.t(&format!("subject-{}", r.subject_kind.replace('_', "-")));
            let whose = match (r.subject_name, r.subject_at) {
                (Some(name), Some(at)) => format!("{kind}: {name}, {}", loc.date(at)),
                (Some(name), None) => format!("{kind}: {name}"),
                // Not found any more (deleted): the kind and its number.
                (None, _) => format!("{kind} #{}", r.subject_id),
            };
            AuditLine {
                when: loc.date_time(r.at),
                who: format!("{} ({})", r.actor_name, r.actor_org),
                purpose: loc.t(&format!("purpose-{}", r.purpose.replace('_', "-"))),
                whose,
            }
        })
        .collect();
    let chosen_person = filter.actor.map(|a| a.0);
    let people = list
        .people
        .into_iter()
        .map(|(id, name)| crate::pages::events::Choice {
            value: id.to_string(),
            label: name,
            checked: chosen_person == Some(id),
        })
        .collect();
    let purposes = samvirke_service::audit::PURPOSES
        .iter()
        .map(|p| crate::pages::events::Choice {
            value: (*p).to_string(),
            label: loc.t(&format!("purpose-{}", p.replace('_', "-"))),
            checked: filter.purpose.as_deref() == Some(*p),
        })
        .collect();
    let mut c = chrome(&ctx, "audit-heading", "/audit").await?;
    c.set_errors(&errors, &["fra", "til"], |f| f.to_string());
    let err = |f: &str| errors.get(f).map(|p| loc.problem(p));
    let filtered = filter.actor.is_some()
        || filter.purpose.is_some()
        || !from_raw.is_empty()
        || !to_raw.is_empty();
    let page = AuditPage {
        c,
        rows,
        pager,
        people,
        purposes,
        from: super::Field {
            value: from_raw,
            error: err("fra"),
        },
        to: super::Field {
            value: to_raw,
            error: err("til"),
        },
        filtered,
    };
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}
