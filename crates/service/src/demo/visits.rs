//! The class visits' programme, "Digital dåb og dannelse", run by the
//! library with Borgercentret, and the weekly hours of the staff who run
//! it, so the demo's season plan places every class.

use crate::error::Result;
use crate::{Core, ServiceError};
use samvirke_domain::availability::{TimeRange, WeeklyHours};
use samvirke_domain::{OrgId, PartnerLevel};
use samvirke_store::{Scope, availability, orgs, sessions as q, staff};

/// The programme a confirmed class visit is a session of: the season plan
/// finds it by this title.
pub const PROGRAMME_TITLE: &str = "Digital dåb og dannelse";

/// (title, minutes, run by the citizen service, competence).
const AGENDA: &[(&str, i32, bool, Option<&str>)] = &[
    ("Velkommen", 10, false, None),
    ("MitID med Borgercentret", 30, true, Some("mitid_issue")),
    (
        "Digital sikkerhed og øvelser",
        30,
        false,
        Some("digital_security"),
    ),
    ("Når du fylder 15", 20, true, None),
];

/// A time of day as (hour, minute).
type HourMinute = (u32, u32);

/// Who runs visits, and their weekly hours (Monday to Friday).
const HOURS: &[(&str, HourMinute, HourMinute)] = &[
    ("bibliotek@dragoer.demo", (8, 0), (15, 30)),
    ("bibliotekar@dragoer.demo", (8, 0), (16, 0)),
    ("borgercenter@dragoer.demo", (8, 0), (15, 0)),
    ("borgerservice@dragoer.demo", (8, 0), (15, 0)),
    ("mitid@dragoer.demo", (8, 0), (14, 0)),
];

pub(super) async fn seed(core: &Core, scope: Scope) -> Result<()> {
    if q::programme_by_title(&core.db.read, scope, PROGRAMME_TITLE)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let org = |name: &'static str| async move {
        orgs::organisation_by_name(&core.db.read, scope, name)
            .await?
            .ok_or(ServiceError::NotFound)
    };
    let library = org("Dragør Bibliotek").await?;
    let citizen = org("Borgercentret").await?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    let p = q::create_programme(
        &txn,
        scope,
        q::NewProgramme {
            org: OrgId(library.id),
            title: PROGRAMME_TITLE,
            description: "Biblioteket og Borgercentret besøger hver 9. klasse på skolen: \
                          MitID for dem, der vil have det, digital sikkerhed med øvelser, \
                          og hvad der sker, når man fylder 15.",
            target_group: "9. klasser",
        },
        now,
    )
    .await?;
    q::add_partner(&txn, scope, p.id, OrgId(citizen.id), PartnerLevel::Run).await?;
    for (i, (title, minutes, by_citizen_service, code)) in AGENDA.iter().enumerate() {
        let competence_id = match code {
            Some(code) => orgs::competence_by_code(&txn, scope, code)
                .await?
                .map(|c| c.id),
            None => None,
        };
        q::add_agenda_item(
            &txn,
            scope,
            p.id,
            q::NewAgendaItem {
                position: i as i32 + 1,
                title,
                minutes: *minutes,
                org: OrgId(if *by_citizen_service {
                    citizen.id
                } else {
                    library.id
                }),
                competence_id,
            },
        )
        .await?;
    }
    for (email, from, to) in HOURS {
        let Some(person) = staff::by_email_for_login(&txn, email).await? else {
            continue;
        };
        let range = TimeRange::hm(*from, *to).ok_or(ServiceError::NotFound)?;
        availability::set_weekly_hours(&txn, scope, person.id, &WeeklyHours::weekdays(range))
            .await?;
    }
    txn.commit().await?;
    Ok(())
}
