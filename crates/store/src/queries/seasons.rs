//! What the season planner reads and writes: the municipality's school
//! calendar, each school's visit settings, the staff who may be given
//! visits and what they are busy with, and the visits saved.

use crate::Scope;
use crate::entity::{
    class_visit, competence, event_session, organisation, school_calendar, school_closed_period,
    school_visit_settings, staff, staff_assignment, staff_competence,
};
use crate::queries::availability::{hhmm, parse_hhmm};
use chrono::{DateTime, Utc, Weekday};
use samvirke_domain::availability::{Interval, TimeRange};
use samvirke_domain::school_year::{FirstSchoolDay, MonthDay, SchoolCalendarSettings, WinterWeek};
use samvirke_domain::season::School;
use samvirke_domain::{OrgId, OrgKind};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder,
};

fn month_day(md: MonthDay) -> String {
    format!("{:02}-{:02}", md.month, md.day)
}

fn parse_month_day(s: &str) -> Option<MonthDay> {
    let (m, d) = s.split_once('-')?;
    Some(MonthDay::new(m.parse().ok()?, d.parse().ok()?))
}

/// The municipality's school calendar settings (the defaults until set).
pub async fn calendar_settings(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<SchoolCalendarSettings, DbErr> {
    let defaults = SchoolCalendarSettings::default();
    let row = school_calendar::Entity::find_by_id(scope.m())
        .one(db)
        .await?;
    let extra = school_closed_period::Entity::find()
        .filter(school_closed_period::Column::MunicipalityId.eq(scope.m()))
        .order_by_asc(school_closed_period::Column::FirstDay)
        .order_by_asc(school_closed_period::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.first_day, p.last_day))
        .collect();
    let Some(r) = row else {
        return Ok(SchoolCalendarSettings { extra, ..defaults });
    };
    let week = |w: Option<i32>| w.and_then(|w| u32::try_from(w).ok());
    Ok(SchoolCalendarSettings {
        first_school_day: match (week(r.first_school_week), r.first_school_day.as_deref()) {
            (Some(w), _) => FirstSchoolDay::MondayOfIsoWeek(w),
            (None, Some(md)) => {
                parse_month_day(md).map_or(defaults.first_school_day, FirstSchoolDay::Date)
            }
            (None, None) => defaults.first_school_day,
        },
        last_visit_day: parse_month_day(&r.last_visit_day).unwrap_or(defaults.last_visit_day),
        autumn_week: week(r.autumn_week),
        christmas_from: parse_month_day(&r.christmas_from).unwrap_or(defaults.christmas_from),
        christmas_to: parse_month_day(&r.christmas_to).unwrap_or(defaults.christmas_to),
        winter_week: match r.winter_week {
            Some(7) => Some(WinterWeek::Week7),
            Some(8) => Some(WinterWeek::Week8),
            _ => None,
        },
        easter: r.easter,
        extra,
    })
}

