//! Use cases: each one authorizes first, then applies the domain rules,
//! then stores, then queues what must be sent.

pub mod appointments;
pub mod audit;
pub mod auth;
pub mod availability;
pub mod branding;
pub mod catalogue;
pub mod classes;
pub mod demo;
pub mod error;
pub mod feedback;
pub mod ics;
pub mod mail;
pub mod notice;
pub mod orgs;
pub mod overview;
pub mod passwords;
pub mod planning;
pub mod quiz;
pub mod reach;
pub mod retention;
pub mod seasons;
pub mod secret;
pub mod sessions;
pub mod staff;
pub mod throttle;
// Rooms and referrals (issue 10).
pub mod referrals;
pub mod rooms;
// Ideas, own data and retention settings (issue 13).
pub mod ideas;

use samvirke_domain::{Action, Actor, Clock, Resource, authorize};
use samvirke_store::Db;
use std::sync::Arc;

pub use error::ServiceError;
/// The sort key of a session in a list (start, id): a list's cursor.
pub use samvirke_store::sessions::SessionKey;
/// Paging types the layers above pass through unchanged.
pub use samvirke_store::{PAGE_MAX, Page};

/// Everything a use case needs: the database, the clock, and the address
/// people reach the service at (for links in e-mails).
#[derive(Clone)]
pub struct Core {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub public_url: Arc<str>,
    /// How long each kind of personal data is kept.
    pub retention: retention::Retention,
    /// Turns notices into e-mail text; the web layer installs it.
    notice_text: Option<Arc<dyn notice::NoticeText>>,
    /// What online sign-ups' e-mails tell, kept a few seconds.
    signup_facts: Arc<sessions::batched::SignupFactsCache>,
}

impl Core {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self {
            db,
            clock,
            public_url: Arc::from("http://127.0.0.1:8080"),
            retention: retention::Retention::default(),
            notice_text: None,
            signup_facts: Arc::default(),
        }
    }

    /// What renders e-mails. Without it a use case that would queue one fails.
    pub fn with_notice_text(mut self, text: Arc<dyn notice::NoticeText>) -> Self {
        self.notice_text = Some(text);
        self
    }

    pub fn has_notice_text(&self) -> bool {
        self.notice_text.is_some()
    }

    /// The renderer to hand to another thread (the sign-up writer's).
    pub(crate) fn notice_text_shared(&self) -> Result<Arc<dyn notice::NoticeText>, ServiceError> {
        self.notice_text()?;
        self.notice_text
            .clone()
            .ok_or_else(|| ServiceError::Internal("no notice text".into()))
    }

    /// The renderer, or an error: an e-mail is never queued without its text.
    pub(crate) fn notice_text(&self) -> Result<&dyn notice::NoticeText, ServiceError> {
        match &self.notice_text {
            Some(t) => Ok(t.as_ref()),
            None => {
                // Loud in debug builds (tests): a Core was built without it.
                debug_assert!(false, "Core has no NoticeText: call Core::with_notice_text");
                tracing::error!("Core has no NoticeText; an e-mail could not be written");
                Err(ServiceError::Internal("no notice renderer".into()))
            }
        }
    }

    pub fn with_public_url(mut self, url: &str) -> Self {
        // The notice text's links were made from the URL before this one.
        debug_assert!(
            self.notice_text.is_none(),
            "set the public URL before installing the notice text"
        );
        self.public_url = Arc::from(url.trim_end_matches('/'));
        self
    }

    pub fn with_retention(mut self, retention: retention::Retention) -> Self {
        self.retention = retention;
        self
    }

    /// A session's public page, when the web layer's links are installed.
    pub fn session_url(&self, session_id: i64) -> Option<String> {
        self.notice_text.as_ref().map(|t| t.session_url(session_id))
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

/// The staff member behind an actor; the public gets `Unauthenticated`.
pub fn signed_in(actor: &Actor) -> Result<&samvirke_domain::StaffActor, ServiceError> {
    match actor {
        Actor::Staff(me) => Ok(me),
        Actor::Anonymous => Err(ServiceError::Unauthenticated),
    }
}

/// The acting organisation, for a use case's span: never a person's data.
pub(crate) fn org_of(actor: &Actor) -> Option<i64> {
    match actor {
        Actor::Staff(me) => Some(me.org.0),
        Actor::Anonymous => None,
    }
}

/// The first step of every use case.
pub fn require(actor: &Actor, action: Action, resource: Resource) -> Result<(), ServiceError> {
    match authorize(actor, action, resource) {
        samvirke_domain::Decision::Allow => Ok(()),
        samvirke_domain::Decision::Deny(reason) => Err(ServiceError::Denied(reason)),
    }
}
