//! Rooms, who may book them, their bookings and their calendar links. A
//! room is of the scope's municipality; a booking carries its room's
//! municipality, checked in the same statement.

use crate::Scope;
use crate::entity::{room, room_access, room_booking, room_feed};
use chrono::{DateTime, Utc};
use samvirke_domain::OrgId;
use samvirke_domain::rooms::{BookingStatus, Visibility};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder,
};

/// A new room, as the owner's coordinator defines it.
pub struct NewRoom<'a> {
    pub org: OrgId,
    pub site_id: i64,
    pub name: &'a str,
    pub capacity: i32,
    pub equipment: &'a str,
}

pub async fn create_room(
    db: &impl ConnectionTrait,
    scope: Scope,
    new: NewRoom<'_>,
    now: DateTime<Utc>,
) -> Result<room::Model, DbErr> {
    room::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        organisation_id: Set(new.org.0),
        site_id: Set(new.site_id),
        name: Set(new.name.to_owned()),
        capacity: Set(new.capacity),
        equipment: Set(new.equipment.to_owned()),
        lock_seq: Set(0),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// Renames a room of the scope and sets its capacity and equipment; false
/// when there is no such room.
pub async fn update_room(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    name: &str,
    capacity: i32,
    equipment: &str,
) -> Result<bool, DbErr> {
    let r = room::Entity::update_many()
        .col_expr(room::Column::Name, Expr::value(name))
        .col_expr(room::Column::Capacity, Expr::value(capacity))
        .col_expr(room::Column::Equipment, Expr::value(equipment))
        .filter(room::Column::Id.eq(id))
        .filter(room::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Every room of the scope, by name.
pub async fn rooms(db: &impl ConnectionTrait, scope: Scope) -> Result<Vec<room::Model>, DbErr> {
    room::Entity::find()
        .filter(room::Column::MunicipalityId.eq(scope.m()))
        .order_by_asc(room::Column::Name)
        .order_by_asc(room::Column::Id)
        .all(db)
        .await
}

pub async fn room(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<room::Model>, DbErr> {
    room::Entity::find_by_id(id)
        .filter(room::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

fn rooms_in(scope: Scope) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(room::Column::Id)
        .from(room::Entity)
        .and_where(room::Column::MunicipalityId.eq(scope.m()))
        .to_owned()
}

/// Who may book the scope's rooms besides their owners.
pub async fn access(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Vec<room_access::Model>, DbErr> {
    room_access::Entity::find()
        .filter(room_access::Column::RoomId.in_subquery(rooms_in(scope)))
        .all(db)
        .await
}

/// Whether an organisation other than the owner may book a room of the
/// scope: None when not, Some(needs approval) when it may.
pub async fn access_of_org(
    db: &impl ConnectionTrait,
    scope: Scope,
    room_id: i64,
    org: OrgId,
) -> Result<Option<bool>, DbErr> {
    Ok(room_access::Entity::find()
        .filter(room_access::Column::RoomId.in_subquery(rooms_in(scope)))
        .filter(room_access::Column::RoomId.eq(room_id))
        .filter(room_access::Column::OrganisationId.eq(org.0))
        .one(db)
        .await?
        .map(|a| a.needs_approval))
}

/// Replaces who may book a room of the scope: (organisation, needs approval).
pub async fn set_access(
    db: &impl ConnectionTrait,
    scope: Scope,
    room_id: i64,
    orgs: &[(OrgId, bool)],
) -> Result<(), DbErr> {
    if room(db, scope, room_id).await?.is_none() {
        return Ok(());
    }
    room_access::Entity::delete_many()
        .filter(room_access::Column::RoomId.eq(room_id))
        .exec(db)
        .await?;
    for (org, needs_approval) in orgs {
        room_access::ActiveModel {
            room_id: Set(room_id),
            organisation_id: Set(org.0),
            needs_approval: Set(*needs_approval),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Takes the room's lock for the rest of the transaction: every booking
/// transaction does this before it looks for overlaps, so two never decide
/// on the same free time (PostgreSQL: the row lock; SQLite: the write
/// lock, on the one write connection). False when no such room.
pub async fn lock_room(db: &impl ConnectionTrait, scope: Scope, id: i64) -> Result<bool, DbErr> {
    let r = room::Entity::update_many()
        .col_expr(
            room::Column::LockSeq,
            Expr::col(room::Column::LockSeq).add(1),
        )
        .filter(room::Column::Id.eq(id))
        .filter(room::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

fn holding() -> Vec<&'static str> {
    [BookingStatus::Confirmed, BookingStatus::Pending]
        .map(BookingStatus::as_str)
        .to_vec()
}

/// The bookings of a room that hold time (confirmed and pending) and
/// overlap `[from, to)`, by start.
pub async fn holding_between(
    db: &impl ConnectionTrait,
    scope: Scope,
    room_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<room_booking::Model>, DbErr> {
    room_booking::Entity::find()
        .filter(room_booking::Column::RoomId.eq(room_id))
        .filter(room_booking::Column::MunicipalityId.eq(scope.m()))
        .filter(room_booking::Column::Status.is_in(holding()))
        .filter(room_booking::Column::StartsAt.lt(to))
        .filter(room_booking::Column::EndsAt.gt(from))
        .order_by_asc(room_booking::Column::StartsAt)
        .order_by_asc(room_booking::Column::Id)
        .all(db)
        .await
}

pub struct NewBooking<'a> {
    pub room_id: i64,
    pub org: OrgId,
    pub booked_by: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub title: &'a str,
    pub visibility: Visibility,
    pub status: BookingStatus,
    pub series_id: Option<i64>,
}

pub async fn insert_booking(
    db: &impl ConnectionTrait,
    scope: Scope,
    b: NewBooking<'_>,
    now: DateTime<Utc>,
) -> Result<room_booking::Model, DbErr> {
    room_booking::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        room_id: Set(b.room_id),
        organisation_id: Set(b.org.0),
        booked_by: Set(b.booked_by),
        starts_at: Set(b.starts_at),
        ends_at: Set(b.ends_at),
        title: Set(Some(b.title.to_owned())),
        visibility: Set(b.visibility.as_str().to_owned()),
        status: Set(b.status.as_str().to_owned()),
        series_id: Set(b.series_id),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// Marks the first booking of a series as its own series.
pub async fn set_series(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    series_id: i64,
) -> Result<(), DbErr> {
    room_booking::Entity::update_many()
        .col_expr(room_booking::Column::SeriesId, Expr::value(series_id))
        .filter(room_booking::Column::Id.eq(id))
        .filter(room_booking::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn booking(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<room_booking::Model>, DbErr> {
    room_booking::Entity::find_by_id(id)
        .filter(room_booking::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

/// Moves a booking from one status to another; false when it was not in
/// `from` any more (answered or cancelled meanwhile).
pub async fn change_status(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    from: BookingStatus,
    to: BookingStatus,
) -> Result<bool, DbErr> {
    let r = room_booking::Entity::update_many()
        .col_expr(room_booking::Column::Status, Expr::value(to.as_str()))
        .filter(room_booking::Column::Id.eq(id))
        .filter(room_booking::Column::MunicipalityId.eq(scope.m()))
        .filter(room_booking::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// The requests waiting for the approval of the rooms of `owner`, by start.
pub async fn pending_of_owner(
    db: &impl ConnectionTrait,
    scope: Scope,
    owner: OrgId,
) -> Result<Vec<room_booking::Model>, DbErr> {
    let owned = Query::select()
        .column(room::Column::Id)
        .from(room::Entity)
        .and_where(room::Column::MunicipalityId.eq(scope.m()))
        .and_where(room::Column::OrganisationId.eq(owner.0))
        .to_owned();
    room_booking::Entity::find()
        .filter(room_booking::Column::RoomId.in_subquery(owned))
        .filter(room_booking::Column::Status.eq(BookingStatus::Pending.as_str()))
        .order_by_asc(room_booking::Column::StartsAt)
        .order_by_asc(room_booking::Column::Id)
        .all(db)
        .await
}

/// Retention: deletes the text of every discreet booking whose meeting
/// ended before `before`, in every municipality. The time stays.
pub async fn purge_discreet_titles_ended_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let r = room_booking::Entity::update_many()
        .col_expr(room_booking::Column::Title, Expr::value(None::<String>))
        .filter(room_booking::Column::Visibility.eq(Visibility::Discreet.as_str()))
        .filter(room_booking::Column::EndsAt.lt(before))
        .filter(room_booking::Column::Title.is_not_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// Makes a staff member's secret link to a room's calendar; their old
/// link to the same room stops working.
pub async fn create_feed(
    db: &impl ConnectionTrait,
    scope: Scope,
    room_id: i64,
    staff_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if room(db, scope, room_id).await?.is_none() {
        return Err(DbErr::RecordNotFound("room".into()));
    }
    room_feed::Entity::delete_many()
        .filter(room_feed::Column::RoomId.eq(room_id))
        .filter(room_feed::Column::StaffId.eq(staff_id))
        .exec(db)
        .await?;
    room_feed::ActiveModel {
        id: NotSet,
        room_id: Set(room_id),
        staff_id: Set(staff_id),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The room and staff member behind a room calendar link's hash, with the
/// room's municipality: (municipality, room, staff).
pub async fn room_feed_owner(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(i64, i64, i64)>, DbErr> {
    let Some(feed) = room_feed::Entity::find()
        .filter(room_feed::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(room::Entity::find_by_id(feed.room_id)
        .one(db)
        .await?
        .map(|r| (r.municipality_id, r.id, feed.staff_id)))
}
