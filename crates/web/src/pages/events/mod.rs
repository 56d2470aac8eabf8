//! The citizen's pages: upcoming sessions, one session with its sign-up
//! form, the confirmation, and the cancel link.

use super::PageError;
use super::{Chrome, Field, chrome, render};
use crate::http::{Ctx, FormData};
use crate::i18n::Loc;
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use samvirke_domain::signup::{Need, Registration};
use samvirke_domain::validate::FieldErrors;
use samvirke_service::ServiceError;
use samvirke_service::sessions::{self as svc, AgendaLine, ListFilter, SessionView, SignupInput};
use serde::Deserialize;

mod cancel;
mod card;
mod confirmation;
mod list;
mod session;
mod sign_up;

pub use cancel::*;
pub use card::*;
pub use confirmation::*;
pub use list::*;
pub use session::*;
pub use sign_up::*;
