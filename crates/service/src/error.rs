use samvirke_domain::validate::FieldErrors;
use samvirke_domain::{Conflict, DenyReason};

/// What can go wrong in a use case. The web layer maps each variant, in
/// one place, to a status code and a message in the user's language.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("not allowed: {0:?}")]
    Denied(DenyReason),
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// The request is understood but clashes with the state: e.g. sign-up
    /// is closed, or the person is already signed up. The code says which.
    #[error("conflict: {0}")]
    Conflict(Conflict),
    /// It was there once and is no more: e.g. a cancel link already used.
    #[error("gone")]
    Gone,
    #[error("too many attempts; retry in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    pub fn invalid(field: &'static str, problem: samvirke_domain::validate::FieldProblem) -> Self {
        let mut e = FieldErrors::default();
        e.add(field, problem);
        ServiceError::Invalid(e)
    }
}

pub type Result<T> = std::result::Result<T, ServiceError>;
