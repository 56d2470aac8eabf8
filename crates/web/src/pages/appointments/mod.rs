//! Appointments' pages: for citizens the guided question, a service's free
//! times by day, the booking form and its receipt, and the cancel/move
//! page of the e-mail's link (`public`, `cancel`); for staff their day's
//! appointments with done/no-show, and booking on a citizen's behalf
//! (`staff`); for coordinators the services (`services`) and where the
//! guided question's topics lead (`topics`).

mod cancel;
mod public;
mod services;
mod staff;
mod topics;

pub use cancel::*;
pub use public::*;
pub use services::*;
pub use staff::*;
pub use topics::*;

use super::errors::PageError;
use super::{Chrome, Field, chrome, render};
use crate::http::{Ctx, FormData, StaffCtx};
use crate::i18n::Loc;
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::appointments::Slot;
use samvirke_domain::validate::FieldErrors;
use samvirke_service::ServiceError;
use samvirke_service::appointments::{self as svc, ServiceInfo};
use serde::Deserialize;

/// A time offered, as a page shows it.
pub struct TimeChoice {
    /// RFC 3339, as the forms send it back.
    pub value: String,
    pub label: String,
}

/// One day of free times.
pub struct DayTimes {
    pub label: String,
    pub times: Vec<TimeChoice>,
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| samvirke_domain::validate::year_in_range(chrono::Datelike::year(d)).is_ok())
}

fn today(ctx: &Ctx) -> NaiveDate {
    ctx.state.core.now().with_timezone(&Copenhagen).date_naive()
}

/// Free times grouped by their Copenhagen day.
fn by_day(loc: Loc, slots: &[Slot]) -> Vec<DayTimes> {
    let mut days: Vec<DayTimes> = Vec::new();
    let mut last: Option<NaiveDate> = None;
    for s in slots {
        let d = s.starts_at.with_timezone(&Copenhagen).date_naive();
        if last != Some(d) {
            days.push(DayTimes {
                label: loc.long_date(s.starts_at),
                times: Vec::new(),
            });
            last = Some(d);
        }
        if let Some(day) = days.last_mut() {
            day.times.push(TimeChoice {
                value: rfc3339(s.starts_at),
                label: loc.time(s.starts_at),
            });
        }
    }
    days
}

/// "Where": the site and its address.
fn place(s: &ServiceInfo) -> String {
    match (&s.site, &s.address) {
        (Some(n), Some(a)) if !a.is_empty() => format!("{n}, {a}"),
        (Some(n), _) => n.clone(),
        _ => String::new(),
    }
}
