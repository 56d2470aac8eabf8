//! Staff of an organisation: list, create, edit, deactivate.

use crate::audit::record_read;
use crate::error::Result;
use crate::orgs::{Competence, Organisation};
use crate::secret::hash_password_blocking;
use crate::{Core, ServiceError, mail, require};
use samvirke_domain::org::competence_allowed;
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{Action, Actor, OrgId, OrgKind, Resource, Role, StaffId};
use samvirke_store::entity::{organisation, staff};
use samvirke_store::{Scope, is_unique_violation, orgs};

/// The roles a coordinator may give. The municipality admin role is given
/// only from the command line.
pub const ASSIGNABLE_ROLES: [Role; 3] = [Role::Coordinator, Role::Staff, Role::SchoolContact];

/// What the staff form sends, as typed.
#[derive(Debug, Clone, Default)]
pub struct StaffInput {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub role: String,
    pub competences: Vec<i64>,
    /// Only when creating.
    pub password: String,
    /// Only when editing.
    pub active: bool,
}

/// A staff member as the staff pages show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub id: i64,
    pub organisation_id: i64,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
}

impl From<staff::Model> for StaffMember {
    fn from(s: staff::Model) -> Self {
        StaffMember {
            roles: s.roles(),
            id: s.id,
            organisation_id: s.organisation_id,
            name: s.name,
            email: s.email,
            phone: s.phone,
            active: s.active,
        }
    }
}

pub struct StaffRow {
    pub person: StaffMember,
    pub competences: Vec<Competence>,
}

pub struct StaffList {
    pub org: Organisation,
    pub rows: Vec<StaffRow>,
    pub can_manage: bool,
}

async fn org_of(core: &Core, scope: Scope, org: OrgId) -> Result<organisation::Model> {
    orgs::organisation(&core.db.read, scope, org)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The staff of one organisation with their contact details; the read is audit-logged.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "organisation", resource_id = org.0))]
pub async fn list(core: &Core, actor: &Actor, org: OrgId) -> Result<StaffList> {
    let me = crate::signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    require(
        actor,
        Action::ReadPersonal,
        Resource::Staff {
            municipality: me.municipality,
            org,
        },
    )?;
    let org_model = org_of(core, scope, org).await?;
    let people = samvirke_store::staff::list_for_org(&core.db.read, scope, org).await?;
    let all_competences = orgs::list_competences(&core.db.read, scope).await?;
    let pairs = samvirke_store::staff::competence_pairs_for_org(&core.db.read, scope, org).await?;
    record_read(core, me, "staff_list", "organisation", org.0).await?;
    let rows = people
        .into_iter()
        .map(|p| {
            let competences = all_competences
                .iter()
                .filter(|c| pairs.contains(&(p.id, c.id)))
                .cloned()
                .map(Competence::from)
                .collect();
            StaffRow {
                person: p.into(),
                competences,
            }
        })
        .collect();
    let can_manage = samvirke_domain::authorize(
        actor,
        Action::Create,
        Resource::Staff {
            municipality: me.municipality,
            org,
        },
    )
    .is_allowed();
    Ok(StaffList {
        org: org_model.into(),
        rows,
        can_manage,
    })
}

/// The competences staff of `org` may hold, for the form.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "organisation", resource_id = org.0))]
pub async fn competence_choices(core: &Core, actor: &Actor, org: OrgId) -> Result<Vec<Competence>> {
    let me = crate::signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    require(
        actor,
        Action::Read,
        Resource::Staff {
            municipality: me.municipality,
            org,
        },
    )?;
    let kind = OrgKind::parse(&org_of(core, scope, org).await?.kind);
    Ok(orgs::list_competences(&core.db.read, scope)
        .await?
        .into_iter()
        .filter(|c| {
            kind.is_some_and(|k| {
                competence_allowed(c.only_for_kind.as_deref().and_then(OrgKind::parse), k)
            })
        })
        .map(Competence::from)
        .collect())
}

struct Valid {
    name: String,
    email: String,
    phone: Option<String>,
    role: Role,
    competences: Vec<i64>,
}

