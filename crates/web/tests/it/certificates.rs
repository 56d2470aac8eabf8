//! The "Digital dåbsattest" (issue 9): a certificate per pupil, as a page
//! and as one tagged PDF for the class, read back here with a PDF library.

use crate::support::{OTHER_COORDINATOR, TestApp, api_token, t0};
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use lopdf::{Document, Object};
use samvirke_domain::{Attendance, OrgId};
use samvirke_store::entity::pupil;
use samvirke_store::{Scope, classes as q};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use tower::ServiceExt;

const COORDINATOR: &str = "bibliotek@dragoer.demo";

struct Pdf {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

/// A GET with a bearer token whose answer is kept as bytes (a PDF is no text).
async fn fetch(app: &TestApp, token: Option<&str>, path: &str, lang: &str) -> Pdf {
    let mut req = Request::get(path).header(header::ACCEPT_LANGUAGE, lang);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let res = app
        .router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Pdf {
        status,
        headers,
        bytes,
    }
}

async fn class_9a(app: &TestApp) -> (i64, Vec<pupil::Model>) {
    let scope = Scope::new(app.dragoer);
    let school = app.org_id(app.dragoer, "Dragør Skole").await;
    let class = q::classes(&app.core.db.read, scope, "2026-27", Some(OrgId(school)))
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.class.name == "9.A")
        .unwrap()
        .class
        .id;
    (
        class,
        q::pupils(&app.core.db.read, scope, class).await.unwrap(),
    )
}

fn path(class: i64) -> String {
    format!("/api/v1/classes/{class}/certificates.pdf")
}

fn read(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("a PDF a reader can open")
}

fn catalog_text(doc: &Document, key: &[u8]) -> String {
    match doc.catalog().unwrap().get(key).unwrap() {
        Object::String(s, _) => {
            lopdf::decode_text_string(&Object::String(s.clone(), lopdf::StringFormat::Literal))
                .unwrap()
        }
        other => panic!("{other:?}"),
    }
}

fn info_title(doc: &Document) -> String {
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let title = doc.get_dictionary(info).unwrap().get(b"Title").unwrap();
    lopdf::decode_text_string(title).unwrap()
}

fn has_embedded_font(doc: &Document) -> bool {
    doc.objects.values().any(|o| {
        let dict = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => return false,
        };
        dict.has(b"FontFile2") || dict.has(b"FontFile3")
    })
}

async fn mark(app: &TestApp, p: &pupil::Model, attendance: Attendance) {
    let code = match attendance {
        Attendance::Attended => "attended",
        Attendance::NoShow => "no_show",
    };
    pupil::ActiveModel {
        id: Set(p.id),
        attendance: Set(Some(code.into())),
        ..Default::default()
    }
    .update(&app.core.db.write)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_pdf_has_a_tagged_page_per_pupil_in_the_embedded_font() {
    let app = TestApp::spawn().await;
    let (class, pupils) = class_9a(&app).await;
    let token = api_token(&app, COORDINATOR).await;
    let res = fetch(&app, Some(&token), &path(class), "da").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        res.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"digitale-daabsattester-9-a-dragoer-skole.pdf\""
    );
    let doc = read(&res.bytes);
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 24, "nobody is marked yet: the whole class");
    assert_eq!(pupils.len(), 24);

    let catalog = doc.catalog().unwrap();
    assert!(catalog.has(b"StructTreeRoot"), "a structure tree");
    assert!(catalog.has(b"MarkInfo"), "marked as tagged");
    assert!(catalog.has(b"Outlines"), "an outline: a page per name");
    assert_eq!(catalog_text(&doc, b"Lang"), "da");
    assert_eq!(info_title(&doc), "Digitale dåbsattester, 9.A, Dragør Skole");
    let prefs = catalog
        .get(b"ViewerPreferences")
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(
        prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap(),
        "the title is the window's title"
    );
    assert!(has_embedded_font(&doc), "the font is embedded");
    let text = String::from_utf8_lossy(&res.bytes);
    assert!(
        text.contains("pdfuaid:part"),
        "claims PDF/UA-1 in its metadata"
    );
    assert!(
        text.contains("/H1") && text.contains("/P"),
        "headings and paragraphs"
    );

    // Page n holds the n-th pupil by name, with what they took part in.
    for (n, p) in [(1, &pupils[0]), (24, &pupils[23])] {
        let page = doc.extract_text(&[n]).unwrap();
        let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&p.name), "page {n}: {flat}");
        assert!(flat.contains("Digital dåbsattest"), "{flat}");
        assert!(
            flat.contains("Digital dåb og dannelse med 9.A på Dragør Skole"),
            "{flat}"
        );
        assert!(
            flat.contains("Dragør Bibliotek") && flat.contains("Borgercentret"),
            "{flat}"
        );
    }

    let log = samvirke_store::entity::audit_log::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    assert_eq!(
        log.iter()
            .filter(|r| r.purpose == "certificates" && r.subject_id == class)
            .count(),
        1,
        "the read of the pupils' names is audit-logged"
    );
}

