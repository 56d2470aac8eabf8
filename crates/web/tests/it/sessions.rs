//! Programmes, sessions and sign-up: the API shapes, the waiting list,
//! cancel links that work once, e-mails with calendar files, and who among
//! the partners sees the participants.

use crate::support::{
    NewSession, PASSWORD, TestApp, api_cancel as cancel, api_sign_up as sign_up, demo_session,
};
use axum::http::StatusCode;
use chrono::Duration;
use samvirke_domain::OrgId;
use samvirke_store::sessions as q;
use samvirke_store::{Scope, orgs};
use serde_json::json;

#[tokio::test]
async fn public_list_and_detail_shapes() {
    let app = TestApp::spawn().await;
    let res = app.client().get("/api/v1/sessions").await;
    assert_eq!(res.status, StatusCode::OK);
    let list = res.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3, "the demo's three dates");
    let first = &list[0];
    for key in [
        "id",
        "programme",
        "title",
        "starts_at",
        "ends_at",
        "site",
        "capacity",
        "seats_left",
        "waitlist_length",
        "registration",
    ] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert_eq!(first["capacity"], 40);
    assert_eq!(first["seats_left"], 17);
    assert_eq!(list[1]["seats_left"], 0);
    assert_eq!(first["registration"], "open");
    let starts = first["starts_at"].as_str().unwrap();
    assert!(
        starts.ends_with("+01:00") || starts.ends_with("+02:00"),
        "Copenhagen offset: {starts}"
    );
    assert!(starts.contains("T14:00:00"));

    let id = first["id"].as_i64().unwrap();
    let detail = app
        .client()
        .get(&format!("/api/v1/sessions/{id}"))
        .await
        .json();
    let agenda = detail["agenda"].as_array().unwrap();
    assert_eq!(agenda.len(), 6);
    assert_eq!(agenda[0]["title"], "Hvad er digital sikkerhed?");
    assert_eq!(agenda[2]["organisation"], "Borgercentret");
    assert_eq!(
        app.client().get("/api/v1/sessions/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.client().get("/api/v1/sessions?from=igår").await.status,
        StatusCode::BAD_REQUEST
    );
    let later = app
        .client()
        .get("/api/v1/sessions?from=2099-01-01")
        .await
        .json();
    assert_eq!(later.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn waiting_list_promotion_and_cancel_once() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(2)).await;
    let mut tokens = Vec::new();
    for (i, expected) in ["confirmed", "confirmed", "waitlisted", "waitlisted"]
        .iter()
        .enumerate()
    {
        let (status, body) = sign_up(
            &app,
            id,
            json!({"name": format!("Person {i}"), "email": format!("p{i}@example.dk")}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["status"], *expected);
        if *expected == "waitlisted" {
            assert_eq!(body["waitlist_position"], i as i64 - 1);
        } else {
            assert!(body.get("waitlist_position").is_none());
        }
        tokens.push(body["cancel_token"].as_str().unwrap().to_string());
    }
    // The same person again.
    let (status, body) = sign_up(
        &app,
        id,
        json!({"name": "Person 0", "email": "P0@Example.dk"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "already_registered");

    // A confirmed person cancels: the first waiting is promoted, exactly once.
    let (status, body) = cancel(&app, &tokens[0]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "cancelled");
    let promoted = body["promoted"].as_i64().expect("someone promoted");
    let regs = q::registrations(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap();
    let p2 = regs.iter().find(|r| r.id == promoted).unwrap();
    assert_eq!(p2.name, "Person 2");
    assert_eq!(p2.status, "confirmed");
    assert_eq!(
        cancel(&app, &tokens[0]).await.0,
        StatusCode::GONE,
        "a link works once"
    );
    assert_eq!(
        cancel(&app, "finnes-ikke-0000000000000000000000").await.0,
        StatusCode::NOT_FOUND
    );

    // A waiting person cancels: no seat changes hands.
    let (status, body) = cancel(&app, &tokens[3]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["promoted"].is_null());
    let s = q::session(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.taken, 2);
    // The person who cancelled may sign up again.
    let (status, body) = sign_up(
        &app,
        id,
        json!({"name": "Person 0", "email": "p0@example.dk"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body["status"], "waitlisted");
    assert_eq!(body["waitlist_position"], 1);

    // E-mails: confirmation with a calendar file and a cancel link; the promoted person is told.
    let mail = samvirke_store::outbox::list_for_org(
        &app.core.db.read,
        Scope::new(app.dragoer),
        OrgId(s.organisation_id),
        50,
    )
    .await
    .unwrap();
    let to_p0 = mail
        .iter()
        .filter(|m| m.recipient == "p0@example.dk")
        .collect::<Vec<_>>();
    let confirmation = to_p0
        .iter()
        .find(|m| m.subject.starts_with("Du er tilmeldt"))
        .unwrap();
    assert!(confirmation.body.contains("/afmeld/"));
    let ics = confirmation.ics.as_deref().unwrap();
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("SUMMARY:010101 Dit digitale liv"));
    let told = mail
        .iter()
        .find(|m| m.recipient == "p2@example.dk" && m.subject.starts_with("Du har fået en plads"))
        .expect("promotion e-mail");
    assert!(told.ics.is_some());
    assert!(mail.iter().any(|m| m.recipient == "p3@example.dk" && m.subject.starts_with("Du er på venteliste")));
}

#[tokio::test]
async fn sign_up_input_is_checked() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(5)).await;
    let (status, body) = sign_up(
        &app,
        id,
        json!({"name": "", "email": "ikke-en-mail", "phone": "12", "needs": ["bogus"]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for f in ["name", "email", "phone", "needs"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let (status, _) = sign_up(&app, id, json!({"name": "a\u{0000}b"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = sign_up(&app, id, json!({"name": "x".repeat(121)})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Neither e-mail nor phone is allowed: some people have neither.
    let (status, body) = sign_up(
        &app,
        id,
        json!({"name": "Uden kontakt", "needs": ["hearing_loop", "wheelchair"]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // International phone numbers are fine.
    let (status, _) = sign_up(
        &app,
        id,
        json!({"name": "Sven", "phone": "+46 8 123 456 78"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        q::session(&app.core.db.read, Scope::new(app.dragoer), id)
            .await
            .unwrap()
            .unwrap()
            .taken,
        2,
        "nothing half-saved by the refusals"
    );
}

#[tokio::test]
async fn sign_up_only_while_open() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(5)).await;
    app.clock.advance(Duration::days(9) + Duration::minutes(1));
    let (status, body) = sign_up(
        &app,
        id,
        json!({"name": "For sent", "email": "sent@example.dk"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "registration_not_open");
    let list = app.client().get("/api/v1/sessions").await.json();
    let ours = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(ours["registration"], "closed");
}

#[tokio::test]
async fn citizen_pages_sign_up_and_cancel_once() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(1)).await;
    let mut c = app.client();
    let list = c.get("/arrangementer").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text.contains(&format!("/arrangementer/{id}")));

    // Errors keep what was typed; HTML is text.
    let res = c
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", "<b>Ida</b>"), ("email", ""), ("phone", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text
            .contains("Skriv din e-mail eller dit telefonnummer")
    );
    assert!(res.text.contains("value=\"&#60;b&#62;Ida&#60;/b&#62;\""));

    let res = c
        .post_form(
            &format!("/arrangementer/{id}"),
            &[
                ("name", "Ida"),
                ("email", "ida@example.dk"),
                ("needs", "wheelchair"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let res = c.get(res.location()).await;
    assert!(res.text.contains("Du er tilmeldt"));
    let start = res.text.find("/afmeld/").unwrap();
    let link: String = res.text[start..]
        .chars()
        .take_while(|ch| *ch != '"')
        .collect();

    // Full now: the next person joins the waiting list and sees their place.
    let res = c
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", "Bo"), ("no_contact", "yes")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = c.get(res.location()).await;
    assert!(res.text.contains("Du er nummer 1 på ventelisten."));
    let again = c
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", "Ida"), ("email", "IDA@example.dk")],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.text.contains("Du er allerede tilmeldt"));

    let page = c.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Vil du afmelde Ida?"));
    let done = c.post_form(&link, &[]).await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.text.contains("Du er afmeldt"));
    let used = c.get(&link).await;
    assert_eq!(used.status, StatusCode::GONE);
    assert!(used.text.contains("Du er allerede afmeldt"));
    assert_eq!(c.post_form(&link, &[]).await.status, StatusCode::GONE);
    assert_eq!(
        c.get("/afmeld/ukendt-token-0000000000000000000000")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Bo got the seat.
    let regs = q::registrations(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap();
    assert_eq!(
        regs.iter().find(|r| r.name == "Bo").unwrap().status,
        "confirmed"
    );
}

#[tokio::test]
async fn partners_see_what_their_level_allows() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(10)).await;
    sign_up(
        &app,
        id,
        json!({"name": "Karin Deltager", "phone": "20304050"}),
    )
    .await;
    // The owner and the `run` partners see the participants.
    for who in [
        "bibliotek@dragoer.demo",
        "bibliotekar@dragoer.demo",
        "aktivitetshus@dragoer.demo",
        "borgerservice@dragoer.demo",
    ] {
        let page = app.login(who).await.get(&format!("/sessions/{id}")).await;
        assert_eq!(page.status, StatusCode::OK, "{who}");
        assert!(
            page.text.contains("Karin Deltager"),
            "{who} sees the participant"
        );
        assert!(page.text.contains("20 30 40 50"));
    }
    // An organisation that is no partner sees nothing.
    assert_eq!(
        app.login("social@dragoer.demo")
            .await
            .get(&format!("/sessions/{id}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.login(crate::support::OTHER_COORDINATOR)
            .await
            .get(&format!("/sessions/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Only the owner's coordinator may cancel the session.
    let mut partner = app.login("aktivitetshus@dragoer.demo").await;
    assert_eq!(
        partner
            .post_form(&format!("/sessions/{id}/aflys"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Reading the list is in the audit log of the reader's organisation.
    let log = app
        .login("aktivitetshus-leder@dragoer.demo")
        .await
        .get("/audit")
        .await;
    assert!(log.text.contains("Så deltagerlisten"));
}

#[tokio::test]
async fn staff_run_the_day() {
    let app = TestApp::spawn().await;
    let id = demo_session(&app, NewSession::seats(2)).await;
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    let res = staff
        .post_form(
            &format!("/sessions/{id}/telefon"),
            &[("name", "Erna Ringer"), ("phone", "32 11 22 33")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let again = staff
        .post_form(
            &format!("/sessions/{id}/telefon"),
            &[("name", "Erna Ringer"), ("phone", "+4532112233")],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "same phone: already signed up"
    );
    let reg = q::registrations(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()[0]
        .clone();
    assert_eq!(reg.channel, "phone");

    let res = staff
        .post_form(
            &format!("/sessions/{id}/deltagere/{}", reg.id),
            &[("attendance", "attended")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let r = q::registration(&app.core.db.read, Scope::new(app.dragoer), reg.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.attendance.as_deref(), Some("attended"));

    assert_eq!(
        staff
            .post_form(
                &format!("/sessions/{id}/walk-in"),
                &[("walk_in", "Gæst Et")]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let full = staff
        .post_form(
            &format!("/sessions/{id}/walk-in"),
            &[("walk_in", "Gæst To")],
        )
        .await;
    assert_eq!(full.status, StatusCode::OK);
    assert!(full.text.contains("Der er ingen ledige pladser."));

    let print = staff.get(&format!("/sessions/{id}/deltagerliste")).await;
    assert!(print.text.contains("Erna Ringer") && print.text.contains("32 11 22 33"));
    let run = staff.get(&format!("/sessions/{id}/koereplan")).await;
    assert!(run.text.contains("Hvad er digital sikkerhed?"));

    // Cancelling the session tells everyone with an e-mail.
    sign_up(
        &app,
        id,
        json!({"name": "Venter", "email": "venter@example.dk"}),
    )
    .await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    assert_eq!(
        coord
            .post_form(&format!("/sessions/{id}/aflys"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mail = samvirke_store::outbox::list_for_org(
        &app.core.db.read,
        Scope::new(app.dragoer),
        OrgId(app.org_id(app.dragoer, "Dragør Bibliotek").await),
        50,
    )
    .await
    .unwrap();
    assert!(
        mail.iter()
            .any(|m| m.recipient == "venter@example.dk" && m.subject.starts_with("Aflyst"))
    );
    let (status, body) = sign_up(&app, id, json!({"name": "Ny", "email": "ny@example.dk"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "registration_not_open");
}

#[tokio::test]
async fn staff_api_creates_programmes_and_sessions() {
    let app = TestApp::spawn().await;
    let token = |email: &'static str| {
        let app = &app;
        async move {
            let body = json!({"email": email, "password": PASSWORD}).to_string();
            app.client()
                .api("POST", "/api/v1/auth/token", None, Some(&body))
                .await
                .json()["token"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let coord = token("borgercenter@dragoer.demo").await;
    let library = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let citizen = app.org_id(app.dragoer, "Borgercentret").await;
    // A programme without an agenda is refused, naming the field.
    let empty = json!({"title": "Tom", "target_group": "Unge", "partners": [], "agenda": []});
    let res = app
        .client()
        .api(
            "POST",
            "/api/v1/programmes",
            Some(&coord),
            Some(&empty.to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains("agenda"), "{}", res.text);
    let body = json!({
        "title": "Digital Post for nye 15-årige",
        "target_group": "Unge",
        "partners": [{"organisation_id": library, "level": "view"}],
        "agenda": [{"title": "Hvad sker der, når du fylder 15?", "minutes": 30, "organisation_id": citizen}]
    });
    let res = app
        .client()
        .api(
            "POST",
            "/api/v1/programmes",
            Some(&coord),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let programme = res.json()["id"].as_i64().unwrap();
    let site = orgs::site_by_name(
        &app.core.db.read,
        Scope::new(app.dragoer),
        "Dragør Rådhus, Borgercentret",
    )
    .await
    .unwrap()
    .unwrap()
    .id;
    let body = json!({"programme_id": programme, "site_id": site, "starts_at": "2026-12-10T16:00:00+01:00", "ends_at": "2026-12-10T17:00:00+01:00", "capacity": 12, "public": false});
    let res = app
        .client()
        .api(
            "POST",
            "/api/v1/sessions",
            Some(&coord),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let id = res.json()["id"].as_i64().unwrap();
    // Closed sessions are not public.
    assert_eq!(
        app.client()
            .get(&format!("/api/v1/sessions/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Ordinary staff cannot create; bad input is 422.
    let staff = token("borgerservice@dragoer.demo").await;
    assert_eq!(
        app.client()
            .api(
                "POST",
                "/api/v1/sessions",
                Some(&staff),
                Some(&body.to_string())
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let bad = json!({"programme_id": programme, "site_id": site, "starts_at": "2026-12-10T16:00:00+01:00", "ends_at": "2026-12-10T15:00:00+01:00", "capacity": 0});
    let res = app
        .client()
        .api(
            "POST",
            "/api/v1/sessions",
            Some(&coord),
            Some(&bad.to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The view-level partner sees the session exists, but not who comes.
    let lib = token("bibliotek@dragoer.demo").await;
    assert_eq!(
        app.client()
            .api(
                "GET",
                &format!("/api/v1/sessions/{id}/registrations"),
                Some(&lib),
                None
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.login("bibliotek@dragoer.demo")
            .await
            .get(&format!("/sessions/{id}"))
            .await
            .status,
        StatusCode::OK
    );
    let list = app
        .client()
        .api(
            "GET",
            &format!("/api/v1/sessions/{id}/registrations"),
            Some(&coord),
            None,
        )
        .await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json().as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn reminders_go_once_and_the_call_list_has_the_rest() {
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
    sign_up(&app, id, json!({"name": "Ingen Af Delene"})).await;
    let lead = Duration::hours(24);
    assert_eq!(
        samvirke_service::sessions::send_due_reminders(&app.core, lead)
            .await
            .unwrap(),
        0,
        "too early"
    );
    app.clock.advance(Duration::days(9) + Duration::hours(1));
    assert_eq!(
        samvirke_service::sessions::send_due_reminders(&app.core, lead)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        samvirke_service::sessions::send_due_reminders(&app.core, lead)
            .await
            .unwrap(),
        0,
        "once"
    );
    let mail = samvirke_store::outbox::list_for_org(
        &app.core.db.read,
        Scope::new(app.dragoer),
        OrgId(app.org_id(app.dragoer, "Dragør Bibliotek").await),
        50,
    )
    .await
    .unwrap();
    assert_eq!(
        mail.iter()
            .filter(|m| m.subject.starts_with("Påmindelse"))
            .count(),
        1
    );

    let calls = app
        .login("bibliotekar@dragoer.demo")
        .await
        .get(&format!("/sessions/{id}/ringeliste"))
        .await;
    assert_eq!(calls.status, StatusCode::OK);
    assert!(calls.text.contains("Kun Telefon") && calls.text.contains("20 30 40 50"));
    assert!(calls.text.contains("Ingen Af Delene") && calls.text.contains("Intet telefonnummer"));
    assert!(!calls.text.contains("Med Mail"));
}

#[tokio::test]
async fn calendar_feeds() {
    let app = TestApp::spawn().await;
    let scope = Scope::new(app.dragoer);
    let p = q::programme_by_title(&app.core.db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let feed = app
        .client()
        .get(&format!("/kalender/program/{}.ics", p.id))
        .await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    assert_eq!(feed.text.matches("BEGIN:VEVENT").count(), 3);
    assert!(
        feed.text.contains("\r\nDTSTART:")
            && feed
                .text
                .contains("LOCATION:Wiedergården\\, Dragørs Aktivitetshus\\, 2791 Dragør")
    );
    let site = orgs::site_by_name(
        &app.core.db.read,
        scope,
        "Wiedergården, Dragørs Aktivitetshus",
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        app.client()
            .get(&format!("/kalender/sted/{}.ics", site.id))
            .await
            .text
            .matches("BEGIN:VEVENT")
            .count(),
        3
    );
    assert_eq!(
        app.client().get("/kalender/sted/999.ics").await.status,
        StatusCode::NOT_FOUND
    );

    // A private feed for staff: made on the account page, shown once, the old one stops working.
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    let page = staff.post_form("/account/calendar", &[]).await;
    let start = page.text.find("/kalender/medarbejder/").unwrap();
    let path: String = page.text[start..]
        .chars()
        .take_while(|ch| *ch != '<')
        .collect();
    let mine = app.client().get(&path).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(
        mine.text.matches("BEGIN:VEVENT").count(),
        3,
        "assigned to all three demo dates"
    );
    assert!(mine.text.contains("X-WR-CALNAME:Samvirke – Jonas Berg"));
    staff.post_form("/account/calendar", &[]).await;
    assert_eq!(app.client().get(&path).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn sign_up_for_a_whole_series_at_once() {
    let app = TestApp::spawn().await;
    let list = app.client().get("/api/v1/sessions").await.json();
    let ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    let mut c = app.client();
    let page = c.get(&format!("/arrangementer/{}", ids[0])).await;
    assert!(page.text.contains("Vil du også med de andre dage?"));
    let (a, b) = (ids[1].to_string(), ids[2].to_string());
    let res = c
        .post_form(
            &format!("/arrangementer/{}", ids[0]),
            &[
                ("name", "Serie Sørensen"),
                ("email", "serie@example.dk"),
                ("also", &a),
                ("also", &b),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let res = c.get(res.location()).await;
    assert!(res.text.contains("De andre datoer"));
    assert!(
        res.text.contains("Du er nummer 1 på ventelisten."),
        "the second date is full"
    );
    assert_eq!(
        res.text.matches("/afmeld/").count(),
        3,
        "a cancel link per date"
    );
    let scope = Scope::new(app.dragoer);
    for id in &ids {
        let regs = q::registrations(&app.core.db.read, scope, *id)
            .await
            .unwrap();
        assert!(
            regs.iter().any(|r| r.name == "Serie Sørensen"),
            "signed up for session {id}"
        );
    }
}

#[tokio::test]
async fn coordinators_staff_agenda_items_and_are_warned_of_clashes() {
    let app = TestApp::spawn().await;
    let first = demo_session(&app, NewSession::seats(10)).await;
    let second = demo_session(&app, NewSession::seats(10)).await; // the same time: a clash for anyone on both
    let scope = Scope::new(app.dragoer);
    let p = q::programme_by_title(&app.core.db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let agenda = q::agenda(&app.core.db.read, Scope::new(app.dragoer), p.id)
        .await
        .unwrap();
    let skat = agenda
        .iter()
        .find(|a| a.title.starts_with("Værd at vide"))
        .unwrap()
        .id
        .to_string();
    let ali = app.staff_id("borgerservice@dragoer.demo").await.to_string();
    let karen = app.staff_id("borgercenter@dragoer.demo").await.to_string();

    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let page = coord.get(&format!("/sessions/{first}")).await;
    assert!(page.text.contains("Bemanding"));
    // Only a partner's staff with the Skat competence are offered for the Skat item.
    assert!(page.text.contains("Ali Hassan (Borgercentret)"));
    let res = coord
        .post_form(
            &format!("/sessions/{first}/bemanding"),
            &[("item", &skat), ("staff", &karen)],
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::BAD_REQUEST,
        "Karen lacks the competence"
    );

    let res = coord
        .post_form(
            &format!("/sessions/{first}/bemanding"),
            &[("item", &skat), ("staff", &ali)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = coord
        .post_form(
            &format!("/sessions/{second}/bemanding"),
            &[("item", &skat), ("staff", &ali)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text
            .contains("Medarbejderen er sat på et andet arrangement på samme tid")
    );
    assert!(res.text.contains(&format!("/sessions/{first}")));
    // Partners run it but do not plan it.
    let mut partner = app.login("aktivitetshus@dragoer.demo").await;
    assert_eq!(
        partner
            .post_form(
                &format!("/sessions/{first}/bemanding"),
                &[("item", &skat), ("staff", &ali)]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Removing works.
    let res = coord
        .post_form(
            &format!("/sessions/{second}/bemanding/fjern"),
            &[("item", &skat), ("staff", &ali)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        q::assignments(&app.core.db.read, Scope::new(app.dragoer), &[second])
            .await
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn coordinator_creates_a_programme_and_schedules_a_date_in_the_browser_forms() {
    let app = TestApp::spawn().await;
    let mut coord = app.login("borgercenter@dragoer.demo").await;
    assert_eq!(coord.get("/programmes/new").await.status, StatusCode::OK);
    let library = app
        .org_id(app.dragoer, "Dragør Bibliotek")
        .await
        .to_string();
    let citizen = app.org_id(app.dragoer, "Borgercentret").await.to_string();
    // Without agenda items and target group: refused with both named in
    // the summary, and the title is kept.
    let res = coord
        .post_form(
            "/programmes/new",
            &[
                ("title", "Digital Post for nye 15-årige"),
                ("target_group", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("value=\"Digital Post for nye 15-årige\""));
    assert!(res.text.contains("href=\"#agenda\""), "{}", res.text);
    assert!(res.text.contains("href=\"#target_group\""), "{}", res.text);
    let partner_key = format!("partner-{library}");
    let res = coord
        .post_form(
            "/programmes/new",
            &[
                ("title", "Digital Post for nye 15-årige"),
                ("target_group", "Unge"),
                (&partner_key, "run"),
                ("agenda-0-title", "Hvad sker der, når du fylder 15?"),
                ("agenda-0-minutes", "30"),
                ("agenda-0-org", &citizen),
                ("agenda-1-title", "Pas på din digitale identitet"),
                ("agenda-1-minutes", "30"),
                ("agenda-1-org", &library),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let location = res.location().to_string();
    let id: i64 = location
        .trim_start_matches("/programmes/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let page = coord.get(&location).await;
    assert!(
        page.text.contains("Programmet er oprettet.")
            && page.text.contains("Pas på din digitale identitet")
    );

    let site = orgs::site_by_name(&app.core.db.read, Scope::new(app.dragoer), "Dragør Skole")
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let bad = coord
        .post_form(
            &format!("/programmes/{id}/sessions"),
            &[
                ("date", "31.2.2027"),
                ("start", "9.00"),
                ("end", "8.00"),
                ("capacity", "0"),
                ("site", &site),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text.contains("Skriv datoen som dag.måned.år")
            && bad.text.contains("Skriv et tal mellem 1 og 10.000")
    );
    assert!(bad.text.contains("value=\"31.2.2027\""));
    let ok = coord
        .post_form(
            &format!("/programmes/{id}/sessions"),
            &[
                ("date", "3.2.2027"),
                ("start", "9.00"),
                ("end", "11.30"),
                ("capacity", "28"),
                ("site", &site),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text);
    let session_page = coord.get(ok.location()).await;
    assert!(
        session_page
            .text
            .contains("onsdag 3.2.2027 kl. 09.00–11.30")
    );
    // Not ticked "open to everyone": a closed session for a class.
    assert_eq!(
        app.client()
            .get("/api/v1/sessions")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // The library, a `run` partner, sees it among its programmes.
    let lib = app
        .login("bibliotek@dragoer.demo")
        .await
        .get("/programmes")
        .await;
    assert!(
        lib.text.contains("Digital Post for nye 15-årige")
            && lib.text.contains("Partner, hjælper med at afvikle")
    );
}
