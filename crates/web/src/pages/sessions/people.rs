//! The participants and the run sheet, as the staff pages show them.

use super::*;
use samvirke_domain::RegistrationStatus;

pub struct Participant {
    pub id: i64,
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub needs: String,
    pub status: RegistrationStatus,
    pub status_label: String,
    pub attendance: String,
    pub channel: String,
    /// Gets reminders by e-mail; those without are on the call list.
    pub has_email: bool,
    /// The place in its list: the id with a seat, the number on the waiting list.
    pub order: i64,
    /// Place on the waiting list now (1 is next), for those waiting.
    pub place: u64,
    /// Neither e-mail nor phone, and the same name as another on the list:
    /// maybe signed up twice (staff decide; nobody is refused).
    pub maybe_twice: bool,
}

/// Everyone in the view who has not cancelled: those with a seat first, by
/// id, then the waiting list in its order.
pub(super) fn participants(loc: Loc, view: &StaffSessionView) -> Vec<Participant> {
    let mut list: Vec<Participant> = view
        .registrations
        .iter()
        .flatten()
        .filter(|r| r.status != RegistrationStatus::Cancelled)
        .map(|r| {
            let mut needs: Vec<String> = r.needs.iter().map(|n| need_label(loc, *n)).collect();
            needs.extend(r.needs_other.clone());
            let phone = r.phone.as_deref().map(display_phone).unwrap_or_default();
            Participant {
                id: r.id,
                name: r.name.clone(),
                contact: [r.email.clone().unwrap_or_default(), phone.clone()]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                phone,
                needs: needs.join(", "),
                status: r.status,
                status_label: loc.t(&format!("reg-status-{}", r.status)),
                attendance: r.attendance.map(|a| a.as_str()).unwrap_or_default().into(),
                channel: loc.t(&format!(
                    "reg-channel-{}",
                    r.channel.as_str().replace('_', "-")
                )),
                has_email: r.email.is_some(),
                order: if r.status == RegistrationStatus::Waitlisted {
                    r.waitlist_seq.map(i64::from).unwrap_or(r.id)
                } else {
                    r.id
                },
                place: 0,
                maybe_twice: false,
            }
        })
        .collect();
    let regs: Vec<_> = view.registrations.iter().flatten().collect();
    for p in &mut list {
        let without_contact = |id: i64| {
            regs.iter()
                .any(|r| r.id == id && r.email.is_none() && r.phone.is_none())
        };
        let key = p.name.trim().to_lowercase();
        p.maybe_twice = !key.is_empty()
            && regs.iter().any(|r| {
                r.id != p.id
                    && r.status != RegistrationStatus::Cancelled
                    && r.name.trim().to_lowercase() == key
                    && (without_contact(r.id) || without_contact(p.id))
            });
    }
    // Confirmed first, then the waiting list in its order (the order they came in).
    list.sort_by_key(|p| (p.status != RegistrationStatus::Confirmed, p.order));
    list
}

pub struct RunLine {
    pub time: String,
    pub title: String,
    pub minutes: i32,
    pub org: String,
    pub staff: String,
}

pub(super) fn run_sheet(loc: Loc, view: &StaffSessionView) -> Vec<RunLine> {
    // Stored minutes are added with a check: a far-off start or an odd
    // length leaves the time blank rather than failing the page.
    let mut at = Some(view.view.session.starts_at);
    view.agenda
        .iter()
        .map(|a| {
            let staff: Vec<String> = view
                .assignments
                .iter()
                .filter(|(item, _, _)| *item == a.item.id)
                .map(|(_, name, org)| format!("{name} ({org})"))
                .collect();
            let line = RunLine {
                time: at.map(|t| loc.time(t)).unwrap_or_default(),
                title: a.item.title.clone(),
                minutes: a.item.minutes,
                org: a.org_name.clone(),
                staff: staff.join(", "),
            };
            at = at.and_then(|t| {
                chrono::Duration::try_minutes(i64::from(a.item.minutes))
                    .and_then(|d| t.checked_add_signed(d))
            });
            line
        })
        .collect()
}
