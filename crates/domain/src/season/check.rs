//! The conflicts of a plan, e.g. one a user has edited by hand: each is a
//! code on a visit, so the adjustment is shown, not silently accepted.

use chrono::{Datelike, Duration};

use super::{ClassId, SeasonInput, Visit};
use crate::availability::Interval;
use crate::codes::code_enum;
use crate::ids::StaffId;
use crate::org::OrgKind;
use crate::school_year::DayOff;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConflictCode {
    /// The class is not among the classes given.
    UnknownClass,
    /// The class has another visit earlier in the plan.
    ClassTwice,
    /// The class's school is not among the schools given.
    UnknownSchool,
    /// The visit does not start before it ends.
    EndBeforeStart,
    /// Before the first school day or after the last day for visits.
    OutsideSeason,
    Weekend,
    PublicHoliday,
    SchoolHoliday,
    /// A weekday the school does not receive visits.
    NotSchoolWeekday,
    /// Outside the school's window.
    OutsideSchoolWindow,
    /// A staff id not among the staff given.
    UnknownStaff,
    /// Nobody from the library with the competence.
    MissingLibraryStaff,
    /// Nobody from the citizen service with the competence.
    MissingCitizenServiceStaff,
    /// Outside the person's working hours.
    OutsideAvailability,
    /// Overlaps another appointment of the person.
    Busy,
    /// Overlaps another visit of the person.
    DoubleBooked,
    /// Less than the travel time from another visit or appointment of the person.
    NoTravelTime,
}

code_enum!(ConflictCode {
    UnknownClass => "unknown_class",
    ClassTwice => "class_twice",
    UnknownSchool => "unknown_school",
    EndBeforeStart => "end_before_start",
    OutsideSeason => "outside_season",
    Weekend => "weekend",
    PublicHoliday => "public_holiday",
    SchoolHoliday => "school_holiday",
    NotSchoolWeekday => "not_school_weekday",
    OutsideSchoolWindow => "outside_school_window",
    UnknownStaff => "unknown_staff",
    MissingLibraryStaff => "missing_library_staff",
    MissingCitizenServiceStaff => "missing_citizen_service_staff",
    OutsideAvailability => "outside_availability",
    Busy => "busy",
    DoubleBooked => "double_booked",
    NoTravelTime => "no_travel_time",
});

/// One conflict of one visit: the person concerned, and the other class
/// for a double booking or too little travel time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Conflict {
    pub class: ClassId,
    pub code: ConflictCode,
    pub staff: Option<StaffId>,
    pub other: Option<ClassId>,
}

/// Every conflict of `visits`, the whole plan (fixed visits included; the
/// input's `fixed` list is not read). A double booking is listed on both
/// visits. In the order of the visits.
pub fn check(input: &SeasonInput, visits: &[Visit]) -> Vec<Conflict> {
    let settings = input.settings;
    let travel = settings.travel();
    let mut out = Vec::new();
    let intervals: Vec<Option<Interval>> = visits.iter().map(Visit::interval).collect();
    let schools: Vec<_> = visits
        .iter()
        .map(|v| input.class(v.class).map(|c| c.school))
        .collect();
    for (i, v) in visits.iter().enumerate() {
        let mut add = |code, staff, other| {
            out.push(Conflict {
                class: v.class,
                code,
                staff,
                other,
            })
        };
        let class = input.class(v.class);
        if class.is_none() {
            add(ConflictCode::UnknownClass, None, None);
        }
        if visits[..i].iter().any(|w| w.class == v.class) {
            add(ConflictCode::ClassTwice, None, None);
        }
        let school = class.map(|c| input.school(c.school));
        if school == Some(None) {
            add(ConflictCode::UnknownSchool, None, None);
        }
        if let Some(day_off) = input.calendar.day_off(v.date) {
            add(
                match day_off {
                    DayOff::Weekend => ConflictCode::Weekend,
                    DayOff::PublicHoliday(_) => ConflictCode::PublicHoliday,
                    DayOff::SchoolHoliday(_) => ConflictCode::SchoolHoliday,
                    DayOff::BeforeFirstSchoolDay | DayOff::AfterLastVisitDay => {
                        ConflictCode::OutsideSeason
                    }
                },
                None,
                None,
            );
        }
        if let Some(Some(s)) = school {
            if !s.allows(v.date.weekday()) {
                add(ConflictCode::NotSchoolWeekday, None, None);
            }
            if v.start < s.window.start() || v.end > s.window.end() {
                add(ConflictCode::OutsideSchoolWindow, None, None);
            }
        }
        let Some(want) = intervals[i] else {
            add(ConflictCode::EndBeforeStart, None, None);
            continue;
        };
        let mut staff: Vec<StaffId> = v.staff.clone();
        staff.sort();
        staff.dedup();
        let members: Vec<_> = staff
            .iter()
            .filter_map(|id| input.staff_member(*id))
            .collect();
        for id in staff.iter().filter(|id| input.staff_member(**id).is_none()) {
            add(ConflictCode::UnknownStaff, Some(*id), None);
        }
        if !members
            .iter()
            .any(|s| settings.qualifies(s, OrgKind::Library))
        {
            add(ConflictCode::MissingLibraryStaff, None, None);
        }
        if !members
            .iter()
            .any(|s| settings.qualifies(s, OrgKind::CitizenService))
        {
            add(ConflictCode::MissingCitizenServiceStaff, None, None);
        }
        for s in members {
            if !s.availability.works(v.date, &want) {
                add(ConflictCode::OutsideAvailability, Some(s.id), None);
            }
            if s.busy.iter().any(|b| b.overlaps(&want)) {
                add(ConflictCode::Busy, Some(s.id), None);
            } else if s.busy.iter().any(|b| b.widened(travel).overlaps(&want)) {
                add(ConflictCode::NoTravelTime, Some(s.id), None);
            }
            for (j, w) in visits.iter().enumerate() {
                let Some(other) = intervals[j] else { continue };
                if j == i || !w.staff.contains(&s.id) {
                    continue;
                }
                let gap = if schools[i].is_some() && schools[i] == schools[j] {
                    Duration::zero()
                } else {
                    travel
                };
                if other.overlaps(&want) {
                    add(ConflictCode::DoubleBooked, Some(s.id), Some(w.class));
                } else if other.widened(gap).overlaps(&want) {
                    add(ConflictCode::NoTravelTime, Some(s.id), Some(w.class));
                }
            }
        }
    }
    out
}
