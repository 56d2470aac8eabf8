//! Feedback after a session: the thank-you e-mail goes once, the day
//! after, to those who came and left an e-mail, even when the job runs
//! twice or in parallel; its link works once; the room's QR form is open
//! only around the session; answers keep no link to the person.

use crate::reach_data::{programme, session, signup};
use crate::support::{TestApp, t0};
use axum::http::StatusCode;
use chrono::Duration;
use samvirke_testkit::sql;

struct Setup {
    session: i64,
    programme: i64,
}

/// A session of the library that ended yesterday: a@ came, b@ did not,
/// a walk-in without e-mail came, d@ was not marked; and one ending today.
async fn setup(app: &TestApp) -> Setup {
    let lib = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let site: i64 = sql::one(
        &app.core.db.read,
        "SELECT MIN(id) FROM site WHERE organisation_id = $1",
        vec![lib.into()],
    )
    .await;
    let p = programme(app, lib, "Tilbagemelding: kaffe og kryds", "Seniorer").await;
    let start = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339();
    let yesterday = session(app, p, lib, site, &start(t0() - Duration::days(1)), false).await;
    signup(
        app,
        yesterday,
        Some("a@example.dk"),
        "confirmed",
        Some("attended"),
    )
    .await;
    signup(
        app,
        yesterday,
        Some("b@example.dk"),
        "confirmed",
        Some("no_show"),
    )
    .await;
    signup(app, yesterday, None, "confirmed", Some("attended")).await;
    signup(app, yesterday, Some("d@example.dk"), "confirmed", None).await;
    let today = session(app, p, lib, site, &start(t0() - Duration::hours(3)), false).await;
    signup(
        app,
        today,
        Some("e@example.dk"),
        "confirmed",
        Some("attended"),
    )
    .await;
    Setup {
        session: yesterday,
        programme: p,
    }
}

async fn thanks_queued(app: &TestApp) -> Vec<String> {
    sql::column::<String>(
        &app.core.db.read,
        "SELECT recipient FROM outbox WHERE subject LIKE 'Tak fordi du kom%' ORDER BY id",
        vec![],
    )
    .await
}

#[tokio::test]
async fn the_thank_you_email_goes_once_the_day_after_to_those_who_came() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let first = samvirke_service::feedback::send_thanks(&app.core)
        .await
        .unwrap();
    let second = samvirke_service::feedback::send_thanks(&app.core)
        .await
        .unwrap();
    assert_eq!((first, second), (1, 0));
    // Only a@ (came, has an e-mail); today's session waits for tomorrow.
    assert_eq!(thanks_queued(&app).await, ["a@example.dk"]);
    let body: String = sql::one(
        &app.core.db.read,
        "SELECT body FROM outbox WHERE subject LIKE 'Tak fordi du kom%'",
        vec![],
    )
    .await;
    assert!(
        body.contains(&format!(
            "/tilbagemelding/{}",
            samvirke_service::mail::LINK_SECRET
        )),
        "{body}"
    );
    // Tomorrow the session of today is thanked for, and still nobody twice.
    app.clock.advance(Duration::days(1));
    samvirke_service::feedback::send_thanks(&app.core)
        .await
        .unwrap();
    assert_eq!(thanks_queued(&app).await, ["a@example.dk", "e@example.dk"]);
}

#[tokio::test]
async fn the_thank_you_email_goes_once_when_many_jobs_run_at_once() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let mut jobs = Vec::new();
    for _ in 0..30 {
        let core = app.core.clone();
        jobs.push(tokio::spawn(async move {
            samvirke_service::feedback::send_thanks(&core)
                .await
                .unwrap()
        }));
    }
    let mut total = 0;
    for j in jobs {
        total += j.await.unwrap();
    }
    assert_eq!(total, 1);
    assert_eq!(thanks_queued(&app).await, ["a@example.dk"]);
}

