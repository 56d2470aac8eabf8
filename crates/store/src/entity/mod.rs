//! SeaORM entities, one per table. Ids are `i64`; timestamps are UTC.

pub mod api_token;
pub mod audit_log;
pub mod competence;
pub mod login_session;
pub mod municipality;
pub mod organisation;
pub mod outbox;
pub mod site;
pub mod staff;
pub mod staff_competence;
