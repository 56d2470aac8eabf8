//! Programmes, sessions and sign-up with a waiting list.
//!
//! A seat is taken by one conditional update of the session row; a
//! cancellation locks the same row first, then promotes the first on the
//! waiting list or gives the seat back. Every step of one sign-up or
//! cancellation is one transaction, so nothing is half-done.

use crate::error::Result;
use crate::ics::{IcsEvent, calendar};
use crate::secret::{new_token, token_hash};
use crate::{Core, ServiceError, audit, mail, require, signed_in};
use chrono::{DateTime, Utc};
use samvirke_domain::signup::{Need, Registration, contact_key, registration_state};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{
    Action, Actor, LinkSecret, MunicipalityId, OrgId, PartnerLevel, Resource, StaffActor,
};
use samvirke_store::entity::{
    agenda_item, event_session, organisation, programme, registration, site,
};
use samvirke_store::sessions::{self as q, CANCELLED, CONFIRMED, Listing, WAITLISTED};
use samvirke_store::{Page, Scope, is_unique_violation, orgs, outbox};
use sea_orm::{ConnectionTrait, TransactionTrait};

/// A session as the public sees it.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub session: event_session::Model,
    pub programme: programme::Model,
    pub site: Option<site::Model>,
    pub seats_left: i32,
    pub waitlist_length: u64,
    pub registration: Registration,
}

#[derive(Debug, Clone)]
pub struct AgendaLine {
    pub item: agenda_item::Model,
    pub org_name: String,
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub programme_id: Option<i64>,
    pub site_id: Option<i64>,
    pub target_group: Option<String>,
}

async fn view(
    core: &Core,
    scope: Scope,
    s: event_session::Model,
    programmes: &[programme::Model],
    sites: &[site::Model],
) -> Result<Option<SessionView>> {
    let Some(programme) = programmes.iter().find(|p| p.id == s.programme_id).cloned() else {
        return Ok(None);
    };
    let _ = scope;
    // Everyone who ever joined the list, less those who left it.
    let waitlist_length = (s.waitlist_seq - s.waitlist_left).max(0) as u64;
    let registration = registration_state(
        core.now(),
        s.signup_opens_at,
        s.signup_closes_at,
        s.starts_at,
        s.cancelled_at.is_some(),
    );
    Ok(Some(SessionView {
        seats_left: (s.capacity - s.taken).max(0),
        site: sites.iter().find(|x| x.id == s.site_id).cloned(),
        session: s,
        programme,
        waitlist_length,
        registration,
    }))
}

