//! Editing a room (issue 10, second part): only the owner's coordinators
//! edit; the form keeps what was typed on errors; an organisation whose
//! access is removed cannot book anew while what it booked stays; access
//! with approval makes new bookings wait.

use crate::support::*;
use axum::http::StatusCode;
use serde_json::{Value, json};

const SOCIAL: &str = "social@dragoer.demo";
const LIBRARIAN: &str = "bibliotekar@dragoer.demo";
const LIBRARY_COORDINATOR: &str = "bibliotek@dragoer.demo";
const CITIZEN_COORDINATOR: &str = "borgercenter@dragoer.demo";

async fn api(
    app: &TestApp,
    who: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let token = api_token(app, who).await;
    let body = body.map(|b| b.to_string());
    let res = app
        .client()
        .api(method, path, Some(&token), body.as_deref())
        .await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or_default(),
    )
}

async fn room_id(app: &TestApp, who: &str, name: &str) -> Option<i64> {
    let (status, rooms) = api(app, who, "GET", "/api/v1/rooms", None).await;
    assert_eq!(status, StatusCode::OK);
    rooms
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .and_then(|r| r["id"].as_i64())
}

fn at(start: &str, end: &str, title: &str) -> Value {
    json!({
        "starts_at": format!("2026-12-02T{start}:00+01:00"),
        "ends_at": format!("2026-12-02T{end}:00+01:00"),
        "title": title,
        "visibility": "public",
    })
}

/// The edit form's fields with every other organisation's access as given.
async fn access_fields(app: &TestApp, access: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for (org, choice) in access {
        let id = app.org_id(app.dragoer, org).await;
        fields.push((format!("access_{id}"), choice.to_string()));
    }
    fields
}

async fn save(
    client: &mut Client,
    room: i64,
    name: &str,
    capacity: &str,
    equipment: &str,
    access: &[(String, String)],
) -> Res {
    let mut fields: Vec<(&str, &str)> = vec![
        ("name", name),
        ("capacity", capacity),
        ("equipment", equipment),
    ];
    fields.extend(access.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    client
        .post_form(&format!("/lokaler/{room}/rediger"), &fields)
        .await
}

#[tokio::test]
async fn only_the_owners_coordinator_edits_a_room_and_sees_the_link() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, LIBRARIAN, "Mødelokalet").await.unwrap();
    let mut coordinator = app.login(LIBRARY_COORDINATOR).await;
    let day = coordinator.get(&format!("/lokaler/{id}")).await;
    assert!(day.text.contains(&format!("/lokaler/{id}/rediger")));
    let form = coordinator.get(&format!("/lokaler/{id}/rediger")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("value=\"Mødelokalet\""));
    assert!(form.text.contains("value=\"4\""));
    // Those who see the room but may not define it are refused.
    for who in [LIBRARIAN, SOCIAL, CITIZEN_COORDINATOR] {
        let mut other = app.login(who).await;
        let day = other.get(&format!("/lokaler/{id}")).await;
        assert_eq!(day.status, StatusCode::OK, "{who}");
        assert!(!day.text.contains("/rediger"), "{who}");
        assert_eq!(
            other.get(&format!("/lokaler/{id}/rediger")).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        let res = save(&mut other, id, "Mit lokale", "9", "", &[]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
    }
    // A school does not even see it.
    let mut school = app.login("skole@dragoer.demo").await;
    assert_eq!(
        school.get(&format!("/lokaler/{id}/rediger")).await.status,
        StatusCode::NOT_FOUND
    );
    let mut far = app.login(OTHER_COORDINATOR).await;
    assert_eq!(
        far.get(&format!("/lokaler/{id}/rediger")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        room_id(&app, LIBRARIAN, "Mødelokalet").await,
        Some(id),
        "nothing changed"
    );
}

#[tokio::test]
async fn an_edit_saves_name_capacity_and_equipment_and_keeps_what_was_typed_on_errors() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, LIBRARIAN, "Mødelokalet").await.unwrap();
    let access = access_fields(
        &app,
        &[("Borgercentret", "free"), ("Socialafdelingen", "free")],
    )
    .await;
    let mut coordinator = app.login(LIBRARY_COORDINATOR).await;
    let bad = save(
        &mut coordinator,
        id,
        "Det lille rum",
        "0",
        "Whiteboard",
        &access,
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text.contains("value=\"Det lille rum\""),
        "typed name kept"
    );
    assert!(bad.text.contains("value=\"0\""));
    assert!(bad.text.contains("error-summary") || bad.text.contains("alert-error"));
    let taken = save(&mut coordinator, id, "Salen", "6", "", &access).await;
    assert_eq!(
        taken.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another room's name"
    );
    let long = "x".repeat(101);
    let res = save(&mut coordinator, id, &long, "6", "", &access).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "name bounded");

    let ok = save(
        &mut coordinator,
        id,
        "Det lille rum",
        "6",
        "Whiteboard",
        &access,
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text);
    assert_eq!(ok.location(), format!("/lokaler/{id}?notice=room-saved"));
    let (_, rooms) = api(&app, SOCIAL, "GET", "/api/v1/rooms", None).await;
    let room = rooms
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(room["name"], "Det lille rum");
    assert_eq!(room["capacity"], 6);
    let page = coordinator.get(&format!("/lokaler/{id}")).await;
    assert!(page.text.contains("Whiteboard"));
}

