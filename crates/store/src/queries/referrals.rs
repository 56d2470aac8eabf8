//! Referrals between organisations. The need and the contact are personal
//! data, deleted after the referral is done; the row stays for the counts.

use crate::Scope;
use crate::entity::referral;
use chrono::{DateTime, Utc};
use samvirke_domain::OrgId;
use samvirke_domain::referrals::ReferralStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect,
};

pub struct NewReferral<'a> {
    pub from: OrgId,
    pub to: OrgId,
    pub need: &'a str,
    pub contact_name: &'a str,
    pub contact_phone: Option<&'a str>,
    pub contact_email: Option<&'a str>,
    /// The staff member who recorded the citizen's consent.
    pub consent_by: i64,
}

pub async fn create(
    db: &impl ConnectionTrait,
    scope: Scope,
    new: NewReferral<'_>,
    now: DateTime<Utc>,
) -> Result<referral::Model, DbErr> {
    referral::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        from_org: Set(new.from.0),
        to_org: Set(new.to.0),
        status: Set(ReferralStatus::New.as_str().to_owned()),
        need: Set(Some(new.need.to_owned())),
        contact_name: Set(Some(new.contact_name.to_owned())),
        contact_phone: Set(new.contact_phone.map(str::to_owned)),
        contact_email: Set(new.contact_email.map(str::to_owned)),
        consent_at: Set(now),
        consent_by: Set(new.consent_by),
        created_at: Set(now),
        status_at: Set(now),
        forgotten_at: Set(None),
    }
    .insert(db)
    .await
}

pub async fn get(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<referral::Model>, DbErr> {
    referral::Entity::find_by_id(id)
        .filter(referral::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

/// One page of the referrals sent to (`incoming`) or by an organisation,
/// newest first, after the referral `after` of the page before.
pub async fn of_org(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: OrgId,
    incoming: bool,
    after: Option<i64>,
    limit: u64,
) -> Result<crate::Page<referral::Model>, DbErr> {
    let col = if incoming {
        referral::Column::ToOrg
    } else {
        referral::Column::FromOrg
    };
    let mut q = referral::Entity::find()
        .filter(referral::Column::MunicipalityId.eq(scope.m()))
        .filter(col.eq(org.0));
    if let Some(id) = after {
        q = q.filter(referral::Column::Id.lt(id));
    }
    let rows = q
        .order_by_desc(referral::Column::Id)
        .limit(crate::fetch_count(limit))
        .all(db)
        .await?;
    Ok(crate::Page::from_rows(
        rows,
        limit.clamp(1, crate::PAGE_MAX),
    ))
}

/// Sets the status of a referral to `to`; false when none of the scope.
pub async fn set_status(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    to: OrgId,
    status: ReferralStatus,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = referral::Entity::update_many()
        .col_expr(referral::Column::Status, Expr::value(status.as_str()))
        .col_expr(referral::Column::StatusAt, Expr::value(now))
        .filter(referral::Column::Id.eq(id))
        .filter(referral::Column::MunicipalityId.eq(scope.m()))
        .filter(referral::Column::ToOrg.eq(to.0))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// A new referral to `to` becomes "contacted" (the receiver booked the
/// citizen a time); one in any other status stays as it is. True when it changed.
pub async fn mark_contacted(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    to: OrgId,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = referral::Entity::update_many()
        .col_expr(
            referral::Column::Status,
            Expr::value(ReferralStatus::Contacted.as_str()),
        )
        .col_expr(referral::Column::StatusAt, Expr::value(now))
        .filter(referral::Column::Id.eq(id))
        .filter(referral::Column::MunicipalityId.eq(scope.m()))
        .filter(referral::Column::ToOrg.eq(to.0))
        .filter(referral::Column::Status.eq(ReferralStatus::New.as_str()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Retention: deletes the need and the contact of every referral done
/// before `before`, in the scope. The row stays for the counts.
pub async fn forget_done_before(
    db: &impl ConnectionTrait,
    scope: Scope,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let r = referral::Entity::update_many()
        .col_expr(referral::Column::Need, Expr::value(None::<String>))
        .col_expr(referral::Column::ContactName, Expr::value(None::<String>))
        .col_expr(referral::Column::ContactPhone, Expr::value(None::<String>))
        .col_expr(referral::Column::ContactEmail, Expr::value(None::<String>))
        .col_expr(referral::Column::ForgottenAt, Expr::value(now))
        .filter(referral::Column::MunicipalityId.eq(scope.m()))
        .filter(referral::Column::Status.eq(ReferralStatus::Done.as_str()))
        .filter(referral::Column::StatusAt.lt(before))
        .filter(referral::Column::ForgottenAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// The counts the reach report needs: (from, to, status, how many).
pub async fn counts(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Vec<(i64, i64, String, i64)>, DbErr> {
    referral::Entity::find()
        .select_only()
        .column(referral::Column::FromOrg)
        .column(referral::Column::ToOrg)
        .column(referral::Column::Status)
        .column_as(referral::Column::Id.count(), "n")
        .filter(referral::Column::MunicipalityId.eq(scope.m()))
        .group_by(referral::Column::FromOrg)
        .group_by(referral::Column::ToOrg)
        .group_by(referral::Column::Status)
        .order_by_asc(referral::Column::FromOrg)
        .order_by_asc(referral::Column::ToOrg)
        .order_by_asc(referral::Column::Status)
        .into_tuple()
        .all(db)
        .await
}
