//! How long proposing a season plan for a 100-class municipality takes
//! through the use case (reading the settings, classes, staff, their
//! availability and sessions, then planning). A measurement, not a test:
//! run it by hand and read the printed numbers (BENCHMARKS.md):
//!
//! cargo test --release -p samvirke-service --test season_timing -- --ignored --nocapture

use samvirke_domain::school_year::SchoolYear;
use samvirke_domain::{Actor, OrgId};
use samvirke_service::seasons;
use samvirke_store::{Scope, classes, orgs};
use samvirke_testkit::Demo;
use std::time::Instant;

#[tokio::test]
#[ignore = "a measurement; run with --ignored --nocapture"]
async fn proposing_for_100_classes() {
    let demo = Demo::new().await;
    let scope = Scope::new(demo.dragoer);
    let schools: Vec<i64> = orgs::list_organisations(&demo.core.db.read, scope)
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.kind == "school")
        .map(|o| o.id)
        .collect();
    // The demo's eight, and 92 more spread over the three schools.
    for n in 0..92 {
        let school = OrgId(schools[n % schools.len()]);
        classes::create_class(
            &demo.core.db.write,
            scope,
            school,
            "2026-27",
            &format!("9.{n:02}"),
            demo.core.now(),
        )
        .await
        .unwrap();
    }
    let actor = Actor::Staff(demo.staff("bibliotek@dragoer.demo").await);
    let year: SchoolYear = "2026-27".parse().unwrap();
    let mut times = Vec::new();
    let mut placed = 0;
    for _ in 0..10 {
        let start = Instant::now();
        let plan = seasons::propose(&demo.core, &actor, year).await.unwrap();
        times.push(start.elapsed());
        placed = plan.visits.len();
        assert_eq!(plan.visits.len() + plan.unplaced.len(), 100);
    }
    times.sort();
    println!(
        "propose, 100 classes ({placed} placed), 10 runs: min {:?}, median {:?}, max {:?}",
        times[0], times[5], times[9]
    );
}
