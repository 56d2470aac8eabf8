//! Sign-up (one date or a series), cancellation by link, and the waiting list.

use super::{Participant, SessionView, joint_resource, session_with_agenda};
use super::{envelope, facts, language_of, session_ics};
use crate::error::Result;
use crate::notice::{self, Notice, SessionFacts};
use crate::secret::{new_token, token_hash};
use crate::{Core, ServiceError, require};
use samvirke_domain::signup::{Need, Registration, contact_key, registration_state};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{
    Action, Actor, Channel, Conflict, Language, MunicipalityId, RegistrationStatus, StaffActor,
};
use samvirke_store::entity::event_session;
use samvirke_store::entity::registration;
use samvirke_store::sessions::{self as q};
use samvirke_store::{Scope, is_unique_violation, orgs};

/// What a sign-up form or API call sends, as typed.
#[derive(Debug, Clone, Default)]
pub struct SignupInput {
    pub name: String,
    pub email: String,
    pub phone: String,
    /// Ticked "I have neither e-mail nor phone" (forms only).
    pub no_contact: bool,
    /// Forms require e-mail, phone or the "neither" box; the API does not.
    pub require_contact: bool,
    pub needs: Vec<String>,
    pub needs_other: String,
    /// Other sessions of the same series to sign up for too (forms only).
    pub also: Vec<i64>,
    /// The language of the page or API call: every e-mail to the person uses it.
    pub language: Language,
}

#[derive(Debug, Clone)]
pub struct SignupResult {
    pub registration: Participant,
    /// Place on the waiting list at sign-up, when waitlisted.
    pub waitlist_position: Option<i32>,
    /// The secret of the cancel link; only its hash is stored.
    pub cancel_token: String,
}

#[derive(Clone)]
pub struct ValidSignup {
    pub(super) name: String,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) needs: Vec<Need>,
    pub(super) needs_other: Option<String>,
}

pub fn validate_signup(input: &SignupInput) -> std::result::Result<ValidSignup, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = errors.check(
        "name",
        validate::required_line(&input.name, validate::NAME_MAX),
    );
    let email = errors.check(
        "email",
        if input.email.trim().is_empty() {
            Ok(None)
        } else {
            validate::email(&input.email).map(Some)
        },
    );
    let phone = errors.check("phone", validate::optional_phone(&input.phone));
    let needs_other = errors.check(
        "needs_other",
        validate::optional_text(&input.needs_other, 500),
    );
    let mut needs = Vec::new();
    for n in &input.needs {
        match Need::parse(n) {
            Some(need) if needs.contains(&need) => errors.add("needs", FieldProblem::Duplicate),
            Some(need) => needs.push(need),
            None => errors.add("needs", FieldProblem::InvalidChoice),
        }
    }
    if input.require_contact
        && !input.no_contact
        && input.email.trim().is_empty()
        && input.phone.trim().is_empty()
        && errors.get("email").is_none()
    {
        errors.add("email", FieldProblem::ContactRequired);
    }
    match (name, email, phone, needs_other) {
        (Some(name), Some(email), Some(phone), Some(needs_other)) if errors.is_empty() => {
            Ok(ValidSignup {
                name,
                email,
                phone,
                needs,
                needs_other,
            })
        }
        _ => Err(errors),
    }
}

/// Signs a citizen up, online or (with `by`) entered by staff on the phone.
/// Confirmed while seats are free, otherwise on the waiting list.
#[tracing::instrument(skip_all, fields(municipality = municipality.0, org = by.map(|s| s.org.0), resource = "session", resource_id = session_id))]
pub async fn sign_up(
    core: &Core,
    municipality: MunicipalityId,
    session_id: i64,
    input: &SignupInput,
    by: Option<&StaffActor>,
) -> Result<SignupResult> {
    let result = place(core, municipality, session_id, input, by).await;
    count_signup(&result);
    result
}

