//! Running the day: the staff's session page, check-in, walk-ins, the participant list, cancelling a session.

use super::{
    AgendaLine, Participant, SessionInScope, SessionView, org_name, session_in_scope,
    session_with_agenda, view,
};
use super::{envelope, facts, language_of};
use crate::error::Result;
use crate::notice::{self, Notice};
use crate::secret::{new_token, token_hash};
use crate::{Core, ServiceError, audit, signed_in};
use samvirke_domain::validate;
use samvirke_domain::{
    Action, Actor, Attendance, Channel, Conflict, OrgId, RegistrationStatus, Resource,
};
use samvirke_store::sessions::{self as q, Listing};
use samvirke_store::{Page, Scope, orgs};

/// A session as staff see it: with the participants when they may see them.
pub struct StaffSessionView {
    pub view: SessionView,
    pub agenda: Vec<AgendaLine>,
    /// (agenda item id, staff name, organisation name): who runs which part.
    pub assignments: Vec<(i64, String, String)>,
    /// Those [`People`] asked for: everyone, or a page of those with a seat
    /// followed by a page of the waiting list.
    pub registrations: Option<Vec<Participant>>,
    /// More with a seat follow this page (with [`People::Pages`]).
    pub more_confirmed: bool,
    /// More on the waiting list follow this page (with [`People::Pages`]).
    pub more_waiting: bool,
    pub can_manage: bool,
}

/// The most people a name search shows (more: type more of the name).
pub const SEARCH_MAX: u64 = 50;

/// Which participants a staff session view holds.
#[derive(Debug, Clone)]
pub enum People {
    /// Everyone signed up, for the printed lists.
    All,
    /// Those with a seat or waiting whose name contains this (any case),
    /// at most [`SEARCH_MAX`]: finding someone at the door.
    Named(String),
    /// A page of those with a seat (after this registration id) and a page of
    /// the waiting list (after this waiting-list number), for the session page.
    Pages {
        confirmed_after: Option<i64>,
        waiting_after: Option<i64>,
        limit: u64,
    },
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = id))]
pub async fn staff_session(
    core: &Core,
    actor: &Actor,
    id: i64,
    people: People,
) -> Result<StaffSessionView> {
    let SessionInScope {
        me,
        scope,
        session: s,
        resource,
    } = session_in_scope(core, actor, id, Action::Read).await?;
    let (mut more_confirmed, mut more_waiting) = (false, false);
    let registrations = if samvirke_domain::authorize(actor, Action::ReadPersonal, resource)
        .is_allowed()
    {
        let regs = match people {
            People::All => q::registrations(&core.db.read, scope, id).await?,
            People::Named(name) => {
                let found =
                    q::registrations_named(&core.db.read, scope, id, &name, SEARCH_MAX + 1).await?;
                more_confirmed = found.len() as u64 > SEARCH_MAX;
                found.into_iter().take(SEARCH_MAX as usize).collect()
            }
            People::Pages {
                confirmed_after,
                waiting_after,
                limit,
            } => {
                let (db, l) = (&core.db.read, limit);
                let c =
                    q::registrations_page(db, scope, id, Listing::Confirmed, confirmed_after, l);
                let w = q::registrations_page(db, scope, id, Listing::Waiting, waiting_after, l);
                let (c, w) = (c.await?, w.await?);
                (more_confirmed, more_waiting) = (c.more, w.more);
                c.items.into_iter().chain(w.items).collect()
            }
        };
        audit::record_read_of(
            core,
            me,
            OrgId(s.organisation_id),
            "participant_list",
            "session",
            id,
        )
        .await?;
        Some(regs.into_iter().map(Participant::from).collect())
    } else {
        None
    };
    let can_manage = samvirke_domain::authorize(actor, Action::Deactivate, resource).is_allowed();
    let (view, agenda) = session_with_agenda(core, scope, s).await?;
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let mut assignments = Vec::new();
    for a in q::assignments(&core.db.read, scope, &[id]).await? {
        let who = samvirke_domain::StaffId(a.staff_id);
        if let Some(person) = samvirke_store::staff::get(&core.db.read, scope, who).await? {
            assignments.push((
                a.agenda_item_id,
                person.name,
                org_name(&orgs_all, person.organisation_id),
            ));
        }
    }
    Ok(StaffSessionView {
        view,
        agenda,
        assignments,
        registrations,
        more_confirmed,
        more_waiting,
        can_manage,
    })
}

/// Sessions staff of the actor's organisation own or are partners in, one
/// page at a time, by start time then id.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session"))]
pub async fn staff_sessions(
    core: &Core,
    actor: &Actor,
    after: Option<q::SessionKey>,
    limit: u64,
) -> Result<Page<SessionView>> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let programmes = q::programmes(&core.db.read, scope).await?;
    let ids: Vec<i64> = programmes.iter().map(|p| p.id).collect();
    let partners = q::partners(&core.db.read, scope, &ids).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    // Only the programmes the policy lets this actor read, so a page is full.
    let readable: Vec<i64> = programmes
        .iter()
        .filter(|p| {
            let partner = partners
                .iter()
                .find(|x| x.programme_id == p.id && x.organisation_id == me.org.0)
                .and_then(|x| x.level());
            let r = Resource::Joint {
                municipality: me.municipality,
                owner: OrgId(p.organisation_id),
                partner,
            };
            samvirke_domain::authorize(actor, Action::Read, r).is_allowed()
        })
        .map(|p| p.id)
        .collect();
    let filter = q::SessionFilter {
        from: core.now().checked_sub_signed(chrono::Duration::days(1)),
        to: None,
        programme_id: None,
        site_id: None,
        public_only: false,
        include_cancelled: true,
    };
    let page =
        q::sessions_page(&core.db.read, scope, &filter, Some(&readable), after, limit).await?;
    let mut out = Vec::new();
    for s in page.items {
        let partner = partners
            .iter()
            .find(|p| p.programme_id == s.programme_id && p.organisation_id == me.org.0)
            .and_then(|p| p.level());
        let r = Resource::Joint {
            municipality: me.municipality,
            owner: OrgId(s.organisation_id),
            partner,
        };
        if samvirke_domain::authorize(actor, Action::Read, r).is_allowed()
            && let Some(v) = view(core, scope, s, &programmes, &sites).await?
        {
            out.push(v);
        }
    }
    Ok(Page {
        items: out,
        more: page.more,
    })
}

