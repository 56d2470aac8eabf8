//! Referrals between the library and the citizen service: a staff member
//! hands a citizen over with the citizen's consent (recorded with the time
//! and the staff member). The receiver works the case; the sender sees only
//! its status. Every read of a case is audit-logged; the need and the
//! contact are deleted some time after the case is done, the counts stay.

use crate::audit::record_read_of;
use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, Duration, Utc};
use samvirke_domain::referrals::{CONTACT_NAME_MAX, NEED_MAX, ReferralStatus};
use samvirke_domain::validate::{
    FieldErrors, FieldProblem, optional_phone, optional_text, required_line,
};
use samvirke_domain::{Action, Actor, OrgId, OrgKind, Resource, StaffActor};
use samvirke_store::entity::referral;
use samvirke_store::{Page, Scope, orgs, referrals as q};

/// How long a done referral's need and contact are kept, in days.
pub const KEEP_DONE_DAYS: i64 = 30;
/// The most referrals one page of a list shows.
pub const LIST_MAX: u64 = 200;

/// A text of several lines that must be there.
fn required_text(input: &str, max: usize) -> std::result::Result<String, FieldProblem> {
    optional_text(input, max)?.ok_or(FieldProblem::Required)
}

/// Who refers to whom: the library to the citizen service and back.
fn receiver_kind(sender: OrgKind) -> Option<OrgKind> {
    match sender {
        OrgKind::Library => Some(OrgKind::CitizenService),
        OrgKind::CitizenService => Some(OrgKind::Library),
        _ => None,
    }
}

fn resource(me: &StaffActor, r: &referral::Model) -> Resource {
    Resource::Referral {
        municipality: me.municipality,
        sender: OrgId(r.from_org),
        receiver: OrgId(r.to_org),
    }
}

async fn kind_of(core: &Core, scope: Scope, org: OrgId) -> Result<Option<OrgKind>> {
    Ok(orgs::organisation(&core.db.read, scope, org)
        .await?
        .and_then(|o| OrgKind::parse(&o.kind)))
}

/// The organisations the actor's organisation may refer citizens to:
/// (id, name). Empty for organisations that do not refer.
pub async fn receivers(core: &Core, actor: &Actor) -> Result<Vec<(i64, String)>> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Create,
        Resource::Referral {
            municipality: me.municipality,
            sender: me.org,
            receiver: me.org,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let Some(want) = kind_of(core, scope, me.org).await?.and_then(receiver_kind) else {
        return Ok(vec![]);
    };
    Ok(orgs::list_organisations(&core.db.read, scope)
        .await?
        .into_iter()
        .filter(|o| o.active && OrgKind::parse(&o.kind) == Some(want))
        .map(|o| (o.id, o.name))
        .collect())
}

/// A referral as the sending staff member types it.
#[derive(Debug, Clone, Default)]
pub struct ReferralInput {
    pub to: i64,
    pub need: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    /// The citizen agreed to be handed over.
    pub consent: bool,
}

/// Sends a referral; returns its id. The citizen's consent is required;
/// a contact is a name and a phone number or an e-mail.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "referral"))]
pub async fn create(core: &Core, actor: &Actor, input: &ReferralInput) -> Result<i64> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    require(
        actor,
        Action::Create,
        Resource::Referral {
            municipality: me.municipality,
            sender: me.org,
            receiver: OrgId(input.to),
        },
    )?;
    let mut errors = FieldErrors::default();
    let receivers = receivers(core, actor).await?;
    if !receivers.iter().any(|(id, _)| *id == input.to) {
        errors.add("to", FieldProblem::InvalidChoice);
    }
    let need = errors.check("need", required_text(&input.need, NEED_MAX));
    let name = errors.check(
        "contact_name",
        required_line(&input.contact_name, CONTACT_NAME_MAX),
    );
    let phone = errors.check("phone", optional_phone(&input.phone));
    let email = if input.email.trim().is_empty() {
        Some(None)
    } else {
        errors
            .check("email", samvirke_domain::validate::email(&input.email))
            .map(Some)
    };
    if matches!((&phone, &email), (Some(None), Some(None))) {
        errors.add("phone", FieldProblem::ContactRequired);
    }
    if !input.consent {
        errors.add("consent", FieldProblem::ConsentRequired);
    }
    let (Some(need), Some(name), Some(phone), Some(email), true) =
        (need, name, phone, email, errors.is_empty())
    else {
        return Err(ServiceError::Invalid(errors));
    };
    let r = q::create(
        &core.db.write,
        scope,
        q::NewReferral {
            from: me.org,
            to: OrgId(input.to),
            need: &need,
            contact_name: &name,
            contact_phone: phone.as_deref(),
            contact_email: email.as_deref(),
            consent_by: me.staff.0,
        },
        core.now(),
    )
    .await?;
    Ok(r.id)
}

