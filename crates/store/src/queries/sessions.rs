//! Programmes, sessions and registrations.
//!
//! Seats are taken and given back only by conditional updates of the
//! session row, so a session is never overbooked whatever runs at once; the
//! same row update also serialises the waiting list.

use crate::entity::{
    agenda_item, event_session, programme, programme_partner, registration, staff_assignment,
};
use crate::{PAGE_MAX, Page, Scope, fetch_count};
use chrono::{DateTime, Utc};
use samvirke_domain::{OrgId, PartnerLevel};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Statement,
};

pub const CONFIRMED: &str = "confirmed";
pub const WAITLISTED: &str = "waitlisted";
pub const CANCELLED: &str = "cancelled";

pub struct NewProgramme<'a> {
    pub org: OrgId,
    pub title: &'a str,
    pub description: &'a str,
    pub target_group: &'a str,
}

pub async fn create_programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    p: NewProgramme<'_>,
    now: DateTime<Utc>,
) -> Result<programme::Model, DbErr> {
    programme::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        organisation_id: Set(p.org.0),
        title: Set(p.title.into()),
        description: Set(p.description.into()),
        target_group: Set(p.target_group.into()),
        active: Set(true),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn add_partner(
    db: &impl ConnectionTrait,
    programme_id: i64,
    org: OrgId,
    level: PartnerLevel,
) -> Result<(), DbErr> {
    programme_partner::ActiveModel {
        programme_id: Set(programme_id),
        organisation_id: Set(org.0),
        level: Set(level.as_str().into()),
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub struct NewAgendaItem<'a> {
    pub position: i32,
    pub title: &'a str,
    pub minutes: i32,
    pub org: OrgId,
    pub competence_id: Option<i64>,
}

pub async fn add_agenda_item(
    db: &impl ConnectionTrait,
    programme_id: i64,
    a: NewAgendaItem<'_>,
) -> Result<agenda_item::Model, DbErr> {
    agenda_item::ActiveModel {
        id: NotSet,
        programme_id: Set(programme_id),
        position: Set(a.position),
        title: Set(a.title.into()),
        minutes: Set(a.minutes),
        organisation_id: Set(a.org.0),
        competence_id: Set(a.competence_id),
    }
    .insert(db)
    .await
}

pub async fn programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<programme::Model>, DbErr> {
    programme::Entity::find_by_id(id)
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

pub async fn programmes(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Vec<programme::Model>, DbErr> {
    programme::Entity::find()
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .order_by_asc(programme::Column::Title)
        .all(db)
        .await
}

pub async fn programme_by_title(
    db: &impl ConnectionTrait,
    scope: Scope,
    title: &str,
) -> Result<Option<programme::Model>, DbErr> {
    programme::Entity::find()
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .filter(programme::Column::Title.eq(title))
        .one(db)
        .await
}

pub async fn partners(
    db: &impl ConnectionTrait,
    programme_ids: &[i64],
) -> Result<Vec<programme_partner::Model>, DbErr> {
    programme_partner::Entity::find()
        .filter(programme_partner::Column::ProgrammeId.is_in(programme_ids.to_vec()))
        .all(db)
        .await
}

pub async fn agenda(
    db: &impl ConnectionTrait,
    programme_id: i64,
) -> Result<Vec<agenda_item::Model>, DbErr> {
    agenda_item::Entity::find()
        .filter(agenda_item::Column::ProgrammeId.eq(programme_id))
        .order_by_asc(agenda_item::Column::Position)
        .all(db)
        .await
}

pub struct NewSession {
    pub programme_id: i64,
    pub org: OrgId,
    pub site_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub signup_opens_at: DateTime<Utc>,
    pub signup_closes_at: DateTime<Utc>,
    pub public: bool,
}

pub async fn create_session(
    db: &impl ConnectionTrait,
    scope: Scope,
    s: NewSession,
    now: DateTime<Utc>,
) -> Result<event_session::Model, DbErr> {
    event_session::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        programme_id: Set(s.programme_id),
        organisation_id: Set(s.org.0),
        site_id: Set(s.site_id),
        starts_at: Set(s.starts_at),
        ends_at: Set(s.ends_at),
        capacity: Set(s.capacity),
        taken: Set(0),
        waitlist_seq: Set(0),
        waitlist_left: Set(0),
        signup_opens_at: Set(s.signup_opens_at),
        signup_closes_at: Set(s.signup_closes_at),
        public: Set(s.public),
        cancelled_at: Set(None),
        reminder_sent_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn session(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<event_session::Model>, DbErr> {
    event_session::Entity::find_by_id(id)
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

pub struct SessionFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub programme_id: Option<i64>,
    pub site_id: Option<i64>,
    pub public_only: bool,
    pub include_cancelled: bool,
}

/// Every session the filter matches, by start time. For lists bounded by
/// what they are (one programme, one feed); a list that grows with use
/// takes [`sessions_page`].
pub async fn sessions(
    db: &impl ConnectionTrait,
    scope: Scope,
    f: &SessionFilter,
) -> Result<Vec<event_session::Model>, DbErr> {
    session_query(scope, f).all(db).await
}

/// Where a session stands in a list: its start, then its id.
pub type SessionKey = (DateTime<Utc>, i64);

/// One page of the sessions the filter matches, by start time then id,
/// after `after` (the key of the last session of the page before).
/// `programmes`, when given, narrows the list to those programmes' sessions.
pub async fn sessions_page(
    db: &impl ConnectionTrait,
    scope: Scope,
    f: &SessionFilter,
    programmes: Option<&[i64]>,
    after: Option<SessionKey>,
    limit: u64,
) -> Result<Page<event_session::Model>, DbErr> {
    let mut q = session_query(scope, f);
    if let Some(ids) = programmes {
        q = q.filter(event_session::Column::ProgrammeId.is_in(ids.to_vec()));
    }
    if let Some((at, id)) = after {
        q = q.filter(
            Condition::any()
                .add(event_session::Column::StartsAt.gt(at))
                .add(
                    Condition::all()
                        .add(event_session::Column::StartsAt.eq(at))
                        .add(event_session::Column::Id.gt(id)),
                ),
        );
    }
    let rows = q.limit(fetch_count(limit)).all(db).await?;
    Ok(Page::from_rows(rows, limit.clamp(1, PAGE_MAX)))
}

fn session_query(scope: Scope, f: &SessionFilter) -> sea_orm::Select<event_session::Entity> {
    let mut q =
        event_session::Entity::find().filter(event_session::Column::MunicipalityId.eq(scope.m()));
    if let Some(from) = f.from {
        q = q.filter(event_session::Column::EndsAt.gte(from));
    }
    if let Some(to) = f.to {
        q = q.filter(event_session::Column::StartsAt.lt(to));
    }
    if let Some(p) = f.programme_id {
        q = q.filter(event_session::Column::ProgrammeId.eq(p));
    }
    if let Some(s) = f.site_id {
        q = q.filter(event_session::Column::SiteId.eq(s));
    }
    if f.public_only {
        q = q.filter(event_session::Column::Public.eq(true));
    }
    if !f.include_cancelled {
        q = q.filter(event_session::Column::CancelledAt.is_null());
    }
    q.order_by_asc(event_session::Column::StartsAt)
        .order_by_asc(event_session::Column::Id)
}

/// Takes a seat if one is free. True when this caller got it.
pub async fn take_seat(db: &impl ConnectionTrait, session_id: i64) -> Result<bool, DbErr> {
    let r = event_session::Entity::update_many()
        .col_expr(
            event_session::Column::Taken,
            Expr::col(event_session::Column::Taken).add(1),
        )
        .filter(event_session::Column::Id.eq(session_id))
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(
            Expr::col(event_session::Column::Taken).lt(Expr::col(event_session::Column::Capacity)),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Joins the waiting list, but only while every seat is taken and the
/// session is not cancelled: returns (this person's sequence number, their
/// place now), or `None` when a seat is free (or the session was cancelled).
/// The condition and the change are one statement, so it cannot go stale.
pub async fn join_waitlist_if_full(
    db: &impl ConnectionTrait,
    session_id: i64,
) -> Result<Option<(i32, i32)>, DbErr> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "UPDATE event_session SET waitlist_seq = waitlist_seq + 1 \
             WHERE id = $1 AND taken >= capacity AND cancelled_at IS NULL \
             RETURNING waitlist_seq, waitlist_left",
            [session_id.into()],
        ))
        .await?;
    let Some(row) = row else { return Ok(None) };
    let seq: i32 = row.try_get_by_index(0)?;
    let left: i32 = row.try_get_by_index(1)?;
    Ok(Some((seq, seq - left)))
}

/// Locks the session row for the rest of the transaction, so cancellations
/// and sign-ups of one session happen one after the other.
pub async fn lock_session(db: &impl ConnectionTrait, session_id: i64) -> Result<(), DbErr> {
    event_session::Entity::update_many()
        .col_expr(
            event_session::Column::WaitlistLeft,
            Expr::col(event_session::Column::WaitlistLeft),
        )
        .filter(event_session::Column::Id.eq(session_id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn release_seat(db: &impl ConnectionTrait, session_id: i64) -> Result<(), DbErr> {
    event_session::Entity::update_many()
        .col_expr(
            event_session::Column::Taken,
            Expr::col(event_session::Column::Taken).sub(1),
        )
        .filter(event_session::Column::Id.eq(session_id))
        .filter(Expr::col(event_session::Column::Taken).gt(0))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn waitlist_departure(db: &impl ConnectionTrait, session_id: i64) -> Result<(), DbErr> {
    event_session::Entity::update_many()
        .col_expr(
            event_session::Column::WaitlistLeft,
            Expr::col(event_session::Column::WaitlistLeft).add(1),
        )
        .filter(event_session::Column::Id.eq(session_id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn cancel_session(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = event_session::Entity::update_many()
        .col_expr(event_session::Column::CancelledAt, Expr::value(now))
        .filter(event_session::Column::Id.eq(id))
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::CancelledAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub struct NewRegistration<'a> {
    pub session_id: i64,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub contact_key: Option<String>,
    pub needs: String,
    pub needs_other: Option<&'a str>,
    pub status: &'static str,
    pub waitlist_seq: Option<i32>,
    pub cancel_token_hash: String,
    pub channel: &'static str,
    pub attendance: Option<&'static str>,
}

pub async fn insert_registration(
    db: &impl ConnectionTrait,
    scope: Scope,
    r: NewRegistration<'_>,
    now: DateTime<Utc>,
) -> Result<registration::Model, DbErr> {
    registration::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        session_id: Set(r.session_id),
        name: Set(r.name.into()),
        email: Set(r.email.map(str::to_string)),
        phone: Set(r.phone.map(str::to_string)),
        contact_key: Set(r.contact_key),
        needs: Set(r.needs),
        needs_other: Set(r.needs_other.map(str::to_string)),
        status: Set(r.status.into()),
        waitlist_seq: Set(r.waitlist_seq),
        cancel_token_hash: Set(r.cancel_token_hash),
        email_token_hash: Set(None),
        channel: Set(r.channel.into()),
        attendance: Set(r.attendance.map(str::to_string)),
        created_at: Set(now),
        promoted_at: Set(None),
        cancelled_at: Set(None),
    }
    .insert(db)
    .await
}

/// The one unscoped look-up: a cancel link names a token, not a municipality.
/// Either secret works: the one answered at sign-up or the one e-mailed.
pub async fn registration_by_token_hash(
    db: &impl ConnectionTrait,
    hash: &str,
) -> Result<Option<registration::Model>, DbErr> {
    registration::Entity::find()
        .filter(
            Condition::any()
                .add(registration::Column::CancelTokenHash.eq(hash))
                .add(registration::Column::EmailTokenHash.eq(hash)),
        )
        .one(db)
        .await
}

/// Removes the personal data of sign-ups to sessions that ended before
/// `cutoff`: name, contacts and needs go, the row stays (status and
/// attendance, for the figures). Runs in every municipality: it is the
/// retention rule, not a read. Returns how many sign-ups were cleared.
pub async fn forget_participants_of_sessions_ended_before(
    db: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let ended = event_session::Entity::find()
        .select_only()
        .column(event_session::Column::Id)
        .filter(event_session::Column::EndsAt.lt(cutoff))
        .into_query();
    let r = registration::Entity::update_many()
        .col_expr(registration::Column::Name, Expr::value(""))
        .col_expr(
            registration::Column::Email,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            registration::Column::Phone,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            registration::Column::ContactKey,
            Expr::value(Option::<String>::None),
        )
        .col_expr(registration::Column::Needs, Expr::value(""))
        .col_expr(
            registration::Column::NeedsOther,
            Expr::value(Option::<String>::None),
        )
        .filter(registration::Column::SessionId.in_subquery(ended))
        .filter(registration::Column::Name.ne(""))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// Records the hash of the cancel secret an e-mail carries; a later
/// e-mail's secret replaces it.
pub async fn set_email_token_hash(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    hash: &str,
) -> Result<bool, DbErr> {
    let r = registration::Entity::update_many()
        .col_expr(registration::Column::EmailTokenHash, Expr::value(hash))
        .filter(registration::Column::Id.eq(id))
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub async fn registration(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<registration::Model>, DbErr> {
    registration::Entity::find_by_id(id)
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

/// Marks a registration cancelled; false when it already was (so a link works once).
pub async fn mark_cancelled(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = registration::Entity::update_many()
        .col_expr(registration::Column::Status, Expr::value(CANCELLED))
        .col_expr(registration::Column::CancelledAt, Expr::value(now))
        .filter(registration::Column::Id.eq(id))
        .filter(registration::Column::Status.ne(CANCELLED))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Promotes the first on the waiting list, if any; returns them.
pub async fn promote_first(
    db: &impl ConnectionTrait,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<registration::Model>, DbErr> {
    loop {
        let Some(mut first) = registration::Entity::find()
            .filter(registration::Column::SessionId.eq(session_id))
            .filter(registration::Column::Status.eq(WAITLISTED))
            .order_by_asc(registration::Column::WaitlistSeq)
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let r = registration::Entity::update_many()
            .col_expr(registration::Column::Status, Expr::value(CONFIRMED))
            .col_expr(registration::Column::PromotedAt, Expr::value(now))
            .filter(registration::Column::Id.eq(first.id))
            .filter(registration::Column::Status.eq(WAITLISTED))
            .exec(db)
            .await?;
        if r.rows_affected == 1 {
            first.status = CONFIRMED.into();
            first.promoted_at = Some(now);
            return Ok(Some(first));
        }
        // Someone else promoted or cancelled them meanwhile: try the next.
    }
}

pub async fn registrations(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
) -> Result<Vec<registration::Model>, DbErr> {
    registration::Entity::find()
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .filter(registration::Column::SessionId.eq(session_id))
        .order_by_asc(registration::Column::Id)
        .all(db)
        .await
}

/// Which registrations of a session a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Everyone, whatever their status, by id (the API).
    All,
    /// Those with a seat, by id.
    Confirmed,
    /// The waiting list, in its order.
    Waiting,
}

/// One page of a session's registrations. `after` is the id (for `All` and
/// `Confirmed`) or the waiting-list number (for `Waiting`) of the last
/// registration on the page before.
pub async fn registrations_page(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    listing: Listing,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<registration::Model>, DbErr> {
    let q = registration::Entity::find()
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .filter(registration::Column::SessionId.eq(session_id));
    let q = match listing {
        Listing::All => q.filter(registration::Column::Id.gt(after.unwrap_or(0))),
        Listing::Confirmed => q
            .filter(registration::Column::Status.eq(CONFIRMED))
            .filter(registration::Column::Id.gt(after.unwrap_or(0))),
        Listing::Waiting => q
            .filter(registration::Column::Status.eq(WAITLISTED))
            .filter(registration::Column::WaitlistSeq.gt(after.unwrap_or(0)))
            .order_by_asc(registration::Column::WaitlistSeq),
    };
    let rows = q
        .order_by_asc(registration::Column::Id)
        .limit(fetch_count(limit))
        .all(db)
        .await?;
    Ok(Page::from_rows(rows, limit.clamp(1, PAGE_MAX)))
}

/// Those with a seat or waiting whose name contains `needle`, in any case
/// (letters outside ASCII compared as typed on SQLite), by id.
pub async fn registrations_named(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    needle: &str,
    limit: u64,
) -> Result<Vec<registration::Model>, DbErr> {
    use sea_orm::sea_query::Func;
    // LIKE's wildcards typed by a person are taken as nothing.
    let needle: String = needle
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '%' | '_' | '\\'))
        .take(100)
        .collect();
    registration::Entity::find()
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .filter(registration::Column::SessionId.eq(session_id))
        .filter(registration::Column::Status.ne(CANCELLED))
        .filter(
            Expr::expr(Func::lower(Expr::col(registration::Column::Name)))
                .like(format!("%{needle}%")),
        )
        .order_by_asc(registration::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// A waiting person's place now: those still waiting ahead of them, plus one.
pub async fn waitlist_place(
    db: &impl ConnectionTrait,
    session_id: i64,
    seq: i32,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    let ahead = registration::Entity::find()
        .filter(registration::Column::SessionId.eq(session_id))
        .filter(registration::Column::Status.eq(WAITLISTED))
        .filter(registration::Column::WaitlistSeq.lt(seq))
        .count(db)
        .await?;
    Ok(ahead + 1)
}

pub async fn waitlist_length(db: &impl ConnectionTrait, session_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    registration::Entity::find()
        .filter(registration::Column::SessionId.eq(session_id))
        .filter(registration::Column::Status.eq(WAITLISTED))
        .count(db)
        .await
}

pub async fn set_attendance(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    attendance: Option<&str>,
) -> Result<bool, DbErr> {
    let r = registration::Entity::update_many()
        .col_expr(
            registration::Column::Attendance,
            Expr::value(attendance.map(str::to_string)),
        )
        .filter(registration::Column::Id.eq(id))
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub async fn assign_staff(
    db: &impl ConnectionTrait,
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<(), DbErr> {
    staff_assignment::ActiveModel {
        session_id: Set(session_id),
        agenda_item_id: Set(agenda_item_id),
        staff_id: Set(staff_id),
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn assignments(
    db: &impl ConnectionTrait,
    session_ids: &[i64],
) -> Result<Vec<staff_assignment::Model>, DbErr> {
    staff_assignment::Entity::find()
        .filter(staff_assignment::Column::SessionId.is_in(session_ids.to_vec()))
        .all(db)
        .await
}

/// Sessions whose reminder is due: starting before `until`, not started, not yet reminded.
pub async fn due_for_reminder(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<event_session::Model>, DbErr> {
    event_session::Entity::find()
        .filter(event_session::Column::ReminderSentAt.is_null())
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(event_session::Column::StartsAt.gt(now))
        .filter(event_session::Column::StartsAt.lte(until))
        .all(db)
        .await
}

/// Marks a session reminded; true for the one caller that did it.
pub async fn claim_reminder(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = event_session::Entity::update_many()
        .col_expr(event_session::Column::ReminderSentAt, Expr::value(now))
        .filter(event_session::Column::Id.eq(id))
        .filter(event_session::Column::ReminderSentAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Replaces a staff member's calendar link with a new one.
pub async fn set_calendar_feed(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: i64,
    token_hash: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use crate::entity::calendar_feed;
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::StaffId.eq(staff_id))
        .exec(db)
        .await?;
    calendar_feed::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        staff_id: Set(staff_id),
        token_hash: Set(token_hash),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The staff member behind a calendar link (unscoped: the link is the key).
pub async fn calendar_feed_owner(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(i64, i64)>, DbErr> {
    use crate::entity::calendar_feed;
    Ok(calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
        .map(|f| (f.municipality_id, f.staff_id)))
}

pub async fn has_calendar_feed(db: &impl ConnectionTrait, staff_id: i64) -> Result<bool, DbErr> {
    use crate::entity::calendar_feed;
    use sea_orm::PaginatorTrait;
    Ok(calendar_feed::Entity::find()
        .filter(calendar_feed::Column::StaffId.eq(staff_id))
        .count(db)
        .await?
        > 0)
}

/// Sessions a staff member is assigned to.
pub async fn sessions_of_staff(
    db: &impl ConnectionTrait,
    scope: Scope,
    staff_id: i64,
) -> Result<Vec<event_session::Model>, DbErr> {
    let ids: Vec<i64> = staff_assignment::Entity::find()
        .filter(staff_assignment::Column::StaffId.eq(staff_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.session_id)
        .collect();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    event_session::Entity::find()
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::Id.is_in(ids))
        .order_by_asc(event_session::Column::StartsAt)
        .all(db)
        .await
}

pub async fn unassign_staff(
    db: &impl ConnectionTrait,
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<(), DbErr> {
    staff_assignment::Entity::delete_many()
        .filter(staff_assignment::Column::SessionId.eq(session_id))
        .filter(staff_assignment::Column::AgendaItemId.eq(agenda_item_id))
        .filter(staff_assignment::Column::StaffId.eq(staff_id))
        .exec(db)
        .await
        .map(|_| ())
}

/// What an edit of a session changes: time, place, seats, public, sign-up window.
pub struct SessionChange {
    pub site_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub signup_opens_at: DateTime<Utc>,
    pub signup_closes_at: DateTime<Utc>,
    pub public: bool,
}

/// Changes a session, but only while it is not cancelled and no more seats
/// are taken than the new capacity: one conditional statement, so the seat
/// counter is never above the capacity. True when the row changed.
pub async fn update_session(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    c: &SessionChange,
) -> Result<bool, DbErr> {
    let r = event_session::Entity::update_many()
        .col_expr(event_session::Column::SiteId, Expr::value(c.site_id))
        .col_expr(event_session::Column::StartsAt, Expr::value(c.starts_at))
        .col_expr(event_session::Column::EndsAt, Expr::value(c.ends_at))
        .col_expr(event_session::Column::Capacity, Expr::value(c.capacity))
        .col_expr(
            event_session::Column::SignupOpensAt,
            Expr::value(c.signup_opens_at),
        )
        .col_expr(
            event_session::Column::SignupClosesAt,
            Expr::value(c.signup_closes_at),
        )
        .col_expr(event_session::Column::Public, Expr::value(c.public))
        .filter(event_session::Column::Id.eq(id))
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::CancelledAt.is_null())
        .filter(event_session::Column::Taken.lte(c.capacity))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Changes a programme's title, description and target group.
pub async fn update_programme(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    title: &str,
    description: &str,
    target_group: &str,
) -> Result<bool, DbErr> {
    let r = programme::Entity::update_many()
        .col_expr(programme::Column::Title, Expr::value(title))
        .col_expr(programme::Column::Description, Expr::value(description))
        .col_expr(programme::Column::TargetGroup, Expr::value(target_group))
        .filter(programme::Column::Id.eq(id))
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Removes all partners of a programme (of the scope), before the new list is added.
pub async fn clear_partners(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
) -> Result<(), DbErr> {
    let owned = programme::Entity::find()
        .select_only()
        .column(programme::Column::Id)
        .filter(programme::Column::Id.eq(programme_id))
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .into_query();
    programme_partner::Entity::delete_many()
        .filter(programme_partner::Column::ProgrammeId.in_subquery(owned))
        .exec(db)
        .await
        .map(|_| ())
}

/// Changes an agenda item of a programme (of the scope) in place, so its
/// staff assignments stay; false when no such item.
pub async fn update_agenda_item(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
    item_id: i64,
    a: NewAgendaItem<'_>,
) -> Result<bool, DbErr> {
    let owned = programme::Entity::find()
        .select_only()
        .column(programme::Column::Id)
        .filter(programme::Column::Id.eq(programme_id))
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .into_query();
    let r = agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::Position, Expr::value(a.position))
        .col_expr(agenda_item::Column::Title, Expr::value(a.title))
        .col_expr(agenda_item::Column::Minutes, Expr::value(a.minutes))
        .col_expr(agenda_item::Column::OrganisationId, Expr::value(a.org.0))
        .col_expr(
            agenda_item::Column::CompetenceId,
            Expr::value(a.competence_id),
        )
        .filter(agenda_item::Column::Id.eq(item_id))
        .filter(agenda_item::Column::ProgrammeId.eq(programme_id))
        .filter(agenda_item::Column::ProgrammeId.in_subquery(owned))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Removes agenda items of a programme (of the scope) with their staff assignments.
pub async fn remove_agenda_items(
    db: &impl ConnectionTrait,
    scope: Scope,
    programme_id: i64,
    item_ids: &[i64],
) -> Result<(), DbErr> {
    if item_ids.is_empty() {
        return Ok(());
    }
    let owned = programme::Entity::find()
        .select_only()
        .column(programme::Column::Id)
        .filter(programme::Column::Id.eq(programme_id))
        .filter(programme::Column::MunicipalityId.eq(scope.m()))
        .into_query();
    let items: Vec<i64> = agenda_item::Entity::find()
        .filter(agenda_item::Column::ProgrammeId.in_subquery(owned))
        .filter(agenda_item::Column::Id.is_in(item_ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    if items.is_empty() {
        return Ok(());
    }
    staff_assignment::Entity::delete_many()
        .filter(staff_assignment::Column::AgendaItemId.is_in(items.clone()))
        .exec(db)
        .await?;
    agenda_item::Entity::delete_many()
        .filter(agenda_item::Column::Id.is_in(items))
        .exec(db)
        .await
        .map(|_| ())
}
