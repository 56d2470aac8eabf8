//! The proposal. Classes are taken school by school in turn (round robin),
//! the k-th of n aimed at the k-th n-th of the season's visit days, so the
//! visits spread over the season and every school's classes are spread
//! too. From that day the search moves outwards (later, earlier, two later,
//! …); on each day the school's window is tried from its start. The staff
//! chosen is the qualified person free then with the fewest visits so far
//! (then the lowest id), which balances the load.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc};

use super::{Class, ClassId, Plan, School, SeasonInput, Staff, Unplaced, UnplacedReason, Visit};
use crate::availability::{Interval, TimeRange};
use crate::ids::OrgId;
use crate::org::OrgKind;

/// Busy intervals sorted by start, with the latest end so far: an overlap
/// test is one binary search.
struct BusyIndex {
    starts: Vec<DateTime<Utc>>,
    max_end: Vec<DateTime<Utc>>,
}

impl BusyIndex {
    fn new(busy: &[Interval]) -> Self {
        let mut v = busy.to_vec();
        v.sort();
        let mut max_end = Vec::with_capacity(v.len());
        for i in &v {
            let m = max_end
                .last()
                .map_or(i.end, |m: &DateTime<Utc>| (*m).max(i.end));
            max_end.push(m);
        }
        BusyIndex {
            starts: v.iter().map(|i| i.start).collect(),
            max_end,
        }
    }

    fn overlaps(&self, want: &Interval) -> bool {
        let n = self.starts.partition_point(|s| *s < want.end);
        n > 0 && self.max_end[n - 1] > want.start
    }
}

pub(super) struct StaffState<'a> {
    pub staff: &'a Staff,
    busy: BusyIndex,
    bookings: Vec<(Interval, Option<OrgId>)>,
    hours: HashMap<NaiveDate, Vec<Interval>>,
    load: usize,
}

impl<'a> StaffState<'a> {
    fn new(staff: &'a Staff) -> Self {
        StaffState {
            staff,
            busy: BusyIndex::new(&staff.busy),
            bookings: Vec::new(),
            hours: HashMap::new(),
            load: 0,
        }
    }

    fn free(&mut self, date: NaiveDate, want: &Interval, school: OrgId, travel: Duration) -> bool {
        let staff = self.staff;
        let works = self
            .hours
            .entry(date)
            .or_insert_with(|| staff.availability.intervals_on(date))
            .iter()
            .any(|i| i.contains(want));
        works
            && !self.busy.overlaps(&want.widened(travel))
            && !self.bookings.iter().any(|(b, s)| {
                let gap = if *s == Some(school) {
                    Duration::zero()
                } else {
                    travel
                };
                b.widened(gap).overlaps(want)
            })
    }

    fn book(&mut self, interval: Interval, school: Option<OrgId>) {
        self.bookings.push((interval, school));
        self.load += 1;
    }
}

/// The start times in a school's window, earliest first.
fn starts(school: &School, step_minutes: u32) -> Vec<(NaiveTime, NaiveTime)> {
    let minute = |t: NaiveTime| t.num_seconds_from_midnight() / 60;
    let time = |m: u32| NaiveTime::from_num_seconds_from_midnight_opt(m * 60, 0);
    let (from, to) = (minute(school.window.start()), minute(school.window.end()));
    let len = school.visit_minutes;
    let mut out = Vec::new();
    if len == 0 {
        return out;
    }
    let mut s = from;
    while s + len <= to {
        if let (Some(a), Some(b)) = (time(s), time(s + len)) {
            out.push((a, b));
        }
        s += step_minutes.max(1);
    }
    out
}

/// The classes school by school in turn, each school's by id.
fn round_robin<'c>(mut todo: Vec<(&'c Class, &'c School)>) -> Vec<(&'c Class, &'c School)> {
    todo.sort_by_key(|(c, s)| (s.id, c.id));
    let mut by_school: Vec<Vec<(&Class, &School)>> = Vec::new();
    for item in todo {
        match by_school.last_mut() {
            Some(g) if g[0].1.id == item.1.id => g.push(item),
            _ => by_school.push(vec![item]),
        }
    }
    let longest = by_school.iter().map(Vec::len).max().unwrap_or(0);
    (0..longest)
        .flat_map(|i| by_school.iter().filter_map(move |g| g.get(i).copied()))
        .collect()
}

