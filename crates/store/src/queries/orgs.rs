//! Municipalities, organisations, sites and competences.

use crate::Scope;
use crate::entity::{competence, municipality, organisation, site};
use chrono::{DateTime, Utc};
use samvirke_domain::{OrgId, OrgKind};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, NotSet,
    QueryFilter, QueryOrder,
};

pub async fn municipality_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<municipality::Model>, sea_orm::DbErr> {
    municipality::Entity::find()
        .filter(municipality::Column::Slug.eq(slug))
        .one(db)
        .await
}

pub async fn municipality(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Option<municipality::Model>, sea_orm::DbErr> {
    municipality::Entity::find_by_id(scope.m()).one(db).await
}

/// The installation's first municipality: the default for public pages.
pub async fn first_municipality(
    db: &impl ConnectionTrait,
) -> Result<Option<municipality::Model>, sea_orm::DbErr> {
    municipality::Entity::find()
        .order_by_asc(municipality::Column::Id)
        .one(db)
        .await
}

pub async fn create_municipality(
    db: &impl ConnectionTrait,
    slug: &str,
    name: &str,
    phone: Option<String>,
    now: DateTime<Utc>,
) -> Result<municipality::Model, sea_orm::DbErr> {
    municipality::ActiveModel {
        id: NotSet,
        slug: Set(slug.into()),
        name: Set(name.into()),
        phone: Set(phone),
        address: Set(None),
        dpo_email: Set(None),
        accessibility_url: Set(None),
        logo_svg: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// What the privacy notice and the accessibility statement say about the municipality.
pub async fn set_municipality_details(
    db: &impl ConnectionTrait,
    scope: Scope,
    address: Option<&str>,
    dpo_email: Option<&str>,
    accessibility_url: Option<&str>,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sea_query::Expr;
    municipality::Entity::update_many()
        .col_expr(municipality::Column::Address, Expr::value(address))
        .col_expr(municipality::Column::DpoEmail, Expr::value(dpo_email))
        .col_expr(
            municipality::Column::AccessibilityUrl,
            Expr::value(accessibility_url),
        )
        .filter(municipality::Column::Id.eq(scope.m()))
        .exec(db)
        .await
        .map(|_| ())
}

/// The municipality's mark for the header (an SVG image).
pub async fn set_municipality_logo(
    db: &impl ConnectionTrait,
    scope: Scope,
    svg: Option<&str>,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sea_query::Expr;
    municipality::Entity::update_many()
        .col_expr(municipality::Column::LogoSvg, Expr::value(svg))
        .filter(municipality::Column::Id.eq(scope.m()))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn list_organisations(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Vec<organisation::Model>, sea_orm::DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::MunicipalityId.eq(scope.m()))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await
}

pub async fn organisation(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: OrgId,
) -> Result<Option<organisation::Model>, sea_orm::DbErr> {
    organisation::Entity::find_by_id(org.0)
        .filter(organisation::Column::MunicipalityId.eq(scope.m()))
        .one(db)
        .await
}

pub async fn organisation_by_name(
    db: &impl ConnectionTrait,
    scope: Scope,
    name: &str,
) -> Result<Option<organisation::Model>, sea_orm::DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::MunicipalityId.eq(scope.m()))
        .filter(organisation::Column::Name.eq(name))
        .one(db)
        .await
}

pub async fn create_organisation(
    db: &impl ConnectionTrait,
    scope: Scope,
    name: &str,
    kind: OrgKind,
    now: DateTime<Utc>,
) -> Result<organisation::Model, sea_orm::DbErr> {
    organisation::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        name: Set(name.into()),
        kind: Set(kind.as_str().into()),
        active: Set(true),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn list_sites(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Vec<site::Model>, sea_orm::DbErr> {
    site::Entity::find()
        .filter(site::Column::MunicipalityId.eq(scope.m()))
        .order_by_asc(site::Column::Name)
        .all(db)
        .await
}

pub async fn create_site(
    db: &impl ConnectionTrait,
    scope: Scope,
    org: OrgId,
    name: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<site::Model, sea_orm::DbErr> {
    site::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        organisation_id: Set(org.0),
        name: Set(name.into()),
        address: Set(address.into()),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn site_by_name(
    db: &impl ConnectionTrait,
    scope: Scope,
    name: &str,
) -> Result<Option<site::Model>, sea_orm::DbErr> {
    site::Entity::find()
        .filter(site::Column::MunicipalityId.eq(scope.m()))
        .filter(site::Column::Name.eq(name))
        .one(db)
        .await
}

pub async fn list_competences(
    db: &impl ConnectionTrait,
    scope: Scope,
) -> Result<Vec<competence::Model>, sea_orm::DbErr> {
    competence::Entity::find()
        .filter(competence::Column::MunicipalityId.eq(scope.m()))
        .order_by_asc(competence::Column::NameDa)
        .all(db)
        .await
}

pub async fn create_competence(
    db: &impl ConnectionTrait,
    scope: Scope,
    code: &str,
    name_da: &str,
    name_en: &str,
    only_for: Option<OrgKind>,
) -> Result<competence::Model, sea_orm::DbErr> {
    competence::ActiveModel {
        id: NotSet,
        municipality_id: Set(scope.m()),
        code: Set(code.into()),
        name_da: Set(name_da.into()),
        name_en: Set(name_en.into()),
        only_for_kind: Set(only_for.map(|k| k.as_str().to_string())),
    }
    .insert(db)
    .await
}

pub async fn competence_by_code(
    db: &impl ConnectionTrait,
    scope: Scope,
    code: &str,
) -> Result<Option<competence::Model>, sea_orm::DbErr> {
    competence::Entity::find()
        .filter(competence::Column::MunicipalityId.eq(scope.m()))
        .filter(competence::Column::Code.eq(code))
        .one(db)
        .await
}
