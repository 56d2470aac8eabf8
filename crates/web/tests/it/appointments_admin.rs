//! The coordinators' appointment pages (issue 10): services created and
//! edited through the form, with bounds and the organisation's own staff
//! and sites; the guided question's mapping changed through its page and
//! followed by `/bestil-tid`; and a referral booked as an appointment by
//! the receiver, which marks it contacted.

use crate::appointments::{service_id, slots};
use crate::support::*;
use axum::http::StatusCode;
use samvirke_service::demo::appointments::{LIBRARY_SERVICE, MITID_SERVICE};
use samvirke_store::Scope;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const LIBRARY_COORDINATOR: &str = "bibliotek@dragoer.demo";
const LIBRARIAN: &str = "bibliotekar@dragoer.demo";
const CITIZEN: &str = "borgerservice@dragoer.demo";
const CITIZEN_COORDINATOR: &str = "borgercenter@dragoer.demo";
const SOCIAL: &str = "social@dragoer.demo";

async fn site_id(app: &TestApp, name: &str) -> i64 {
    samvirke_store::entity::site::Entity::find()
        .filter(samvirke_store::entity::site::Column::Name.eq(name))
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no site {name}"))
        .id
}

async fn actor(app: &TestApp, email: &str) -> samvirke_domain::Actor {
    let s = samvirke_store::staff::by_email_for_login(&app.core.db.read, email)
        .await
        .unwrap()
        .unwrap();
    samvirke_domain::Actor::Staff(samvirke_service::auth::staff_actor(&s))
}

async fn service_titles(app: &TestApp) -> Vec<String> {
    samvirke_store::appointments::services(&app.core.db.read, Scope::new(app.dragoer), true)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect()
}

/// A filled-in service form; `with` replaces or adds fields.
fn service_form<'a>(
    site: &'a str,
    staff: &'a str,
    with: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("service_title", "Hjælp til e-bøger"),
        ("service_minutes", "45"),
        ("service_site", site),
        ("service_staff", staff),
        ("service_buffer_minutes", "5"),
        ("service_notice_hours", "2"),
        ("service_horizon_days", "30"),
        ("service_cancel_hours", "12"),
        (
            "service_questions",
            "Hvilken telefon har du?\nHar du dit lånerkort med?",
        ),
        ("service_active", "yes"),
    ];
    for (k, v) in with {
        f.retain(|(x, _)| x != k);
        f.push((k, v));
    }
    f
}

/// A typed change, the field refused, and words of the message.
type Refusal<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

