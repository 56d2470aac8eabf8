//! Samvirke's domain: the types, rules and the authorization policy.
//!
//! Nothing here touches the database, the network or the wall clock; the
//! current time arrives through [`Clock`].

pub mod appointments;
pub mod authz;
pub mod availability;
pub mod calendar;
pub mod classlist;
pub mod clock;
pub mod codes;
pub mod cpr;
pub mod ids;
pub mod language;
pub mod link;
pub mod org;
pub mod pupil;
pub mod quiz;
pub mod reach;
pub mod school_year;
pub mod season;
pub mod signup;
pub mod state;
pub mod validate;
// Rooms and referrals (issue 10).
pub mod referrals;
pub mod rooms;
// Ideas, own data and retention settings (issue 13).
pub mod ideas;

pub use authz::{
    Action, Actor, Decision, DenyReason, PartnerLevel, Resource, StaffActor, authorize,
};
pub use clock::{Clock, FixedClock, SystemClock};
pub use ids::{MunicipalityId, OrgId, StaffId};
pub use language::Language;
pub use link::LinkSecret;
pub use org::{OrgKind, Role};
pub use state::{Attendance, Channel, Conflict, Delivery, RegistrationStatus};
