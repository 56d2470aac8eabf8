//! The staff overview, organisations, the audit log, the outbox, and the
//! "Administration" page that leads to them.

use super::PageError;
use super::staff::role_label;
use super::{Chrome, Field, chrome, render};
use crate::http::{FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::validate::FieldErrors;
use samvirke_domain::{Action, OrgKind, Resource, Role, authorize};
use samvirke_service::ServiceError;
use samvirke_service::orgs::OrgInput;

mod audit;
mod dashboard;
mod organisations;
mod outbox;
mod tools;

pub use audit::*;
pub use dashboard::*;
pub use organisations::*;
pub use outbox::*;
pub use tools::*;
