//! Every store query by a child id (session, registration, programme,
//! staff, agenda item) is confined to the scope it is given: with another
//! municipality's scope, a right id finds nothing and changes nothing.

use crate::support::TestApp;
use samvirke_domain::{Attendance, StaffId};
use samvirke_store::sessions as q;
use samvirke_store::{Scope, staff};

#[tokio::test]
async fn child_ids_of_another_municipality_find_nothing() {
    let app = TestApp::spawn().await;
    let (db, now) = (&app.core.db, app.core.now());
    let home = Scope::new(app.dragoer);
    let other = Scope::new(app.taarnby);
    let p = q::programme_by_title(&db.read, home, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let filter = q::SessionFilter {
        from: None,
        to: None,
        programme_id: Some(p.id),
        site_id: None,
        public_only: false,
        include_cancelled: true,
    };
    let s = q::sessions(&db.read, home, &filter).await.unwrap()[0].clone();
    let regs = q::registrations(&db.read, home, s.id).await.unwrap();
    let reg = regs.first().expect("the demo signs people up").clone();
    let agenda = q::agenda(&db.read, home, p.id).await.unwrap();
    let item = agenda.first().expect("the demo has an agenda").clone();
    let assigned = q::assignments(&db.read, home, &[s.id]).await.unwrap();
    let person = assigned
        .first()
        .expect("the demo staffs its sessions")
        .staff_id;
    // What the rows look like before: nothing below may change them.
    assert!(
        !q::partners(&db.read, home, &[p.id])
            .await
            .unwrap()
            .is_empty()
    );

    // Reads find nothing.
    assert!(q::session(&db.read, other, s.id).await.unwrap().is_none());
    assert!(q::programme(&db.read, other, p.id).await.unwrap().is_none());
    assert!(
        q::registration(&db.read, other, reg.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        q::registrations(&db.read, other, s.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(q::agenda(&db.read, other, p.id).await.unwrap().is_empty());
    assert!(
        q::partners(&db.read, other, &[p.id])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        q::assignments(&db.read, other, &[s.id])
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        q::waitlist_place(&db.read, other, s.id, i32::MAX)
            .await
            .unwrap(),
        1
    );
    assert!(
        staff::get(&db.read, other, StaffId(person))
            .await
            .unwrap()
            .is_none()
    );

    // Writes change nothing (or refuse).
    let w = &db.write;
    assert!(!q::take_seat(w, other, s.id).await.unwrap());
    assert_eq!(
        q::join_waitlist_if_full(w, other, s.id).await.unwrap(),
        None
    );
    q::lock_session(w, other, s.id).await.unwrap();
    q::release_seat(w, other, s.id).await.unwrap();
    q::waitlist_departure(w, other, s.id).await.unwrap();
    assert!(!q::claim_reminder(w, other, s.id, now).await.unwrap());
    assert!(!q::cancel_session(w, other, s.id, now).await.unwrap());
    assert!(!q::mark_cancelled(w, other, reg.id, now).await.unwrap());
    assert!(
        q::promote_first(w, other, s.id, now)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        !q::set_attendance(w, other, reg.id, Some(Attendance::NoShow))
            .await
            .unwrap()
    );
    q::unassign_staff(w, other, s.id, item.id, person)
        .await
        .unwrap();
    assert!(
        q::assign_staff(w, other, s.id, item.id, person)
            .await
            .is_err()
    );
    assert!(
        q::add_partner(
            w,
            other,
            p.id,
            samvirke_domain::OrgId(1),
            samvirke_domain::PartnerLevel::View
        )
        .await
        .is_err()
    );
    assert!(
        staff::set_competences(w, other, StaffId(person), &[])
            .await
            .is_err()
    );

    // The rows are as they were.
    let after = q::session(&db.read, home, s.id).await.unwrap().unwrap();
    assert_eq!(after, s);
    assert_eq!(q::registrations(&db.read, home, s.id).await.unwrap(), regs);
    assert_eq!(
        q::assignments(&db.read, home, &[s.id]).await.unwrap(),
        assigned
    );
    assert_eq!(q::agenda(&db.read, home, p.id).await.unwrap(), agenda);

    // The same calls with the right scope do act.
    assert_eq!(
        q::take_seat(w, home, s.id).await.unwrap(),
        s.taken < s.capacity
    );
    assert!(q::cancel_session(w, home, s.id, now).await.unwrap());
    assert!(q::set_attendance(w, home, reg.id, None).await.unwrap());
}
