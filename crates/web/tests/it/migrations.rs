//! Migrations: each applies to an empty database and to one holding data,
//! running them again changes nothing, and the demo seed runs once.

use crate::support::{PASSWORD, fresh_db, t0};
use samvirke_domain::FixedClock;
use samvirke_service::Core;
use samvirke_store::migration::Migrator;
use sea_orm::EntityTrait;
use sea_orm_migration::MigratorTrait;
use std::sync::Arc;

#[tokio::test]
async fn every_migration_applies_and_is_recorded() {
    let db = fresh_db().await;
    let applied = Migrator::get_applied_migrations(&db.write).await.unwrap();
    assert_eq!(applied.len(), Migrator::migrations().len());
    // Running again is a no-op.
    db.migrate().await.unwrap();
    assert_eq!(
        Migrator::get_applied_migrations(&db.write)
            .await
            .unwrap()
            .len(),
        applied.len()
    );
}

#[tokio::test]
async fn foundation_migration_rolls_back_and_forward_on_an_empty_database() {
    let db = fresh_db().await;
    Migrator::down(&db.write, None).await.unwrap();
    assert!(
        Migrator::get_applied_migrations(&db.write)
            .await
            .unwrap()
            .is_empty()
    );
    Migrator::up(&db.write, None).await.unwrap();
    assert_eq!(
        Migrator::get_pending_migrations(&db.write)
            .await
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn data_survives_migrating_again_and_seeding_twice() {
    let db = fresh_db().await;
    let core = Core::new(db.clone(), Arc::new(FixedClock::new(t0())));
    assert!(samvirke_service::demo::seed(&core, PASSWORD).await.unwrap());
    let staff_before = samvirke_store::entity::staff::Entity::find()
        .all(&db.read)
        .await
        .unwrap()
        .len();
    db.migrate().await.unwrap();
    assert!(
        !samvirke_service::demo::seed(&core, PASSWORD).await.unwrap(),
        "second seed does nothing"
    );
    let staff_after = samvirke_store::entity::staff::Entity::find()
        .all(&db.read)
        .await
        .unwrap()
        .len();
    assert_eq!(staff_before, staff_after);
    assert!(staff_before >= 16);
    let orgs = samvirke_store::entity::organisation::Entity::find()
        .all(&db.read)
        .await
        .unwrap();
    assert_eq!(orgs.len(), 8);
}
