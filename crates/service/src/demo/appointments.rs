//! The demo's appointments: "Digital hjælp – book en bibliotekar" at the
//! library and "MitID" at Borgercentret, given by the staff who have
//! weekly hours (see `visits`), and the guided question's mapping:
//! authority matters to Borgercentret, self-help to the library.

use crate::Core;
use crate::error::Result;
use samvirke_domain::appointments::Topic;
use samvirke_store::appointments::{self as q, ServiceFields};
use samvirke_store::{Scope, orgs, staff};

pub const LIBRARY_SERVICE: &str = "Digital hjælp – book en bibliotekar";
pub const MITID_SERVICE: &str = "MitID";

struct DemoService {
    org: &'static str,
    site: &'static str,
    title: &'static str,
    minutes: i32,
    buffer: i32,
    questions: &'static str,
    staff: &'static [&'static str],
}

const SERVICES: &[DemoService] = &[
    DemoService {
        org: "Dragør Bibliotek",
        site: "Dragør Bibliotek",
        title: LIBRARY_SERVICE,
        minutes: 30,
        buffer: 10,
        questions: "Hvilken telefon, tablet eller computer tager du med?",
        staff: &["bibliotek@dragoer.demo", "bibliotekar@dragoer.demo"],
    },
    DemoService {
        org: "Borgercentret",
        site: "Dragør Rådhus, Borgercentret",
        title: MITID_SERVICE,
        minutes: 20,
        buffer: 5,
        questions: "Har du gyldigt pas eller kørekort med?",
        staff: &[
            "borgercenter@dragoer.demo",
            "borgerservice@dragoer.demo",
            "mitid@dragoer.demo",
        ],
    },
];

pub(super) async fn seed(core: &Core, scope: Scope) -> Result<()> {
    if !q::services(&core.db.read, scope, true).await?.is_empty() {
        return Ok(());
    }
    let txn = core.db.begin_write().await?;
    let sites = orgs::list_sites(&txn, scope).await?;
    let mut ids = Vec::new();
    for s in SERVICES {
        let Some(org) = orgs::organisation_by_name(&txn, scope, s.org).await? else {
            continue;
        };
        let id = q::create_service(
            &txn,
            scope,
            &ServiceFields {
                org: org.id,
                site: sites.iter().find(|x| x.name == s.site).map(|x| x.id),
                title: s.title,
                minutes: s.minutes,
                buffer_minutes: s.buffer,
                notice_hours: 2,
                horizon_days: 42,
                cancel_hours: 12,
                questions: s.questions,
                active: true,
            },
            core.now(),
        )
        .await?;
        let mut people = Vec::new();
        for email in s.staff {
            if let Some(p) = staff::by_email_for_login(&txn, email).await? {
                people.push(p.id);
            }
        }
        q::set_service_staff(&txn, scope, id, &people).await?;
        ids.push(id);
    }
    if let [library, citizen_service] = ids[..] {
        for &t in Topic::ALL {
            let to = if t.authority() {
                citizen_service
            } else {
                library
            };
            q::set_topic(&txn, scope, t.as_str(), to).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