/// Check-in on the day: attended, no-show, or back to not yet marked.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "registration", resource_id = registration_id))]
pub async fn set_attendance(
    core: &Core,
    actor: &Actor,
    registration_id: i64,
    attendance: Option<Attendance>,
) -> Result<()> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let reg = q::registration(&core.db.read, scope, registration_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    session_in_scope(core, actor, reg.session_id, Action::Update).await?;
    q::set_attendance(&core.db.write, scope, registration_id, attendance).await?;
    Ok(())
}

/// Someone who turns up without signing up: takes a free seat and is marked present.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = session_id))]
pub async fn walk_in(
    core: &Core,
    actor: &Actor,
    session_id: i64,
    name: &str,
) -> Result<Participant> {
    let SessionInScope {
        scope, session: s, ..
    } = session_in_scope(core, actor, session_id, Action::Update).await?;
    if s.cancelled_at.is_some() {
        return Err(ServiceError::Conflict(Conflict::SessionCancelled));
    }
    let name = validate::required_line(name, validate::NAME_MAX)
        .map_err(|p| ServiceError::invalid("name", p))?;
    let txn = core.db.begin_write().await?;
    if !q::take_seat(&txn, scope, session_id).await? {
        return Err(ServiceError::Conflict(Conflict::Full));
    }
    let reg = q::insert_registration(
        &txn,
        scope,
        q::NewRegistration {
            session_id,
            name: &name,
            email: None,
            phone: None,
            contact_key: None,
            needs: String::new(),
            needs_other: None,
            status: RegistrationStatus::Confirmed,
            waitlist_seq: None,
            cancel_token_hash: token_hash(&new_token()),
            channel: Channel::WalkIn,
            attendance: Some(Attendance::Attended),
            language: samvirke_domain::Language::Da,
        },
        core.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(reg.into())
}

/// What cancelling a session would do, for the page that asks first.
pub struct CancelPreview {
    pub view: SessionView,
    /// Signed up (seat or waiting list) with an e-mail: they are written to.
    pub by_email: usize,
    /// Signed up without an e-mail: staff must phone them.
    pub to_phone: usize,
}

/// Counts who cancelling the session would tell by e-mail and who must be
/// phoned; only for those who may cancel it. Only numbers leave here, so
/// nothing personal is read out.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = id))]
pub async fn cancel_preview(core: &Core, actor: &Actor, id: i64) -> Result<CancelPreview> {
    let SessionInScope {
        scope, session: s, ..
    } = session_in_scope(core, actor, id, Action::Deactivate).await?;
    if s.cancelled_at.is_some() {
        return Err(ServiceError::Gone);
    }
    let (mut by_email, mut to_phone) = (0, 0);
    for r in q::registrations(&core.db.read, scope, id).await? {
        match (
            r.status() == RegistrationStatus::Cancelled,
            r.email.is_some(),
        ) {
            (true, _) => {}
            (false, true) => by_email += 1,
            (false, false) => to_phone += 1,
        }
    }
    let (view, _) = session_with_agenda(core, scope, s).await?;
    Ok(CancelPreview {
        view,
        by_email,
        to_phone,
    })
}

/// Cancels a whole session and tells everyone signed up who has an e-mail.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = id))]
pub async fn cancel_session(core: &Core, actor: &Actor, id: i64) -> Result<usize> {
    let SessionInScope {
        scope, session: s, ..
    } = session_in_scope(core, actor, id, Action::Deactivate).await?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    if !q::cancel_session(&txn, scope, id, now).await? {
        return Err(ServiceError::Gone);
    }
    let p = q::programme(&txn, scope, s.programme_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let site = orgs::list_sites(&txn, scope)
        .await?
        .into_iter()
        .find(|x| x.id == s.site_id);
    let mut told = 0;
    for r in q::registrations(&txn, scope, id).await? {
        if r.status() == RegistrationStatus::Cancelled {
            continue;
        }
        if let Some(email) = &r.email {
            let notice = Notice::SessionCancelled {
                name: r.name.clone(),
                session: facts(&s, &p, site.as_ref()),
            };
            let to = envelope(&s, email, language_of(&r), None);
            notice::queue(&txn, core, scope, to, &notice, now).await?;
            told += 1;
        }
    }
    txn.commit().await?;
    Ok(told)
}

/// The participants of a session, for staff who run it; the read is audit-logged.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "session", resource_id = session_id))]
pub async fn registrations(
    core: &Core,
    actor: &Actor,
    session_id: i64,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<Participant>> {
    let SessionInScope {
        me,
        scope,
        session: s,
        ..
    } = session_in_scope(core, actor, session_id, Action::ReadPersonal).await?;
    let regs =
        q::registrations_page(&core.db.read, scope, session_id, Listing::All, after, limit).await?;
    audit::record_read_of(
        core,
        me,
        OrgId(s.organisation_id),
        "participant_list",
        "session",
        session_id,
    )
    .await?;
    Ok(regs.map(Participant::from))
}