/// Sends the queued e-mail and returns the path of the link in it.
async fn mailed_link(app: &TestApp) -> String {
    let dir = std::env::temp_dir().join(format!(
        "samvirke-feedback-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    let transport = samvirke_service::mail::Transport::Files(dir.clone());
    samvirke_service::mail::deliver_due(
        &app.core,
        &transport,
        "Samvirke <noreply@samvirke.invalid>",
    )
    .await
    .unwrap();
    let mut eml = String::new();
    for f in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path())
            .unwrap()
            .replace("=\r\n", "");
        if text.contains("/tilbagemelding/") {
            eml = text;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let at = eml.find("/tilbagemelding/").expect("a link in the e-mail");
    eml[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect()
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

#[tokio::test]
async fn the_emailed_link_works_once_and_keeps_no_link_to_the_person() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    samvirke_service::feedback::send_thanks(&app.core)
        .await
        .unwrap();
    let link = mailed_link(&app).await;
    let mut c = app.client();
    let form = c.get(&link).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("type=\"radio\" id=\"score-5\""));
    assert!(form.text.contains("5 – Rigtig godt"));
    // No score: the error summary, and the typed text is kept.
    let res = c.post_form(&link, &[("text", "Godt med kaffe")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("<title>Fejl:"));
    assert!(res.text.contains(">Godt med kaffe</textarea>"));
    let long = "x".repeat(1001);
    let res = c.post_form(&link, &[("score", "4"), ("text", &long)]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = c.post_form(&link, &[("score", "9")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Many at once: one answer is kept.
    let mut posts = Vec::new();
    for _ in 0..30 {
        let mut c = app.client();
        let link = link.clone();
        posts.push(tokio::spawn(async move {
            c.post_form(&link, &[("score", "4"), ("text", "Godt med kaffe")])
                .await
                .location()
                .to_string()
        }));
    }
    let mut thanked = 0;
    for p in posts {
        let to = p.await.unwrap();
        assert!(to.starts_with("/tilbagemelding/tak"), "{to}");
        thanked += usize::from(to == "/tilbagemelding/tak");
    }
    assert_eq!(thanked, 1);
    let again = c.get(&link).await;
    assert!(
        again
            .text
            .contains("Tak, vi har allerede fået din tilbagemelding")
    );
    let done = c.get("/tilbagemelding/tak?allerede=1").await;
    assert_eq!(done.status, StatusCode::OK);
    let rows: Vec<i16> = sql::column(
        &app.core.db.read,
        "SELECT score FROM feedback_response WHERE session_id = $1",
        vec![s.session.into()],
    )
    .await;
    assert_eq!(rows, [4]);
    // The answer's row names no person, sign-up or invitation.
    let columns = if app.core.db.backend == samvirke_store::Backend::Postgres {
        sql::column::<String>(&app.core.db.read, "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'feedback_response' ORDER BY 1", vec![]).await
    } else {
        sql::column::<String>(
            &app.core.db.read,
            "SELECT name FROM pragma_table_info('feedback_response') ORDER BY 1",
            vec![],
        )
        .await
    };
    assert_eq!(
        columns,
        [
            "created_on",
            "id",
            "municipality_id",
            "score",
            "session_id",
            "text",
            "via"
        ]
    );
    // Staff see it on the session's and the programme's results.
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    let page = staff
        .get(&format!("/sessions/{}/tilbagemelding", s.session))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Godt med kaffe"));
    let page = staff
        .get(&format!("/programmes/{}/tilbagemelding", s.programme))
        .await;
    assert!(page.text.contains("Godt med kaffe"));
    // Not another organisation that is no partner.
    let mut other = app.login("skole@dragoer.demo").await;
    let page = other
        .get(&format!("/sessions/{}/tilbagemelding", s.session))
        .await;
    assert!(
        matches!(page.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        page.status
    );
    // A made-up link finds nothing.
    assert_eq!(
        c.get("/tilbagemelding/abcdefghijklmnopqrstuvwxyz")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_room_sheet_leads_to_an_anonymous_form_open_only_around_the_session() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    let sheet = staff
        .get(&format!("/sessions/{}/tilbagemelding/ark", s.session))
        .await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(
        sheet
            .text
            .contains("<svg role=\"img\" aria-labelledby=\"feedback-qr-title\"")
    );
    let at = sheet.text.find("/tilbagemelding/rum/").unwrap();
    let path: String = sheet.text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect();
    // Printing again keeps the same code.
    let again = staff
        .get(&format!("/sessions/{}/tilbagemelding/ark", s.session))
        .await;
    assert!(again.text.contains(&path));
    let mut phone = app.client();
    assert_eq!(phone.get(&path).await.status, StatusCode::OK);
    let res = phone
        .post_form(&path, &[("score", "5"), ("text", "")])
        .await;
    assert_eq!(res.location(), "/tilbagemelding/tak");
    let res = phone.post_form(&path, &[("score", "3")]).await;
    assert_eq!(res.location(), "/tilbagemelding/tak");
    let scores: Vec<i16> = sql::column(
        &app.core.db.read,
        "SELECT score FROM feedback_response WHERE session_id = $1 AND via = 'room' ORDER BY score",
        vec![s.session.into()],
    )
    .await;
    assert_eq!(scores, [3, 5]);
    // A week after the end the form is closed.
    app.clock.advance(Duration::days(8));
    assert_eq!(phone.get(&path).await.status, StatusCode::GONE);
    let res = phone.post_form(&path, &[("score", "5")]).await;
    assert_eq!(res.status, StatusCode::GONE);
}

#[tokio::test]
async fn the_room_form_is_throttled_per_address() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    let sheet = staff
        .get(&format!("/sessions/{}/tilbagemelding/ark", s.session))
        .await;
    let at = sheet.text.find("/tilbagemelding/rum/").unwrap();
    let path: String = sheet.text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect();
    let mut phone = app.client();
    let mut statuses = Vec::new();
    for _ in 0..60 {
        statuses.push(phone.post_form(&path, &[("score", "5")]).await.status);
    }
    // Ten answers, then "too many" from this phone.
    assert!(
        statuses[..10].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    assert!(
        statuses[10..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let stored: i64 = sql::one(
        &app.core.db.read,
        "SELECT COUNT(*) FROM feedback_response WHERE session_id = $1",
        vec![s.session.into()],
    )
    .await;
    assert_eq!(stored, 10);
}
