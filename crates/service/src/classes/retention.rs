//! Deleting the pupils of finished school years, keeping the counts.

use crate::Core;
use crate::error::Result;
use chrono::NaiveDate;
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::OrgId;
use samvirke_domain::pupil::{self, MitIdStatus, PupilRules, VisitGroup};
use samvirke_domain::school_year::SchoolYear;
use samvirke_store::Scope;
use samvirke_store::classes as q;

/// The day a school year's pupils are deleted: the municipality's setting
/// (month, day) in the year the school year ends, or the first day after
/// it when the setting is no date.
fn deletion_day(year: SchoolYear, (month, day): (u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(year.end_year(), month, day)
        .filter(|d| *d > year.last_day())
        .unwrap_or_else(|| year.last_day() + chrono::Duration::days(1))
}

/// Deletes the pupils of every school year past its deletion day, keeping
/// per class the counts the reports need (pupils, attended, MitIDs made,
/// questions asked, the visit day's groups). Parents' e-mails and their
/// consent are in the pupil's row and go with it. The worker's job; safe in several processes.
///
/// `pupil_days`: each municipality's period, in days after 31 July of the
/// school year's end; a municipality not named keeps the installation's
/// setting.
pub async fn forget_finished_school_years(
    core: &Core,
    pupil_days: &[(samvirke_domain::MunicipalityId, u32)],
) -> Result<u64> {
    let today = core.now().with_timezone(&Copenhagen).date_naive();
    let Some(current) = SchoolYear::containing(today) else {
        return Ok(0);
    };
    let day_of = |m: i64, y: SchoolYear| match pupil_days.iter().find(|(id, _)| id.0 == m) {
        Some((_, days)) => y.last_day() + chrono::Duration::days((*days).into()),
        None => deletion_day(y, core.retention.pupil_deletion),
    };
    let candidates: Vec<SchoolYear> = (1..=30)
        .filter_map(|back| SchoolYear::starting(current.start_year() - back))
        .chain([current])
        .filter(|y| y.last_day() < today)
        .collect();
    let years: Vec<String> = candidates.iter().map(|y| y.to_string()).collect();
    let rules = PupilRules::default();
    let mut forgotten = 0;
    for class in q::classes_to_forget(&core.db.read, &years).await? {
        let due = candidates
            .iter()
            .find(|y| y.to_string() == class.school_year)
            .is_some_and(|y| day_of(class.municipality_id, *y) <= today);
        if !due {
            continue;
        }
        let scope = Scope::new(samvirke_domain::MunicipalityId(class.municipality_id));
        let visit_day = q::classes(
            &core.db.read,
            scope,
            &class.school_year,
            Some(OrgId(class.organisation_id)),
        )
        .await?
        .into_iter()
        .find(|r| r.class.id == class.id)
        .and_then(|r| r.visit)
        .map(|s| s.starts_at.with_timezone(&Copenhagen).date_naive());
        let pupils = q::pupils(&core.db.read, scope, class.id).await?;
        let mut kept = q::KeptCounts {
            pupils: pupils.len() as i32,
            ..Default::default()
        };
        for p in &pupils {
            kept.attended +=
                i32::from(p.attendance() == Some(samvirke_domain::Attendance::Attended));
            kept.mitid_created += i32::from(p.mitid_created);
            kept.asked_questions += i32::from(p.asked_questions);
            if let Some(day) = visit_day {
                let mitid = p.mitid.parse().unwrap_or(MitIdStatus::Unknown);
                match pupil::visit_group(p.birth_date, day, mitid, &rules) {
                    VisitGroup::MitIdNow => kept.mitid_now += 1,
                    VisitGroup::SecurityPractice => kept.security_practice += 1,
                    VisitGroup::Turning15 => kept.turning_15 += 1,
                }
            }
        }
        let txn = core.db.begin_write().await?;
        if q::forget_pupils(&txn, scope, class.id, kept, core.now()).await? {
            forgotten += 1;
        }
        txn.commit().await?;
    }
    Ok(forgotten)
}
