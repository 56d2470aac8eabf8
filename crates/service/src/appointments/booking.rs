//! Booking a time: a citizen on the public pages or the API, or staff on a
//! citizen's behalf; cancelling and moving by the link's secret.

use super::services::{ServiceInfo, load_one};
use super::slots::staff_days;
use crate::error::Result;
use crate::ics::{IcsEvent, calendar};
use crate::notice::{self, AppointmentFacts, Envelope, Notice, Place};
use crate::secret::{new_token, token_hash};
use crate::{Core, ServiceError, require};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::appointments::{
    AppointmentStatus, QUESTIONS_MAX, ServiceRules, StaffDay, Topic, free_staff_at,
};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{
    Action, Actor, Conflict, Language, MunicipalityId, OrgId, Resource, StaffActor,
};
use samvirke_store::appointments::{self as q, AppointmentRow, NewAppointment};
use samvirke_store::{Scope, is_unique_violation, referrals, seasons};
use sea_orm::DatabaseTransaction;

/// The longest answer to a service's question.
pub const ANSWER_MAX: usize = 500;

/// What a citizen (or staff for them) fills in.
#[derive(Debug, Clone, Default)]
pub struct BookingInput {
    pub starts_at: Option<DateTime<Utc>>,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// A topic code of the guided question.
    pub topic: String,
    /// Answers to the service's questions, in their order.
    pub answers: Vec<String>,
    /// The page's or call's language: the e-mails use it.
    pub language: Language,
}

/// A booking made.
#[derive(Debug, Clone)]
pub struct Booked {
    pub id: i64,
    /// The cancel secret; only its hash is stored.
    pub cancel_token: String,
    pub service: ServiceInfo,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub email: Option<String>,
}

struct Valid {
    starts_at: DateTime<Utc>,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    topic: Option<Topic>,
    answers: Option<String>,
    language: Language,
}

fn check(input: &BookingInput, contact_required: bool) -> std::result::Result<Valid, FieldErrors> {
    let mut errors = FieldErrors::default();
    if input.starts_at.is_none() {
        errors.add("starts_at", FieldProblem::Required);
    }
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
    if contact_required
        && input.email.trim().is_empty()
        && input.phone.trim().is_empty()
        && errors.get("email").is_none()
    {
        errors.add("email", FieldProblem::ContactRequired);
    }
    let topic = match input.topic.trim() {
        "" => None,
        code => match code.parse::<Topic>() {
            Ok(t) => Some(t),
            Err(_) => {
                errors.add("topic", FieldProblem::InvalidChoice);
                None
            }
        },
    };
    if input.answers.len() > QUESTIONS_MAX {
        errors.add("answers", FieldProblem::TooMany);
    }
    let answers: Vec<String> = input
        .answers
        .iter()
        .take(QUESTIONS_MAX)
        .map(|a| {
            errors
                .check("answers", validate::optional_line(a, ANSWER_MAX))
                .flatten()
                .unwrap_or_default()
        })
        .collect();
    match (input.starts_at, name, email, phone) {
        (Some(starts_at), Some(name), Some(email), Some(phone)) if errors.is_empty() => Ok(Valid {
            starts_at,
            name,
            email,
            phone,
            topic,
            answers: answers
                .iter()
                .any(|a| !a.is_empty())
                .then(|| answers.join("\n")),
            language: input.language,
        }),
        _ => Err(errors),
    }
}

/// Books a time of a service: a citizen (`by` None; e-mail or phone
/// required, the notice and horizon hold) or staff on a citizen's behalf
/// (their own organisation's services; no notice, contact optional).
#[tracing::instrument(skip_all, fields(municipality = m.0, org = by.map(|s| s.org.0), resource = "appointment_service", resource_id = service_id))]
pub async fn book(
    core: &Core,
    m: MunicipalityId,
    service_id: i64,
    input: &BookingInput,
    by: Option<&StaffActor>,
) -> Result<Booked> {
    book_with(core, m, service_id, input, by, None).await
}

