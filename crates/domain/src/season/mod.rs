//! The season planner for class visits: one visit per class, at its school,
//! on a visit day of the school year, staffed by a library person with the
//! digital-security competence and a citizen-service person who can issue
//! MitID, nobody in two places at once; and the check that lists the
//! conflicts of a plan a user has edited.
//!
//! Pure and deterministic: the same input gives the same plan.

mod check;
mod plan;
#[cfg(test)]
mod tests;

use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

pub use check::{Conflict, ConflictCode, check};
pub use plan::propose;

use crate::availability::{Availability, Interval, TimeRange};
use crate::codes::code_enum;
use crate::ids::{OrgId, StaffId};
use crate::org::OrgKind;
use crate::school_year::SchoolCalendar;

/// A school class (the 9th grade to visit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClassId(pub i64);

impl std::fmt::Display for ClassId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A class and its school (an organisation of kind school).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Class {
    pub id: ClassId,
    pub school: OrgId,
}

/// When a school can receive a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct School {
    pub id: OrgId,
    /// The weekdays visits are possible; empty means Monday to Friday.
    pub weekdays: Vec<Weekday>,
    /// The part of the day a visit must lie in (e.g. 8:15–11:15).
    pub window: TimeRange,
    pub visit_minutes: u32,
}

impl School {
    pub fn allows(&self, day: Weekday) -> bool {
        if self.weekdays.is_empty() {
            day.num_days_from_monday() < 5
        } else {
            self.weekdays.contains(&day)
        }
    }
}

/// A staff member who may be given visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub id: StaffId,
    pub kind: OrgKind,
    /// Competence codes (e.g. `digital_security`, `mitid_issue`).
    pub competences: Vec<String>,
    pub availability: Availability,
    /// Other sessions, appointments, earlier visits.
    pub busy: Vec<Interval>,
}

impl Staff {
    fn has(&self, competence: &str) -> bool {
        self.competences.iter().any(|c| c == competence)
    }
}

/// A visit: a class, a date, wall-clock times in Copenhagen, and its staff.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Visit {
    pub class: ClassId,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub staff: Vec<StaffId>,
}

impl Visit {
    /// The visit's real time; `None` unless it starts before it ends.
    pub fn interval(&self) -> Option<Interval> {
        TimeRange::new(self.start, self.end).map(|r| r.on(self.date))
    }
}

/// The planner's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSettings {
    /// The competence the library person needs.
    pub library_competence: String,
    /// The competence the citizen-service person needs.
    pub citizen_service_competence: String,
    /// Time kept free between a person's visits at different schools, and
    /// between a visit and their other appointments.
    pub travel_minutes: u32,
    /// Start times are tried every this many minutes in a school's window.
    pub step_minutes: u32,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            library_competence: "digital_security".into(),
            citizen_service_competence: "mitid_issue".into(),
            travel_minutes: 30,
            step_minutes: 15,
        }
    }
}

impl PlanSettings {
    fn travel(&self) -> Duration {
        Duration::minutes(i64::from(self.travel_minutes))
    }

    fn qualifies(&self, s: &Staff, kind: OrgKind) -> bool {
        s.kind == kind
            && match kind {
                OrgKind::Library => s.has(&self.library_competence),
                OrgKind::CitizenService => s.has(&self.citizen_service_competence),
                _ => false,
            }
    }
}

/// Everything the planner and the check read.
#[derive(Debug, Clone, Copy)]
pub struct SeasonInput<'a> {
    pub calendar: &'a SchoolCalendar,
    pub schools: &'a [School],
    pub classes: &'a [Class],
    pub staff: &'a [Staff],
    /// Visits already agreed; kept as they are and included in the plan.
    pub fixed: &'a [Visit],
    pub settings: &'a PlanSettings,
}

impl SeasonInput<'_> {
    fn school(&self, id: OrgId) -> Option<&School> {
        self.schools.iter().find(|s| s.id == id)
    }

    fn class(&self, id: ClassId) -> Option<&Class> {
        self.classes.iter().find(|c| c.id == id)
    }

    fn staff_member(&self, id: StaffId) -> Option<&Staff> {
        self.staff.iter().find(|s| s.id == id)
    }
}

/// Why a class got no visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnplacedReason {
    /// The class's school is not among the schools given.
    UnknownSchool,
    /// The class is listed more than once (the first is planned).
    Duplicate,
    /// The school's window is shorter than a visit, or it allows no weekday.
    NoSchoolTime,
    /// Nobody at the library has the competence.
    NoLibraryStaff,
    /// Nobody at the citizen service has the competence.
    NoCitizenServiceStaff,
    /// No visit day with both a library and a citizen-service person free.
    NoFreeTime,
}

code_enum!(UnplacedReason {
    UnknownSchool => "unknown_school",
    Duplicate => "duplicate",
    NoSchoolTime => "no_school_time",
    NoLibraryStaff => "no_library_staff",
    NoCitizenServiceStaff => "no_citizen_service_staff",
    NoFreeTime => "no_free_time",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unplaced {
    pub class: ClassId,
    pub reason: UnplacedReason,
}

/// A proposed plan: visits by date and time, and the classes left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub visits: Vec<Visit>,
    pub unplaced: Vec<Unplaced>,
}