#[tokio::test]
async fn in_english_the_pdf_says_so() {
    let app = TestApp::spawn().await;
    let (class, _) = class_9a(&app).await;
    let token = api_token(&app, "mitid@dragoer.demo").await;
    let res = fetch(&app, Some(&token), &path(class), "en").await;
    assert_eq!(res.status, StatusCode::OK);
    let doc = read(&res.bytes);
    assert_eq!(catalog_text(&doc, b"Lang"), "en");
    assert_eq!(info_title(&doc), "Digital certificates, 9.A, Dragør Skole");
    assert!(
        doc.extract_text(&[1])
            .unwrap()
            .contains("Digital certificate")
    );
}

#[tokio::test]
async fn once_marked_only_those_present_get_one() {
    let app = TestApp::spawn().await;
    let (class, pupils) = class_9a(&app).await;
    mark(&app, &pupils[0], Attendance::Attended).await;
    mark(&app, &pupils[5], Attendance::Attended).await;
    mark(&app, &pupils[1], Attendance::NoShow).await;
    let token = api_token(&app, "skole@dragoer.demo").await;
    let res = fetch(&app, Some(&token), &path(class), "da").await;
    assert_eq!(res.status, StatusCode::OK, "the school's own contact");
    let doc = read(&res.bytes);
    assert_eq!(doc.get_pages().len(), 2);
    let all = doc.extract_text(&[1, 2]).unwrap();
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&pupils[0].name) && flat.contains(&pupils[5].name));
    assert!(!flat.contains(&pupils[1].name), "absent: no certificate");

    let mut page = app.login(COORDINATOR).await;
    let html = page.get(&format!("/klasser/{class}/beviser")).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.text.contains("markeret som mødt på besøgsdagen"));
    assert!(html.text.contains(&pupils[5].name));
    assert!(!html.text.contains(&pupils[1].name));

    // Everyone absent: no certificate, and the page says why.
    for p in [&pupils[0], &pupils[5]] {
        mark(&app, p, Attendance::NoShow).await;
    }
    let none = fetch(&app, Some(&token), &path(class), "da").await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    let body: serde_json::Value = serde_json::from_slice(&none.bytes).unwrap();
    assert_eq!(body["error"], "no_certificates");
    let html = page.get(&format!("/klasser/{class}/beviser")).await;
    assert!(
        html.text
            .contains("Ingen elever er markeret som mødt, så der er ingen attester.")
    );
    assert!(
        !html.text.contains("beviser.pdf"),
        "no link to a PDF with nothing in it"
    );
}

