//! Editing what was planned: a programme (title, description, target group,
//! partners, agenda) and a session (time, place, seats, public, sign-up
//! window).
//!
//! Only the owner's coordinators edit; partners may not. A session edit
//! locks the session row first, as a cancellation does: the new capacity
//! is set by one conditional statement (never below the seats taken), then
//! freed seats go to the waiting list in order, each by the same seat
//! counter a sign-up uses. Those affected by a new time or place get an
//! e-mail queued in the same transaction; those without e-mail are on the
//! call list.

use crate::error::Result;
use crate::notice::{self, Notice, Standing};
use crate::sessions::{
    AgendaItem, PROGRAMME_LIST_MAX, Participant, Partner, Programme, Session, envelope, facts,
    fields, language_of, place, session_ics,
};
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, Utc};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{Action, Actor, Conflict, OrgId, RegistrationStatus, Resource, StaffActor};
use samvirke_store::sessions::{self as q};
use samvirke_store::{Scope, orgs};

/// The owner's coordinators may edit; the owner's other staff and partners may not.
fn require_owner_coordinator(actor: &Actor, me: &StaffActor, owner: i64) -> Result<()> {
    let resource = Resource::Joint {
        municipality: me.municipality,
        owner: OrgId(owner),
        partner: None,
    };
    require(actor, Action::Update, resource)?;
    // Changing the plan is a coordinator's task, like creating and cancelling it.
    require(actor, Action::Deactivate, resource)
}

/// A session as it is to be after the edit.
#[derive(Debug, Clone)]
pub struct SessionEdit {
    pub site_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub signup_opens_at: DateTime<Utc>,
    pub signup_closes_at: DateTime<Utc>,
    pub public: bool,
}

/// What an edit did to the people signed up.
#[derive(Debug, Clone, Default)]
pub struct SessionEditResult {
    /// Those told of a new time or place by e-mail.
    pub emailed: usize,
    /// Those with a seat and no e-mail, to be phoned (the call list).
    pub to_phone: usize,
    /// Those moved from the waiting list to a seat, in order.
    pub promoted: Vec<Participant>,
}

/// The most seats a session has.
pub const CAPACITY_MAX: i32 = 10_000;

