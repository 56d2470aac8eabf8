//! What the command line does, as use cases: a municipality with its first
//! administrator, and staff with any role, refused field by field.

use samvirke_domain::Role;
use samvirke_domain::validate::FieldProblem;
use samvirke_service::ServiceError;
use samvirke_service::secret::verify_password;
use samvirke_service::staff::{
    OperatorMunicipality, OperatorStaff, create_by_operator, create_municipality_by_operator,
};
use samvirke_testkit::{Demo, sql};

const PASSWORD: &str = "a-long-enough-password";

fn problems(e: ServiceError) -> Vec<(&'static str, FieldProblem)> {
    match e {
        ServiceError::Invalid(f) => f.0.iter().map(|e| (e.field, e.problem)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// The stored row of a person the command line made.
async fn row(demo: &Demo, id: i64) -> samvirke_store::entity::staff::Model {
    use sea_orm::EntityTrait;
    samvirke_store::entity::staff::Entity::find_by_id(id)
        .one(&demo.core.db.read)
        .await
        .unwrap()
        .unwrap()
}

fn tarnby() -> OperatorMunicipality {
    OperatorMunicipality {
        slug: "taarnby".into(),
        name: "Tårnby Kommune".into(),
        admin_email: "Admin@Taarnby.test".into(),
        admin_name: "Tina Tårnby".into(),
        password: PASSWORD.into(),
    }
}

#[tokio::test]
async fn a_municipality_comes_with_its_administration_and_administrator() {
    let demo = Demo::new().await;
    let admin = create_municipality_by_operator(&demo.core, &tarnby())
        .await
        .unwrap();
    assert_eq!(admin.email, "admin@taarnby.test");
    assert!(verify_password(
        PASSWORD,
        &row(&demo, admin.id).await.password_hash
    ));
    let actor = samvirke_service::auth::staff_actor(&row(&demo, admin.id).await);
    assert_eq!(actor.roles, vec![Role::MunicipalityAdmin]);
    assert_ne!(actor.municipality, demo.dragoer);
    let org: String = sql::one(
        &demo.core.db.read,
        "SELECT name FROM organisation WHERE id = $1",
        vec![actor.org.0.into()],
    )
    .await;
    assert_eq!(org, "Tårnby Kommune, administration");

    // Twice: refused, and nothing half-made.
    let e = create_municipality_by_operator(&demo.core, &tarnby())
        .await
        .unwrap_err();
    assert_eq!(problems(e), [("slug", FieldProblem::NameTaken)]);
    let bad = OperatorMunicipality {
        slug: "kastrup".into(),
        admin_email: "not an address".into(),
        password: "short".into(),
        ..tarnby()
    };
    let e = create_municipality_by_operator(&demo.core, &bad)
        .await
        .unwrap_err();
    assert_eq!(
        problems(e),
        [
            ("admin_email", FieldProblem::InvalidEmail),
            ("password", FieldProblem::PasswordTooShort)
        ]
    );
    let municipalities: i64 = sql::one(
        &demo.core.db.read,
        "SELECT COUNT(*) FROM municipality",
        vec![],
    )
    .await;
    assert_eq!(municipalities, 2);
}

fn librarian() -> OperatorStaff {
    OperatorStaff {
        municipality: "dragoer".into(),
        organisation: "Dragør Bibliotek".into(),
        email: "ny@dragoer.demo".into(),
        name: "Nina Ny".into(),
        role: "coordinator".into(),
        password: PASSWORD.into(),
    }
}

#[tokio::test]
async fn staff_get_any_role_in_an_existing_organisation() {
    let demo = Demo::new().await;
    let made = create_by_operator(&demo.core, &librarian()).await.unwrap();
    let actor = samvirke_service::auth::staff_actor(&row(&demo, made.id).await);
    assert_eq!(actor.municipality, demo.dragoer);
    assert_eq!(actor.roles, vec![Role::Coordinator]);
    assert!(verify_password(
        PASSWORD,
        &row(&demo, made.id).await.password_hash
    ));
    // The role only the command line gives.
    let admin = OperatorStaff {
        email: "chef@dragoer.demo".into(),
        role: "municipality_admin".into(),
        ..librarian()
    };
    let made = create_by_operator(&demo.core, &admin).await.unwrap();
    assert_eq!(
        samvirke_service::auth::staff_actor(&row(&demo, made.id).await).roles,
        vec![Role::MunicipalityAdmin]
    );
}

#[tokio::test]
async fn staff_are_refused_field_by_field() {
    let demo = Demo::new().await;
    let cases = [
        (
            OperatorStaff {
                municipality: "atlantis".into(),
                ..librarian()
            },
            vec![("municipality", FieldProblem::InvalidChoice)],
        ),
        (
            OperatorStaff {
                organisation: "Tårnby Bibliotek".into(),
                ..librarian()
            },
            vec![("organisation", FieldProblem::InvalidChoice)],
        ),
        (
            OperatorStaff {
                email: "bibliotek@dragoer.demo".into(),
                ..librarian()
            },
            vec![("email", FieldProblem::EmailTaken)],
        ),
        (
            OperatorStaff {
                role: "king".into(),
                name: " ".into(),
                ..librarian()
            },
            vec![
                ("name", FieldProblem::Required),
                ("role", FieldProblem::InvalidChoice),
            ],
        ),
    ];
    for (input, expected) in cases {
        let e = create_by_operator(&demo.core, &input).await.unwrap_err();
        assert_eq!(problems(e), expected, "{input:?}");
    }
    let made: i64 = sql::one(
        &demo.core.db.read,
        "SELECT COUNT(*) FROM staff WHERE municipality_id = $1 AND email = 'ny@dragoer.demo'",
        vec![demo.dragoer.0.into()],
    )
    .await;
    assert_eq!(made, 0);
}