fn created_id(location: &str) -> i64 {
    location
        .trim_start_matches("/aftaler/ydelser/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("not a service page: {location}"))
}

#[tokio::test]
async fn a_coordinator_creates_and_edits_a_service_through_the_form() {
    let app = TestApp::spawn().await;
    let site = site_id(&app, "Dragør Bibliotek").await.to_string();
    let giver = app.staff_id(LIBRARIAN).await.to_string();
    let mut c = app.login(LIBRARY_COORDINATOR).await;
    let list = c.get("/aftaler/ydelser").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text.contains(LIBRARY_SERVICE) && list.text.contains(MITID_SERVICE));
    assert!(list.text.contains("/aftaler/ydelser/ny"));
    let admin = c.get("/administration").await;
    assert!(admin.text.contains("/aftaler/ydelser") && admin.text.contains("/aftaler/emner"));
    let form = c.get("/aftaler/ydelser/ny").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("Jonas Berg"), "the organisation's staff");
    assert!(!form.text.contains("Ali Hassan"), "not Borgercentret's");

    let res = c
        .post_form("/aftaler/ydelser/ny", &service_form(&site, &giver, &[]))
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let id = created_id(res.location());
    let saved = samvirke_service::appointments::public_service(&app.core, app.dragoer, id)
        .await
        .unwrap();
    assert_eq!(saved.minutes(), 45);
    assert_eq!(saved.rules.buffer_minutes, 5);
    assert_eq!(saved.rules.horizon_days, 30);
    assert_eq!(saved.staff_ids, vec![app.staff_id(LIBRARIAN).await]);
    assert_eq!(saved.questions.len(), 2);
    assert_eq!(saved.organisation, "Dragør Bibliotek");
    assert_eq!(service_id(&app, "Hjælp til e-bøger").await, id);
    let page = c.get(res.location()).await;
    assert!(page.text.contains("Ydelsen er gemt."));
    assert!(page.text.contains("value=\"45\""));

    // Edited: shorter, and no longer offered to citizens.
    let res = c
        .post_form(
            &format!("/aftaler/ydelser/{id}"),
            &service_form(
                &site,
                &giver,
                &[("service_minutes", "20"), ("service_active", "")],
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(
        samvirke_service::appointments::public_service(&app.core, app.dragoer, id)
            .await
            .is_err(),
        "inactive: not offered"
    );
    let page = c.get(&format!("/aftaler/ydelser/{id}")).await;
    assert!(page.text.contains("value=\"20\""));
    assert!(!page.text.contains("id=\"service_active\" name=\"service_active\" value=\"yes\" class=\"form-checkbox\" checked"));
}

#[tokio::test]
async fn out_of_bounds_input_is_refused_with_the_field_named_and_kept() {
    let app = TestApp::spawn().await;
    let site = site_id(&app, "Dragør Bibliotek").await.to_string();
    let giver = app.staff_id(LIBRARIAN).await.to_string();
    let before = service_titles(&app).await;
    let mut c = app.login(LIBRARY_COORDINATOR).await;
    let other_org = app.staff_id(CITIZEN).await.to_string();
    let other_site = site_id(&app, "Dragør Rådhus, Borgercentret")
        .await
        .to_string();
    let too_many = "Et\nTo\nTre\nFire";
    let long = "x".repeat(201);
    // (what is typed, the field the summary names, words of its message)
    let cases: Vec<Refusal> = vec![
        (
            vec![("service_minutes", "0")],
            "service_minutes",
            "fra 5 til 240",
        ),
        (
            vec![("service_minutes", "1000")],
            "service_minutes",
            "fra 5 til 240",
        ),
        (
            vec![("service_minutes", "tyve")],
            "service_minutes",
            "fra 5 til 240",
        ),
        (
            vec![("service_buffer_minutes", "121")],
            "service_buffer_minutes",
            "fra 0 til 120",
        ),
        (
            vec![("service_horizon_days", "0")],
            "service_horizon_days",
            "fra 1 til 180",
        ),
        (
            vec![("service_cancel_hours", "-1")],
            "service_cancel_hours",
            "fra 0 til 168",
        ),
        (
            vec![("service_questions", too_many)],
            "service_questions",
            "højst 3 spørgsmål",
        ),
        (
            vec![("service_questions", &long)],
            "service_questions",
            "højst være 200 tegn",
        ),
        (vec![("service_title", "")], "service_title", "udfyldes"),
        (vec![("service_site", &other_site)], "service_site", ""),
    ];
    for (with, field, words) in cases {
        let res = c
            .post_form("/aftaler/ydelser/ny", &service_form(&site, &giver, &with))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{with:?}");
        assert!(
            res.text.contains(&format!("href=\"#{field}\"")),
            "{with:?}: the summary names the field"
        );
        assert!(
            res.text.contains(words),
            "{with:?}: {words}: {}",
            res.text
                .split("alert-text")
                .nth(1)
                .unwrap_or("")
                .split("</ul>")
                .next()
                .unwrap_or("")
        );
        let typed = with[0].1.lines().next().unwrap_or("");
        assert!(res.text.contains(typed), "{with:?}: what was typed is kept");
    }
    // Another organisation's staff member cannot give the library's service.
    let mut staff = service_form(&site, &giver, &[]);
    staff.push(("service_staff", &other_org));
    let res = c.post_form("/aftaler/ydelser/ny", &staff).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text
            .contains("Vælg kun medarbejdere fra organisationen")
    );
    assert!(
        res.text.contains("href=\"#service_staff_"),
        "the summary links the first checkbox"
    );
    // With a number out of bounds too, both are named at once.
    staff.push(("service_minutes", "0"));
    staff.retain(|(k, v)| *k != "service_minutes" || *v == "0");
    let res = c.post_form("/aftaler/ydelser/ny", &staff).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("href=\"#service_minutes\""));
    assert!(res.text.contains("href=\"#service_staff_"));
    assert_eq!(service_titles(&app).await, before, "nothing saved");
    // Nor through the use case directly.
    let lib = service_id(&app, LIBRARY_SERVICE).await;
    let coordinator = actor(&app, LIBRARY_COORDINATOR).await;
    let err = samvirke_service::appointments::save_service(
        &app.core,
        &coordinator,
        Some(lib),
        &samvirke_service::appointments::ServiceInput {
            title: "Digital hjælp".into(),
            minutes: 30,
            horizon_days: 30,
            staff_ids: vec![app.staff_id(CITIZEN).await],
            active: true,
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, samvirke_service::ServiceError::Invalid(e) if e.get("staff").is_some()),
        "{err:?}"
    );
}