/// A referral in a list: no personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralRow {
    pub id: i64,
    /// The other organisation: the sender in the queue, the receiver in the sent list.
    pub organisation: String,
    pub created_at: DateTime<Utc>,
    pub status: ReferralStatus,
}

async fn referral_list(
    core: &Core,
    actor: &Actor,
    incoming: bool,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<ReferralRow>> {
    let me = signed_in(actor)?;
    // Reading one's own organisation's referrals: as sender (status) or receiver.
    require(
        actor,
        Action::Read,
        Resource::Referral {
            municipality: me.municipality,
            sender: me.org,
            receiver: me.org,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let names = orgs::list_organisations(&core.db.read, scope).await?;
    let name = |id: i64| {
        names
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let limit = limit.min(LIST_MAX);
    Ok(
        q::of_org(&core.db.read, scope, me.org, incoming, after, limit)
            .await?
            .map(|r| ReferralRow {
                id: r.id,
                organisation: name(if incoming { r.from_org } else { r.to_org }),
                created_at: r.created_at,
                status: r.status(),
            }),
    )
}

/// One page of the referrals sent to the actor's organisation, newest
/// first, after the referral `after` of the page before.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "referrals"))]
pub async fn incoming(
    core: &Core,
    actor: &Actor,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<ReferralRow>> {
    referral_list(core, actor, true, after, limit).await
}

/// One page of the referrals the actor's organisation sent (only their
/// status), newest first.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "referrals"))]
pub async fn sent(
    core: &Core,
    actor: &Actor,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<ReferralRow>> {
    referral_list(core, actor, false, after, limit).await
}

/// A referral's case, for the receiver only; every read is audit-logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: i64,
    pub from: String,
    pub status: ReferralStatus,
    pub created_at: DateTime<Utc>,
    pub consent_at: DateTime<Utc>,
    /// None once deleted by retention.
    pub need: Option<String>,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

async fn referral_for(core: &Core, actor: &Actor, id: i64) -> Result<(Scope, referral::Model)> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let r = q::get(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    // Neither sender nor receiver: it does not exist for them.
    if !samvirke_domain::authorize(actor, Action::Read, resource(me, &r)).is_allowed() {
        return Err(ServiceError::NotFound);
    }
    Ok((scope, r))
}

/// The case of a referral sent to the actor's organisation.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "referral", resource_id = id))]
pub async fn referral_case(core: &Core, actor: &Actor, id: i64) -> Result<Case> {
    let me = signed_in(actor)?;
    let (scope, r) = referral_for(core, actor, id).await?;
    require(actor, Action::ReadPersonal, resource(me, &r))?;
    record_read_of(core, me, OrgId(r.to_org), "referral_case", "referral", r.id).await?;
    let from = orgs::organisation(&core.db.read, scope, OrgId(r.from_org))
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    Ok(Case {
        id: r.id,
        from,
        status: r.status(),
        created_at: r.created_at,
        consent_at: r.consent_at,
        need: r.need,
        contact_name: r.contact_name,
        phone: r.contact_phone,
        email: r.contact_email,
    })
}

/// A referral's status, for the sender or the receiver: no personal data.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "referral", resource_id = id))]
pub async fn referral_status(core: &Core, actor: &Actor, id: i64) -> Result<ReferralStatus> {
    let me = signed_in(actor)?;
    let (_, r) = referral_for(core, actor, id).await?;
    require(actor, Action::Read, resource(me, &r))?;
    Ok(r.status())
}

/// Sets a referral's status (the receiver's staff).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "referral", resource_id = id))]
pub async fn set_status(core: &Core, actor: &Actor, id: i64, status: ReferralStatus) -> Result<()> {
    let me = signed_in(actor)?;
    let (scope, r) = referral_for(core, actor, id).await?;
    require(actor, Action::Update, resource(me, &r))?;
    if !q::set_status(&core.db.write, scope, id, me.org, status, core.now()).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// Retention: deletes the need and contact of the scope's referrals done
/// more than `days` ago (by default [`KEEP_DONE_DAYS`]). Returns how many.
pub async fn forget_done(core: &Core, scope: Scope, days: u32) -> Result<u64> {
    let now = core.now();
    let before = now - Duration::days(days.into());
    Ok(q::forget_done_before(&core.db.write, scope, before, now).await?)
}
