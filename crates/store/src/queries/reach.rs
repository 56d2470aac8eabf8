//! The reach report's figures, each counted by the database (`GROUP BY`),
//! never by loading rows. Every query names the scope's municipality.
//!
//! Which programmes a report covers: with a viewer organisation, those it
//! owns and the joint ones it is a partner in; without one (the
//! municipality's administrator, all organisations), every programme. A
//! programme is *joint* when it has a partner; the report keeps joint and
//! own figures apart.

use crate::Scope;
use crate::quiz::{all, exec, get};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, Value};

/// What the figures are about.
#[derive(Debug, Clone)]
pub struct ReachQuery {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Sessions count as held once they have started.
    pub now: DateTime<Utc>,
    /// `YYYY-MM` of each month of the period with the instant it ends.
    pub months: Vec<(String, DateTime<Utc>)>,
    pub viewer_org: Option<i64>,
    pub programme: Option<i64>,
    pub target_group: Option<String>,
    pub site: Option<i64>,
}

/// A statement being built, with its `$n` values.
struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new() -> Sql {
        Sql {
            text: String::new(),
            values: Vec::new(),
        }
    }

    fn bind(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        format!("${}", self.values.len())
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }
}

/// Joint programmes: `jp.programme_id` is not null for them.
const JOINT: &str = " LEFT JOIN (SELECT DISTINCT programme_id FROM programme_partner) jp \
                     ON jp.programme_id = p.id ";

/// The programmes (`p`) of the report: the scope, the viewer, the filters.
fn programme_filter(sql: &mut Sql, scope: Scope, q: &ReachQuery) {
    let m = sql.bind(scope.m());
    sql.push(&format!(" p.municipality_id = {m}"));
    if let Some(org) = q.viewer_org {
        let a = sql.bind(org);
        let b = sql.bind(org);
        sql.push(&format!(
            " AND (p.organisation_id = {a} OR EXISTS (SELECT 1 FROM programme_partner pp \
             WHERE pp.programme_id = p.id AND pp.organisation_id = {b}))"
        ));
    }
    if let Some(id) = q.programme {
        let v = sql.bind(id);
        sql.push(&format!(" AND p.id = {v}"));
    }
    if let Some(tg) = &q.target_group {
        let v = sql.bind(tg.clone());
        sql.push(&format!(" AND p.target_group = {v}"));
    }
}

/// The held sessions (`s`) of the period, after [`programme_filter`].
fn session_filter(sql: &mut Sql, scope: Scope, q: &ReachQuery) {
    programme_filter(sql, scope, q);
    let m = sql.bind(scope.m());
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    let now = sql.bind(q.now);
    sql.push(&format!(
        " AND s.municipality_id = {m} AND s.cancelled_at IS NULL \
         AND s.starts_at >= {from} AND s.starts_at < {to} AND s.starts_at < {now}"
    ));
    if let Some(site) = q.site {
        let v = sql.bind(site);
        sql.push(&format!(" AND s.site_id = {v}"));
    }
}

/// The index of the month a session starts in.
fn month_index(sql: &mut Sql, q: &ReachQuery) -> String {
    let mut case = String::from("CASE");
    for (i, (_, end)) in q.months.iter().enumerate() {
        let v = sql.bind(*end);
        case.push_str(&format!(" WHEN s.starts_at < {v} THEN {i}"));
    }
    case.push_str(" ELSE 0 END");
    case
}

/// The figures of one programme in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeMonth {
    pub programme_id: i64,
    pub title: String,
    pub owner: i64,
    pub joint: bool,
    pub month: usize,
    pub sessions_held: i64,
    pub signups: i64,
    pub attended: i64,
    pub no_shows: i64,
}

