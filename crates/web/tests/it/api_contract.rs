//! The API keeps its contract (issue 6, points 9, 13 and 15): every error in
//! the JSON shape and in the OpenAPI document, unknown methods 405, lists
//! that grow paginated with a stable order, and no 500 from odd data.

use crate::support::{NewSession, TestApp, api_token as token, demo_session};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, Duration, Utc};
use samvirke_domain::OrgId;
use samvirke_service::sessions::{self as svc, SignupInput};
use samvirke_store::sessions as q;
use samvirke_store::{Scope, orgs};
use serde_json::json;
use std::collections::HashSet;

async fn send(app: &TestApp, method: &str, path: &str) -> crate::support::Res {
    let req = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .unwrap();
    app.client().send(req).await
}

fn content_type(res: &crate::support::Res) -> &str {
    res.headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn link(res: &crate::support::Res) -> Option<String> {
    res.headers
        .get(header::LINK)
        .map(|v| v.to_str().unwrap().to_string())
}

/// The target of a `Link: <…>; rel="next"` header.
fn next_target(link: &str) -> String {
    assert!(link.ends_with(">; rel=\"next\""), "{link}");
    link.trim_start_matches('<')
        .split_once('>')
        .unwrap()
        .0
        .to_string()
}

/// A public session of the demo programme `days` ahead (at the same hour
/// for the same `days`), open for sign-up now.
async fn session_at(app: &TestApp, days: i64, capacity: i32) -> i64 {
    let s = NewSession::seats(capacity).in_days(days);
    demo_session(app, s.closes_before(Duration::hours(1))).await
}

async fn sign_up_many(app: &TestApp, session: i64, n: usize) {
    for k in 0..n {
        let input = SignupInput {
            name: format!("Deltager {k}"),
            email: format!("deltager{k}@eksempel.dk"),
            ..Default::default()
        };
        svc::sign_up(&app.core, app.dragoer, session, &input, None)
            .await
            .unwrap();
    }
}

// ---------------------------------------------------------------- point 15

#[tokio::test]
async fn extractor_rejections_are_json_errors() {
    let app = TestApp::spawn().await;
    let t = token(&app, "bibliotek@dragoer.demo").await;
    let mut c = app.client();
    for (path, bearer) in [
        ("/api/v1/sessions/abc", None),
        ("/api/v1/sessions/99999999999999999999999", None),
        ("/api/v1/sessions/abc/registrations", Some(t.as_str())),
        ("/api/v1/sessions?programme=abc", None),
        ("/api/v1/sessions?limit=many", None),
    ] {
        let res = c.api("GET", path, bearer, None).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}: {}", res.text);
        assert_eq!(content_type(&res), "application/json", "{path}");
        assert_eq!(res.json()["error"], "bad_request", "{path}");
    }
    let res = c
        .api(
            "POST",
            "/api/v1/sessions/abc/registrations",
            None,
            Some("{}"),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json()["error"], "bad_request");
}

