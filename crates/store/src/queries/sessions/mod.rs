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

pub const CONFIRMED: &str = "confirmed";
pub const WAITLISTED: &str = "waitlisted";
pub const CANCELLED: &str = "cancelled";
