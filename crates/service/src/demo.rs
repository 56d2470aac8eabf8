//! Demo data: Dragør Kommune with its library, citizen service centre,
//! schools, activity house and social services. Seeding twice changes nothing.

use crate::Core;
use crate::ServiceError;
use crate::error::Result;
use crate::secret::hash_password_blocking;
use samvirke_domain::{OrgId, OrgKind, Role};
use samvirke_store::{Scope, orgs, staff};
use sea_orm::TransactionTrait;

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
    let txn = core.db.write.begin().await?;
    let m = orgs::create_municipality(
        &txn,
        DEMO_SLUG,
        "Dragør Kommune",
        Some("+4532890100".into()),
        now,
    )
    .await?;
    let scope = Scope::new(samvirke_domain::MunicipalityId(m.id));
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
            staff::set_competences(&txn, samvirke_domain::StaffId(s.id), &ids).await?;
        }
    }
    txn.commit().await?;
    Ok(true)
}
