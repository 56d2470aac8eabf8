//! Programmes and their dates: creating them, listing them, one programme's page.

use super::programme_fields::{self as fields, PROGRAMME_LIST_MAX};
use super::{AgendaLine, Programme, Session, SessionView, org_name, view};
use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, Utc};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{Action, Actor, OrgId, PartnerLevel, Resource};
use samvirke_store::sessions::{self as q};
use samvirke_store::{Scope, orgs};

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

/// A coordinator creates a programme for their organisation, with partners and an agenda.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme"))]
pub async fn create_programme(
    core: &Core,
    actor: &Actor,
    input: &ProgrammeInput,
) -> Result<Programme> {
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
    let texts = fields::texts(
        &mut errors,
        &input.title,
        &input.description,
        &input.target_group,
    );
    let all_orgs = orgs::list_organisations(&core.db.read, scope).await?;
    let competences = orgs::list_competences(&core.db.read, scope).await?;
    let partners = fields::partners(&mut errors, &input.partners, &all_orgs, me.org.0);
    fields::agenda_length(&mut errors, input.agenda.len());
    for item in input.agenda.iter().take(PROGRAMME_LIST_MAX) {
        let item = fields::AgendaFields {
            title: &item.title,
            minutes: item.minutes,
            org: item.org,
            competence_id: item.competence_id,
        };
        fields::agenda_item(&mut errors, item, me.org.0, &partners, &competences);
    }
    let Some(texts) = texts.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let txn = core.db.begin_write().await?;
    let p = q::create_programme(
        &txn,
        scope,
        q::NewProgramme {
            org: me.org,
            title: &texts.title,
            description: &texts.description,
            target_group: &texts.target_group,
        },
        core.now(),
    )
    .await?;
    for (org, level) in partners {
        q::add_partner(&txn, scope, p.id, org, level).await?;
    }
    for (i, item) in input.agenda.iter().enumerate() {
        q::add_agenda_item(
            &txn,
            scope,
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
    Ok(p.into())
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
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = input.programme_id))]
pub async fn create_session(core: &Core, actor: &Actor, input: &SessionInput) -> Result<Session> {
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
    Ok(s.into())
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
    pub created: Vec<Session>,
    pub skipped: Vec<(chrono::NaiveDate, samvirke_domain::calendar::Holiday)>,
}

/// Schedules a series in one transaction: all its sessions, or none.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = input.programme_id))]
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
    let txn = core.db.begin_write().await?;
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
        created.push(s.into());
    }
    txn.commit().await?;
    Ok(SeriesOutcome { created, skipped })
}

/// Programmes the actor's organisation owns or is a partner in.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme"))]
pub async fn programmes_for(
    core: &Core,
    actor: &Actor,
) -> Result<Vec<(Programme, Option<PartnerLevel>)>> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let all = q::programmes(&core.db.read, scope).await?;
    let ids: Vec<i64> = all.iter().map(|p| p.id).collect();
    let partners = q::partners(&core.db.read, scope, &ids).await?;
    Ok(all
        .into_iter()
        .filter_map(|p| {
            let level = partners
                .iter()
                .find(|x| x.programme_id == p.id && x.organisation_id == me.org.0)
                .and_then(|x| x.level());
            let r = Resource::Joint {
                municipality: me.municipality,
                owner: OrgId(p.organisation_id),
                partner: level,
            };
            samvirke_domain::authorize(actor, Action::Read, r)
                .is_allowed()
                .then_some((p.into(), level))
        })
        .collect())
}

pub struct ProgrammeDetail {
    pub programme: Programme,
    pub owner_name: String,
    pub agenda: Vec<AgendaLine>,
    /// (organisation name, level)
    pub partners: Vec<(String, PartnerLevel)>,
    pub sessions: Vec<SessionView>,
    pub can_manage: bool,
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = id))]
pub async fn programme_detail(core: &Core, actor: &Actor, id: i64) -> Result<ProgrammeDetail> {
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let p = q::programme(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let partners = q::partners(&core.db.read, scope, &[id]).await?;
    let level = partners
        .iter()
        .find(|x| x.organisation_id == me.org.0)
        .and_then(|x| x.level());
    let resource = Resource::Joint {
        municipality: me.municipality,
        owner: OrgId(p.organisation_id),
        partner: level,
    };
    require(actor, Action::Read, resource)?;
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let sites = orgs::list_sites(&core.db.read, scope).await?;
    let agenda = q::agenda(&core.db.read, scope, id)
        .await?
        .into_iter()
        .map(|item| AgendaLine {
            org_name: org_name(&orgs_all, item.organisation_id),
            item: item.into(),
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
                x.level()
                    .map(|l| (org_name(&orgs_all, x.organisation_id), l))
            })
            .collect(),
        can_manage: samvirke_domain::authorize(actor, Action::Create, resource).is_allowed(),
        programme: p.into(),
        agenda,
        sessions,
    })
}
