//! Appointments with a librarian or the citizen service, a module per job:
//! `services` (what is offered, the guided question and its mapping, the
//! coordinators' edits), `editing` (what the coordinators' pages show and
//! the mapping saved whole), `slots` (free times), `booking` (by a citizen, or
//! by staff on a citizen's behalf; cancelling and moving by link),
//! `day` (the staff's day list, done and no-show) and `worker` (the
//! reminder the day before, and forgetting the citizen's details after
//! the appointment).
//!
//! A booking is correct under concurrency by construction: it locks the
//! rows of the service's staff, re-reads what they are busy with and picks
//! a free person inside that transaction, and the unique `slot_key` per
//! staff member and start stops a double booking even so.

mod booking;
mod day;
mod editing;
mod services;
mod slots;
mod worker;

pub use booking::*;
pub use day::*;
pub use editing::*;
pub use services::*;
pub use slots::*;
pub use worker::*;
