//! A database from an older release, holding data, migrates to the latest
//! schema and stays usable: the rows survive and the use cases work on them.
//! On in-memory SQLite, and on PostgreSQL when `SAMVIRKE_TEST_PG` is set.

use chrono::{DateTime, Duration, Utc};
use samvirke_domain::{Actor, MunicipalityId};
use samvirke_service::secret::{hash_password, token_hash};
use samvirke_service::sessions::{self, ListFilter, SignupInput};
use samvirke_service::{Core, ServiceError, auth};
use samvirke_store::sea_orm::{ConnectionTrait, Value};
use samvirke_testkit::{FixedClock, PASSWORD, TestDb, sql, t0};
use std::sync::Arc;

/// The last migration of the release the data comes from: before API tokens
/// expired, before password links and before e-mailed link secrets.
const OLD_RELEASE: &str = "m20261129_000003_calendar_feeds";

const ANNA_SECRET: &str = "anna-cancel-secret-from-the-old-release";
const OLD_API_TOKEN: &str = "api-token-from-the-old-release-0123456789";

/// Inserts a row and returns its id.
async fn insert(db: &impl ConnectionTrait, table: &str, cols: &[(&str, Value)]) -> i64 {
    let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    let text = format!(
        "INSERT INTO {table} ({}) VALUES ({}) RETURNING id",
        names.join(", "),
        marks.join(", ")
    );
    sql::one(db, &text, cols.iter().map(|(_, v)| v.clone()).collect()).await
}

fn at(t: DateTime<Utc>) -> Value {
    t.into()
}

struct Old {
    municipality: i64,
    session: i64,
    anna: i64,
    carl: i64,
}

