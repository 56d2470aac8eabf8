//! The report's other figures: class visits, appointments, referrals, the
//! quiz and feedback. Counted by the database, scoped like the rest.

use super::{JOINT, ReachQuery, Sql, session_filter};
use crate::Scope;
use crate::quiz::{all, get};
use sea_orm::{ConnectionTrait, DbErr};

/// Pupils of the class visits held in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pupils {
    pub classes_visited: i64,
    pub in_visited_classes: i64,
    pub attended: i64,
    pub mitid_created: i64,
    /// Pupils in every class of the school years the period touches.
    pub in_all_classes: i64,
}

/// Pupils reached by class visits, counted from the pupils while they are
/// held and from the counts kept once they are deleted.
pub async fn pupils(
    db: &impl ConnectionTrait,
    scope: Scope,
    q: &ReachQuery,
    school_years: &[String],
) -> Result<Pupils, DbErr> {
    let live_or_kept = |cond: &str, kept: &str| {
        format!(
            // PostgreSQL sums a BIGINT as NUMERIC: made BIGINT again.
            "CAST(COALESCE(SUM(CASE WHEN c.forgotten_at IS NULL THEN (SELECT COUNT(*) FROM pupil pu \
             WHERE pu.class_id = c.id{cond}) ELSE c.{kept} END), 0) AS BIGINT)"
        )
    };
    let mut sql = Sql::new();
    sql.push(&format!(
        "SELECT COUNT(*) AS classes, {} AS pupils, {} AS attended, {} AS mitid \
         FROM class_visit cv JOIN school_class c ON c.id = cv.class_id \
         JOIN event_session s ON s.id = cv.session_id \
         JOIN programme p ON p.id = s.programme_id WHERE",
        live_or_kept("", "pupils_kept"),
        live_or_kept(" AND pu.attendance = 'attended'", "attended_kept"),
        live_or_kept(" AND pu.mitid_created", "mitid_created_kept"),
    ));
    session_filter(&mut sql, scope, q);
    let mut out = Pupils::default();
    if let Some(r) = all(db, &sql.text, sql.values).await?.first() {
        out.classes_visited = get(r, "classes")?;
        out.in_visited_classes = get(r, "pupils")?;
        out.attended = get(r, "attended")?;
        out.mitid_created = get(r, "mitid")?;
    }
    if school_years.is_empty() {
        return Ok(out);
    }
    let mut sql = Sql::new();
    let years: Vec<String> = school_years.iter().map(|y| sql.bind(y.clone())).collect();
    let m = sql.bind(scope.m());
    sql.push(&format!(
        "SELECT {} AS pupils FROM school_class c WHERE c.municipality_id = {m} \
         AND c.school_year IN ({})",
        live_or_kept("", "pupils_kept"),
        years.join(", ")
    ));
    if let Some(r) = all(db, &sql.text, sql.values).await?.first() {
        out.in_all_classes = get(r, "pupils")?;
    }
    Ok(out)
}

/// Appointments of one service in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAppointments {
    pub service_id: i64,
    pub title: String,
    pub booked: i64,
    pub done: i64,
    pub no_show: i64,
}

/// Appointments per service (not cancelled; done; no-show), of the
/// viewer's organisation or, without one, of every organisation.
/// Appointments belong to no programme: the programme and target group
/// filters leave them out.
pub async fn appointments(
    db: &impl ConnectionTrait,
    scope: Scope,
    q: &ReachQuery,
) -> Result<Vec<ServiceAppointments>, DbErr> {
    let mut sql = Sql::new();
    let m = sql.bind(scope.m());
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    sql.push(&format!(
        "SELECT v.id AS id, v.title AS title, \
         COALESCE(SUM(CASE WHEN a.status <> 'cancelled' THEN 1 ELSE 0 END), 0) AS booked, \
         COALESCE(SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END), 0) AS done, \
         COALESCE(SUM(CASE WHEN a.status = 'no_show' THEN 1 ELSE 0 END), 0) AS no_show \
         FROM appointment a JOIN appointment_service v ON v.id = a.service_id \
         WHERE v.municipality_id = {m} AND a.starts_at >= {from} AND a.starts_at < {to}"
    ));
    if let Some(org) = q.viewer_org {
        let v = sql.bind(org);
        sql.push(&format!(" AND v.organisation_id = {v}"));
    }
    if let Some(site) = q.site {
        let v = sql.bind(site);
        sql.push(&format!(" AND v.site_id = {v}"));
    }
    sql.push(" GROUP BY v.id, v.title ORDER BY v.title, v.id");
    all(db, &sql.text, sql.values)
        .await?
        .iter()
        .map(|r| {
            Ok(ServiceAppointments {
                service_id: get(r, "id")?,
                title: get(r, "title")?,
                booked: get(r, "booked")?,
                done: get(r, "done")?,
                no_show: get(r, "no_show")?,
            })
        })
        .collect()
}

/// Referrals made in the period, by direction (seen from the viewer:
/// `sent` or `received`; `all` without a viewer) and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralCount {
    pub direction: String,
    pub status: String,
    pub count: i64,
}

