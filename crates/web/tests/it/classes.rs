//! Class visits (issue 9): the school year's classes, who sees which pupils
//! and what of them, and importing a class list without keeping a CPR number.

use crate::support::{OTHER_COORDINATOR, Options, TestApp, api_token};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use samvirke_testkit::TestDb;
use sea_orm::EntityTrait;
use serde_json::Value;

async fn get(app: &TestApp, who: &str, path: &str) -> crate::support::Res {
    let t = api_token(app, who).await;
    app.client().api("GET", path, Some(&t), None).await
}

async fn classes(app: &TestApp, who: &str) -> Vec<Value> {
    let res = get(app, who, "/api/v1/classes").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json().as_array().unwrap().clone()
}

async fn class_id(app: &TestApp, school: &str, name: &str) -> i64 {
    classes(app, "bibliotek@dragoer.demo")
        .await
        .iter()
        .find(|c| c["school"] == school && c["name"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn import(
    app: &TestApp,
    who: &str,
    class: i64,
    query: &str,
    csv: Vec<u8>,
) -> crate::support::Res {
    let t = api_token(app, who).await;
    let req = Request::builder()
        .method("POST")
        .uri(format!("/api/v1/classes/{class}/pupils/import?{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {t}"))
        .header(header::CONTENT_TYPE, "text/csv")
        .body(Body::from(csv))
        .unwrap();
    app.client().send(req).await
}

#[tokio::test]
async fn each_sees_the_classes_that_are_theirs_to_see() {
    let app = TestApp::spawn().await;
    let all = classes(&app, "bibliotek@dragoer.demo").await;
    assert_eq!(all.len(), 8, "eight 9th-grade classes in three schools");
    assert!(all.iter().all(|c| c["school_year"] == "2026-27"));
    let dragoer = all
        .iter()
        .find(|c| c["school"] == "Dragør Skole" && c["name"] == "9.A")
        .unwrap();
    assert_eq!(dragoer["pupil_count"], 24);
    assert!(dragoer["visit"].is_null());

    let own = classes(&app, "skole@dragoer.demo").await;
    assert_eq!(own.len(), 3, "a school contact sees their own school's");
    assert!(own.iter().all(|c| c["school"] == "Dragør Skole"));
    assert_eq!(classes(&app, "mitid@dragoer.demo").await.len(), 8);
    assert!(classes(&app, OTHER_COORDINATOR).await.is_empty());

    let later = get(
        &app,
        "bibliotek@dragoer.demo",
        "/api/v1/classes?school_year=2027-28",
    )
    .await;
    assert_eq!(later.json().as_array().unwrap().len(), 0);
    let bad = get(
        &app,
        "bibliotek@dragoer.demo",
        "/api/v1/classes?school_year=2026-28",
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["fields"][0]["field"], "school_year");
}

#[tokio::test]
async fn pupils_show_what_each_organisation_may_see() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let path = format!("/api/v1/classes/{id}/pupils");

    let citizen_service = get(&app, "mitid@dragoer.demo", &path).await.json();
    let pupils = citizen_service.as_array().unwrap();
    assert_eq!(pupils.len(), 24);
    assert!(pupils.iter().all(|p| p["mitid"] == "unknown"));
    assert!(pupils.iter().all(|p| p.get("group").is_some()));
    // On 29 November 2026 the first pupil (born 9 January 2011) is 15.
    let first = pupils
        .iter()
        .find(|p| p["birth_date"] == "2011-01-09")
        .unwrap();
    assert_eq!(first["age_on_visit_day"], 15);
    assert_eq!(first["digital_post"], "active");
    assert_eq!(first["turns_15_on"], "2026-01-09");
    let last = pupils
        .iter()
        .find(|p| p["birth_date"] == "2011-12-20")
        .unwrap();
    assert_eq!(last["digital_post"], "turns_15_this_year");

    let library = get(&app, "bibliotek@dragoer.demo", &path).await.json();
    let first = &library.as_array().unwrap()[0];
    assert!(first.get("mitid").is_none(), "the library never sees MitID");
    assert!(
        first.get("group").is_some(),
        "but does see the visit day's group"
    );

    let school = get(&app, "skole@dragoer.demo", &path).await.json();
    let first = &school.as_array().unwrap()[0];
    assert!(first.get("mitid").is_none(), "nor does the school");
    assert!(first.get("group").is_none());
    assert!(first.get("digital_post").is_some(), "age alone decides it");

    let other_school = get(&app, "laerer-sms@dragoer.demo", &path).await;
    assert_eq!(other_school.status, StatusCode::NOT_FOUND);
    let other_place = get(&app, OTHER_COORDINATOR, &path).await;
    assert_eq!(other_place.status, StatusCode::NOT_FOUND);

    let log = samvirke_store::entity::audit_log::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    let reads = log
        .iter()
        .filter(|r| r.subject_kind == "class" && r.subject_id == id)
        .count();
    assert_eq!(reads, 3, "every read of the pupils is audit-logged");
}

async fn pupil_count(app: &TestApp, id: i64) -> Value {
    let all = classes(app, "bibliotek@dragoer.demo").await;
    all.iter().find(|c| c["id"] == id).unwrap()["pupil_count"].clone()
}

#[tokio::test]
async fn a_class_list_is_previewed_then_saved_and_bad_files_save_nothing() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.B").await;
    let csv = "\u{feff}Fornavn;Efternavn;Fødselsdato\n\
               Anna;Berg;14.3.2011\n\
               Bo;Dam;31.02.2011\n\
               Cecilie;Eng;2011-05-02\n"
        .as_bytes()
        .to_vec();
    let preview = import(&app, "skole@dragoer.demo", id, "dry_run=true", csv.clone()).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
    let body = preview.json();
    assert_eq!(body["imported"], 0);
    assert_eq!(body["accepted"], 2);
    assert_eq!(body["errors"][0]["line"], 3);
    assert_eq!(body["errors"][0]["problem"], "birth_date_invalid");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("birth date")
    );
    assert_eq!(pupil_count(&app, id).await, 0, "a preview saves nothing");

    let saved = import(&app, "skole@dragoer.demo", id, "dry_run=false", csv.clone()).await;
    assert_eq!(saved.json()["imported"], 2);
    assert_eq!(pupil_count(&app, id).await, 2);
    let again = import(&app, "skole@dragoer.demo", id, "replace=true", csv).await;
    assert_eq!(again.json()["imported"], 2);
    assert_eq!(
        pupil_count(&app, id).await,
        2,
        "replacing does not add twice"
    );

    // Whole files refused: nothing saved, a clear message.
    let binary = import(
        &app,
        "skole@dragoer.demo",
        id,
        "",
        vec![0, 159, 146, 150, 0, 1],
    )
    .await;
    assert_eq!(binary.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(binary.json()["error"], "unreadable_file");
    let no_names = import(
        &app,
        "skole@dragoer.demo",
        id,
        "",
        b"Klasse;Dato\n9.B;1.1.2011\n".to_vec(),
    )
    .await;
    assert_eq!(no_names.status, StatusCode::UNPROCESSABLE_ENTITY);
    let huge = import(
        &app,
        "skole@dragoer.demo",
        id,
        "",
        vec![b'a'; 10 * 1024 * 1024],
    )
    .await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(pupil_count(&app, id).await, 2);

    // Only the school's own contact, or a planner, changes the list.
    let other = import(
        &app,
        "laerer-sms@dragoer.demo",
        id,
        "",
        b"Navn;CPR\n".to_vec(),
    )
    .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let library_staff = import(
        &app,
        "bibliotekar@dragoer.demo",
        id,
        "",
        b"Navn;CPR\n".to_vec(),
    )
    .await;
    assert_eq!(
        library_staff.status,
        StatusCode::FORBIDDEN,
        "{}",
        library_staff.text
    );
}

#[tokio::test]
async fn of_a_cpr_number_only_the_birth_date_is_kept() {
    // On SQLite, a file of its own, so the bytes on disk can be searched;
    // PostgreSQL's files are not ours to read.
    let db = TestDb::on_disk().await;
    let file = db.dir().map(|d| d.join("samvirke.db"));
    let app = TestApp::spawn_on(db, Options::default()).await;
    let id = class_id(&app, "Nordstrandskolen", "9.A").await;
    let csv =
        "Navn\tCPR-nummer\nDitte Falk\t140311-4321\nEsben Gram\t0205114322\nFie Holm\t1403114\n";
    let res = import(
        &app,
        "bibliotek@dragoer.demo",
        id,
        "",
        csv.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json()["imported"], 2);
    let error = res.json()["errors"][0].clone();
    assert_eq!(error["line"], 4);
    assert!(
        !error.to_string().contains("1403114"),
        "an error never repeats the number"
    );

    let pupils = get(
        &app,
        "mitid@dragoer.demo",
        &format!("/api/v1/classes/{id}/pupils"),
    )
    .await;
    let text = pupils.text.clone();
    assert!(text.contains("2011-03-14") && text.contains("2011-05-02"));
    for cpr in ["1403114321", "4321", "0205114322", "4322"] {
        assert!(!text.contains(cpr), "no CPR digits in the answer");
    }
    if let Some(file) = &file {
        for (name, bytes) in ["", "-wal", "-shm"].iter().filter_map(|s| {
            let p = format!("{}{s}", file.display());
            std::fs::read(&p).ok().map(|b| (p, b))
        }) {
            for cpr in ["140311-4321", "1403114321", "0205114322", "020511-4322"] {
                assert!(
                    !bytes.windows(cpr.len()).any(|w| w == cpr.as_bytes()),
                    "{cpr} found in {name}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_school_contact_imports_a_class_list_through_the_pages() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.C").await;
    let other = class_id(&app, "Nordstrandskolen", "9.A").await;
    let mut contact = app.login("skole@dragoer.demo").await;

    let list = contact.get("/klasser").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text.contains("9.C") && !list.text.contains("Nordstrandskolen"));
    assert_eq!(
        contact.get(&format!("/klasser/{other}")).await.status,
        StatusCode::NOT_FOUND
    );

    let form = contact.get(&format!("/klasser/{id}/indlaes")).await;
    assert!(form.text.contains("enctype=\"multipart/form-data\""));
    let csv = "Navn;Fødselsdato\nGry Iversen;3.4.2011\nHans Juhl;3.4.11\n".as_bytes();
    let path = format!("/klasser/{id}/indlaes");
    let refused = contact
        .post_multipart(&path, false, &[], ("file", csv))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "an upload carries the CSRF token too"
    );

    let preview = contact
        .post_multipart(&path, true, &[], ("file", csv))
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
    assert!(preview.text.contains("Gry Iversen"));
    assert!(preview.text.contains("1 elev kan gemmes. 1 linje har fejl"));
    assert!(
        preview
            .text
            .contains("<td>3</td><td>Fødselsdatoen kan ikke læses")
    );
    assert_eq!(pupil_count(&app, id).await, 0, "a preview saves nothing");

    let empty = contact
        .post_multipart(&path, true, &[], ("file", b""))
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text.contains("Vælg filen med klasselisten"));
    let binary = contact
        .post_multipart(&path, true, &[], ("file", &[0u8, 1, 2][..]))
        .await;
    assert_eq!(binary.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        binary.text.contains("Fejl:"),
        "the title says something is wrong"
    );

    let saved = contact
        .post_form(
            &format!("/klasser/{id}/gem"),
            &[("name", "Gry Iversen"), ("birth_date", "2011-04-03")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(pupil_count(&app, id).await, 1);
    let page = contact.get(saved.location()).await;
    assert!(page.text.contains("Klasselisten er gemt") && page.text.contains("3.4.2011"));
    assert!(
        page.text.contains("regnes i dag, 29.11.2026"),
        "no visit yet: counted today"
    );
    assert!(!page.text.contains("MitID"), "the school never sees MitID");

    // A changed hidden field is checked again: digits are no name.
    let forged = contact
        .post_form(
            &format!("/klasser/{id}/gem"),
            &[("name", "140311-4321"), ("birth_date", "2011-03-14")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST, "a tampered form");
    assert_eq!(pupil_count(&app, id).await, 1);
}

#[tokio::test]
async fn pupils_are_deleted_after_the_school_year_and_their_counts_stay() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Dragør Skole", "9.A").await;
    let during = samvirke_service::retention::run(&app.core).await.unwrap();
    assert_eq!(during.classes, 0, "not during the school year");

    // 31 July 2027, the school year's last day: still kept.
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2027-07-31T20:00:00Z")
            .unwrap()
            .into(),
    );
    assert_eq!(
        samvirke_service::retention::run(&app.core)
            .await
            .unwrap()
            .classes,
        0
    );
    // 1 August 2027 (Copenhagen): deleted, once, whoever runs it.
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2027-07-31T22:30:00Z")
            .unwrap()
            .into(),
    );
    let (a, b) = tokio::join!(
        samvirke_service::retention::run(&app.core),
        samvirke_service::retention::run(&app.core)
    );
    assert_eq!(
        a.unwrap().classes + b.unwrap().classes,
        8,
        "all eight classes, once"
    );

    let pupils = samvirke_store::entity::pupil::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    assert!(pupils.is_empty(), "no pupil's name or birth date is left");
    let class = samvirke_store::entity::school_class::Entity::find_by_id(id)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(class.pupils_kept, 24, "the count stays for the reports");
    assert!(class.forgotten_at.is_some());
}

#[tokio::test]
async fn the_parent_letter_carries_the_citizen_services_own_text() {
    let app = TestApp::spawn().await;
    let id = class_id(&app, "Store Magleby Skole", "9.B").await;
    let mut teacher = app.login("laerer-sms@dragoer.demo").await;
    let letter = teacher.get(&format!("/klasser/{id}/foraeldrebrev")).await;
    assert_eq!(letter.status, StatusCode::OK);
    assert!(
        letter
            .text
            .contains("Kære forældre i 9.B på Store Magleby Skole")
    );
    assert!(letter.text.contains("Digital Post"));
    assert!(
        letter.text.contains("pas eller kørekort"),
        "the default text"
    );
    assert!(
        letter.text.contains("<textarea"),
        "a text to paste into Aula"
    );
    assert!(letter.text.contains("MitID"), "today's digital ID is named");
    let english = teacher
        .get(&format!("/klasser/{id}/foraeldrebrev?sprog=en"))
        .await;
    assert!(
        english
            .text
            .contains("Dear parents of 9.B at Store Magleby Skole")
    );
    assert!(english.text.contains("lang=\"en\""));

    // Only the citizen service's coordinators write the text.
    let mut library = app.login("bibliotek@dragoer.demo").await;
    assert_eq!(
        library.get("/klasser/medbring").await.status,
        StatusCode::FORBIDDEN
    );
    let mut citizen = app.login("borgercenter@dragoer.demo").await;
    assert!(
        citizen
            .get("/klasser")
            .await
            .text
            .contains("/klasser/medbring")
    );
    let empty = citizen
        .post_form(
            "/klasser/medbring",
            &[("text_da", "Pas."), ("text_en", " ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.text.contains(">Pas.</textarea>"),
        "what was typed is kept"
    );
    let saved = citizen
        .post_form(
            "/klasser/medbring",
            &[
                ("text_da", "Pas og sundhedskort, senest fra i år."),
                ("text_en", "Passport and health card, as of this year."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let letter = teacher.get(&format!("/klasser/{id}/foraeldrebrev")).await;
    assert!(
        letter
            .text
            .contains("Pas og sundhedskort, senest fra i år.")
    );
    let english = teacher
        .get(&format!("/klasser/{id}/foraeldrebrev?sprog=en"))
        .await;
    assert!(
        english
            .text
            .contains("Passport and health card, as of this year.")
    );
    let other_place = app
        .login(OTHER_COORDINATOR)
        .await
        .get(&format!("/klasser/{id}/foraeldrebrev"))
        .await;
    assert_eq!(other_place.status, StatusCode::NOT_FOUND);
}
