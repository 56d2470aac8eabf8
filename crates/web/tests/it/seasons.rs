//! The season plan of class visits (issue 9): a proposal for the demo's
//! eight classes, conflicts of an edited plan, confirming as closed
//! sessions in the staff's calendar feeds, 409 when something changed
//! meanwhile or when thirty confirms race, and who may plan.

use crate::support::{OTHER_COORDINATOR, TestApp, api_token};
use axum::http::StatusCode;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Weekday};
use samvirke_store::{Scope, sessions as q};
use serde_json::{Value, json};
use std::sync::Arc;

const PLANNER: &str = "bibliotek@dragoer.demo";
const PLAN: &str = "/api/v1/seasons/2026-27/plan";
const CONFIRM: &str = "/api/v1/seasons/2026-27/plan/confirm";

async fn post(app: &TestApp, who: &str, path: &str, body: Option<&Value>) -> crate::support::Res {
    let t = api_token(app, who).await;
    let body = body.map(Value::to_string);
    app.client()
        .api("POST", path, Some(&t), body.as_deref())
        .await
}

async fn propose(app: &TestApp) -> Value {
    let res = post(app, PLANNER, PLAN, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json()
}

fn at(v: &Value, key: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(v[key].as_str().unwrap()).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A visit moved to another day, keeping its times of day.
fn moved(v: &Value, to: NaiveDate) -> Value {
    let shift = |key: &str| {
        let t = at(v, key);
        let days = (to - t.date_naive()).num_days();
        (t + chrono::Duration::days(days)).to_rfc3339()
    };
    let mut out = v.clone();
    out["starts_at"] = json!(shift("starts_at"));
    out["ends_at"] = json!(shift("ends_at"));
    out
}

fn codes(res: &crate::support::Res) -> Vec<(i64, String)> {
    res.json()["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["class_id"].as_i64().unwrap(),
                c["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_demo_plan_places_all_eight_classes_on_school_days_with_nobody_twice() {
    let app = TestApp::spawn().await;
    let plan = propose(&app).await;
    let visits = plan["visits"].as_array().unwrap();
    assert_eq!(visits.len(), 8, "{plan}");
    assert!(plan["unplaced"].as_array().unwrap().is_empty(), "{plan}");
    let library = app.staff_id("bibliotek@dragoer.demo").await;
    let librarian = app.staff_id("bibliotekar@dragoer.demo").await;
    let easter_2027 = day(2027, 3, 20)..=day(2027, 3, 29);
    for v in visits {
        let (start, end) = (at(v, "starts_at"), at(v, "ends_at"));
        let date = start.date_naive();
        assert!(date > day(2026, 11, 29), "no day that has passed: {v}");
        assert!(date <= day(2027, 4, 30));
        assert!(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun));
        assert!(
            !(day(2026, 12, 21)..=day(2027, 1, 1)).contains(&date),
            "Christmas: {v}"
        );
        assert!(
            !(day(2027, 2, 13)..=day(2027, 2, 21)).contains(&date),
            "winter week 7: {v}"
        );
        assert!(!easter_2027.contains(&date), "Easter: {v}");
        assert!(start.hour() * 60 + start.minute() >= 8 * 60 + 15);
        assert!(end.hour() * 60 + end.minute() <= 11 * 60 + 45);
        assert_eq!((end - start).num_minutes(), 90);
        let staff = v["staff"].as_array().unwrap();
        assert!(
            staff
                .iter()
                .any(|s| s["organisation"] == "Dragør Bibliotek")
        );
        assert!(staff.iter().any(|s| s["organisation"] == "Borgercentret"));
        assert!(staff.iter().all(|s| {
            let id = s["id"].as_i64().unwrap();
            s["organisation"] != "Dragør Bibliotek" || id == library || id == librarian
        }));
    }
    for (i, a) in visits.iter().enumerate() {
        for b in &visits[i + 1..] {
            let overlap =
                at(a, "starts_at") < at(b, "ends_at") && at(b, "starts_at") < at(a, "ends_at");
            let shared = a["staff"].as_array().unwrap().iter().any(|s| {
                b["staff"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t["id"] == s["id"])
            });
            assert!(!(overlap && shared), "double-booked: {a} {b}");
        }
    }
    // Nothing is saved by a proposal.
    let t = api_token(&app, PLANNER).await;
    let classes = app
        .client()
        .api("GET", "/api/v1/classes", Some(&t), None)
        .await;
    assert!(
        classes
            .json()
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["visit"].is_null())
    );
}

#[tokio::test]
async fn an_edited_plan_shows_its_conflicts_and_a_clean_one_is_saved_as_closed_sessions() {
    let app = TestApp::spawn().await;
    let plan = propose(&app).await;
    let visits = plan["visits"].as_array().unwrap().clone();
    let first = visits[0]["class_id"].as_i64().unwrap();
    let second = visits[1]["class_id"].as_i64().unwrap();

    // Onto a Christmas holiday day, and a second class onto the first's time and staff.
    let mut edited = visits.clone();
    edited[0] = moved(&visits[0], day(2026, 12, 22));
    let mut clash = visits[0].clone();
    clash["class_id"] = json!(second);
    edited[1] = clash;
    edited[0]["staff"] = visits[0]["staff"].clone();
    let res = post(&app, PLANNER, CONFIRM, Some(&json!({ "visits": edited }))).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    assert_eq!(res.json()["error"], "plan_conflicts");
    let found = codes(&res);
    assert!(
        found.contains(&(first, "school_holiday".into())),
        "{found:?}"
    );
    // The second class is now at the first one's original time: the first
    // moved away, so no double booking; put both on the same time instead.
    let mut twice = visits.clone();
    let mut same = visits[0].clone();
    same["class_id"] = json!(second);
    twice[1] = same;
    let res = post(&app, PLANNER, CONFIRM, Some(&json!({ "visits": twice }))).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    let found = codes(&res);
    assert!(
        found.contains(&(first, "double_booked".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&(second, "double_booked".into())),
        "{found:?}"
    );
    let t = api_token(&app, PLANNER).await;
    let classes = app
        .client()
        .api("GET", "/api/v1/classes", Some(&t), None)
        .await;
    assert!(
        classes
            .json()
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["visit"].is_null()),
        "nothing saved on a conflict"
    );

    // The proposal as it is: eight closed sessions.
    let res = post(&app, PLANNER, CONFIRM, Some(&json!({ "visits": visits }))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let ids: Vec<i64> = res.json()["session_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 8);
    let scope = Scope::new(app.dragoer);
    for id in &ids {
        let s = q::session(&app.core.db.read, scope, *id)
            .await
            .unwrap()
            .unwrap();
        assert!(!s.public, "a class visit is a closed session");
        let staffed = q::assignments(&app.core.db.read, scope, &[*id])
            .await
            .unwrap();
        assert!(staffed.len() >= 2, "both organisations' parts are staffed");
    }
    let public = app.client().get("/api/v1/sessions").await.json();
    assert!(
        !public.to_string().contains("Digital dåb"),
        "not in the public list"
    );

    // The school contact sees its classes' dates, on the list and the page.
    let t = api_token(&app, "skole@dragoer.demo").await;
    let own = app
        .client()
        .api("GET", "/api/v1/classes", Some(&t), None)
        .await
        .json();
    let own = own.as_array().unwrap();
    assert_eq!(own.len(), 3);
    assert!(own.iter().all(|c| !c["visit"].is_null()), "{own:?}");
    let mut school = app.login("skole@dragoer.demo").await;
    let page = school.get("/klasser").await;
    assert!(!page.text.contains("Ikke planlagt endnu"), "{}", page.text);

    // The staff's calendar feed holds the visit.
    let librarian_visit = visits.iter().find(|v| {
        v["staff"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["organisation"] == "Borgercentret")
    });
    assert!(librarian_visit.is_some());
    let person = visits[0]["staff"][0]["id"].as_i64().unwrap();
    let email =
        samvirke_store::staff::get(&app.core.db.read, scope, samvirke_domain::StaffId(person))
            .await
            .unwrap()
            .unwrap()
            .email;
    let mut staff = app.login(&email).await;
    let page = staff.post_form("/account/calendar", &[]).await;
    let start = page.text.find("/kalender/medarbejder/").unwrap();
    let path: String = page.text[start..]
        .chars()
        .take_while(|c| *c != '<')
        .collect();
    let feed = app.client().get(&path).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.text.contains("Digital dåb og dannelse"),
        "{}",
        feed.text
    );
    let stamp = at(&visits[0], "starts_at")
        .with_timezone(&chrono::Utc)
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    assert!(
        feed.text.contains(&stamp),
        "the visit's start {stamp} in the feed"
    );

    // Confirmed visits are kept as they are; confirming again is a conflict.
    let again = propose(&app).await;
    assert_eq!(again["visits"], json!(visits));
    let res = post(&app, PLANNER, CONFIRM, Some(&json!({ "visits": visits }))).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(codes(&res).contains(&(first, "class_twice".into())));
}

#[tokio::test]
async fn a_session_saved_meanwhile_for_the_same_person_stops_the_confirm() {
    let app = TestApp::spawn().await;
    let plan = propose(&app).await;
    let visit = plan["visits"][0].clone();
    let class = visit["class_id"].as_i64().unwrap();
    let person = visit["staff"][0]["id"].as_i64().unwrap();
    // Another session at the same time, with the same person on it.
    let scope = Scope::new(app.dragoer);
    let senior = q::programme_by_title(&app.core.db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let item = q::agenda(&app.core.db.read, scope, senior.id)
        .await
        .unwrap()[0]
        .id;
    let site = samvirke_store::orgs::list_sites(&app.core.db.read, scope)
        .await
        .unwrap()[0]
        .id;
    let (start, end) = (at(&visit, "starts_at"), at(&visit, "ends_at"));
    let s = q::create_session(
        &app.core.db.write,
        scope,
        q::NewSession {
            programme_id: senior.id,
            org: samvirke_domain::OrgId(senior.organisation_id),
            site_id: site,
            starts_at: start.to_utc(),
            ends_at: end.to_utc(),
            capacity: 10,
            signup_opens_at: start.to_utc(),
            signup_closes_at: start.to_utc(),
            public: false,
        },
        app.core.now(),
    )
    .await
    .unwrap();
    q::assign_staff(&app.core.db.write, scope, s.id, item, person)
        .await
        .unwrap();
    let res = post(&app, PLANNER, CONFIRM, Some(&json!({ "visits": [visit] }))).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    let c = &res.json()["conflicts"][0];
    assert_eq!(c["class_id"], class);
    assert_eq!(c["code"], "busy");
    assert_eq!(c["staff_id"], person);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_confirms_at_once_for_one_class_give_one_visit() {
    let app = TestApp::spawn().await;
    let plan = propose(&app).await;
    let visit = plan["visits"][0].clone();
    let class = visit["class_id"].as_i64().unwrap();
    let body = json!({ "visits": [visit] }).to_string();
    let token = api_token(&app, PLANNER).await;
    let barrier = Arc::new(tokio::sync::Barrier::new(30));
    let tasks: Vec<_> = (0..30)
        .map(|_| {
            let mut client = app.client();
            let (barrier, body, token) = (barrier.clone(), body.clone(), token.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                client.api("POST", CONFIRM, Some(&token), Some(&body)).await
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap().status);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        29,
        "{statuses:?}"
    );
    let scope = Scope::new(app.dragoer);
    let saved = samvirke_store::seasons::saved_visits(&app.core.db.read, scope, &[class])
        .await
        .unwrap();
    assert_eq!(saved.len(), 1);
    let programme = q::programme_by_title(&app.core.db.read, scope, "Digital dåb og dannelse")
        .await
        .unwrap()
        .unwrap();
    let sessions = q::sessions(
        &app.core.db.read,
        scope,
        &q::SessionFilter {
            from: None,
            to: None,
            programme_id: Some(programme.id),
            site_id: None,
            public_only: false,
            include_cancelled: true,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        sessions.len(),
        1,
        "no session left over from a refused confirm"
    );
}

#[tokio::test]
async fn only_the_visits_coordinators_plan_and_ids_of_elsewhere_are_unknown() {
    let app = TestApp::spawn().await;
    let plan = propose(&app).await;
    let visit = plan["visits"][0].clone();
    let one = json!({ "visits": [visit.clone()] });
    for who in [
        "skole@dragoer.demo",
        "bibliotekar@dragoer.demo",
        "dragoerskole@dragoer.demo",
    ] {
        assert_eq!(
            post(&app, who, PLAN, None).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        assert_eq!(
            post(&app, who, CONFIRM, Some(&one)).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    assert_eq!(
        post(&app, "borgercenter@dragoer.demo", PLAN, None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        post(&app, "admin@dragoer.demo", PLAN, None).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.client().api("POST", PLAN, None, None).await.status,
        StatusCode::UNAUTHORIZED
    );

    // Another municipality's coordinator has no classes here, and Dragør's are unknown to it.
    let far = post(&app, OTHER_COORDINATOR, PLAN, None).await;
    assert_eq!(far.status, StatusCode::OK, "{}", far.text);
    assert_eq!(far.json()["visits"], json!([]));
    let res = post(&app, OTHER_COORDINATOR, CONFIRM, Some(&one)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);

    let field = |res: &crate::support::Res| res.json()["fields"][0]["field"].clone();
    for bad in ["2026-28", "2026", "abcd-ef", "1999-00"] {
        let path = format!("/api/v1/seasons/{bad}/plan");
        let res = post(&app, PLANNER, &path, None).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(field(&res), "school_year");
    }
    let mut unknown_class = visit.clone();
    unknown_class["class_id"] = json!(999_999);
    let mut unknown_staff = visit.clone();
    unknown_staff["staff"] = json!([{ "id": 999_999 }]);
    let mut backwards = visit.clone();
    backwards["ends_at"] = visit["starts_at"].clone();
    let mut far_future = visit.clone();
    far_future["starts_at"] = json!("2150-01-04T08:15:00+01:00");
    far_future["ends_at"] = json!("2150-01-04T09:45:00+01:00");
    let cases = [
        (json!({ "visits": [] }), "visits"),
        (json!({ "visits": [unknown_class] }), "class_id"),
        (json!({ "visits": [unknown_staff] }), "staff"),
        (json!({ "visits": [backwards] }), "ends_at"),
        (json!({ "visits": [far_future] }), "starts_at"),
    ];
    for (body, name) in cases {
        let res = post(&app, PLANNER, CONFIRM, Some(&body)).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            res.text
        );
        assert_eq!(field(&res), name, "{}", res.text);
    }
    let many: Vec<Value> = (0..501).map(|_| visit.clone()).collect();
    let res = post(&app, PLANNER, CONFIRM, Some(&json!({ "visits": many }))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A person named twice is staffed once, not a 500.
    let mut twice = visit.clone();
    let mut staff = visit["staff"].as_array().unwrap().clone();
    staff.push(staff[0].clone());
    twice["staff"] = json!(staff);
    let res = post(&app, PLANNER, CONFIRM, Some(&json!({ "visits": [twice] }))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

/// The form's fields as the page fills them, for the rows in order.
fn form_of(visits: &[Value]) -> Vec<(String, String)> {
    let mut fields = vec![("school_year".to_owned(), "2026-27".to_owned())];
    for v in visits {
        let (start, end) = (at(v, "starts_at"), at(v, "ends_at"));
        let person = |org: &str| {
            v["staff"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["organisation"] == org)
                .map_or(String::new(), |s| s["id"].to_string())
        };
        fields.push(("class_id".into(), v["class_id"].to_string()));
        fields.push(("date".into(), start.date_naive().to_string()));
        fields.push(("start".into(), start.format("%H:%M").to_string()));
        fields.push(("end".into(), end.format("%H:%M").to_string()));
        fields.push(("library".into(), person("Dragør Bibliotek")));
        fields.push(("citizen".into(), person("Borgercentret")));
    }
    fields
}

fn with_action(fields: &[(String, String)], action: &str) -> Vec<(String, String)> {
    let mut out = fields.to_vec();
    out.push(("action".into(), action.into()));
    out
}

fn refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[tokio::test]
async fn the_season_page_proposes_checks_and_confirms_without_javascript() {
    let app = TestApp::spawn().await;
    let visits = propose(&app).await["visits"].as_array().unwrap().clone();
    let mut coordinator = app.login(PLANNER).await;
    let list = coordinator.get("/klasser").await;
    assert!(
        list.text.contains("href=\"/saeson?skoleaar=2026-27\""),
        "linked from the classes"
    );
    let page = coordinator.get("/saeson?skoleaar=2026-27").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("Forslag til besøg"));
    assert!(page.text.contains("Dage, der er gået, foreslås aldrig"));
    assert_eq!(page.text.matches("name=\"class_id\"").count(), 8);
    assert!(page.text.contains("Tjek") && page.text.contains("Bekræft"));

    // A visit moved onto Christmas: "Tjek" lists the conflict on its row and at the top.
    let mut fields = form_of(&visits);
    let date_of_first = fields.iter().position(|(k, _)| k == "date").unwrap();
    fields[date_of_first].1 = "2026-12-22".into();
    let checked = coordinator
        .post_form("/saeson", &refs(&with_action(&fields, "check")))
        .await;
    assert_eq!(checked.status, StatusCode::CONFLICT, "{}", checked.text);
    assert_eq!(
        checked
            .text
            .matches("Datoen ligger i en skoleferie.")
            .count(),
        2,
        "row and summary"
    );
    assert!(
        checked.text.contains("value=\"2026-12-22\""),
        "what was typed is kept"
    );
    // Confirming with the conflict is refused and saves nothing.
    let refused = coordinator
        .post_form("/saeson", &refs(&with_action(&fields, "confirm")))
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.text.contains("Datoen ligger i en skoleferie."));
    // A date that cannot be read is a field error.
    fields[date_of_first].1 = "22.12".into();
    let bad = coordinator
        .post_form("/saeson", &refs(&with_action(&fields, "check")))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Fixed: "Tjek" is clean, "Bekræft" saves and says so.
    let fields = form_of(&visits);
    let clean = coordinator
        .post_form("/saeson", &refs(&with_action(&fields, "check")))
        .await;
    assert_eq!(clean.status, StatusCode::OK, "{}", clean.text);
    assert!(clean.text.contains("Ingen konflikter"));
    let saved = coordinator
        .post_form("/saeson", &refs(&with_action(&fields, "confirm")))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let after = coordinator.get(saved.location()).await;
    assert!(after.text.contains("Besøgene er gemt"));
    assert!(after.text.contains("Besøg, der allerede er bekræftet"));
    assert_eq!(after.text.matches("name=\"class_id\"").count(), 0);

    // The school contact sees the dates, and may not plan.
    let mut school = app.login("skole@dragoer.demo").await;
    let own = school.get("/klasser").await;
    assert!(!own.text.contains("Ikke planlagt endnu"));
    assert!(
        !own.text.contains("href=\"/saeson?"),
        "no link to the plan for whom may not plan"
    );
    assert!(
        own.text.contains("href=\"/saeson/indstillinger\""),
        "its visit days"
    );
    assert_eq!(school.get("/saeson").await.status, StatusCode::FORBIDDEN);
}

fn calendar_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("first_school_week", "33"),
        ("last_visit_day", "30.4"),
        ("autumn_week", "42"),
        ("christmas_from", "21.12"),
        ("christmas_to", "1.1"),
        ("winter_week", "7"),
        ("easter", "on"),
        ("extra_first", ""),
        ("extra_last", ""),
    ];
    for (k, v) in changes {
        fields.retain(|(name, _)| name != k);
        fields.push((k, v));
    }
    fields
}

#[tokio::test]
async fn calendar_and_school_settings_shape_the_plan_within_bounds() {
    let app = TestApp::spawn().await;
    let mut coordinator = app.login("borgercenter@dragoer.demo").await;
    let page = coordinator.get("/saeson/indstillinger").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("value=\"33\"") && page.text.contains("value=\"30.4\""));
    // A closed week in January, and winter holiday in week 8.
    let closed = calendar_form(&[
        ("winter_week", "8"),
        ("extra_first", "2027-01-04"),
        ("extra_last", "2027-01-29"),
    ]);
    let saved = coordinator
        .post_form("/saeson/indstillinger/kalender", &closed)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let page = coordinator.get("/saeson/indstillinger").await;
    assert!(
        page.text.contains("Behold 4.1.2027–29.1.2027"),
        "{}",
        page.text
    );
    for (field, value) in [
        ("first_school_week", "99"),
        ("last_visit_day", "31.2"),
        ("christmas_from", "jul"),
        ("autumn_week", "7"),
        ("extra_last", "2027-01-01"),
    ] {
        let mut bad = calendar_form(&[(field, value)]);
        if field == "extra_last" {
            bad.retain(|(k, _)| *k != "extra_first");
            bad.push(("extra_first", "2027-02-01"));
        }
        let res = coordinator
            .post_form("/saeson/indstillinger/kalender", &bad)
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        assert!(
            res.text.contains(&format!("href=\"#{field}\"")),
            "{field}: summarised"
        );
        assert!(
            res.text.contains(&format!("value=\"{value}\"")),
            "{field}: kept"
        );
    }

    // The school contact sets its own school's days; not another's, nor the calendar.
    let dragoer_skole = app.org_id(app.dragoer, "Dragør Skole").await.to_string();
    let magleby = app
        .org_id(app.dragoer, "Store Magleby Skole")
        .await
        .to_string();
    let mut school = app.login("skole@dragoer.demo").await;
    let page = school.get("/saeson/indstillinger").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.text.contains("Store Magleby Skole"),
        "only its own school"
    );
    let tuesdays = |id: &str| {
        vec![
            ("school_id", id.to_owned()),
            ("weekday", "tue".to_owned()),
            ("window_start", "09:00".to_owned()),
            ("window_end", "12:00".to_owned()),
            ("visit_minutes", "90".to_owned()),
        ]
    };
    let form =
        |f: &[(&'static str, String)]| f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let own = form(&tuesdays(&dragoer_skole));
    let own_refs: Vec<(&str, &str)> = own.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = school
        .post_form("/saeson/indstillinger/skole", &own_refs)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let other = form(&tuesdays(&magleby));
    let other_refs: Vec<(&str, &str)> = other.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = school
        .post_form("/saeson/indstillinger/skole", &other_refs)
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = school
        .post_form("/saeson/indstillinger/kalender", &calendar_form(&[]))
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    for (field, value) in [
        ("visit_minutes", "5"),
        ("window_end", "09:30"),
        ("window_start", "ni"),
    ] {
        let mut bad = own.clone();
        bad.retain(|(k, _)| *k != field);
        bad.push((field, value.to_owned()));
        let refs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = school.post_form("/saeson/indstillinger/skole", &refs).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
    }

    // The plan keeps to both.
    let plan = propose(&app).await;
    let visits = plan["visits"].as_array().unwrap();
    assert_eq!(visits.len(), 8, "{plan}");
    let t = api_token(&app, PLANNER).await;
    let classes = app
        .client()
        .api("GET", "/api/v1/classes", Some(&t), None)
        .await
        .json();
    let at_dragoer_skole: Vec<i64> = classes
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["school"] == "Dragør Skole")
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    for v in visits {
        let start = at(v, "starts_at");
        let date = start.date_naive();
        assert!(
            !(day(2027, 1, 4)..=day(2027, 1, 29)).contains(&date),
            "closed: {v}"
        );
        assert!(
            !(day(2027, 2, 20)..=day(2027, 2, 28)).contains(&date),
            "winter week 8: {v}"
        );
        if at_dragoer_skole.contains(&v["class_id"].as_i64().unwrap()) {
            assert_eq!(date.weekday(), Weekday::Tue, "{v}");
            assert!(start.hour() >= 9, "{v}");
        }
    }
}
