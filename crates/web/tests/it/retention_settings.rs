//! Retention periods per kind of personal data (issue 13): the
//! municipality's administrator sets them (1–3650 days), the privacy notice
//! shows the live values, and the daily deletion uses them, leaving the
//! counts unchanged.

use crate::ideas::send_idea;
use crate::support::*;
use axum::http::StatusCode;
use chrono::Duration;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

const ADMIN: &str = "admin@dragoer.demo";
const PATH: &str = "/indstillinger/opbevaring";

fn all(days: &str) -> Vec<(&'static str, String)> {
    [
        "days_signups",
        "days_appointments",
        "days_referrals",
        "days_pupils",
        "days_ideas",
        "days_quiz_nicknames",
        "days_audit_log",
    ]
    .into_iter()
    .map(|f| (f, days.to_string()))
    .collect()
}

async fn save(c: &mut Client, fields: &[(&str, String)]) -> Res {
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.post_form(PATH, &f).await
}

#[tokio::test]
async fn only_the_administrator_sets_bounded_periods_and_the_privacy_notice_shows_them() {
    let app = TestApp::spawn().await;
    let mut staff = app.login("bibliotekar@dragoer.demo").await;
    let page = staff.get(PATH).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Kun kommunens administrator"));
    let mut coordinator = app.login("bibliotek@dragoer.demo").await;
    assert_eq!(
        save(&mut coordinator, &all("40")).await.status,
        StatusCode::FORBIDDEN
    );
    let mut admin = app.login(ADMIN).await;
    for bad in ["0", "3651", "tre", ""] {
        let mut fields = all("40");
        fields[4].1 = bad.to_string();
        let res = save(&mut admin, &fields).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(res.text.contains("href=\"#days_ideas\""), "{bad}");
        assert!(
            res.text.contains(&format!("value=\"{bad}\"")),
            "kept: {bad}"
        );
    }
    let privacy = app.client().get("/privatliv").await.text;
    assert!(
        privacy.contains("30 dage efter arrangementet"),
        "the default first"
    );
    assert!(privacy.contains("365 dage efter, at du sendte idéen"));
    let mut fields = all("3650");
    fields[0].1 = "45".into();
    fields[4].1 = "10".into();
    let res = save(&mut admin, &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let page = admin.get(PATH).await;
    assert!(page.text.contains("value=\"45\"") && page.text.contains("value=\"10\""));
    let privacy = app.client().get("/privatliv").await.text;
    assert!(
        privacy.contains("45 dage efter arrangementet"),
        "the live value"
    );
    assert!(privacy.contains("10 dage efter, at du sendte idéen"));
    // Another municipality keeps its own.
    let other = samvirke_service::retention::periods_of(&app.core, app.taarnby)
        .await
        .unwrap();
    assert_eq!(
        other.days(samvirke_domain::ideas::DataKind::Signups),
        app.core.retention.participant_days
    );
}

#[tokio::test]
async fn the_daily_deletion_follows_the_settings_and_leaves_the_counts() {
    let app = TestApp::spawn().await;
    let mut admin = app.login(ADMIN).await;
    let mut fields = all("3650");
    fields[0].1 = "2".into(); // sign-ups
    fields[4].1 = "5".into(); // ideas
    assert_eq!(
        save(&mut admin, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    let idea = send_idea(&app, "Lektiecafé", Some("ida@example.dk")).await;
    let anonymous = send_idea(&app, "Skakklub", None).await;
    let s = demo_session(&app, NewSession::seats(10)).await;
    let (status, _) = api_sign_up(
        &app,
        s,
        json!({"name": "Ida Holm", "email": "ida@example.dk"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let ideas_before = samvirke_store::entity::idea::Entity::find()
        .count(&app.core.db.read)
        .await
        .unwrap();
    let regs_before = samvirke_store::entity::registration::Entity::find()
        .count(&app.core.db.read)
        .await
        .unwrap();

    // Four days on: nothing is due yet.
    app.clock.advance(Duration::days(4));
    let d = samvirke_service::retention::run(&app.core).await.unwrap();
    assert_eq!(d.idea_contacts, 0);
    // Six days on: the idea's e-mail goes, the idea stays.
    app.clock.advance(Duration::days(2));
    let d = samvirke_service::retention::run(&app.core).await.unwrap();
    assert_eq!(d.idea_contacts, 1);
    let row = samvirke_store::entity::idea::Entity::find_by_id(idea)
        .one(&app.core.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.email, None);
    assert_eq!(row.text, "Lektiecafé");
    assert!(row.contact_deleted_at.is_some());
    assert!(
        samvirke_store::entity::idea::Entity::find_by_id(anonymous)
            .one(&app.core.db.read)
            .await
            .unwrap()
            .unwrap()
            .contact_deleted_at
            .is_none()
    );
    // The session ends ten days and two hours on; two days after, its participants go.
    app.clock.advance(Duration::days(7));
    samvirke_service::retention::run(&app.core).await.unwrap();
    let reg = samvirke_store::entity::registration::Entity::find()
        .all(&app.core.db.read)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.session_id == s)
        .unwrap();
    assert_eq!(reg.name, "", "sign-ups kept 2 days, not the default 30");
    assert_eq!(reg.email, None);
    // The counts are unchanged.
    assert_eq!(
        samvirke_store::entity::idea::Entity::find()
            .count(&app.core.db.read)
            .await
            .unwrap(),
        ideas_before
    );
    assert_eq!(
        samvirke_store::entity::registration::Entity::find()
            .count(&app.core.db.read)
            .await
            .unwrap(),
        regs_before
    );
    let token = api_token(&app, "bibliotekar@dragoer.demo").await;
    let res = app
        .client()
        .api("GET", "/api/v1/ideas", Some(&token), None)
        .await;
    assert_eq!(res.json().as_array().unwrap().len(), 2);
}
