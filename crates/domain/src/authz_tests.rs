//! The policy as a table: who may do what to which record.

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
fn season_plan() {
    const SCHOOL: OrgId = OrgId(30);
    let plan = |m, viewer| Resource::SeasonPlan {
        municipality: m,
        viewer,
    };
    let lib_coord = staff(M1, LIB, 1, &[Role::Coordinator]);
    let bc_coord = staff(M1, BC, 3, &[Role::Coordinator]);
    let lib_staff = staff(M1, LIB, 2, &[Role::Staff]);
    let admin = staff(M1, OrgId(12), 4, &[Role::MunicipalityAdmin]);
    let contact = staff(M1, SCHOOL, 6, &[Role::SchoolContact, Role::Coordinator]);
    let (lib, bc, school) = (OrgKind::Library, OrgKind::CitizenService, OrgKind::School);
    let table = [
        (&lib_coord, Create, plan(M1, lib), Allow),
        (&lib_coord, Update, plan(M1, lib), Allow),
        (&bc_coord, Create, plan(M1, bc), Allow),
        (&admin, Create, plan(M1, OrgKind::Administration), Allow),
        (&lib_staff, Read, plan(M1, lib), Allow),
        (&lib_staff, Create, plan(M1, lib), Deny(MissingRole)),
        (&contact, Read, plan(M1, school), Allow),
        (&contact, Create, plan(M1, school), Deny(OtherOrganisation)),
        (&contact, Update, plan(M1, school), Deny(OtherOrganisation)),
        (&lib_coord, Read, plan(M2, lib), Deny(OtherMunicipality)),
        (&lib_coord, Create, plan(M2, lib), Deny(OtherMunicipality)),
        (&Actor::Anonymous, Read, plan(M1, lib), Deny(NotSignedIn)),
    ];
    for (i, (actor, action, resource, expected)) in table.into_iter().enumerate() {
        assert_eq!(authorize(actor, action, resource), expected, "row {i}");
    }
}

