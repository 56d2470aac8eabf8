//! The follow-up at 15: for the citizen service, the pupils who turn 15
//! in the coming weeks (what to do that day: Digital Post opens, MitID);
//! and the daily job that writes once to each parent who gave an e-mail
//! with consent on the visit day, a week before the birthday. Nobody under
//! 15 is written to directly.

use super::viewer;
use crate::error::Result;
use crate::notice::{self, Envelope, Notice};
use crate::{Core, audit, require, signed_in};
use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::pupil::{MitIdStatus, turns_15_on};
use samvirke_domain::{Action, Actor, Language, MunicipalityId, OrgId, OrgKind, Resource};
use samvirke_store::class_day as q;
use samvirke_store::{Scope, orgs};

/// How far ahead the citizen service's list looks, in days.
pub const FOLLOW_UP_DAYS: i64 = 28;
/// How many days before the 15th birthday a parent is written to.
pub const PARENT_NOTICE_DAYS: i64 = 7;

/// Where the message to a pupil's parent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParentNotice {
    /// No e-mail with consent: nobody is written to.
    NoConsent,
    /// Will be sent on this day.
    Planned(NaiveDate),
    Sent,
}

/// A pupil who turns 15 soon, as the citizen service's list shows them.
#[derive(Debug, Clone)]
pub struct TurningFifteen {
    pub name: String,
    pub class: String,
    pub school: String,
    pub turns_15_on: NaiveDate,
    pub mitid: MitIdStatus,
    pub mitid_created: bool,
    pub parent_notice: ParentNotice,
}

fn today(core: &Core) -> NaiveDate {
    core.now().with_timezone(&Copenhagen).date_naive()
}

/// The birth dates of those who turn 15 after `from` and no later than
/// `to`, with a day's margin each side for 29 February (the 15th birthday
/// then decides).
fn born_for(from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let back = |d: NaiveDate| d.checked_sub_months(chrono::Months::new(15 * 12));
    Some((
        back(from)?.checked_sub_signed(Duration::days(1))?,
        back(to)?.checked_add_signed(Duration::days(1))?,
    ))
}

fn turns_within(born: NaiveDate, after: NaiveDate, until: NaiveDate) -> Option<NaiveDate> {
    turns_15_on(born).filter(|t| *t > after && *t <= until)
}

/// The municipality's pupils who turn 15 in the coming [`FOLLOW_UP_DAYS`]
/// days, by birthday: the citizen service only; the read is audit-logged.
pub async fn turning_15_soon(core: &Core, actor: &Actor) -> Result<Vec<TurningFifteen>> {
    let me = signed_in(actor)?;
    let viewer = viewer(core, me).await?;
    require(
        actor,
        Action::ReadPersonal,
        Resource::FollowUp {
            municipality: me.municipality,
            viewer,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let today = today(core);
    let until = today + Duration::days(FOLLOW_UP_DAYS);
    let Some(born) = born_for(today, until) else {
        return Ok(Vec::new());
    };
    let rows = q::pupils_born_between(&core.db.read, scope, born).await?;
    audit::record_read_of(
        core,
        me,
        me.org,
        "turning_15_list",
        "municipality",
        me.municipality.0,
    )
    .await?;
    let schools = orgs::list_organisations(&core.db.read, scope).await?;
    let mut list: Vec<TurningFifteen> = rows
        .into_iter()
        .filter_map(|(p, class)| {
            let on = turns_within(p.birth_date, today, until)?;
            let parent_notice = match (
                p.fifteen_notice_sent_at,
                &p.parent_email,
                p.parent_consent_at,
            ) {
                (Some(_), _, _) => ParentNotice::Sent,
                (None, Some(_), Some(_)) => {
                    ParentNotice::Planned((on - Duration::days(PARENT_NOTICE_DAYS)).max(today))
                }
                _ => ParentNotice::NoConsent,
            };
            Some(TurningFifteen {
                mitid: p.mitid_status(),
                mitid_created: p.mitid_created,
                parent_notice,
                school: schools
                    .iter()
                    .find(|o| o.id == class.organisation_id)
                    .map(|o| o.name.clone())
                    .unwrap_or_default(),
                class: class.name,
                turns_15_on: on,
                name: p.name,
            })
        })
        .collect();
    list.sort_by(|a, b| (a.turns_15_on, &a.name).cmp(&(b.turns_15_on, &b.name)));
    Ok(list)
}

/// The daily job: writes to each parent who gave an e-mail with consent,
/// once, when their child turns 15 within [`PARENT_NOTICE_DAYS`] days.
/// Each message is claimed by one conditional update in the transaction
/// that queues it, so two processes never send it twice. Returns how many
/// were queued.
pub async fn tell_parents_before_15(core: &Core) -> Result<u64> {
    let today = today(core);
    let until = today + Duration::days(PARENT_NOTICE_DAYS);
    let Some(born) = born_for(today, until) else {
        return Ok(0);
    };
    let mut queued = 0;
    for (p, class) in q::parents_to_tell(&core.db.read, born).await? {
        let (Some(birthday), Some(email)) =
            (turns_within(p.birth_date, today, until), &p.parent_email)
        else {
            continue;
        };
        let scope = Scope::new(MunicipalityId(class.municipality_id));
        let Some(citizen) = orgs::list_organisations(&core.db.read, scope)
            .await?
            .into_iter()
            .find(|o| OrgKind::parse(&o.kind) == Some(OrgKind::CitizenService))
        else {
            continue;
        };
        let now = core.now();
        let txn = core.db.begin_write().await?;
        if q::claim_parent_notice(&txn, scope, p.id, now).await? {
            let notice = Notice::TurningFifteen {
                pupil: p.name.split_whitespace().next().unwrap_or_default().into(),
                birthday,
                citizen_service: citizen.name.clone(),
            };
            let envelope = Envelope {
                org: OrgId(citizen.id),
                to: email,
                lang: Language::Da,
                ics: None,
            };
            notice::queue(&txn, core, scope, envelope, &notice, now).await?;
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}