#[tokio::test]
async fn only_the_organisations_coordinators_edit_its_services() {
    let app = TestApp::spawn().await;
    let lib = service_id(&app, LIBRARY_SERVICE).await;
    let site = site_id(&app, "Dragør Bibliotek").await.to_string();
    let giver = app.staff_id(LIBRARIAN).await.to_string();
    let edit = format!("/aftaler/ydelser/{lib}");
    let changed = service_form(&site, &giver, &[("service_title", "Ændret")]);
    // Plain staff read it, without a form, and are refused saving or creating.
    let mut staff = app.login(LIBRARIAN).await;
    let list = staff.get("/aftaler/ydelser").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.text.contains("/aftaler/ydelser/ny"));
    let page = staff.get(&edit).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains(LIBRARY_SERVICE));
    assert!(!page.text.contains("name=\"service_title\""), "read-only");
    assert_eq!(
        staff.get("/aftaler/ydelser/ny").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        staff.post_form(&edit, &changed).await.status,
        StatusCode::FORBIDDEN
    );
    let bad = service_form(&site, &giver, &[("service_minutes", "0")]);
    assert_eq!(
        staff.post_form(&edit, &bad).await.status,
        StatusCode::FORBIDDEN,
        "refused before its errors are shown"
    );
    assert_eq!(
        staff
            .post_form("/aftaler/ydelser/ny", &changed)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Another organisation's coordinator reads it but may not save it.
    let mut bc = app.login(CITIZEN_COORDINATOR).await;
    assert!(!bc.get(&edit).await.text.contains("name=\"service_title\""));
    assert_eq!(
        bc.post_form(&edit, &changed).await.status,
        StatusCode::FORBIDDEN
    );
    // Another municipality does not find it.
    let mut other = app.login(OTHER_COORDINATOR).await;
    assert_eq!(other.get(&edit).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.post_form(&edit, &changed).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!service_titles(&app).await.contains(&"Ændret".to_string()));
}

/// The mapping as the page posts it: each topic to the service given.
fn mapping<'a>(to: &'a [(&'a str, String)]) -> Vec<(String, &'a str)> {
    to.iter()
        .map(|(topic, id)| (format!("topic_{topic}"), id.as_str()))
        .collect()
}

#[tokio::test]
async fn the_mapping_is_changed_through_its_page_and_bestil_tid_follows_it() {
    let app = TestApp::spawn().await;
    let lib = service_id(&app, LIBRARY_SERVICE).await;
    let mitid = service_id(&app, MITID_SERVICE).await;
    let public = app.client().get("/bestil-tid").await;
    assert!(
        public
            .text
            .contains(&format!("/bestil-tid/ydelse/{mitid}?emne=skat"))
    );
    let mut c = app.login(CITIZEN_COORDINATOR).await;
    let page = c.get("/aftaler/emner").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("name=\"topic_skat\""));
    // Skat now leads to the library; e-books and films nowhere.
    let to = [
        ("digital_post", lib.to_string()),
        ("mitid", mitid.to_string()),
        ("skat", lib.to_string()),
        ("borger_dk", mitid.to_string()),
        ("ebooks_films", String::new()),
        ("device", lib.to_string()),
        ("other", lib.to_string()),
    ];
    let fields = mapping(&to);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let res = c.post_form("/aftaler/emner", &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(c.get(res.location()).await.text.contains("Det er gemt"));
    let public = app.client().get("/bestil-tid").await;
    assert!(
        public
            .text
            .contains(&format!("/bestil-tid/ydelse/{lib}?emne=skat")),
        "the citizen is led to the new service"
    );
    assert!(
        !public
            .text
            .contains(&format!("/bestil-tid/ydelse/{mitid}?emne=skat"))
    );
    assert!(!public.text.contains("emne=ebooks_films"), "left out");
    let topic_page = app
        .client()
        .get(&format!("/bestil-tid/ydelse/{lib}?emne=skat"))
        .await;
    assert_eq!(topic_page.status, StatusCode::OK);

    // An unknown service is refused with the topic named; nothing changes.
    let mut bad = fields.clone();
    bad.retain(|(k, _)| *k != "topic_mitid");
    bad.push(("topic_mitid", "999999"));
    let res = c.post_form("/aftaler/emner", &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("href=\"#topic_mitid\""));
    assert!(
        app.client()
            .get("/bestil-tid")
            .await
            .text
            .contains(&format!("/bestil-tid/ydelse/{mitid}?emne=mitid"))
    );
    // Plain staff see the mapping and may not change it.
    let mut staff = app.login(CITIZEN).await;
    let page = staff.get("/aftaler/emner").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text.contains("name=\"topic_skat\""));
    assert_eq!(
        staff.post_form("/aftaler/emner", &fields).await.status,
        StatusCode::FORBIDDEN
    );
    // Another municipality's coordinator cannot point Dragør's topics anywhere.
    let mut other = app.login(OTHER_COORDINATOR).await;
    let res = other.post_form("/aftaler/emner", &fields).await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not its services"
    );
}