#[test]
fn availability() {
    let of = |m, org, id| Resource::Availability {
        municipality: m,
        org,
        staff: StaffId(id),
    };
    let lib_coord = staff(M1, LIB, 1, &[Role::Coordinator]);
    let lib_staff = staff(M1, LIB, 2, &[Role::Staff]);
    let bc_coord = staff(M1, BC, 3, &[Role::Coordinator]);
    let admin = staff(M1, OrgId(12), 4, &[Role::MunicipalityAdmin]);
    let table = [
        (&lib_staff, Update, of(M1, LIB, 2), Allow),
        (&lib_staff, Read, of(M1, LIB, 2), Allow),
        (&lib_staff, Update, of(M1, LIB, 1), Deny(MissingRole)),
        (&lib_coord, Update, of(M1, LIB, 2), Allow),
        (&bc_coord, Update, of(M1, LIB, 2), Deny(OtherOrganisation)),
        (&bc_coord, Read, of(M1, LIB, 2), Deny(OtherOrganisation)),
        (&admin, Update, of(M1, LIB, 2), Deny(OtherOrganisation)),
        (&lib_coord, Update, of(M2, LIB, 2), Deny(OtherMunicipality)),
        (&Actor::Anonymous, Read, of(M1, LIB, 2), Deny(NotSignedIn)),
    ];
    for (i, (actor, action, resource, expected)) in table.into_iter().enumerate() {
        assert_eq!(authorize(actor, action, resource), expected, "row {i}");
    }
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
    let day = |viewer| Resource::VisitDay {
        municipality: M1,
        viewer,
    };
    let follow_up = |viewer| Resource::FollowUp {
        municipality: M1,
        viewer,
    };
    assert_eq!(authorize(&lib_staff, Update, day(OrgKind::Library)), Allow);
    assert_eq!(
        authorize(&contact, Read, day(school)),
        Deny(OtherOrganisation)
    );
    assert_eq!(
        authorize(&far, Read, day(OrgKind::Library)),
        Deny(OtherMunicipality)
    );
    assert_eq!(
        authorize(&lib_staff, Read, follow_up(OrgKind::Library)),
        Deny(OtherOrganisation)
    );
    assert_eq!(
        authorize(&lib_staff, Read, follow_up(OrgKind::CitizenService)),
        Allow
    );
    let texts = Resource::OrgTexts {
        municipality: M1,
        org: BC,
    };
    let bc_coord = staff(M1, BC, 9, &[Role::Coordinator]);
    assert_eq!(authorize(&contact, Read, texts), Allow);
    assert_eq!(authorize(&bc_coord, Update, texts), Allow);
    assert_eq!(
        authorize(&staff(M1, BC, 10, &[Role::Staff]), Update, texts),
        Deny(MissingRole)
    );
    assert_eq!(
        authorize(&lib_coord, Update, texts),
        Deny(OtherOrganisation)
    );
    assert_eq!(authorize(&far, Read, texts), Deny(OtherMunicipality));
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

#[test]
fn appointments() {
    let appt = |m, org, id: Option<i64>| Resource::Appointment {
        municipality: m,
        org,
        staff: id.map(StaffId),
    };
    let service = |m, org| Resource::AppointmentService {
        municipality: m,
        org,
    };
    let lib_coord = staff(M1, LIB, 1, &[Role::Coordinator]);
    let lib_staff = staff(M1, LIB, 2, &[Role::Staff]);
    let bc_staff = staff(M1, BC, 3, &[Role::Staff]);
    let bc_coord = staff(M1, BC, 4, &[Role::Coordinator]);
    let other = staff(M2, LIB, 5, &[Role::Coordinator]);
    let table = [
        (&lib_staff, ReadPersonal, appt(M1, LIB, Some(2)), Allow),
        (&lib_staff, Update, appt(M1, LIB, Some(2)), Allow),
        (
            &lib_staff,
            ReadPersonal,
            appt(M1, LIB, Some(7)),
            Deny(MissingRole),
        ),
        (
            &lib_staff,
            ReadPersonal,
            appt(M1, LIB, None),
            Deny(MissingRole),
        ),
        (&lib_staff, Create, appt(M1, LIB, None), Allow),
        (&lib_coord, ReadPersonal, appt(M1, LIB, Some(7)), Allow),
        (&lib_coord, ReadPersonal, appt(M1, LIB, None), Allow),
        (
            &bc_coord,
            ReadPersonal,
            appt(M1, LIB, Some(2)),
            Deny(OtherOrganisation),
        ),
        (
            &bc_staff,
            Create,
            appt(M1, LIB, None),
            Deny(OtherOrganisation),
        ),
        (
            &other,
            ReadPersonal,
            appt(M1, LIB, None),
            Deny(OtherMunicipality),
        ),
        (
            &Actor::Anonymous,
            ReadPersonal,
            appt(M1, LIB, None),
            Deny(NotSignedIn),
        ),
        (&lib_staff, Read, service(M1, BC), Allow),
        (&lib_staff, Update, service(M1, LIB), Deny(MissingRole)),
        (&lib_coord, Update, service(M1, LIB), Allow),
        (&lib_coord, Create, service(M1, BC), Deny(OtherOrganisation)),
        (&other, Read, service(M1, LIB), Deny(OtherMunicipality)),
        (
            &bc_coord,
            Update,
            Resource::AppointmentTriage { municipality: M1 },
            Allow,
        ),
        (
            &bc_staff,
            Update,
            Resource::AppointmentTriage { municipality: M1 },
            Deny(MissingRole),
        ),
        (
            &other,
            Update,
            Resource::AppointmentTriage { municipality: M1 },
            Deny(OtherMunicipality),
        ),
    ];
    for (i, (actor, action, resource, expected)) in table.into_iter().enumerate() {
        assert_eq!(authorize(actor, action, resource), expected, "row {i}");
    }
}

#[test]
fn reach_report() {
    let report = |m, org: Option<OrgId>| Resource::Report {
        municipality: m,
        org,
    };
    let lib_coord = staff(M1, LIB, 1, &[Role::Coordinator]);
    let lib_staff = staff(M1, LIB, 2, &[Role::Staff]);
    let admin = staff(M1, BC, 3, &[Role::MunicipalityAdmin]);
    let other = staff(M2, LIB, 4, &[Role::Coordinator, Role::MunicipalityAdmin]);
    let table = [
        (&lib_coord, Read, report(M1, Some(LIB)), Allow),
        (
            &lib_coord,
            Read,
            report(M1, Some(BC)),
            Deny(OtherOrganisation),
        ),
        (&lib_coord, Read, report(M1, None), Deny(MissingRole)),
        (&lib_coord, Update, report(M1, Some(LIB)), Deny(MissingRole)),
        (&lib_staff, Read, report(M1, Some(LIB)), Deny(MissingRole)),
        (&admin, Read, report(M1, None), Allow),
        (&admin, Read, report(M1, Some(LIB)), Allow),
        (&other, Read, report(M1, Some(LIB)), Deny(OtherMunicipality)),
        (&other, Read, report(M1, None), Deny(OtherMunicipality)),
    ];
    for (actor, action, resource, expected) in table {
        assert_eq!(
            authorize(actor, action, resource),
            expected,
            "{actor:?} {action:?} {resource:?}"
        );
    }
}
