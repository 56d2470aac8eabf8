//! The reach report: what the organisations reached, apart and together.
//!
//! A coordinator sees their own organisation's figures and, apart from
//! them, those of the joint programmes (with a partner) it owns or is a
//! partner in; the municipality's administrators see any organisation, or
//! all of them. Every figure is counted by the database; no personal data
//! leaves it. `kept` stores the unique citizens before retention deletes
//! the contacts that told them apart.

mod kept;
pub use kept::keep_unique_citizens;

use crate::error::Result;
use crate::{Core, require, signed_in};
use samvirke_domain::reach::Period;
use samvirke_domain::{Action, Actor, OrgId, Resource};
use samvirke_store::reach::{self as q, ReachQuery};
use samvirke_store::{Scope, orgs, sessions};

pub use samvirke_store::reach::{QuizFigures, QuizQuestion, ReferralCount, ServiceAppointments};

/// How many of the hardest quiz questions the report names.
pub const HARDEST_QUESTIONS: u32 = 5;

/// What a report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachFilter {
    pub period: Period,
    /// An organisation other than one's own: administrators only. `None`
    /// is one's own organisation, or every organisation for administrators
    /// who ask for all (`all_organisations`).
    pub organisation: Option<i64>,
    pub all_organisations: bool,
    pub programme: Option<i64>,
    pub target_group: Option<String>,
    pub site: Option<i64>,
}

/// Sessions held, sign-ups, attendance and unique citizens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub sessions_held: i64,
    pub signups: i64,
    pub attended: i64,
    pub no_shows: i64,
    pub unique_citizens: i64,
}

impl Figures {
    fn add(&mut self, r: &q::ProgrammeMonth) {
        self.sessions_held += r.sessions_held;
        self.signups += r.signups;
        self.attended += r.attended;
        self.no_shows += r.no_shows;
    }
}

/// One programme's figures in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeFigures {
    pub id: i64,
    pub title: String,
    pub joint: bool,
    pub figures: Figures,
}

/// One month's figures (own and joint together).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigures {
    /// `YYYY-MM`.
    pub month: String,
    pub sessions_held: i64,
    pub signups: i64,
    pub attended: i64,
}

/// Who came in through the partner's door.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartnerDoor {
    /// Referrals received from another organisation.
    pub referrals_received: i64,
    /// Attended at joint programmes a partner owns.
    pub attended_at_partners: i64,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    pub period: Period,
    /// The organisation it is about; `None` for all of them.
    pub organisation: Option<(i64, String)>,
    pub all: Figures,
    pub own: Figures,
    pub joint: Figures,
    pub months: Vec<MonthFigures>,
    pub programmes: Vec<ProgrammeFigures>,
    pub pupils: q::Pupils,
    pub appointments: Vec<ServiceAppointments>,
    pub referrals: Vec<ReferralCount>,
    pub quiz: QuizFigures,
    /// How many answered 1, 2, 3, 4 and 5.
    pub feedback: [i64; 5],
    pub partner_door: PartnerDoor,
}

/// The choices of the report's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// (id, name); empty unless the actor may pick an organisation.
    pub organisations: Vec<(i64, String)>,
    pub programmes: Vec<(i64, String)>,
    pub target_groups: Vec<String>,
    pub sites: Vec<(i64, String)>,
}

/// The organisation a report is about, after asking the policy.
fn viewer(actor: &Actor, filter: &ReachFilter) -> Result<(Scope, Option<i64>)> {
    let me = signed_in(actor)?;
    let org = match (filter.organisation, filter.all_organisations) {
        (Some(org), _) => Some(org),
        (None, true) => None,
        (None, false) => Some(me.org.0),
    };
    require(
        actor,
        Action::Read,
        Resource::Report {
            municipality: me.municipality,
            org: org.map(OrgId),
        },
    )?;
    Ok((Scope::new(me.municipality), org))
}