#[tokio::test]
async fn only_the_school_and_those_who_run_the_visit_get_them() {
    let app = TestApp::spawn().await;
    let (class, _) = class_9a(&app).await;
    for (who, status) in [
        ("skole@dragoer.demo", StatusCode::OK),
        ("bibliotekar@dragoer.demo", StatusCode::OK),
        ("borgercenter@dragoer.demo", StatusCode::OK),
        // Another school's contact does not learn the class exists.
        ("laerer-sms@dragoer.demo", StatusCode::NOT_FOUND),
        // Nor does the social services' staff.
        ("social@dragoer.demo", StatusCode::NOT_FOUND),
        // The administration sees the classes, not the pupils' names.
        ("admin@dragoer.demo", StatusCode::FORBIDDEN),
        (OTHER_COORDINATOR, StatusCode::NOT_FOUND),
    ] {
        let token = api_token(&app, who).await;
        let res = fetch(&app, Some(&token), &path(class), "da").await;
        assert_eq!(res.status, status, "{who}");
        if status != StatusCode::OK {
            let body: serde_json::Value = serde_json::from_slice(&res.bytes).unwrap();
            assert!(body["error"].is_string(), "{who}: the API's error shape");
        }
    }
    let anonymous = fetch(&app, None, &path(class), "da").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let token = api_token(&app, COORDINATOR).await;
    for missing in [path(i64::MAX), path(-1)] {
        assert_eq!(
            fetch(&app, Some(&token), &missing, "da").await.status,
            StatusCode::NOT_FOUND
        );
    }
    let not_a_number = fetch(
        &app,
        Some(&token),
        "/api/v1/classes/9A/certificates.pdf",
        "da",
    )
    .await;
    assert_eq!(not_a_number.status, StatusCode::BAD_REQUEST);

    // The pages answer the same.
    let mut other_school = app.login("laerer-sms@dragoer.demo").await;
    for p in [
        format!("/klasser/{class}/beviser"),
        format!("/klasser/{class}/beviser.pdf"),
    ] {
        assert_eq!(
            other_school.get(&p).await.status,
            StatusCode::NOT_FOUND,
            "{p}"
        );
    }
}

#[tokio::test]
async fn a_class_without_pupils_has_no_pdf_and_says_why() {
    let app = TestApp::spawn().await;
    let scope = Scope::new(app.dragoer);
    let school = app.org_id(app.dragoer, "Dragør Skole").await;
    let empty = q::create_class(
        &app.core.db.write,
        scope,
        OrgId(school),
        "2026-27",
        "9.Z",
        t0(),
    )
    .await
    .unwrap()
    .id;
    let token = api_token(&app, COORDINATOR).await;
    let res = fetch(&app, Some(&token), &path(empty), "da").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let body: serde_json::Value = serde_json::from_slice(&res.bytes).unwrap();
    assert_eq!(body["error"], "no_certificates");
    assert!(body["message"].as_str().unwrap().contains("ingen elever"));

    let mut page = app.login(COORDINATOR).await;
    let html = page.get(&format!("/klasser/{empty}/beviser")).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.text.contains("Klassen har ingen elever endnu"));
    let pdf = page.get(&format!("/klasser/{empty}/beviser.pdf")).await;
    assert_eq!(pdf.status, StatusCode::SEE_OTHER);
    assert_eq!(pdf.location(), format!("/klasser/{empty}/beviser"));
}