#[tokio::test]
async fn access_removed_stops_new_bookings_and_keeps_the_old_ones() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, LIBRARIAN, "Mødelokalet").await.unwrap();
    let book = format!("/api/v1/rooms/{id}/bookings");
    let (status, before) = api(
        &app,
        SOCIAL,
        "POST",
        &book,
        Some(at("09:00", "10:00", "Før")),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{before}");
    assert_eq!(before["status"], "confirmed");

    // Socialafdelingen loses access; Borgercentret keeps it.
    let access = access_fields(
        &app,
        &[("Borgercentret", "free"), ("Socialafdelingen", "none")],
    )
    .await;
    let mut coordinator = app.login(LIBRARY_COORDINATOR).await;
    let res = save(&mut coordinator, id, "Mødelokalet", "4", "", &access).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);

    let (status, _) = api(
        &app,
        SOCIAL,
        "POST",
        &book,
        Some(at("11:00", "12:00", "Efter")),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no new booking");
    assert_eq!(room_id(&app, SOCIAL, "Mødelokalet").await, None);
    let (status, _) = api(
        &app,
        "borgerservice@dragoer.demo",
        "POST",
        &book,
        Some(at("11:00", "12:00", "Borgercentret")),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // The booking made before stays, for the owner to see.
    let (_, seen) = api(
        &app,
        LIBRARY_COORDINATOR,
        "GET",
        &format!("{book}?from=2026-12-02T00:00:00Z&to=2026-12-03T00:00:00Z"),
        None,
    )
    .await;
    let titles: Vec<&str> = seen
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["title"].as_str())
        .collect();
    assert_eq!(titles, ["Før", "Borgercentret"]);

    // Given back with approval: new bookings wait for the owner.
    let access = access_fields(
        &app,
        &[("Borgercentret", "free"), ("Socialafdelingen", "approval")],
    )
    .await;
    let res = save(&mut coordinator, id, "Mødelokalet", "4", "", &access).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let (status, body) = api(
        &app,
        SOCIAL,
        "POST",
        &book,
        Some(at("13:00", "14:00", "Senere")),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "pending");
    let form = coordinator.get(&format!("/lokaler/{id}/rediger")).await;
    let social = app.org_id(app.dragoer, "Socialafdelingen").await;
    assert!(
        form.text.contains(&format!(
            "id=\"access-{social}-approval\" name=\"access_{social}\" value=\"approval\" checked"
        )),
        "the form shows access as saved"
    );
}