/// Replaces the municipality's school calendar settings.
pub async fn set_calendar_settings(
    db: &impl ConnectionTrait,
    scope: Scope,
    s: &SchoolCalendarSettings,
) -> Result<(), DbErr> {
    school_calendar::Entity::delete_by_id(scope.m())
        .exec(db)
        .await?;
    let (week, day) = match s.first_school_day {
        FirstSchoolDay::MondayOfIsoWeek(w) => (i32::try_from(w).ok(), None),
        FirstSchoolDay::Date(md) => (None, Some(month_day(md))),
    };
    school_calendar::ActiveModel {
        municipality_id: Set(scope.m()),
        first_school_week: Set(week),
        first_school_day: Set(day),
        last_visit_day: Set(month_day(s.last_visit_day)),
        autumn_week: Set(s.autumn_week.and_then(|w| i32::try_from(w).ok())),
        christmas_from: Set(month_day(s.christmas_from)),
        christmas_to: Set(month_day(s.christmas_to)),
        winter_week: Set(s.winter_week.map(|w| w.week() as i32)),
        easter: Set(s.easter),
    }
    .insert(db)
    .await?;
    school_closed_period::Entity::delete_many()
        .filter(school_closed_period::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    for &(first, last) in &s.extra {
        school_closed_period::ActiveModel {
            id: NotSet,
            municipality_id: Set(scope.m()),
            first_day: Set(first),
            last_day: Set(last),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A school's visit settings when it has set none: Monday to Friday,
/// 8:15–11:45, 90 minutes.
fn default_school(id: OrgId) -> School {
    School {
        id,
        weekdays: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        window: TimeRange::hm((8, 15), (11, 45)).expect("a valid range"),
        visit_minutes: 90,
    }
}

/// Every active school of the scope with its visit settings.
pub async fn schools(db: &impl ConnectionTrait, scope: Scope) -> Result<Vec<School>, DbErr> {
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::MunicipalityId.eq(scope.m()))
        .filter(organisation::Column::Kind.eq(OrgKind::School.as_str()))
        .filter(organisation::Column::Active.eq(true))
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?;
    let rows = school_visit_settings::Entity::find()
        .filter(school_visit_settings::Column::MunicipalityId.eq(scope.m()))
        .all(db)
        .await?;
    Ok(orgs
        .into_iter()
        .map(|o| {
            let default = default_school(OrgId(o.id));
            let Some(r) = rows.iter().find(|r| r.organisation_id == o.id) else {
                return default;
            };
            let window = parse_hhmm(&r.window_start)
                .zip(parse_hhmm(&r.window_end))
                .and_then(|(s, e)| TimeRange::new(s, e))
                .unwrap_or(default.window);
            School {
                id: default.id,
                weekdays: r
                    .weekdays
                    .split(',')
                    .filter_map(|d| d.trim().parse::<u8>().ok())
                    .filter_map(|d| d.checked_sub(1))
                    .filter_map(|d| Weekday::try_from(d).ok())
                    .collect(),
                window,
                visit_minutes: u32::try_from(r.visit_minutes).unwrap_or(default.visit_minutes),
            }
        })
        .collect())
}

/// Replaces a school's visit settings; nothing when it is not a school of the scope.
pub async fn set_school(db: &impl ConnectionTrait, scope: Scope, s: &School) -> Result<(), DbErr> {
    let ours = organisation::Entity::find_by_id(s.id.0)
        .filter(organisation::Column::MunicipalityId.eq(scope.m()))
        .filter(organisation::Column::Kind.eq(OrgKind::School.as_str()))
        .one(db)
        .await?
        .is_some();
    if !ours {
        return Ok(());
    }
    school_visit_settings::Entity::delete_by_id(s.id.0)
        .exec(db)
        .await?;
    let days: Vec<String> = s
        .weekdays
        .iter()
        .map(|d| d.number_from_monday().to_string())
        .collect();
    school_visit_settings::ActiveModel {
        organisation_id: Set(s.id.0),
        municipality_id: Set(scope.m()),
        weekdays: Set(days.join(",")),
        window_start: Set(hhmm(s.window.start())),
        window_end: Set(hhmm(s.window.end())),
        visit_minutes: Set(i32::try_from(s.visit_minutes).unwrap_or(i32::MAX)),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A staff member who runs visits: of the library or the citizen service.
#[derive(Debug, Clone)]
pub struct VisitStaff {
    pub id: i64,
    pub name: String,
    pub org_id: i64,
    pub kind: OrgKind,
    pub competences: Vec<String>,
}

/// The active staff of the scope's libraries and citizen services, with
/// their competence codes; by id.
pub async fn visit_staff(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Vec<VisitStaff>, DbErr> {
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::MunicipalityId.eq(scope.m()))
        .filter(
            organisation::Column::Kind
                .is_in([OrgKind::Library.as_str(), OrgKind::CitizenService.as_str()]),
        )
        .all(db)
        .await?;
    let people = staff::Entity::find()
        .filter(staff::Column::MunicipalityId.eq(scope.m()))
        .filter(staff::Column::OrganisationId.is_in(orgs.iter().map(|o| o.id)))
        .filter(staff::Column::Active.eq(true))
        .order_by_asc(staff::Column::Id)
        .all(db)
        .await?;
    let codes = competence::Entity::find()
        .filter(competence::Column::MunicipalityId.eq(scope.m()))
        .all(db)
        .await?;
    let held = staff_competence::Entity::find()
        .filter(staff_competence::Column::StaffId.is_in(people.iter().map(|p| p.id)))
        .all(db)
        .await?;
    Ok(people
        .into_iter()
        .filter_map(|p| {
            let kind = orgs
                .iter()
                .find(|o| o.id == p.organisation_id)
                .and_then(|o| OrgKind::parse(&o.kind))?;
            let competences = held
                .iter()
                .filter(|h| h.staff_id == p.id)
                .filter_map(|h| codes.iter().find(|c| c.id == h.competence_id))
                .map(|c| c.code.clone())
                .collect();
            Some(VisitStaff {
                id: p.id,
                name: p.name,
                org_id: p.organisation_id,
                kind,
                competences,
            })
        })
        .collect())
}

/// A session a staff member is on (not cancelled) that ends after `from`.
#[derive(Debug, Clone, Copy)]
pub struct Busy {
    pub staff_id: i64,
    pub session_id: i64,
    pub interval: Interval,
}

/// The sessions `staff_ids` are staffed on from `from` until `to`, in the scope.
pub async fn busy(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_ids: &[i64],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Busy>, DbErr> {
    let assignments = staff_assignment::Entity::find()
        .filter(staff_assignment::Column::StaffId.is_in(staff_ids.to_vec()))
        .all(db)
        .await?;
    let sessions = event_session::Entity::find()
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::Id.is_in(assignments.iter().map(|a| a.session_id)))
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(event_session::Column::EndsAt.gt(from))
        .filter(event_session::Column::StartsAt.lt(to))
        .all(db)
        .await?;
    let mut out: Vec<Busy> = Vec::new();
    for a in &assignments {
        let Some(s) = sessions.iter().find(|s| s.id == a.session_id) else {
            continue;
        };
        let Some(interval) = Interval::new(s.starts_at, s.ends_at) else {
            continue;
        };
        // One entry per person and session, however many parts they run.
        if !out
            .iter()
            .any(|b| b.staff_id == a.staff_id && b.session_id == s.id)
        {
            out.push(Busy {
                staff_id: a.staff_id,
                session_id: s.id,
                interval,
            });
        }
    }
    Ok(out)
}

/// A visit already saved: the class, its session and who is staffed on it.
#[derive(Debug, Clone)]
pub struct SavedVisit {
    pub class_id: i64,
    pub session: event_session::Model,
    pub staff_ids: Vec<i64>,
}

/// The saved visits of these classes of the scope.
pub async fn saved_visits(
    db: &impl ConnectionTrait,
    scope: Scope,
    class_ids: &[i64],
) -> Result<Vec<SavedVisit>, DbErr> {
    let visits = class_visit::Entity::find()
        .filter(class_visit::Column::ClassId.is_in(class_ids.to_vec()))
        .all(db)
        .await?;
    let sessions = event_session::Entity::find()
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::Id.is_in(visits.iter().map(|v| v.session_id)))
        .all(db)
        .await?;
    let staffed = staff_assignment::Entity::find()
        .filter(staff_assignment::Column::SessionId.is_in(sessions.iter().map(|s| s.id)))
        .all(db)
        .await?;
    Ok(visits
        .into_iter()
        .filter_map(|v| {
            let session = sessions.iter().find(|s| s.id == v.session_id)?.clone();
            let mut staff_ids: Vec<i64> = staffed
                .iter()
                .filter(|a| a.session_id == session.id)
                .map(|a| a.staff_id)
                .collect();
            staff_ids.sort_unstable();
            staff_ids.dedup();
            Some(SavedVisit {
                class_id: v.class_id,
                session,
                staff_ids,
            })
        })
        .collect())
}

/// Records a session as a class's visit. Fails with a unique violation
/// when the class has a visit already (the primary key), so two confirms
/// at once cannot give one class two visits.
pub async fn insert_class_visit(
    db: &impl ConnectionTrait,
    scope: Scope,
    class_id: i64,
    session_id: i64,
) -> Result<(), DbErr> {
    if crate::classes::class(db, scope, class_id).await?.is_none() {
        return Err(DbErr::RecordNotFound(format!("class {class_id}")));
    }
    class_visit::ActiveModel {
        class_id: Set(class_id),
        session_id: Set(session_id),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Takes the row locks of these staff members of the scope until the
/// transaction ends (a no-op update), so two confirms that staff the same
/// people run one after the other and the second sees the first's visits.
pub async fn lock_staff(db: &impl ConnectionTrait, scope: Scope, ids: &[i64]) -> Result<(), DbErr> {
    staff::Entity::update_many()
        .col_expr(
            staff::Column::UpdatedAt,
            sea_orm::sea_query::Expr::col(staff::Column::UpdatedAt),
        )
        .filter(staff::Column::MunicipalityId.eq(scope.m()))
        .filter(staff::Column::Id.is_in(ids.to_vec()))
        .exec(db)
        .await
        .map(|_| ())
}