/// Coordinators saving at once: every save succeeds, and the result is
/// one of the saves whole, never a mixture or an error.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_saves_of_the_mapping_and_of_a_service_all_succeed() {
    let app = TestApp::spawn_with(Options {
        rate_limit: false,
        ..Options::default()
    })
    .await;
    let lib = service_id(&app, LIBRARY_SERVICE).await;
    let mitid = service_id(&app, MITID_SERVICE).await;
    let coordinator = app.login(CITIZEN_COORDINATOR).await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..40 {
        let mut c = app.client();
        c.cookies = coordinator.cookies.clone();
        let to = if n % 2 == 0 { lib } else { mitid }.to_string();
        tasks.spawn(async move {
            let fields: Vec<(String, String)> = samvirke_domain::appointments::Topic::ALL
                .iter()
                .map(|t| (format!("topic_{}", t.as_str()), to.clone()))
                .collect();
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            c.post_form("/aftaler/emner", &fields).await.status
        });
    }
    let statuses = tasks.join_all().await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    let map = samvirke_store::appointments::topics(&app.core.db.read, Scope::new(app.dragoer))
        .await
        .unwrap();
    assert_eq!(map.len(), 7);
    assert!(
        map.iter().all(|(_, s)| *s == map[0].1),
        "one save whole: {map:?}"
    );

    // The same service saved at once with different givers.
    let site = site_id(&app, "Dragør Bibliotek").await.to_string();
    let people = [
        app.staff_id(LIBRARIAN).await,
        app.staff_id(LIBRARY_COORDINATOR).await,
    ];
    let library = app.login(LIBRARY_COORDINATOR).await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..30 {
        let mut c = app.client();
        c.cookies = library.cookies.clone();
        let site = site.clone();
        let givers: Vec<String> = match n % 3 {
            0 => vec![people[0].to_string()],
            1 => vec![people[1].to_string()],
            _ => people.iter().map(i64::to_string).collect(),
        };
        tasks.spawn(async move {
            let mut fields = service_form(&site, &givers[0], &[]);
            for g in &givers[1..] {
                fields.push(("service_staff", g));
            }
            c.post_form(&format!("/aftaler/ydelser/{lib}"), &fields)
                .await
                .status
        });
    }
    let statuses = tasks.join_all().await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    let saved = samvirke_service::appointments::public_service(&app.core, app.dragoer, lib)
        .await
        .unwrap();
    assert!(!saved.staff_ids.is_empty() && saved.staff_ids.len() <= 2);
}