/// The referral numbers a list page shows, in order: the receiver's links
/// to the case, or the sender's plain numbers in the second table.
fn referral_numbers(text: &str, incoming: bool) -> Vec<i64> {
    let tables: Vec<&str> = text.split("<tbody>").skip(1).collect();
    let Some(table) = tables
        .iter()
        .find(|t| t.contains("href=\"/henvisninger/") == incoming)
    else {
        return vec![];
    };
    let body = table.split("</tbody>").next().unwrap();
    body.split("<tr><td>")
        .skip(1)
        .filter_map(|row| {
            let cell = row.split("</td>").next()?;
            let digits: String = cell
                .rsplit(' ')
                .next()?
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

/// The "next page" link of the pager labelled `label`.
fn next_link(text: &str, label: &str) -> Option<String> {
    let nav = text.split(&format!("aria-label=\"{label}\"")).nth(1)?;
    let nav = nav.split("</nav>").next()?;
    let href = nav.split("href=\"").find(|s| s.contains("rel=\"next\""))?;
    Some(href.split('"').next()?.replace("&amp;", "&"))
}

#[tokio::test]
async fn the_referral_lists_page_newest_first_without_repeats() {
    let app = TestApp::spawn().await;
    let scope = samvirke_store::Scope::new(app.dragoer);
    let library = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let citizen = app.org_id(app.dragoer, "Borgercentret").await;
    let by = app.staff_id(LIBRARIAN).await;
    for i in 0..120 {
        samvirke_store::referrals::create(
            &app.core.db.write,
            scope,
            samvirke_store::referrals::NewReferral {
                from: samvirke_domain::OrgId(library),
                to: samvirke_domain::OrgId(citizen),
                need: &format!("Hjælp {i}"),
                contact_name: "Bo Borger",
                contact_phone: Some("12345678"),
                contact_email: None,
                consent_by: by,
            },
            t0(),
        )
        .await
        .unwrap();
    }
    for (who, incoming, label) in [
        (
            "borgerservice@dragoer.demo",
            true,
            "Sider med henvisninger til jer",
        ),
        (LIBRARIAN, false, "Sider med henvisninger fra jer"),
    ] {
        let mut client = app.login(who).await;
        let mut path = "/henvisninger".to_string();
        let mut seen: Vec<i64> = Vec::new();
        let mut pages = 0;
        loop {
            let res = client.get(&path).await;
            assert_eq!(res.status, StatusCode::OK, "{path}");
            let numbers = referral_numbers(&res.text, incoming);
            assert!(numbers.len() <= 50, "{who}: {}", numbers.len());
            seen.extend(numbers);
            pages += 1;
            match next_link(&res.text, label) {
                Some(next) => path = next,
                None => break,
            }
            assert!(pages < 10);
        }
        assert_eq!(pages, 3, "{who}");
        assert_eq!(seen.len(), 120, "{who}: every referral once");
        assert!(seen.windows(2).all(|w| w[0] > w[1]), "{who}: newest first");
    }
}

/// Makes a room calendar link as `client` and returns its path and query.
async fn feed_path(client: &mut Client, room: i64) -> String {
    let res = client
        .post_form(&format!("/lokaler/{room}/kalenderlink"), &[])
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
    link[link.find("/kalender/").unwrap()..].to_string()
}

#[tokio::test]
async fn a_room_feed_speaks_the_language_of_the_person_who_made_the_link() {
    let app = TestApp::spawn().await;
    let id = room_id(&app, LIBRARIAN, "Mødelokalet").await.unwrap();
    let (status, _) = api(
        &app,
        SOCIAL,
        "POST",
        &format!("/api/v1/rooms/{id}/bookings"),
        Some(json!({
            "starts_at": "2026-12-02T10:00:00+01:00",
            "ends_at": "2026-12-02T11:00:00+01:00",
            "title": "Samtale",
            "visibility": "discreet",
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    let mut danish = app.login(LIBRARIAN).await;
    let path = feed_path(&mut danish, id).await;
    assert!(!path.contains("lang="), "{path}");
    let feed = app.client().get(&path).await;
    assert!(feed.text.contains("SUMMARY:Optaget"), "{}", feed.text);

    let mut english = app.login(LIBRARY_COORDINATOR).await;
    english.cookies.insert("samvirke_lang".into(), "en".into());
    let path = feed_path(&mut english, id).await;
    assert!(path.ends_with(".ics?lang=en"), "{path}");
    let feed = app.client().get(&path).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.text.contains("SUMMARY:Busy"), "{}", feed.text);
    assert!(!feed.text.contains("Optaget") && !feed.text.contains("Samtale"));
    // An unknown language is Danish; the secret still decides what is shown.
    let feed = app.client().get(&path.replace("lang=en", "lang=xx")).await;
    assert!(feed.text.contains("SUMMARY:Optaget"));
}

#[tokio::test]
async fn the_privacy_notice_names_the_deletions_of_rooms_referrals_appointments_and_the_quiz() {
    let app = TestApp::spawn().await;
    let mut client = app.client();
    let da = client.get("/privatliv").await;
    assert_eq!(da.status, StatusCode::OK);
    for text in [
        "bookingens emne slettes, når mødet er slut",
        "dine kontaktoplysninger efter 30 dage",
        "slettes 30 dage efter aftalen",
        "Kaldenavne i quizzen slettes sammen med arrangementets øvrige personoplysninger",
    ] {
        assert!(da.text.contains(text), "{text}");
    }
    client.cookies.insert("samvirke_lang".into(), "en".into());
    let en = client.get("/privatliv").await;
    for text in [
        "the booking&#39;s subject is deleted when the meeting is over",
        "your contact details are deleted after 30 days",
        "deleted 30 days after the appointment",
        "Quiz nicknames are deleted with the event&#39;s other personal data",
    ] {
        assert!(en.text.contains(text), "{text}");
    }
    assert!(!en.text.contains("NemID") && !da.text.contains("NemID"));
}
