//! Signing in: passwords, server-side sessions and API tokens.

use crate::error::Result;
use crate::secret::{new_token, token_hash};
use crate::throttle::Throttle;
use crate::{Core, ServiceError, require};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use samvirke_domain::validate::{self, EMAIL_MAX, FieldErrors, PASSWORD_MAX, TOKEN_NAME_MAX};
use samvirke_domain::{
    Action, Actor, MunicipalityId, OrgId, OrgKind, Resource, StaffActor, StaffId,
};
use samvirke_store::entity::{api_token, staff};
use samvirke_store::{Scope, auth, orgs};

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
        roles: s.roles(),
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

/// The name a login is counted under: the e-mail as typed, trimmed and
/// lower-cased, and never longer than an e-mail can be.
pub fn login_key(email: &str) -> String {
    email
        .trim()
        .to_lowercase()
        .chars()
        .take(EMAIL_MAX)
        .collect()
}

pub(crate) fn throttled(retry_after_secs: u64) -> ServiceError {
    ServiceError::Throttled { retry_after_secs }
}

/// Checks an e-mail and password, with throttling. The same answer for an
/// unknown e-mail and a wrong password.
///
/// The attempt is counted before the slow check and given back only when
/// the password was right, so parallel attempts cannot pass the limit.
async fn check_credentials(
    core: &Core,
    throttle: &Throttle,
    email: &str,
    password: &str,
    address: &str,
) -> Result<staff::Model> {
    let email = login_key(email);
    let attempt = throttle
        .reserve(&email, address, core.now())
        .map_err(|wait| {
            // Never the e-mail or the address: the event and the wait.
            tracing::warn!(target: "security", event = "login_throttled", retry_after_secs = wait, "login refused: too many attempts");
            metrics::counter!("samvirke_logins_refused_total", "reason" => "throttled").increment(1);
            throttled(wait)
        })?;
    let found = samvirke_store::staff::by_email_for_login(&core.db.read, &email).await?;
    // No password longer than the rules allow was ever set: no need to check it.
    let ok = if password.chars().count() > PASSWORD_MAX {
        false
    } else {
        let hash = found.as_ref().map(|s| s.password_hash.clone());
        match throttle.verify_password(password.to_string(), hash).await {
            Ok(ok) => ok,
            Err(wait) => {
                // Not checked: it does not count.
                throttle.give_back(attempt);
                metrics::counter!("samvirke_logins_refused_total", "reason" => "busy").increment(1);
                return Err(throttled(wait));
            }
        }
    };
    match found {
        Some(s) if ok && s.active => {
            throttle.succeeded(attempt);
            Ok(s)
        }
        _ => {
            tracing::warn!(target: "security", event = "login_failed", "login failed: unknown account, wrong password or inactive");
            metrics::counter!("samvirke_logins_refused_total", "reason" => "failed").increment(1);
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
        Scope::new(MunicipalityId(s.municipality_id)),
        token_hash(&token),
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

/// What the API asks for when it exchanges an e-mail and password for a
/// token. No `Debug`: it holds a password.
#[derive(Clone, Default)]
pub struct TokenRequest {
    pub email: String,
    pub password: String,
    /// What the token is for; a default name when `None`.
    pub name: Option<String>,
    /// 1 to 365; 90 when `None`.
    pub lifetime_days: Option<i64>,
}

/// A new token: the value is shown once and only its hash is stored. No
/// `Debug`: it holds the secret.
#[derive(Clone)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// The name and lifetime of a new token, checked. A name that is not given
/// at all becomes `default_name`; one given must not be blank.
fn token_terms(
    name: Option<&str>,
    default_name: &str,
    lifetime_days: Option<i64>,
) -> Result<(String, i64)> {
    let mut errors = FieldErrors::default();
    let name = errors.check(
        "name",
        match name {
            Some(n) => validate::required_line(n, TOKEN_NAME_MAX),
            None => Ok(default_name.to_string()),
        },
    );
    let days = errors.check(
        "lifetime_days",
        validate::token_lifetime_days(lifetime_days),
    );
    match (name, days) {
        (Some(name), Some(days)) => Ok((name, days)),
        _ => Err(ServiceError::Invalid(errors)),
    }
}

async fn issue_token(
    core: &Core,
    scope: Scope,
    staff_id: StaffId,
    name: &str,
    days: i64,
) -> Result<IssuedToken> {
    let token = new_token();
    let now = core.now();
    let expires_at = (now + Duration::days(days)).trunc_subsecs(0);
    auth::create_token(
        &core.db.write,
        scope,
        auth::NewToken {
            staff_id,
            name,
            token_hash: token_hash(&token),
            expires_at,
        },
        now,
    )
    .await?;
    Ok(IssuedToken { token, expires_at })
}

/// A token for the API in exchange for an e-mail and password. The name and
/// lifetime are checked first, so a malformed request costs no password check.
pub async fn token_for_credentials(
    core: &Core,
    throttle: &Throttle,
    req: &TokenRequest,
    address: &str,
) -> Result<IssuedToken> {
    let (name, days) = token_terms(
        req.name.as_deref(),
        "API (e-mail og adgangskode)",
        req.lifetime_days,
    )?;
    let s = check_credentials(core, throttle, &req.email, &req.password, address).await?;
    issue_token(
        core,
        Scope::new(MunicipalityId(s.municipality_id)),
        StaffId(s.id),
        &name,
        days,
    )
    .await
}

pub async fn resolve_bearer(core: &Core, token: &str) -> Result<Option<SignedIn>> {
    let now = core.now();
    match auth::staff_for_token(&core.db.read, &token_hash(token), now).await? {
        Some((t, s)) => {
            tracing::info!(target: "security", event = "api_token_used", token_id = t.id, "API token used");
            auth::touch_token(
                &core.db.write,
                Scope::new(MunicipalityId(t.municipality_id)),
                t.id,
                now,
            )
            .await?;
            Ok(Some(signed_in(core, s).await?))
        }
        None => Ok(None),
    }
}

/// Creates a personal API token that lives `lifetime_days` (90 when
/// `None`); the value is returned once and not stored.
pub async fn create_token(
    core: &Core,
    me: &SignedIn,
    name: &str,
    lifetime_days: Option<i64>,
) -> Result<IssuedToken> {
    let actor = me.as_actor();
    require(
        &actor,
        Action::Create,
        Resource::OwnAccount {
            staff: me.actor.staff,
        },
    )?;
    let (name, days) = token_terms(Some(name), "", lifetime_days)?;
    issue_token(
        core,
        Scope::new(me.actor.municipality),
        me.actor.staff,
        &name,
        days,
    )
    .await
}

/// An API token as its owner sees it: never the secret, nor its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl From<api_token::Model> for Token {
    fn from(t: api_token::Model) -> Self {
        Token {
            id: t.id,
            name: t.name,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
            expires_at: t.expires_at,
        }
    }
}

pub async fn list_tokens(core: &Core, me: &SignedIn) -> Result<Vec<Token>> {
    require(
        &me.as_actor(),
        Action::Read,
        Resource::OwnAccount {
            staff: me.actor.staff,
        },
    )?;
    let tokens = auth::tokens_of(
        &core.db.read,
        Scope::new(me.actor.municipality),
        me.actor.staff,
    )
    .await?;
    Ok(tokens.into_iter().map(Token::from).collect())
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
