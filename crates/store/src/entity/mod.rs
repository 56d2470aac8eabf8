//! SeaORM entities, one per table. Ids are `i64`; timestamps are UTC.

pub mod agenda_item;
pub mod api_token;
pub mod audit_log;
pub mod calendar_feed;
pub mod class_visit;
pub mod competence;
pub mod event_session;
pub mod login_session;
pub mod mitid_guidance;
pub mod municipality;
pub mod organisation;
pub mod outbox;
pub mod password_link;
pub mod programme;
pub mod programme_partner;
pub mod pupil;
pub mod registration;
pub mod school_class;
pub mod site;
pub mod staff;
pub mod staff_assignment;
pub mod staff_competence;