/// The session to edit, for the form: only for the owner's coordinators.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = id))]
pub async fn session_for_edit(core: &Core, actor: &Actor, id: i64) -> Result<(Session, Programme)> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let s = q::session(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_owner_coordinator(actor, me, s.organisation_id)?;
    let p = q::programme(&core.db.read, scope, s.programme_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((s.into(), p.into()))
}

/// Edits a session. Seats below those already taken are refused on the
/// field `capacity` with [`FieldProblem::OutOfRange`]; a number outside
/// 1..=[`CAPACITY_MAX`] with [`FieldProblem::InvalidNumber`].
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = id))]
pub async fn update_session(
    core: &Core,
    actor: &Actor,
    id: i64,
    input: &SessionEdit,
) -> Result<SessionEditResult> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let before = q::session(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_owner_coordinator(actor, me, before.organisation_id)?;
    let now = core.now();
    let mut errors = FieldErrors::default();
    if !orgs::list_sites(&core.db.read, scope)
        .await?
        .iter()
        .any(|s| s.id == input.site_id)
    {
        errors.add("site_id", FieldProblem::InvalidChoice);
    }
    for (field, at) in [
        ("starts_at", input.starts_at),
        ("ends_at", input.ends_at),
        ("signup_opens_at", input.signup_opens_at),
        ("signup_closes_at", input.signup_closes_at),
    ] {
        if let Err(p) = validate::time_in_range(at) {
            errors.add(field, p);
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    if input.ends_at <= input.starts_at {
        errors.add("ends_at", FieldProblem::EndBeforeStart);
    }
    if input.starts_at != before.starts_at && input.starts_at <= now {
        errors.add("starts_at", FieldProblem::InPast);
    }
    if !(1..=CAPACITY_MAX).contains(&input.capacity) {
        errors.add("capacity", FieldProblem::InvalidNumber);
    }
    // The sign-up window opens before it closes, and closes by the start.
    if input.signup_closes_at <= input.signup_opens_at {
        errors.add("signup_closes_at", FieldProblem::EndBeforeStart);
    } else if input.signup_closes_at > input.starts_at {
        errors.add("signup_closes_at", FieldProblem::InvalidChoice);
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }

    let txn = core.db.begin_write().await?;
    // Sign-ups and cancellations of this session wait here until we commit.
    q::lock_session(&txn, scope, id).await?;
    let locked = q::session(&txn, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if locked.cancelled_at.is_some() {
        return Err(ServiceError::Conflict(Conflict::SessionCancelled));
    }
    if input.capacity < locked.taken {
        return Err(ServiceError::invalid("capacity", FieldProblem::OutOfRange));
    }
    let change = q::SessionChange {
        site_id: input.site_id,
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        capacity: input.capacity,
        signup_opens_at: input.signup_opens_at,
        signup_closes_at: input.signup_closes_at,
        public: input.public,
    };
    if !q::update_session(&txn, scope, id, &change).await? {
        // Under the lock only a cancellation or a full session explains this.
        return Err(ServiceError::invalid("capacity", FieldProblem::OutOfRange));
    }
    let s = q::session(&txn, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let prog = q::programme(&txn, scope, s.programme_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let sites = orgs::list_sites(&txn, scope).await?;
    let site = sites.iter().find(|x| x.id == s.site_id);
    let ics = session_ics(core, &s, &prog, site);
    let session = facts(&s, &prog, site);
    let mut result = SessionEditResult::default();

    // More seats: the first on the waiting list get them, in order, each
    // through the seat counter, so the session is never overbooked.
    while q::take_seat(&txn, scope, id).await? {
        match q::promote_first(&txn, scope, id, now).await? {
            Some(p) => {
                q::waitlist_departure(&txn, scope, id).await?;
                if let Some(email) = &p.email {
                    let notice = Notice::Promoted {
                        name: p.name.clone(),
                        session: session.clone(),
                    };
                    let to = envelope(&s, email, language_of(&p), Some(&ics));
                    notice::queue(&txn, core, scope, to, &notice, now).await?;
                }
                result.promoted.push(p.into());
            }
            None => {
                q::release_seat(&txn, scope, id).await?;
                break;
            }
        }
    }

    // A new time or place: everyone still signed up is told.
    let moved = before.starts_at != s.starts_at
        || before.ends_at != s.ends_at
        || before.site_id != s.site_id;
    if moved {
        let old_site = sites.iter().find(|x| x.id == before.site_id);
        for r in q::registrations(&txn, scope, id).await? {
            if r.status() == RegistrationStatus::Cancelled
                || result.promoted.iter().any(|p| p.id == r.id)
            {
                continue;
            }
            match &r.email {
                Some(email) => {
                    let notice = Notice::SessionChanged {
                        name: r.name.clone(),
                        session: session.clone(),
                        before_starts_at: before.starts_at,
                        before_ends_at: before.ends_at,
                        before_place: old_site.map(place),
                        standing: if r.status() == RegistrationStatus::Confirmed {
                            Standing::Seat
                        } else {
                            Standing::Waiting
                        },
                    };
                    let to = envelope(&s, email, language_of(&r), Some(&ics));
                    notice::queue(&txn, core, scope, to, &notice, now).await?;
                    result.emailed += 1;
                }
                None if r.status() == RegistrationStatus::Confirmed => result.to_phone += 1,
                None => {}
            }
        }
    }
    txn.commit().await?;
    Ok(result)
}

/// An agenda item as it is to be: an existing one (by id) or a new one.
#[derive(Debug, Clone)]
pub struct AgendaEdit {
    pub id: Option<i64>,
    pub title: String,
    pub minutes: i32,
    pub org: i64,
    pub competence_id: Option<i64>,
}

/// A programme as it is to be; the agenda in its new order. Items left out are removed.
#[derive(Debug, Clone)]
pub struct ProgrammeEdit {
    pub title: String,
    pub description: String,
    pub target_group: String,
    pub partners: Vec<(i64, String)>,
    pub agenda: Vec<AgendaEdit>,
}

/// The programme to edit, with its partners and agenda, for the form.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = id))]
pub async fn programme_for_edit(
    core: &Core,
    actor: &Actor,
    id: i64,
) -> Result<(Programme, Vec<Partner>, Vec<AgendaItem>)> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let p = q::programme(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_owner_coordinator(actor, me, p.organisation_id)?;
    let partners = q::partners(&core.db.read, scope, &[p.id]).await?;
    let agenda = q::agenda(&core.db.read, scope, p.id).await?;
    Ok((
        p.into(),
        partners.iter().filter_map(Partner::from_row).collect(),
        agenda.into_iter().map(AgendaItem::from).collect(),
    ))
}

/// Edits a programme: its texts, its partners (replaced by the new list)
/// and its agenda (kept items changed in place, so their staffing stays;
/// new ones added; those left out removed; all in the new order).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = id))]
pub async fn update_programme(
    core: &Core,
    actor: &Actor,
    id: i64,
    input: &ProgrammeEdit,
) -> Result<Programme> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let p = q::programme(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_owner_coordinator(actor, me, p.organisation_id)?;
    let owner = p.organisation_id;
    let mut errors = FieldErrors::default();
    let texts = fields::texts(
        &mut errors,
        &input.title,
        &input.description,
        &input.target_group,
    );
    let all_orgs = orgs::list_organisations(&core.db.read, scope).await?;
    let competences = orgs::list_competences(&core.db.read, scope).await?;
    let existing = q::agenda(&core.db.read, scope, p.id).await?;
    let partners = fields::partners(&mut errors, &input.partners, &all_orgs, owner);
    fields::agenda_length(&mut errors, input.agenda.len());
    // A kept item names one of this programme's items, once.
    let mut kept: Vec<i64> = Vec::new();
    for item in input.agenda.iter().take(PROGRAMME_LIST_MAX) {
        let id_ok = match item.id {
            None => true,
            Some(i) if kept.contains(&i) => false,
            Some(i) => existing.iter().any(|a| a.id == i),
        };
        if let Some(i) = item.id {
            kept.push(i);
        }
        if !id_ok {
            errors.add("agenda", FieldProblem::InvalidChoice);
        }
        let fields = fields::AgendaFields {
            title: &item.title,
            minutes: item.minutes,
            org: item.org,
            competence_id: item.competence_id,
        };
        fields::agenda_item(&mut errors, fields, owner, &partners, &competences);
    }
    let Some(texts) = texts.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let txn = core.db.begin_write().await?;
    let updated = q::update_programme(
        &txn,
        scope,
        p.id,
        &texts.title,
        &texts.description,
        &texts.target_group,
    );
    if !updated.await? {
        return Err(ServiceError::NotFound);
    }
    q::clear_partners(&txn, scope, p.id).await?;
    for (org, level) in partners {
        q::add_partner(&txn, scope, p.id, org, level).await?;
    }
    let removed: Vec<i64> = existing
        .iter()
        .map(|a| a.id)
        .filter(|i| !kept.contains(i))
        .collect();
    q::remove_agenda_items(&txn, scope, p.id, &removed).await?;
    for (i, item) in input.agenda.iter().enumerate() {
        let a = q::NewAgendaItem {
            position: i as i32 + 1,
            title: item.title.trim(),
            minutes: item.minutes,
            org: OrgId(item.org),
            competence_id: item.competence_id,
        };
        match item.id {
            Some(item_id) => {
                if !q::update_agenda_item(&txn, scope, p.id, item_id, a).await? {
                    return Err(ServiceError::invalid("agenda", FieldProblem::InvalidChoice));
                }
            }
            None => {
                q::add_agenda_item(&txn, scope, p.id, a).await?;
            }
        }
    }
    let p = q::programme(&txn, scope, p.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    txn.commit().await?;
    Ok(p.into())
}
