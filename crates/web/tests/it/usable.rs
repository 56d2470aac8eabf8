//! The citizen's side made usable alone: errors in view, no double
//! sign-up on reload, confirmations that are true, a cancelled session
//! that says so, staff sign-in out of the citizen's way, the pages the law
//! asks for, and personal data deleted on schedule.

use crate::support::{NewSession, TestApp, demo_session};
use axum::http::StatusCode;
use chrono::Duration;
use samvirke_store::Scope;
use samvirke_store::sessions as q;

/// A public session of the demo programme with `capacity` seats, `days` from now.
async fn session(app: &TestApp, capacity: i32, days: i64) -> i64 {
    let s = NewSession::seats(capacity).in_days(days);
    demo_session(app, s.closes_before(Duration::zero())).await
}

async fn count_on(app: &TestApp, id: i64) -> usize {
    q::registrations(&app.core.db.read, Scope::new(app.dragoer), id)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_sign_up_with_mistakes_opens_at_the_form_with_a_summary() {
    let app = TestApp::spawn().await;
    let id = session(&app, 10, 10).await;
    let mut c = app.client();
    let page = c
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", ""), ("email", "ikke-en-mail"), ("phone", "12")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text.contains("<title>Fejl: "),
        "the title starts Fejl:"
    );
    // No fragment in the form's address: a fragment would stop the browser
    // from giving the summary the focus (autofocus), which scrolls to it.
    assert!(
        page.text
            .contains(&format!("action=\"/arrangementer/{id}\" novalidate"))
    );
    assert!(page.text.contains("autofocus"));
    assert!(page.text.contains("data-module=\"error-summary\""));
    for field in ["name", "email", "phone"] {
        assert!(
            page.text
                .contains(&format!("<a href=\"#{field}\" class=\"function-link\">")),
            "the summary links to {field}"
        );
        assert!(
            page.text.contains(&format!("id=\"{field}-error\"")),
            "{field} keeps its own message"
        );
    }
    // Each line of the summary names its field.
    assert!(
        page.text
            .contains("<a href=\"#phone\" class=\"function-link\">Telefon: "),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("value=\"ikke-en-mail\""),
        "what was typed is kept"
    );
    // The summary comes before the first field.
    let summary = page.text.find("error-summary").unwrap();
    assert!(summary < page.text.find("id=\"name\"").unwrap());
    assert_eq!(count_on(&app, id).await, 0);

    // In English, the same.
    let mut en = app.client();
    en.get("/sprog/en").await;
    let page = en
        .post_form(&format!("/arrangementer/{id}"), &[("name", "")])
        .await;
    assert!(page.text.contains("<title>Error: "));
}