/// Sessions held, sign-ups (confirmed), attended and no-shows per
/// programme and month.
pub async fn by_programme_and_month(
    db: &impl ConnectionTrait,
    scope: Scope,
    q: &ReachQuery,
) -> Result<Vec<ProgrammeMonth>, DbErr> {
    let mut sql = Sql::new();
    let month = month_index(&mut sql, q);
    sql.push(&format!(
        "SELECT p.id AS programme_id, p.title AS title, p.organisation_id AS owner, \
         CASE WHEN jp.programme_id IS NULL THEN 0 ELSE 1 END AS joint, {month} AS month, \
         COUNT(DISTINCT s.id) AS sessions_held, COUNT(r.id) AS signups, \
         COALESCE(SUM(CASE WHEN r.attendance = 'attended' THEN 1 ELSE 0 END), 0) AS attended, \
         COALESCE(SUM(CASE WHEN r.attendance = 'no_show' THEN 1 ELSE 0 END), 0) AS no_shows \
         FROM event_session s JOIN programme p ON p.id = s.programme_id {JOINT} \
         LEFT JOIN registration r ON r.session_id = s.id AND r.status = 'confirmed' WHERE"
    ));
    session_filter(&mut sql, scope, q);
    sql.push(&format!(
        " GROUP BY p.id, p.title, p.organisation_id, jp.programme_id, {month} ORDER BY p.title, p.id"
    ));
    let rows = all(db, &sql.text, sql.values).await?;
    rows.iter()
        .map(|r| {
            Ok(ProgrammeMonth {
                programme_id: get(r, "programme_id")?,
                title: get(r, "title")?,
                owner: get(r, "owner")?,
                joint: get::<i32>(r, "joint")? == 1,
                month: get::<i32>(r, "month")?.max(0) as usize,
                sessions_held: get(r, "sessions_held")?,
                signups: get(r, "signups")?,
                attended: get(r, "attended")?,
                no_shows: get(r, "no_shows")?,
            })
        })
        .collect()
}

/// Unique citizens: own, joint and all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unique {
    pub own: i64,
    pub joint: i64,
    pub all: i64,
}

/// Citizens told apart by their normalised e-mail or phone, among the
/// sign-ups of held sessions that were not marked no-show, while those are
/// held; plus the totals kept when they were deleted (per programme, site
/// and month, so one who came in two such months counts in each).
pub async fn unique_citizens(
    db: &impl ConnectionTrait,
    scope: Scope,
    q: &ReachQuery,
) -> Result<Unique, DbErr> {
    let mut sql = Sql::new();
    sql.push(&format!(
        "SELECT COUNT(DISTINCT CASE WHEN jp.programme_id IS NULL THEN r.contact_key END) AS own, \
         COUNT(DISTINCT CASE WHEN jp.programme_id IS NOT NULL THEN r.contact_key END) AS joint, \
         COUNT(DISTINCT r.contact_key) AS everyone \
         FROM event_session s JOIN programme p ON p.id = s.programme_id {JOINT} \
         JOIN registration r ON r.session_id = s.id AND r.status = 'confirmed' \
         AND r.contact_key IS NOT NULL AND (r.attendance IS NULL OR r.attendance <> 'no_show') WHERE"
    ));
    session_filter(&mut sql, scope, q);
    let live = all(db, &sql.text, sql.values).await?;
    let mut u = Unique::default();
    if let Some(r) = live.first() {
        u.own = get(r, "own")?;
        u.joint = get(r, "joint")?;
        u.all = get(r, "everyone")?;
    }
    if q.months.is_empty() {
        return Ok(u);
    }
    let mut sql = Sql::new();
    let months: Vec<String> = q.months.iter().map(|(m, _)| sql.bind(m.clone())).collect();
    sql.push(&format!(
        "SELECT CASE WHEN jp.programme_id IS NULL THEN 0 ELSE 1 END AS joint, \
         COALESCE(SUM(k.unique_citizens), 0) AS kept \
         FROM reach_kept k JOIN programme p ON p.id = k.programme_id {JOINT} \
         WHERE k.month IN ({}) AND",
        months.join(", ")
    ));
    programme_filter(&mut sql, scope, q);
    let m = sql.bind(scope.m());
    sql.push(&format!(" AND k.municipality_id = {m}"));
    if let Some(site) = q.site {
        let v = sql.bind(site);
        sql.push(&format!(" AND k.site_id = {v}"));
    }
    sql.push(" GROUP BY jp.programme_id");
    for r in all(db, &sql.text, sql.values).await? {
        let kept: i64 = get(&r, "kept")?;
        if get::<i32>(&r, "joint")? == 1 {
            u.joint += kept;
        } else {
            u.own += kept;
        }
        u.all += kept;
    }
    Ok(u)
}

