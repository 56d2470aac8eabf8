//! The reach report (`/rapporter`), for coordinators and the
//! municipality's administrators: a filter form (GET, so a report is a
//! link), key figures, charts drawn as SVG each beside its table, every
//! table as CSV (`?format=csv&tabel=…`), and a print layout.

mod charts;
mod csv;

use super::errors::PageError;
use super::{Chrome, Field, chrome, render};
use crate::http::StaffCtx;
use crate::i18n::Loc;
use crate::paging;
use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;
use chrono::Datelike;
use samvirke_domain::reach::{Period, parse_period};
use samvirke_domain::school_year::SchoolYear;
use samvirke_service::reach::{self as svc, Choices, Figures, Reach, ReachFilter};

/// A table of the report: shown, charted and downloadable alike.
pub struct Table {
    /// Its name in the CSV link and file.
    pub id: &'static str,
    pub caption: String,
    pub head: Vec<String>,
    /// The first cell of each row is its header.
    pub rows: Vec<Vec<String>>,
    /// An SVG chart of the same numbers.
    pub chart: Option<String>,
    pub csv_href: String,
}

/// One option of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "reach.html")]
struct ReportPage {
    c: Chrome,
    periods: Vec<Choice>,
    from: Field,
    to: Field,
    organisations: Vec<Choice>,
    programmes: Vec<Choice>,
    target_groups: Vec<Choice>,
    sites: Vec<Choice>,
    heading: String,
    sections: Vec<Section>,
}

/// A part of the report with its own heading and tables.
pub struct Section {
    pub id: &'static str,
    pub heading: String,
    pub intro: Option<String>,
    pub tables: Vec<Table>,
}

/// Vertical bars as SVG, for other pages' charts.
pub(crate) fn bars_chart(title: &str, bars: &[(String, i64)]) -> String {
    charts::bars(title, bars)
}

fn choices(list: Vec<(String, String)>, selected: &Option<String>) -> Vec<Choice> {
    list.into_iter()
        .map(|(value, label)| Choice {
            selected: selected.as_deref() == Some(value.as_str()),
            value,
            label,
        })
        .collect()
}

/// A period from the form: `sy-2025` (school year), `ar-2025` (calendar
/// year) or `valgt` with `fra` and `til`.
fn period_of(
    kind: &str,
    from: &str,
    to: &str,
) -> Result<Period, samvirke_domain::validate::FieldErrors> {
    if let Some(year) = kind
        .strip_prefix("sy-")
        .and_then(|y| y.parse().ok())
        .and_then(SchoolYear::starting)
    {
        return Ok(Period::school_year(year));
    }
    if let Some(p) = kind
        .strip_prefix("ar-")
        .and_then(|y| y.parse().ok())
        .and_then(Period::calendar_year)
    {
        return Ok(p);
    }
    parse_period(from, to)
}

fn number(_loc: &Loc, n: i64) -> String {
    n.to_string()
}

fn share(loc: &Loc, part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "–".into();
    }
    let pct = part as f64 * 100.0 / whole as f64;
    match loc.lang {
        crate::i18n::Lang::Da => format!("{pct:.1} %").replace('.', ","),
        crate::i18n::Lang::En => format!("{pct:.1}%"),
    }
}

fn decimal(loc: &Loc, v: f64) -> String {
    match loc.lang {
        crate::i18n::Lang::Da => format!("{v:.2}").replace('.', ","),
        crate::i18n::Lang::En => format!("{v:.2}"),
    }
}