pub async fn referrals(
    db: &impl ConnectionTrait,
    scope: Scope,
    q: &ReachQuery,
) -> Result<Vec<ReferralCount>, DbErr> {
    let mut sql = Sql::new();
    let direction = match q.viewer_org {
        Some(org) => {
            let v = sql.bind(org);
            format!("CASE WHEN f.from_org = {v} THEN 'sent' ELSE 'received' END")
        }
        None => "'all'".to_string(),
    };
    let m = sql.bind(scope.m());
    let from = sql.bind(q.from);
    let to = sql.bind(q.to);
    sql.push(&format!(
        "SELECT {direction} AS direction, f.status AS status, COUNT(*) AS n FROM referral f \
         WHERE f.municipality_id = {m} AND f.created_at >= {from} AND f.created_at < {to}"
    ));
    if let Some(org) = q.viewer_org {
        let a = sql.bind(org);
        let b = sql.bind(org);
        sql.push(&format!(" AND (f.from_org = {a} OR f.to_org = {b})"));
    }
    // PostgreSQL refuses a constant in GROUP BY.
    let group = match q.viewer_org {
        Some(_) => format!("{direction}, f.status"),
        None => "f.status".to_string(),
    };
    sql.push(&format!(" GROUP BY {group} ORDER BY 1, 2"));
    all(db, &sql.text, sql.values)
        .await?
        .iter()
        .map(|r| {
            Ok(ReferralCount {
                direction: get(r, "direction")?,
                status: get(r, "status")?,
                count: get(r, "n")?,
            })
        })
        .collect()
}

/// Answers given in quiz runs of the report's sessions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuizFigures {
    pub runs: i64,
    pub players: i64,
    pub answers: i64,
    pub correct: i64,
    /// The questions with the fewest right answers (at least one answer).
    pub hardest: Vec<QuizQuestion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizQuestion {
    pub text: String,
    pub answers: i64,
    pub correct: i64,
}

pub async fn quiz(
    db: &impl ConnectionTrait,
    scope: Scope,
    q: &ReachQuery,
    hardest: u32,
) -> Result<QuizFigures, DbErr> {
    let mut sql = Sql::new();
    sql.push(&format!(
        "SELECT COUNT(DISTINCT a.run_id) AS runs, COUNT(DISTINCT a.player_id) AS players, \
         COUNT(*) AS answers, COALESCE(SUM(CASE WHEN a.correct THEN 1 ELSE 0 END), 0) AS correct \
         FROM quiz_answer a JOIN quiz_run qr ON qr.id = a.run_id \
         JOIN event_session s ON s.id = qr.session_id \
         JOIN programme p ON p.id = s.programme_id {JOINT} WHERE"
    ));
    session_filter(&mut sql, scope, q);
    let mut out = QuizFigures::default();
    if let Some(r) = all(db, &sql.text, sql.values).await?.first() {
        out.runs = get(r, "runs")?;
        out.players = get(r, "players")?;
        out.answers = get(r, "answers")?;
        out.correct = get(r, "correct")?;
    }
    let mut sql = Sql::new();
    sql.push(
        "SELECT qq.id AS id, qq.text_da AS text, COUNT(*) AS answers, \
         COALESCE(SUM(CASE WHEN a.correct THEN 1 ELSE 0 END), 0) AS correct \
         FROM quiz_answer a JOIN quiz_question qq ON qq.id = a.question_id \
         JOIN quiz_run qr ON qr.id = a.run_id JOIN event_session s ON s.id = qr.session_id \
         JOIN programme p ON p.id = s.programme_id WHERE",
    );
    session_filter(&mut sql, scope, q);
    let limit = sql.bind(i64::from(hardest));
    sql.push(&format!(
        " GROUP BY qq.id, qq.text_da \
         ORDER BY SUM(CASE WHEN a.correct THEN 1 ELSE 0 END) * 1.0 / COUNT(*), qq.id LIMIT {limit}"
    ));
    for r in all(db, &sql.text, sql.values).await? {
        out.hardest.push(QuizQuestion {
            text: get(&r, "text")?,
            answers: get(&r, "answers")?,
            correct: get(&r, "correct")?,
        });
    }
    Ok(out)
}

/// How many answers gave each score, 1 to 5.
pub async fn feedback_scores(
    db: &impl ConnectionTrait,
    scope: Scope,
    q: &ReachQuery,
) -> Result<[i64; 5], DbErr> {
    let mut sql = Sql::new();
    sql.push(
        "SELECT f.score AS score, COUNT(*) AS n FROM feedback_response f \
         JOIN event_session s ON s.id = f.session_id \
         JOIN programme p ON p.id = s.programme_id WHERE",
    );
    session_filter(&mut sql, scope, q);
    sql.push(" GROUP BY f.score");
    let mut out = [0; 5];
    for r in all(db, &sql.text, sql.values).await? {
        let score: i16 = get(&r, "score")?;
        if (1..=5).contains(&score) {
            out[(score - 1) as usize] = get(&r, "n")?;
        }
    }
    Ok(out)
}
