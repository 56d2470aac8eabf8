//! Rooms (issue 10): who sees and books which room, never a double
//! booking, weekly series all or none, visibility (a discreet booking is
//! "Optaget" to every other organisation through pages, API and feeds),
//! the approval queue, cancelling, and the purge after a discreet meeting.

use crate::support::*;
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::sync::Arc;

const SOCIAL: &str = "social@dragoer.demo";
const LIBRARIAN: &str = "bibliotekar@dragoer.demo";
const LIBRARY_COORDINATOR: &str = "bibliotek@dragoer.demo";
const CITIZEN: &str = "borgerservice@dragoer.demo";
const SCHOOL: &str = "skole@dragoer.demo";

async fn get(app: &TestApp, who: &str, path: &str) -> (StatusCode, Value) {
    let token = api_token(app, who).await;
    let res = app.client().api("GET", path, Some(&token), None).await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or_default(),
    )
}

async fn post(app: &TestApp, who: &str, path: &str, body: &Value) -> (StatusCode, Value) {
    let token = api_token(app, who).await;
    let res = app
        .client()
        .api("POST", path, Some(&token), Some(&body.to_string()))
        .await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or_default(),
    )
}

async fn room_id(app: &TestApp, name: &str) -> i64 {
    let (status, rooms) = get(app, LIBRARIAN, "/api/v1/rooms").await;
    assert_eq!(status, StatusCode::OK);
    rooms
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no room {name}: {rooms}"))["id"]
        .as_i64()
        .unwrap()
}

/// A booking on Wednesday 2 December 2026 (Copenhagen, winter time).
fn at(start: &str, end: &str, title: &str, visibility: &str) -> Value {
    json!({
        "starts_at": format!("2026-12-02T{start}:00+01:00"),
        "ends_at": format!("2026-12-02T{end}:00+01:00"),
        "title": title,
        "visibility": visibility,
    })
}

const DAY: &str = "from=2026-12-02T00:00:00Z&to=2026-12-03T00:00:00Z";