#[tokio::test]
async fn unknown_methods_answer_405_with_allow() {
    let app = TestApp::spawn().await;
    for (method, path, allow) in [
        ("TRACE", "/healthz", "GET"),
        ("POST", "/healthz", "GET"),
        ("TRACE", "/api/v1/sessions", "POST"),
        ("PUT", "/api/v1/sessions/1", "GET"),
        ("DELETE", "/api/v1/registrations/cancel", "POST"),
        ("GET", "/api/v1/auth/token", "POST"),
    ] {
        let res = send(&app, method, path).await;
        assert_eq!(
            res.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}: {}",
            res.text
        );
        assert_eq!(content_type(&res), "application/json", "{method} {path}");
        assert_eq!(res.json()["error"], "method_not_allowed");
        let allowed = res.headers[header::ALLOW].to_str().unwrap();
        assert!(allowed.contains(allow), "{method} {path}: Allow {allowed}");
    }
    // Pages too, before the CSRF guard could refuse them.
    for (method, path) in [("TRACE", "/"), ("PUT", "/dashboard"), ("DELETE", "/login")] {
        let res = send(&app, method, path).await;
        assert_eq!(
            res.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert!(res.headers.contains_key(header::ALLOW));
        assert!(
            res.text.contains("Det kan du ikke gøre her"),
            "{method} {path}"
        );
    }
    // A form without its token is still refused.
    let res = app
        .client()
        .post_raw("/login", &[("email", "x"), ("password", "y")])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

/// Pages change state only by POST: the CSRF guard checks POST, and lets
/// other methods through to the router's 405. A page route with another
/// method would slip past the guard, so none may exist.
#[test]
fn pages_route_only_get_and_post() {
    let lib =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/router.rs")).unwrap();
    let start = lib.find("Router::new()").expect("the route table");
    let end = lib[start..].find(".with_state(state)").unwrap() + start;
    let table = &lib[start..end];
    assert!(table.contains(".route(\"/login\", get(auth::login_form).post(auth::login))"));
    for method in [
        "put", "delete", "patch", "trace", "any", "on", "connect", "options",
    ] {
        for before in ['.', '(', ' '] {
            let call = format!("{before}{method}(");
            assert!(!table.contains(&call), "a page route uses {method}");
        }
    }
}

#[tokio::test]
async fn the_openapi_document_lists_every_error_and_bound() {
    let app = TestApp::spawn().await;
    let doc = app.client().get("/api/v1/openapi.json").await.json();
    let paths = doc["paths"].as_object().unwrap();
    let mut operations = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                continue;
            }
            operations += 1;
            let responses = op["responses"].as_object().unwrap();
            let has = |s: &str| responses.contains_key(s);
            if op.get("requestBody").is_some() {
                for s in ["400", "413", "415", "422"] {
                    assert!(has(s), "{method} {path} lacks {s}");
                }
            }
            if op["parameters"].as_array().is_some_and(|p| !p.is_empty()) {
                assert!(has("400"), "{method} {path} lacks 400");
            }
            if op["security"].as_array().is_some_and(|s| !s.is_empty()) {
                assert!(has("401"), "{method} {path} lacks 401");
            }
            for (status, r) in responses {
                if status.starts_with('4') {
                    assert_eq!(
                        r["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
    assert!(operations >= 10);
    let schemas = &doc["components"]["schemas"];
    let reg = &schemas["RegistrationRequest"]["properties"];
    assert_eq!(reg["name"]["maxLength"], 120);
    assert_eq!(reg["needs_other"]["maxLength"], 500);
    let session = &schemas["SessionRequest"]["properties"];
    assert_eq!(session["capacity"]["minimum"], 1);
    assert_eq!(session["capacity"]["maximum"], 10000);
    assert_eq!(session["starts_at"]["format"], "date-time");
    let enums = serde_json::to_string(&schemas["NeedName"]).unwrap();
    assert!(enums.contains("hearing_loop") && enums.contains("wheelchair"));
    let list = &paths["/api/v1/sessions"]["get"];
    let limit = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .expect("limit is documented");
    assert_eq!(limit["schema"]["maximum"], 500);
    assert!(list["responses"]["200"]["headers"]["Link"].is_object());
    assert!(list["responses"]["422"].is_object());
}

// ---------------------------------------------------------------- point 13

/// Follows `Link` headers from `first`; every page's items, in order.
async fn walk(app: &TestApp, first: &str, bearer: Option<&str>) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_string());
    while let Some(path) = next {
        let res = app.client().api("GET", &path, bearer, None).await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.text);
        pages.push(
            res.json()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["id"].as_i64().unwrap())
                .collect(),
        );
        next = link(&res).map(|l| next_target(&l));
        assert!(pages.len() < 100, "the pages never end");
    }
    pages
}

