//! "Apart, together": the one policy that decides who may do what.
//!
//! Every use case calls [`authorize`] before it touches anything. The policy
//! is a pure function of the actor, the action and the resource, so it is
//! tested as a table.

use crate::ids::{MunicipalityId, OrgId, StaffId};
use crate::org::{OrgKind, Role};

/// A signed-in staff member (or an API token acting as one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffActor {
    pub municipality: MunicipalityId,
    pub org: OrgId,
    pub staff: StaffId,
    pub roles: Vec<Role>,
}

impl StaffActor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Someone without an account, e.g. a citizen on the public pages.
    Anonymous,
    Staff(StaffActor),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    /// Read names and contact details: allowed only where the work needs it,
    /// and every such read is audit-logged.
    ReadPersonal,
    Create,
    Update,
    Deactivate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// Published pages and data: everyone.
    Public,
    /// The organisations of a municipality (the list, and creating new ones).
    Organisations { municipality: MunicipalityId },
    /// One organisation's internal overview.
    Dashboard {
        municipality: MunicipalityId,
        org: OrgId,
    },
    /// The staff records of one organisation.
    Staff {
        municipality: MunicipalityId,
        org: OrgId,
    },
    /// Things that belong to one person only, e.g. their API tokens and
    /// their password.
    OwnAccount { staff: StaffId },
    /// Another staff member's password: `Create` issues a one-time link to
    /// set it, sent to their e-mail. `for_admin` when that person is a
    /// municipality administrator, whose password only another
    /// administrator may reset.
    PasswordLink {
        municipality: MunicipalityId,
        org: OrgId,
        for_admin: bool,
    },
    /// The log of reads of personal data done by one organisation.
    AuditLog {
        municipality: MunicipalityId,
        org: OrgId,
    },
    /// The whole municipality's log of reads of personal data.
    MunicipalityAuditLog { municipality: MunicipalityId },
    /// Outgoing messages sent on behalf of one organisation.
    Outbox {
        municipality: MunicipalityId,
        org: OrgId,
    },
    /// A programme or one of its sessions, as seen by someone whose
    /// organisation is `partner` in it (if it is a partner at all).
    Joint {
        municipality: MunicipalityId,
        owner: OrgId,
        partner: Option<PartnerLevel>,
    },
    /// A school's class and its pupils' names and birth dates, as seen by
    /// staff of an organisation of kind `viewer`: the school itself, and
    /// the library and the citizen service, who run the visit together.
    SchoolClass {
        municipality: MunicipalityId,
        school: OrgId,
        viewer: OrgKind,
    },
    /// A pupil's MitID status: the citizen service's record, which neither
    /// the school nor the library sees.
    PupilMitId {
        municipality: MunicipalityId,
        viewer: OrgKind,
    },
}

/// What a partner organisation may do with a joint programme and its sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PartnerLevel {
    /// Sees that it exists and when.
    View,
    /// Sees what running it needs, such as the participant list, and helps run it.
    Run,
}

impl PartnerLevel {
    pub const ALL: [PartnerLevel; 2] = [PartnerLevel::View, PartnerLevel::Run];

