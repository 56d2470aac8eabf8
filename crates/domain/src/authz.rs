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
    Organisations {
        municipality: MunicipalityId,
    },
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
    OwnAccount {
        staff: StaffId,
    },
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
    MunicipalityAuditLog {
        municipality: MunicipalityId,
    },
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
    /// An organisation's own texts for others, e.g. the citizen service's
    /// "what to bring for MitID": everyone in the municipality reads them,
    /// the organisation's coordinators write them.
    OrgTexts {
        municipality: MunicipalityId,
        org: OrgId,
    },
    /// A pupil's MitID status: the citizen service's record, which neither
    /// the school nor the library sees.
    PupilMitId {
        municipality: MunicipalityId,
        viewer: OrgKind,
    },
    /// The season plan of class visits and the school calendar it follows,
    /// as seen by staff of an organisation of kind `viewer`: the
    /// coordinators of the library and the citizen service (who run the
    /// visits) and the administration plan and confirm; others may read
    /// the calendar.
    SeasonPlan {
        municipality: MunicipalityId,
        viewer: OrgKind,
    },
    /// One staff member's availability (weekly hours and exceptions): the
    /// person themself, and their own organisation's coordinators.
    Availability {
        municipality: MunicipalityId,
        org: OrgId,
        staff: StaffId,
    },
    /// What the visit day records of a class's pupils (attended, questions
    /// asked, a parent's e-mail with consent) and its run sheet: the library
    /// and the citizen service, who run the visit; not the school.
    VisitDay {
        municipality: MunicipalityId,
        viewer: OrgKind,
    },
    /// The pupils who soon turn 15, and the messages to their parents: the
    /// citizen service's follow-up.
    FollowUp {
        municipality: MunicipalityId,
        viewer: OrgKind,
    },
    /// A room: the staff of its owner and of the organisations given
    /// access (`access`) see and book it (`Read`, `Create`); the owner's
    /// coordinators define it and answer approval requests (`Update`).
    Room {
        municipality: MunicipalityId,
        owner: OrgId,
        access: bool,
    },
    /// One room booking: the staff of the organisation that booked it
    /// cancel it (`Deactivate`).
    RoomBooking {
        municipality: MunicipalityId,
        booker: OrgId,
    },
    /// A referral of a citizen from `sender` to `receiver`: the sender's
    /// staff make it (`Create`) and read its status (`Read`); only the
    /// receiver's staff read the case (`ReadPersonal`) and set its status
    /// (`Update`).
    Referral {
        municipality: MunicipalityId,
        sender: OrgId,
        receiver: OrgId,
    },
    /// An organisation's appointment services (length, staff, rules): the
    /// municipality's staff read them, the organisation's coordinators edit.
    AppointmentService {
        municipality: MunicipalityId,
        org: OrgId,
    },
    /// The guided question's mapping of topics to services: the
    /// municipality's staff read it, any coordinator edits it.
    AppointmentTriage {
        municipality: MunicipalityId,
    },
    /// Appointments of an organisation's service, with the citizen's name
    /// and contact: the staff member giving one (`staff`) and the
    /// organisation's coordinators read and mark them; the organisation's
    /// staff book on a citizen's behalf (`Create`).
    Appointment {
        municipality: MunicipalityId,
        org: OrgId,
        staff: Option<StaffId>,
    },
    /// Citizens' ideas, a person's own data at the desk, the retention
    /// periods (issue 13): decided by `ideas::decide`.
    Ideas {
        municipality: MunicipalityId,
    },
    OwnData {
        municipality: MunicipalityId,
    },
    RetentionSettings {
        municipality: MunicipalityId,
    },
    /// An organisation's reach report (its own and its joint figures): its
    /// coordinators and the municipality's administrators; `org: None` is
    /// every organisation, for the administrators only.
    Report {
        municipality: MunicipalityId,
        org: Option<OrgId>,
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
        Resource::OrgTexts { municipality, org } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            match action {
                Action::Read => Allow,
                _ if coordinator_of(org) => Allow,
                _ if staff.org == org => Deny(MissingRole),
                _ => Deny(OtherOrganisation),
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
        Resource::SeasonPlan {
            municipality,
            viewer,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            let runs_visits = matches!(viewer, OrgKind::Library | OrgKind::CitizenService);
            match action {
                Action::Read => Allow,
                _ if admin || (runs_visits && staff.has(Role::Coordinator)) => Allow,
                _ if runs_visits => Deny(MissingRole),
                _ => Deny(OtherOrganisation),
            }
        }
        Resource::Availability {
            municipality,
            org,
            staff: owner,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            if owner == staff.staff || coordinator_of(org) {
                Allow
            } else if staff.org == org {
                Deny(MissingRole)
            } else {
                Deny(OtherOrganisation)
            }
        }
        Resource::VisitDay {
            municipality,
            viewer,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            allow_if(
                matches!(viewer, OrgKind::Library | OrgKind::CitizenService),
                OtherOrganisation,
            )
        }
        Resource::FollowUp {
            municipality,
            viewer,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            allow_if(viewer == OrgKind::CitizenService, OtherOrganisation)
        }
        Resource::Room {
            municipality,
            owner,
            access,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            let own = staff.org == owner;
            match action {
                Action::Read | Action::Create => allow_if(own || access, OtherOrganisation),
                Action::Update | Action::Deactivate | Action::ReadPersonal => {
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
        Resource::RoomBooking {
            municipality,
            booker,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            allow_if(staff.org == booker, OtherOrganisation)
        }
        Resource::Referral {
            municipality,
            sender,
            receiver,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            match action {
                Action::Create => allow_if(staff.org == sender, OtherOrganisation),
                Action::Read => allow_if(
                    staff.org == sender || staff.org == receiver,
                    OtherOrganisation,
                ),
                Action::ReadPersonal | Action::Update => {
                    allow_if(staff.org == receiver, OtherOrganisation)
                }
                Action::Deactivate => Deny(MissingRole),
            }
        }
        Resource::AppointmentService { municipality, org } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            match action {
                Action::Read => Allow,
                _ if coordinator_of(org) => Allow,
                _ if staff.org == org => Deny(MissingRole),
                _ => Deny(OtherOrganisation),
            }
        }
        Resource::AppointmentTriage { municipality } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            match action {
                Action::Read => Allow,
                _ => allow_if(staff.has(Role::Coordinator) || admin, MissingRole),
            }
        }
        Resource::Appointment {
            municipality,
            org,
            staff: giver,
        } => {
            if !same_municipality(municipality) {
                return Deny(OtherMunicipality);
            }
            if staff.org != org {
                return Deny(OtherOrganisation);
            }
            match action {
                Action::Create => Allow,
                Action::Deactivate => Deny(MissingRole),
                _ => allow_if(
                    giver == Some(staff.staff) || staff.has(Role::Coordinator),
                    MissingRole,
                ),
            }
        }
        Resource::Ideas { .. } | Resource::OwnData { .. } | Resource::RetentionSettings { .. } => {
            crate::ideas::decide(staff, action, resource)
        }
        Resource::Report { municipality, org } => {
            crate::reach::decide(staff, action, municipality, org)
        }
    }
}

#[cfg(test)]
#[path = "authz_tests.rs"]
mod tests;