/// The report page, or one of its tables as CSV.
pub async fn page(
    StaffCtx { ctx, me }: StaffCtx,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let actor = me.as_actor();
    let core = &ctx.state.core;
    let loc = ctx.loc;
    let p = |name: &str| paging::param(query.as_deref(), name);
    let today = core
        .now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive();
    let this_year =
        SchoolYear::containing(today).unwrap_or(SchoolYear::starting(2026).expect("2026"));
    let kind = p("periode").unwrap_or_else(|| format!("sy-{}", this_year.start_year()));
    let (from_text, to_text) = (p("fra").unwrap_or_default(), p("til").unwrap_or_default());
    let id = |name: &str| p(name).and_then(|v| v.parse::<i64>().ok());
    let org_choice = p("org");
    let all_organisations = org_choice.as_deref() == Some("alle");
    let mut filter = ReachFilter {
        period: Period::school_year(this_year),
        organisation: id("org"),
        all_organisations,
        programme: id("program"),
        target_group: p("maalgruppe")
            .filter(|t| !t.is_empty())
            .map(|t| t.chars().take(200).collect()),
        site: id("sted"),
    };
    let mut c = chrome(&ctx, "reach-heading", "/rapporter").await?;
    let period = period_of(&kind, &from_text, &to_text);
    let mut from = Field::new(&from_text);
    let mut to = Field::new(&to_text);
    let report = match &period {
        Ok(period) => {
            filter.period = *period;
            Some(svc::report(core, &actor, &filter).await?)
        }
        Err(errors) => {
            c.set_errors(errors, &["from", "to"], |f| match f {
                "from" => "fra".into(),
                _ => "til".into(),
            });
            from.error = errors.get("from").map(|p| loc.problem(p));
            to.error = errors.get("to").map(|p| loc.problem(p));
            None
        }
    };
    let csv_href = |table: &str| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes()) {
            if k != "format" && k != "tabel" && k != "notice" {
                q.append_pair(&k, &v);
            }
        }
        q.append_pair("format", "csv");
        q.append_pair("tabel", table);
        format!("/rapporter?{}", q.finish())
    };
    let sections = report
        .as_ref()
        .map(|r| sections(&loc, r, &csv_href))
        .unwrap_or_default();
    if p("format").as_deref() == Some("csv") {
        let wanted = p("tabel").unwrap_or_default();
        let Some(r) = &report else {
            return Err(PageError(samvirke_service::ServiceError::NotFound));
        };
        let table = sections
            .iter()
            .flat_map(|s| s.tables.iter())
            .find(|t| t.id == wanted)
            .ok_or(PageError(samvirke_service::ServiceError::NotFound))?;
        let name = format!("rapport-{}-{}-{}", table.id, r.period.first, r.period.last);
        return Ok(csv::download(table, &name));
    }
    let opts: Choices = svc::choices(core, &actor, &filter).await?;
    let mut periods = Vec::new();
    for y in (this_year.start_year() - 4..=this_year.start_year()).rev() {
        if let Some(sy) = SchoolYear::starting(y) {
            periods.push((
                format!("sy-{y}"),
                loc.t1("reach-school-year", "year", &sy.to_string()),
            ));
        }
    }
    for y in (today.year() - 4..=today.year()).rev() {
        periods.push((
            format!("ar-{y}"),
            loc.t1("reach-calendar-year", "year", &y.to_string()),
        ));
    }
    periods.push(("valgt".into(), loc.t("reach-custom-period")));
    let heading = match &report {
        Some(r) => heading(&loc, r),
        None => loc.t("reach-heading"),
    };
    let mut organisations = Vec::new();
    if !opts.organisations.is_empty() {
        organisations.push(("".to_string(), loc.t1("reach-own-org", "org", &me.org_name)));
        organisations.push(("alle".to_string(), loc.t("reach-all-orgs")));
        organisations.extend(
            opts.organisations
                .iter()
                .map(|(i, n)| (i.to_string(), n.clone())),
        );
    }
    let with_all = |list: Vec<(String, String)>| {
        let mut out = vec![("".to_string(), loc.t("reach-all"))];
        out.extend(list);
        out
    };
    Ok(render(&ReportPage {
        c,
        periods: choices(periods, &Some(kind.clone())),
        from,
        to,
        organisations: choices(organisations, &org_choice),
        programmes: choices(
            with_all(
                opts.programmes
                    .iter()
                    .map(|(i, t)| (i.to_string(), t.clone()))
                    .collect(),
            ),
            &p("program"),
        ),
        target_groups: choices(
            with_all(
                opts.target_groups
                    .iter()
                    .map(|t| (t.clone(), t.clone()))
                    .collect(),
            ),
            &p("maalgruppe"),
        ),
        sites: choices(
            with_all(
                opts.sites
                    .iter()
                    .map(|(i, n)| (i.to_string(), n.clone()))
                    .collect(),
            ),
            &p("sted"),
        ),
        heading,
        sections,
    }))
}

