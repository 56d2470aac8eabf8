//! Organisations and the roles their staff hold.

use serde::{Deserialize, Serialize};

/// What kind of organisation a record belongs to. The kind decides some
/// rules, e.g. only citizen-service staff may issue MitID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Library,
    CitizenService,
    School,
    Partner,
    SocialServices,
    /// The municipality's own administration (where its admins sit).
    Administration,
}

impl OrgKind {
    pub const ALL: [OrgKind; 6] = [
        OrgKind::Library,
        OrgKind::CitizenService,
        OrgKind::School,
        OrgKind::Partner,
        OrgKind::SocialServices,
        OrgKind::Administration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Library => "library",
            OrgKind::CitizenService => "citizen_service",
            OrgKind::School => "school",
            OrgKind::Partner => "partner",
            OrgKind::SocialServices => "social_services",
            OrgKind::Administration => "administration",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A staff member's role. A person holds one or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Creates organisations and their coordinators for the municipality.
    MunicipalityAdmin,
    /// Runs one organisation: its staff, programmes, reports.
    Coordinator,
    /// Runs sessions, checks people in, books rooms.
    Staff,
    /// A teacher who agrees class visits for a school.
    SchoolContact,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::MunicipalityAdmin,
        Role::Coordinator,
        Role::Staff,
        Role::SchoolContact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::MunicipalityAdmin => "municipality_admin",
            Role::Coordinator => "coordinator",
            Role::Staff => "staff",
            Role::SchoolContact => "school_contact",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles are stored as one comma-separated column.
    pub fn parse_list(s: &str) -> Vec<Role> {
        let mut roles: Vec<Role> = s.split(',').filter_map(|p| Role::parse(p.trim())).collect();
        roles.sort();
        roles.dedup();
        roles
    }

    pub fn join_list(roles: &[Role]) -> String {
        let mut roles = roles.to_vec();
        roles.sort();
        roles.dedup();
        roles
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A competence may be reserved for one kind of organisation.
/// Returns true when staff of `org` may hold a competence restricted to `only_for`.
pub fn competence_allowed(only_for: Option<OrgKind>, org: OrgKind) -> bool {
    only_for.is_none_or(|k| k == org)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_sorted_and_unique() {
        let list = Role::join_list(&[Role::Staff, Role::Coordinator, Role::Staff]);
        assert_eq!(list, "coordinator,staff");
        assert_eq!(
            Role::parse_list(&list),
            vec![Role::Coordinator, Role::Staff]
        );
        assert_eq!(Role::parse_list("bogus, staff"), vec![Role::Staff]);
    }

    #[test]
    fn mitid_competence_only_at_citizen_service() {
        let mitid = Some(OrgKind::CitizenService);
        assert!(competence_allowed(mitid, OrgKind::CitizenService));
        assert!(!competence_allowed(mitid, OrgKind::Library));
        assert!(competence_allowed(None, OrgKind::Library));
    }

    #[test]
    fn kinds_parse_back() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(OrgKind::parse("bank"), None);
    }
}