async fn validate(
    core: &Core,
    scope: Scope,
    org: &organisation::Model,
    input: &StaffInput,
    errors: &mut FieldErrors,
) -> Result<Option<Valid>> {
    let name = errors.check(
        "name",
        validate::required_line(&input.name, validate::NAME_MAX),
    );
    let email = errors.check("email", validate::email(&input.email));
    let phone = errors.check("phone", validate::optional_phone(&input.phone));
    let role = errors.check(
        "role",
        Role::parse(&input.role)
            .filter(|r| ASSIGNABLE_ROLES.contains(r))
            .ok_or(if input.role.is_empty() {
                FieldProblem::Required
            } else {
                FieldProblem::InvalidChoice
            }),
    );
    let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::Partner);
    let all = orgs::list_competences(&core.db.read, scope).await?;
    let mut competences = Vec::new();
    for id in &input.competences {
        match all.iter().find(|c| c.id == *id) {
            Some(c)
                if competence_allowed(
                    c.only_for_kind.as_deref().and_then(OrgKind::parse),
                    kind,
                ) =>
            {
                competences.push(*id)
            }
            _ => errors.add("competences", FieldProblem::InvalidChoice),
        }
    }
    competences.sort();
    competences.dedup();
    Ok(match (name, email, phone, role) {
        (Some(name), Some(email), Some(phone), Some(role)) if errors.is_empty() => Some(Valid {
            name,
            email,
            phone,
            role,
            competences,
        }),
        _ => None,
    })
}

/// Creates a staff member in `org` and sends a welcome e-mail (without the password).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "organisation", resource_id = org.0))]
pub async fn create(
    core: &Core,
    actor: &Actor,
    org: OrgId,
    input: &StaffInput,
) -> Result<StaffMember> {
    let me = crate::signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    require(
        actor,
        Action::Create,
        Resource::Staff {
            municipality: me.municipality,
            org,
        },
    )?;
    let org_model = org_of(core, scope, org).await?;
    let mut errors = FieldErrors::default();
    let valid = validate(core, scope, &org_model, input, &mut errors).await?;
    let password = errors.check("password", validate::new_password(&input.password));
    let (Some(v), Some(password)) = (valid, password) else {
        return Err(ServiceError::Invalid(errors));
    };
    if samvirke_store::staff::by_email_for_login(&core.db.read, &v.email)
        .await?
        .is_some()
    {
        return Err(ServiceError::invalid("email", FieldProblem::EmailTaken));
    }
    let hash = hash_password_blocking(password)
        .await
        .map_err(ServiceError::Internal)?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    let created = samvirke_store::staff::create(
        &txn,
        scope,
        samvirke_store::staff::NewStaff {
            org,
            email: &v.email,
            name: &v.name,
            phone: v.phone,
            password_hash: hash,
            roles: &[v.role],
        },
        now,
    )
    .await;
    let created = match created {
        Ok(c) => c,
        Err(e) if is_unique_violation(&e) => {
            return Err(ServiceError::invalid("email", FieldProblem::EmailTaken));
        }
        Err(e) => return Err(e.into()),
    };
    samvirke_store::staff::set_competences(&txn, scope, StaffId(created.id), &v.competences)
        .await?;
    mail::enqueue_welcome(&txn, core, scope, &org_model, &created, now).await?;
    txn.commit().await?;
    Ok(created.into())
}

