//! Staff availability: weekly hours and their exceptions. A row names only
//! its staff member; the staff member's municipality is the scope, checked
//! in the same statement.

use crate::Scope;
use crate::entity::{staff, staff_exception, staff_hours};
use chrono::{NaiveDate, NaiveTime, Weekday};
use samvirke_domain::availability::{
    Availability, Exception, ExceptionKind, TimeRange, WeeklyHours,
};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// `HH:MM`, as times of day are stored.
pub(crate) fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

pub(crate) fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

/// The ids of those of `ids` that are staff of the scope.
fn staff_in(scope: Scope, ids: &[i64]) -> SelectStatement {
    Query::select()
        .column(staff::Column::Id)
        .from(staff::Entity)
        .and_where(staff::Column::Id.is_in(ids.to_vec()))
        .and_where(staff::Column::MunicipalityId.eq(scope.m()))
        .to_owned()
}

fn exception_of(row: &staff_exception::Model) -> Option<Exception> {
    let range = || {
        TimeRange::new(
            parse_hhmm(row.start_time.as_deref()?)?,
            parse_hhmm(row.end_time.as_deref()?)?,
        )
    };
    Some(match row.kind.parse::<ExceptionKind>().ok()? {
        ExceptionKind::DayOff => Exception::DayOff(row.first_day),
        ExceptionKind::Away => Exception::Away(row.first_day, row.last_day),
        ExceptionKind::Off => Exception::Off(row.first_day, range()?),
        ExceptionKind::Extra => Exception::Extra(row.first_day, range()?),
    })
}

/// The availability of each of `ids` that is staff of the scope (weekly
/// hours and every exception); someone with no rows has an empty one.
pub async fn availability_of(
    db: &impl ConnectionTrait,
    scope: Scope,
    ids: &[i64],
) -> Result<HashMap<i64, Availability>, DbErr> {
    let mut out: HashMap<i64, Availability> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let hours = staff_hours::Entity::find()
        .filter(staff_hours::Column::StaffId.in_subquery(staff_in(scope, ids)))
        .order_by_asc(staff_hours::Column::Id)
        .all(db)
        .await?;
    for h in hours {
        let (Some(day), Some(range)) = (
            u8::try_from(h.weekday - 1)
                .ok()
                .and_then(|d| Weekday::try_from(d).ok()),
            parse_hhmm(&h.start_time)
                .zip(parse_hhmm(&h.end_time))
                .and_then(|(s, e)| TimeRange::new(s, e)),
        ) else {
            continue;
        };
        out.entry(h.staff_id).or_default().weekly.add(day, range);
    }
    for row in exception_rows(db, scope, ids).await? {
        if let Some(e) = exception_of(&row) {
            out.entry(row.staff_id).or_default().exceptions.push(e);
        }
    }
    Ok(out)
}

async fn exception_rows(
    db: &impl ConnectionTrait,
    scope: Scope,
    ids: &[i64],
) -> Result<Vec<staff_exception::Model>, DbErr> {
    staff_exception::Entity::find()
        .filter(staff_exception::Column::StaffId.in_subquery(staff_in(scope, ids)))
        .order_by_asc(staff_exception::Column::FirstDay)
        .order_by_asc(staff_exception::Column::Id)
        .all(db)
        .await
}

/// One staff member's exceptions with their ids, by first day.
pub async fn exceptions(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: i64,
) -> Result<Vec<(i64, Exception)>, DbErr> {
    Ok(exception_rows(db, scope, &[staff_id])
        .await?
        .iter()
        .filter_map(|r| exception_of(r).map(|e| (r.id, e)))
        .collect())
}

/// Replaces a staff member's weekly hours; nothing when they are not of the scope.
pub async fn set_weekly_hours(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: i64,
    weekly: &WeeklyHours,
) -> Result<(), DbErr> {
    if crate::staff::get(db, scope, samvirke_domain::StaffId(staff_id))
        .await?
        .is_none()
    {
        return Ok(());
    }
    staff_hours::Entity::delete_many()
        .filter(staff_hours::Column::StaffId.eq(staff_id))
        .exec(db)
        .await?;
    for day in 0..7u8 {
        let Ok(weekday) = Weekday::try_from(day) else {
            continue;
        };
        for range in weekly.on(weekday) {
            staff_hours::ActiveModel {
                id: NotSet,
                staff_id: Set(staff_id),
                weekday: Set(i32::from(day) + 1),
                start_time: Set(hhmm(range.start())),
                end_time: Set(hhmm(range.end())),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Adds an exception; `None` when the staff member is not of the scope.
pub async fn add_exception(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: i64,
    exception: Exception,
) -> Result<Option<i64>, DbErr> {
    if crate::staff::get(db, scope, samvirke_domain::StaffId(staff_id))
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let (first, last, range): (NaiveDate, NaiveDate, Option<TimeRange>) = match exception {
        Exception::DayOff(d) => (d, d, None),
        Exception::Away(a, b) => (a, b, None),
        Exception::Off(d, r) | Exception::Extra(d, r) => (d, d, Some(r)),
    };
    let row = staff_exception::ActiveModel {
        id: NotSet,
        staff_id: Set(staff_id),
        kind: Set(exception.kind().as_str().to_owned()),
        first_day: Set(first),
        last_day: Set(last),
        start_time: Set(range.map(|r| hhmm(r.start()))),
        end_time: Set(range.map(|r| hhmm(r.end()))),
    }
    .insert(db)
    .await?;
    Ok(Some(row.id))
}

/// Removes one exception of a staff member of the scope; false when there was none.
pub async fn remove_exception(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: i64,
    id: i64,
) -> Result<bool, DbErr> {
    Ok(staff_exception::Entity::delete_many()
        .filter(staff_exception::Column::Id.eq(id))
        .filter(staff_exception::Column::StaffId.eq(staff_id))
        .filter(staff_exception::Column::StaffId.in_subquery(staff_in(scope, &[staff_id])))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}
