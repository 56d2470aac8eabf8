//! Staff own their passwords: they change them (knowing the current one),
//! and a coordinator may send a one-time link to set one instead of typing
//! a password for someone. Either way the person's other sessions end.

use crate::auth::{SignedIn, login_key, throttled};
use crate::error::Result;
use crate::secret::{new_token, token_hash};
use crate::throttle::Throttle;
use crate::{Core, ServiceError, require, signed_in};
use chrono::Duration;
use samvirke_domain::validate::{self, FieldErrors, FieldProblem, PASSWORD_MAX};
use samvirke_domain::{Action, Actor, Conflict, MunicipalityId, OrgId, Resource, Role, StaffId};
use samvirke_store::entity::staff;
use samvirke_store::{Scope, auth, orgs, outbox};

/// How long a set-password link works.
pub const LINK_VALID_FOR: Duration = Duration::hours(24);

/// A new password, typed twice. No `Debug`: it holds a password.
#[derive(Clone, Default)]
pub struct NewPassword {
    pub password: String,
    pub repeat: String,
}

/// Checks a new password against the rules (fields `new_password` and
/// `new_password_repeat`).
fn check_new(input: &NewPassword, errors: &mut FieldErrors) -> Option<String> {
    let password = errors.check("new_password", validate::new_password(&input.password))?;
    if input.repeat != input.password {
        errors.add("new_password_repeat", FieldProblem::PasswordMismatch);
        return None;
    }
    Some(password)
}

async fn hash(throttle: &Throttle, password: String) -> Result<String> {
    throttle
        .hash_password(password)
        .await
        .map_err(throttled)?
        .map_err(ServiceError::Internal)
}

/// The signed-in person changes their own password. The current password
/// is checked like a login (counted, throttled); the person's other
/// sessions end, the one in use (`session_token`) stays.
#[tracing::instrument(skip_all, fields(org = me.actor.org.0, resource = "staff", resource_id = me.actor.staff.0))]
pub async fn change_own(
    core: &Core,
    throttle: &Throttle,
    me: &SignedIn,
    session_token: &str,
    current: &str,
    new: &NewPassword,
    address: &str,
) -> Result<()> {
    require(
        &me.as_actor(),
        Action::Update,
        Resource::OwnAccount {
            staff: me.actor.staff,
        },
    )?;
    let mut errors = FieldErrors::default();
    if current.is_empty() {
        errors.add("current_password", FieldProblem::Required);
    }
    let password = check_new(new, &mut errors);
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let scope = Scope::new(me.actor.municipality);
    let person = samvirke_store::staff::get(&core.db.read, scope, me.actor.staff)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let attempt = throttle
        .reserve(&login_key(&person.email), address, core.now())
        .map_err(throttled)?;
    let right = current.chars().count() <= PASSWORD_MAX
        && match throttle
            .verify_password(current.to_string(), Some(person.password_hash.clone()))
            .await
        {
            Ok(right) => right,
            Err(wait) => {
                throttle.give_back(attempt);
                return Err(throttled(wait));
            }
        };
    if !right {
        // The attempt stays counted, as a failed login would.
        return Err(ServiceError::invalid(
            "current_password",
            FieldProblem::WrongPassword,
        ));
    }
    throttle.succeeded(attempt);
    let hash = hash(throttle, password).await?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    samvirke_store::staff::set_password_hash(&txn, scope, me.actor.staff, hash, now).await?;
    auth::delete_other_sessions_of(&txn, scope, me.actor.staff, &token_hash(session_token)).await?;
    auth::void_password_links_of(&txn, scope, me.actor.staff, now).await?;
    txn.commit().await?;
    Ok(())
}

/// What the set-password e-mail needs; the web layer writes the text.
pub struct LinkMail<'a> {
    /// The secret for the link; it exists only in the e-mail.
    pub token: &'a str,
    pub name: &'a str,
    pub org_name: &'a str,
    pub valid_hours: i64,
}

pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// A coordinator sends a staff member of their organisation a link to set
/// their password; it works once, for 24 hours. Earlier unused links of the
/// person stop working. Only the hash of the link's secret is stored.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "staff", resource_id = id.0))]
pub async fn send_link(
    core: &Core,
    actor: &Actor,
    id: StaffId,
    compose: impl FnOnce(&LinkMail) -> MailText,
) -> Result<crate::staff::StaffMember> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let person = samvirke_store::staff::get(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(
        actor,
        Action::Create,
        Resource::PasswordLink {
            municipality: me.municipality,
            org: OrgId(person.organisation_id),
            for_admin: person.roles().contains(&Role::MunicipalityAdmin),
        },
    )?;
    if !person.active {
        return Err(ServiceError::Conflict(Conflict::StaffInactive));
    }
    let org = orgs::organisation(&core.db.read, scope, OrgId(person.organisation_id))
        .await?
        .ok_or(ServiceError::NotFound)?;
    // The e-mail's secret is made when it is sent (see `mail`); until then
    // the link holds the hash of a secret nobody has.
    let mail = compose(&LinkMail {
        token: crate::mail::LINK_SECRET,
        name: &person.name,
        org_name: &org.name,
        valid_hours: LINK_VALID_FOR.num_hours(),
    });
    let now = core.now();
    let txn = core.db.begin_write().await?;
    auth::void_password_links_of(&txn, scope, id, now).await?;
    let link_id = auth::create_password_link(
        &txn,
        scope,
        auth::NewPasswordLink {
            staff_id: id,
            created_by: me.staff,
            token_hash: token_hash(&new_token()),
            expires_at: now + LINK_VALID_FOR,
        },
        now,
    )
    .await?;
    outbox::enqueue(
        &txn,
        scope,
        outbox::NewMessage {
            org: OrgId(org.id),
            recipient: &person.email,
            subject: &mail.subject,
            body: &mail.body,
            ics: None,
            secret: Some(samvirke_domain::LinkSecret::SetPassword(link_id)),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(person.into())
}

/// Whom a set-password link is for.
#[derive(Debug, Clone)]
pub struct LinkFor {
    pub name: String,
    pub email: String,
}

async fn live_link(
    core: &Core,
    token: &str,
) -> Result<(samvirke_store::entity::password_link::Model, staff::Model)> {
    let now = core.now();
    let link = auth::live_password_link(&core.db.read, &token_hash(token), now)
        .await?
        .ok_or(ServiceError::Gone)?;
    let person = samvirke_store::staff::get(
        &core.db.read,
        Scope::new(MunicipalityId(link.municipality_id)),
        StaffId(link.staff_id),
    )
    .await?
    .filter(|p| p.active)
    .ok_or(ServiceError::Gone)?;
    Ok((link, person))
}

/// Whom a link is for, while it works; `Gone` when used, expired or unknown.
/// The holder of the secret is the only proof needed, as with a cancel link.
#[tracing::instrument(skip_all, fields(resource = "password_link"))]
pub async fn link_for(core: &Core, token: &str) -> Result<LinkFor> {
    let (_, person) = live_link(core, token).await?;
    Ok(LinkFor {
        name: person.name,
        email: person.email,
    })
}

/// Sets the password with a link. The link is used by one conditional
/// update in the same transaction, so it works once; every session of the
/// person ends.
#[tracing::instrument(skip_all, fields(resource = "password_link"))]
pub async fn set_with_link(
    core: &Core,
    throttle: &Throttle,
    token: &str,
    new: &NewPassword,
) -> Result<()> {
    let (link, person) = live_link(core, token).await?;
    let mut errors = FieldErrors::default();
    let Some(password) = check_new(new, &mut errors) else {
        return Err(ServiceError::Invalid(errors));
    };
    let hash = hash(throttle, password).await?;
    let now = core.now();
    let scope = Scope::new(MunicipalityId(person.municipality_id));
    let id = StaffId(person.id);
    let txn = core.db.begin_write().await?;
    if !auth::use_password_link(&txn, scope, link.id, now).await? {
        return Err(ServiceError::Gone);
    }
    samvirke_store::staff::set_password_hash(&txn, scope, id, hash, now).await?;
    auth::delete_sessions_of(&txn, scope, id).await?;
    auth::void_password_links_of(&txn, scope, id, now).await?;
    txn.commit().await?;
    Ok(())
}