#[tokio::test]
async fn api_sessions_come_in_pages_with_every_session_once() {
    let app = TestApp::spawn().await;
    // Five at the very same time: the id breaks the tie.
    let mut made = Vec::new();
    for _ in 0..5 {
        made.push(session_at(&app, 20, 10).await);
    }
    for d in 21..24 {
        made.push(session_at(&app, d, 10).await);
    }
    let all = app.client().get("/api/v1/sessions?limit=500").await;
    assert!(link(&all).is_none(), "one page holds them all");
    let all: Vec<i64> = all
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_i64().unwrap())
        .collect();
    assert!(made.iter().all(|id| all.contains(id)));
    assert!(all.len() >= 11);

    // From the cache (no filter) and from the database (a filter), alike.
    for first in [
        "/api/v1/sessions?limit=2".to_string(),
        "/api/v1/sessions?limit=3&from=2026-11-29".to_string(),
    ] {
        let pages = walk(&app, &first, None).await;
        let walked: Vec<i64> = pages.iter().flatten().copied().collect();
        assert_eq!(walked, all, "{first}");
        let size = if first.contains("limit=2") { 2 } else { 3 };
        assert!(pages.iter().all(|p| p.len() <= size));
        assert!(pages[..pages.len() - 1].iter().all(|p| p.len() == size));
    }
    // The filter stays on the next page.
    let p = app
        .client()
        .get("/api/v1/sessions?limit=1&programme=999999")
        .await;
    assert_eq!(p.json(), json!([]));
    assert!(link(&p).is_none());
    let res = app
        .client()
        .get("/api/v1/sessions?limit=2&to=2099-01-01")
        .await;
    assert!(link(&res).unwrap().contains("to=2099-01-01"));
    // The default page is 100.
    assert!(link(&app.client().get("/api/v1/sessions").await).is_none());
}

#[tokio::test]
async fn page_bounds_are_422_in_the_json_shape() {
    let app = TestApp::spawn().await;
    let t = token(&app, "bibliotek@dragoer.demo").await;
    let id = session_at(&app, 20, 10).await;
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=-1", "limit"),
        ("after=bm90LWEtY3Vyc29y", "after"),
        ("after=!!", "after"),
    ] {
        for path in [
            format!("/api/v1/sessions?{query}"),
            format!("/api/v1/sessions/{id}/registrations?{query}"),
        ] {
            let res = app.client().api("GET", &path, Some(&t), None).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
            let body = res.json();
            assert_eq!(body["error"], "invalid");
            assert_eq!(body["fields"][0]["field"], field, "{path}");
        }
    }
    let res = app.client().get("/api/v1/sessions?limit=500").await;
    assert_eq!(res.status, StatusCode::OK);
}

#[tokio::test]
async fn api_participants_come_in_pages_with_everyone_once() {
    let app = TestApp::spawn().await;
    let t = token(&app, "bibliotek@dragoer.demo").await;
    let id = session_at(&app, 20, 4).await;
    sign_up_many(&app, id, 7).await;
    let pages = walk(
        &app,
        &format!("/api/v1/sessions/{id}/registrations?limit=3"),
        Some(&t),
    )
    .await;
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![3, 3, 1]
    );
    let walked: Vec<i64> = pages.into_iter().flatten().collect();
    let unique: HashSet<i64> = walked.iter().copied().collect();
    assert_eq!(unique.len(), 7);
    assert!(walked.windows(2).all(|w| w[0] < w[1]), "by id");
    // Exactly full: no next page.
    let res = app
        .client()
        .api(
            "GET",
            &format!("/api/v1/sessions/{id}/registrations?limit=7"),
            Some(&t),
            None,
        )
        .await;
    assert_eq!(res.json().as_array().unwrap().len(), 7);
    assert!(link(&res).is_none());
}

fn unescape(href: &str) -> String {
    href.replace("&amp;", "&").replace("&#38;", "&")
}

