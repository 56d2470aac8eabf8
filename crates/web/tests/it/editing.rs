//! Editing what was planned: a session's time, place, seats and sign-up
//! window, and a programme's texts, partners and agenda; who may, and who is
//! told.

use crate::support::{NewSession, TestApp, api_sign_up, demo_session};
use axum::http::StatusCode;
use samvirke_domain::OrgId;
use samvirke_store::sessions as q;
use samvirke_store::{Scope, orgs};
use serde_json::json;

const COORDINATOR: &str = "bibliotek@dragoer.demo";

/// Signs up by the API, which must succeed; its answer.
async fn sign_up(app: &TestApp, id: i64, body: serde_json::Value) -> serde_json::Value {
    let (status, body) = api_sign_up(app, id, body).await;
    assert!(status.is_success(), "{body}");
    body
}

async fn site_id(app: &TestApp, name: &str) -> String {
    orgs::site_by_name(&app.core.db.read, Scope::new(app.dragoer), name)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

/// The form as the session stands, with `changes` on top.
fn form<'a>(site: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("date", "9.12.2026"),
        ("start", "10.00"),
        ("end", "12.00"),
        ("site", site),
        ("capacity", "10"),
        ("public", "yes"),
        ("opens_date", "29.11.2026"),
        ("opens_time", "09.00"),
        ("closes_date", "8.12.2026"),
        ("closes_time", "10.00"),
    ];
    for (k, v) in changes {
        f.retain(|(x, _)| x != k);
        f.push((k, v));
    }
    f
}

async fn mail_to(app: &TestApp) -> Vec<samvirke_store::entity::outbox::Model> {
    samvirke_store::outbox::list_for_org(
        &app.core.db.read,
        Scope::new(app.dragoer),
        OrgId(app.org_id(app.dragoer, "Dragør Bibliotek").await),
        100,
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn a_new_time_is_mailed_to_those_with_email_and_the_rest_are_on_the_call_list() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(10)).await;
    sign_up(
        &app,
        id,
        json!({"name": "Med Mail", "email": "mail@example.dk"}),
    )
    .await;
    sign_up(
        &app,
        id,
        json!({"name": "Kun Telefon", "phone": "20304050"}),
    )
    .await;
    let library = site_id(&app, "Dragør Bibliotek").await;
    let mut coord = app.login(COORDINATOR).await;
    let page = coord.get(&format!("/sessions/{id}")).await;
    assert!(page.text.contains(&format!("href=\"/sessions/{id}/ret\"")));
    let page = coord.get(&format!("/sessions/{id}/ret")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("value=\"9.12.2026\"") && page.text.contains("value=\"10.00\""));

    let before = mail_to(&app).await.len();
    let res = coord
        .post_form(
            &format!("/sessions/{id}/ret"),
            &form(&library, &[("start", "13.00"), ("end", "15:00")]),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(
        res.location(),
        format!("/sessions/{id}?notice=session-changed-phone")
    );
    let page = coord.get(res.location()).await;
    assert!(page.text.contains("ringelisten"));
    let s = q::session(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.starts_at.to_rfc3339(), "2026-12-09T12:00:00+00:00");
    let mail = mail_to(&app).await;
    let moved: Vec<_> = mail
        .iter()
        .filter(|m| m.subject.starts_with("Ny tid eller nyt sted"))
        .collect();
    assert_eq!(mail.len() - before, 1);
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].recipient, "mail@example.dk");
    assert!(
        moved[0].body.contains("onsdag 9. december kl. 13.00–15.00"),
        "{}",
        moved[0].body
    );
    assert!(
        moved[0].body.contains("kl. 10.00–12.00"),
        "the old time too"
    );

    let calls = coord.get(&format!("/sessions/{id}/ringeliste")).await;
    assert!(calls.text.contains("Kun Telefon") && !calls.text.contains("Med Mail"));

    // Only the seats change: nobody is told.
    let res = coord
        .post_form(
            &format!("/sessions/{id}/ret"),
            &form(
                &library,
                &[("start", "13.00"), ("end", "15.00"), ("capacity", "12")],
            ),
        )
        .await;
    assert_eq!(
        res.location(),
        format!("/sessions/{id}?notice=session-changed")
    );
    assert_eq!(mail_to(&app).await.len(), mail.len());
}