fn heading(loc: &Loc, r: &Reach) -> String {
    let who = match &r.organisation {
        Some((_, name)) => name.clone(),
        None => loc.t("reach-all-orgs"),
    };
    loc.tn(
        "reach-heading-for",
        &[
            ("who", who),
            ("from", r.period.first.format("%d.%m.%Y").to_string()),
            ("to", r.period.last.format("%d.%m.%Y").to_string()),
        ],
    )
}

fn figure_rows(loc: &Loc, own: &Figures, joint: &Figures, all: &Figures) -> Vec<Vec<String>> {
    let row = |key: &str, f: fn(&Figures) -> i64| {
        vec![
            loc.t(key),
            number(loc, f(own)),
            number(loc, f(joint)),
            number(loc, f(all)),
        ]
    };
    vec![
        row("reach-sessions-held", |f| f.sessions_held),
        row("reach-signups", |f| f.signups),
        row("reach-attended", |f| f.attended),
        row("reach-no-shows", |f| f.no_shows),
        row("reach-unique-citizens", |f| f.unique_citizens),
    ]
}

fn month_label(m: &str) -> String {
    // `2025-08` → `08/25`.
    match m.split_once('-') {
        Some((y, mo)) => format!("{mo}/{}", &y[y.len().saturating_sub(2)..]),
        None => m.to_string(),
    }
}