/// Every id a page links to with `prefix` (e.g. `/sessions/`), and the next page.
fn ids_and_next(text: &str, prefix: &str) -> (Vec<String>, Option<String>) {
    let ids = text
        .split(&format!("href=\"{prefix}"))
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_digit())
                .collect::<String>()
        })
        .filter(|id| !id.is_empty())
        .collect();
    let next = text.split("rel=\"next\"").next().and_then(|before| {
        text.contains("rel=\"next\"")
            .then(|| before.rsplit("href=\"").next().unwrap())
            .map(|h| unescape(h.split('"').next().unwrap()))
    });
    (ids, next)
}

#[tokio::test]
async fn staff_session_list_has_next_pages_with_every_session_once() {
    let app = TestApp::spawn().await;
    for d in 0..60 {
        session_at(&app, 20 + d / 3, 10).await;
    }
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let mut seen = Vec::new();
    let mut next = Some("/sessions".to_string());
    let mut pages = 0;
    while let Some(path) = next {
        let res = coord.get(&path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        let (ids, n) = ids_and_next(&res.text, "/sessions/");
        seen.extend(ids);
        next = n;
        pages += 1;
        if pages > 1 {
            assert!(res.text.contains("Første side"));
        }
        assert!(pages < 20);
    }
    assert!(pages >= 2, "over 50 sessions take more than one page");
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no session twice");
    assert!(seen.len() >= 60);
}

#[tokio::test]
async fn participants_and_waiting_list_have_next_pages() {
    let app = TestApp::spawn().await;
    let id = session_at(&app, 20, 52).await;
    sign_up_many(&app, id, 104).await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let first = coord.get(&format!("/sessions/{id}")).await;
    assert_eq!(first.status, StatusCode::OK);
    // The counts are whole, not one page's.
    assert!(first.text.contains("Tilmeldt: 52."));
    assert!(first.text.contains("På venteliste: 52."));
    let names = |text: &str| -> Vec<String> {
        text.split("<span class=\"samvirke-name\">Deltager ")
            .skip(1)
            .map(|r| r.split('<').next().unwrap().to_string())
            .collect()
    };
    let mut all = names(&first.text);
    assert_eq!(all.len(), 100, "a page of each list");
    for name in ["deltagere", "venteliste"] {
        let marker = format!("?{name}=");
        let link = first
            .text
            .split("href=\"")
            .find(|h| h.starts_with(&format!("/sessions/{id}{marker}")))
            .unwrap_or_else(|| panic!("a next page of {name}"))
            .split('"')
            .next()
            .unwrap();
        let link = unescape(link);
        let page = coord.get(&link).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Første side"));
        if name == "deltagere" {
            // Check-in on the second page comes back to the second page.
            let after = link
                .split(&marker)
                .nth(1)
                .unwrap()
                .split('#')
                .next()
                .unwrap();
            assert!(
                page.text
                    .contains(&format!("name=\"deltagere\" value=\"{after}\""))
            );
            let reg: String = page
                .text
                .split("id=\"deltager-")
                .nth(1)
                .unwrap()
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            let res = coord
                .post_form(
                    &format!("/sessions/{id}/deltagere/{reg}"),
                    &[("attendance", "attended"), ("deltagere", after)],
                )
                .await;
            assert_eq!(res.status, StatusCode::SEE_OTHER);
            assert_eq!(
                res.location(),
                format!("/sessions/{id}?deltagere={after}#deltager-{reg}")
            );
        }
        let more = names(&page.text);
        // The other list starts over; this one goes on with the two left.
        assert_eq!(more.len(), 52, "{name}");
        all.extend(more);
    }
    let unique: HashSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), 104, "everyone, each once");
}