#[tokio::test]
async fn fewer_seats_than_taken_and_bad_dates_are_refused_with_what_was_typed() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(5)).await;
    for n in 0..3 {
        sign_up(&app, id, json!({"name": format!("Deltager {n}")})).await;
    }
    let library = site_id(&app, "Dragør Bibliotek").await;
    let mut coord = app.login(COORDINATOR).await;
    let res = coord
        .post_form(
            &format!("/sessions/{id}/ret"),
            &form(&library, &[("capacity", "2"), ("start", "11.30")]),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text
            .contains("Der er allerede 3 tilmeldte. Du kan ikke sætte pladserne lavere."),
        "{}",
        res.text
    );
    assert!(res.text.contains("<title>Fejl:"));
    assert!(res.text.contains("href=\"#capacity\""));
    assert!(res.text.contains("value=\"11.30\"") && res.text.contains("value=\"2\""));
    let s = q::session(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.capacity, s.taken), (5, 3));

    for (changes, field) in [
        (vec![("date", "9.12.2101")], "date"),
        (vec![("date", "9.12.1999")], "date"),
        (vec![("end", "09.00")], "end"),
        (vec![("closes_date", "10.12.2026")], "closes_date"),
        (vec![("opens_date", "9.12.2026")], "closes_date"),
        (vec![("capacity", "0")], "capacity"),
        (vec![("start", "25.00")], "start"),
    ] {
        let res = coord
            .post_form(&format!("/sessions/{id}/ret"), &form(&library, &changes))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{changes:?}");
        assert!(
            res.text.contains(&format!("href=\"#{field}\"")),
            "{changes:?}: {}",
            res.text
        );
        assert!(res.text.contains(&format!("value=\"{}\"", changes[0].1)));
    }
    let after = q::session(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after, s, "nothing changed");
}

#[tokio::test]
async fn more_seats_promote_the_waiting_list_in_order() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(1)).await;
    sign_up(&app, id, json!({"name": "Har Plads"})).await;
    for (name, email) in [
        ("Først I Kø", "forst@example.dk"),
        ("Anden I Kø", "anden@example.dk"),
        ("Tredje I Kø", "tredje@example.dk"),
    ] {
        let r = sign_up(&app, id, json!({"name": name, "email": email})).await;
        assert_eq!(r["status"], "waitlisted", "{r}");
    }
    let library = site_id(&app, "Dragør Bibliotek").await;
    let mut coord = app.login(COORDINATOR).await;
    let res = coord
        .post_form(
            &format!("/sessions/{id}/ret"),
            &form(&library, &[("capacity", "3")]),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let scope = Scope::new(app.dragoer);
    let s = q::session(&app.core.db.read, scope, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.capacity, s.taken), (3, 3));
    assert_eq!(s.waitlist_seq - s.waitlist_left, 1);
    let regs = q::registrations(&app.core.db.read, scope, id)
        .await
        .unwrap();
    let status = |name: &str| {
        regs.iter()
            .find(|r| r.name == name)
            .map(|r| r.status.clone())
            .unwrap()
    };
    assert_eq!(status("Først I Kø"), "confirmed");
    assert_eq!(status("Anden I Kø"), "confirmed");
    assert_eq!(status("Tredje I Kø"), "waitlisted");
    let mail = mail_to(&app).await;
    let promoted: Vec<&str> = mail
        .iter()
        .filter(|m| m.subject.starts_with("Du har fået en plads"))
        .map(|m| m.recipient.as_str())
        .collect();
    assert_eq!(promoted.len(), 2);
    assert!(promoted.contains(&"forst@example.dk") && promoted.contains(&"anden@example.dk"));

    // More seats than people: the rest stay free, nobody is overbooked.
    let res = coord
        .post_form(
            &format!("/sessions/{id}/ret"),
            &form(&library, &[("capacity", "10")]),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let s = q::session(&app.core.db.read, scope, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.capacity, s.taken), (10, 4));
    assert_eq!(s.waitlist_seq, s.waitlist_left);
    // And a sign-up now takes a seat at once.
    let r = sign_up(&app, id, json!({"name": "Ny Deltager"})).await;
    assert_eq!(r["status"], "confirmed");
}