/// Counts a sign-up by its outcome, for the operator's metrics.
fn count_signup(result: &Result<SignupResult>) {
    let outcome = match result {
        Ok(r) if r.waitlist_position.is_some() => "waitlisted",
        Ok(_) => "confirmed",
        Err(ServiceError::Invalid(_) | ServiceError::Conflict(_)) => "refused",
        Err(_) => "failed",
    };
    metrics::counter!("samvirke_signups_total", "outcome" => outcome).increment(1);
}

/// [`sign_up`]: the checks, the seat or waiting-list place, and the e-mail.
async fn place(
    core: &Core,
    municipality: MunicipalityId,
    session_id: i64,
    input: &SignupInput,
    by: Option<&StaffActor>,
) -> Result<SignupResult> {
    let scope = Scope::new(municipality);
    let valid = validate_signup(input).map_err(ServiceError::Invalid)?;
    if let (None, Some(writer)) = (by, &core.db.signup_writer) {
        return super::batched::sign_up(core, writer, scope, session_id, valid, input.language)
            .await;
    }
    let s = q::session(&core.db.read, scope, session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if let Some(staff) = by {
        let actor = Actor::Staff(staff.clone());
        require(
            &actor,
            Action::Update,
            joint_resource(core, staff, &s).await?,
        )?;
    } else if !s.public {
        return Err(ServiceError::NotFound);
    }
    let now = core.now();
    if registration_state(
        now,
        s.signup_opens_at,
        s.signup_closes_at,
        s.starts_at,
        s.cancelled_at.is_some(),
    ) != Registration::Open
    {
        return Err(ServiceError::Conflict(Conflict::RegistrationNotOpen));
    }
    let token = new_token();
    // Read what the e-mail needs before the write transaction: it holds the one writer.
    let programme = q::programme(&core.db.read, scope, s.programme_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let site = orgs::list_sites(&core.db.read, scope)
        .await?
        .into_iter()
        .find(|x| x.id == s.site_id);
    let txn = core.db.begin_write().await?;
    // Try first what the session looked like a moment ago: when it was full,
    // most likely it still is, and one statement settles it either way.
    let looked_full = s.taken >= s.capacity;
    let mut placed = None;
    // On PostgreSQL a cancellation may free a seat between the two statements;
    // trying again settles it, as seats only ever free up or fill one by one.
    for attempt in 0..4 {
        placed = if looked_full == (attempt % 2 == 0) {
            q::join_waitlist_if_full(&txn, scope, session_id)
                .await?
                .map(|(seq, place)| (RegistrationStatus::Waitlisted, Some(seq), Some(place)))
        } else {
            q::take_seat(&txn, scope, session_id).await?.then_some((
                RegistrationStatus::Confirmed,
                None,
                None,
            ))
        };
        if placed.is_some() {
            break;
        }
    }
    // Neither a seat nor the waiting list: the session was cancelled meanwhile.
    let (status, seq, position) =
        placed.ok_or(ServiceError::Conflict(Conflict::RegistrationNotOpen))?;
    let inserted = q::insert_registration(
        &txn,
        scope,
        q::NewRegistration {
            session_id,
            name: &valid.name,
            email: valid.email.as_deref(),
            phone: valid.phone.as_deref(),
            contact_key: contact_key(valid.email.as_deref(), valid.phone.as_deref()),
            needs: Need::join_list(&valid.needs),
            needs_other: valid.needs_other.as_deref(),
            status,
            waitlist_seq: seq,
            cancel_token_hash: token_hash(&token),
            channel: if by.is_some() {
                Channel::Phone
            } else {
                Channel::Online
            },
            attendance: None,
            language: input.language,
        },
        now,
    )
    .await;
    let registration = match inserted {
        Ok(r) => r,
        // Dropping the transaction rolls back the seat or waiting-list place too.
        Err(e) if is_unique_violation(&e) => {
            return Err(ServiceError::Conflict(Conflict::AlreadyRegistered));
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(email) = &registration.email {
        let notice = signup_notice(
            &registration,
            facts(&s, &programme, site.as_ref()),
            position,
        );
        let ics = position
            .is_none()
            .then(|| session_ics(core, &s, &programme, site.as_ref()));
        let to = envelope(&s, email, input.language, ics.as_deref());
        notice::queue(&txn, core, scope, to, &notice, now).await?;
    }
    txn.commit().await?;
    Ok(SignupResult {
        registration: registration.into(),
        waitlist_position: position,
        cancel_token: token,
    })
}

/// The e-mail a sign-up gets: confirmed, or waitlisted as number `position`.
pub(super) fn signup_notice(
    registration: &registration::Model,
    session: SessionFacts,
    position: Option<i32>,
) -> Notice {
    let name = registration.name.clone();
    match position {
        None => Notice::Confirmed {
            name,
            session,
            registration: registration.id,
        },
        Some(place) => Notice::Waitlisted {
            name,
            session,
            registration: registration.id,
            position: u64::try_from(place).unwrap_or(0),
        },
    }
}

/// The most other dates one sign-up may take along.
pub const SERIES_MAX: usize = 20;

/// A sign-up for one date and, in the same go, other dates of its series.
#[derive(Debug)]
pub struct SeriesResult {
    pub first: SignupResult,
    /// Each other date with what happened to it: a full date waitlists, a
    /// date that closed meanwhile is reported and does not undo the others.
    pub more: Vec<(i64, Result<SignupResult>)>,
}

/// Signs up for `session_id` and the other dates in `input.also`, which
/// must be distinct, at most [`SERIES_MAX`], and each another public,
/// coming, not cancelled date of the same programme. Nothing is signed up
/// when they are not.
#[tracing::instrument(skip_all, fields(municipality = municipality.0, org = by.map(|s| s.org.0), resource = "session", resource_id = session_id))]
pub async fn sign_up_series(
    core: &Core,
    municipality: MunicipalityId,
    session_id: i64,
    input: &SignupInput,
    by: Option<&StaffActor>,
) -> Result<SeriesResult> {
    let scope = Scope::new(municipality);
    let mut errors = validate_signup(input).err().unwrap_or_default();
    if !input.also.is_empty() {
        let s = q::session(&core.db.read, scope, session_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if let Err(problem) = check_series(core, scope, &s, &input.also).await? {
            errors.add("also", problem);
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let first = sign_up(core, municipality, session_id, input, by).await?;
    let mut more = Vec::with_capacity(input.also.len());
    for &other in &input.also {
        more.push((other, sign_up(core, municipality, other, input, by).await));
    }
    Ok(SeriesResult { first, more })
}

/// `Ok(Err(problem))` when the other dates are not a valid choice.
async fn check_series(
    core: &Core,
    scope: Scope,
    s: &event_session::Model,
    also: &[i64],
) -> Result<std::result::Result<(), FieldProblem>> {
    if also.len() > SERIES_MAX {
        return Ok(Err(FieldProblem::TooMany));
    }
    let mut seen = std::collections::HashSet::new();
    if also.iter().any(|id| *id == s.id || !seen.insert(*id)) {
        return Ok(Err(FieldProblem::NotInSeries));
    }
    let filter = q::SessionFilter {
        from: Some(core.now()),
        to: None,
        programme_id: Some(s.programme_id),
        site_id: None,
        public_only: true,
        include_cancelled: false,
    };
    let series: std::collections::HashSet<i64> = q::sessions(&core.db.read, scope, &filter)
        .await?
        .into_iter()
        .map(|x| x.id)
        .collect();
    if also.iter().all(|id| series.contains(id)) {
        Ok(Ok(()))
    } else {
        Ok(Err(FieldProblem::NotInSeries))
    }
}

#[derive(Debug, Clone)]
pub struct CancelResult {
    pub registration: Participant,
    /// The registration that got the freed seat, if anyone was waiting.
    pub promoted: Option<Participant>,
}

/// Cancels by the secret in a cancel link. Works once; then `Gone`.
#[tracing::instrument(skip_all, fields(municipality = tracing::field::Empty, resource = "registration", resource_id = tracing::field::Empty))]
pub async fn cancel(core: &Core, token: &str) -> Result<CancelResult> {
    let now = core.now();
    let hash = token_hash(token);
    let txn = core.db.begin_write().await?;
    let Some(reg) = q::registration_by_token_hash(&txn, &hash).await? else {
        return Err(ServiceError::NotFound);
    };
    if reg.status() == RegistrationStatus::Cancelled {
        return Err(ServiceError::Gone);
    }
    // The link is how the scope is found.
    let scope = Scope::new(MunicipalityId(reg.municipality_id));
    // Lock the session first: sign-ups and cancellations of one session queue here.
    q::lock_session(&txn, scope, reg.session_id).await?;
    // Read again under the lock: a racing cancellation may have won.
    let reg = q::registration_by_token_hash(&txn, &hash)
        .await?
        .ok_or(ServiceError::NotFound)?;
    record_found(&reg);
    // A cancelled or started session keeps its list as it was: nobody is
    // promoted into a session that will not be held or has begun.
    let session = q::session(&txn, scope, reg.session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if reg.status() == RegistrationStatus::Cancelled {
        return Err(ServiceError::Gone);
    }
    if session.cancelled_at.is_some() {
        return Err(ServiceError::Conflict(Conflict::SessionCancelled));
    }
    if session.starts_at <= now {
        return Err(ServiceError::Conflict(Conflict::SessionStarted));
    }
    if !q::mark_cancelled(&txn, scope, reg.id, now).await? {
        return Err(ServiceError::Gone);
    }
    let mut promoted = None;
    if reg.status() == RegistrationStatus::Confirmed {
        match q::promote_first(&txn, scope, reg.session_id, now).await? {
            Some(p) => {
                q::waitlist_departure(&txn, scope, reg.session_id).await?;
                promoted = Some(p);
            }
            None => q::release_seat(&txn, scope, reg.session_id).await?,
        }
    } else if reg.status() == RegistrationStatus::Waitlisted {
        q::waitlist_departure(&txn, scope, reg.session_id).await?;
    }
    if let Some(p) = &promoted
        && let Some(email) = &p.email
    {
        let s = q::session(&txn, scope, reg.session_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let prog = q::programme(&txn, scope, s.programme_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let site = orgs::list_sites(&txn, scope)
            .await?
            .into_iter()
            .find(|x| x.id == s.site_id);
        let notice = Notice::Promoted {
            name: p.name.clone(),
            session: facts(&s, &prog, site.as_ref()),
        };
        let ics = session_ics(core, &s, &prog, site.as_ref());
        let to = envelope(&s, email, language_of(p), Some(&ics));
        notice::queue(&txn, core, scope, to, &notice, now).await?;
    }
    txn.commit().await?;
    let mut reg = reg;
    reg.status = RegistrationStatus::Cancelled.as_str().into();
    reg.cancelled_at = Some(now);
    Ok(CancelResult {
        registration: reg.into(),
        promoted: promoted.map(Participant::from),
    })
}

/// Names the registration in the use case's span once its link's secret found it.
fn record_found(reg: &samvirke_store::entity::registration::Model) {
    let span = tracing::Span::current();
    span.record("municipality", reg.municipality_id);
    span.record("resource_id", reg.id);
}

/// What a cancel link points at, to show before the person confirms.
#[tracing::instrument(skip_all, fields(municipality = tracing::field::Empty, resource = "registration", resource_id = tracing::field::Empty))]
pub async fn registration_for_token(
    core: &Core,
    token: &str,
) -> Result<(Participant, SessionView)> {
    let reg = q::registration_by_token_hash(&core.db.read, &token_hash(token))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(MunicipalityId(reg.municipality_id));
    record_found(&reg);
    let s = q::session(&core.db.read, scope, reg.session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (v, _) = session_with_agenda(core, scope, s).await?;
    Ok((reg.into(), v))
}

pub async fn waitlist_place(core: &Core, reg: &Participant) -> Result<Option<u64>> {
    match (reg.status, reg.waitlist_seq) {
        (RegistrationStatus::Waitlisted, Some(seq)) => Ok(Some(
            q::waitlist_place(
                &core.db.read,
                Scope::new(reg.municipality),
                reg.session_id,
                seq,
            )
            .await?,
        )),
        _ => Ok(None),
    }
}
