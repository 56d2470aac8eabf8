//! Hardening of signing in (issue 6, points 1, 2, 7 and 8): throttling
//! that holds under parallel attempts, a bound on password checks at once,
//! lockouts that spare the owner elsewhere, trusted proxies, passwords
//! people change themselves or set with a one-time link, and API tokens
//! that expire and stay dead.

use crate::support::{Client, Options, PASSWORD, TestApp, t0};
use axum::http::{StatusCode, header};
use chrono::{DateTime, Duration, Utc};
use samvirke_service::throttle::{Limits, Throttle};
use samvirke_store::entity::{api_token, outbox, password_link};
use samvirke_web::WebConfig;
use samvirke_web::http::TrustedProxies;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::sync::Arc;

const OWNER: &str = "bibliotekar@dragoer.demo";
const COORDINATOR: &str = "bibliotek@dragoer.demo";
const NEW_PASSWORD: &str = "en-helt-ny-adgangskode";

fn retry_after(res: &crate::support::Res) -> u64 {
    res.headers
        .get(header::RETRY_AFTER)
        .unwrap_or_else(|| panic!("no Retry-After on {}", res.status))
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Sends `n` requests at once, each from a client of its own, and returns
/// the answers.
async fn in_parallel<F, Fut>(app: &TestApp, n: usize, send: F) -> Vec<crate::support::Res>
where
    F: Fn(Client) -> Fut,
    Fut: std::future::Future<Output = crate::support::Res> + Send + 'static,
{
    let mut clients = Vec::new();
    for _ in 0..n {
        let mut c = app.client();
        c.csrf().await;
        clients.push(c);
    }
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|c| {
            let fut = send(c);
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                fut.await
            })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

fn token_body(email: &str, password: &str) -> String {
    format!(r#"{{"email":"{email}","password":"{password}"}}"#)
}

// ---------------------------------------------------------------------------
// Point 1: throttling holds under parallel attempts; checks at once are bounded.

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_parallel_wrong_passwords_on_the_login_page_get_at_most_five_tries() {
    let app = TestApp::spawn().await;
    let answers = in_parallel(&app, 30, |mut c| async move {
        c.login(OWNER, "forkert-adgangskode").await
    })
    .await;
    let tried = answers
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let refused: Vec<_> = answers
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert!(
        (1..=5).contains(&tried),
        "{tried} wrong passwords were checked"
    );
    assert_eq!(tried + refused.len(), 30, "only 200 (wrong) and 429");
    assert!(refused.iter().all(|r| retry_after(r) > 0));
    // The right password now waits too.
    let mut c = app.client();
    assert_eq!(
        c.login(OWNER, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_parallel_wrong_passwords_for_a_token_get_at_most_five_401s() {
    let app = TestApp::spawn().await;
    let answers = in_parallel(&app, 30, |mut c| async move {
        let body = token_body(OWNER, "forkert-adgangskode");
        c.api("POST", "/api/v1/auth/token", None, Some(&body)).await
    })
    .await;
    let unauthorized = answers
        .iter()
        .filter(|r| r.status == StatusCode::UNAUTHORIZED)
        .count();
    let refused: Vec<_> = answers
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert!(
        (1..=5).contains(&unauthorized),
        "{unauthorized} answers 401"
    );
    assert_eq!(unauthorized + refused.len(), 30, "only 401 and 429");
    for r in refused {
        assert!(retry_after(r) > 0);
        assert_eq!(r.json()["error"], "too_many_requests");
    }
}

#[tokio::test]
async fn beyond_the_password_checks_at_once_the_answer_is_429_and_nothing_is_counted() {
    let mut app = TestApp::spawn().await;
    // One check at a time, and no waiting for it.
    let throttle = Arc::new(Throttle::new(Limits {
        per_address: None,
        check_memory_mib: 19,
        check_wait: std::time::Duration::ZERO,
        ..Limits::default()
    }));
    app.rewire(throttle.clone(), WebConfig::default());
    let busy = throttle.check_permit().await.unwrap();
    let mut c = app.client();
    // More refusals than the lockout limit: none of them counts as a failure.
    for _ in 0..7 {
        let page = c.login(OWNER, PASSWORD).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(retry_after(&page), 1);
        assert!(page.text.contains("Der er mange, der logger ind lige nu"));
        let api = c
            .api(
                "POST",
                "/api/v1/auth/token",
                None,
                Some(&token_body(OWNER, PASSWORD)),
            )
            .await;
        assert_eq!(api.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(retry_after(&api), 1);
    }
    drop(busy);
    assert_eq!(c.login(OWNER, PASSWORD).await.status, StatusCode::SEE_OTHER);
}

// ---------------------------------------------------------------------------
// Point 2: the lockout does not lock out the owner; trusted proxies.

const HOME: &str = "198.51.100.7:40000";
const ELSEWHERE: &str = "203.0.113.5:40000";

#[tokio::test]
async fn five_wrong_passwords_from_one_address_do_not_lock_out_the_owner_elsewhere() {
    let app = TestApp::spawn().await;
    let mut attacker = app.client();
    for _ in 0..5 {
        let res = attacker.login_from(HOME, None, OWNER, "gæt-gæt-gæt").await;
        assert_eq!(res.status, StatusCode::OK);
    }
    let locked = attacker.login_from(HOME, None, OWNER, PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    let mut owner = app.client();
    let res = owner.login_from(ELSEWHERE, None, OWNER, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
}

#[tokio::test]
async fn many_addresses_meet_the_softer_limit_per_account() {
    let app = TestApp::spawn_with(Options {
        limits: Limits {
            per_address: None,
            per_account: 8,
            ..Limits::default()
        },
        rate_limit: true,
    })
    .await;
    let mut c = app.client();
    for i in 0..8 {
        let peer = format!("192.0.2.{}:4000", i / 2 + 1);
        let res = c.login_from(&peer, None, OWNER, "gæt-gæt-gæt").await;
        assert_eq!(res.status, StatusCode::OK, "attempt {i}");
    }
    let res = c.login_from(ELSEWHERE, None, OWNER, PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&res) > 15 * 60, "the account window is an hour");
    // Another account is not affected.
    let res = c.login_from(ELSEWHERE, None, COORDINATOR, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    app.clock.advance(Duration::hours(1));
    let res = c.login_from(ELSEWHERE, None, OWNER, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn forwarded_for_is_ignored_without_a_trusted_proxy() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    for i in 0..5 {
        let spoofed = format!("192.0.2.{}", i + 1);
        let res = c
            .login_from(HOME, Some(&spoofed), OWNER, "gæt-gæt-gæt")
            .await;
        assert_eq!(res.status, StatusCode::OK);
    }
    // A new X-Forwarded-For does not make a new address.
    let res = c
        .login_from(HOME, Some("192.0.2.99"), OWNER, PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_counts() {
    let mut app = TestApp::spawn().await;
    let throttle = Arc::new(Throttle::new(Limits {
        per_address: None,
        ..Limits::default()
    }));
    app.rewire(
        throttle,
        WebConfig {
            trusted_proxies: TrustedProxies::parse(&["127.0.0.1", "10.0.0.0/8"]).unwrap(),
            ..WebConfig::default()
        },
    );
    let proxy = "127.0.0.1:50000";
    let mut c = app.client();
    for _ in 0..5 {
        let res = c
            .login_from(proxy, Some("198.51.100.7"), OWNER, "gæt-gæt-gæt")
            .await;
        assert_eq!(res.status, StatusCode::OK);
    }
    let res = c
        .login_from(proxy, Some("198.51.100.7"), OWNER, PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // Whatever the client wrote in front of it, the proxy's entry counts.
    let res = c
        .login_from(proxy, Some("203.0.113.5, 198.51.100.7"), OWNER, PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // Through a chain of proxies, the right-most address that is not one.
    let res = c
        .login_from(proxy, Some("203.0.113.5, 10.1.2.3"), OWNER, PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
}

// ---------------------------------------------------------------------------
// Point 7: staff change their own password; set-password links.

async fn change(c: &mut Client, current: &str, new: &str, repeat: &str) -> crate::support::Res {
    c.post_form(
        "/account/password",
        &[
            ("current_password", current),
            ("new_password", new),
            ("new_password_repeat", repeat),
        ],
    )
    .await
}

#[tokio::test]
async fn staff_change_their_own_password_and_their_other_sessions_end() {
    let app = TestApp::spawn().await;
    let mut here = app.login(OWNER).await;
    let mut elsewhere = app.login(OWNER).await;

    let page = here.get("/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Skift adgangskode"));
    assert!(page.text.contains(r#"autocomplete="current-password""#));

    let wrong = change(&mut here, "forkert-adgangskode", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text.contains("Adgangskoden er forkert"));
    let differ = change(&mut here, PASSWORD, NEW_PASSWORD, "en-anden-adgangskode").await;
    assert_eq!(differ.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(differ.text.contains("De to adgangskoder er ikke ens"));
    let short = change(&mut here, PASSWORD, "kort", "kort").await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.text.contains("mindst 12 tegn"));
    // Nothing typed in a password field is sent back.
    assert!(!short.text.contains(PASSWORD) && !differ.text.contains(NEW_PASSWORD));

    let done = change(&mut here, PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    assert_eq!(done.location(), "/account?notice=password-changed");
    let after = here.get("/account?notice=password-changed").await;
    assert_eq!(after.status, StatusCode::OK, "this session stays");
    assert!(after.text.contains("Din adgangskode er skiftet"));
    let other = elsewhere.get("/dashboard").await;
    assert_eq!(
        other.status,
        StatusCode::SEE_OTHER,
        "the other session ended"
    );
    assert!(other.location().starts_with("/login"));

    assert_eq!(
        app.client().login(OWNER, PASSWORD).await.status,
        StatusCode::OK,
        "the old password no longer works"
    );
    assert_eq!(
        app.client().login(OWNER, NEW_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn wrong_current_passwords_count_like_failed_logins() {
    let app = TestApp::spawn().await;
    let mut c = app.login(OWNER).await;
    for _ in 0..5 {
        let res = change(&mut c, "forkert-adgangskode", NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let res = change(&mut c, PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&res) > 0);
    assert!(res.text.contains("for mange forsøg"));
}

/// The set-password link in the newest e-mail to `email`, as sent: the
/// queued message holds no secret, the worker makes it at delivery.
async fn link_in_mail(app: &TestApp, email: &str) -> String {
    let mail = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(email))
        .order_by_desc(outbox::Column::Id)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .expect("an e-mail");
    assert_eq!(mail.subject, "Vælg din adgangskode til Samvirke");
    assert!(mail.body.contains("Choose") || mail.body.contains("choose"));
    assert!(
        mail.body.contains(&format!(
            "/adgangskode/{}",
            samvirke_service::mail::LINK_SECRET
        )),
        "the queued e-mail holds no secret"
    );
    let dir = std::env::temp_dir().join(format!(
        "samvirke-pwlink-{}-{}",
        std::process::id(),
        mail.id
    ));
    let transport = samvirke_service::mail::Transport::Files(dir.clone());
    samvirke_service::mail::deliver_due(
        &app.core,
        &transport,
        "Samvirke <noreply@samvirke.invalid>",
    )
    .await
    .unwrap();
    let eml = std::fs::read_to_string(dir.join(format!("{:08}.eml", mail.id)))
        .expect("the e-mail was sent")
        .replace("=\r\n", "");
    let _ = std::fs::remove_dir_all(&dir);
    let at = eml.find("/adgangskode/").expect("a link in the e-mail");
    let path: String = eml[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
        .collect();
    assert!(eml.contains(&format!("http://127.0.0.1:8080{path}")));
    path
}

async fn send_link(coordinator: &mut Client, id: i64) -> crate::support::Res {
    coordinator
        .post_form(&format!("/staff/{id}/password-link"), &[])
        .await
}

#[tokio::test]
async fn a_coordinator_sends_a_set_password_link_that_works_once() {
    let app = TestApp::spawn().await;
    let id = app.staff_id(OWNER).await;
    let mut owner_session = app.login(OWNER).await;
    let mut coord = app.login(COORDINATOR).await;

    let edit = coord.get(&format!("/staff/{id}")).await;
    assert!(edit.text.contains("Send link til at vælge adgangskode"));
    let sent = send_link(&mut coord, id).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text);
    let notice = coord.get(sent.location()).await;
    assert!(notice.text.contains("Der er sendt en e-mail med et link"));

    let path = link_in_mail(&app, OWNER).await;
    let secret = path.trim_start_matches("/adgangskode/");
    // Only the hash is stored.
    let stored = password_link::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].token_hash,
        samvirke_service::secret::token_hash(secret)
    );
    assert_eq!(stored[0].expires_at, t0() + Duration::hours(24));

    let mut holder = app.client();
    let form = holder.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("Vælg adgangskode"));
    assert_eq!(
        form.headers[header::CACHE_CONTROL],
        "no-store",
        "the page is kept out of caches"
    );
    let differ = holder
        .post_form(
            &path,
            &[
                ("new_password", NEW_PASSWORD),
                ("new_password_repeat", "noget-helt-andet"),
            ],
        )
        .await;
    assert_eq!(differ.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(differ.text.contains("De to adgangskoder er ikke ens"));
    let set = holder
        .post_form(
            &path,
            &[
                ("new_password", NEW_PASSWORD),
                ("new_password_repeat", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.text);
    assert_eq!(set.location(), "/login?notice=password-set");

    // Every session of the person ended; the new password works, the old does not.
    let dash = owner_session.get("/dashboard").await;
    assert_eq!(dash.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.client().login(OWNER, PASSWORD).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.client().login(OWNER, NEW_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );

    // It works once.
    let again = holder
        .post_form(
            &path,
            &[
                ("new_password", "en-tredje-adgangskode"),
                ("new_password_repeat", "en-tredje-adgangskode"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.text.contains("Linket virker ikke længere"));
    assert_eq!(holder.get(&path).await.status, StatusCode::GONE);
    assert_eq!(
        app.client().login(OWNER, NEW_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_set_password_link_expires_after_a_day_and_a_newer_one_replaces_it() {
    let app = TestApp::spawn().await;
    let id = app.staff_id(OWNER).await;
    let mut coord = app.login(COORDINATOR).await;
    send_link(&mut coord, id).await;
    let first = link_in_mail(&app, OWNER).await;
    send_link(&mut coord, id).await;
    let second = link_in_mail(&app, OWNER).await;
    assert_ne!(first, second);
    let mut holder = app.client();
    assert_eq!(holder.get(&first).await.status, StatusCode::GONE);
    assert_eq!(holder.get(&second).await.status, StatusCode::OK);
    app.clock.advance(Duration::hours(24));
    assert_eq!(holder.get(&second).await.status, StatusCode::GONE);
    let late = holder
        .post_form(
            &second,
            &[
                ("new_password", NEW_PASSWORD),
                ("new_password_repeat", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::GONE);
    assert_eq!(
        app.client().login(OWNER, PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "the password is unchanged"
    );
    assert_eq!(
        holder.get("/adgangskode/findes-ikke").await.status,
        StatusCode::GONE
    );
}

#[tokio::test]
async fn only_the_organisations_coordinators_send_set_password_links() {
    let app = TestApp::spawn().await;
    let id = app.staff_id("formidler@dragoer.demo").await;
    let mut staff = app.login(OWNER).await;
    assert!(
        !staff
            .get(&format!("/staff/{id}"))
            .await
            .text
            .contains("Send link til at vælge adgangskode")
    );
    assert_eq!(
        send_link(&mut staff, id).await.status,
        StatusCode::FORBIDDEN
    );
    let mut other_org = app.login("borgercenter@dragoer.demo").await;
    assert_eq!(
        send_link(&mut other_org, id).await.status,
        StatusCode::FORBIDDEN
    );
    let mut other_municipality = app.login(crate::support::OTHER_COORDINATOR).await;
    assert_eq!(
        send_link(&mut other_municipality, id).await.status,
        StatusCode::NOT_FOUND
    );
    let mut coord = app.login(COORDINATOR).await;
    let admin = app.staff_id("admin@dragoer.demo").await;
    assert_eq!(
        send_link(&mut coord, admin).await.status,
        StatusCode::FORBIDDEN
    );
    let none = outbox::Entity::find()
        .filter(outbox::Column::Subject.eq("Vælg din adgangskode til Samvirke"))
        .all(&app.core.db.read)
        .await
        .unwrap();
    assert!(none.is_empty(), "no link was sent");
    assert_eq!(
        send_link(&mut coord, id).await.status,
        StatusCode::SEE_OTHER
    );
}

// ---------------------------------------------------------------------------
// Point 8: API tokens expire and stay dead.

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[tokio::test]
async fn api_tokens_have_a_name_and_a_lifetime_and_then_stop_working() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let body = format!(
        r#"{{"email":"{OWNER}","password":"{PASSWORD}","name":"Regneark","lifetime_days":1}}"#
    );
    let res = c.api("POST", "/api/v1/auth/token", None, Some(&body)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let json = res.json();
    assert_eq!(json["expires_at"], rfc3339(t0() + Duration::days(1)));
    let short = json["token"].as_str().unwrap().to_string();

    let res = c
        .api(
            "POST",
            "/api/v1/auth/token",
            None,
            Some(&token_body(OWNER, PASSWORD)),
        )
        .await;
    assert_eq!(res.json()["expires_at"], rfc3339(t0() + Duration::days(90)));
    let default = res.json()["token"].as_str().unwrap().to_string();
    let names: Vec<String> = api_token::Entity::find()
        .order_by_asc(api_token::Column::Id)
        .all(&app.core.db.read)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Regneark", "API (e-mail og adgangskode)"]);

    assert_eq!(
        c.api("GET", "/api/v1/me", Some(&short), None).await.status,
        StatusCode::OK
    );
    app.clock.advance(Duration::days(1));
    let expired = c.api("GET", "/api/v1/me", Some(&short), None).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.json()["error"], "unauthorized");
    assert_eq!(
        c.api("GET", "/api/v1/me", Some(&default), None)
            .await
            .status,
        StatusCode::OK
    );
    app.clock.advance(Duration::days(89));
    assert_eq!(
        c.api("GET", "/api/v1/me", Some(&default), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_token_request_out_of_bounds_is_a_422_and_costs_no_attempt() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let long = "x".repeat(121);
    let cases = [
        (
            r#""lifetime_days":0"#.to_string(),
            "lifetime_days",
            "invalid_lifetime",
        ),
        (
            r#""lifetime_days":366"#.to_string(),
            "lifetime_days",
            "invalid_lifetime",
        ),
        (
            r#""lifetime_days":-5"#.to_string(),
            "lifetime_days",
            "invalid_lifetime",
        ),
        (format!(r#""name":"{long}""#), "name", "too_long"),
        (r#""name":"   ""#.to_string(), "name", "required"),
    ];
    // More bad requests with a wrong password than the lockout allows.
    for _ in 0..2 {
        for (extra, field, problem) in &cases {
            let body = format!(r#"{{"email":"{OWNER}","password":"forkert-adgangskode",{extra}}}"#);
            let res = c.api("POST", "/api/v1/auth/token", None, Some(&body)).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{extra}");
            let json = res.json();
            assert_eq!(json["fields"][0]["field"], *field, "{extra}");
            assert_eq!(json["fields"][0]["problem"], *problem, "{extra}");
        }
    }
    let body = format!(
        r#"{{"email":"{OWNER}","password":"{PASSWORD}","name":"{}","lifetime_days":365}}"#,
        "x".repeat(120)
    );
    let res = c.api("POST", "/api/v1/auth/token", None, Some(&body)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        res.json()["expires_at"],
        rfc3339(t0() + Duration::days(365))
    );
}

#[tokio::test]
async fn the_openapi_document_states_the_token_constraints() {
    let app = TestApp::spawn().await;
    let doc = app.client().get("/api/v1/openapi.json").await.json();
    let req = &doc["components"]["schemas"]["TokenRequest"]["properties"];
    assert_eq!(req["lifetime_days"]["minimum"], 1);
    assert_eq!(req["lifetime_days"]["maximum"], 365);
    assert_eq!(req["lifetime_days"]["default"], 90);
    assert_eq!(req["name"]["maxLength"], 120);
    let res = &doc["components"]["schemas"]["TokenResponse"];
    assert_eq!(res["properties"]["expires_at"]["format"], "date-time");
    assert!(
        res["required"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("expires_at"))
    );
    let op = &doc["paths"]["/api/v1/auth/token"]["post"]["responses"];
    for status in ["200", "401", "422", "429"] {
        assert!(op.get(status).is_some(), "{status} documented");
    }
}

#[tokio::test]
async fn keys_made_on_the_account_page_expire_too() {
    let app = TestApp::spawn().await;
    let mut c = app.login(OWNER).await;
    let page = c.get("/account/tokens").await;
    assert!(
        page.text
            .contains(r#"<option value="90" selected>90 dage</option>"#)
    );
    let bad = c
        .post_form(
            "/account/tokens",
            &[("name", "Rapporter"), ("lifetime_days", "999")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("Vælg en levetid på 1 til 365 dage"));
    assert!(
        bad.text.contains(r#"value="Rapporter""#),
        "the name is kept"
    );

    let made = c
        .post_form(
            "/account/tokens",
            &[("name", "Rapporter"), ("lifetime_days", "30")],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK);
    assert!(made.text.contains("Nøglen udløber 29.12.2026"));
    let token = made
        .text
        .split(r#"<code class="samvirke-token">"#)
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_string();
    let stored = api_token::Entity::find()
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.expires_at, Some(t0() + Duration::days(30)));
    // Without a choice: 90 days.
    c.post_form("/account/tokens", &[("name", "Standard")])
        .await;
    let standard = api_token::Entity::find()
        .filter(api_token::Column::Name.eq("Standard"))
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(standard.expires_at, Some(t0() + Duration::days(90)));

    let mut api = app.client();
    assert_eq!(
        api.api("GET", "/api/v1/me", Some(&token), None)
            .await
            .status,
        StatusCode::OK
    );
    app.clock.advance(Duration::days(30));
    assert_eq!(
        api.api("GET", "/api/v1/me", Some(&token), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let mut c = app.login(OWNER).await;
    assert!(c.get("/account/tokens").await.text.contains("Udløbet"));
}

#[tokio::test]
async fn deactivating_a_person_revokes_their_tokens_for_good() {
    let app = TestApp::spawn().await;
    let id = app.staff_id(OWNER).await;
    let mut c = app.client();
    let res = c
        .api(
            "POST",
            "/api/v1/auth/token",
            None,
            Some(&token_body(OWNER, PASSWORD)),
        )
        .await;
    let token = res.json()["token"].as_str().unwrap().to_string();
    let mut coord = app.login(COORDINATOR).await;
    let name = samvirke_store::staff::by_email_for_login(&app.core.db.read, OWNER)
        .await
        .unwrap()
        .unwrap()
        .name;
    let fields = [
        ("name", name.as_str()),
        ("email", OWNER),
        ("role", "staff"),
        ("active", "yes"),
    ];
    // Unticking "active" leaves the field out.
    let res = coord.post_form(&format!("/staff/{id}"), &fields[..3]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let stored = api_token::Entity::find()
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.revoked_at.is_some(), "revoked, not just ignored");

    let res = coord.post_form(&format!("/staff/{id}"), &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(
        c.api("GET", "/api/v1/me", Some(&token), None).await.status,
        StatusCode::UNAUTHORIZED,
        "reactivation does not revive the token"
    );
    assert_eq!(
        app.client().login(OWNER, PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "the person can log in again"
    );
}

#[tokio::test]
async fn the_upgrade_gives_existing_tokens_ninety_days_and_revokes_those_of_inactive_people() {
    use samvirke_store::migration::Migrator;
    use sea_orm::ConnectionTrait;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    use sea_orm_migration::MigratorTrait;

    let app = TestApp::spawn().await;
    let db = &app.core.db.write;
    // Back to the schema before this migration, with two tokens in it.
    let all = Migrator::migrations();
    let mine = all
        .iter()
        .position(|m| m.name() == "m20261130_000010_passwords_and_token_expiry")
        .unwrap();
    Migrator::down(db, Some((all.len() - mine) as u32))
        .await
        .unwrap();
    let active = app.staff_id(OWNER).await;
    let inactive = app.staff_id("formidler@dragoer.demo").await;
    db.execute(
        Query::update()
            .table("staff")
            .value("active", false)
            .and_where(Expr::col("id").eq(inactive)),
    )
    .await
    .unwrap();
    for (staff, hash) in [(active, "a".repeat(64)), (inactive, "b".repeat(64))] {
        db.execute(
            Query::insert()
                .into_table("api_token")
                .columns([
                    "municipality_id",
                    "staff_id",
                    "name",
                    "token_hash",
                    "created_at",
                ])
                .values_panic([
                    app.dragoer.0.into(),
                    staff.into(),
                    "gammel".into(),
                    hash.into(),
                    t0().into(),
                ]),
        )
        .await
        .unwrap();
    }
    let before = Utc::now();
    Migrator::up(db, None).await.unwrap();
    let tokens = api_token::Entity::find()
        .order_by_asc(api_token::Column::Id)
        .all(&app.core.db.read)
        .await
        .unwrap();
    assert_eq!(tokens.len(), 2);
    for t in &tokens {
        let expires = t.expires_at.expect("an expiry");
        assert!(expires >= before + Duration::days(90) - Duration::seconds(1));
        assert!(expires <= Utc::now() + Duration::days(90));
    }
    assert!(tokens[0].revoked_at.is_none());
    assert!(
        tokens[1].revoked_at.is_some(),
        "the inactive person's token"
    );
}