/// Staff of the organisation a referral was sent to book the citizen a
/// time of their own organisation's services; a new referral becomes
/// "contacted" in the same transaction. The sender's staff are refused,
/// and to everyone else the referral does not exist.
#[tracing::instrument(skip_all, fields(org = by.org.0, resource = "referral", resource_id = referral_id))]
pub async fn book_for_referral(
    core: &Core,
    referral_id: i64,
    service_id: i64,
    input: &BookingInput,
    by: &StaffActor,
) -> Result<Booked> {
    let scope = Scope::new(by.municipality);
    let r = referrals::get(&core.db.read, scope, referral_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let actor = Actor::Staff(by.clone());
    let resource = Resource::Referral {
        municipality: by.municipality,
        sender: OrgId(r.from_org),
        receiver: OrgId(r.to_org),
    };
    if !samvirke_domain::authorize(&actor, Action::Read, resource).is_allowed() {
        return Err(ServiceError::NotFound);
    }
    require(&actor, Action::Update, resource)?;
    book_with(
        core,
        by.municipality,
        service_id,
        input,
        Some(by),
        Some((r.id, OrgId(r.to_org))),
    )
    .await
}

/// Books; with a referral (its id and receiver), marks it contacted in the
/// same transaction.
async fn book_with(
    core: &Core,
    m: MunicipalityId,
    service_id: i64,
    input: &BookingInput,
    by: Option<&StaffActor>,
    referral: Option<(i64, OrgId)>,
) -> Result<Booked> {
    let scope = Scope::new(m);
    let service = load_one(&core.db.read, scope, service_id, false).await?;
    if let Some(staff) = by {
        require(
            &Actor::Staff(staff.clone()),
            Action::Create,
            Resource::Appointment {
                municipality: m,
                org: OrgId(service.org_id),
                staff: None,
            },
        )?;
    }
    let valid = check(input, by.is_none()).map_err(ServiceError::Invalid)?;
    let rules = rules_for(&service, by.is_some());
    if !rules.bookable(core.now(), valid.starts_at) {
        return Err(ServiceError::invalid("starts_at", FieldProblem::OutOfRange));
    }
    let token = new_token();
    let txn = core.db.begin_write().await?;
    let row = book_in(
        &txn,
        core,
        scope,
        &service,
        &rules,
        &valid,
        &token_hash(&token),
        by,
    )
    .await?;
    if let Some((id, to)) = referral {
        referrals::mark_contacted(&txn, scope, id, to, core.now()).await?;
    }
    txn.commit().await?;
    Ok(Booked {
        id: row.id,
        cancel_token: token,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        email: row.email,
        service,
    })
}

/// Staff book without the minimum notice (the citizen is at the desk).
fn rules_for(service: &ServiceInfo, by_staff: bool) -> ServiceRules {
    ServiceRules {
        notice_hours: if by_staff {
            0
        } else {
            service.rules.notice_hours
        },
        ..service.rules
    }
}

/// Inside the caller's transaction: locks the service's staff, re-reads
/// what they are busy with, picks the free one with the fewest
/// appointments that day, saves the appointment and queues the confirmation.
#[allow(clippy::too_many_arguments)]
async fn book_in(
    txn: &DatabaseTransaction,
    core: &Core,
    scope: Scope,
    service: &ServiceInfo,
    rules: &ServiceRules,
    valid: &Valid,
    hash: &str,
    by: Option<&StaffActor>,
) -> Result<AppointmentRow> {
    let now = core.now();
    seasons::lock_staff(txn, scope, &service.staff_ids).await?;
    let date = valid.starts_at.with_timezone(&Copenhagen).date_naive();
    let staff = staff_days(txn, scope, service, date, date).await?;
    let free = free_staff_at(rules, now, &staff, valid.starts_at);
    let load = |id: i64| -> usize {
        staff
            .iter()
            .find(|p| p.staff_id == id)
            .map_or(0, |p: &StaffDay| p.busy.len())
    };
    let Some(&chosen) = free.iter().min_by_key(|&&id| (load(id), id)) else {
        return Err(ServiceError::Conflict(Conflict::SlotTaken));
    };
    let row = q::insert(
        txn,
        scope,
        &NewAppointment {
            service_id: service.id,
            staff_id: chosen,
            starts_at: valid.starts_at,
            ends_at: valid.starts_at + rules.length(),
            name: &valid.name,
            email: valid.email.as_deref(),
            phone: valid.phone.as_deref(),
            topic: valid.topic.map(Topic::as_str),
            answers: valid.answers.as_deref(),
            language: valid.language.code(),
            cancel_token_hash: hash,
            booked_by: by.map(|s| s.staff.0),
        },
        now,
    )
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            ServiceError::Conflict(Conflict::SlotTaken)
        } else {
            ServiceError::Db(e)
        }
    })?;
    confirm(txn, core, scope, service, &row).await?;
    Ok(row)
}

/// The facts the e-mails name.
fn facts(service: &ServiceInfo, row: &AppointmentRow) -> AppointmentFacts {
    AppointmentFacts {
        id: row.id,
        title: service.title.clone(),
        organisation: service.organisation.clone(),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        place: service.site.clone().map(|name| Place {
            name,
            address: service.address.clone().unwrap_or_default(),
        }),
    }
}

/// The appointment as a calendar entry.
pub(crate) fn appointment_ics(core: &Core, service: &ServiceInfo, row: &AppointmentRow) -> String {
    let location = match (&service.site, &service.address) {
        (Some(n), Some(a)) => format!("{n}, {a}"),
        (Some(n), None) => n.clone(),
        _ => String::new(),
    };
    calendar(
        &service.title,
        &[IcsEvent {
            uid: format!("appointment-{}-m{}@samvirke", row.id, row.municipality_id),
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            summary: &service.title,
            location: &location,
            description: &service.organisation,
            url: None,
            cancelled: row.status == AppointmentStatus::Cancelled.as_str(),
        }],
        core.now(),
    )
}

pub(crate) fn language_of(row: &AppointmentRow) -> Language {
    Language::parse(&row.language).unwrap_or_default()
}