#[tokio::test]
async fn a_reload_of_the_confirmation_signs_nobody_up_again() {
    let app = TestApp::spawn().await;
    let id = session(&app, 10, 10).await;
    let mut c = app.client();
    let res = c
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", "Reload Rasmussen"), ("email", "reload@example.dk")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let to = res.location().to_string();
    assert_eq!(to, format!("/arrangementer/{id}/tilmeldt"));
    let cookie = res
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("samvirke_signup="))
        .expect("the confirmation travels in a cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("Max-Age="));
    for _ in 0..3 {
        let page = c.get(&to).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Du er tilmeldt"));
        assert!(page.text.contains("/afmeld/"), "the cancel link is shown");
        assert!(
            page.headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("no-store")
        );
    }
    assert_eq!(
        count_on(&app, id).await,
        1,
        "one sign-up, however many reloads"
    );
    // Another browser has no confirmation to see.
    let other = app.client().get(&to).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
    assert!(!other.text.contains("/afmeld/"));
    // A forged cookie cannot reach another session's page.
    let mut forged = app.client();
    forged
        .cookies
        .insert("samvirke_signup".into(), "bm90LWpzb24".into());
    assert_eq!(forged.get(&to).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn someone_without_email_or_phone_on_the_waiting_list_is_told_to_call() {
    let app = TestApp::spawn().await;
    let id = session(&app, 1, 10).await;
    let mut first = app.client();
    first
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", "Først Frederiksen"), ("email", "f@example.dk")],
        )
        .await;
    let mut c = app.client();
    let res = c
        .post_form(
            &format!("/arrangementer/{id}"),
            &[("name", "Uden Kontakt"), ("no_contact", "yes")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = c.get(res.location()).await;
    assert!(page.text.contains("Du er på ventelisten"));
    assert!(page.text.contains("Ring til os dagen før"));
    assert!(page.text.contains("32 89 01 00"), "with the number");
    assert!(
        !page.text.contains("skriver vi til dig"),
        "not told we will write"
    );
}

#[tokio::test]
async fn a_series_confirmation_lists_its_dates_in_order_with_a_link_each() {
    let app = TestApp::spawn().await;
    let ids: Vec<i64> = app
        .client()
        .get("/api/v1/sessions")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    let mut c = app.client();
    let (b, cc) = (ids[1].to_string(), ids[2].to_string());
    // Ticked last date first: the page still lists them by date.
    let res = c
        .post_form(
            &format!("/arrangementer/{}", ids[0]),
            &[
                ("name", "Serie Sørensen"),
                ("email", "serie@example.dk"),
                ("also", &cc),
                ("also", &b),
            ],
        )
        .await;
    let page = c.get(res.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text.matches("/afmeld/").count(), 3, "a link per date");
    // Each date as its own page heads it: "<strong>day time</strong>".
    let mut days = Vec::new();
    for id in &ids[1..3] {
        let event = app.client().get(&format!("/arrangementer/{id}")).await;
        let at = event.text.find("<p class=\"font-lead\"><strong>").unwrap() + 30;
        let day: String = event.text[at..]
            .chars()
            .take_while(|ch| *ch != '<')
            .collect();
        days.push(day);
    }
    let more = &page.text[page.text.find("De andre datoer").unwrap()..];
    let first = more.find(&days[0]).expect("the second date is listed");
    let second = more.find(&days[1]).expect("the third date is listed");
    assert!(
        first < second,
        "in date order, whatever order they were ticked"
    );
}

#[tokio::test]
async fn a_cancelled_session_says_so_and_takes_no_sign_up() {
    let app = TestApp::spawn().await;
    let id = session(&app, 10, 10).await;
    let mut coordinator = app.login("bibliotek@dragoer.demo").await;
    coordinator
        .post_form(&format!("/sessions/{id}/aflys"), &[])
        .await;
    let page = app.client().get(&format!("/arrangementer/{id}")).await;
    assert!(page.text.contains("Arrangementet er aflyst"));
    assert!(!page.text.contains("Tilmeld mig"));
    assert!(!page.text.contains("Vil du hellere ringe"));
    let staff_page = coordinator.get(&format!("/sessions/{id}")).await;
    assert!(staff_page.text.contains("Arrangementet er aflyst"));
    assert!(
        !staff_page
            .text
            .contains("action=\"/sessions/{id}/telefon\"")
    );
    assert!(
        !staff_page
            .text
            .contains(&format!("action=\"/sessions/{id}/walk-in\""))
    );
    let walk_in = coordinator
        .post_form(
            &format!("/sessions/{id}/walk-in"),
            &[("walk_in", "Sen Sørensen")],
        )
        .await;
    assert_ne!(walk_in.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count_on(&app, id).await,
        0,
        "no walk-in into a cancelled session"
    );
}

#[tokio::test]
async fn public_pages_name_the_citizen_service_and_keep_staff_sign_in_in_the_footer() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    for path in ["/", "/arrangementer", "/privatliv"] {
        let page = c.get(path).await;
        assert!(page.text.contains("Borgercentret"), "{path}");
        assert!(!page.text.contains("Borgerservice"), "{path}: one name");
        let footer = &page.text[page.text.find("<footer").unwrap()..];
        assert!(
            footer.contains("<a href=\"/login\">For medarbejdere</a>"),
            "{path}"
        );
        let header = &page.text[..page.text.find("</header>").unwrap()];
        assert!(!header.contains("/login"), "{path}: no login in the header");
    }
}

#[tokio::test]
async fn the_privacy_notice_and_accessibility_statement_say_what_the_law_asks() {
    let app = TestApp::spawn().await;
    let privacy = app.client().get("/privatliv").await;
    for must in [
        "Dragør Kommune er dataansvarlig",
        "Kirkevej 7, 2791 Dragør",
        "mailto:dpo@dragoer.demo",
        "artikel 6, stk. 1, litra e",
        "slettes 30 dage efter arrangementet",
        "gemmes i 730 dage",
        "efter 7 dage",
        "Datatilsynet",
        "Borgercentret",
    ] {
        assert!(privacy.text.contains(must), "privacy notice: {must}");
    }
    let a11y = app.client().get("/tilgaengelighed").await;
    for must in [
        "30.11.2026",
        "Kendte problemer",
        "href=\"https://www.was.digst.dk/\"",
        "32 89 01 00",
        "Digitaliseringsstyrelsen",
    ] {
        assert!(a11y.text.contains(must), "accessibility statement: {must}");
    }
}

#[tokio::test]
async fn participants_are_forgotten_after_the_retention_period_and_the_counts_stay() {
    let app = TestApp::spawn().await;
    let id = session(&app, 10, 1).await;
    let mut c = app.client();
    c.post_form(
        &format!("/arrangementer/{id}"),
        &[
            ("name", "Glemt Gudrun"),
            ("email", "glemt@example.dk"),
            ("needs", "wheelchair"),
        ],
    )
    .await;
    let keep = session(&app, 10, 20).await;
    c.post_form(
        &format!("/arrangementer/{keep}"),
        &[("name", "Husket Henning"), ("phone", "20304050")],
    )
    .await;
    app.login("bibliotek@dragoer.demo")
        .await
        .get(&format!("/sessions/{id}"))
        .await;

    // Within 30 days of the end of the first session: nothing yet.
    app.clock.advance(Duration::days(30));
    let d = samvirke_service::retention::run(&app.core).await.unwrap();
    assert_eq!(d.participants, 0);
    // Past them it goes; the later session's people stay.
    app.clock.advance(Duration::days(2));
    let d = samvirke_service::retention::run(&app.core).await.unwrap();
    assert!(d.participants >= 1);
    let scope = Scope::new(app.dragoer);
    let gone = q::registrations(&app.core.db.read, scope, id)
        .await
        .unwrap();
    assert_eq!(gone.len(), 1, "the sign-up is still counted");
    let r = &gone[0];
    assert!(r.name.is_empty() && r.email.is_none() && r.phone.is_none());
    assert!(r.needs.is_empty() && r.contact_key.is_none());
    assert_eq!(r.status, "confirmed");
    let kept = q::registrations(&app.core.db.read, scope, keep)
        .await
        .unwrap();
    assert_eq!(kept[0].name, "Husket Henning");
    // Running again changes nothing more.
    let again = samvirke_service::retention::run(&app.core).await.unwrap();
    assert_eq!(again.participants, 0);

    // The audit log entry goes after its own period.
    app.clock.advance(Duration::days(731));
    let d = samvirke_service::retention::run(&app.core).await.unwrap();
    assert!(d.audit_entries >= 1);
}

#[tokio::test]
async fn staff_sign_up_a_caller_with_needs_and_other_dates() {
    let app = TestApp::spawn().await;
    let a = session(&app, 10, 10).await;
    let b = session(&app, 10, 17).await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    let page = coord.get(&format!("/sessions/{a}")).await;
    assert!(page.text.contains("name=\"needs\" value=\"hearing_loop\""));
    assert!(page.text.contains(&format!("name=\"also\" value=\"{b}\"")));
    // Errors: the summary and the title, what was typed kept.
    let res = coord
        .post_form(
            &format!("/sessions/{a}/telefon"),
            &[("name", ""), ("phone", "20304050"), ("also", "999999")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("<title>Fejl: "));
    assert!(
        res.text
            .contains("<a href=\"#name\" class=\"function-link\">")
    );
    assert!(
        res.text.contains("Skriv borgerens navn."),
        "staff words about the citizen"
    );
    assert!(res.text.contains("value=\"20304050\""));
    let b_id = b.to_string();
    let res = coord
        .post_form(
            &format!("/sessions/{a}/telefon"),
            &[
                ("name", "Ringer Rasmussen"),
                ("phone", "20304050"),
                ("needs", "wheelchair"),
                ("also", &b_id),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    for id in [a, b] {
        let regs = q::registrations(&app.core.db.read, Scope::new(app.dragoer), id)
            .await
            .unwrap();
        let r = regs.iter().find(|r| r.name == "Ringer Rasmussen").unwrap();
        assert_eq!(r.needs, "wheelchair");
        assert_eq!(r.channel, "phone");
    }
}

#[tokio::test]
async fn check_in_on_a_phone_finds_people_by_name_and_shows_places() {
    let app = TestApp::spawn().await;
    let id = session(&app, 2, 10).await;
    let mut c = app.client();
    for (name, contact) in [
        ("Anna Andersen", Some("anna@example.dk")),
        ("Bent Berg", Some("bent@example.dk")),
        ("Carla Christensen", None),
        ("Carla Christensen", None),
    ] {
        let mut fields = vec![("name", name)];
        match contact {
            Some(email) => fields.push(("email", email)),
            None => fields.push(("no_contact", "yes")),
        }
        let res = c.post_form(&format!("/arrangementer/{id}"), &fields).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    let mut staff = app.login("aktivitetshus@dragoer.demo").await;
    let page = staff.get(&format!("/sessions/{id}")).await;
    assert!(
        page.text.contains("class=\"samvirke-people\""),
        "cards, not a table"
    );
    assert!(
        page.text
            .contains("Nr. 1: <span class=\"samvirke-name\">Carla Christensen")
    );
    assert!(
        page.text
            .contains("Nr. 2: <span class=\"samvirke-name\">Carla Christensen")
    );
    assert_eq!(
        page.text.matches("Måske tilmeldt to gange").count(),
        2,
        "the same name without contact is flagged, not refused"
    );
    assert!(!page.text.contains("Behov</th>"), "no table headings");
    let found = staff.get(&format!("/sessions/{id}?navn=bent")).await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.text.contains("Bent Berg"));
    assert!(!found.text.contains("Anna Andersen"));
    assert!(found.text.contains("value=\"bent\""));
    // A typed wildcard is dropped, never passed to LIKE: no error.
    let odd = staff.get(&format!("/sessions/{id}?navn=%25")).await;
    assert_eq!(odd.status, StatusCode::OK);
}

#[tokio::test]
async fn the_account_page_holds_password_calendar_and_keys() {
    let app = TestApp::spawn().await;
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    let dash = staff.get("/dashboard").await;
    let header = &dash.text[..dash.text.find("<nav").unwrap()];
    assert!(
        header.contains("href=\"/account\""),
        "by the name at the top"
    );
    let nav = &dash.text[dash.text.find("<nav").unwrap()..dash.text.find("</nav>").unwrap()];
    assert!(
        !nav.contains("href=\"/account/tokens\""),
        "not a top-level item"
    );
    let account = staff.get("/account").await;
    assert!(account.text.contains("action=\"/account/password\""));
    assert!(account.text.contains("href=\"/account/tokens\""));
    let keys = staff.get("/account/tokens").await;
    assert!(keys.text.contains("action=\"/account/calendar\""));
    assert!(
        keys.text
            .contains("href=\"/account\" class=\"button button-secondary\" aria-current=\"page\""),
        "under the account link"
    );
}

#[tokio::test]
async fn the_menu_holds_the_daily_work_and_administration_holds_the_rest() {
    let app = TestApp::spawn().await;
    let mut coordinator = app.login("bibliotek@dragoer.demo").await;
    let menu =
        |text: &str| text[text.find("<nav").unwrap()..text.find("</nav>").unwrap()].to_string();
    let dash = coordinator.get("/dashboard").await;
    let nav = menu(&dash.text);
    for rare in ["/staff", "/organisations", "/outbox", "/audit"] {
        assert!(
            !nav.contains(&format!("href=\"{rare}\"")),
            "{rare} is under Administration"
        );
    }
    let admin = coordinator.get("/administration").await;
    assert_eq!(admin.status, StatusCode::OK);
    for rare in [
        "/staff",
        "/organisations",
        "/outbox",
        "/audit",
        "/account/tokens",
    ] {
        assert!(
            admin.text.contains(&format!("href=\"{rare}\"")),
            "{rare} on the page"
        );
    }
    let staff = coordinator.get("/staff").await;
    assert!(
        menu(&staff.text).contains("href=\"/administration\" aria-current=\"page\""),
        "the staff list is under Administration"
    );
    // A member of staff without the coordinator role has no audit log.
    let mut librarian = app.login("bibliotekar@dragoer.demo").await;
    let admin = librarian.get("/administration").await;
    assert!(!admin.text.contains("href=\"/audit\""));
}

#[tokio::test]
async fn the_audit_log_names_what_was_read_and_filters_by_person_kind_and_date() {
    let app = TestApp::spawn().await;
    let id = session(&app, 10, 10).await;
    app.login("aktivitetshus@dragoer.demo")
        .await
        .get(&format!("/sessions/{id}"))
        .await;
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    coord.get("/staff").await;
    let log = coord.get("/audit").await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(
        log.text.contains("010101 Dit digitale liv, "),
        "the session by its title and date, not a number"
    );
    assert!(!log.text.contains(&format!("#{id}")));
    let reader = app.staff_id("aktivitetshus@dragoer.demo").await;
    assert!(log.text.contains(&format!("<option value=\"{reader}\"")));
    // By person: only that person's reads.
    let by = coord.get(&format!("/audit?hvem={reader}")).await;
    assert!(by.text.contains("<dd>Så deltagerlisten</dd>"));
    assert!(!by.text.contains("<dd>Så listen over medarbejdere</dd>"));
    // By kind.
    let kind = coord.get("/audit?hvad=staff_list").await;
    assert!(kind.text.contains("<dd>Så listen over medarbejdere</dd>"));
    assert!(!kind.text.contains("<dd>Så deltagerlisten</dd>"));
    // By date: today is in, a day long past is not.
    let today = app.core.now().with_timezone(&chrono_tz::Europe::Copenhagen);
    let d = format!(
        "{}.{}.{}",
        chrono::Datelike::day(&today),
        chrono::Datelike::month(&today),
        chrono::Datelike::year(&today)
    );
    let on = coord.get(&format!("/audit?fra={d}&til={d}")).await;
    assert!(on.text.contains("<dd>Så deltagerlisten</dd>"));
    let before = coord.get("/audit?til=1.1.2020").await;
    assert!(before.text.contains("Der er ingen opslag"));
    // A date that is not one: said next to the field, what was typed kept.
    let bad = coord.get("/audit?fra=32.13.2026").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("<title>Fejl: "));
    assert!(bad.text.contains("value=\"32.13.2026\""));
}

#[tokio::test]
async fn the_header_carries_the_municipalitys_own_mark() {
    let app = TestApp::spawn().await;
    let front = app.client().get("/").await;
    let src = format!("/logo/{}.svg", app.dragoer.0);
    assert!(front.text.contains(&format!("<img src=\"{src}\" alt=\"\"")));
    let logo = app.client().get(&src).await;
    assert_eq!(logo.status, StatusCode::OK);
    assert_eq!(logo.headers["content-type"], "image/svg+xml");
    assert!(logo.text.starts_with("<svg"));
    // A municipality without a mark, and nonsense: not found.
    for path in [
        format!("/logo/{}.svg", app.taarnby.0),
        "/logo/x.svg".into(),
        "/logo/1".into(),
    ] {
        assert_eq!(
            app.client().get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}
