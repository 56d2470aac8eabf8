//! The demo's 9th-grade classes: eight in Dragør's three schools, in the
//! school year that holds today; one class has a made-up pupil list.

use crate::Core;
use crate::error::Result;
use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::OrgId;
use samvirke_domain::school_year::SchoolYear;
use samvirke_store::classes::{self as q, NewPupil};
use samvirke_store::{Scope, orgs};

const CLASSES: &[(&str, &[&str])] = &[
    ("Dragør Skole", &["9.A", "9.B", "9.C"]),
    ("Store Magleby Skole", &["9.A", "9.B", "9.C"]),
    ("Nordstrandskolen", &["9.A", "9.B"]),
];

/// Made-up pupils for Dragør Skole's 9.A; no real person.
const PUPILS: &[&str] = &[
    "Alma Holm",
    "Anton Bach",
    "Asta Lind",
    "Bertram Kjær",
    "Clara Vang",
    "Elias Nørgaard",
    "Ella Brink",
    "Emil Skov",
    "Freja Dahl",
    "Frida Mose",
    "Hugo Storm",
    "Ida Lund",
    "Johan Krog",
    "Karla Hviid",
    "Liam Bay",
    "Lærke Borg",
    "Malte Friis",
    "Mathilde Ry",
    "Noah Aagaard",
    "Nora Eskildsen",
    "Oscar Hald",
    "Sofie Winther",
    "Victor Lykke",
    "William Bro",
];

pub(super) async fn seed(core: &Core, scope: Scope) -> Result<()> {
    let today = core.now().with_timezone(&Copenhagen).date_naive();
    let Some(year) = SchoolYear::containing(today) else {
        return Ok(());
    };
    let schools = orgs::list_organisations(&core.db.read, scope).await?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    for (school, names) in CLASSES {
        let Some(org) = schools.iter().find(|o| o.name == *school) else {
            continue;
        };
        for name in *names {
            let class =
                q::create_class(&txn, scope, OrgId(org.id), &year.to_string(), name, now).await?;
            if *school == "Dragør Skole" && *name == "9.A" {
                let pupils = demo_pupils(year);
                q::add_pupils(&txn, scope, class.id, &pupils, false, now).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Birth dates spread over the class's usual year of birth (the year the
/// school year starts, minus 15), so some are 15 at a visit in the spring.
fn demo_pupils(year: SchoolYear) -> Vec<NewPupil<'static>> {
    let first = NaiveDate::from_ymd_opt(year.start_year() - 15, 1, 9).unwrap_or_default();
    PUPILS
        .iter()
        .enumerate()
        .map(|(i, name)| NewPupil {
            name,
            birth_date: first + Duration::days(i as i64 * 15),
        })
        .collect()
}
