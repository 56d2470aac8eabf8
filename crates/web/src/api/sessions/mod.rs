//! Sessions and sign-up: public reading and sign-up, cancellation by token,
//! and staff endpoints for programmes, sessions and participant lists.

use super::auth::{ApiUser, ClientAddr};
use super::error::{ApiError, ApiJson, ApiPath, ApiQuery, ErrorBody, api_loc};
use crate::{AppState, paging};
use axum::Json;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_service::Page;
use samvirke_service::ServiceError;
use samvirke_service::sessions::{self as svc, AgendaLine, ListFilter, SessionView, SignupInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&Copenhagen).fixed_offset()
}

mod participants;
mod planning;
mod public;
mod registrations;

pub use participants::*;
pub use planning::*;
pub use public::*;
pub use registrations::*;