pub struct StaffForEdit {
    pub person: StaffMember,
    pub competence_ids: Vec<i64>,
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "staff", resource_id = id.0))]
pub async fn get_for_edit(core: &Core, actor: &Actor, id: StaffId) -> Result<StaffForEdit> {
    let me = crate::signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    // Existence is checked inside the scope, so another municipality's id is simply unknown.
    let person = samvirke_store::staff::get(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(
        actor,
        Action::Update,
        Resource::Staff {
            municipality: me.municipality,
            org: OrgId(person.organisation_id),
        },
    )?;
    record_read(core, me, "staff_edit", "staff", person.id).await?;
    let competence_ids = samvirke_store::staff::competences_of(&core.db.read, scope, id)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    Ok(StaffForEdit {
        person: person.into(),
        competence_ids,
    })
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "staff", resource_id = id.0))]
pub async fn update(
    core: &Core,
    actor: &Actor,
    id: StaffId,
    input: &StaffInput,
) -> Result<StaffMember> {
    let me = crate::signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let existing = samvirke_store::staff::get(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let org = OrgId(existing.organisation_id);
    let action = if existing.active && !input.active {
        Action::Deactivate
    } else {
        Action::Update
    };
    require(
        actor,
        action,
        Resource::Staff {
            municipality: me.municipality,
            org,
        },
    )?;
    let org_model = org_of(core, scope, org).await?;
    let mut errors = FieldErrors::default();
    let valid = validate(core, scope, &org_model, input, &mut errors).await?;
    if id == me.staff && !input.active {
        // Deactivating yourself would lock the organisation's coordinator out.
        errors.add("active", FieldProblem::InvalidChoice);
    }
    let Some(v) = valid.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    if let Some(other) = samvirke_store::staff::by_email_for_login(&core.db.read, &v.email).await?
        && other.id != id.0
    {
        return Err(ServiceError::invalid("email", FieldProblem::EmailTaken));
    }
    // Keep roles the form does not offer (e.g. municipality admin).
    let mut roles: Vec<Role> = existing
        .roles()
        .into_iter()
        .filter(|r| !ASSIGNABLE_ROLES.contains(r))
        .collect();
    roles.push(v.role);
    let txn = core.db.begin_write().await?;
    let changes = samvirke_store::staff::StaffChanges {
        email: &v.email,
        name: &v.name,
        phone: v.phone,
        roles: &roles,
        active: input.active,
    };
    let updated = match samvirke_store::staff::update(&txn, scope, id, changes, core.now()).await {
        Ok(Some(u)) => u,
        Ok(None) => return Err(ServiceError::NotFound),
        Err(e) if is_unique_violation(&e) => {
            return Err(ServiceError::invalid("email", FieldProblem::EmailTaken));
        }
        Err(e) => return Err(e.into()),
    };
    samvirke_store::staff::set_competences(&txn, scope, id, &v.competences).await?;
    if !input.active {
        // Revoked, not just ignored: reactivating the person does not bring
        // their sessions or API tokens back.
        samvirke_store::auth::delete_sessions_of(&txn, scope, id).await?;
        samvirke_store::auth::revoke_tokens_of(&txn, scope, id, core.now()).await?;
    }
    txn.commit().await?;
    Ok(updated.into())
}

/// A staff member as the command line adds one. The command line belongs to
/// whoever runs the server, so it signs in as nobody and may give any role,
/// the municipality administrator's too; it reaches no personal data.
#[derive(Debug, Clone, Default)]
pub struct OperatorStaff {
    /// The municipality's slug, e.g. `dragoer`.
    pub municipality: String,
    /// The organisation's exact name.
    pub organisation: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub password: String,
}

/// Adds a staff member from the command line. Refusals are field errors:
/// `municipality` and `organisation` unknown, `email`, `name`, `role`,
/// `password` invalid, `email` taken.
pub async fn create_by_operator(core: &Core, input: &OperatorStaff) -> Result<StaffMember> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", validate::email(&input.email));
    let name = errors.check(
        "name",
        validate::required_line(&input.name, validate::NAME_MAX),
    );
    let role = errors.check(
        "role",
        Role::parse(&input.role).ok_or(FieldProblem::InvalidChoice),
    );
    let password = errors.check("password", validate::new_password(&input.password));
    let m = orgs::municipality_by_slug(&core.db.read, input.municipality.trim()).await?;
    let org = match &m {
        Some(m) => {
            let scope = Scope::new(samvirke_domain::MunicipalityId(m.id));
            orgs::organisation_by_name(&core.db.read, scope, input.organisation.trim()).await?
        }
        None => {
            errors.add("municipality", FieldProblem::InvalidChoice);
            None
        }
    };
    if m.is_some() && org.is_none() {
        errors.add("organisation", FieldProblem::InvalidChoice);
    }
    let (Some(email), Some(name), Some(role), Some(password), Some(org)) =
        (email, name, role, password, org)
    else {
        return Err(ServiceError::Invalid(errors));
    };
    let scope = Scope::new(samvirke_domain::MunicipalityId(org.municipality_id));
    let hash = hash_password_blocking(password)
        .await
        .map_err(ServiceError::Internal)?;
    let created = samvirke_store::staff::create(
        &core.db.write,
        scope,
        samvirke_store::staff::NewStaff {
            org: OrgId(org.id),
            email: &email,
            name: &name,
            phone: None,
            password_hash: hash,
            roles: &[role],
        },
        core.now(),
    )
    .await;
    match created {
        Ok(c) => Ok(c.into()),
        Err(e) if is_unique_violation(&e) => {
            Err(ServiceError::invalid("email", FieldProblem::EmailTaken))
        }
        Err(e) => Err(e.into()),
    }
}

