//! Scheduling a programme's sessions: one date or a weekly series.

use super::*;

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
pub(super) fn series_notice(loc: Loc, here: &str) -> Option<String> {
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
) -> Result<Response, PageError> {
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
        return Ok(
            match svc::create_series(&ctx.state.core, &me.as_actor(), &input).await {
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
                    detail_page(&ctx, &me, id, Some(&form), &errors).await?
                }
                Err(e) => return Err(e.into()),
            },
        );
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
    Ok(
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
                detail_page(&ctx, &me, id, Some(&form), &errors).await?
            }
            Err(e) => return Err(e.into()),
        },
    )
}