#[tokio::test]
async fn rooms_are_listed_for_their_owner_and_the_organisations_given_access_only() {
    let app = TestApp::spawn().await;
    for who in [LIBRARIAN, SOCIAL, CITIZEN] {
        let (status, rooms) = get(&app, who, "/api/v1/rooms").await;
        assert_eq!(status, StatusCode::OK);
        let names: Vec<&str> = rooms
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"Mødelokalet"), "{who}: {names:?}");
        let small = rooms
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "Mødelokalet")
            .unwrap();
        assert_eq!(small["organisation"], "Dragør Bibliotek");
        assert_eq!(small["site"], "Dragør Bibliotek");
        assert_eq!(small["capacity"], 4);
    }
    let (_, none) = get(&app, SCHOOL, "/api/v1/rooms").await;
    assert_eq!(none, json!([]));
    let (_, far) = get(&app, OTHER_COORDINATOR, "/api/v1/rooms").await;
    assert_eq!(far, json!([]));
    let id = room_id(&app, "Mødelokalet").await;
    let path = format!("/api/v1/rooms/{id}/bookings?{DAY}");
    assert_eq!(get(&app, SCHOOL, &path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, OTHER_COORDINATOR, &path).await.0,
        StatusCode::NOT_FOUND
    );
    let booking = at("10:00", "11:00", "Møde", "public");
    let book = format!("/api/v1/rooms/{id}/bookings");
    assert_eq!(
        post(&app, SCHOOL, &book, &booking).await.0,
        StatusCode::NOT_FOUND
    );
    let mut school = app.login(SCHOOL).await;
    assert_eq!(
        school.get(&format!("/lokaler/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_discreet_booking_is_only_optaget_to_every_other_organisation_in_api_pages_and_feeds() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, "Mødelokalet").await;
    let book = format!("/api/v1/rooms/{id}/bookings");
    let (status, body) = post(
        &app,
        SOCIAL,
        &book,
        &at("10:00", "11:00", "Samtale om bolig", "discreet"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "confirmed");
    let list = format!("/api/v1/rooms/{id}/bookings?{DAY}");
    let (_, own) = get(&app, SOCIAL, &list).await;
    assert_eq!(own[0]["title"], "Samtale om bolig");
    assert_eq!(own[0]["organisation"], "Socialafdelingen");
    for other in [LIBRARIAN, LIBRARY_COORDINATOR, CITIZEN] {
        let (status, seen) = get(&app, other, &list).await;
        assert_eq!(status, StatusCode::OK);
        let b = &seen[0];
        assert_eq!(b["visibility"], "discreet");
        assert!(b.get("title").is_none(), "{other}: {b}");
        assert!(b.get("organisation").is_none(), "{other}: {b}");
        assert!(!seen.to_string().contains("Samtale"));
        assert!(!seen.to_string().contains("Socialafdeling"));

        let mut page = app.login(other).await;
        for path in [
            format!("/lokaler/{id}?dag=2026-12-02"),
            format!("/lokaler/{id}/uge?uge=2026-11-30"),
        ] {
            let res = page.get(&path).await;
            assert_eq!(res.status, StatusCode::OK);
            assert!(res.text.contains("Optaget"), "{other} {path}");
            assert!(!res.text.contains("Samtale om bolig"), "{other} {path}");
            assert!(!res.text.contains("Socialafdelingen"), "{other} {path}");
        }
        let res = page
            .post_form(&format!("/lokaler/{id}/kalenderlink"), &[])
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let link = res
            .text
            .split("value=\"")
            .find_map(|s| {
                s.split('"')
                    .next()
                    .filter(|l| l.contains("/kalender/lokale/"))
            })
            .unwrap()
            .to_string();
        let feed_path = &link[link.find("/kalender/").unwrap()..];
        let feed = app.client().get(feed_path).await;
        assert_eq!(feed.status, StatusCode::OK);
        assert!(feed.text.contains("SUMMARY:Optaget"), "{}", feed.text);
        assert!(!feed.text.contains("Samtale"));
        assert!(!feed.text.contains("Socialafdeling"));
    }
    // The social worker's own feed names the meeting.
    let mut social = app.login(SOCIAL).await;
    let res = social
        .post_form(&format!("/lokaler/{id}/kalenderlink"), &[])
        .await;
    let link = res
        .text
        .split("value=\"")
        .find_map(|s| {
            s.split('"')
                .next()
                .filter(|l| l.contains("/kalender/lokale/"))
        })
        .unwrap()
        .to_string();
    let feed = app
        .client()
        .get(&link[link.find("/kalender/").unwrap()..])
        .await;
    assert!(feed.text.contains("Samtale om bolig"));
}

#[tokio::test]
async fn internal_shows_the_organisation_and_public_the_title_to_others() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, "Mødelokalet").await;
    let book = format!("/api/v1/rooms/{id}/bookings");
    let internal = at("09:00", "10:00", "Teammøde", "internal");
    assert_eq!(
        post(&app, CITIZEN, &book, &internal).await.0,
        StatusCode::CREATED
    );
    let public = at("13:00", "14:00", "Åben rådgivning", "public");
    assert_eq!(
        post(&app, CITIZEN, &book, &public).await.0,
        StatusCode::CREATED
    );
    let (_, seen) = get(&app, SOCIAL, &format!("/api/v1/rooms/{id}/bookings?{DAY}")).await;
    assert_eq!(seen[0]["organisation"], "Borgercentret");
    assert!(seen[0].get("title").is_none());
    assert_eq!(seen[1]["organisation"], "Borgercentret");
    assert_eq!(seen[1]["title"], "Åben rådgivning");
}

#[tokio::test]
async fn an_overlap_is_refused_with_the_clashing_times_and_the_free_times_around() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, "Mødelokalet").await;
    let book = format!("/api/v1/rooms/{id}/bookings");
    assert_eq!(
        post(&app, SOCIAL, &book, &at("10:00", "11:00", "A", "discreet"))
            .await
            .0,
        StatusCode::CREATED
    );
    let (status, body) = post(&app, CITIZEN, &book, &at("10:30", "11:30", "B", "public")).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"], "room_taken");
    assert_eq!(body["clashes"][0]["starts_at"], "2026-12-02T10:00:00+01:00");
    assert_eq!(body["clashes"][0]["ends_at"], "2026-12-02T11:00:00+01:00");
    assert_eq!(body["free"][0]["starts_at"], "2026-12-02T07:00:00+01:00");
    assert_eq!(body["free"][0]["ends_at"], "2026-12-02T10:00:00+01:00");
    assert_eq!(body["free"][1]["starts_at"], "2026-12-02T11:00:00+01:00");
    // Back to back is no overlap.
    assert_eq!(
        post(&app, CITIZEN, &book, &at("11:00", "12:00", "C", "public"))
            .await
            .0,
        StatusCode::CREATED
    );
    // The page refuses the same way, keeps what was typed and shows free times.
    let mut page = app.login(CITIZEN).await;
    let res = page
        .post_form(
            &format!("/lokaler/{id}/book"),
            &[
                ("date", "2026-12-02"),
                ("start", "10:15"),
                ("end", "10:45"),
                ("title", "Mit møde"),
                ("visibility", "internal"),
                ("weeks", "1"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.text.contains("Mit møde"));
    assert!(res.text.contains("kl. 10.00–11.00"), "the clash is shown");
    assert!(res.text.contains("kl. 07.00–10.00"), "a free time is shown");
    assert!(!res.text.contains("value=\"A\""));
}

#[tokio::test]
async fn a_weekly_booking_is_all_weeks_or_none() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, "Mødelokalet").await;
    let book = format!("/api/v1/rooms/{id}/bookings");
    // Week 3 of the series is taken.
    let third = json!({
        "starts_at": "2026-12-16T10:00:00+01:00",
        "ends_at": "2026-12-16T11:00:00+01:00",
        "title": "I vejen",
        "visibility": "public",
    });
    assert_eq!(
        post(&app, CITIZEN, &book, &third).await.0,
        StatusCode::CREATED
    );
    let mut series = at("10:30", "11:30", "Fast samtale", "discreet");
    series["repeat_weeks"] = json!(4);
    let (status, body) = post(&app, SOCIAL, &book, &series).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["clashes"][0]["starts_at"], "2026-12-16T10:00:00+01:00");
    let month =
        format!("/api/v1/rooms/{id}/bookings?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z");
    let (_, all) = get(&app, SOCIAL, &month).await;
    assert_eq!(
        all.as_array().unwrap().len(),
        1,
        "nothing of the series: {all}"
    );
    // At another time every week is booked, one id each.
    series["starts_at"] = json!("2026-12-02T12:00:00+01:00");
    series["ends_at"] = json!("2026-12-02T13:00:00+01:00");
    let (status, body) = post(&app, SOCIAL, &book, &series).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["ids"].as_array().unwrap().len(), 4);
    let (_, all) = get(&app, SOCIAL, &month).await;
    let starts: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["title"] == "Fast samtale")
        .map(|b| b["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2026-12-02T12:00:00+01:00",
            "2026-12-09T12:00:00+01:00",
            "2026-12-16T12:00:00+01:00",
            "2026-12-23T12:00:00+01:00"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_overlapping_bookings_at_once_give_exactly_one() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, "Salen").await;
    let book = format!("/api/v1/rooms/{id}/bookings");
    let token = api_token(&app, CITIZEN).await;
    let barrier = Arc::new(tokio::sync::Barrier::new(30));
    let tasks: Vec<_> = (0..30)
        .map(|i| {
            let mut client = app.client();
            // Each overlaps every other: 10:00–11:00 shifted by up to 29 minutes.
            let body = json!({
                "starts_at": format!("2026-12-02T10:{i:02}:00+01:00"),
                "ends_at": format!("2026-12-02T11:{i:02}:00+01:00"),
                "title": format!("Møde {i}"),
                "visibility": "public",
            })
            .to_string();
            let (barrier, token, book) = (barrier.clone(), token.clone(), book.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                client.api("POST", &book, Some(&token), Some(&body)).await
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap().status);
    }
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, refused), (1, 29), "{statuses:?}");
    let (_, all) = get(&app, CITIZEN, &format!("/api/v1/rooms/{id}/bookings?{DAY}")).await;
    assert_eq!(all.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_request_waits_in_the_owners_queue_which_shows_a_discreet_requests_organisation_not_its_title()
 {
    let app = TestApp::spawn().await;
    let id = room_id(&app, "Salen").await;
    let book = format!("/api/v1/rooms/{id}/bookings");
    let (status, body) = post(
        &app,
        SOCIAL,
        &book,
        &at("10:00", "11:00", "Netværksmøde om bolig", "discreet"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body["status"], "pending");
    let request = body["ids"][0].as_i64().unwrap();
    // The request holds the time.
    assert_eq!(
        post(&app, CITIZEN, &book, &at("10:30", "11:00", "B", "public"))
            .await
            .0,
        StatusCode::CONFLICT
    );
    let mut owner = app.login(LIBRARY_COORDINATOR).await;
    let queue = owner.get("/lokaler/anmodninger").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.text.contains("Socialafdelingen"));
    assert!(!queue.text.contains("Netværksmøde"));
    // Only the owner's coordinators answer.
    let mut librarian = app.login(LIBRARIAN).await;
    assert_eq!(
        librarian.get("/lokaler/anmodninger").await.status,
        StatusCode::FORBIDDEN
    );
    let answer = format!("/lokaler/anmodninger/{request}");
    let res = librarian.post_form(&answer, &[("answer", "approve")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let mut social = app.login(SOCIAL).await;
    assert_eq!(
        social
            .post_form(&answer, &[("answer", "approve")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let res = owner.post_form(&answer, &[("answer", "approve")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        owner
            .post_form(&answer, &[("answer", "refuse")])
            .await
            .status,
        StatusCode::GONE
    );
    let queue = owner.get("/lokaler/anmodninger").await;
    assert!(!queue.text.contains("Socialafdelingen"));
    // Approved, it is still discreet to the owner.
    let (_, seen) = get(
        &app,
        LIBRARY_COORDINATOR,
        &format!("/api/v1/rooms/{id}/bookings?{DAY}"),
    )
    .await;
    assert!(seen[0].get("organisation").is_none());
}

#[tokio::test]
async fn only_the_booking_organisation_cancels_and_a_cancelled_time_is_free_again() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, "Mødelokalet").await;
    let book = format!("/api/v1/rooms/{id}/bookings");
    let (_, body) = post(&app, SOCIAL, &book, &at("10:00", "11:00", "A", "discreet")).await;
    let booking = body["ids"][0].as_i64().unwrap();
    let cancel = format!("/lokaler/bookinger/{booking}/aflys");
    let fields = [("room", "0"), ("dag", "2026-12-02")];
    let mut librarian = app.login(LIBRARY_COORDINATOR).await;
    assert_eq!(
        librarian.post_form(&cancel, &fields).await.status,
        StatusCode::FORBIDDEN
    );
    let mut far = app.login(OTHER_COORDINATOR).await;
    assert_eq!(
        far.post_form(&cancel, &fields).await.status,
        StatusCode::NOT_FOUND
    );
    let mut social = app.login(SOCIAL).await;
    assert_eq!(
        social.post_form(&cancel, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        social.post_form(&cancel, &fields).await.status,
        StatusCode::GONE
    );
    assert_eq!(
        post(&app, CITIZEN, &book, &at("10:00", "11:00", "B", "public"))
            .await
            .0,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_discreet_bookings_text_is_purged_after_the_meeting() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, "Mødelokalet").await;
    let book = format!("/api/v1/rooms/{id}/bookings");
    post(
        &app,
        SOCIAL,
        &book,
        &at("10:00", "11:00", "Samtale", "discreet"),
    )
    .await;
    post(
        &app,
        SOCIAL,
        &book,
        &at("12:00", "13:00", "Teammøde", "internal"),
    )
    .await;
    let before = samvirke_service::retention::run(&app.core).await.unwrap();
    assert_eq!(before.room_titles, 0);
    app.clock.set(t0() + chrono::Duration::days(4));
    let after = samvirke_service::retention::run(&app.core).await.unwrap();
    assert_eq!(after.room_titles, 1);
    let (_, own) = get(&app, SOCIAL, &format!("/api/v1/rooms/{id}/bookings?{DAY}")).await;
    assert!(own[0].get("title").is_none(), "{own}");
    assert_eq!(own[1]["title"], "Teammøde");
}

#[tokio::test]
async fn bad_bookings_are_422_and_book_nothing() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, "Mødelokalet").await;
    let book = format!("/api/v1/rooms/{id}/bookings");
    let mut cases = vec![
        at("11:00", "10:00", "A", "public"),
        at("10:00", "11:00", "", "public"),
        at("10:00", "11:00", "A", "secret"),
        json!({"starts_at": "2026-11-01T10:00:00+01:00", "ends_at": "2026-11-01T11:00:00+01:00", "title": "A", "visibility": "public"}),
        json!({"starts_at": "2026-12-02T10:00:00+01:00", "ends_at": "2026-12-04T11:00:00+01:00", "title": "A", "visibility": "public"}),
        json!({"starts_at": "2999-12-02T10:00:00+01:00", "ends_at": "2999-12-02T11:00:00+01:00", "title": "A", "visibility": "public"}),
    ];
    let mut weeks = at("10:00", "11:00", "A", "public");
    weeks["repeat_weeks"] = json!(53);
    cases.push(weeks);
    let mut zero = at("10:00", "11:00", "A", "public");
    zero["repeat_weeks"] = json!(0);
    cases.push(zero);
    for body in cases {
        let (status, res) = post(&app, SOCIAL, &book, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body} → {res}");
    }
    let (status, _) = get(
        &app,
        SOCIAL,
        &format!("/api/v1/rooms/{id}/bookings?from=2026-12-01T00:00:00Z&to=2027-06-01T00:00:00Z"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, all) = get(&app, SOCIAL, &format!("/api/v1/rooms/{id}/bookings?{DAY}")).await;
    assert_eq!(all, json!([]));
}

#[tokio::test]
async fn a_coordinator_defines_a_room_and_who_may_book_it() {
    let app = TestApp::spawn().await;
    let social_org = app.org_id(app.dragoer, "Socialafdelingen").await;
    let mut owner = app.login(LIBRARY_COORDINATOR).await;
    let form = owner.get("/lokaler/ny").await;
    assert_eq!(form.status, StatusCode::OK);
    let site = form
        .text
        .split("<option value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let access = format!("access_{social_org}");
    let bad = owner
        .post_form(
            "/lokaler/ny",
            &[
                ("site_id", &site),
                ("name", "Studierum"),
                ("capacity", "nul"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("Studierum"));
    let res = owner
        .post_form(
            "/lokaler/ny",
            &[
                ("site_id", &site),
                ("name", "Studierum"),
                ("capacity", "6"),
                ("equipment", "Whiteboard"),
                (&access, "approval"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let (_, rooms) = get(&app, SOCIAL, "/api/v1/rooms").await;
    assert!(rooms.to_string().contains("Studierum"));
    let (_, rooms) = get(&app, CITIZEN, "/api/v1/rooms").await;
    assert!(!rooms.to_string().contains("Studierum"));
    // Staff who are not coordinators define no rooms.
    let mut librarian = app.login(LIBRARIAN).await;
    let res = librarian
        .post_form(
            "/lokaler/ny",
            &[("site_id", &site), ("name", "Andet"), ("capacity", "2")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