/// The report for `filter`.
#[tracing::instrument(skip_all, fields(resource = "reach", org = crate::org_of(actor)))]
pub async fn report(core: &Core, actor: &Actor, filter: &ReachFilter) -> Result<Reach> {
    let (scope, org) = viewer(actor, filter)?;
    let db = &core.db.read;
    let (from, to) = filter.period.instants();
    let query = ReachQuery {
        from,
        to,
        now: core.now(),
        months: filter.period.months(),
        viewer_org: org,
        programme: filter.programme,
        target_group: filter.target_group.clone(),
        site: filter.site,
    };
    let rows = q::by_programme_and_month(db, scope, &query).await?;
    let unique = q::unique_citizens(db, scope, &query).await?;
    let (mut all, mut own, mut joint) =
        (Figures::default(), Figures::default(), Figures::default());
    let mut months: Vec<MonthFigures> = query
        .months
        .iter()
        .map(|(m, _)| MonthFigures {
            month: m.clone(),
            sessions_held: 0,
            signups: 0,
            attended: 0,
        })
        .collect();
    let mut programmes: Vec<ProgrammeFigures> = Vec::new();
    let mut partner_door = PartnerDoor::default();
    for r in &rows {
        all.add(r);
        if r.joint {
            joint.add(r);
            if org.is_some_and(|o| o != r.owner) {
                partner_door.attended_at_partners += r.attended;
            }
        } else {
            own.add(r);
        }
        if let Some(m) = months.get_mut(r.month) {
            m.sessions_held += r.sessions_held;
            m.signups += r.signups;
            m.attended += r.attended;
        }
        match programmes.iter_mut().find(|p| p.id == r.programme_id) {
            Some(p) => p.figures.add(r),
            None => {
                let mut figures = Figures::default();
                figures.add(r);
                programmes.push(ProgrammeFigures {
                    id: r.programme_id,
                    title: r.title.clone(),
                    joint: r.joint,
                    figures,
                });
            }
        }
    }
    all.unique_citizens = unique.all;
    own.unique_citizens = unique.own;
    joint.unique_citizens = unique.joint;
    let pupils = q::pupils(db, scope, &query, &filter.period.school_years()).await?;
    let for_services = filter.programme.is_none() && filter.target_group.is_none();
    let appointments = if for_services {
        q::appointments(db, scope, &query).await?
    } else {
        Vec::new()
    };
    let referrals = if for_services {
        q::referrals(db, scope, &query).await?
    } else {
        Vec::new()
    };
    partner_door.referrals_received = referrals
        .iter()
        .filter(|r| r.direction != "sent")
        .map(|r| r.count)
        .sum();
    let quiz = q::quiz(db, scope, &query, HARDEST_QUESTIONS).await?;
    let feedback = q::feedback_scores(db, scope, &query).await?;
    let organisation = match org {
        Some(id) => orgs::organisation(db, scope, OrgId(id))
            .await?
            .map(|o| (o.id, o.name)),
        None => None,
    };
    Ok(Reach {
        period: filter.period,
        organisation,
        all,
        own,
        joint,
        months,
        programmes,
        pupils,
        appointments,
        referrals,
        quiz,
        feedback,
        partner_door,
    })
}

/// What the filters offer: the programmes the report may cover, their
/// target groups, the sites, and (for administrators) the organisations.
pub async fn choices(core: &Core, actor: &Actor, filter: &ReachFilter) -> Result<Choices> {
    let (scope, org) = viewer(actor, filter)?;
    let me = signed_in(actor)?;
    let db = &core.db.read;
    let may_pick_org = require(
        actor,
        Action::Read,
        Resource::Report {
            municipality: me.municipality,
            org: None,
        },
    )
    .is_ok();
    let mut out = Choices::default();
    if may_pick_org {
        out.organisations = orgs::list_organisations(db, scope)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
    }
    let partners = q::partnered_programmes(db, scope, org).await?;
    for p in sessions::programmes(db, scope).await? {
        let visible = org.is_none_or(|o| p.organisation_id == o || partners.contains(&p.id));
        if !visible {
            continue;
        }
        if !p.target_group.is_empty() && !out.target_groups.contains(&p.target_group) {
            out.target_groups.push(p.target_group.clone());
        }
        out.programmes.push((p.id, p.title));
    }
    out.target_groups.sort();
    out.sites = orgs::list_sites(db, scope)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(out)
}
