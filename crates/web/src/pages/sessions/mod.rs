//! Staff pages for sessions: the list, one session with its participants,
//! check-in, phone sign-up and walk-ins, the printable list and run sheet.

use super::PageError;
use super::events::{Card, Choice, card, need_choices, need_label, series_choices, signup_input};
use super::{Chrome, Field, chrome, display_phone, render};
use crate::http::{FormData, StaffCtx};
use crate::i18n::Loc;
use crate::paging::{self, PAGE_SIZE, Pager};
use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::signup::Need;
use samvirke_domain::validate::FieldErrors;
use samvirke_service::ServiceError;
use samvirke_service::sessions::{self as svc, People, SignupInput, StaffSessionView};

mod cancel;
mod door;
mod list;
mod page;
mod people;
mod print;
mod staffing;

pub use cancel::*;
pub use door::*;
pub use list::*;
pub use page::*;
pub use people::*;
pub use print::*;
pub use staffing::*;
