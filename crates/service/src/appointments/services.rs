//! The services offered, the guided question's topics and where each leads,
//! and the coordinators' edits of both.

use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use samvirke_domain::appointments::{
    BUFFER_RANGE, CANCEL_HOURS_RANGE, HORIZON_DAYS_RANGE, MINUTES_RANGE, NOTICE_HOURS_RANGE,
    QUESTIONS_MAX, ServiceRules, Topic,
};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{Action, Actor, MunicipalityId, OrgId, Resource};
use samvirke_store::appointments::{self as q, ServiceFields, ServiceRow};
use samvirke_store::{Scope, orgs};
use sea_orm::ConnectionTrait;

/// The longest question a service asks.
pub const QUESTION_MAX: usize = 200;

/// A service as citizens and staff see it.
#[derive(Debug, Clone)]
pub struct ServiceInfo {
    pub id: i64,
    pub org_id: i64,
    pub organisation: String,
    pub title: String,
    pub site: Option<String>,
    pub site_id: Option<i64>,
    pub address: Option<String>,
    pub rules: ServiceRules,
    pub questions: Vec<String>,
    pub active: bool,
    /// Who gives it (active staff), by id.
    pub staff_ids: Vec<i64>,
}

impl ServiceInfo {
    pub fn minutes(&self) -> i64 {
        self.rules.minutes
    }
}

pub(crate) fn rules_of(s: &ServiceRow) -> ServiceRules {
    ServiceRules {
        minutes: s.minutes.into(),
        buffer_minutes: s.buffer_minutes.into(),
        notice_hours: s.notice_hours.into(),
        horizon_days: s.horizon_days.into(),
        cancel_hours: s.cancel_hours.into(),
    }
}

/// The services of the scope with their names and places.
pub(crate) async fn load(
    db: &impl ConnectionTrait,
    scope: Scope,
    all: bool,
) -> Result<Vec<ServiceInfo>> {
    let rows = q::services(db, scope, all).await?;
    let org_list = orgs::list_organisations(db, scope).await?;
    let sites = orgs::list_sites(db, scope).await?;
    let mut out = Vec::with_capacity(rows.len());
    for s in rows {
        let site = s.site_id.and_then(|id| sites.iter().find(|x| x.id == id));
        out.push(ServiceInfo {
            id: s.id,
            org_id: s.organisation_id,
            organisation: org_list
                .iter()
                .find(|o| o.id == s.organisation_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            title: s.title.clone(),
            site: site.map(|x| x.name.clone()),
            site_id: s.site_id,
            address: site.map(|x| x.address.clone()),
            rules: rules_of(&s),
            questions: s
                .questions
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect(),
            active: s.active,
            staff_ids: q::service_staff(db, scope, s.id).await?,
        });
    }
    Ok(out)
}

/// One service of the scope; an inactive one only when `all`.
pub(crate) async fn load_one(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: i64,
    all: bool,
) -> Result<ServiceInfo> {
    load(db, scope, all)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or(ServiceError::NotFound)
}

/// The services citizens may book, by organisation and title.
#[tracing::instrument(skip_all, fields(municipality = m.0, resource = "appointment_services"))]
pub async fn public_services(core: &Core, m: MunicipalityId) -> Result<Vec<ServiceInfo>> {
    load(&core.db.read, Scope::new(m), false).await
}

/// One service citizens may book.
pub async fn public_service(core: &Core, m: MunicipalityId, id: i64) -> Result<ServiceInfo> {
    load_one(&core.db.read, Scope::new(m), id, false).await
}

/// The guided question: each topic and the active service it leads to
/// (none when unmapped or the service is not offered now).
pub async fn triage(core: &Core, m: MunicipalityId) -> Result<Vec<(Topic, Option<ServiceInfo>)>> {
    let scope = Scope::new(m);
    let services = load(&core.db.read, scope, false).await?;
    let map = q::topics(&core.db.read, scope).await?;
    Ok(Topic::ALL
        .iter()
        .map(|&t| {
            let service = map
                .iter()
                .find(|(code, _)| code == t.as_str())
                .and_then(|(_, id)| services.iter().find(|s| s.id == *id))
                .cloned();
            (t, service)
        })
        .collect())
}

/// Every service of the municipality, inactive ones too, for staff: each
/// with whether the actor may edit it.
pub async fn services_for_staff(core: &Core, actor: &Actor) -> Result<Vec<(ServiceInfo, bool)>> {
    let me = signed_in(actor)?;
    let m = me.municipality;
    require(
        actor,
        Action::Read,
        Resource::AppointmentService {
            municipality: m,
            org: me.org,
        },
    )?;
    let all = load(&core.db.read, Scope::new(m), true).await?;
    Ok(all
        .into_iter()
        .map(|s| {
            let edit = samvirke_domain::authorize(
                actor,
                Action::Update,
                Resource::AppointmentService {
                    municipality: m,
                    org: OrgId(s.org_id),
                },
            )
            .is_allowed();
            (s, edit)
        })
        .collect())
}

/// A service as a coordinator fills it in.
#[derive(Debug, Clone, Default)]
pub struct ServiceInput {
    pub title: String,
    pub site_id: Option<i64>,
    pub minutes: i64,
    pub buffer_minutes: i64,
    pub notice_hours: i64,
    pub horizon_days: i64,
    pub cancel_hours: i64,
    pub questions: Vec<String>,
    pub staff_ids: Vec<i64>,
    pub active: bool,
}

/// Checks a service as typed, every field at once: the title, each rule
/// within its bounds (the field named), the questions. Returns the title
/// and the questions one a line.
pub fn check_service(input: &ServiceInput) -> std::result::Result<(String, String), FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = errors.check("title", validate::required_line(&input.title, 120));
    let rules = [
        ("minutes", input.minutes, &MINUTES_RANGE),
        ("buffer_minutes", input.buffer_minutes, &BUFFER_RANGE),
        ("notice_hours", input.notice_hours, &NOTICE_HOURS_RANGE),
        ("horizon_days", input.horizon_days, &HORIZON_DAYS_RANGE),
        ("cancel_hours", input.cancel_hours, &CANCEL_HOURS_RANGE),
    ];
    for (field, value, range) in rules {
        if !range.contains(&value) {
            errors.add(field, FieldProblem::OutOfRange);
        }
    }
    let questions: Vec<String> = input
        .questions
        .iter()
        .filter(|q| !q.trim().is_empty())
        .filter_map(|q| errors.check("questions", validate::required_line(q, QUESTION_MAX)))
        .collect();
    if questions.len() > QUESTIONS_MAX {
        errors.add("questions", FieldProblem::TooMany);
    }
    if input.staff_ids.len() > 200 {
        errors.add("staff", FieldProblem::TooMany);
    }
    match title {
        Some(t) if errors.is_empty() => Ok((t, questions.join("\n"))),
        _ => Err(errors),
    }
}