#[tokio::test]
async fn only_the_owners_coordinators_edit_a_session() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(10)).await;
    let library = site_id(&app, "Dragør Bibliotek").await;
    let path = format!("/sessions/{id}/ret");
    for who in [
        "aktivitetshus-leder@dragoer.demo",
        "aktivitetshus@dragoer.demo",
        "bibliotekar@dragoer.demo",
        "social-leder@dragoer.demo",
    ] {
        let mut c = app.login(who).await;
        assert_eq!(c.get(&path).await.status, StatusCode::FORBIDDEN, "{who}");
        let res = c
            .post_form(&path, &form(&library, &[("capacity", "1")]))
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
        let page = c.get(&format!("/sessions/{id}")).await;
        assert!(!page.text.contains(&format!("href=\"{path}\"")), "{who}");
    }
    let mut other = app.login(crate::support::OTHER_COORDINATOR).await;
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.post_form(&path, &form(&library, &[])).await.status,
        StatusCode::NOT_FOUND
    );
    let s = q::session(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.capacity, 10);
}

/// The edit form's fields for the programme's agenda as it is, each row
/// numbered in its present place.
async fn agenda_fields(app: &TestApp, programme_id: i64) -> Vec<(String, String)> {
    let agenda = q::agenda(&app.core.db.read, Scope::new(app.dragoer), programme_id)
        .await
        .unwrap();
    let mut f = Vec::new();
    for (n, a) in agenda.iter().enumerate() {
        f.push((format!("agenda-{n}-id"), a.id.to_string()));
        f.push((format!("agenda-{n}-pos"), (n + 1).to_string()));
        f.push((format!("agenda-{n}-title"), a.title.clone()));
        f.push((format!("agenda-{n}-minutes"), a.minutes.to_string()));
        f.push((format!("agenda-{n}-org"), a.organisation_id.to_string()));
        let comp = a.competence_id.map(|c| c.to_string()).unwrap_or_default();
        f.push((format!("agenda-{n}-competence"), comp));
    }
    f
}

fn set(f: &mut Vec<(String, String)>, k: &str, v: &str) {
    f.retain(|(x, _)| x != k);
    f.push((k.to_string(), v.to_string()));
}

