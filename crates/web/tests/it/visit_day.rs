//! The visit day and the follow-up at 15 (issue 9): the class sheet, the
//! run sheet with the three groups, the API's line per pupil, and the
//! messages to parents who consented. Who sees and changes what, the
//! bounds, and the same save sent many times at once.

use crate::support::{NewSession, OTHER_COORDINATOR, TestApp, api_token, demo_session};
use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

const LIBRARY: &str = "bibliotekar@dragoer.demo";
const CITIZEN: &str = "mitid@dragoer.demo";
const SCHOOL: &str = "skole@dragoer.demo";

async fn class_id(app: &TestApp, school: &str, name: &str) -> i64 {
    let t = api_token(app, LIBRARY).await;
    let res = app
        .client()
        .api("GET", "/api/v1/classes", Some(&t), None)
        .await;
    res.json()
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["school"] == school && c["name"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn pupils(app: &TestApp, who: &str, class: i64) -> Vec<Value> {
    let t = api_token(app, who).await;
    let path = format!("/api/v1/classes/{class}/pupils");
    let res = app.client().api("GET", &path, Some(&t), None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json().as_array().unwrap().clone()
}

async fn pupil_id(app: &TestApp, class: i64, name: &str) -> i64 {
    pupils(app, LIBRARY, class)
        .await
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name}"))["id"]
        .as_i64()
        .unwrap()
}

async fn patch(
    app: &TestApp,
    who: &str,
    class: i64,
    pupil: i64,
    body: Value,
) -> crate::support::Res {
    let t = api_token(app, who).await;
    let path = format!("/api/v1/classes/{class}/pupils/{pupil}");
    app.client()
        .api("PATCH", &path, Some(&t), Some(&body.to_string()))
        .await
}

async fn row(app: &TestApp, pupil: i64) -> samvirke_store::entity::pupil::Model {
    samvirke_store::entity::pupil::Entity::find_by_id(pupil)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap()
}

/// Adds pupils to a class through the import (the school's own way).
async fn import(app: &TestApp, class: i64, csv: &str) {
    let t = api_token(app, "bibliotek@dragoer.demo").await;
    let req = axum::http::Request::builder()
        .method("POST")
        .uri(format!("/api/v1/classes/{class}/pupils/import"))
        .header("authorization", format!("Bearer {t}"))
        .header("content-type", "text/csv")
        .body(axum::body::Body::from(csv.to_owned()))
        .unwrap();
    let res = app.client().send(req).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

/// Makes a session in ten days the class's visit.
async fn plan_visit(app: &TestApp, class: i64) -> i64 {
    let session = demo_session(app, NewSession::seats(30).public(false)).await;
    samvirke_store::entity::class_visit::ActiveModel {
        class_id: Set(class),
        session_id: Set(session),
    }
    .insert(&app.core.db.write)
    .await
    .unwrap();
    session
}

#[tokio::test]
async fn the_class_sheet_is_for_those_who_run_the_visit() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let path = format!("/klasser/{id}/klasseark");

    let mut library = app.login(LIBRARY).await;
    let page = library.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Alma Holm") && page.text.contains("Stillede spørgsmål"));
    assert!(
        !page.text.contains("name=\"mitid-"),
        "no MitID field for the library"
    );
    assert!(!page.text.contains("mitid_created-"));

    let mut citizen = app.login(CITIZEN).await;
    let page = citizen.get(&path).await;
    assert!(page.text.contains("name=\"mitid-") && page.text.contains("MitID oprettet"));

    let class_page = library.get(&format!("/klasser/{id}")).await;
    assert!(
        class_page.text.contains(&path)
            && class_page
                .text
                .contains(&format!("/klasser/{id}/koereplan"))
    );
    let mut school = app.login(SCHOOL).await;
    assert!(
        !school
            .get(&format!("/klasser/{id}"))
            .await
            .text
            .contains("klasseark")
    );
    assert_eq!(
        school.get(&path).await.status,
        StatusCode::NOT_FOUND,
        "not the school's sheet"
    );
    let save = school.post_form(&path, &[]).await;
    assert_eq!(save.status, StatusCode::NOT_FOUND);
    let mut other_school = app.login("laerer-sms@dragoer.demo").await;
    assert_eq!(other_school.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut far = app.login(OTHER_COORDINATOR).await;
    assert_eq!(far.get(&path).await.status, StatusCode::NOT_FOUND);

    // Every read of the sheet is in the audit log.
    let log = samvirke_store::entity::audit_log::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    let reads = log
        .iter()
        .filter(|r| r.purpose == "visit_day_sheet" && r.subject_id == id)
        .count();
    assert_eq!(reads, 2);
}

#[tokio::test]
async fn the_sheet_saves_the_day_and_keeps_what_was_typed_on_an_error() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let alma = pupil_id(&app, id, "Alma Holm").await;
    let anton = pupil_id(&app, id, "Anton Bach").await;
    let path = format!("/klasser/{id}/klasseark");
    let (a, b) = (alma.to_string(), anton.to_string());
    let field = |name: &str, p: i64| format!("{name}-{p}");

    let mut library = app.login(LIBRARY).await;
    let (alma_att, alma_asked, alma_email, alma_consent) = (
        field("attended", alma),
        field("asked", alma),
        field("email", alma),
        field("consent", alma),
    );
    let anton_email = field("email", anton);
    let refused = library
        .post_form(
            &path,
            &[
                ("pupil", &a),
                (&alma_att, "yes"),
                (&alma_email, "mor@example.dk"),
                ("pupil", &b),
                (&anton_email, "far@example.dk"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("Fejl:"));
    assert!(
        refused.text.contains("value=\"far@example.dk\""),
        "what was typed is kept"
    );
    assert!(
        refused.text.contains(&format!("href=\"#email-{anton}\"")),
        "summarised with a link"
    );
    assert!(refused.text.contains("forælderen har givet samtykke"));
    assert_eq!(row(&app, alma).await.attendance, None, "nothing saved");

    let saved = library
        .post_form(
            &path,
            &[
                ("pupil", &a),
                (&alma_att, "yes"),
                (&alma_asked, "yes"),
                (&alma_email, "Mor@Example.dk"),
                (&alma_consent, "yes"),
                ("pupil", &b),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let r = row(&app, alma).await;
    assert_eq!(r.attendance.as_deref(), Some("attended"));
    assert!(r.asked_questions);
    assert_eq!(r.parent_email.as_deref(), Some("mor@example.dk"));
    assert_eq!(r.parent_consent_at, Some(app.core.now()));
    assert_eq!(r.parent_consent_by, Some(app.staff_id(LIBRARY).await));
    assert_eq!(row(&app, anton).await.parent_email, None);

    // A crafted POST of the MitID fields from the library is refused.
    let (mitid, created) = (field("mitid", alma), field("mitid_created", alma));
    let crafted = library
        .post_form(&path, &[("pupil", &a), (&mitid, "has"), (&created, "yes")])
        .await;
    assert_eq!(crafted.status, StatusCode::FORBIDDEN);
    let r = row(&app, alma).await;
    assert_eq!((r.mitid.as_str(), r.mitid_created), ("unknown", false));
    assert!(
        r.parent_email.is_some(),
        "nothing of the crafted save is kept"
    );

    // The citizen service records MitID.
    let mut citizen = app.login(CITIZEN).await;
    let saved = citizen
        .post_form(
            &path,
            &[
                ("pupil", &a),
                (&alma_att, "yes"),
                (&mitid, "wants_at_visit"),
                (&created, "yes"),
                (&alma_email, "mor@example.dk"),
                (&alma_consent, "yes"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let r = row(&app, alma).await;
    assert_eq!(
        (r.mitid.as_str(), r.mitid_created),
        ("wants_at_visit", true)
    );
    assert_eq!(
        r.parent_consent_by,
        Some(app.staff_id(LIBRARY).await),
        "the same e-mail keeps who recorded the consent"
    );
    // …which the library and the school still never see.
    for who in [LIBRARY, SCHOOL] {
        let list = pupils(&app, who, id).await;
        assert!(list.iter().all(|p| p.get("mitid").is_none()), "{who}");
    }
    let list = pupils(&app, CITIZEN, id).await;
    let p = list.iter().find(|p| p["id"] == alma).unwrap();
    assert_eq!(p["mitid"], "wants_at_visit");
    assert_eq!(p["group"], "mitid_now");
}

#[tokio::test]
async fn the_api_records_one_pupil_within_its_bounds() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let other = class_id(&app, "Dragør Skole", "9.B").await;
    import(&app, other, "Navn;Fødselsdato\nLille Ung;1.6.2014\n").await;
    let young = pupil_id(&app, other, "Lille Ung").await;
    let alma = pupil_id(&app, id, "Alma Holm").await;

    let ok = patch(
        &app,
        LIBRARY,
        id,
        alma,
        json!({"attendance": "attended", "asked_questions": true}),
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert_eq!(ok.json()["attendance"], "attended");
    assert!(ok.json().get("mitid").is_none(), "absent for the library");
    let cleared = patch(&app, LIBRARY, id, alma, json!({"attendance": null})).await;
    assert!(cleared.json()["attendance"].is_null());
    assert_eq!(
        cleared.json()["asked_questions"],
        true,
        "left out: unchanged"
    );

    let forbidden = patch(&app, LIBRARY, id, alma, json!({"mitid": "has"})).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let forbidden = patch(&app, LIBRARY, id, alma, json!({"mitid_created": true})).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let has = patch(&app, CITIZEN, id, alma, json!({"mitid": "has"})).await;
    assert_eq!(has.status, StatusCode::OK, "{}", has.text);
    assert_eq!(has.json()["mitid"], "has");
    assert_eq!(has.json()["group"], "security_practice");

    // Another class's pupil, another school, another municipality: not found.
    assert_eq!(
        patch(&app, LIBRARY, id, young, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        patch(&app, SCHOOL, id, alma, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        patch(&app, "laerer-sms@dragoer.demo", id, alma, json!({}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        patch(&app, OTHER_COORDINATOR, id, alma, json!({}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        patch(&app, LIBRARY, id, i64::MAX, json!({})).await.status,
        StatusCode::NOT_FOUND
    );

    // MitID only from 13.
    let too_young = patch(
        &app,
        CITIZEN,
        other,
        young,
        json!({"mitid": "wants_at_visit"}),
    )
    .await;
    assert_eq!(too_young.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_young.json()["fields"][0]["field"], "mitid");
    assert_eq!(too_young.json()["fields"][0]["problem"], "mitid_too_young");
    let created = patch(&app, CITIZEN, other, young, json!({"mitid_created": true})).await;
    assert_eq!(created.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(created.json()["fields"][0]["field"], "mitid_created");
    let unknown = patch(&app, CITIZEN, other, young, json!({"mitid": "unknown"})).await;
    assert_eq!(unknown.status, StatusCode::OK);

    // Bad values: 422, never 500.
    for bad in [
        json!({"attendance": "maybe"}),
        json!({"mitid": "perhaps"}),
        json!({"asked_questions": "yes"}),
        json!({"parent_email": 5}),
        json!({"surprise": true}),
    ] {
        let res = patch(&app, CITIZEN, id, alma, bad.clone()).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad} {}",
            res.text
        );
    }

    // A parent's e-mail: only with consent; 254 characters fit, 255 do not.
    let no_consent = patch(
        &app,
        LIBRARY,
        id,
        alma,
        json!({"parent_email": "mor@example.dk"}),
    )
    .await;
    assert_eq!(no_consent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        no_consent.json()["fields"][0]["problem"],
        "consent_required"
    );
    let email = |len: usize| {
        let domain = format!("{}.dk", "d".repeat(len - 64 - 1 - 3));
        format!("{}@{domain}", "a".repeat(64))
    };
    assert_eq!(email(254).len(), 254);
    let longest = patch(
        &app,
        LIBRARY,
        id,
        alma,
        json!({"parent_email": email(254), "parent_consent": true}),
    )
    .await;
    assert_eq!(longest.status, StatusCode::OK, "{}", longest.text);
    assert_eq!(longest.json()["parent_consent"], true);
    let too_long = patch(
        &app,
        LIBRARY,
        id,
        alma,
        json!({"parent_email": email(255), "parent_consent": true}),
    )
    .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_long.json()["fields"][0]["problem"], "too_long");
    assert_eq!(row(&app, alma).await.parent_email, Some(email(254)));
    // Withdrawing consent removes the e-mail.
    let withdrawn = patch(&app, LIBRARY, id, alma, json!({"parent_consent": false})).await;
    assert!(withdrawn.json()["parent_email"].is_null());
    let r = row(&app, alma).await;
    assert_eq!(
        (r.parent_email, r.parent_consent_at, r.parent_consent_by),
        (None, None, None)
    );

    // The documented list keeps its shape.
    let list = pupils(&app, SCHOOL, id).await;
    assert!(
        list.iter()
            .all(|p| p.get("mitid").is_none() && p.get("digital_post").is_some())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_save_sent_thirty_times_at_once_leaves_one_consistent_record() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let all = pupils(&app, LIBRARY, id).await;
    let ids: Vec<String> = all.iter().map(|p| p["id"].to_string()).collect();
    let mut fields: Vec<(String, String)> = Vec::new();
    for (i, p) in ids.iter().enumerate() {
        fields.push(("pupil".into(), p.clone()));
        if i % 2 == 0 {
            fields.push((format!("attended-{p}"), "yes".into()));
            fields.push((
                format!("email-{p}"),
                format!("forælder{i}@example.dk").replace('æ', "ae"),
            ));
            fields.push((format!("consent-{p}"), "yes".into()));
        }
        fields.push((format!("mitid-{p}"), "not_now".into()));
    }
    let citizen = app.login(CITIZEN).await;
    let path = format!("/klasser/{id}/klasseark");
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(30));
    let mut tasks = Vec::new();
    for _ in 0..30 {
        let mut c = app.client();
        c.cookies = citizen.cookies.clone();
        let token = c.csrf().await;
        let mut form: Vec<(String, String)> = vec![("csrf".into(), token)];
        form.extend(fields.iter().cloned());
        let (path, barrier) = (path.clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            barrier.wait().await;
            c.post_raw(&path, &pairs).await.status
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert!(
        statuses.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    let rows = samvirke_store::entity::pupil::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    let class_rows: Vec<_> = rows.iter().filter(|r| r.class_id == id).collect();
    assert_eq!(class_rows.len(), 24, "no pupil added or lost");
    for (i, p) in ids.iter().enumerate() {
        let r = class_rows.iter().find(|r| r.id.to_string() == *p).unwrap();
        let even = i % 2 == 0;
        assert_eq!(r.attendance.is_some(), even);
        assert_eq!(r.parent_email.is_some(), even);
        assert_eq!(r.parent_consent_at.is_some(), even);
        assert_eq!(r.mitid, "not_now");
    }
}

#[tokio::test]
async fn the_run_sheet_shows_the_visit_and_the_three_groups() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let path = format!("/klasser/{id}/koereplan");

    let mut library = app.login(LIBRARY).await;
    let unplanned = library.get(&path).await;
    assert_eq!(unplanned.status, StatusCode::OK);
    assert!(unplanned.text.contains("Ikke planlagt endnu"));
    assert!(
        unplanned.text.contains("regnes i dag, 29.11.2026"),
        "counted on today"
    );

    let alma = pupil_id(&app, id, "Alma Holm").await;
    let anton = pupil_id(&app, id, "Anton Bach").await;
    patch(&app, CITIZEN, id, alma, json!({"mitid": "has"})).await;
    patch(&app, CITIZEN, id, anton, json!({"mitid": "wants_at_visit"})).await;
    plan_visit(&app, id).await;

    let sheet = library.get(&path).await;
    assert_eq!(sheet.status, StatusCode::OK);
    let text = &sheet.text;
    assert!(text.contains("9.12.2026"), "the visit's date");
    assert!(text.contains("Dragør Bibliotek"), "the place");
    assert!(text.contains("Hvad er digital sikkerhed?"), "the agenda");
    assert!(text.contains("MitID med Borgercentret (1)"));
    assert!(text.contains("Sikkerhedsspørgsmål og øvelser med biblioteket"));
    assert!(text.contains("Når du fylder 15 — med Borgercentret"));
    let mitid_group = text.split("MitID med Borgercentret (1)").nth(1).unwrap();
    let mitid_group = mitid_group.split("</section>").next().unwrap();
    assert!(mitid_group.contains("Anton Bach") && !mitid_group.contains("Alma Holm"));
    assert!(
        !text.contains("MitID: "),
        "the library sees groups, not MitID"
    );

    let mut citizen = app.login(CITIZEN).await;
    let sheet = citizen.get(&path).await;
    assert!(
        sheet
            .text
            .contains("Alma Holm <span class=\"samvirke-muted\">(MitID: Har MitID)")
    );

    let mut school = app.login(SCHOOL).await;
    assert_eq!(school.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut far = app.login(OTHER_COORDINATOR).await;
    assert_eq!(far.get(&path).await.status, StatusCode::NOT_FOUND);
}

async fn outbox(app: &TestApp) -> Vec<samvirke_store::entity::outbox::Model> {
    samvirke_store::entity::outbox::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn parents_who_consented_are_written_to_once_a_week_before_15() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let other = class_id(&app, "Dragør Skole", "9.B").await;
    // 29 November 2026: Victor turns 15 on 5 December, William on 20 December.
    import(
        &app,
        other,
        "Navn;Fødselsdato\nAnna Berg;3.12.2011\nBo Dam;4.12.2011\n",
    )
    .await;
    let consent = |email: &str| json!({"parent_email": email, "parent_consent": true});
    for (class, name, email) in [
        (id, "Victor Lykke", "victors.mor@example.dk"),
        (id, "William Bro", "williams.far@example.dk"),
        (other, "Anna Berg", "annas.mor@example.dk"),
    ] {
        let p = pupil_id(&app, class, name).await;
        let res = patch(&app, LIBRARY, class, p, consent(email)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    let before = outbox(&app).await.len();

    let (a, b) = tokio::join!(
        samvirke_service::classes::tell_parents_before_15(&app.core),
        samvirke_service::classes::tell_parents_before_15(&app.core)
    );
    assert_eq!(
        a.unwrap() + b.unwrap(),
        2,
        "Victor's and Anna's parents, once"
    );
    let again = samvirke_service::classes::tell_parents_before_15(&app.core)
        .await
        .unwrap();
    assert_eq!(again, 0, "never twice");
    let sent: Vec<_> = outbox(&app).await.into_iter().skip(before).collect();
    let mut to: Vec<&str> = sent.iter().map(|m| m.recipient.as_str()).collect();
    to.sort();
    assert_eq!(to, ["annas.mor@example.dk", "victors.mor@example.dk"]);
    let victor = sent
        .iter()
        .find(|m| m.recipient.starts_with("victor"))
        .unwrap();
    assert_eq!(victor.subject, "Victor fylder 15 år lørdag 5. december");
    assert!(victor.body.contains("Digital Post") && victor.body.contains("MitID"));
    assert!(!victor.body.contains("Lykke"), "the first name only");

    // A fortnight on, William's parent gets theirs; nobody else again.
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-14T08:00:00Z")
            .unwrap()
            .into(),
    );
    let later = samvirke_service::classes::tell_parents_before_15(&app.core)
        .await
        .unwrap();
    assert_eq!(later, 1);
    let all = outbox(&app).await;
    assert_eq!(all.len(), before + 3);
    assert!(
        all.iter().all(|m| !m.recipient.contains("bo")),
        "no consent, no message"
    );
}

#[tokio::test]
async fn the_citizen_service_sees_who_turns_15_soon() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let victor = pupil_id(&app, id, "Victor Lykke").await;
    patch(
        &app,
        LIBRARY,
        id,
        victor,
        json!({"parent_email": "mor@example.dk", "parent_consent": true}),
    )
    .await;
    let mut citizen = app.login(CITIZEN).await;
    assert!(
        citizen
            .get("/klasser")
            .await
            .text
            .contains("/klasser/fylder-15")
    );
    let page = citizen.get("/klasser/fylder-15").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Victor Lykke") && page.text.contains("5.12.2026"));
    assert!(page.text.contains("William Bro") && page.text.contains("20.12.2026"));
    assert!(!page.text.contains("Sofie Winther"), "already 15");
    assert!(
        page.text.contains("Sendes 29.11.2026."),
        "within the week: today"
    );
    assert!(
        page.text
            .contains("Ingen: forælderen har ikke givet samtykke.")
    );
    assert!(page.text.contains("Digital Post åbner"));

    let mut library = app.login(LIBRARY).await;
    assert!(
        !library
            .get("/klasser")
            .await
            .text
            .contains("/klasser/fylder-15")
    );
    assert_eq!(
        library.get("/klasser/fylder-15").await.status,
        StatusCode::FORBIDDEN
    );
    let mut school = app.login(SCHOOL).await;
    assert_eq!(
        school.get("/klasser/fylder-15").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn parents_e_mails_go_with_the_pupils_and_the_questions_count_stays() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let alma = pupil_id(&app, id, "Alma Holm").await;
    let res = patch(
        &app,
        LIBRARY,
        id,
        alma,
        json!({"asked_questions": true, "parent_email": "mor@example.dk", "parent_consent": true}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2027-08-01T08:00:00Z")
            .unwrap()
            .into(),
    );
    samvirke_service::retention::run(&app.core).await.unwrap();
    let rows = samvirke_store::entity::pupil::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    assert!(rows.iter().all(|r| r.parent_email.is_none()) && rows.is_empty());
    let class = samvirke_store::entity::school_class::Entity::find_by_id(id)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(class.asked_questions_kept, 1);
}