/// Creates a service of the coordinator's organisation (`id` None) or
/// saves one. Returns its id.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "appointment_service"))]
pub async fn save_service(
    core: &Core,
    actor: &Actor,
    id: Option<i64>,
    input: &ServiceInput,
) -> Result<i64> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let org = match id {
        Some(id) => OrgId(
            q::service(&core.db.read, scope, id)
                .await?
                .ok_or(ServiceError::NotFound)?
                .organisation_id,
        ),
        None => me.org,
    };
    require(
        actor,
        if id.is_some() {
            Action::Update
        } else {
            Action::Create
        },
        Resource::AppointmentService {
            municipality: me.municipality,
            org,
        },
    )?;
    let checked = check_service(input);
    // The site and the givers are the organisation's own.
    let (sites, staff) = super::editing::choices_of(core, scope, org).await?;
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    if let Some(site) = input.site_id
        && !sites.iter().any(|s| s.id == site)
    {
        errors.add("site", FieldProblem::InvalidChoice);
    }
    if !input
        .staff_ids
        .iter()
        .all(|id| staff.iter().any(|p| p.id == *id))
    {
        errors.add("staff", FieldProblem::InvalidChoice);
    }
    let (title, questions) = match checked {
        Ok(valid) if errors.is_empty() => valid,
        _ => return Err(ServiceError::Invalid(errors)),
    };
    let narrow = |v: i64| i32::try_from(v).unwrap_or(i32::MAX);
    let fields = ServiceFields {
        org: org.0,
        site: input.site_id,
        title: &title,
        minutes: narrow(input.minutes),
        buffer_minutes: narrow(input.buffer_minutes),
        notice_hours: narrow(input.notice_hours),
        horizon_days: narrow(input.horizon_days),
        cancel_hours: narrow(input.cancel_hours),
        questions: &questions,
        active: input.active,
    };

    let txn = core.db.begin_write().await?;
    let id = match id {
        Some(id) => {
            q::update_service(&txn, scope, id, &fields).await?;
            id
        }
        None => q::create_service(&txn, scope, &fields, core.now()).await?,
    };
    q::set_service_staff(&txn, scope, id, &input.staff_ids).await?;
    txn.commit().await?;
    Ok(id)
}

/// Points a topic of the guided question at a service of the municipality.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "appointment_triage"))]
pub async fn set_topic(core: &Core, actor: &Actor, topic: Topic, service_id: i64) -> Result<()> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Update,
        Resource::AppointmentTriage {
            municipality: me.municipality,
        },
    )?;
    let scope = Scope::new(me.municipality);
    if q::set_topic(&core.db.write, scope, topic.as_str(), service_id).await? {
        Ok(())
    } else {
        Err(ServiceError::invalid(
            "service",
            FieldProblem::InvalidChoice,
        ))
    }
}
