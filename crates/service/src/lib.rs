//! Use cases: each one authorizes first, then applies the domain rules,
//! then stores, then queues what must be sent.

pub mod audit;
pub mod auth;
pub mod branding;
pub mod catalogue;
pub mod classes;
pub mod demo;
pub mod error;
pub mod ics;
pub mod mail;
pub mod orgs;
pub mod overview;
pub mod passwords;
pub mod planning;
pub mod retention;
pub mod secret;
pub mod sessions;
pub mod staff;
pub mod throttle;

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
}

impl Core {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self {
            db,
            clock,
            public_url: Arc::from("http://127.0.0.1:8080"),
            retention: retention::Retention::default(),
        }
    }

    pub fn with_public_url(mut self, url: &str) -> Self {
        self.public_url = Arc::from(url.trim_end_matches('/'));
        self
    }

    pub fn with_retention(mut self, retention: retention::Retention) -> Self {
        self.retention = retention;
        self
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

/// The first step of every use case.
pub fn require(actor: &Actor, action: Action, resource: Resource) -> Result<(), ServiceError> {
    match authorize(actor, action, resource) {
        samvirke_domain::Decision::Allow => Ok(()),
        samvirke_domain::Decision::Deny(reason) => Err(ServiceError::Denied(reason)),
    }
}
