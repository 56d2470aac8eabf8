//! School classes, their pupils and their visit. A pupil is reached only
//! through a class of the scope's municipality.

use crate::Scope;
use crate::entity::{
    class_visit, event_session, mitid_guidance, organisation, pupil, school_class,
};
use chrono::{DateTime, NaiveDate, Utc};
use samvirke_domain::{OrgId, OrgKind};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect,
};

/// A class with what its list shows: how many pupils, and its visit.
#[derive(Debug, Clone)]
pub struct ClassRow {
    pub class: school_class::Model,
    pub pupil_count: u64,
    pub visit: Option<event_session::Model>,
}

/// The classes of one school year, all schools or one; by school, then name.
pub async fn classes(
    db: &impl ConnectionTrait,
    scope: Scope,
    school_year: &str,
    school: Option<OrgId>,
) -> Result<Vec<ClassRow>, DbErr> {
    let mut q = school_class::Entity::find()
        .filter(school_class::Column::MunicipalityId.eq(scope.m()))
        .filter(school_class::Column::SchoolYear.eq(school_year));
    if let Some(org) = school {
        q = q.filter(school_class::Column::OrganisationId.eq(org.0));
    }
    let classes = q
        .order_by_asc(school_class::Column::OrganisationId)
        .order_by_asc(school_class::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i64> = classes.iter().map(|c| c.id).collect();
    let counts: Vec<(i64, i64)> = pupil::Entity::find()
        .select_only()
        .column(pupil::Column::ClassId)
        .column_as(pupil::Column::Id.count(), "n")
        .filter(pupil::Column::ClassId.is_in(ids.clone()))
        .group_by(pupil::Column::ClassId)
        .into_tuple()
        .all(db)
        .await?;
    let visits = class_visit::Entity::find()
        .filter(class_visit::Column::ClassId.is_in(ids))
        .all(db)
        .await?;
    let sessions = event_session::Entity::find()
        .filter(event_session::Column::MunicipalityId.eq(scope.m()))
        .filter(event_session::Column::Id.is_in(visits.iter().map(|v| v.session_id)))
        .all(db)
        .await?;
    Ok(classes
        .into_iter()
        .map(|class| {
            let pupil_count = counts
                .iter()
                .find(|(id, _)| *id == class.id)
                .map_or(0, |(_, n)| *n as u64);
            let visit = visits
                .iter()
                .find(|v| v.class_id == class.id)
                .and_then(|v| sessions.iter().find(|s| s.id == v.session_id).cloned());
            ClassRow {
                class,
                pupil_count,
                visit,
            }
        })
        .collect())
}

pub async fn class(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
) -> Result<Option<school_class::Model>, DbErr> {
    school_class::Entity::find_by_id(id)
        .filter(school_class::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

pub async fn create_class(
    db: &impl ConnectionTrait,
    scope: Scope,
    school: OrgId,
    school_year: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<school_class::Model, DbErr> {
    school_class::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        organisation_id: Set(school.0),
        school_year: Set(school_year.to_owned()),
        name: Set(name.to_owned()),
        created_at: Set(now),
        forgotten_at: Set(None),
        pupils_kept: Set(0),
        attended_kept: Set(0),
        mitid_created_kept: Set(0),
        mitid_now_kept: Set(0),
        security_practice_kept: Set(0),
        turning_15_kept: Set(0),
        asked_questions_kept: Set(0),
    }
    .insert(db)
    .await
}

/// The ids of the scope's classes, as a subquery: how a pupil query stays
/// inside its municipality.
fn classes_in(scope: Scope) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(school_class::Column::Id)
        .from(school_class::Entity)
        .and_where(school_class::Column::MunicipalityId.eq(scope.m()))
        .to_owned()
}

/// A class's pupils by name.
pub async fn pupils(
    db: &impl ConnectionTrait,
    scope: Scope,
    class_id: i64,
) -> Result<Vec<pupil::Model>, DbErr> {
    pupil::Entity::find()
        .filter(pupil::Column::ClassId.eq(class_id))
        .filter(pupil::Column::ClassId.in_subquery(classes_in(scope)))
        .order_by_asc(pupil::Column::Name)
        .order_by_asc(pupil::Column::Id)
        .all(db)
        .await
}

pub struct NewPupil<'a> {
    pub name: &'a str,
    pub birth_date: NaiveDate,
}

/// Adds pupils to a class of the scope, first removing those it had when
/// `replace`. Returns how many were added; nothing when the class is not
/// the scope's.
pub async fn add_pupils(
    db: &impl ConnectionTrait,
    scope: Scope,
    class_id: i64,
    pupils: &[NewPupil<'_>],
    replace: bool,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if class(db, scope, class_id).await?.is_none() {
        return Ok(0);
    }
    if replace {
        pupil::Entity::delete_many()
            .filter(pupil::Column::ClassId.eq(class_id))
            .exec(db)
            .await?;
    }
    if pupils.is_empty() {
        return Ok(0);
    }
    // In chunks: SQLite allows a bounded number of bound values per statement.
    for chunk in pupils.chunks(200) {
        pupil::Entity::insert_many(chunk.iter().map(|p| pupil::ActiveModel {
            id: NotSet,
            class_id: Set(class_id),
            name: Set(p.name.to_owned()),
            birth_date: Set(p.birth_date),
            mitid: Set("unknown".to_owned()),
            attendance: Set(None),
            mitid_created: Set(false),
            created_at: Set(now),
            asked_questions: Set(false),
            parent_email: Set(None),
            parent_consent_at: Set(None),
            parent_consent_by: Set(None),
            fifteen_notice_sent_at: Set(None),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(pupils.len() as u64)
}

/// Classes of these school years whose pupils are still held: the deletion
/// job's work list, across municipalities (each class then in its scope).
pub async fn classes_to_forget(
    db: &impl ConnectionTrait,
    school_years: &[String],
) -> Result<Vec<school_class::Model>, DbErr> {
    school_class::Entity::find()
        .filter(school_class::Column::SchoolYear.is_in(school_years.iter().cloned()))
        .filter(school_class::Column::ForgottenAt.is_null())
        .order_by_asc(school_class::Column::Id)
        .all(db)
        .await
}

/// What is kept of a class when its pupils are deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeptCounts {
    pub pupils: i32,
    pub attended: i32,
    pub mitid_created: i32,
    pub mitid_now: i32,
    pub security_practice: i32,
    pub turning_15: i32,
    pub asked_questions: i32,
}

/// Deletes a class's pupils and keeps their counts, once: false when the
/// class was already forgotten (another process got there first).
pub async fn forget_pupils(
    db: &impl ConnectionTrait,
    scope: Scope,
    class_id: i64,
    kept: KeptCounts,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let claimed = school_class::Entity::update_many()
        .col_expr(school_class::Column::ForgottenAt, Expr::value(now))
        .col_expr(school_class::Column::PupilsKept, Expr::value(kept.pupils))
        .col_expr(
            school_class::Column::AttendedKept,
            Expr::value(kept.attended),
        )
        .col_expr(
            school_class::Column::MitidCreatedKept,
            Expr::value(kept.mitid_created),
        )
        .col_expr(
            school_class::Column::MitidNowKept,
            Expr::value(kept.mitid_now),
        )
        .col_expr(
            school_class::Column::SecurityPracticeKept,
            Expr::value(kept.security_practice),
        )
        .col_expr(
            school_class::Column::Turning15Kept,
            Expr::value(kept.turning_15),
        )
        .col_expr(
            school_class::Column::AskedQuestionsKept,
            Expr::value(kept.asked_questions),
        )
        .filter(school_class::Column::Id.eq(class_id))
        .filter(school_class::Column::MunicipalityId.eq(scope.m()))
        .filter(school_class::Column::ForgottenAt.is_null())
        .exec(db)
        .await?
        .rows_affected
        == 1;
    if claimed {
        pupil::Entity::delete_many()
            .filter(pupil::Column::ClassId.eq(class_id))
            .exec(db)
            .await?;
    }
    Ok(claimed)
}

/// The citizen service's text on what to bring for MitID, if the scope's
/// citizen service has written one.
pub async fn mitid_guidance(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Option<mitid_guidance::Model>, DbErr> {
    mitid_guidance::Entity::find()
        .filter(
            mitid_guidance::Column::OrganisationId.in_subquery(
                Query::select()
                    .column(organisation::Column::Id)
                    .from(organisation::Entity)
                    .and_where(organisation::Column::MunicipalityId.eq(scope.m()))
                    .and_where(organisation::Column::Kind.eq(OrgKind::CitizenService.as_str()))
                    .to_owned(),
            ),
        )
        .order_by_desc(mitid_guidance::Column::UpdatedAt)
        .one(db)
        .await
}

/// Writes an organisation's text on what to bring for MitID (one per
/// organisation); nothing when the organisation is not the scope's.
pub async fn set_mitid_guidance(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: OrgId,
    text_da: &str,
    text_en: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let ours = organisation::Entity::find_by_id(org.0)
        .filter(organisation::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await?
        .is_some();
    if !ours {
        return Ok(());
    }
    mitid_guidance::Entity::delete_by_id(org.0).exec(db).await?;
    mitid_guidance::ActiveModel {
        organisation_id: Set(org.0),
        text_da: Set(text_da.to_owned()),
        text_en: Set(text_en.to_owned()),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}