#[tokio::test]
async fn coordinator_edits_a_programmes_texts_partners_and_agenda() {
    let app = TestApp::spawn().await;
    let scope = Scope::new(app.dragoer);
    let p = q::programme_by_title(&app.core.db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let before = q::agenda(&app.core.db.read, Scope::new(app.dragoer), p.id)
        .await
        .unwrap();
    assert!(before.len() >= 3);
    let citizen = app.org_id(app.dragoer, "Borgercentret").await;
    let house = app.org_id(app.dragoer, "Dragørs Aktivitetshus").await;
    let social = app.org_id(app.dragoer, "Socialafdelingen").await;
    let path = format!("/programmes/{}/ret", p.id);
    let s = demo_session(&app, NewSession::seats(5)).await;
    let mut coord = app.login(COORDINATOR).await;
    let page = coord.get(&format!("/programmes/{}", p.id)).await;
    assert!(page.text.contains(&format!("href=\"{path}\"")));
    let page = coord.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains(&before[0].title));

    let mut f = agenda_fields(&app, p.id).await;
    set(&mut f, "title", "010101 Dit digitale liv, forår");
    set(&mut f, "target_group", "Seniorer og pårørende");
    set(&mut f, "description", "Ny beskrivelse.");
    set(&mut f, &format!("partner-{citizen}"), "run");
    set(&mut f, &format!("partner-{house}"), "view");
    set(&mut f, &format!("partner-{social}"), "view");
    // Swap the first two, remove the last, add a new one first.
    set(&mut f, "agenda-0-pos", "3");
    set(&mut f, "agenda-1-pos", "2");
    let last = before.len() - 1;
    set(&mut f, &format!("agenda-{last}-remove"), "yes");
    let n = before.len();
    set(&mut f, &format!("agenda-{n}-title"), "Velkomst og kaffe");
    set(&mut f, &format!("agenda-{n}-minutes"), "15");
    set(&mut f, &format!("agenda-{n}-pos"), "1");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = coord.post_form(&path, &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(
        res.location(),
        format!("/programmes/{}?notice=programme-changed", p.id)
    );
    let page = coord.get(res.location()).await;
    assert!(page.text.contains("Ændringerne i programmet er gemt."));

    let after = q::programme(&app.core.db.read, scope, p.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.title, "010101 Dit digitale liv, forår");
    assert_eq!(after.target_group, "Seniorer og pårørende");
    assert_eq!(after.description, "Ny beskrivelse.");
    let agenda = q::agenda(&app.core.db.read, Scope::new(app.dragoer), p.id)
        .await
        .unwrap();
    assert_eq!(agenda.len(), before.len());
    assert_eq!(agenda[0].title, "Velkomst og kaffe");
    assert_eq!(agenda[0].organisation_id, p.organisation_id);
    assert_eq!(agenda[1].id, before[1].id, "kept items keep their id");
    assert_eq!(agenda[2].id, before[0].id);
    assert!(agenda.iter().all(|a| a.id != before[last].id), "removed");
    let positions: Vec<i32> = agenda.iter().map(|a| a.position).collect();
    assert_eq!(positions, (1..=agenda.len() as i32).collect::<Vec<_>>());
    let mut partners: Vec<(i64, String)> =
        q::partners(&app.core.db.read, Scope::new(app.dragoer), &[p.id])
            .await
            .unwrap()
            .into_iter()
            .map(|x| (x.organisation_id, x.level))
            .collect();
    partners.sort();
    let mut want = vec![
        (citizen, "run".to_string()),
        (house, "view".to_string()),
        (social, "view".to_string()),
    ];
    want.sort();
    assert_eq!(partners, want);
    // A `view` partner no longer sees the participants.
    assert!(
        !app.login("aktivitetshus@dragoer.demo")
            .await
            .get(&format!("/sessions/{s}"))
            .await
            .text
            .contains("id=\"deltagere\"")
    );
}

#[tokio::test]
async fn a_programme_edit_with_errors_keeps_what_was_typed_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let scope = Scope::new(app.dragoer);
    let p = q::programme_by_title(&app.core.db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let before = q::agenda(&app.core.db.read, Scope::new(app.dragoer), p.id)
        .await
        .unwrap();
    let path = format!("/programmes/{}/ret", p.id);
    let mut coord = app.login(COORDINATOR).await;
    let mut f = agenda_fields(&app, p.id).await;
    set(&mut f, "title", "");
    set(&mut f, "target_group", "Seniorer");
    let n = before.len();
    set(
        &mut f,
        &format!("agenda-{n}-title"),
        "Et nyt punkt, der ikke må gå tabt",
    );
    set(&mut f, &format!("agenda-{n}-minutes"), "20");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = coord.post_form(&path, &fields).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("<title>Fejl:"));
    assert!(res.text.contains("href=\"#title\""));
    assert!(
        res.text
            .contains("value=\"Et nyt punkt, der ikke må gå tabt\"")
    );

    // A partner who still runs an agenda item cannot be removed.
    let owned_by_partner = before
        .iter()
        .find(|a| a.organisation_id != p.organisation_id)
        .expect("an item a partner runs");
    let mut f = agenda_fields(&app, p.id).await;
    set(&mut f, "title", &p.title);
    set(&mut f, "target_group", &p.target_group);
    set(
        &mut f,
        &format!("partner-{}", owned_by_partner.organisation_id),
        "",
    );
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = coord.post_form(&path, &fields).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("href=\"#agenda\""));
    // Removing every item is refused too.
    let mut f = agenda_fields(&app, p.id).await;
    set(&mut f, "title", &p.title);
    set(&mut f, "target_group", &p.target_group);
    for i in 0..n {
        set(&mut f, &format!("agenda-{i}-remove"), "yes");
    }
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = coord.post_form(&path, &fields).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        q::agenda(&app.core.db.read, Scope::new(app.dragoer), p.id)
            .await
            .unwrap(),
        before
    );
    assert_eq!(
        q::programme(&app.core.db.read, scope, p.id)
            .await
            .unwrap()
            .unwrap(),
        p
    );
}

#[tokio::test]
async fn only_the_owners_coordinators_edit_a_programme() {
    let app = TestApp::spawn().await;
    let p = q::programme_by_title(
        &app.core.db.read,
        Scope::new(app.dragoer),
        "010101 Dit digitale liv",
    )
    .await
    .unwrap()
    .unwrap();
    let path = format!("/programmes/{}/ret", p.id);
    let fields = [("title", "Overtaget"), ("target_group", "Alle")];
    for who in [
        "aktivitetshus-leder@dragoer.demo",
        "borgercenter@dragoer.demo",
        "bibliotekar@dragoer.demo",
    ] {
        let mut c = app.login(who).await;
        assert_eq!(c.get(&path).await.status, StatusCode::FORBIDDEN, "{who}");
        assert_eq!(
            c.post_form(&path, &fields).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    let mut other = app.login(crate::support::OTHER_COORDINATOR).await;
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.post_form(&path, &fields).await.status,
        StatusCode::NOT_FOUND
    );
    let after = q::programme(&app.core.db.read, Scope::new(app.dragoer), p.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.title, p.title);
}
