//! Coordinators' pages for programmes: the list, the form for a new or an
//! edited programme with its partners and agenda, and scheduling its sessions.

use super::PageError;
use super::events::{Card, Choice, card};
use super::{Chrome, Field, SummaryItem, chrome, render};
use crate::http::{FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::calendar::{SERIES_MAX, holiday};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{Action, PartnerLevel, Resource, authorize};
use samvirke_service::ServiceError;
use samvirke_service::catalogue;
use samvirke_service::sessions::{
    self as svc, AgendaInput, Partner, Programme, ProgrammeInput, SeriesInput, SessionInput,
};

mod detail;
mod edit;
mod form;
mod list;
mod schedule;

pub use detail::*;
pub use edit::{edit_form, save_edit};
pub use form::{create, new_form};
pub use list::*;
pub use schedule::*;
