//! Signing in: passwords, server-side sessions and API tokens.

use crate::error::Result;
use crate::secret::{hash_password, new_token, token_hash, verify_password_blocking};
use crate::throttle::Throttle;
use crate::{Core, ServiceError, require};
use chrono::Duration;
use samvirke_domain::validate::{FieldErrors, FieldProblem, optional_line};
use samvirke_domain::{
    Action, Actor, MunicipalityId, OrgId, OrgKind, Resource, Role, StaffActor, StaffId,
};
use samvirke_store::entity::{api_token, staff};
use samvirke_store::{Scope, auth, orgs};
use std::sync::OnceLock;

/// How long a login lasts: a working day, then sign in again.
pub const SESSION_LENGTH: Duration = Duration::hours(10);

/// Who is signed in, with what the pages show about them.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub actor: StaffActor,
    pub name: String,
    pub email: String,
    pub org_name: String,
    pub org_kind: OrgKind,
}

impl SignedIn {
    pub fn as_actor(&self) -> Actor {
        Actor::Staff(self.actor.clone())
    }
}

pub fn staff_actor(s: &staff::Model) -> StaffActor {
    StaffActor {
        municipality: MunicipalityId(s.municipality_id),
        org: OrgId(s.organisation_id),
        staff: StaffId(s.id),
        roles: Role::parse_list(&s.roles),
    }
}

async fn signed_in(core: &Core, s: staff::Model) -> Result<SignedIn> {
    let actor = staff_actor(&s);
    let org = orgs::organisation(&core.db.read, Scope::new(actor.municipality), actor.org)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(SignedIn {
        actor,
        name: s.name,
        email: s.email,
        org_name: org.name,
        org_kind: OrgKind::parse(&org.kind).unwrap_or(OrgKind::Partner),
    })
}

/// A hash to verify against when the e-mail is unknown, so that a wrong
/// e-mail takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password(&new_token()).expect("argon2 works"))
}

/// Checks an e-mail and password, with throttling. The same answer for an
/// unknown e-mail and a wrong password.
async fn check_credentials(
    core: &Core,
    throttle: &Throttle,
    email: &str,
    password: &str,
    address: &str,
) -> Result<staff::Model> {
    let email = email.trim().to_lowercase();
    let now = core.now();
    if let Err(wait) = throttle.check(&email, address, now) {
        return Err(ServiceError::Throttled {
            retry_after_secs: wait,
        });
    }
    let found = samvirke_store::staff::by_email_for_login(&core.db.read, &email).await?;
    let hash = found
        .as_ref()
        .map(|s| s.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let ok = verify_password_blocking(password.to_string(), hash).await;
    match found {
        Some(s) if ok && s.active => {
            throttle.succeeded(&email);
            Ok(s)
        }
        _ => {
            throttle.failed(&email, address, now);
            Err(ServiceError::Unauthenticated)
        }
    }
}

/// Signs in and starts a session; returns the cookie value (never stored).
pub async fn login(
    core: &Core,
    throttle: &Throttle,
    email: &str,
    password: &str,
    address: &str,
) -> Result<(String, SignedIn)> {
    let s = check_credentials(core, throttle, email, password, address).await?;
    let token = new_token();
    let now = core.now();
    auth::create_session(
        &core.db.write,
        token_hash(&token),
        MunicipalityId(s.municipality_id),
        StaffId(s.id),
        now,
        now + SESSION_LENGTH,
    )
    .await?;
    Ok((token, signed_in(core, s).await?))
}

pub async fn resolve_session(core: &Core, token: &str) -> Result<Option<SignedIn>> {
    match auth::staff_for_session(&core.db.read, &token_hash(token), core.now()).await? {
        Some(s) => Ok(Some(signed_in(core, s).await?)),
        None => Ok(None),
    }
}

pub async fn logout(core: &Core, token: &str) -> Result<()> {
    auth::delete_session(&core.db.write, &token_hash(token)).await?;
    Ok(())
}

/// A token for the API in exchange for an e-mail and password.
pub async fn token_for_credentials(
    core: &Core,
    throttle: &Throttle,
    email: &str,
    password: &str,
    address: &str,
) -> Result<String> {
    let s = check_credentials(core, throttle, email, password, address).await?;
    let token = new_token();
    auth::create_token(
        &core.db.write,
        Scope::new(MunicipalityId(s.municipality_id)),
        StaffId(s.id),
        "API (e-mail og adgangskode)",
        token_hash(&token),
        core.now(),
    )
    .await?;
    Ok(token)
}

pub async fn resolve_bearer(core: &Core, token: &str) -> Result<Option<SignedIn>> {
    match auth::staff_for_token(&core.db.read, &token_hash(token)).await? {
        Some((t, s)) => {
            auth::touch_token(&core.db.write, t.id, core.now()).await?;
            Ok(Some(signed_in(core, s).await?))
        }
        None => Ok(None),
    }
}

/// Creates a personal API token; the value is returned once and not stored.
pub async fn create_token(core: &Core, me: &SignedIn, name: &str) -> Result<String> {
    let actor = me.as_actor();
    require(
        &actor,
        Action::Create,
        Resource::OwnAccount {
            staff: me.actor.staff,
        },
    )?;
    let mut errors = FieldErrors::default();
    let name = errors.check(
        "name",
        optional_line(name, 120).and_then(|n| n.ok_or(FieldProblem::Required)),
    );
    let Some(name) = name else {
        return Err(ServiceError::Invalid(errors));
    };
    let token = new_token();
    auth::create_token(
        &core.db.write,
        Scope::new(me.actor.municipality),
        me.actor.staff,
        &name,
        token_hash(&token),
        core.now(),
    )
    .await?;
    Ok(token)
}

pub async fn list_tokens(core: &Core, me: &SignedIn) -> Result<Vec<api_token::Model>> {
    require(
        &me.as_actor(),
        Action::Read,
        Resource::OwnAccount {
            staff: me.actor.staff,
        },
    )?;
    Ok(auth::tokens_of(
        &core.db.read,
        Scope::new(me.actor.municipality),
        me.actor.staff,
    )
    .await?)
}

pub async fn revoke_token(core: &Core, me: &SignedIn, token_id: i64) -> Result<()> {
    require(
        &me.as_actor(),
        Action::Update,
        Resource::OwnAccount {
            staff: me.actor.staff,
        },
    )?;
    if auth::revoke_token(
        &core.db.write,
        Scope::new(me.actor.municipality),
        me.actor.staff,
        token_id,
        core.now(),
    )
    .await?
    {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}
