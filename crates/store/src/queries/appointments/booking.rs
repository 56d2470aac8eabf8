//! The appointments: booking (one per staff member and start, by the
//! unique `slot_key`), the link secrets, cancelling and marking by
//! conditional updates, the day's list, reminders, retention and counts.

use crate::Scope;
use crate::entity::appointment as appt;
use chrono::{DateTime, Utc};
use samvirke_domain::appointments::AppointmentStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

pub use crate::entity::appointment::Model as AppointmentRow;

/// A new appointment.
#[derive(Debug, Clone)]
pub struct NewAppointment<'a> {
    pub service_id: i64,
    pub staff_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub topic: Option<&'a str>,
    pub answers: Option<&'a str>,
    pub language: &'a str,
    pub cancel_token_hash: &'a str,
    pub booked_by: Option<i64>,
}

/// The key that makes a staff member's start unique while booked.
fn slot_key(starts_at: DateTime<Utc>) -> String {
    starts_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Inserts a booked appointment. A unique violation when the staff member
/// has an appointment at that start already.
pub async fn insert(
    db: &impl ConnectionTrait,
    scope: Scope,
    a: &NewAppointment<'_>,
    now: DateTime<Utc>,
) -> Result<AppointmentRow, DbErr> {
    appt::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        service_id: Set(a.service_id),
        staff_id: Set(a.staff_id),
        starts_at: Set(a.starts_at),
        ends_at: Set(a.ends_at),
        slot_key: Set(Some(slot_key(a.starts_at))),
        status: Set(AppointmentStatus::Booked.as_str().into()),
        name: Set(Some(a.name.into())),
        email: Set(a.email.map(Into::into)),
        phone: Set(a.phone.map(Into::into)),
        topic: Set(a.topic.map(Into::into)),
        answers: Set(a.answers.map(Into::into)),
        language: Set(a.language.into()),
        cancel_token_hash: Set(a.cancel_token_hash.into()),
        email_token_hash: Set(None),
        booked_by: Set(a.booked_by),
        created_at: Set(now),
        cancelled_at: Set(None),
        marked_at: Set(None),
        reminder_sent_at: Set(None),
        personal_deleted_at: Set(None),
    }
    .insert(db)
    .await
}

