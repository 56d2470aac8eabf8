//! Programmes, sessions and registrations.
//!
//! Seats are taken and given back only by conditional updates of the
//! session row, so a session is never overbooked whatever runs at once; the
//! same row update also serialises the waiting list.

mod dates;
mod feeds;
mod programmes;
mod registrations;
mod seats;
mod staffing;

pub use dates::*;
pub use feeds::*;
pub use programmes::*;
pub use registrations::*;
pub use seats::*;
pub use staffing::*;

// The stored strings of the states, for the queries' filters.
const CONFIRMED: &str = samvirke_domain::RegistrationStatus::Confirmed.as_str();
const WAITLISTED: &str = samvirke_domain::RegistrationStatus::Waitlisted.as_str();
const CANCELLED: &str = samvirke_domain::RegistrationStatus::Cancelled.as_str();