/// A new municipality as the command line adds one: its administration
/// (an organisation named after it) and its first administrator.
#[derive(Debug, Clone, Default)]
pub struct OperatorMunicipality {
    pub slug: String,
    pub name: String,
    pub admin_email: String,
    pub admin_name: String,
    pub password: String,
}

/// Adds a municipality with its administrator from the command line, all or
/// nothing. Refusals are field errors: `slug` taken or empty, `name`,
/// `admin_email`, `admin_name`, `password` invalid.
pub async fn create_municipality_by_operator(
    core: &Core,
    input: &OperatorMunicipality,
) -> Result<StaffMember> {
    let mut errors = FieldErrors::default();
    let slug = errors.check("slug", validate::required_line(&input.slug, 64));
    let name = errors.check("name", validate::required_line(&input.name, 200));
    let email = errors.check("admin_email", validate::email(&input.admin_email));
    let admin_name = errors.check(
        "admin_name",
        validate::required_line(&input.admin_name, validate::NAME_MAX),
    );
    let password = errors.check("password", validate::new_password(&input.password));
    if let Some(slug) = &slug
        && orgs::municipality_by_slug(&core.db.read, slug)
            .await?
            .is_some()
    {
        errors.add("slug", FieldProblem::NameTaken);
    }
    let (Some(slug), Some(name), Some(email), Some(admin_name), Some(password)) =
        (slug, name, email, admin_name, password)
    else {
        return Err(ServiceError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let hash = hash_password_blocking(password)
        .await
        .map_err(ServiceError::Internal)?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    let m = match orgs::create_municipality(&txn, &slug, &name, None, now).await {
        Ok(m) => m,
        Err(e) if is_unique_violation(&e) => {
            return Err(ServiceError::invalid("slug", FieldProblem::NameTaken));
        }
        Err(e) => return Err(e.into()),
    };
    let scope = Scope::new(samvirke_domain::MunicipalityId(m.id));
    let org = orgs::create_organisation(
        &txn,
        scope,
        &format!("{name}, administration"),
        OrgKind::Administration,
        now,
    )
    .await?;
    let admin = samvirke_store::staff::create(
        &txn,
        scope,
        samvirke_store::staff::NewStaff {
            org: OrgId(org.id),
            email: &email,
            name: &admin_name,
            phone: None,
            password_hash: hash,
            roles: &[Role::MunicipalityAdmin],
        },
        now,
    )
    .await;
    let admin = match admin {
        Ok(a) => a,
        Err(e) if is_unique_violation(&e) => {
            return Err(ServiceError::invalid(
                "admin_email",
                FieldProblem::EmailTaken,
            ));
        }
        Err(e) => return Err(e.into()),
    };
    txn.commit().await?;
    Ok(admin.into())
}

/// Deletes staff logins past their end; the worker runs it hourly.
pub async fn end_expired_logins(core: &Core) -> Result<u64> {
    Ok(samvirke_store::auth::delete_expired_sessions(&core.db.write, core.now()).await?)
}
