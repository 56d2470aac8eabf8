//! The command line adds municipalities and staff (through the service's
//! use cases) and says plainly what it refuses. On a SQLite file, or a
//! PostgreSQL database of its own when `SAMVIRKE_TEST_PG` is set.

use samvirke_testkit::{TestDb, sql};
use std::process::{Command, Output};

fn samvirke(db: &TestDb, args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samvirke"))
        .args(args)
        .args(["--database-url", db.url()])
        .env("SAMVIRKE_NEW_PASSWORD", password)
        .env("SAMVIRKE_LOG", "warn")
        .output()
        .expect("run samvirke")
}

fn said(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test]
async fn create_municipality_then_staff_and_refusals() {
    let db = TestDb::on_disk().await;
    let municipality = [
        "create-municipality",
        "--slug",
        "taarnby",
        "--name",
        "Tårnby Kommune",
        "--admin-email",
        "admin@taarnby.test",
        "--admin-name",
        "Tina Tårnby",
    ];
    let o = samvirke(&db, &municipality, "a-long-enough-password");
    assert!(o.status.success(), "{}", said(&o));
    let o = samvirke(&db, &municipality, "a-long-enough-password");
    assert!(!o.status.success());
    assert!(
        said(&o).contains("slug: a municipality with that slug exists"),
        "{}",
        said(&o)
    );

    let user = |org: &'static str, email: &'static str| {
        [
            "create-user",
            "--municipality",
            "taarnby",
            "--organisation",
            org,
            "--email",
            email,
            "--name",
            "Tim Tårnby",
            "--role",
            "coordinator",
        ]
    };
    let o = samvirke(
        &db,
        &user("Tårnby Kommune, administration", "tim@taarnby.test"),
        "a-long-enough-password",
    );
    assert!(o.status.success(), "{}", said(&o));
    let o = samvirke(
        &db,
        &user("Kastrup Bibliotek", "tom@taarnby.test"),
        "a-long-enough-password",
    );
    assert!(
        said(&o).contains("organisation: no such organisation"),
        "{}",
        said(&o)
    );
    let o = samvirke(
        &db,
        &user("Tårnby Kommune, administration", "tom@taarnby.test"),
        "short",
    );
    assert!(
        said(&o).contains("password: SAMVIRKE_NEW_PASSWORD must be 12 to 256 characters"),
        "{}",
        said(&o)
    );
    assert!(!o.status.success());

    let staff: Vec<String> =
        sql::column(&db.read, "SELECT email FROM staff ORDER BY email", vec![]).await;
    assert_eq!(staff, ["admin@taarnby.test", "tim@taarnby.test"]);
}
