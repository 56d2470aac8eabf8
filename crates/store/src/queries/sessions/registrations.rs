//! Registrations: signing up, finding by link, cancelling, promoting from the waiting list, check-in, forgetting.

use super::{CANCELLED, CONFIRMED, WAITLISTED};
use crate::entity::{event_session, registration};
use crate::{PAGE_MAX, Page, Scope, fetch_count};
use chrono::{DateTime, Utc};
use samvirke_domain::{Attendance, Channel, Language, RegistrationStatus};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

pub struct NewRegistration<'a> {
    pub session_id: i64,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub contact_key: Option<String>,
    pub needs: String,
    pub needs_other: Option<&'a str>,
    pub status: RegistrationStatus,
    pub waitlist_seq: Option<i32>,
    pub cancel_token_hash: String,
    pub channel: Channel,
    pub attendance: Option<Attendance>,
    pub language: Language,
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
        status: Set(r.status.as_str().into()),
        waitlist_seq: Set(r.waitlist_seq),
        cancel_token_hash: Set(r.cancel_token_hash),
        email_token_hash: Set(None),
        channel: Set(r.channel.as_str().into()),
        attendance: Set(r.attendance.map(|a| a.as_str().to_string())),
        language: Set(r.language.code().into()),
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
    scope: Scope,
    cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let ended = event_session::Entity::find()
        .select_only()
        .column(event_session::Column::Id)
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
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
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
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
    scope: Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = registration::Entity::update_many()
        .col_expr(registration::Column::Status, Expr::value(CANCELLED))
        .col_expr(registration::Column::CancelledAt, Expr::value(now))
        .filter(registration::Column::Id.eq(id))
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .filter(registration::Column::Status.ne(CANCELLED))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Promotes the first on the waiting list, if any; returns them.
pub async fn promote_first(
    db: &impl ConnectionTrait,
    scope: Scope,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<registration::Model>, DbErr> {
    loop {
        let Some(mut first) = registration::Entity::find()
            .filter(registration::Column::MunicipalityId.eq(scope.m()))
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

pub async fn set_attendance(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    attendance: Option<Attendance>,
) -> Result<bool, DbErr> {
    let r = registration::Entity::update_many()
        .col_expr(
            registration::Column::Attendance,
            Expr::value(attendance.map(|a| a.as_str().to_string())),
        )
        .filter(registration::Column::Id.eq(id))
        .filter(registration::Column::MunicipalityId.eq(scope.m()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}