#[tokio::test]
async fn the_audit_log_has_next_pages() {
    let app = TestApp::spawn().await;
    let me = app.staff_id("bibliotek@dragoer.demo").await;
    let org = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    // More than the 500 the page once cut the log at, without saying so.
    for k in 0..520 {
        samvirke_store::audit::record(
            &app.core.db.write,
            Scope::new(app.dragoer),
            samvirke_store::audit::AuditEntry {
                org: OrgId(org),
                actor: samvirke_domain::StaffId(me),
                purpose: "participant_list",
                subject_kind: "session",
                subject_id: 9_000_000 + k,
                data_owner: None,
            },
            app.core.now(),
        )
        .await
        .unwrap();
    }
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let mut seen = Vec::new();
    let mut next = Some("/audit".to_string());
    while let Some(path) = next {
        let res = coord.get(&path).await;
        assert_eq!(res.status, StatusCode::OK);
        seen.extend(
            res.text
                .split(" #9")
                .skip(1)
                .map(|r| r.chars().take(7).collect::<String>()),
        );
        next = ids_and_next(&res.text, "/nothing/").1;
        assert!(seen.len() < 2000);
    }
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(seen.len(), 520, "every entry");
    assert_eq!(unique.len(), 520, "each once");
}

#[tokio::test]
async fn the_outbox_page_has_next_pages() {
    let app = TestApp::spawn().await;
    let org = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let before = samvirke_store::outbox::list_for_org(
        &app.core.db.read,
        Scope::new(app.dragoer),
        OrgId(org),
        10_000,
    )
    .await
    .unwrap()
    .len();
    // More than the 200 the page once cut the outbox at.
    for k in 0..210 {
        samvirke_store::outbox::enqueue(
            &app.core.db.write,
            Scope::new(app.dragoer),
            samvirke_store::outbox::NewMessage {
                org: OrgId(org),
                recipient: "modtager@eksempel.dk",
                subject: &format!("Emne nummer {k:03}"),
                body: "Hej",
                ics: None,
                secret: None,
            },
            app.core.now(),
        )
        .await
        .unwrap();
    }
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let (mut seen, mut rows, mut pages) = (Vec::new(), 0, 0);
    let mut next = Some("/outbox".to_string());
    while let Some(path) = next {
        let res = coord.get(&path).await;
        assert_eq!(res.status, StatusCode::OK);
        seen.extend(
            res.text
                .split("Emne nummer ")
                .skip(1)
                .map(|r| r.chars().take(3).collect::<String>()),
        );
        rows += res.text.matches("<tr><td>").count();
        next = ids_and_next(&res.text, "/nothing/").1;
        pages += 1;
        assert!(pages < 20);
    }
    assert!(pages >= 2);
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!((seen.len(), unique.len()), (210, 210), "every message once");
    assert_eq!(rows, 210 + before, "no row lost or repeated");
}

// ----------------------------------------------------------------- point 9

