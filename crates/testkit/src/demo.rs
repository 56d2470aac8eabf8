//! The Dragør demo on a fresh database, at a fixed instant.

use crate::TestDb;
use chrono::{DateTime, Duration, Utc};
use samvirke_domain::{FixedClock, MunicipalityId, OrgId, StaffActor};
use samvirke_service::Core;
use samvirke_store::{Scope, orgs, sessions as q, staff};
use std::sync::Arc;

/// The password of every demo login in tests.
pub const PASSWORD: &str = "samvirke-demo";
/// The demo programme, owned by the library.
pub const PROGRAMME: &str = "010101 Dit digitale liv";
/// The library's site.
pub const SITE: &str = "Dragør Bibliotek";

/// The instant a test's clock starts at: 29.11.2026 kl. 10.00 in Copenhagen.
/// The clock stands still, so dates relative to it never go stale.
pub fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-29T09:00:00Z")
        .expect("a valid instant")
        .with_timezone(&Utc)
}

/// Dragør's demo data on a database of its own, with a clock at [`t0`].
pub struct Demo {
    pub core: Core,
    pub clock: Arc<FixedClock>,
    pub dragoer: MunicipalityId,
    /// Kept for the test's length: dropping it drops the database.
    pub db: TestDb,
}

impl Demo {
    /// The demo on a fresh migrated database.
    pub async fn new() -> Demo {
        Self::on(TestDb::new().await).await
    }

    /// The demo on `db`, which must be migrated and hold no demo yet.
    pub async fn on(db: TestDb) -> Demo {
        let clock = Arc::new(FixedClock::new(t0()));
        let core = Core::new(db.db().clone(), clock.clone())
            .with_notice_text(Arc::new(crate::PlainNotices));
        assert!(
            samvirke_service::demo::seed(&core, PASSWORD)
                .await
                .expect("seed the demo"),
            "the demo seeds a fresh database"
        );
        let dragoer = orgs::municipality_by_slug(&core.db.read, samvirke_service::demo::DEMO_SLUG)
            .await
            .expect("read the municipality")
            .map(|m| MunicipalityId(m.id))
            .expect("the demo municipality");
        Demo {
            core,
            clock,
            dragoer,
            db,
        }
    }

    /// A demo login as the actor the use cases take.
    pub async fn staff(&self, email: &str) -> StaffActor {
        let s = staff::by_email_for_login(&self.core.db.read, email)
            .await
            .expect("read staff")
            .unwrap_or_else(|| panic!("no demo login {email}"));
        samvirke_service::auth::staff_actor(&s)
    }

    /// A session of the demo programme; see [`demo_session`].
    pub async fn session(&self, s: NewSession) -> i64 {
        demo_session(&self.core, self.dragoer, s).await
    }
}

/// A session of the demo programme at the library, open for sign-up since
/// an hour ago.
#[derive(Debug, Clone, Copy)]
pub struct NewSession {
    pub capacity: i32,
    /// Starts this many days from now, for two hours.
    pub days: i64,
    pub public: bool,
    /// Sign-up closes this long before the start.
    pub closes_before: Duration,
}

impl NewSession {
    /// Public, in ten days, sign-up closing a day before.
    pub fn seats(capacity: i32) -> NewSession {
        NewSession {
            capacity,
            days: 10,
            public: true,
            closes_before: Duration::days(1),
        }
    }

    pub fn in_days(self, days: i64) -> NewSession {
        NewSession { days, ..self }
    }

    pub fn public(self, public: bool) -> NewSession {
        NewSession { public, ..self }
    }

    pub fn closes_before(self, closes_before: Duration) -> NewSession {
        NewSession {
            closes_before,
            ..self
        }
    }
}

/// Schedules a session of the demo programme in `municipality`; returns its id.
pub async fn demo_session(core: &Core, municipality: MunicipalityId, s: NewSession) -> i64 {
    let scope = Scope::new(municipality);
    let p = q::programme_by_title(&core.db.read, scope, PROGRAMME)
        .await
        .expect("read programmes")
        .expect("the demo programme");
    let site = orgs::site_by_name(&core.db.read, scope, SITE)
        .await
        .expect("read sites")
        .expect("the library's site");
    let now = core.now();
    let starts = now + Duration::days(s.days);
    q::create_session(
        &core.db.write,
        scope,
        q::NewSession {
            programme_id: p.id,
            org: OrgId(p.organisation_id),
            site_id: site.id,
            starts_at: starts,
            ends_at: starts + Duration::hours(2),
            capacity: s.capacity,
            signup_opens_at: now - Duration::hours(1),
            signup_closes_at: starts - s.closes_before,
            public: s.public,
        },
        now,
    )
    .await
    .expect("create a session")
    .id
}
