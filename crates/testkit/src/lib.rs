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

/// E-mail text for use-case tests that run without the web layer (which
/// holds the real texts): the notice itself, so a test can read its data.
pub struct PlainNotices;

impl samvirke_service::notice::NoticeText for PlainNotices {
    fn render(
        &self,
        notice: &samvirke_service::notice::Notice,
        lang: samvirke_domain::Language,
    ) -> samvirke_service::notice::RenderedMail {
        let body = format!("{notice:?}");
        // The kind of notice, e.g. "Promoted (Da)": tests tell e-mails apart by it.
        let kind = body
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        samvirke_service::notice::RenderedMail {
            subject: format!("{kind} ({lang:?})"),
            body,
        }
    }

    fn session_url(&self, session_id: i64) -> String {
        format!("test:session/{session_id}")
    }
}