/// Queues the confirmation with its calendar entry and cancel link, when
/// the citizen gave an e-mail.
async fn confirm(
    txn: &DatabaseTransaction,
    core: &Core,
    scope: Scope,
    service: &ServiceInfo,
    row: &AppointmentRow,
) -> Result<()> {
    let (Some(email), Some(name)) = (&row.email, &row.name) else {
        return Ok(());
    };
    let ics = appointment_ics(core, service, row);
    let notice = Notice::AppointmentBooked {
        name: name.clone(),
        appointment: facts(service, row),
    };
    let to = Envelope {
        org: OrgId(service.org_id),
        to: email,
        lang: language_of(row),
        ics: Some(&ics),
    };
    notice::queue(txn, core, scope, to, &notice, core.now()).await
}

/// An appointment as its cancel link shows it to the citizen who holds it.
#[derive(Debug, Clone)]
pub struct HeldAppointment {
    pub id: i64,
    pub service: ServiceInfo,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: AppointmentStatus,
    /// Before the cancellation deadline.
    pub cancellable: bool,
    pub municipality: MunicipalityId,
    /// The confirmation goes to an e-mail.
    pub has_email: bool,
}

/// The appointment a cancel secret opens (the newest, after a move).
async fn by_secret(core: &Core, secret: &str) -> Result<(AppointmentRow, ServiceInfo)> {
    if secret.is_empty() || secret.len() > 100 {
        return Err(ServiceError::NotFound);
    }
    let row = q::appointment_by_token_hash(&core.db.read, &token_hash(secret))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = Scope::new(MunicipalityId(row.municipality_id));
    let service = load_one(&core.db.read, scope, row.service_id, true).await?;
    Ok((row, service))
}

/// What a cancel link shows.
pub async fn appointment_for_secret(core: &Core, secret: &str) -> Result<HeldAppointment> {
    let (row, service) = by_secret(core, secret).await?;
    let status: AppointmentStatus = row.status.parse().unwrap_or(AppointmentStatus::Cancelled);
    Ok(HeldAppointment {
        id: row.id,
        cancellable: status == AppointmentStatus::Booked
            && service.rules.cancellable(core.now(), row.starts_at),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        status,
        municipality: MunicipalityId(row.municipality_id),
        has_email: row.email.is_some(),
        service,
    })
}

/// Cancels by the link's secret (or the API's `cancel_token`): once, and
/// until the service's cancellation deadline.
#[tracing::instrument(skip_all, fields(resource = "appointment"))]
pub async fn cancel_appointment(core: &Core, secret: &str) -> Result<HeldAppointment> {
    let held = appointment_for_secret(core, secret).await?;
    if held.status != AppointmentStatus::Booked {
        return Err(ServiceError::Gone);
    }
    if !held.cancellable {
        return Err(ServiceError::Conflict(Conflict::CancelDeadlinePassed));
    }
    let scope = Scope::new(held.municipality);
    if !q::cancel(&core.db.write, scope, held.id, core.now()).await? {
        return Err(ServiceError::Gone);
    }
    Ok(HeldAppointment {
        status: AppointmentStatus::Cancelled,
        cancellable: false,
        ..held
    })
}

/// Moves an appointment to another free time of its service, by the link's
/// secret: the old one cancelled and the new one booked in one
/// transaction (or neither). The same link opens the new one; a new
/// confirmation is sent.
#[tracing::instrument(skip_all, fields(resource = "appointment"))]
pub async fn move_appointment(
    core: &Core,
    secret: &str,
    starts_at: DateTime<Utc>,
) -> Result<HeldAppointment> {
    let (row, service) = by_secret(core, secret).await?;
    let held = appointment_for_secret(core, secret).await?;
    if held.status != AppointmentStatus::Booked {
        return Err(ServiceError::Gone);
    }
    if !held.cancellable {
        return Err(ServiceError::Conflict(Conflict::CancelDeadlinePassed));
    }
    if !service.active {
        return Err(ServiceError::NotFound);
    }
    let now = core.now();
    if !service.rules.bookable(now, starts_at) {
        return Err(ServiceError::invalid("starts_at", FieldProblem::OutOfRange));
    }
    let scope = Scope::new(held.municipality);
    let valid = Valid {
        starts_at,
        name: row.name.clone().unwrap_or_default(),
        email: row.email.clone(),
        phone: row.phone.clone(),
        topic: row.topic.as_deref().and_then(|t| t.parse().ok()),
        answers: row.answers.clone(),
        language: language_of(&row),
    };
    let txn = core.db.begin_write().await?;
    if !q::cancel(&txn, scope, row.id, now).await? {
        return Err(ServiceError::Gone);
    }
    let new = book_in(
        &txn,
        core,
        scope,
        &service,
        &service.rules,
        &valid,
        &row.cancel_token_hash,
        None,
    )
    .await?;
    if let Some(h) = &row.email_token_hash {
        q::set_email_token_hash(&txn, scope, new.id, h).await?;
    }
    txn.commit().await?;
    appointment_for_secret(core, secret).await
}