/// Day indices from `ideal` outwards: ideal, +1, −1, +2, −2, …
fn outwards(ideal: usize, len: usize) -> impl Iterator<Item = usize> {
    (0..2 * len).filter_map(move |k| {
        let step = k.div_ceil(2);
        if k % 2 == 1 {
            ideal.checked_add(step).filter(|i| *i < len)
        } else {
            ideal.checked_sub(step)
        }
    })
}

fn pick(
    states: &mut [StaffState],
    kind: OrgKind,
    input: &SeasonInput,
    date: NaiveDate,
    want: &Interval,
    school: OrgId,
) -> Option<usize> {
    let travel = input.settings.travel();
    let mut best: Option<usize> = None;
    for i in 0..states.len() {
        if !input.settings.qualifies(states[i].staff, kind) {
            continue;
        }
        let better = best.is_none_or(|b| {
            (states[i].load, states[i].staff.id) < (states[b].load, states[b].staff.id)
        });
        if better && states[i].free(date, want, school, travel) {
            best = Some(i);
        }
    }
    best
}

/// Proposes a plan. Fixed visits are kept as given (and counted as the
/// staff's bookings); every other class gets a visit or a reason.
pub fn propose(input: &SeasonInput) -> Plan {
    let settings = input.settings;
    let mut states: Vec<StaffState> = input.staff.iter().map(StaffState::new).collect();
    let mut plan = Plan::default();
    let mut fixed: HashSet<ClassId> = HashSet::new();
    for v in input.fixed {
        if !fixed.insert(v.class) {
            continue;
        }
        let school = input.class(v.class).map(|c| c.school);
        if let Some(interval) = v.interval() {
            for st in states.iter_mut().filter(|s| v.staff.contains(&s.staff.id)) {
                st.book(interval, school);
            }
        }
        plan.visits.push(v.clone());
    }

    let has = |kind| input.staff.iter().any(|s| settings.qualifies(s, kind));
    let (library, citizen) = (has(OrgKind::Library), has(OrgKind::CitizenService));
    let mut seen = HashSet::new();
    let mut todo = Vec::new();
    for class in input.classes {
        let reason = if !seen.insert(class.id) {
            Some(UnplacedReason::Duplicate)
        } else if fixed.contains(&class.id) {
            continue;
        } else {
            match input.school(class.school) {
                None => Some(UnplacedReason::UnknownSchool),
                Some(s) if starts(s, settings.step_minutes).is_empty() => {
                    Some(UnplacedReason::NoSchoolTime)
                }
                Some(s) if !chrono_weekdays().any(|d| s.allows(d)) => {
                    Some(UnplacedReason::NoSchoolTime)
                }
                Some(_) if !library => Some(UnplacedReason::NoLibraryStaff),
                Some(_) if !citizen => Some(UnplacedReason::NoCitizenServiceStaff),
                Some(s) => {
                    todo.push((class, s));
                    None
                }
            }
        };
        if let Some(reason) = reason {
            plan.unplaced.push(Unplaced {
                class: class.id,
                reason,
            });
        }
    }

    let days = input.calendar.visit_days();
    let order = round_robin(todo);
    let n = order.len();
    for (k, (class, school)) in order.into_iter().enumerate() {
        let ideal = ((2 * k + 1) * days.len()) / (2 * n).max(1);
        let slots = starts(school, settings.step_minutes);
        let placed = outwards(ideal, days.len())
            .map(|i| days[i])
            .filter(|d| school.allows(chrono::Datelike::weekday(d)))
            .find_map(|date| {
                slots.iter().find_map(|&(start, end)| {
                    let want = TimeRange::new(start, end)?.on(date);
                    let lib = pick(&mut states, OrgKind::Library, input, date, &want, school.id)?;
                    let cit = pick(
                        &mut states,
                        OrgKind::CitizenService,
                        input,
                        date,
                        &want,
                        school.id,
                    )?;
                    Some((date, start, end, want, lib, cit))
                })
            });
        match placed {
            Some((date, start, end, want, lib, cit)) => {
                states[lib].book(want, Some(school.id));
                states[cit].book(want, Some(school.id));
                plan.visits.push(Visit {
                    class: class.id,
                    date,
                    start,
                    end,
                    staff: vec![states[lib].staff.id, states[cit].staff.id],
                });
            }
            None => plan.unplaced.push(Unplaced {
                class: class.id,
                reason: UnplacedReason::NoFreeTime,
            }),
        }
    }
    plan.visits.sort_by_key(|v| (v.date, v.start, v.class));
    plan
}

fn chrono_weekdays() -> impl Iterator<Item = chrono::Weekday> {
    (0..7u8).filter_map(|d| chrono::Weekday::try_from(d).ok())
}