#[tokio::test]
async fn a_partner_twice_is_a_field_error_not_a_500() {
    let app = TestApp::spawn().await;
    let t = token(&app, "bibliotek@dragoer.demo").await;
    let partner = app.org_id(app.dragoer, "Borgercentret").await;
    let lib = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let body = json!({
        "title": "Dobbelt partner",
        "target_group": "Alle",
        "partners": [
            { "organisation_id": partner, "level": "view" },
            { "organisation_id": partner, "level": "run" }
        ],
        "agenda": [{ "title": "Velkomst", "minutes": 10, "organisation_id": lib }]
    });
    let res = app
        .client()
        .api(
            "POST",
            "/api/v1/programmes",
            Some(&t),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    let body = res.json();
    assert_eq!(body["fields"][0]["field"], "partners");
    assert_eq!(body["fields"][0]["problem"], "duplicate");

    // The form: the same partner field twice.
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let key = format!("partner-{partner}");
    let res = coord
        .post_form(
            "/programmes/new",
            &[
                ("title", "Dobbelt partner"),
                ("target_group", "Alle"),
                (&key, "view"),
                (&key, "run"),
                ("agenda-0-title", "Velkomst"),
                ("agenda-0-minutes", "10"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Du har valgt det samme to gange"));
    assert!(res.text.contains("value=\"Dobbelt partner\""), "kept");
}

#[tokio::test]
async fn dates_before_2000_or_after_2100_are_422() {
    let app = TestApp::spawn().await;
    let t = token(&app, "bibliotek@dragoer.demo").await;
    let scope = Scope::new(app.dragoer);
    let p = q::programme_by_title(&app.core.db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let site = orgs::site_by_name(&app.core.db.read, scope, "Dragør Bibliotek")
        .await
        .unwrap()
        .unwrap();
    let ok = json!({
        "programme_id": p.id, "site_id": site.id, "capacity": 10,
        "starts_at": "2027-01-10T14:00:00+01:00", "ends_at": "2027-01-10T16:00:00+01:00"
    });
    for (field, value) in [
        ("starts_at", "1999-12-31T10:00:00+01:00"),
        ("ends_at", "2101-01-01T10:00:00+01:00"),
        ("signup_opens_at", "1970-01-01T00:00:00Z"),
        ("signup_closes_at", "9999-12-31T23:00:00Z"),
    ] {
        let mut body = ok.clone();
        body[field] = json!(value);
        let res = app
            .client()
            .api(
                "POST",
                "/api/v1/sessions",
                Some(&t),
                Some(&body.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let errors = res.json()["fields"].clone();
        assert!(
            errors
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["field"] == field && f["problem"] == "date_out_of_range"),
            "{field}: {errors}"
        );
    }
    let res = app
        .client()
        .api("POST", "/api/v1/sessions", Some(&t), Some(&ok.to_string()))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);

    for query in [
        "from=1999-12-31",
        "to=2101-01-01",
        "from=0001-01-01T00:00:00Z",
    ] {
        let res = app.client().get(&format!("/api/v1/sessions?{query}")).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(res.json()["fields"][0]["problem"], "date_out_of_range");
    }

    // The form keeps what was typed and says why.
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    for date in ["31.12.1999", "1.1.2101", "2200-01-01"] {
        let res = coord
            .post_form(
                &format!("/programmes/{}/sessions", p.id),
                &[
                    ("date", date),
                    ("start", "14.00"),
                    ("end", "16.00"),
                    ("capacity", "20"),
                    ("site", &site.id.to_string()),
                    ("public", "yes"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{date}");
        assert!(res.text.contains("mellem år 2000 og 2100"), "{date}");
        assert!(res.text.contains(&format!("value=\"{date}\"")), "{date}");
    }
}

#[tokio::test]
async fn far_off_times_do_no_unchecked_arithmetic() {
    let app = TestApp::spawn().await;
    // A reminder lead far beyond any calendar: no overflow, nothing due.
    let n = svc::send_due_reminders(&app.core, Duration::MAX)
        .await
        .unwrap();
    assert_eq!(n, 0);
    // A stored session at the edge of the range and an agenda of odd
    // lengths still gives a run sheet, not a 500.
    let id = session_at(&app, 0, 10).await;
    let late: DateTime<Utc> = DateTime::parse_from_rfc3339("2100-12-31T22:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let s = samvirke_store::entity::event_session::Entity::find_by_id(id)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    let mut s: samvirke_store::entity::event_session::ActiveModel = s.into();
    s.starts_at = Set(late);
    s.ends_at = Set(late + Duration::hours(1));
    s.update(&app.core.db.write).await.unwrap();
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    for path in [
        format!("/sessions/{id}"),
        format!("/sessions/{id}/koereplan"),
    ] {
        let res = coord.get(&path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn a_254_character_email_signs_up() {
    let app = TestApp::spawn().await;
    let id = session_at(&app, 20, 10).await;
    let email = format!(
        "{}@{}.{}.{}.dk",
        "a".repeat(64),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(58)
    );
    assert_eq!(email.chars().count(), 254);
    let body = json!({ "name": "Lang Adresse", "email": email });
    let res = app
        .client()
        .api(
            "POST",
            &format!("/api/v1/sessions/{id}/registrations"),
            None,
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    // And the same address again is recognised.
    let res = app
        .client()
        .api(
            "POST",
            &format!("/api/v1/sessions/{id}/registrations"),
            None,
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(res.json()["error"], "already_registered");
}
