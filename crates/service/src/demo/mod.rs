//! Demo data: Dragør Kommune with its library, citizen service centre,
//! schools, activity house and social services. Seeding twice changes nothing.

pub mod appointments;
mod classes;
mod quiz;
mod rooms;
mod visits;

pub use quiz::QUIZ_TITLE;
pub use visits::PROGRAMME_TITLE as VISIT_PROGRAMME;

use crate::Core;
use crate::ServiceError;
use crate::error::Result;
use crate::secret::hash_password_blocking;
use samvirke_domain::{OrgId, OrgKind, Role};
use samvirke_store::{Scope, orgs, staff};

pub const DEMO_SLUG: &str = "dragoer";

struct DemoOrg {
    name: &'static str,
    kind: OrgKind,
    site: Option<&'static str>,
    staff: &'static [(&'static str, &'static str, Role, &'static [&'static str])],
}

const COMPETENCES: &[(&str, &str, &str, Option<OrgKind>)] = &[
    (
        "digital_security",
        "Digital sikkerhed",
        "Digital security",
        None,
    ),
    (
        "mitid_issue",
        "Kan oprette MitID",
        "Can issue MitID",
        Some(OrgKind::CitizenService),
    ),
    (
        "digital_post",
        "Digital Post og borger.dk",
        "Digital Post and borger.dk",
        None,
    ),
    (
        "skat",
        "Skat.dk og selvbetjening",
        "Skat.dk and self-service",
        None,
    ),
    (
        "film_ebooks",
        "Filmstriben og eReolen",
        "Filmstriben and eReolen",
        Some(OrgKind::Library),
    ),
    (
        "teaching",
        "Undervisning af klasser",
        "Teaching classes",
        None,
    ),
    (
        "senior_help",
        "Digital hjælp til seniorer",
        "Digital help for seniors",
        None,
    ),
    ("quiz_host", "Quizvært", "Quiz host", None),
];

const ORGS: &[DemoOrg] = &[
    DemoOrg {
        name: "Dragør Kommune, administration",
        kind: OrgKind::Administration,
        site: None,
        staff: &[
            (
                "admin@dragoer.demo",
                "Mette Holm",
                Role::MunicipalityAdmin,
                &[],
            ),
            ("it@dragoer.demo", "Søren Kjær", Role::Staff, &[]),
        ],
    },
    DemoOrg {
        name: "Dragør Bibliotek",
        kind: OrgKind::Library,
        site: Some("Dragør Bibliotek"),
        staff: &[
            (
                "bibliotek@dragoer.demo",
                "Henriette Lund",
                Role::Coordinator,
                &["digital_security", "film_ebooks", "senior_help"],
            ),
            (
                "bibliotekar@dragoer.demo",
                "Jonas Berg",
                Role::Staff,
                &["digital_security", "teaching", "quiz_host"],
            ),
            (
                "formidler@dragoer.demo",
                "Sara Dahl",
                Role::Staff,
                &["film_ebooks", "senior_help", "digital_post"],
            ),
        ],
    },
    DemoOrg {
        name: "Borgercentret",
        kind: OrgKind::CitizenService,
        site: Some("Dragør Rådhus, Borgercentret"),
        staff: &[
            (
                "borgercenter@dragoer.demo",
                "Karen Nielsen",
                Role::Coordinator,
                &["mitid_issue", "digital_post"],
            ),
            (
                "borgerservice@dragoer.demo",
                "Ali Hassan",
                Role::Staff,
                &["mitid_issue", "digital_post", "teaching", "skat"],
            ),
            (
                "mitid@dragoer.demo",
                "Pia Sørensen",
                Role::Staff,
                &["mitid_issue", "skat"],
            ),
        ],
    },
    DemoOrg {
        name: "Dragør Skole",
        kind: OrgKind::School,
        site: Some("Dragør Skole"),
        staff: &[
            (
                "skole@dragoer.demo",
                "Thomas Vestergaard",
                Role::SchoolContact,
                &["teaching"],
            ),
            (
                "dragoerskole@dragoer.demo",
                "Lene Friis",
                Role::Coordinator,
                &[],
            ),
        ],
    },
    DemoOrg {
        name: "Store Magleby Skole",
        kind: OrgKind::School,
        site: Some("Store Magleby Skole"),
        staff: &[
            (
                "storemagleby@dragoer.demo",
                "Rasmus Bech",
                Role::Coordinator,
                &[],
            ),
            (
                "laerer-sms@dragoer.demo",
                "Camilla Krogh",
                Role::SchoolContact,
                &["teaching"],
            ),
        ],
    },
    DemoOrg {
        name: "Nordstrandskolen",
        kind: OrgKind::School,
        site: Some("Nordstrandskolen"),
        staff: &[
            (
                "nordstrand@dragoer.demo",
                "Anders Winther",
                Role::Coordinator,
                &[],
            ),
            (
                "laerer-nord@dragoer.demo",
                "Mia Juhl",
                Role::SchoolContact,
                &["teaching"],
            ),
        ],
    },
    DemoOrg {
        name: "Dragørs Aktivitetshus",
        kind: OrgKind::Partner,
        site: Some("Wiedergården, Dragørs Aktivitetshus"),
        staff: &[
            (
                "aktivitetshus@dragoer.demo",
                "Birthe Madsen",
                Role::Staff,
                &["senior_help"],
            ),
            (
                "aktivitetshus-leder@dragoer.demo",
                "Jørgen Skov",
                Role::Coordinator,
                &["senior_help"],
            ),
        ],
    },
    DemoOrg {
        name: "Socialafdelingen",
        kind: OrgKind::SocialServices,
        site: None,
        staff: &[
            ("social@dragoer.demo", "Nadia Christensen", Role::Staff, &[]),
            (
                "social-leder@dragoer.demo",
                "Ole Petersen",
                Role::Coordinator,
                &[],
            ),
        ],
    },
];

/// The demo logins, for the README and the start-up message.
/// A neutral mark for the demo's Dragør (not the municipality's arms): a
/// harbour wave under a sun, in the design system's blue.
const DEMO_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48"><circle cx="24" cy="24" r="23" fill="#0059b3"/><circle cx="24" cy="18" r="6" fill="#ffffff"/><path d="M8 31c4-3 8-3 12 0s8 3 12 0 8-3 8-3v4s-4 3-8 3-8-3-12-3-8 3-12 3z" fill="#ffffff"/></svg>"##;

pub fn demo_logins() -> Vec<(&'static str, &'static str)> {
    vec![
        ("admin@dragoer.demo", "kommunens administrator"),
        ("bibliotek@dragoer.demo", "koordinator, Dragør Bibliotek"),
        ("borgercenter@dragoer.demo", "koordinator, Borgercentret"),
        (
            "aktivitetshus@dragoer.demo",
            "medarbejder, Dragørs Aktivitetshus",
        ),
        ("social@dragoer.demo", "medarbejder, Socialafdelingen"),
        ("skole@dragoer.demo", "skolekontakt, Dragør Skole"),
        ("bibliotekar@dragoer.demo", "medarbejder, Dragør Bibliotek"),
    ]
}

/// Seeds Dragør Kommune unless it is there. Returns true when it seeded.
pub async fn seed(core: &Core, password: &str) -> Result<bool> {
    if orgs::municipality_by_slug(&core.db.read, DEMO_SLUG)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    // One hash for every demo login: they share the demo password anyway.
    let hash = hash_password_blocking(password.to_string())
        .await
        .map_err(ServiceError::Internal)?;
    let now = core.now();
    let txn = core.db.begin_write().await?;
    let m = orgs::create_municipality(
        &txn,
        DEMO_SLUG,
        "Dragør Kommune",
        Some("+4532890100".into()),
        now,
    )
    .await?;
    let scope = Scope::new(samvirke_domain::MunicipalityId(m.id));
    orgs::set_municipality_details(
        &txn,
        scope,
        Some("Kirkevej 7, 2791 Dragør"),
        Some("dpo@dragoer.demo"),
        Some("https://www.was.digst.dk/"),
    )
    .await?;
    orgs::set_municipality_logo(&txn, scope, Some(DEMO_LOGO)).await?;
    let mut competence_ids = Vec::new();
    for (code, da, en, only) in COMPETENCES {
        let c = orgs::create_competence(&txn, scope, code, da, en, *only).await?;
        competence_ids.push((*code, c.id));
    }
    for o in ORGS {
        let org = orgs::create_organisation(&txn, scope, o.name, o.kind, now).await?;
        if let Some(site) = o.site {
            orgs::create_site(&txn, scope, OrgId(org.id), site, "2791 Dragør", now).await?;
        }
        for (email, name, role, comps) in o.staff {
            let s = staff::create(
                &txn,
                scope,
                staff::NewStaff {
                    org: OrgId(org.id),
                    email,
                    name,
                    phone: None,
                    password_hash: hash.clone(),
                    roles: &[*role],
                },
                now,
            )
            .await?;
            let ids: Vec<i64> = comps
                .iter()
                .filter_map(|c| {
                    competence_ids
                        .iter()
                        .find(|(code, _)| code == c)
                        .map(|(_, id)| *id)
                })
                .collect();
            staff::set_competences(&txn, scope, samvirke_domain::StaffId(s.id), &ids).await?;
        }
    }
    txn.commit().await?;
    seed_programmes(core, scope).await?;
    classes::seed(core, scope).await?;
    visits::seed(core, scope).await?;
    rooms::seed(core, scope).await?;
    appointments::seed(core, scope).await?;
    quiz::seed(core, scope, SENIOR_PROGRAMME).await?;
    Ok(true)
}

const SENIOR_PROGRAMME: &str = "010101 Dit digitale liv";

/// The seniors' programme from the seed document, with three upcoming dates.
async fn seed_programmes(core: &Core, scope: Scope) -> Result<()> {
    use chrono::{Datelike, Duration, TimeZone, Weekday};
    use chrono_tz::Europe::Copenhagen;
    use samvirke_domain::PartnerLevel;
    use samvirke_store::sessions as q;
    if q::programme_by_title(&core.db.read, scope, SENIOR_PROGRAMME)
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
    let house = org("Dragørs Aktivitetshus").await?;
    let competence = |code: &'static str| async move {
        Ok::<_, ServiceError>(
            orgs::competence_by_code(&core.db.read, scope, code)
                .await?
                .map(|c| c.id),
        )
    };
    let site = orgs::site_by_name(&core.db.read, scope, "Wiedergården, Dragørs Aktivitetshus")
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agenda: [(&str, i32, i64, &str, &str); 6] = [
        (
            "Hvad er digital sikkerhed?",
            20,
            library.id,
            "digital_security",
            "bibliotekar@dragoer.demo",
        ),
        (
            "Hvordan sætter du digitale spor?",
            20,
            library.id,
            "digital_security",
            "bibliotekar@dragoer.demo",
        ),
        (
            "Værd at vide om Skat.dk og Borger.dk",
            25,
            citizen.id,
            "skat",
            "borgerservice@dragoer.demo",
        ),
        (
            "Filmstriben og eReolen",
            15,
            library.id,
            "film_ebooks",
            "formidler@dragoer.demo",
        ),
        (
            "Samtale ved bordene",
            20,
            house.id,
            "senior_help",
            "aktivitetshus@dragoer.demo",
        ),
        (
            "Quiz: 7 rigtige om at være digital borger i Dragør",
            15,
            library.id,
            "quiz_host",
            "bibliotekar@dragoer.demo",
        ),
    ];
    let mut competence_ids = Vec::new();
    for (_, _, _, code, _) in &agenda {
        competence_ids.push(competence(code).await?);
    }
    let now = core.now();
    let txn = core.db.begin_write().await?;
    let p = q::create_programme(
        &txn,
        scope,
        q::NewProgramme {
            org: OrgId(library.id),
            title: SENIOR_PROGRAMME,
            description: "Et arrangement for seniorer om det digitale liv: digital sikkerhed, digitale spor, Skat.dk og borger.dk, \
                          Filmstriben og eReolen. I pauserne taler vi sammen ved bordene, og vi slutter med en quiz.",
            target_group: "Seniorer",
        },
        now,
    )
    .await?;
    q::add_partner(&txn, scope, p.id, OrgId(citizen.id), PartnerLevel::Run).await?;
    q::add_partner(&txn, scope, p.id, OrgId(house.id), PartnerLevel::Run).await?;
    let mut items = Vec::new();
    for (i, ((title, minutes, org_id, _, _), competence_id)) in
        agenda.iter().zip(&competence_ids).enumerate()
    {
        let item = q::add_agenda_item(
            &txn,
            scope,
            p.id,
            q::NewAgendaItem {
                position: i as i32 + 1,
                title,
                minutes: *minutes,
                org: OrgId(*org_id),
                competence_id: *competence_id,
            },
        )
        .await?;
        items.push(item.id);
    }
    // Three Tuesdays from next week, 14.00–16.00.
    let today = now.with_timezone(&Copenhagen).date_naive();
    let mut day = today + Duration::days(7);
    while day.weekday() != Weekday::Tue {
        day += Duration::days(1);
    }
    let taken_seats = [23, 40, 0];
    for (n, taken) in taken_seats.iter().enumerate() {
        let date = day + Duration::weeks(2 * n as i64);
        let start = Copenhagen
            .from_local_datetime(&date.and_hms_opt(14, 0, 0).expect("valid time"))
            .earliest()
            .expect("not in a DST gap")
            .with_timezone(&chrono::Utc);
        let s = q::create_session(
            &txn,
            scope,
            q::NewSession {
                programme_id: p.id,
                org: OrgId(library.id),
                site_id: site.id,
                starts_at: start,
                ends_at: start + Duration::hours(2),
                capacity: 40,
                signup_opens_at: now - Duration::days(1),
                signup_closes_at: start - Duration::hours(2),
                public: true,
            },
            now,
        )
        .await?;
        for (item, (_, _, _, _, email)) in items.iter().zip(agenda.iter()) {
            let person = staff::by_email_for_login(&txn, email)
                .await?
                .ok_or(ServiceError::NotFound)?;
            q::assign_staff(&txn, scope, s.id, *item, person.id).await?;
        }
        for k in 0..*taken {
            q::take_seat(&txn, scope, s.id).await?;
            let (first, last) = (
                DEMO_FIRST[k % DEMO_FIRST.len()],
                DEMO_LAST[(k / DEMO_FIRST.len() + k) % DEMO_LAST.len()],
            );
            q::insert_registration(
                &txn,
                scope,
                q::NewRegistration {
                    session_id: s.id,
                    name: &format!("{first} {last}"),
                    email: None,
                    phone: Some(&format!("+452{:07}", 1000 + k * 37 + n * 1000)),
                    contact_key: Some(format!("p:+452{:07}", 1000 + k * 37 + n * 1000)),
                    needs: if k % 7 == 0 {
                        "hearing_loop".into()
                    } else {
                        String::new()
                    },
                    needs_other: None,
                    status: samvirke_domain::RegistrationStatus::Confirmed,
                    waitlist_seq: None,
                    cancel_token_hash: crate::secret::token_hash(&crate::secret::new_token()),
                    channel: samvirke_domain::Channel::Phone,
                    attendance: None,
                    language: samvirke_domain::Language::Da,
                },
                now,
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

const DEMO_FIRST: [&str; 8] = [
    "Inger", "Bent", "Grethe", "Poul", "Kirsten", "Erik", "Hanne", "Jørgen",
];
const DEMO_LAST: [&str; 6] = [
    "Hansen", "Jensen", "Nielsen", "Pedersen", "Larsen", "Møller",
];
