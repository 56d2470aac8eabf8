//! Schema migrations, in Rust, run on `serve`, `demo` and `migrate`.
//! A migration once released is never edited; a change is a new one.

use sea_orm_migration::prelude::*;

mod m20261129_000001_foundation;
mod m20261129_000002_sessions;
mod m20261129_000003_calendar_feeds;
mod m20261130_000010_passwords_and_token_expiry;
mod m20261130_000020_link_secrets;
mod m20261130_000021_municipality_details;
mod m20261130_000040_contact_key;
mod m20261130_000070_municipality_logo;
mod m20261201_000080_registration_language;
mod m20261201_000090_class_visits;
mod m20261201_000091_mitid_guidance;
mod m20261202_000100_season_planning;
mod m20261202_000110_visit_day;
mod m20261203_000120_appointments;
mod m20261203_000130_rooms_and_referrals;
mod m20261203_000140_quiz;
mod m20261204_000160_quiz_question_order;
mod m20261205_000200_ideas_own_data_retention;

mod m20261205_000300_reach_and_feedback;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_foundation::Migration),
            Box::new(m20261129_000002_sessions::Migration),
            Box::new(m20261129_000003_calendar_feeds::Migration),
            Box::new(m20261130_000010_passwords_and_token_expiry::Migration),
            Box::new(m20261130_000020_link_secrets::Migration),
            Box::new(m20261130_000021_municipality_details::Migration),
            Box::new(m20261130_000040_contact_key::Migration),
            Box::new(m20261130_000070_municipality_logo::Migration),
            Box::new(m20261201_000080_registration_language::Migration),
            Box::new(m20261201_000090_class_visits::Migration),
            Box::new(m20261201_000091_mitid_guidance::Migration),
            Box::new(m20261202_000100_season_planning::Migration),
            Box::new(m20261202_000110_visit_day::Migration),
            Box::new(m20261203_000120_appointments::Migration),
            Box::new(m20261203_000130_rooms_and_referrals::Migration),
            Box::new(m20261203_000140_quiz::Migration),
            Box::new(m20261204_000160_quiz_question_order::Migration),
            Box::new(m20261205_000200_ideas_own_data_retention::Migration),
            Box::new(m20261205_000300_reach_and_feedback::Migration),
        ]
    }
}