#[tokio::test]
async fn the_page_lists_the_certificates_and_links_the_pdf() {
    let app = TestApp::spawn().await;
    let (class, pupils) = class_9a(&app).await;
    let mut page = app.login("borgercenter@dragoer.demo").await;
    let class_page = page.get(&format!("/klasser/{class}")).await;
    assert!(
        class_page
            .text
            .contains(&format!("href=\"/klasser/{class}/beviser\""))
    );
    let html = page.get(&format!("/klasser/{class}/beviser")).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.text
            .contains("Ingen elever er markeret som mødt endnu"),
        "printed in advance: said so"
    );
    assert!(
        html.text
            .contains(&format!("href=\"/klasser/{class}/beviser.pdf\""))
    );
    assert!(pupils.iter().all(|p| html.text.contains(&p.name)));
    assert_eq!(
        html.text
            .matches("<article class=\"samvirke-certificate\"")
            .count(),
        24
    );
    assert!(
        html.text.contains("Dato: ______________"),
        "no visit yet: a line to write the date on"
    );
    // The page's own PDF link answers a PDF in the page's language.
    let req = Request::get(format!("/klasser/{class}/beviser.pdf"))
        .header(
            header::COOKIE,
            page.cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
        .body(Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(read(&bytes).get_pages().len(), 24);
}

#[tokio::test]
async fn a_name_the_font_cannot_draw_still_gives_a_pdf() {
    let app = TestApp::spawn().await;
    let scope = Scope::new(app.dragoer);
    let (class, _) = class_9a(&app).await;
    let odd = [
        "Zoë 🎉 Ørnsø",
        "Nguyễn Thị Minh Khai",
        &"Langt Navn ".repeat(18),
    ];
    let pupils: Vec<_> = odd
        .iter()
        .map(|name| q::NewPupil {
            name,
            birth_date: chrono::NaiveDate::from_ymd_opt(2011, 5, 1).unwrap(),
        })
        .collect();
    q::add_pupils(&app.core.db.write, scope, class, &pupils, true, t0())
        .await
        .unwrap();
    let token = api_token(&app, COORDINATOR).await;
    let res = fetch(&app, Some(&token), &path(class), "da").await;
    assert_eq!(res.status, StatusCode::OK);
    let doc = read(&res.bytes);
    assert_eq!(doc.get_pages().len(), 3);
    let text = doc.extract_text(&[1, 2, 3]).unwrap();
    assert!(text.contains("Zoë ? Ørnsø"), "{text}");
}

#[tokio::test]
async fn thirty_at_once_all_get_the_same_pdf() {
    let app = TestApp::spawn().await;
    let (class, pupils) = class_9a(&app).await;
    // Three present: thirty drawings of a whole class would test the
    // machine's speed against the request timeout, not the answers.
    for p in &pupils[..3] {
        mark(&app, p, Attendance::Attended).await;
    }
    let token = api_token(&app, COORDINATOR).await;
    let all = futures_join_all(&app, &token, &path(class)).await;
    let statuses: Vec<_> = all.iter().map(|p| p.status).collect();
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert!(all.iter().all(|p| read(&p.bytes).get_pages().len() == 3));
}

async fn futures_join_all(app: &TestApp, token: &str, path: &str) -> Vec<Pdf> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..30 {
        let (router, token, path) = (app.router.clone(), token.to_string(), path.to_string());
        tasks.spawn(async move {
            let req = Request::get(&path)
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap();
            let res = router.oneshot(req).await.unwrap();
            let (status, headers) = (res.status(), res.headers().clone());
            let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap()
                .to_vec();
            Pdf {
                status,
                headers,
                bytes,
            }
        });
    }
    tasks.join_all().await
}

/// How long a class's PDF takes to draw: `cargo test -p samvirke-web --test
/// it --release certificates::timing -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "a measurement, not a check: prints the times"]
async fn timing() {
    let app = TestApp::spawn().await;
    let scope = Scope::new(app.dragoer);
    let (class, _) = class_9a(&app).await;
    let token = api_token(&app, COORDINATOR).await;
    for size in [25, 1_000] {
        let names: Vec<String> = (0..size)
            .map(|i| format!("Elev Nummer {i} Hansen"))
            .collect();
        let pupils: Vec<_> = names
            .iter()
            .map(|name| q::NewPupil {
                name,
                birth_date: chrono::NaiveDate::from_ymd_opt(2011, 5, 1).unwrap(),
            })
            .collect();
        q::add_pupils(&app.core.db.write, scope, class, &pupils, true, t0())
            .await
            .unwrap();
        let start = std::time::Instant::now();
        let res = fetch(&app, Some(&token), &path(class), "da").await;
        let took = start.elapsed();
        assert_eq!(res.status, StatusCode::OK);
        println!(
            "certificates: {size} pupils, {} KiB, {:.0} ms",
            res.bytes.len() / 1024,
            took.as_secs_f64() * 1000.0
        );
    }
}

#[tokio::test]
async fn the_api_document_describes_a_binary_pdf() {
    let app = TestApp::spawn().await;
    let doc = app
        .client()
        .api("GET", "/api/v1/openapi.json", None, None)
        .await
        .json();
    let op = &doc["paths"]["/api/v1/classes/{id}/certificates.pdf"]["get"];
    let ok = &op["responses"]["200"]["content"]["application/pdf"]["schema"];
    let schema = match ok.get("$ref").and_then(|r| r.as_str()) {
        Some(r) => &doc["components"]["schemas"][r.rsplit('/').next().unwrap()],
        None => ok,
    };
    assert_eq!(schema["type"], "string", "{ok}");
    assert_eq!(schema["format"], "binary");
    for status in ["401", "403", "404"] {
        assert!(op["responses"][status].is_object(), "{status} documented");
    }
}