/// Upcoming public sessions of a municipality.
pub async fn list_public(
    core: &Core,
    municipality: MunicipalityId,
    f: &ListFilter,
) -> Result<Vec<SessionView>> {
    let scope = Scope::new(municipality);
    let from = f.from.or(Some(core.now()));
    let filter = q::SessionFilter {
        from,
        to: f.to,
        programme_id: f.programme_id,
        site_id: f.site_id,
        public_only: true,
        include_cancelled: false,
    };
    let sessions = q::sessions(&core.db.read, scope, &filter).await?;
    let programmes = q::programmes(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let mut out = Vec::with_capacity(sessions.len());
    for s in sessions {
        if let Some(v) = view(core, scope, s, &programmes, &sites).await?
            && f.target_group
                .as_deref()
                .is_none_or(|t| t.is_empty() || v.programme.target_group == t)
        {
            out.push(v);
        }
    }
    Ok(out)
}

/// One page of upcoming public sessions, by start time then id. The
/// `target_group` of the filter is not used here.
pub async fn list_public_page(
    core: &Core,
    municipality: MunicipalityId,
    f: &ListFilter,
    after: Option<q::SessionKey>,
    limit: u64,
) -> Result<Page<SessionView>> {
    let scope = Scope::new(municipality);
    let filter = q::SessionFilter {
        from: f.from.or(Some(core.now())),
        to: f.to,
        programme_id: f.programme_id,
        site_id: f.site_id,
        public_only: true,
        include_cancelled: false,
    };
    let page = q::sessions_page(&core.db.read, scope, &filter, None, after, limit).await?;
    let programmes = q::programmes(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let mut out = Vec::with_capacity(page.items.len());
    for s in page.items {
        if let Some(v) = view(core, scope, s, &programmes, &sites).await? {
            out.push(v);
        }
    }
    Ok(Page {
        items: out,
        more: page.more,
    })
}

/// One public session with its agenda. Closed sessions are not found.
pub async fn get_public(
    core: &Core,
    municipality: MunicipalityId,
    id: i64,
) -> Result<(SessionView, Vec<AgendaLine>)> {
    let scope = Scope::new(municipality);
    let s = q::session(&core.db.read, scope, id)
        .await?
        .filter(|s| s.public)
        .ok_or(ServiceError::NotFound)?;
    session_with_agenda(core, scope, s).await
}

async fn session_with_agenda(
    core: &Core,
    scope: Scope,
    s: event_session::Model,
) -> Result<(SessionView, Vec<AgendaLine>)> {
    let programmes = q::programme(&core.db.read, scope, s.programme_id)
        .await?
        .into_iter()
        .collect::<Vec<_>>();
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let v = view(core, scope, s, &programmes, &sites)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agenda = q::agenda(&core.db.read, v.programme.id)
        .await?
        .into_iter()
        .map(|item| AgendaLine {
            org_name: org_name(&orgs_all, item.organisation_id),
            item,
        })
        .collect();
    Ok((v, agenda))
}

fn org_name(all: &[organisation::Model], id: i64) -> String {
    all.iter()
        .find(|o| o.id == id)
        .map(|o| o.name.clone())
        .unwrap_or_default()
}

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
}

#[derive(Debug, Clone)]
pub struct SignupResult {
    pub registration: registration::Model,
    /// Place on the waiting list at sign-up, when waitlisted.
    pub waitlist_position: Option<i32>,
    /// The secret of the cancel link; only its hash is stored.
    pub cancel_token: String,
}

pub struct ValidSignup {
    name: String,
    email: Option<String>,
    phone: Option<String>,
    needs: Vec<Need>,
    needs_other: Option<String>,
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
pub async fn sign_up(
    core: &Core,
    municipality: MunicipalityId,
    session_id: i64,
    input: &SignupInput,
    by: Option<&StaffActor>,
) -> Result<SignupResult> {
    let scope = Scope::new(municipality);
    let valid = validate_signup(input).map_err(ServiceError::Invalid)?;
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
        return Err(ServiceError::Conflict("registration_not_open"));
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
    let txn = core.db.write.begin().await?;
    // Try first what the session looked like a moment ago: when it was full,
    // most likely it still is, and one statement settles it either way.
    let looked_full = s.taken >= s.capacity;
    let mut placed = None;
    // On PostgreSQL a cancellation may free a seat between the two statements;
    // trying again settles it, as seats only ever free up or fill one by one.
    for attempt in 0..4 {
        placed = if looked_full == (attempt % 2 == 0) {
            q::join_waitlist_if_full(&txn, session_id)
                .await?
                .map(|(seq, place)| (WAITLISTED, Some(seq), Some(place)))
        } else {
            q::take_seat(&txn, session_id)
                .await?
                .then_some((CONFIRMED, None, None))
        };
        if placed.is_some() {
            break;
        }
    }
    // Neither a seat nor the waiting list: the session was cancelled meanwhile.
    let (status, seq, position) = placed.ok_or(ServiceError::Conflict("registration_not_open"))?;
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
            channel: if by.is_some() { "phone" } else { "online" },
            attendance: None,
        },
        now,
    )
    .await;
    let registration = match inserted {
        Ok(r) => r,
        // Dropping the transaction rolls back the seat or waiting-list place too.
        Err(e) if is_unique_violation(&e) => {
            return Err(ServiceError::Conflict("already_registered"));
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(email) = &registration.email {
        let p = &programme;
        // The e-mail gets a cancel secret of its own, made when it is sent.
        let cancel_url = format!("{}/afmeld/{}", core.public_url, mail::LINK_SECRET);
        let (subject, body) = match status {
            CONFIRMED => (
                format!("Du er tilmeldt: {}", p.title),
                format!(
                    "Hej {name}\n\nDu er tilmeldt {title}.\nHvornår: {when}\nHvor: {place}\n\nKan du ikke komme? Afmeld dig her, så får en anden din plads:\n{cancel_url}\n\nI vedhæftningen ligger arrangementet til din kalender.\n",
                    name = registration.name,
                    title = p.title,
                    when = when_text(&s),
                    place = place_text(site.as_ref()),
                ),
            ),
            _ => (
                format!("Du er på venteliste: {}", p.title),
                format!(
                    "Hej {name}\n\nDer er ikke flere pladser til {title} {when}, så du er skrevet på ventelisten som nummer {pos}.\nFår du en plads, skriver vi til dig.\n\nVil du af ventelisten, så klik her:\n{cancel_url}\n",
                    name = registration.name,
                    title = p.title,
                    when = when_text(&s),
                    pos = position.unwrap_or(0),
                ),
            ),
        };
        let ics = (status == CONFIRMED).then(|| session_ics(core, &s, p, site.as_ref()));
        let message = Message {
            to: email,
            subject: &subject,
            body: &body,
            ics: ics.as_deref(),
            secret: Some(LinkSecret::CancelRegistration(registration.id)),
        };
        enqueue(&txn, scope, &s, message, now).await?;
    }
    txn.commit().await?;
    Ok(SignupResult {
        registration,
        waitlist_position: position,
        cancel_token: token,
    })
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
    pub registration: registration::Model,
    /// The registration that got the freed seat, if anyone was waiting.
    pub promoted: Option<registration::Model>,
}

/// Cancels by the secret in a cancel link. Works once; then `Gone`.
pub async fn cancel(core: &Core, token: &str) -> Result<CancelResult> {
    let now = core.now();
    let hash = token_hash(token);
    let txn = core.db.write.begin().await?;
    let Some(reg) = q::registration_by_token_hash(&txn, &hash).await? else {
        return Err(ServiceError::NotFound);
    };
    if reg.status == CANCELLED {
        return Err(ServiceError::Gone);
    }
    // Lock the session first: sign-ups and cancellations of one session queue here.
    q::lock_session(&txn, reg.session_id).await?;
    // Read again under the lock: a racing cancellation may have won.
    let reg = q::registration_by_token_hash(&txn, &hash)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(MunicipalityId(reg.municipality_id));
    // A cancelled or started session keeps its list as it was: nobody is
    // promoted into a session that will not be held or has begun.
    let session = q::session(&txn, scope, reg.session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if reg.status == CANCELLED {
        return Err(ServiceError::Gone);
    }
    if session.cancelled_at.is_some() {
        return Err(ServiceError::Conflict("session_cancelled"));
    }
    if session.starts_at <= now {
        return Err(ServiceError::Conflict("session_started"));
    }
    if !q::mark_cancelled(&txn, reg.id, now).await? {
        return Err(ServiceError::Gone);
    }
    let mut promoted = None;
    if reg.status == CONFIRMED {
        match q::promote_first(&txn, reg.session_id, now).await? {
            Some(p) => {
                q::waitlist_departure(&txn, reg.session_id).await?;
                promoted = Some(p);
            }
            None => q::release_seat(&txn, reg.session_id).await?,
        }
    } else if reg.status == WAITLISTED {
        q::waitlist_departure(&txn, reg.session_id).await?;
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
        let body = format!(
            "Hej {name}\n\nDer er blevet en plads ledig, og den er din: Du er nu tilmeldt {title}.\nHvornår: {when}\nHvor: {place}\n\nKan du alligevel ikke komme, så brug linket i den første e-mail, vi sendte dig.\n",
            name = p.name,
            title = prog.title,
            when = when_text(&s),
            place = place_text(site.as_ref()),
        );
        let ics = session_ics(core, &s, &prog, site.as_ref());
        let subject = format!("Du har fået en plads: {}", prog.title);
        let message = Message {
            to: email,
            subject: &subject,
            body: &body,
            ics: Some(&ics),
            secret: None,
        };
        enqueue(&txn, scope, &s, message, now).await?;
    }
    txn.commit().await?;
    let mut reg = reg;
    reg.status = CANCELLED.into();
    reg.cancelled_at = Some(now);
    Ok(CancelResult {
        registration: reg,
        promoted,
    })
}

/// What a cancel link points at, to show before the person confirms.
pub async fn registration_for_token(
    core: &Core,
    token: &str,
) -> Result<(registration::Model, SessionView)> {
    let reg = q::registration_by_token_hash(&core.db.read, &token_hash(token))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(MunicipalityId(reg.municipality_id));
    let s = q::session(&core.db.read, scope, reg.session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (v, _) = session_with_agenda(core, scope, s).await?;
    Ok((reg, v))
}

pub async fn waitlist_place(core: &Core, reg: &registration::Model) -> Result<Option<u64>> {
    match (reg.status.as_str(), reg.waitlist_seq) {
        (WAITLISTED, Some(seq)) => Ok(Some(
            q::waitlist_place(&core.db.read, reg.session_id, seq).await?,
        )),
        _ => Ok(None),
    }
}

/// An e-mail about a session, sent in the name of its owner.
pub(crate) struct Message<'a> {
    pub(crate) to: &'a str,
    pub(crate) subject: &'a str,
    pub(crate) body: &'a str,
    pub(crate) ics: Option<&'a str>,
    pub(crate) secret: Option<LinkSecret>,
}

pub(crate) async fn enqueue(
    db: &impl ConnectionTrait,
    scope: Scope,
    s: &event_session::Model,
    m: Message<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    outbox::enqueue(
        db,
        scope,
        outbox::NewMessage {
            org: OrgId(s.organisation_id),
            recipient: m.to,
            subject: m.subject,
            body: m.body,
            ics: m.ics,
            secret: m.secret,
        },
        now,
    )
    .await?;
    Ok(())
}

pub(crate) fn when_text(s: &event_session::Model) -> String {
    use chrono::Datelike;
    use chrono_tz::Europe::Copenhagen;
    let a = s.starts_at.with_timezone(&Copenhagen);
    let b = s.ends_at.with_timezone(&Copenhagen);
    format!(
        "{}.{}.{} kl. {}-{}",
        a.day(),
        a.month(),
        a.year(),
        a.format("%H.%M"),
        b.format("%H.%M")
    )
}

pub(crate) fn place_text(site: Option<&site::Model>) -> String {
    site.map(|x| format!("{}, {}", x.name, x.address))
        .unwrap_or_default()
}

pub fn session_ics(
    core: &Core,
    s: &event_session::Model,
    p: &programme::Model,
    site: Option<&site::Model>,
) -> String {
    let location = place_text(site);
    calendar(
        &p.title,
        &[session_event(core, s, p, &location)],
        core.now(),
    )
}

pub fn session_event<'a>(
    core: &Core,
    s: &event_session::Model,
    p: &'a programme::Model,
    location: &'a str,
) -> IcsEvent<'a> {
    IcsEvent {
        uid: format!("session-{}-m{}@samvirke", s.id, s.municipality_id),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        summary: &p.title,
        location,
        description: &p.description,
        url: Some(format!("{}/arrangementer/{}", core.public_url, s.id)),
        cancelled: s.cancelled_at.is_some(),
    }
}

/// The resource a staff member meets in a session: owned, partner, or neither.
async fn joint_resource(
    core: &Core,
    me: &StaffActor,
    s: &event_session::Model,
) -> Result<Resource> {
    let partners = q::partners(&core.db.read, &[s.programme_id]).await?;
    let partner = partners
        .iter()
        .find(|p| p.organisation_id == me.org.0)
        .and_then(|p| PartnerLevel::parse(&p.level));
    Ok(Resource::Joint {
        municipality: MunicipalityId(s.municipality_id),
        owner: OrgId(s.organisation_id),
        partner,
    })
}

/// A session as staff see it: with the participants when they may see them.
pub struct StaffSessionView {
    pub view: SessionView,
    pub agenda: Vec<AgendaLine>,
    /// (agenda item id, staff name, organisation name): who runs which part.
    pub assignments: Vec<(i64, String, String)>,
    /// Those [`People`] asked for: everyone, or a page of those with a seat
    /// followed by a page of the waiting list.
    pub registrations: Option<Vec<registration::Model>>,
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

pub async fn staff_session(
    core: &Core,
    actor: &Actor,
    id: i64,
    people: People,
) -> Result<StaffSessionView> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let s = q::session(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let resource = joint_resource(core, me, &s).await?;
    require(actor, Action::Read, resource)?;
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
        Some(regs)
    } else {
        None
    };
    let can_manage = samvirke_domain::authorize(actor, Action::Deactivate, resource).is_allowed();
    let (view, agenda) = session_with_agenda(core, scope, s).await?;
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let mut assignments = Vec::new();
    for a in q::assignments(&core.db.read, &[id]).await? {
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
    let partners = q::partners(&core.db.read, &ids).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    // Only the programmes the policy lets this actor read, so a page is full.
    let readable: Vec<i64> = programmes
        .iter()
        .filter(|p| {
            let partner = partners
                .iter()
                .find(|x| x.programme_id == p.id && x.organisation_id == me.org.0)
                .and_then(|x| PartnerLevel::parse(&x.level));
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
            .and_then(|p| PartnerLevel::parse(&p.level));
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
pub async fn set_attendance(
    core: &Core,
    actor: &Actor,
    registration_id: i64,
    attendance: Option<&str>,
) -> Result<()> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let reg = q::registration(&core.db.read, scope, registration_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let s = q::session(&core.db.read, scope, reg.session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(actor, Action::Update, joint_resource(core, me, &s).await?)?;
    if !matches!(attendance, None | Some("attended") | Some("no_show")) {
        return Err(ServiceError::invalid(
            "attendance",
            FieldProblem::InvalidChoice,
        ));
    }
    q::set_attendance(&core.db.write, scope, registration_id, attendance).await?;
    Ok(())
}

/// Someone who turns up without signing up: takes a free seat and is marked present.
pub async fn walk_in(
    core: &Core,
    actor: &Actor,
    session_id: i64,
    name: &str,
) -> Result<registration::Model> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let s = q::session(&core.db.read, scope, session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(actor, Action::Update, joint_resource(core, me, &s).await?)?;
    if s.cancelled_at.is_some() {
        return Err(ServiceError::Conflict("session_cancelled"));
    }
    let name = validate::required_line(name, validate::NAME_MAX)
        .map_err(|p| ServiceError::invalid("name", p))?;
    let txn = core.db.write.begin().await?;
    if !q::take_seat(&txn, session_id).await? {
        return Err(ServiceError::Conflict("full"));
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
            status: CONFIRMED,
            waitlist_seq: None,
            cancel_token_hash: token_hash(&new_token()),
            channel: "walk_in",
            attendance: Some("attended"),
        },
        core.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(reg)
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
pub async fn cancel_preview(core: &Core, actor: &Actor, id: i64) -> Result<CancelPreview> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let s = q::session(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(
        actor,
        Action::Deactivate,
        joint_resource(core, me, &s).await?,
    )?;
    if s.cancelled_at.is_some() {
        return Err(ServiceError::Gone);
    }
    let (mut by_email, mut to_phone) = (0, 0);
    for r in q::registrations(&core.db.read, scope, id).await? {
        match (r.status == CANCELLED, r.email.is_some()) {
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
pub async fn cancel_session(core: &Core, actor: &Actor, id: i64) -> Result<usize> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let s = q::session(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(
        actor,
        Action::Deactivate,
        joint_resource(core, me, &s).await?,
    )?;
    let now = core.now();
    let txn = core.db.write.begin().await?;
    if !q::cancel_session(&txn, scope, id, now).await? {
        return Err(ServiceError::Gone);
    }
    let p = q::programme(&txn, scope, s.programme_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut told = 0;
    for r in q::registrations(&txn, scope, id).await? {
        if r.status == CANCELLED {
            continue;
        }
        if let Some(email) = &r.email {
            let body = format!(
                "Hej {}\n\nVi må desværre aflyse {} {}.\nDu behøver ikke gøre noget. Vi beklager.\n",
                r.name,
                p.title,
                when_text(&s)
            );
            let subject = format!("Aflyst: {}", p.title);
            let message = Message {
                to: email,
                subject: &subject,
                body: &body,
                ics: None,
                secret: None,
            };
            enqueue(&txn, scope, &s, message, now).await?;
            told += 1;
        }
    }
    txn.commit().await?;
    Ok(told)
}

pub struct AgendaInput {
    pub title: String,
    pub minutes: i32,
    pub org: i64,
    pub competence_id: Option<i64>,
}

pub struct ProgrammeInput {
    pub title: String,
    pub description: String,
    pub target_group: String,
    pub partners: Vec<(i64, String)>,
    pub agenda: Vec<AgendaInput>,
}

/// The most partners, and the most agenda items, a programme has.
pub const PROGRAMME_LIST_MAX: usize = 50;

/// A coordinator creates a programme for their organisation, with partners and an agenda.
pub async fn create_programme(
    core: &Core,
    actor: &Actor,
    input: &ProgrammeInput,
) -> Result<programme::Model> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Create,
        Resource::Joint {
            municipality: me.municipality,
            owner: me.org,
            partner: None,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let mut errors = FieldErrors::default();
    let title = errors.check("title", validate::required_line(&input.title, 200));
    let description = errors.check(
        "description",
        validate::optional_text(&input.description, 5000),
    );
    let target_group = errors.check(
        "target_group",
        validate::required_line(&input.target_group, 200),
    );
    let all_orgs = orgs::list_organisations(&core.db.read, scope).await?;
    let competences = orgs::list_competences(&core.db.read, scope).await?;
    let mut partners: Vec<(OrgId, PartnerLevel)> = Vec::new();
    for (org, level) in &input.partners {
        match (
            all_orgs.iter().any(|o| o.id == *org && *org != me.org.0),
            PartnerLevel::parse(level),
        ) {
            // An organisation is a partner once, at one level.
            (true, Some(_)) if partners.iter().any(|(o, _)| o.0 == *org) => {
                errors.add("partners", FieldProblem::Duplicate)
            }
            (true, Some(l)) => partners.push((OrgId(*org), l)),
            _ => errors.add("partners", FieldProblem::InvalidChoice),
        }
    }
    if input.partners.len() > PROGRAMME_LIST_MAX {
        errors.add("partners", FieldProblem::OutOfRange);
    }
    if input.agenda.len() > PROGRAMME_LIST_MAX {
        errors.add("agenda", FieldProblem::OutOfRange);
    }
    for item in &input.agenda {
        let org_ok = item.org == me.org.0 || partners.iter().any(|(o, _)| o.0 == item.org);
        let comp_ok = item
            .competence_id
            .is_none_or(|c| competences.iter().any(|k| k.id == c));
        if !org_ok || !comp_ok || !(1..=600).contains(&item.minutes) {
            errors.add("agenda", FieldProblem::InvalidChoice);
        }
        if let Err(p) = validate::required_line(&item.title, 200) {
            errors.add("agenda", p);
        }
    }
    let (Some(title), Some(description), Some(target_group)) = (title, description, target_group)
    else {
        return Err(ServiceError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let txn = core.db.write.begin().await?;
    let p = q::create_programme(
        &txn,
        scope,
        q::NewProgramme {
            org: me.org,
            title: &title,
            description: description.as_deref().unwrap_or(""),
            target_group: &target_group,
        },
        core.now(),
    )
    .await?;
    for (org, level) in partners {
        q::add_partner(&txn, p.id, org, level).await?;
    }
    for (i, item) in input.agenda.iter().enumerate() {
        q::add_agenda_item(
            &txn,
            p.id,
            q::NewAgendaItem {
                position: i as i32 + 1,
                title: item.title.trim(),
                minutes: item.minutes,
                org: OrgId(item.org),
                competence_id: item.competence_id,
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(p)
}

pub struct SessionInput {
    pub programme_id: i64,
    pub site_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub signup_opens_at: Option<DateTime<Utc>>,
    pub signup_closes_at: Option<DateTime<Utc>>,
    pub public: bool,
}

/// A coordinator of the programme's owner schedules a session of it.
pub async fn create_session(
    core: &Core,
    actor: &Actor,
    input: &SessionInput,
) -> Result<event_session::Model> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let p = q::programme(&core.db.read, scope, input.programme_id)
        .await?
        .ok_or_else(|| ServiceError::invalid("programme_id", FieldProblem::InvalidChoice))?;
    require(
        actor,
        Action::Create,
        Resource::Joint {
            municipality: me.municipality,
            owner: OrgId(p.organisation_id),
            partner: None,
        },
    )?;
    let mut errors = FieldErrors::default();
    if !orgs::list_sites(&core.db.read, scope)
        .await?
        .iter()
        .any(|s| s.id == input.site_id)
    {
        errors.add("site_id", FieldProblem::InvalidChoice);
    }
    // Every date between 2000 and 2100: nothing later does arithmetic on a far-off year.
    for (field, at) in [
        ("starts_at", Some(input.starts_at)),
        ("ends_at", Some(input.ends_at)),
        ("signup_opens_at", input.signup_opens_at),
        ("signup_closes_at", input.signup_closes_at),
    ] {
        if let Some(Err(p)) = at.map(validate::time_in_range) {
            errors.add(field, p);
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    if input.ends_at <= input.starts_at {
        errors.add("ends_at", FieldProblem::InvalidChoice);
    }
    if !(1..=10_000).contains(&input.capacity) {
        errors.add("capacity", FieldProblem::InvalidChoice);
    }
    let opens = input.signup_opens_at.unwrap_or_else(|| core.now());
    let closes = input.signup_closes_at.unwrap_or(input.starts_at);
    if closes <= opens {
        errors.add("signup_closes_at", FieldProblem::InvalidChoice);
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let s = q::create_session(
        &core.db.write,
        scope,
        q::NewSession {
            programme_id: p.id,
            org: OrgId(p.organisation_id),
            site_id: input.site_id,
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            capacity: input.capacity,
            signup_opens_at: opens,
            signup_closes_at: closes,
            public: input.public,
        },
        core.now(),
    )
    .await?;
    Ok(s)
}

/// A series: the same time and place every week or every second week.
pub struct SeriesInput {
    pub programme_id: i64,
    pub site_id: i64,
    /// The first date; the series keeps its weekday.
    pub first: chrono::NaiveDate,
    /// Wall-clock times in Copenhagen, the same every week across DST.
    pub start: chrono::NaiveTime,
    pub end: chrono::NaiveTime,
    /// 1 (every week) or 2 (every second week).
    pub every_weeks: u32,
    /// How many weeks of the calendar, 1 to [`SERIES_MAX`](samvirke_domain::calendar::SERIES_MAX);
    /// holidays among them are skipped.
    pub count: u32,
    pub capacity: i32,
    pub public: bool,
}

pub struct SeriesOutcome {
    pub created: Vec<event_session::Model>,
    pub skipped: Vec<(chrono::NaiveDate, samvirke_domain::calendar::Holiday)>,
}

/// Schedules a series in one transaction: all its sessions, or none.
pub async fn create_series(
    core: &Core,
    actor: &Actor,
    input: &SeriesInput,
) -> Result<SeriesOutcome> {
    use chrono::TimeZone;
    use chrono_tz::Europe::Copenhagen;
    use samvirke_domain::calendar::{SERIES_MAX, series};
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let p = q::programme(&core.db.read, scope, input.programme_id)
        .await?
        .ok_or_else(|| ServiceError::invalid("programme_id", FieldProblem::InvalidChoice))?;
    require(
        actor,
        Action::Create,
        Resource::Joint {
            municipality: me.municipality,
            owner: OrgId(p.organisation_id),
            partner: None,
        },
    )?;
    let mut errors = FieldErrors::default();
    if !(1..=SERIES_MAX).contains(&input.count) {
        errors.add("count", FieldProblem::OutOfRange);
    }
    if !matches!(input.every_weeks, 1 | 2) {
        errors.add("every_weeks", FieldProblem::InvalidChoice);
    }
    if !(1..=10_000).contains(&input.capacity) {
        errors.add("capacity", FieldProblem::InvalidNumber);
    }
    if input.end <= input.start {
        errors.add("ends_at", FieldProblem::EndBeforeStart);
    }
    if let Err(problem) = validate::year_in_range(chrono::Datelike::year(&input.first)) {
        errors.add("starts_at", problem);
    }
    if !orgs::list_sites(&core.db.read, scope)
        .await?
        .iter()
        .any(|s| s.id == input.site_id)
    {
        errors.add("site_id", FieldProblem::InvalidChoice);
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let (dates, skipped) = series(input.first, input.every_weeks, input.count);
    if dates.is_empty() {
        return Err(ServiceError::invalid("starts_at", FieldProblem::Holiday));
    }
    // The same wall-clock time each week: summer time or not. A time that
    // does not exist on a date (the hour the clocks skip) is refused.
    let local = |d: chrono::NaiveDate, t: chrono::NaiveTime| {
        Copenhagen
            .from_local_datetime(&d.and_time(t))
            .earliest()
            .map(|x| x.with_timezone(&Utc))
    };
    let now = core.now();
    let mut times = Vec::with_capacity(dates.len());
    for d in &dates {
        let (Some(starts_at), Some(ends_at)) = (local(*d, input.start), local(*d, input.end))
        else {
            return Err(ServiceError::invalid(
                "starts_at",
                FieldProblem::InvalidTime,
            ));
        };
        if validate::time_in_range(ends_at).is_err() {
            return Err(ServiceError::invalid("count", FieldProblem::DateOutOfRange));
        }
        if starts_at <= now {
            return Err(ServiceError::invalid("starts_at", FieldProblem::InPast));
        }
        times.push((starts_at, ends_at));
    }
    let txn = core.db.write.begin().await?;
    let mut created = Vec::with_capacity(times.len());
    for (starts_at, ends_at) in times {
        let s = q::create_session(
            &txn,
            scope,
            q::NewSession {
                programme_id: p.id,
                org: OrgId(p.organisation_id),
                site_id: input.site_id,
                starts_at,
                ends_at,
                capacity: input.capacity,
                signup_opens_at: now,
                signup_closes_at: starts_at,
                public: input.public,
            },
            now,
        )
        .await?;
        created.push(s);
    }
    txn.commit().await?;
    Ok(SeriesOutcome { created, skipped })
}

/// The participants of a session, for staff who run it; the read is audit-logged.
pub async fn registrations(
    core: &Core,
    actor: &Actor,
    session_id: i64,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<registration::Model>> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let s = q::session(&core.db.read, scope, session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(
        actor,
        Action::ReadPersonal,
        joint_resource(core, me, &s).await?,
    )?;
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
    Ok(regs)
}

/// Queues a reminder e-mail to everyone confirmed, `lead` before each
/// session. Each session is reminded once, whichever process gets there first.
pub async fn send_due_reminders(core: &Core, lead: chrono::Duration) -> Result<usize> {
    let now = core.now();
    let mut queued = 0;
    let until = now
        .checked_add_signed(lead)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    for s in q::due_for_reminder(&core.db.read, now, until).await? {
        let scope = Scope::new(MunicipalityId(s.municipality_id));
        let txn = core.db.write.begin().await?;
        if !q::claim_reminder(&txn, s.id, now).await? {
            continue;
        }
        let p = q::programme(&txn, scope, s.programme_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let site = orgs::list_sites(&txn, scope)
            .await?
            .into_iter()
            .find(|x| x.id == s.site_id);
        for r in q::registrations(&txn, scope, s.id).await? {
            if r.status != CONFIRMED {
                continue;
            }
            if let Some(email) = &r.email {
                let body = format!(
                    "Hej {name}\n\nHusk {title}.\nHvornår: {when}\nHvor: {place}\n\nVi glæder os til at se dig.\n",
                    name = r.name,
                    title = p.title,
                    when = when_text(&s),
                    place = place_text(site.as_ref()),
                );
                let subject = format!("Påmindelse: {}", p.title);
                let message = Message {
                    to: email,
                    subject: &subject,
                    body: &body,
                    ics: None,
                    secret: None,
                };
                enqueue(&txn, scope, &s, message, now).await?;
                queued += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// A public calendar feed: all public sessions at one site, or of one programme.
#[derive(Debug, Clone, Copy)]
pub enum PublicFeed {
    Site(i64),
    Programme(i64),
}

/// The iCalendar text of a public feed: recent and upcoming public sessions.
pub async fn public_feed(
    core: &Core,
    municipality: MunicipalityId,
    feed: PublicFeed,
) -> Result<String> {
    let scope = Scope::new(municipality);
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let programmes = q::programmes(&core.db.read, scope).await?;
    let (name, filter) = match feed {
        PublicFeed::Site(id) => {
            let site = sites
                .iter()
                .find(|s| s.id == id)
                .ok_or(ServiceError::NotFound)?;
            (
                site.name.clone(),
                q::SessionFilter {
                    site_id: Some(id),
                    programme_id: None,
                    ..feed_filter(core)
                },
            )
        }
        PublicFeed::Programme(id) => {
            let p = programmes
                .iter()
                .find(|p| p.id == id)
                .ok_or(ServiceError::NotFound)?;
            // A programme is public through its public sessions only: one
            // that has none, not even a past or cancelled one, is not found.
            let ever_public = q::SessionFilter {
                from: None,
                to: None,
                programme_id: Some(id),
                site_id: None,
                public_only: true,
                include_cancelled: true,
            };
            if q::sessions(&core.db.read, scope, &ever_public)
                .await?
                .is_empty()
            {
                return Err(ServiceError::NotFound);
            }
            (
                p.title.clone(),
                q::SessionFilter {
                    programme_id: Some(id),
                    site_id: None,
                    ..feed_filter(core)
                },
            )
        }
    };
    let sessions = q::sessions(&core.db.read, scope, &filter).await?;
    Ok(feed_text(core, &name, &sessions, &programmes, &sites))
}

fn feed_filter(core: &Core) -> q::SessionFilter {
    q::SessionFilter {
        from: Some(core.now() - chrono::Duration::days(30)),
        to: None,
        programme_id: None,
        site_id: None,
        public_only: true,
        // Cancelled sessions stay in the feed, marked so, so calendars update.
        include_cancelled: true,
    }
}

fn feed_text(
    core: &Core,
    name: &str,
    sessions: &[event_session::Model],
    programmes: &[programme::Model],
    sites: &[site::Model],
) -> String {
    let locations: Vec<String> = sessions
        .iter()
        .map(|s| place_text(sites.iter().find(|x| x.id == s.site_id)))
        .collect();
    let events: Vec<IcsEvent<'_>> = sessions
        .iter()
        .zip(&locations)
        .filter_map(|(s, loc)| {
            programmes
                .iter()
                .find(|p| p.id == s.programme_id)
                .map(|p| session_event(core, s, p, loc))
        })
        .collect();
    calendar(name, &events, core.now())
}

/// A staff member's private feed: the sessions they are assigned to.
pub async fn staff_feed(core: &Core, token: &str) -> Result<String> {
    let (municipality, staff_id) = q::calendar_feed_owner(&core.db.read, &token_hash(token))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(MunicipalityId(municipality));
    let person =
        samvirke_store::staff::get(&core.db.read, scope, samvirke_domain::StaffId(staff_id))
            .await?
            .filter(|p| p.active)
            .ok_or(ServiceError::NotFound)?;
    let sessions = q::sessions_of_staff(&core.db.read, scope, staff_id).await?;
    let programmes = q::programmes(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    Ok(feed_text(
        core,
        &format!("Samvirke – {}", person.name),
        &sessions,
        &programmes,
        &sites,
    ))
}

/// Makes a new secret link to the staff member's own calendar; an old one stops working.
pub async fn create_calendar_link(core: &Core, me: &StaffActor) -> Result<String> {
    require(
        &Actor::Staff(me.clone()),
        Action::Create,
        Resource::OwnAccount { staff: me.staff },
    )?;
    let token = new_token();
    let txn = core.db.write.begin().await?;
    q::set_calendar_feed(
        &txn,
        Scope::new(me.municipality),
        me.staff.0,
        token_hash(&token),
        core.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

pub async fn has_calendar_link(core: &Core, me: &StaffActor) -> Result<bool> {
    Ok(q::has_calendar_feed(&core.db.read, me.staff.0).await?)
}

/// Programmes the actor's organisation owns or is a partner in.
pub async fn programmes_for(
    core: &Core,
    actor: &Actor,
) -> Result<Vec<(programme::Model, Option<PartnerLevel>)>> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let all = q::programmes(&core.db.read, scope).await?;
    let ids: Vec<i64> = all.iter().map(|p| p.id).collect();
    let partners = q::partners(&core.db.read, &ids).await?;
    Ok(all
        .into_iter()
        .filter_map(|p| {
            let level = partners
                .iter()
                .find(|x| x.programme_id == p.id && x.organisation_id == me.org.0)
                .and_then(|x| PartnerLevel::parse(&x.level));
            (p.organisation_id == me.org.0 || level.is_some()).then_some((p, level))
        })
        .collect())
}

pub struct ProgrammeDetail {
    pub programme: programme::Model,
    pub owner_name: String,
    pub agenda: Vec<AgendaLine>,
    /// (organisation name, level)
    pub partners: Vec<(String, PartnerLevel)>,
    pub sessions: Vec<SessionView>,
    pub can_manage: bool,
}

pub async fn programme_detail(core: &Core, actor: &Actor, id: i64) -> Result<ProgrammeDetail> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let p = q::programme(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let partners = q::partners(&core.db.read, &[id]).await?;
    let level = partners
        .iter()
        .find(|x| x.organisation_id == me.org.0)
        .and_then(|x| PartnerLevel::parse(&x.level));
    let resource = Resource::Joint {
        municipality: me.municipality,
        owner: OrgId(p.organisation_id),
        partner: level,
    };
    require(actor, Action::Read, resource)?;
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let agenda = q::agenda(&core.db.read, id)
        .await?
        .into_iter()
        .map(|item| AgendaLine {
            org_name: org_name(&orgs_all, item.organisation_id),
            item,
        })
        .collect();
    let filter = q::SessionFilter {
        from: core.now().checked_sub_signed(chrono::Duration::days(1)),
        to: None,
        programme_id: Some(id),
        site_id: None,
        public_only: false,
        include_cancelled: true,
    };
    let mut sessions = Vec::new();
    let programmes = vec![p.clone()];
    for s in q::sessions(&core.db.read, scope, &filter).await? {
        if let Some(v) = view(core, scope, s, &programmes, &sites).await? {
            sessions.push(v);
        }
    }
    Ok(ProgrammeDetail {
        owner_name: org_name(&orgs_all, p.organisation_id),
        partners: partners
            .iter()
            .filter_map(|x| {
                PartnerLevel::parse(&x.level).map(|l| (org_name(&orgs_all, x.organisation_id), l))
            })
            .collect(),
        can_manage: samvirke_domain::authorize(actor, Action::Create, resource).is_allowed(),
        programme: p,
        agenda,
        sessions,
    })
}

/// Staff who may take an agenda item: from the owner or a partner
/// organisation, holding the competence the item needs.
pub async fn eligible_staff(
    core: &Core,
    scope: Scope,
    s: &event_session::Model,
    item: &agenda_item::Model,
) -> Result<Vec<(i64, String, String)>> {
    let partners = q::partners(&core.db.read, &[s.programme_id]).await?;
    let mut orgs_in: Vec<i64> = partners.iter().map(|p| p.organisation_id).collect();
    orgs_in.push(s.organisation_id);
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let mut out = Vec::new();
    for org in orgs_in {
        for person in samvirke_store::staff::list_for_org(&core.db.read, scope, OrgId(org)).await? {
            if !person.active {
                continue;
            }
            if let Some(needed) = item.competence_id {
                let has = samvirke_store::staff::competences_of(
                    &core.db.read,
                    scope,
                    samvirke_domain::StaffId(person.id),
                )
                .await?
                .iter()
                .any(|c| c.id == needed);
                if !has {
                    continue;
                }
            }
            out.push((person.id, person.name, org_name(&orgs_all, org)));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// Puts a staff member on an agenda item of a session. Returns the other
/// sessions they are already on at the same time, as a warning.
pub async fn assign(
    core: &Core,
    actor: &Actor,
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<Vec<SessionView>> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let s = q::session(&core.db.read, scope, session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(actor, Action::Create, joint_resource(core, me, &s).await?)?;
    let item = q::agenda(&core.db.read, s.programme_id)
        .await?
        .into_iter()
        .find(|a| a.id == agenda_item_id)
        .ok_or(ServiceError::NotFound)?;
    if !eligible_staff(core, scope, &s, &item)
        .await?
        .iter()
        .any(|(id, _, _)| *id == staff_id)
    {
        return Err(ServiceError::invalid("staff", FieldProblem::InvalidChoice));
    }
    let others = q::sessions_of_staff(&core.db.read, scope, staff_id).await?;
    let clashes: Vec<event_session::Model> = others
        .into_iter()
        .filter(|o| {
            o.id != session_id
                && o.cancelled_at.is_none()
                && o.starts_at < s.ends_at
                && s.starts_at < o.ends_at
        })
        .collect();
    match q::assign_staff(&core.db.write, session_id, agenda_item_id, staff_id).await {
        Ok(()) => {}
        Err(e) if is_unique_violation(&e) => {}
        Err(e) => return Err(e.into()),
    }
    let programmes = q::programmes(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let mut warnings = Vec::new();
    for c in clashes {
        if let Some(v) = view(core, scope, c, &programmes, &sites).await? {
            warnings.push(v);
        }
    }
    Ok(warnings)
}

pub async fn unassign(
    core: &Core,
    actor: &Actor,
    session_id: i64,
    agenda_item_id: i64,
    staff_id: i64,
) -> Result<()> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let s = q::session(&core.db.read, scope, session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(actor, Action::Create, joint_resource(core, me, &s).await?)?;
    q::unassign_staff(&core.db.write, session_id, agenda_item_id, staff_id).await?;
    Ok(())
}

/// One agenda item's staffing: who is on it, and who could be.
pub struct Staffing {
    pub item: agenda_item::Model,
    pub assigned: Vec<(i64, String, String)>,
    pub eligible: Vec<(i64, String, String)>,
}

/// The staffing of a session, for the coordinator who plans it.
pub async fn staffing(core: &Core, actor: &Actor, session_id: i64) -> Result<Vec<Staffing>> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let s = q::session(&core.db.read, scope, session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require(actor, Action::Create, joint_resource(core, me, &s).await?)?;
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let assignments = q::assignments(&core.db.read, &[session_id]).await?;
    let mut out = Vec::new();
    for item in q::agenda(&core.db.read, s.programme_id).await? {
        let mut assigned = Vec::new();
        for a in assignments.iter().filter(|a| a.agenda_item_id == item.id) {
            if let Some(p) = samvirke_store::staff::get(
                &core.db.read,
                scope,
                samvirke_domain::StaffId(a.staff_id),
            )
            .await?
            {
                assigned.push((p.id, p.name, org_name(&orgs_all, p.organisation_id)));
            }
        }
        let eligible = eligible_staff(core, scope, &s, &item)
            .await?
            .into_iter()
            .filter(|(id, _, _)| !assigned.iter().any(|(a, _, _)| a == id))
            .collect();
        out.push(Staffing {
            item,
            assigned,
            eligible,
        });
    }
    Ok(out)
}