pub async fn appointment(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<AppointmentRow>, DbErr> {
    appt::Entity::find_by_id(id)
        .filter(appt::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

/// The appointment whose cancel token or e-mail link secret has this hash.
pub async fn appointment_by_token_hash(
    db: &impl ConnectionTrait,
    hash: &str,
) -> Result<Option<AppointmentRow>, DbErr> {
    appt::Entity::find()
        .filter(
            Condition::any()
                .add(appt::Column::CancelTokenHash.eq(hash))
                .add(appt::Column::EmailTokenHash.eq(hash)),
        )
        // A moved appointment passes its secrets on: the newest is the one.
        .order_by_desc(appt::Column::Id)
        .one(db)
        .await
}

pub async fn set_email_token_hash(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    hash: &str,
) -> Result<bool, DbErr> {
    let r = appt::Entity::update_many()
        .col_expr(appt::Column::EmailTokenHash, Expr::value(hash))
        .filter(appt::Column::Id.eq(id))
        .filter(appt::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// The appointments (not cancelled) of these staff members that overlap
/// `from`–`to`, as (staff, start, end): what the slot search needs.
pub async fn busy_for_staff(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_ids: &[i64],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>, DateTime<Utc>)>, DbErr> {
    appt::Entity::find()
        .select_only()
        .column(appt::Column::StaffId)
        .column(appt::Column::StartsAt)
        .column(appt::Column::EndsAt)
        .filter(appt::Column::MunicipalityId.eq(scope.m()))
        .filter(appt::Column::StaffId.is_in(staff_ids.to_vec()))
        .filter(appt::Column::SlotKey.is_not_null())
        .filter(appt::Column::EndsAt.gt(from))
        .filter(appt::Column::StartsAt.lt(to))
        .into_tuple()
        .all(db)
        .await
}

/// The appointments of an organisation's services (of one staff member
/// when `staff` is given) that start in `from`–`to`, cancelled ones too.
pub async fn for_day(
    db: &impl ConnectionTrait,
    scope: Scope,
    service_ids: &[i64],
    staff: Option<i64>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<AppointmentRow>, DbErr> {
    let mut q = appt::Entity::find()
        .filter(appt::Column::MunicipalityId.eq(scope.m()))
        .filter(appt::Column::ServiceId.is_in(service_ids.to_vec()))
        .filter(appt::Column::StartsAt.gte(from))
        .filter(appt::Column::StartsAt.lt(to));
    if let Some(s) = staff {
        q = q.filter(appt::Column::StaffId.eq(s));
    }
    q.order_by_asc(appt::Column::StartsAt)
        .order_by_asc(appt::Column::Id)
        .all(db)
        .await
}

/// Cancels a booked appointment: frees its time (the slot key) in the
/// same statement. False when it was not booked (cancelled already, or marked).
pub async fn cancel(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = appt::Entity::update_many()
        .col_expr(
            appt::Column::Status,
            Expr::value(AppointmentStatus::Cancelled.as_str()),
        )
        .col_expr(appt::Column::SlotKey, Expr::value(Option::<String>::None))
        .col_expr(appt::Column::CancelledAt, Expr::value(now))
        .filter(appt::Column::Id.eq(id))
        .filter(appt::Column::MunicipalityId.eq(scope.m()))
        .filter(appt::Column::Status.eq(AppointmentStatus::Booked.as_str()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Marks an appointment done or no-show, from `from` (one of the states
/// the mark may follow). False when it was not in one of them.
pub async fn mark(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    from: &[AppointmentStatus],
    to: AppointmentStatus,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = appt::Entity::update_many()
        .col_expr(appt::Column::Status, Expr::value(to.as_str()))
        .col_expr(appt::Column::MarkedAt, Expr::value(now))
        .filter(appt::Column::Id.eq(id))
        .filter(appt::Column::MunicipalityId.eq(scope.m()))
        .filter(appt::Column::Status.is_in(from.iter().map(|s| s.as_str())))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Booked appointments starting in `from`–`to` whose reminder is not sent,
/// in every municipality (each then goes on in its own scope).
pub async fn due_for_reminder(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<AppointmentRow>, DbErr> {
    appt::Entity::find()
        .filter(appt::Column::Status.eq(AppointmentStatus::Booked.as_str()))
        .filter(appt::Column::ReminderSentAt.is_null())
        .filter(appt::Column::StartsAt.gte(from))
        .filter(appt::Column::StartsAt.lt(to))
        .order_by_asc(appt::Column::Id)
        .all(db)
        .await
}

/// Claims an appointment's one reminder: true for the one caller that set
/// it, so two workers never both send.
pub async fn claim_reminder(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = appt::Entity::update_many()
        .col_expr(appt::Column::ReminderSentAt, Expr::value(now))
        .filter(appt::Column::Id.eq(id))
        .filter(appt::Column::MunicipalityId.eq(scope.m()))
        .filter(appt::Column::ReminderSentAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Empties the name, contact, topic and answers of appointments that ended
/// before `cutoff`, in every municipality (the retention rule, not a
/// read); the row stays for the counts. Returns how many were emptied.
pub async fn forget_appointments_ended_before(
    db: &impl ConnectionTrait,
    scope: Scope,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let none = || Expr::value(Option::<String>::None);
    let r = appt::Entity::update_many()
        .col_expr(appt::Column::Name, none())
        .col_expr(appt::Column::Email, none())
        .col_expr(appt::Column::Phone, none())
        .col_expr(appt::Column::Topic, none())
        .col_expr(appt::Column::Answers, none())
        .col_expr(appt::Column::PersonalDeletedAt, Expr::value(now))
        .filter(appt::Column::MunicipalityId.eq(scope.m()))
        .filter(appt::Column::EndsAt.lt(cutoff))
        .filter(appt::Column::PersonalDeletedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// How many appointments of a service are in a state.
pub async fn count(
    db: &impl ConnectionTrait,
    scope: Scope,
    service_id: i64,
    status: AppointmentStatus,
) -> Result<u64, DbErr> {
    appt::Entity::find()
        .filter(appt::Column::MunicipalityId.eq(scope.m()))
        .filter(appt::Column::ServiceId.eq(service_id))
        .filter(appt::Column::Status.eq(status.as_str()))
        .count(db)
        .await
}
