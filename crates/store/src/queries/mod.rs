//! The queries, grouped by what they are about.

pub mod appointments;
pub mod audit;
pub mod auth;
pub mod availability;
pub mod class_day;
pub mod classes;
pub mod feedback;
pub mod orgs;
pub mod outbox;
pub mod overview;
pub mod quiz;
pub mod quiz_play;
pub mod reach;
pub mod seasons;
pub mod sessions;
pub mod staff;
// Rooms and referrals (issue 10).
pub mod referrals;
pub mod rooms;
// Ideas, own data and retention settings (issue 13).
pub mod ideas;
pub mod own_data;
pub mod retention;

pub use sea_orm::DbErr;

/// True when a database error is a unique-constraint violation, on either backend.
pub fn is_unique_violation(e: &DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
