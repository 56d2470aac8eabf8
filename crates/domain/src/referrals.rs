//! Referrals: a citizen handed over from one organisation to another, with
//! the citizen's consent. The receiver works the case; the sender sees only
//! its status.

use crate::codes::code_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferralStatus {
    New,
    Contacted,
    Done,
}

code_enum!(ReferralStatus {
    New => "new",
    Contacted => "contacted",
    Done => "done",
});

/// The longest need description.
pub const NEED_MAX: usize = 500;
/// The longest contact name.
pub const CONTACT_NAME_MAX: usize = 100;

#[cfg(test)]
mod tests {
    use crate::{
        Action, Actor, MunicipalityId, OrgId, Resource, Role, StaffActor, StaffId, authorize,
    };

    fn staff(org: i64, role: Role) -> Actor {
        Actor::Staff(StaffActor {
            municipality: MunicipalityId(1),
            org: OrgId(org),
            staff: StaffId(org * 10),
            roles: vec![role],
        })
    }

    #[test]
    fn the_sender_reads_the_status_only_and_the_receiver_the_case() {
        let r = Resource::Referral {
            municipality: MunicipalityId(1),
            sender: OrgId(1),
            receiver: OrgId(2),
        };
        let (sender, receiver, other) = (
            staff(1, Role::Coordinator),
            staff(2, Role::Staff),
            staff(3, Role::Coordinator),
        );
        assert!(authorize(&sender, Action::Read, r).is_allowed());
        assert!(!authorize(&sender, Action::ReadPersonal, r).is_allowed());
        assert!(!authorize(&sender, Action::Update, r).is_allowed());
        assert!(authorize(&receiver, Action::ReadPersonal, r).is_allowed());
        assert!(authorize(&receiver, Action::Update, r).is_allowed());
        assert!(!authorize(&receiver, Action::Create, r).is_allowed());
        for a in [Action::Read, Action::ReadPersonal, Action::Update] {
            assert!(!authorize(&other, a, r).is_allowed());
        }
    }

    #[test]
    fn rooms_are_for_the_owner_and_those_given_access_and_defined_by_the_owners_coordinators() {
        let room = |access| Resource::Room {
            municipality: MunicipalityId(1),
            owner: OrgId(1),
            access,
        };
        let (owner_staff, owner_coordinator, partner) = (
            staff(1, Role::Staff),
            staff(1, Role::Coordinator),
            staff(2, Role::Coordinator),
        );
        assert!(authorize(&owner_staff, Action::Create, room(false)).is_allowed());
        assert!(!authorize(&owner_staff, Action::Update, room(false)).is_allowed());
        assert!(authorize(&owner_coordinator, Action::Update, room(false)).is_allowed());
        assert!(authorize(&partner, Action::Create, room(true)).is_allowed());
        assert!(!authorize(&partner, Action::Read, room(false)).is_allowed());
        assert!(!authorize(&partner, Action::Update, room(true)).is_allowed());
        let booking = Resource::RoomBooking {
            municipality: MunicipalityId(1),
            booker: OrgId(2),
        };
        assert!(authorize(&partner, Action::Deactivate, booking).is_allowed());
        assert!(!authorize(&owner_coordinator, Action::Deactivate, booking).is_allowed());
    }
}