/// Before retention empties the contacts of the sign-ups of sessions that
/// ended before `cutoff`: adds their unique citizens per programme, site
/// and month to `reach_kept` and empties their `contact_key`, in the
/// caller's transaction, so a second run (or process) counts nothing twice.
/// Across municipalities, as the retention job is.
pub async fn keep_unique_citizens_before(
    db: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
    months: &[(String, DateTime<Utc>, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if months.is_empty() {
        return Ok(0);
    }
    let pg = db.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
    let mut sql = Sql::new();
    let c = sql.bind(cutoff);
    let due = format!(
        "r.contact_key IS NOT NULL AND r.session_id IN \
         (SELECT id FROM event_session WHERE ends_at < {c})"
    );
    if pg {
        // Waits for a run in another process, then sees its emptied keys.
        let lock = format!("SELECT r.id FROM registration r WHERE {due} FOR UPDATE");
        all(db, &lock, sql.values.clone()).await?;
    }
    let mut case = String::from("CASE");
    for (name, start, end) in months {
        let n = sql.bind(name.clone());
        let a = sql.bind(*start);
        let b = sql.bind(*end);
        case.push_str(&format!(
            " WHEN s.starts_at >= {a} AND s.starts_at < {b} THEN {n}"
        ));
    }
    case.push_str(" END");
    let t = sql.bind(now);
    let insert = format!(
        "INSERT INTO reach_kept (municipality_id, organisation_id, programme_id, site_id, month, \
         unique_citizens, created_at) \
         SELECT s.municipality_id, p.organisation_id, p.id, s.site_id, {case}, \
         COUNT(DISTINCT r.contact_key), {t} \
         FROM registration r JOIN event_session s ON s.id = r.session_id \
         JOIN programme p ON p.id = s.programme_id \
         WHERE {due} AND r.status = 'confirmed' \
         AND (r.attendance IS NULL OR r.attendance <> 'no_show') AND s.cancelled_at IS NULL \
         GROUP BY s.municipality_id, p.organisation_id, p.id, s.site_id, {case}"
    );
    let kept = exec(db, &insert, sql.values.clone()).await?;
    let mut sql = Sql::new();
    let c = sql.bind(cutoff);
    exec(
        db,
        &format!(
            "UPDATE registration SET contact_key = NULL WHERE contact_key IS NOT NULL \
             AND session_id IN (SELECT id FROM event_session WHERE ends_at < {c})"
        ),
        sql.values,
    )
    .await?;
    Ok(kept)
}

/// The earliest start of a session whose sign-ups still hold contacts and
/// ended before `cutoff`: where [`keep_unique_citizens_before`] must begin.
pub async fn oldest_session_with_contacts(
    db: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let mut sql = Sql::new();
    let c = sql.bind(cutoff);
    let rows = all(
        db,
        &format!(
            "SELECT MIN(s.starts_at) AS first FROM event_session s WHERE s.ends_at < {c} \
             AND EXISTS (SELECT 1 FROM registration r WHERE r.session_id = s.id \
             AND r.contact_key IS NOT NULL)"
        ),
        sql.values,
    )
    .await?;
    match rows.first() {
        Some(r) => get::<Option<DateTime<Utc>>>(r, "first"),
        None => Ok(None),
    }
}

mod more;
pub use more::*;

/// The programmes `org` is a partner in (every partnered programme without one).
pub async fn partnered_programmes(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: Option<i64>,
) -> Result<Vec<i64>, DbErr> {
    let rows = all(
        db,
        "SELECT DISTINCT pp.programme_id AS id FROM programme_partner pp \
         JOIN programme p ON p.id = pp.programme_id \
         WHERE p.municipality_id = $1 AND ($2 IS NULL OR pp.organisation_id = $2)",
        vec![scope.m().into(), org.into()],
    )
    .await?;
    rows.iter().map(|r| get(r, "id")).collect()
}
