//! Organisations of the municipality, created by its admin together with
//! their first coordinator.

use crate::error::Result;
use crate::secret::hash_password_blocking;
use crate::{Core, ServiceError, mail, require, signed_in};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{Action, Actor, OrgKind, Resource, Role};
use samvirke_store::entity::{competence, organisation};
use samvirke_store::{Scope, is_unique_violation, orgs};

/// An organisation of the municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    /// `None` for a kind no version ever wrote.
    pub kind: Option<OrgKind>,
    pub active: bool,
}

impl From<organisation::Model> for Organisation {
    fn from(o: organisation::Model) -> Self {
        Organisation {
            kind: OrgKind::parse(&o.kind),
            id: o.id,
            name: o.name,
            active: o.active,
        }
    }
}

/// A competence staff may hold, e.g. issuing MitID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Competence {
    pub id: i64,
    pub code: String,
    pub name_da: String,
    pub name_en: String,
    /// Only staff of this kind of organisation may hold it.
    pub only_for: Option<OrgKind>,
}

impl From<competence::Model> for Competence {
    fn from(c: competence::Model) -> Self {
        Competence {
            only_for: c.only_for_kind.as_deref().and_then(OrgKind::parse),
            id: c.id,
            code: c.code,
            name_da: c.name_da,
            name_en: c.name_en,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct OrgInput {
    pub name: String,
    pub kind: String,
    pub coordinator_name: String,
    pub coordinator_email: String,
    pub coordinator_password: String,
}

pub async fn list(core: &Core, actor: &Actor) -> Result<Vec<Organisation>> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Read,
        Resource::Organisations {
            municipality: me.municipality,
        },
    )?;
    Ok(
        orgs::list_organisations(&core.db.read, Scope::new(me.municipality))
            .await?
            .into_iter()
            .map(Organisation::from)
            .collect(),
    )
}

pub async fn create(core: &Core, actor: &Actor, input: &OrgInput) -> Result<Organisation> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Create,
        Resource::Organisations {
            municipality: me.municipality,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let mut errors = FieldErrors::default();
    let name = errors.check("name", validate::required_line(&input.name, 200));
    let kind = errors.check(
        "kind",
        OrgKind::parse(&input.kind)
            .filter(|k| *k != OrgKind::Administration)
            .ok_or(FieldProblem::InvalidChoice),
    );
    let c_name = errors.check(
        "coordinator_name",
        validate::required_line(&input.coordinator_name, validate::NAME_MAX),
    );
    let c_email = errors.check(
        "coordinator_email",
        validate::email(&input.coordinator_email),
    );
    let c_password = errors.check(
        "coordinator_password",
        validate::new_password(&input.coordinator_password),
    );
    let (Some(name), Some(kind), Some(c_name), Some(c_email), Some(c_password)) =
        (name, kind, c_name, c_email, c_password)
    else {
        return Err(ServiceError::Invalid(errors));
    };
    if orgs::organisation_by_name(&core.db.read, scope, &name)
        .await?
        .is_some()
    {
        return Err(ServiceError::invalid("name", FieldProblem::NameTaken));
    }
    if samvirke_store::staff::by_email_for_login(&core.db.read, &c_email)
        .await?
        .is_some()
    {
        return Err(ServiceError::invalid(
            "coordinator_email",
            FieldProblem::EmailTaken,
        ));
    }
    let hash = hash_password_blocking(c_password)
        .await
        .map_err(ServiceError::Internal)?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    let org = match orgs::create_organisation(&txn, scope, &name, kind, now).await {
        Ok(o) => o,
        Err(e) if is_unique_violation(&e) => {
            return Err(ServiceError::invalid("name", FieldProblem::NameTaken));
        }
        Err(e) => return Err(e.into()),
    };
    let coordinator = samvirke_store::staff::create(
        &txn,
        scope,
        samvirke_store::staff::NewStaff {
            org: samvirke_domain::OrgId(org.id),
            email: &c_email,
            name: &c_name,
            phone: None,
            password_hash: hash,
            roles: &[Role::Coordinator],
        },
        now,
    )
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            ServiceError::invalid("coordinator_email", FieldProblem::EmailTaken)
        } else {
            e.into()
        }
    })?;
    mail::enqueue_welcome(&txn, core, scope, &org, &coordinator, now).await?;
    txn.commit().await?;
    Ok(org.into())
}