async fn send_referral(app: &TestApp, from: &str, to_org: &str) -> i64 {
    let to = app.org_id(app.dragoer, to_org).await.to_string();
    let mut c = app.login(from).await;
    let res = c
        .post_form(
            "/henvisninger/ny",
            &[
                ("to", &to),
                ("need", "Skal have hjælp til MitID"),
                ("contact_name", "Bo Borger"),
                ("phone", "12345678"),
                ("email", "bo@example.dk"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    samvirke_store::entity::referral::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .max()
        .unwrap()
}

async fn referral_status(app: &TestApp, id: i64) -> String {
    samvirke_store::entity::referral::Entity::find_by_id(id)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap()
        .status
}

async fn case_reads(app: &TestApp, id: i64) -> usize {
    samvirke_store::entity::audit_log::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap()
        .iter()
        .filter(|r| r.purpose == "referral_case" && r.subject_id == id)
        .count()
}

#[tokio::test]
async fn a_referral_becomes_an_appointment_booked_by_the_receiver() {
    let app = TestApp::spawn().await;
    let id = send_referral(&app, LIBRARIAN, "Borgercentret").await;
    let mitid = service_id(&app, MITID_SERVICE).await;
    let free = slots(&app, mitid, "2026-12-01", "2026-12-01").await;
    let start = free[0]["starts_at"].as_str().unwrap().to_string();

    let mut c = app.login(CITIZEN).await;
    let case = c.get(&format!("/henvisninger/{id}")).await;
    assert!(case.text.contains(&format!("/aftaler/ny?henvisning={id}")));
    let reads = case_reads(&app, id).await;
    let form = c
        .get(&format!(
            "/aftaler/ny?henvisning={id}&service={mitid}&dag=2026-12-01"
        ))
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.text);
    assert!(
        form.text.contains("value=\"Bo Borger\""),
        "the name is filled in"
    );
    assert!(form.text.contains("value=\"bo@example.dk\""));
    assert!(form.text.contains("value=\"12 34 56 78\""));
    assert!(
        form.text
            .contains(&format!("name=\"henvisning\" value=\"{id}\""))
    );
    assert_eq!(
        case_reads(&app, id).await,
        reads + 1,
        "the read is audit-logged"
    );

    let res = c
        .post_form(
            "/aftaler/ny",
            &[
                ("henvisning", &id.to_string()),
                ("service", &mitid.to_string()),
                ("dag", "2026-12-01"),
                ("start", &start),
                ("name", "Bo Borger"),
                ("phone", "12 34 56 78"),
                ("email", "bo@example.dk"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(
        res.location(),
        format!("/henvisninger/{id}?notice=appointment-booked")
    );
    assert_eq!(referral_status(&app, id).await, "contacted");
    let day = app
        .login(CITIZEN_COORDINATOR)
        .await
        .get("/aftaler?dag=2026-12-01&alle=1")
        .await;
    assert!(day.text.contains("Bo Borger"), "{}", day.text);
    // The sender sees the status only: contacted.
    let mut sender = app.login(LIBRARIAN).await;
    assert!(sender.get("/henvisninger").await.text.contains("Kontaktet"));
}

#[tokio::test]
async fn only_the_receivers_staff_book_for_a_referral_and_a_later_status_stays() {
    let app = TestApp::spawn().await;
    let id = send_referral(&app, LIBRARIAN, "Borgercentret").await;
    let lib = service_id(&app, LIBRARY_SERVICE).await;
    let mitid = service_id(&app, MITID_SERVICE).await;
    let lib_start = slots(&app, lib, "2026-12-01", "2026-12-01").await[0]["starts_at"]
        .as_str()
        .unwrap()
        .to_string();
    let book = |service: i64, start: String| {
        vec![
            ("henvisning".to_string(), id.to_string()),
            ("service".to_string(), service.to_string()),
            ("dag".to_string(), "2026-12-01".to_string()),
            ("start".to_string(), start),
            ("name".to_string(), "Bo Borger".to_string()),
            ("phone".to_string(), "12345678".to_string()),
        ]
    };
    let as_refs = |v: &[(String, String)]| -> Vec<(String, String)> { v.to_vec() };
    // The sender's staff: refused, even for their own service.
    let mut sender = app.login(LIBRARIAN).await;
    assert_eq!(
        sender
            .get(&format!("/aftaler/ny?henvisning={id}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let fields = as_refs(&book(lib, lib_start.clone()));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        sender.post_form("/aftaler/ny", &fields).await.status,
        StatusCode::FORBIDDEN
    );
    // Others, and another municipality, do not find it.
    for who in [SOCIAL, OTHER_COORDINATOR] {
        let mut c = app.login(who).await;
        assert_eq!(
            c.get(&format!("/aftaler/ny?henvisning={id}")).await.status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
        assert_eq!(
            c.post_form("/aftaler/ny", &fields).await.status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
    }
    assert_eq!(referral_status(&app, id).await, "new");
    assert!(
        !sender
            .get("/aftaler?dag=2026-12-01&alle=1")
            .await
            .text
            .contains("Bo Borger"),
        "nothing was booked"
    );
    // A referral already done stays done when the receiver books.
    let mut receiver = app.login(CITIZEN).await;
    let res = receiver
        .post_form(&format!("/henvisninger/{id}/status"), &[("status", "done")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let start = slots(&app, mitid, "2026-12-01", "2026-12-01").await[0]["starts_at"]
        .as_str()
        .unwrap()
        .to_string();
    let fields = book(mitid, start);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = receiver.post_form("/aftaler/ny", &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(referral_status(&app, id).await, "done");
}
