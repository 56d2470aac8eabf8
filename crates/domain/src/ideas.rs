//! Citizens' ideas ("Har du en idé?"), a person's own data on request, and
//! how long each kind of personal data is kept.
//!
//! An idea is addressed to the partnership, so it belongs to the
//! municipality, not to one organisation: every staff member of the
//! municipality reads ideas; coordinators and the municipality's
//! administrator triage them and read the contact a citizen left.

use crate::authz::{Action, Decision, DenyReason, Resource, StaffActor};
use crate::codes::code_enum;
use crate::org::Role;

/// The policy for ideas, own data and retention settings:
/// - `Ideas`: every staff member of the municipality reads them; its
///   coordinators (of any organisation) and the administrator triage them
///   (`Update`, `Create` a programme from one) and read the contact a
///   citizen left (`ReadPersonal`, audit-logged).
/// - `OwnData`: what Samvirke holds about one e-mail, produced for a
///   citizen at the desk (`ReadPersonal`, audit-logged): coordinators and
///   the administrator.
/// - `RetentionSettings`: every staff member reads the periods; the
///   municipality's administrator changes them (`Update`).
pub(crate) fn decide(staff: &StaffActor, action: Action, resource: Resource) -> Decision {
    let (municipality, allowed) = match resource {
        Resource::Ideas { municipality } => (
            municipality,
            match action {
                Action::Read => true,
                Action::Deactivate => false,
                _ => staff.has(Role::Coordinator) || staff.has(Role::MunicipalityAdmin),
            },
        ),
        Resource::OwnData { municipality } => (
            municipality,
            action == Action::ReadPersonal
                && (staff.has(Role::Coordinator) || staff.has(Role::MunicipalityAdmin)),
        ),
        Resource::RetentionSettings { municipality } => (
            municipality,
            action == Action::Read
                || (action == Action::Update && staff.has(Role::MunicipalityAdmin)),
        ),
        _ => return Decision::Deny(DenyReason::MissingRole),
    };
    if municipality != staff.municipality {
        Decision::Deny(DenyReason::OtherMunicipality)
    } else if allowed {
        Decision::Allow
    } else {
        Decision::Deny(DenyReason::MissingRole)
    }
}

/// Where an idea stands in the staff's triage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdeaStatus {
    New,
    Considering,
    Planned,
    Done,
    Declined,
}

code_enum!(IdeaStatus {
    New => "new",
    Considering => "considering",
    Planned => "planned",
    Done => "done",
    Declined => "declined",
});

/// Whom an idea is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetGroup {
    Seniors,
    Young,
    Families,
    Adults,
    Newcomers,
    Everyone,
}

code_enum!(TargetGroup {
    Seniors => "seniors",
    Young => "young",
    Families => "families",
    Adults => "adults",
    Newcomers => "newcomers",
    Everyone => "everyone",
});

/// The longest idea.
pub const IDEA_TEXT_MAX: usize = 2000;
/// The longest triage note.
pub const IDEA_NOTE_MAX: usize = 1000;

/// A kind of personal data with a retention period of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataKind {
    /// Participants' names, contacts and needs, from the end of the session.
    Signups,
    /// Appointments' names, contacts and answers, from the end of the appointment.
    Appointments,
    /// A referral's need and contact, from when it was done.
    Referrals,
    /// Pupils' names and birth dates, from the end of their school year.
    Pupils,
    /// The contact a citizen left with an idea, from when it was sent.
    Ideas,
    /// Quiz nicknames, from the end of the session.
    QuizNicknames,
    /// The log of reads of personal data.
    AuditLog,
}

code_enum!(DataKind {
    Signups => "signups",
    Appointments => "appointments",
    Referrals => "referrals",
    Pupils => "pupils",
    Ideas => "ideas",
    QuizNicknames => "quiz_nicknames",
    AuditLog => "audit_log",
});

/// The shortest and longest retention period, in days.
pub const RETENTION_DAYS_MIN: u32 = 1;
pub const RETENTION_DAYS_MAX: u32 = 3650;

impl DataKind {
    /// The period used until the administrator sets one, in days.
    pub fn default_days(self) -> u32 {
        match self {
            DataKind::Signups | DataKind::Appointments | DataKind::QuizNicknames => 30,
            DataKind::Referrals => 30,
            // Counted from 31 July: pupils are gone on 1 August.
            DataKind::Pupils => 1,
            DataKind::Ideas => 365,
            DataKind::AuditLog => 730,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, MunicipalityId, OrgId, StaffId, authorize};

    fn staff(m: i64, role: Role) -> Actor {
        Actor::Staff(StaffActor {
            municipality: MunicipalityId(m),
            org: OrgId(1),
            staff: StaffId(1),
            roles: vec![role],
        })
    }

    #[test]
    fn ideas_are_read_by_all_staff_and_triaged_by_coordinators_and_the_admin() {
        let m = MunicipalityId(1);
        let (ideas, own, periods) = (
            Resource::Ideas { municipality: m },
            Resource::OwnData { municipality: m },
            Resource::RetentionSettings { municipality: m },
        );
        let (plain, coordinator, admin, other) = (
            staff(1, Role::Staff),
            staff(1, Role::Coordinator),
            staff(1, Role::MunicipalityAdmin),
            staff(2, Role::MunicipalityAdmin),
        );
        let ok = |a: &Actor, action, r| authorize(a, action, r).is_allowed();
        assert!(ok(&plain, Action::Read, ideas));
        assert!(!ok(&plain, Action::Update, ideas));
        assert!(!ok(&plain, Action::ReadPersonal, ideas));
        assert!(ok(&coordinator, Action::Update, ideas));
        assert!(ok(&coordinator, Action::ReadPersonal, ideas));
        assert!(ok(&admin, Action::ReadPersonal, ideas));
        assert!(!ok(&other, Action::Read, ideas));
        assert!(!ok(&Actor::Anonymous, Action::Read, ideas));
        assert!(!ok(&plain, Action::ReadPersonal, own));
        assert!(ok(&coordinator, Action::ReadPersonal, own));
        assert!(!ok(&other, Action::ReadPersonal, own));
        assert!(ok(&plain, Action::Read, periods));
        assert!(!ok(&coordinator, Action::Update, periods));
        assert!(ok(&admin, Action::Update, periods));
        assert!(!ok(&other, Action::Update, periods));
    }

    #[test]
    fn codes_round_trip_and_defaults_lie_in_the_bounds() {
        for s in IdeaStatus::ALL {
            assert_eq!(s.as_str().parse::<IdeaStatus>(), Ok(*s));
        }
        for g in TargetGroup::ALL {
            assert_eq!(g.as_str().parse::<TargetGroup>(), Ok(*g));
        }
        for k in DataKind::ALL {
            assert_eq!(k.as_str().parse::<DataKind>(), Ok(*k));
            assert!((RETENTION_DAYS_MIN..=RETENTION_DAYS_MAX).contains(&k.default_days()));
        }
    }
}
