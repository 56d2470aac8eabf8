//! E-mail leaves through a real SMTP conversation on loopback; a refused
//! message is retried later and delivered exactly once.

use crate::smtp::SmtpServer;
use crate::support::TestApp;
use axum::http::StatusCode;
use chrono::Duration;
use samvirke_service::mail::{DeliveryReport, Transport, backoff, deliver_due};
use samvirke_store::outbox;

const FROM: &str = "Samvirke <noreply@dragoer.test>";

async fn create_staff(app: &TestApp, email: &str) {
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let res = coord
        .post_form(
            "/staff/new",
            &[
                ("name", "Ny Kollega"),
                ("email", email),
                ("role", "staff"),
                ("password", "en-lang-adgangskode"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
}

#[tokio::test]
async fn welcome_mail_is_delivered_over_smtp() {
    let app = TestApp::spawn().await;
    let (server, url) = SmtpServer::start().await;
    let transport = Transport::smtp(&url).unwrap();
    create_staff(&app, "ny.kollega@dragoer.demo").await;

    let report = deliver_due(&app.core, &transport, FROM).await.unwrap();
    assert_eq!(
        report,
        DeliveryReport {
            sent: 1,
            retried: 0,
            gave_up: 0
        }
    );
    let got = server.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["<ny.kollega@dragoer.demo>".to_string()]);
    assert_eq!(got[0].from, "<noreply@dragoer.test>");
    assert!(got[0].data.contains("Subject: Du er oprettet i Samvirke"));
    assert!(
        !got[0].data.contains("en-lang-adgangskode"),
        "the password is never mailed"
    );

    // Staff see it as sent.
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let page = coord.get("/outbox").await;
    assert!(page.text.contains("ny.kollega@dragoer.demo"));
    assert!(page.text.contains("Sendt"));

    // Nothing more to send.
    assert_eq!(
        deliver_due(&app.core, &transport, FROM).await.unwrap(),
        DeliveryReport::default()
    );
    assert_eq!(server.messages().len(), 1);
}

#[tokio::test]
async fn a_refused_message_is_retried_with_backoff_and_sent_once() {
    let app = TestApp::spawn().await;
    let (server, url) = SmtpServer::start().await;
    let transport = Transport::smtp(&url).unwrap();
    create_staff(&app, "retry@dragoer.demo").await;

    server.refuse_next(2);
    assert_eq!(
        deliver_due(&app.core, &transport, FROM)
            .await
            .unwrap()
            .retried,
        1
    );
    // Not due yet: nothing is tried.
    assert_eq!(
        deliver_due(&app.core, &transport, FROM).await.unwrap(),
        DeliveryReport::default()
    );
    app.clock.advance(backoff(1));
    assert_eq!(
        deliver_due(&app.core, &transport, FROM)
            .await
            .unwrap()
            .retried,
        1
    );
    app.clock.advance(backoff(2));
    assert_eq!(
        deliver_due(&app.core, &transport, FROM).await.unwrap().sent,
        1
    );
    for _ in 0..3 {
        app.clock.advance(Duration::hours(7));
        assert_eq!(
            deliver_due(&app.core, &transport, FROM).await.unwrap(),
            DeliveryReport::default()
        );
    }
    let got = server.messages();
    assert_eq!(got.len(), 1, "delivered exactly once");
    let all = outbox::list_for_org(
        &app.core.db.read,
        samvirke_store::Scope::new(app.dragoer),
        samvirke_domain::OrgId(app.org_id(app.dragoer, "Dragør Bibliotek").await),
        10,
    )
    .await
    .unwrap();
    assert_eq!(all[0].state, "sent");
    assert_eq!(all[0].attempts, 3);
}

#[tokio::test]
async fn a_server_that_is_down_means_retry_not_loss() {
    let app = TestApp::spawn().await;
    // Nothing listens here.
    let port = {
        tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let down = Transport::smtp(&format!("smtp://127.0.0.1:{port}")).unwrap();
    create_staff(&app, "down@dragoer.demo").await;
    assert_eq!(
        deliver_due(&app.core, &down, FROM).await.unwrap().retried,
        1
    );

    let (server, url) = SmtpServer::start().await;
    app.clock.advance(backoff(1));
    assert_eq!(
        deliver_due(&app.core, &Transport::smtp(&url).unwrap(), FROM)
            .await
            .unwrap()
            .sent,
        1
    );
    assert_eq!(server.messages().len(), 1);
}

#[tokio::test]
async fn two_workers_never_send_the_same_message() {
    let app = TestApp::spawn().await;
    let (server, url) = SmtpServer::start().await;
    for i in 0..5 {
        create_staff(&app, &format!("kollega{i}@dragoer.demo")).await;
    }
    let t1 = Transport::smtp(&url).unwrap();
    let t2 = Transport::smtp(&url).unwrap();
    let (a, b) = tokio::join!(
        deliver_due(&app.core, &t1, FROM),
        deliver_due(&app.core, &t2, FROM)
    );
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 5);
    assert_eq!(server.messages().len(), 5);
}

#[tokio::test]
async fn without_smtp_messages_become_eml_files() {
    let app = TestApp::spawn().await;
    let dir = std::env::temp_dir().join(format!(
        "samvirke-eml-{}-{}",
        std::process::id(),
        app.dragoer.0 + app.taarnby.0 * 1000
    ));
    let _ = std::fs::remove_dir_all(&dir);
    create_staff(&app, "fil@dragoer.demo").await;
    assert_eq!(
        deliver_due(&app.core, &Transport::Files(dir.clone()), FROM)
            .await
            .unwrap()
            .sent,
        1
    );
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(eml.contains("To: fil@dragoer.demo"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// More than two batches, three workers at once: every message goes out
/// once, and each carries its own working cancel link, made in the batch
/// that claimed it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn batches_from_three_workers_send_each_message_once_with_its_own_link() {
    use crate::support::{NewSession, api_sign_up, demo_session};
    const PEOPLE: usize = 230;
    let app = TestApp::spawn().await;
    let (server, url) = SmtpServer::start().await;
    let session = demo_session(
        &app,
        NewSession::seats(PEOPLE as i32).in_days(5).public(true),
    )
    .await;
    for i in 0..PEOPLE {
        let body = serde_json::json!({"name": format!("Deltager {i}"), "email": format!("d{i}@example.dk")});
        let (status, body) = api_sign_up(&app, session, body).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (t1, t2, t3) = (
        Transport::smtp(&url).unwrap(),
        Transport::smtp(&url).unwrap(),
        Transport::smtp(&url).unwrap(),
    );
    let (a, b, c) = tokio::join!(
        deliver_due(&app.core, &t1, FROM),
        deliver_due(&app.core, &t2, FROM),
        deliver_due(&app.core, &t3, FROM)
    );
    let sent = a.unwrap().sent + b.unwrap().sent + c.unwrap().sent;
    assert_eq!(sent, PEOPLE);
    let messages = server.messages();
    let mut recipients: Vec<&str> = messages.iter().map(|m| m.to[0].as_str()).collect();
    recipients.sort_unstable();
    recipients.dedup();
    assert_eq!(recipients.len(), PEOPLE, "each person got one message");

    let mut links: Vec<String> = messages
        .iter()
        .map(|m| {
            let at = m.data.find("/afmeld/").expect("a cancel link") + "/afmeld/".len();
            m.data[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect()
        })
        .collect();
    links.sort_unstable();
    links.dedup();
    assert_eq!(links.len(), PEOPLE, "every link is its own");
    for token in links.iter().step_by(57) {
        let page = app.client().get(&format!("/afmeld/{token}")).await;
        assert_eq!(page.status, StatusCode::OK, "{token}: {}", page.text);
    }
    let wrong = app.client().get("/afmeld/ikke-et-link").await;
    assert_ne!(wrong.status, StatusCode::OK);

    let nothing_left = deliver_due(&app.core, &t1, FROM).await.unwrap();
    assert_eq!(nothing_left, DeliveryReport::default());
}