    pub fn as_str(self) -> &'static str {
        match self {
            PartnerLevel::View => "view",
            PartnerLevel::Run => "run",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "view" => Some(PartnerLevel::View),
            "run" => Some(PartnerLevel::Run),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DenyReason {
    NotSignedIn,
    OtherMunicipality,
    OtherOrganisation,
    MissingRole,
    NotOwner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny(DenyReason),
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

fn allow_if(cond: bool, otherwise: DenyReason) -> Decision {
    if cond {
        Decision::Allow
    } else {
        Decision::Deny(otherwise)
    }
}

pub fn authorize(actor: &Actor, action: Action, resource: Resource) -> Decision {
    use Decision::*;
    use DenyReason::*;

    if resource == Resource::Public {
        return allow_if(action == Action::Read, NotSignedIn);
    }
    let Actor::Staff(staff) = actor else {
        return Deny(NotSignedIn);
    };
    let admin = staff.has(Role::MunicipalityAdmin);
    let coordinator_of = |org: OrgId| staff.org == org && staff.has(Role::Coordinator);

    // Nothing crosses a municipality boundary, whatever the role.
    let same_municipality = |m: MunicipalityId| m == staff.municipality;

    match resource {
        Resource::Public => unreachable!("handled above"),
        Resource::OwnAccount { staff: owner } => allow_if(owner == staff.staff, NotOwner),
        Resource::Organisations { municipality } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            match action {
                Action::Read => Allow,
                _ => allow_if(admin, MissingRole),
            }
        }
        Resource::Dashboard { municipality, org } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            match action {
                Action::Read => allow_if(staff.org == org, OtherOrganisation),
                _ => Deny(MissingRole),
            }
        }
        Resource::Staff { municipality, org } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            match action {
                Action::Read | Action::ReadPersonal => {
                    allow_if(staff.org == org || admin, OtherOrganisation)
                }
                Action::Create | Action::Update | Action::Deactivate => {
                    if admin || coordinator_of(org) {
                        Allow
                    } else if staff.org != org {
                        Deny(OtherOrganisation)
                    } else {
                        Deny(MissingRole)
                    }
                }
            }
        }
        Resource::PasswordLink {
            municipality,
            org,
            for_admin,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            if action != Action::Create {
                return Deny(MissingRole);
            }
            if for_admin {
                allow_if(admin, MissingRole)
            } else if admin || coordinator_of(org) {
                Allow
            } else if staff.org != org {
                Deny(OtherOrganisation)
            } else {
                Deny(MissingRole)
            }
        }
        Resource::AuditLog { municipality, org } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            if staff.org != org {
                return Deny(OtherOrganisation);
            }
            allow_if(action == Action::Read && coordinator_of(org), MissingRole)
        }
        Resource::MunicipalityAuditLog { municipality } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            allow_if(action == Action::Read && admin, MissingRole)
        }
        Resource::Outbox { municipality, org } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            if staff.org != org {
                return Deny(OtherOrganisation);
            }
            allow_if(
                matches!(action, Action::Read | Action::ReadPersonal),
                MissingRole,
            )
        }
        Resource::Joint {
            municipality,
            owner,
            partner,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            let own = staff.org == owner;
            match action {
                Action::Read => allow_if(own || partner.is_some(), OtherOrganisation),
                // Participant lists, check-in, phone sign-up: the owner and `run` partners.
                Action::ReadPersonal | Action::Update => {
                    allow_if(own || partner == Some(PartnerLevel::Run), OtherOrganisation)
                }
                // Creating and cancelling: the owner's coordinators.
                Action::Create | Action::Deactivate => {
                    if coordinator_of(owner) {
                        Allow
                    } else if own {
                        Deny(MissingRole)
                    } else {
                        Deny(OtherOrganisation)
                    }
                }
            }
        }
        Resource::SchoolClass {
            municipality,
            school,
            viewer,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            let own = staff.org == school;
            let runs_visits = matches!(viewer, OrgKind::Library | OrgKind::CitizenService);
            match action {
                Action::Read => allow_if(own || runs_visits || admin, OtherOrganisation),
                Action::ReadPersonal => allow_if(own || runs_visits, OtherOrganisation),
                // Class lists: the school's contact or coordinator, and the
                // coordinators who plan the visits.
                Action::Create | Action::Update | Action::Deactivate => {
                    let school_side =
                        own && (staff.has(Role::SchoolContact) || staff.has(Role::Coordinator));
                    let planner = runs_visits && staff.has(Role::Coordinator);
                    if school_side || planner {
                        Allow
                    } else if own || runs_visits {
                        Deny(MissingRole)
                    } else {
                        Deny(OtherOrganisation)
                    }
                }
            }
        }
        Resource::PupilMitId {
            municipality,
            viewer,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            allow_if(viewer == OrgKind::CitizenService, OtherOrganisation)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Decision::*;
    use DenyReason::*;

    const M1: MunicipalityId = MunicipalityId(1);
    const M2: MunicipalityId = MunicipalityId(2);
    const LIB: OrgId = OrgId(10);
    const BC: OrgId = OrgId(11);

    fn staff(m: MunicipalityId, org: OrgId, id: i64, roles: &[Role]) -> Actor {
        Actor::Staff(StaffActor {
            municipality: m,
            org,
            staff: StaffId(id),
            roles: roles.to_vec(),
        })
    }

    #[test]
    fn school_classes() {
        const SCHOOL: OrgId = OrgId(30);
        const OTHER_SCHOOL: OrgId = OrgId(31);
        let class = |viewer| Resource::SchoolClass {
            municipality: M1,
            school: SCHOOL,
            viewer,
        };
        let contact = staff(M1, SCHOOL, 6, &[Role::SchoolContact]);
        let other_contact = staff(M1, OTHER_SCHOOL, 7, &[Role::SchoolContact]);
        let lib_staff = staff(M1, LIB, 2, &[Role::Staff]);
        let lib_coord = staff(M1, LIB, 1, &[Role::Coordinator]);
        let admin = staff(M1, OrgId(12), 4, &[Role::MunicipalityAdmin]);
        let far = staff(M2, SCHOOL, 8, &[Role::SchoolContact, Role::Coordinator]);
        let school = OrgKind::School;
        let table = [
            (&contact, Read, class(school), Allow),
            (&contact, ReadPersonal, class(school), Allow),
            (&contact, Update, class(school), Allow),
            (&other_contact, Read, class(school), Deny(OtherOrganisation)),
            (
                &other_contact,
                ReadPersonal,
                class(school),
                Deny(OtherOrganisation),
            ),
            (
                &other_contact,
                Update,
                class(school),
                Deny(OtherOrganisation),
            ),
            (&lib_staff, ReadPersonal, class(OrgKind::Library), Allow),
            (
                &lib_staff,
                Update,
                class(OrgKind::Library),
                Deny(MissingRole),
            ),
            (&lib_coord, Update, class(OrgKind::Library), Allow),
            (&admin, Read, class(OrgKind::Administration), Allow),
            (
                &admin,
                ReadPersonal,
                class(OrgKind::Administration),
                Deny(OtherOrganisation),
            ),
            (&far, Read, class(school), Deny(OtherMunicipality)),
            (&Actor::Anonymous, Read, class(school), Deny(NotSignedIn)),
        ];
        for (i, (actor, action, resource, expected)) in table.into_iter().enumerate() {
            assert_eq!(authorize(actor, action, resource), expected, "row {i}");
        }
        let mitid = |viewer| Resource::PupilMitId {
            municipality: M1,
            viewer,
        };
        assert_eq!(
            authorize(&contact, Read, mitid(school)),
            Deny(OtherOrganisation)
        );
        assert_eq!(
            authorize(&lib_staff, Read, mitid(OrgKind::Library)),
            Deny(OtherOrganisation)
        );
        let bc = staff(M1, BC, 3, &[Role::Staff]);
        assert_eq!(
            authorize(&bc, Update, mitid(OrgKind::CitizenService)),
            Allow
        );
        assert_eq!(
            authorize(&far, Read, mitid(OrgKind::CitizenService)),
            Deny(OtherMunicipality)
        );
    }

    #[test]
    fn policy_table() {
        let lib_coord = staff(M1, LIB, 1, &[Role::Coordinator]);
        let lib_staff = staff(M1, LIB, 2, &[Role::Staff]);
        let bc_coord = staff(M1, BC, 3, &[Role::Coordinator]);
        let admin = staff(M1, OrgId(12), 4, &[Role::MunicipalityAdmin]);
        let other_admin = staff(
            M2,
            OrgId(20),
            5,
            &[Role::MunicipalityAdmin, Role::Coordinator],
        );
        let anon = Actor::Anonymous;

        let lib_staff_rec = Resource::Staff {
            municipality: M1,
            org: LIB,
        };
        let orgs = Resource::Organisations { municipality: M1 };
        let lib_audit = Resource::AuditLog {
            municipality: M1,
            org: LIB,
        };
        let all_audit = Resource::MunicipalityAuditLog { municipality: M1 };
        let lib_outbox = Resource::Outbox {
            municipality: M1,
            org: LIB,
        };
        let lib_dash = Resource::Dashboard {
            municipality: M1,
            org: LIB,
        };

        let table: Vec<(&Actor, Action, Resource, Decision)> = vec![
            (&anon, Read, Resource::Public, Allow),
            (&anon, Create, Resource::Public, Deny(NotSignedIn)),
            (&anon, Read, lib_dash, Deny(NotSignedIn)),
            (&anon, Read, lib_staff_rec, Deny(NotSignedIn)),
            (&lib_coord, Read, lib_dash, Allow),
            (&lib_staff, Read, lib_dash, Allow),
            (&bc_coord, Read, lib_dash, Deny(OtherOrganisation)),
            (&other_admin, Read, lib_dash, Deny(OtherMunicipality)),
            (&lib_coord, Create, lib_staff_rec, Allow),
            (&lib_coord, Deactivate, lib_staff_rec, Allow),
            (&lib_staff, Read, lib_staff_rec, Allow),
            (&lib_staff, Create, lib_staff_rec, Deny(MissingRole)),
            (&lib_staff, Update, lib_staff_rec, Deny(MissingRole)),
            (&bc_coord, Create, lib_staff_rec, Deny(OtherOrganisation)),
            (
                &bc_coord,
                ReadPersonal,
                lib_staff_rec,
                Deny(OtherOrganisation),
            ),
            (&admin, Create, lib_staff_rec, Allow),
            (&other_admin, Create, lib_staff_rec, Deny(OtherMunicipality)),
            (&other_admin, Read, lib_staff_rec, Deny(OtherMunicipality)),
            (&lib_staff, Read, orgs, Allow),
            (&lib_coord, Create, orgs, Deny(MissingRole)),
            (&admin, Create, orgs, Allow),
            (&other_admin, Create, orgs, Deny(OtherMunicipality)),
            (&lib_coord, Read, lib_audit, Allow),
            (&lib_staff, Read, lib_audit, Deny(MissingRole)),
            (&bc_coord, Read, lib_audit, Deny(OtherOrganisation)),
            (&admin, Read, lib_audit, Deny(OtherOrganisation)),
            (&admin, Read, all_audit, Allow),
            (&admin, Update, all_audit, Deny(MissingRole)),
            (&other_admin, Read, all_audit, Deny(OtherMunicipality)),
            (&lib_coord, Read, all_audit, Deny(MissingRole)),
            (&anon, Read, all_audit, Deny(NotSignedIn)),
            (&lib_staff, Read, lib_outbox, Allow),
            (&bc_coord, Read, lib_outbox, Deny(OtherOrganisation)),
            (
                &lib_staff,
                Create,
                Resource::OwnAccount { staff: StaffId(2) },
                Allow,
            ),
            (
                &lib_coord,
                Read,
                Resource::OwnAccount { staff: StaffId(2) },
                Deny(NotOwner),
            ),
        ];
        let joint = |partner| Resource::Joint {
            municipality: M1,
            owner: LIB,
            partner,
        };
        let partner_staff = staff(M1, OrgId(13), 6, &[Role::Staff]);
        let view = Some(PartnerLevel::View);
        let run = Some(PartnerLevel::Run);
        let joint_rows: Vec<(&Actor, Action, Resource, Decision)> = vec![
            (&lib_staff, Read, joint(None), Allow),
            (&lib_staff, ReadPersonal, joint(None), Allow),
            (&lib_staff, Deactivate, joint(None), Deny(MissingRole)),
            (&lib_coord, Deactivate, joint(None), Allow),
            (&partner_staff, Read, joint(None), Deny(OtherOrganisation)),
            (&partner_staff, Read, joint(view), Allow),
            (
                &partner_staff,
                ReadPersonal,
                joint(view),
                Deny(OtherOrganisation),
            ),
            (&partner_staff, ReadPersonal, joint(run), Allow),
            (&partner_staff, Update, joint(run), Allow),
            (&partner_staff, Create, joint(run), Deny(OtherOrganisation)),
            (&other_admin, Read, joint(run), Deny(OtherMunicipality)),
            (&anon, Read, joint(None), Deny(NotSignedIn)),
        ];
        let link = |org, for_admin| Resource::PasswordLink {
            municipality: M1,
            org,
            for_admin,
        };
        let own = |id| Resource::OwnAccount { staff: StaffId(id) };
        let password_rows: Vec<(&Actor, Action, Resource, Decision)> = vec![
            // Changing one's own password: only one's own.
            (&lib_staff, Update, own(2), Allow),
            (&lib_coord, Update, own(2), Deny(NotOwner)),
            (&admin, Update, own(2), Deny(NotOwner)),
            (&anon, Update, own(2), Deny(NotSignedIn)),
            // A set-password link: the organisation's coordinators and the admin.
            (&lib_coord, Create, link(LIB, false), Allow),
            (&lib_staff, Create, link(LIB, false), Deny(MissingRole)),
            (&bc_coord, Create, link(LIB, false), Deny(OtherOrganisation)),
            (&admin, Create, link(LIB, false), Allow),
            (
                &other_admin,
                Create,
                link(LIB, false),
                Deny(OtherMunicipality),
            ),
            (&anon, Create, link(LIB, false), Deny(NotSignedIn)),
            (&lib_coord, Read, link(LIB, false), Deny(MissingRole)),
            // An administrator's password: only another administrator.
            (&lib_coord, Create, link(LIB, true), Deny(MissingRole)),
            (&admin, Create, link(LIB, true), Allow),
            (
                &other_admin,
                Create,
                link(LIB, true),
                Deny(OtherMunicipality),
            ),
        ];
        let table = table.into_iter().chain(joint_rows).chain(password_rows);
        for (i, (actor, action, resource, expected)) in table.enumerate() {
            assert_eq!(
                authorize(actor, action, resource),
                expected,
                "row {i}: {actor:?} {action:?} {resource:?}"
            );
        }
    }
}
