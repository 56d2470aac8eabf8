//! What tests of every layer share: a database of their own that is gone
//! afterwards, the demo data, a clock that stands still.
//!
//! A test runs on in-memory SQLite, or on PostgreSQL when
//! `SAMVIRKE_TEST_PG` holds a URL: it then gets a database of its own on
//! that server, dropped when the test ends (passed or failed).

mod db;
mod demo;
pub mod sql;

pub use db::{TestDb, pg_url};
pub use demo::{Demo, NewSession, PASSWORD, PROGRAMME, SITE, demo_session, t0};
pub use samvirke_domain::FixedClock;