/// What the old release held: a municipality, an owner and a partner
/// organisation, staff (one deactivated, with a token), a programme with a
/// partner and an agenda, a full session with a waiting list, and e-mail
/// queued and sent. As that release's schema had them, by plain SQL.
async fn old_data(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Old {
    let m = insert(
        db,
        "municipality",
        &[
            ("slug", "gammelby".into()),
            ("name", "Gammelby Kommune".into()),
            ("phone", "+4512345678".into()),
            ("created_at", at(now - Duration::days(100))),
        ],
    )
    .await;
    let org = |name: &'static str, kind: &'static str| {
        [
            ("municipality_id", Value::from(m)),
            ("name", name.into()),
            ("kind", kind.into()),
            ("active", true.into()),
            ("created_at", at(now - Duration::days(100))),
        ]
    };
    let library = insert(db, "organisation", &org("Gammelby Bibliotek", "library")).await;
    let house = insert(
        db,
        "organisation",
        &org("Gammelby Aktivitetshus", "partner"),
    )
    .await;
    let site = insert(
        db,
        "site",
        &[
            ("municipality_id", m.into()),
            ("organisation_id", library.into()),
            ("name", "Gammelby Bibliotek".into()),
            ("address", "Torvet 1".into()),
            ("created_at", at(now - Duration::days(100))),
        ],
    )
    .await;
    let hash = hash_password(PASSWORD).unwrap();
    let person = |email: &'static str, roles: &'static str, active: bool| {
        [
            ("municipality_id", Value::from(m)),
            ("organisation_id", library.into()),
            ("email", email.into()),
            ("name", email.into()),
            ("password_hash", hash.clone().into()),
            ("roles", roles.into()),
            ("active", active.into()),
            ("created_at", at(now - Duration::days(90))),
            ("updated_at", at(now - Duration::days(90))),
        ]
    };
    let coordinator = insert(db, "staff", &person("k@gammelby.test", "coordinator", true)).await;
    let gone = insert(db, "staff", &person("gone@gammelby.test", "staff", false)).await;
    for (staff, token) in [
        (coordinator, OLD_API_TOKEN),
        (gone, "token-of-a-deactivated-person-000"),
    ] {
        insert(
            db,
            "api_token",
            &[
                ("municipality_id", m.into()),
                ("staff_id", staff.into()),
                ("name", "integration".into()),
                ("token_hash", token_hash(token).into()),
                ("created_at", at(now - Duration::days(30))),
            ],
        )
        .await;
    }
    let programme = insert(
        db,
        "programme",
        &[
            ("municipality_id", m.into()),
            ("organisation_id", library.into()),
            ("title", "Gammel IT-café".into()),
            ("description", "Hjælp til det digitale".into()),
            ("target_group", "seniors".into()),
            ("active", true.into()),
            ("created_at", at(now - Duration::days(60))),
        ],
    )
    .await;
    sql::exec(
        db,
        "INSERT INTO programme_partner (programme_id, organisation_id, level) VALUES ($1, $2, $3)",
        vec![programme.into(), house.into(), "run".into()],
    )
    .await;
    insert(
        db,
        "agenda_item",
        &[
            ("programme_id", programme.into()),
            ("position", 1.into()),
            ("title", "Velkomst".into()),
            ("minutes", 15.into()),
            ("organisation_id", house.into()),
        ],
    )
    .await;
    let starts = now + Duration::days(7);
    let session = insert(
        db,
        "event_session",
        &[
            ("municipality_id", m.into()),
            ("programme_id", programme.into()),
            ("organisation_id", library.into()),
            ("site_id", site.into()),
            ("starts_at", at(starts)),
            ("ends_at", at(starts + Duration::hours(2))),
            ("capacity", 2.into()),
            ("taken", 2.into()),
            ("waitlist_seq", 1.into()),
            ("waitlist_left", 0.into()),
            ("signup_opens_at", at(now - Duration::days(10))),
            ("signup_closes_at", at(starts - Duration::hours(1))),
            ("public", true.into()),
            ("created_at", at(now - Duration::days(10))),
        ],
    )
    .await;
    let registration =
        |name: &'static str, status: &'static str, seq: Option<i32>, secret: &str| {
            let email = format!("{}@eksempel.dk", name.to_lowercase());
            vec![
                ("municipality_id", Value::from(m)),
                ("session_id", session.into()),
                ("name", name.into()),
                ("contact_key", format!("e:{email}").into()),
                ("email", email.into()),
                ("needs", "".into()),
                ("status", status.into()),
                ("waitlist_seq", seq.into()),
                ("cancel_token_hash", token_hash(secret).into()),
                ("channel", "online".into()),
                ("created_at", at(now - Duration::days(5))),
            ]
        };
    let anna = insert(
        db,
        "registration",
        &registration("Anna", "confirmed", None, ANNA_SECRET),
    )
    .await;
    insert(
        db,
        "registration",
        &registration("Bo", "confirmed", None, "bo-secret"),
    )
    .await;
    let carl = insert(
        db,
        "registration",
        &registration("Carl", "waitlisted", Some(1), "carl-secret"),
    )
    .await;
    for (to, state, sent_at) in [
        ("anna@eksempel.dk", "sent", Some(now - Duration::days(5))),
        ("carl@eksempel.dk", "pending", None),
    ] {
        insert(
            db,
            "outbox",
            &[
                ("municipality_id", m.into()),
                ("organisation_id", library.into()),
                ("recipient", to.into()),
                ("subject", "Gammel IT-café".into()),
                ("body", "Hej".into()),
                ("state", state.into()),
                ("attempts", 0.into()),
                ("next_attempt_at", at(now - Duration::minutes(1))),
                ("created_at", at(now - Duration::days(5))),
                (
                    "sent_at",
                    sent_at.map(at).unwrap_or(Value::ChronoDateTimeUtc(None)),
                ),
            ],
        )
        .await;
    }
    Old {
        municipality: m,
        session,
        anna,
        carl,
    }
}

async fn count(db: &impl ConnectionTrait, table: &str) -> i64 {
    sql::one(db, &format!("SELECT COUNT(*) FROM {table}"), vec![]).await
}

#[tokio::test]
async fn data_of_an_older_release_migrates_and_stays_usable() {
    let db = TestDb::empty().await;
    db.migrate_through(OLD_RELEASE).await;
    assert_eq!(db.applied_migrations().await.last().unwrap(), OLD_RELEASE);
    let now = t0();
    let old = old_data(&db.write, now).await;
    let tables = [
        "municipality",
        "organisation",
        "site",
        "staff",
        "api_token",
        "programme",
        "programme_partner",
        "agenda_item",
        "event_session",
        "registration",
        "outbox",
    ];
    let mut before = Vec::new();
    for t in tables {
        before.push(count(&db.write, t).await);
    }

    db.migrate().await.expect("migrate to the latest schema");
    let mut after = Vec::new();
    for t in tables {
        after.push(count(&db.write, t).await);
    }
    assert_eq!(before, after, "every row survived: {tables:?}");

    let core = Core::new(db.db().clone(), Arc::new(FixedClock::new(now)))
        .with_notice_text(Arc::new(samvirke_testkit::PlainNotices));
    let m = MunicipalityId(old.municipality);

    // The public list shows the old session as it stood: full, one waiting.
    let listed = sessions::list_public(&core, m, &ListFilter::default())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].session.id, old.session);
    assert_eq!(listed[0].seats_left, 0);
    assert_eq!(listed[0].waitlist_length, 1);

    // Old contact keys still say who is signed up; a newcomer joins the list after Carl.
    let anna_again = SignupInput {
        name: "Anna".into(),
        email: "anna@eksempel.dk".into(),
        ..Default::default()
    };
    let e = sessions::sign_up(&core, m, old.session, &anna_again, None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            ServiceError::Conflict(samvirke_domain::Conflict::AlreadyRegistered)
        ),
        "{e:?}"
    );
    let dora = SignupInput {
        name: "Dora".into(),
        email: "dora@eksempel.dk".into(),
        ..Default::default()
    };
    let dora = sessions::sign_up(&core, m, old.session, &dora, None)
        .await
        .unwrap();
    assert_eq!(dora.waitlist_position, Some(2));

    // An old cancel link works, once, and the seat goes to the first waiting.
    let done = sessions::cancel(&core, ANNA_SECRET).await.unwrap();
    assert_eq!(done.registration.id, old.anna);
    assert_eq!(done.promoted.map(|p| p.id), Some(old.carl));
    assert!(matches!(
        sessions::cancel(&core, ANNA_SECRET).await,
        Err(ServiceError::Gone)
    ));

    // Old tokens got an expiry; the deactivated person's token was revoked.
    let signed_in = auth::resolve_bearer(&core, OLD_API_TOKEN)
        .await
        .unwrap()
        .expect("the old token still works");
    let revoked: i64 = sql::one(
        &db.read,
        "SELECT COUNT(*) FROM api_token WHERE revoked_at IS NOT NULL",
        vec![],
    )
    .await;
    assert_eq!(revoked, 1);
    let unexpiring: i64 = sql::one(
        &db.read,
        "SELECT COUNT(*) FROM api_token WHERE expires_at IS NULL",
        vec![],
    )
    .await;
    assert_eq!(unexpiring, 0);

    // The old coordinator and the partner's agenda work with the new code.
    let coordinator = Actor::Staff(signed_in.actor);
    let people = sessions::registrations(&core, &coordinator, old.session, None, 50)
        .await
        .unwrap();
    assert_eq!(people.items.len(), 4);

    // The e-mail queued before the upgrade is delivered.
    let dir = std::env::temp_dir().join(format!("samvirke-migration-{}", std::process::id()));
    let transport = samvirke_service::mail::Transport::Files(dir.clone());
    let report = samvirke_service::mail::deliver_due(
        &core,
        &transport,
        "Samvirke <noreply@samvirke.invalid>",
    )
    .await
    .unwrap();
    assert!(
        report.sent >= 2,
        "the old pending mail and Carl's promotion: {report:?}"
    );
    let pending: i64 = sql::one(
        &db.read,
        "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'",
        vec![],
    )
    .await;
    assert_eq!(pending, 0);
    let _ = std::fs::remove_dir_all(&dir);
}
