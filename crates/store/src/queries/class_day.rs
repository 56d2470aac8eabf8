//! The visit day's record of each pupil (attended, MitID, questions asked,
//! a parent's e-mail with consent) and the follow-up before the 15th
//! birthday. A pupil is reached only through a class of the scope.

use crate::Scope;
use crate::entity::{pupil, school_class};
use chrono::{DateTime, NaiveDate, Utc};
use samvirke_domain::Attendance;
use samvirke_domain::pupil::MitIdStatus;
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// The ids of the scope's classes whose pupils are still held.
fn classes_in(scope: Scope) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(school_class::Column::Id)
        .from(school_class::Entity)
        .and_where(school_class::Column::MunicipalityId.eq(scope.m()))
        .and_where(school_class::Column::ForgottenAt.is_null())
        .to_owned()
}

/// One pupil of one class of the scope.
pub async fn pupil_in_class(
    db: &impl ConnectionTrait,
    scope: Scope,
    class_id: i64,
    pupil_id: i64,
) -> Result<Option<pupil::Model>, DbErr> {
    pupil::Entity::find_by_id(pupil_id)
        .filter(pupil::Column::ClassId.eq(class_id))
        .filter(pupil::Column::ClassId.in_subquery(classes_in(scope)))
        .one(db)
        .await
}

/// A parent's e-mail with the consent given for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentContact {
    pub email: String,
    pub consent_at: DateTime<Utc>,
    /// The staff member who recorded the consent.
    pub consent_by: i64,
}

/// What changes of a pupil's record; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PupilUpdate {
    pub attendance: Option<Option<Attendance>>,
    pub mitid: Option<MitIdStatus>,
    pub mitid_created: Option<bool>,
    pub asked_questions: Option<bool>,
    /// `Some(None)` removes the e-mail and its consent.
    pub parent: Option<Option<ParentContact>>,
}

/// Changes one pupil of one class of the scope; false when there is no
/// such pupil there.
pub async fn update_pupil(
    db: &impl ConnectionTrait,
    scope: Scope,
    class_id: i64,
    pupil_id: i64,
    change: &PupilUpdate,
) -> Result<bool, DbErr> {
    let mut sets: Vec<(pupil::Column, SimpleExpr)> = Vec::new();
    if let Some(a) = change.attendance {
        sets.push((
            pupil::Column::Attendance,
            Expr::value(a.map(|a| a.as_str().to_owned())),
        ));
    }
    if let Some(m) = change.mitid {
        sets.push((pupil::Column::Mitid, Expr::value(m.as_str())));
    }
    if let Some(v) = change.mitid_created {
        sets.push((pupil::Column::MitidCreated, Expr::value(v)));
    }
    if let Some(v) = change.asked_questions {
        sets.push((pupil::Column::AskedQuestions, Expr::value(v)));
    }
    if let Some(parent) = &change.parent {
        sets.push((
            pupil::Column::ParentEmail,
            Expr::value(parent.as_ref().map(|p| p.email.clone())),
        ));
        sets.push((
            pupil::Column::ParentConsentAt,
            Expr::value(parent.as_ref().map(|p| p.consent_at)),
        ));
        sets.push((
            pupil::Column::ParentConsentBy,
            Expr::value(parent.as_ref().map(|p| p.consent_by)),
        ));
    }
    if sets.is_empty() {
        return Ok(pupil_in_class(db, scope, class_id, pupil_id)
            .await?
            .is_some());
    }
    let mut update = pupil::Entity::update_many();
    for (col, value) in sets {
        update = update.col_expr(col, value);
    }
    let done = update
        .filter(pupil::Column::Id.eq(pupil_id))
        .filter(pupil::Column::ClassId.eq(class_id))
        .filter(pupil::Column::ClassId.in_subquery(classes_in(scope)))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The scope's pupils (of classes still held) born in `born` (both ends
/// included), with their class, by birth date then name.
pub async fn pupils_born_between(
    db: &impl ConnectionTrait,
    scope: Scope,
    born: (NaiveDate, NaiveDate),
) -> Result<Vec<(pupil::Model, school_class::Model)>, DbErr> {
    let pupils = pupil::Entity::find()
        .filter(pupil::Column::ClassId.in_subquery(classes_in(scope)))
        .filter(pupil::Column::BirthDate.between(born.0, born.1))
        .order_by_asc(pupil::Column::BirthDate)
        .order_by_asc(pupil::Column::Name)
        .order_by_asc(pupil::Column::Id)
        .all(db)
        .await?;
    with_classes(db, pupils).await
}

async fn with_classes(
    db: &impl ConnectionTrait,
    pupils: Vec<pupil::Model>,
) -> Result<Vec<(pupil::Model, school_class::Model)>, DbErr> {
    let ids: Vec<i64> = pupils.iter().map(|p| p.class_id).collect();
    let classes = school_class::Entity::find()
        .filter(school_class::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(pupils
        .into_iter()
        .filter_map(|p| {
            let class = classes.iter().find(|c| c.id == p.class_id)?.clone();
            Some((p, class))
        })
        .collect())
}

/// The follow-up job's work list, across municipalities (each pupil then
/// in its class's scope): pupils born in `born` whose parent gave an
/// e-mail with consent and was not yet written to.
pub async fn parents_to_tell(
    db: &impl ConnectionTrait,
    born: (NaiveDate, NaiveDate),
) -> Result<Vec<(pupil::Model, school_class::Model)>, DbErr> {
    let pupils = pupil::Entity::find()
        .filter(pupil::Column::BirthDate.between(born.0, born.1))
        .filter(pupil::Column::ParentEmail.is_not_null())
        .filter(pupil::Column::ParentConsentAt.is_not_null())
        .filter(pupil::Column::FifteenNoticeSentAt.is_null())
        .filter(
            pupil::Column::ClassId.in_subquery(
                Query::select()
                    .column(school_class::Column::Id)
                    .from(school_class::Entity)
                    .and_where(school_class::Column::ForgottenAt.is_null())
                    .to_owned(),
            ),
        )
        .order_by_asc(pupil::Column::Id)
        .limit(crate::PAGE_MAX)
        .all(db)
        .await?;
    with_classes(db, pupils).await
}

/// Marks the message to a pupil's parent as queued, once: false when it
/// already was (another process got there first) or the consent is gone.
pub async fn claim_parent_notice(
    db: &impl ConnectionTrait,
    scope: Scope,
    pupil_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = pupil::Entity::update_many()
        .col_expr(pupil::Column::FifteenNoticeSentAt, Expr::value(now))
        .filter(pupil::Column::Id.eq(pupil_id))
        .filter(pupil::Column::ClassId.in_subquery(classes_in(scope)))
        .filter(pupil::Column::FifteenNoticeSentAt.is_null())
        .filter(pupil::Column::ParentEmail.is_not_null())
        .filter(pupil::Column::ParentConsentAt.is_not_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}