fn sections(loc: &Loc, r: &Reach, csv_href: &dyn Fn(&str) -> String) -> Vec<Section> {
    let t = |k: &str| loc.t(k);
    let table =
        |id: &'static str, caption: String, head: Vec<String>, rows: Vec<Vec<String>>| Table {
            id,
            caption,
            head,
            rows,
            chart: None,
            csv_href: csv_href(id),
        };
    let mut out = Vec::new();

    let mut key = table(
        "noegletal",
        t("reach-key-figures"),
        vec![
            t("reach-figure"),
            t("reach-own"),
            t("reach-joint"),
            t("reach-total"),
        ],
        figure_rows(loc, &r.own, &r.joint, &r.all),
    );
    key.chart = Some(charts::shares(
        &t("reach-chart-attendance"),
        &[
            (t("reach-attended"), r.all.attended),
            (t("reach-no-shows"), r.all.no_shows),
            (
                t("reach-not-marked"),
                (r.all.signups - r.all.attended - r.all.no_shows).max(0),
            ),
        ],
    ));
    let mut months = table(
        "maaneder",
        t("reach-per-month"),
        vec![
            t("reach-month"),
            t("reach-sessions-held"),
            t("reach-signups"),
            t("reach-attended"),
        ],
        r.months
            .iter()
            .map(|m| {
                vec![
                    m.month.clone(),
                    number(loc, m.sessions_held),
                    number(loc, m.signups),
                    number(loc, m.attended),
                ]
            })
            .collect(),
    );
    months.chart = Some(charts::bars(
        &t("reach-chart-months"),
        &r.months
            .iter()
            .map(|m| (month_label(&m.month), m.attended))
            .collect::<Vec<_>>(),
    ));
    let programmes = table(
        "programmer",
        t("reach-per-programme"),
        vec![
            t("reach-programme"),
            t("reach-kind"),
            t("reach-sessions-held"),
            t("reach-signups"),
            t("reach-attended"),
            t("reach-no-shows"),
        ],
        r.programmes
            .iter()
            .map(|p| {
                vec![
                    p.title.clone(),
                    t(if p.joint { "reach-joint" } else { "reach-own" }),
                    number(loc, p.figures.sessions_held),
                    number(loc, p.figures.signups),
                    number(loc, p.figures.attended),
                    number(loc, p.figures.no_shows),
                ]
            })
            .collect(),
    );
    out.push(Section {
        id: "deltagelse",
        heading: t("reach-participation"),
        intro: Some(t("reach-participation-help")),
        tables: vec![key, months, programmes],
    });

    let pu = &r.pupils;
    let mut pupils = table(
        "elever",
        t("reach-pupils"),
        vec![t("reach-figure"), t("reach-value")],
        vec![
            vec![t("reach-classes-visited"), number(loc, pu.classes_visited)],
            vec![
                t("reach-pupils-visited"),
                number(loc, pu.in_visited_classes),
            ],
            vec![t("reach-pupils-attended"), number(loc, pu.attended)],
            vec![t("reach-pupils-all"), number(loc, pu.in_all_classes)],
            vec![
                t("reach-ninth-share"),
                share(loc, pu.attended, pu.in_all_classes),
            ],
            vec![t("reach-mitid-created"), number(loc, pu.mitid_created)],
        ],
    );
    pupils.chart = Some(charts::shares(
        &t("reach-chart-ninth"),
        &[
            (t("reach-pupils-attended"), pu.attended),
            (
                t("reach-pupils-not-reached"),
                (pu.in_all_classes - pu.attended).max(0),
            ),
        ],
    ));
    out.push(Section {
        id: "klassebesoeg",
        heading: t("reach-class-visits"),
        intro: Some(t("reach-class-visits-help")),
        tables: vec![pupils],
    });

    let appointments = table(
        "aftaler",
        t("reach-appointments"),
        vec![
            t("reach-service"),
            t("reach-booked"),
            t("reach-done"),
            t("reach-no-shows"),
        ],
        r.appointments
            .iter()
            .map(|s| {
                vec![
                    s.title.clone(),
                    number(loc, s.booked),
                    number(loc, s.done),
                    number(loc, s.no_show),
                ]
            })
            .collect(),
    );
    let referrals = table(
        "henvisninger",
        t("reach-referrals"),
        vec![t("reach-direction"), t("reach-status"), t("reach-count")],
        r.referrals
            .iter()
            .map(|f| {
                vec![
                    t(&format!("reach-direction-{}", f.direction)),
                    t(&format!("referral-status-{}", f.status)),
                    number(loc, f.count),
                ]
            })
            .collect(),
    );
    let door = table(
        "partnerdoer",
        t("reach-partner-door"),
        vec![t("reach-figure"), t("reach-value")],
        vec![
            vec![
                t("reach-referrals-received"),
                number(loc, r.partner_door.referrals_received),
            ],
            vec![
                t("reach-attended-at-partners"),
                number(loc, r.partner_door.attended_at_partners),
            ],
        ],
    );
    out.push(Section {
        id: "samarbejde",
        heading: t("reach-together"),
        intro: Some(t("reach-together-help")),
        tables: vec![appointments, referrals, door],
    });

    let q = &r.quiz;
    let quiz = table(
        "quiz",
        t("reach-quiz"),
        vec![t("reach-figure"), t("reach-value")],
        vec![
            vec![t("reach-quiz-runs"), number(loc, q.runs)],
            vec![t("reach-quiz-players"), number(loc, q.players)],
            vec![t("reach-quiz-answers"), number(loc, q.answers)],
            vec![
                t("reach-quiz-right-share"),
                share(loc, q.correct, q.answers),
            ],
            vec![
                t("reach-quiz-average"),
                if q.players > 0 {
                    decimal(loc, q.correct as f64 / q.players as f64)
                } else {
                    "–".into()
                },
            ],
        ],
    );
    let hardest = table(
        "svaere-spoergsmaal",
        t("reach-quiz-hardest"),
        vec![
            t("reach-question"),
            t("reach-quiz-answers"),
            t("reach-quiz-right-share"),
        ],
        q.hardest
            .iter()
            .map(|h| {
                vec![
                    h.text.clone(),
                    number(loc, h.answers),
                    share(loc, h.correct, h.answers),
                ]
            })
            .collect(),
    );
    let answers: i64 = r.feedback.iter().sum();
    let weighted: i64 = r.feedback.iter().zip(1..).map(|(n, s)| n * s).sum();
    let mut feedback = table(
        "feedback",
        t("reach-feedback"),
        vec![t("reach-score"), t("reach-count")],
        (1..=5)
            .map(|s| {
                vec![
                    t(&format!("feedback-score-{s}")),
                    number(loc, r.feedback[s - 1]),
                ]
            })
            .chain(std::iter::once(vec![
                t("reach-feedback-average"),
                if answers > 0 {
                    decimal(loc, weighted as f64 / answers as f64)
                } else {
                    "–".into()
                },
            ]))
            .collect(),
    );
    feedback.chart = Some(charts::bars(
        &t("reach-chart-feedback"),
        &(1..=5)
            .map(|s| (s.to_string(), r.feedback[s - 1]))
            .collect::<Vec<_>>(),
    ));
    out.push(Section {
        id: "quiz-og-feedback",
        heading: t("reach-quiz-and-feedback"),
        intro: None,
        tables: vec![quiz, hardest, feedback],
    });
    out
}
