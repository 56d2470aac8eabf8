//! The quiz's rules through the API and the pages: who may start and move
//! a run, one counted answer per player and question, answers only to the
//! current question, the results' shape, paper sheets, nicknames deleted.

use crate::support::{OTHER_COORDINATOR, TestApp, api_token};
use axum::http::StatusCode;
use samvirke_store::{Scope, sessions as q};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

pub const OWNER: &str = "bibliotek@dragoer.demo";
/// Staff of the citizen service, a `run` partner of the programme.
pub const PARTNER: &str = "borgercenter@dragoer.demo";
/// A school: no part in the programme.
pub const OUTSIDER: &str = "skole@dragoer.demo";

/// The first session of the seniors' programme, which has the demo quiz.
pub async fn quiz_session(app: &TestApp) -> i64 {
    let p = q::programme_by_title(
        &app.core.db.read,
        Scope::new(app.dragoer),
        "010101 Dit digitale liv",
    )
    .await
    .unwrap()
    .unwrap();
    let db = &app.core.db.read;
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT id FROM event_session WHERE programme_id = $1 ORDER BY starts_at, id LIMIT 1",
            vec![p.id.into()],
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "id").unwrap()
}

pub async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    bearer: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let body = body.map(|b| b.to_string());
    let res = app
        .client()
        .api(method, path, bearer, body.as_deref())
        .await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or_default(),
    )
}

/// A run started by the owner's coordinator: (token, run id, join code).
pub async fn started(app: &TestApp) -> (String, i64, String) {
    let token = api_token(app, OWNER).await;
    let session = quiz_session(app).await;
    let (status, body) = call(
        app,
        "POST",
        &format!("/api/v1/sessions/{session}/quiz-runs"),
        Some(&token),
        Some(json!({})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let code = body["join_code"].as_str().unwrap().to_string();
    assert!(
        code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
        "{code}"
    );
    (token, body["run_id"].as_i64().unwrap(), code)
}

pub async fn join(app: &TestApp, code: &str, nickname: Option<&str>) -> String {
    let (status, body) = call(
        app,
        "POST",
        &format!("/api/v1/quiz/{code}/players"),
        None,
        Some(json!({ "nickname": nickname })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["player_token"].as_str().unwrap().to_string()
}

pub async fn advance(app: &TestApp, token: &str, run: i64) -> Value {
    let (status, body) = call(
        app,
        "POST",
        &format!("/api/v1/quiz-runs/{run}/advance"),
        Some(token),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn answer(
    app: &TestApp,
    code: &str,
    player: &str,
    question: i64,
    option: i64,
) -> (StatusCode, Value) {
    call(
        app,
        "POST",
        &format!("/api/v1/quiz/{code}/answers"),
        None,
        Some(json!({ "player_token": player, "question_id": question, "option_id": option })),
    )
    .await
}

#[tokio::test]
async fn a_run_goes_from_waiting_through_seven_questions_to_finished() {
    let app = TestApp::spawn().await;
    let (token, run, code) = started(&app).await;
    let (_, state) = call(
        &app,
        "GET",
        &format!("/api/v1/quiz/{code}/state"),
        None,
        None,
    )
    .await;
    assert_eq!(state, json!({ "status": "waiting", "question": null }));
    let mut seen = vec![];
    for n in 1..=7 {
        let s = advance(&app, &token, run).await;
        assert_eq!(s["status"], "question");
        assert_eq!(s["question"]["number"], n);
        let options = s["question"]["options"].as_array().unwrap();
        assert!((2..=4).contains(&options.len()));
        assert!(
            options.iter().all(|o| o.get("correct").is_none()),
            "the state never tells the answer"
        );
        seen.push(s["question"]["text"].as_str().unwrap().to_string());
    }
    let all = seen.join(" ");
    assert!(all.contains("MitID") && all.contains("Digital Post") && all.contains("eReolen"));
    assert!(!all.to_lowercase().contains("nemid"));
    assert_eq!(
        advance(&app, &token, run).await,
        json!({ "status": "finished", "question": null })
    );
    let (status, body) = call(
        &app,
        "POST",
        &format!("/api/v1/quiz-runs/{run}/advance"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("quiz_finished"))
    );
    let (status, _) = call(
        &app,
        "POST",
        &format!("/api/v1/quiz/{code}/players"),
        None,
        Some(json!({})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "no joining a finished run");
}

#[tokio::test]
async fn one_answer_counts_and_only_to_the_current_question() {
    let app = TestApp::spawn().await;
    let (token, run, code) = started(&app).await;
    let player = join(&app, &code, Some("Grethe")).await;
    let first = advance(&app, &token, run).await;
    let q1 = first["question"]["id"].as_i64().unwrap();
    let o1 = first["question"]["options"][1]["id"].as_i64().unwrap();
    let o0 = first["question"]["options"][0]["id"].as_i64().unwrap();
    let (status, body) = answer(&app, &code, &player, q1, o1).await;
    assert_eq!(
        (status, body["correct"].as_bool()),
        (StatusCode::CREATED, Some(true)),
        "{body}"
    );
    let (status, body) = answer(&app, &code, &player, q1, o0).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("already_answered"))
    );
    let second = advance(&app, &token, run).await;
    let q2 = second["question"]["id"].as_i64().unwrap();
    let (status, body) = answer(&app, &code, &player, q1, o0).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("question_not_current")),
        "an earlier question"
    );
    // An option of another question: not counted.
    let (status, _) = answer(&app, &code, &player, q2, o0).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = answer(&app, &code, "not-a-token", q2, o0).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = answer(&app, "999999", &player, q2, o0).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = call(
        &app,
        "GET",
        &format!("/api/v1/quiz-runs/{run}/results"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["players"], 1);
    assert_eq!(body["questions"][0]["correct_share"], 1.0);
}

#[tokio::test]
async fn parallel_second_answers_count_once() {
    let app = TestApp::spawn().await;
    let (token, run, code) = started(&app).await;
    let player = join(&app, &code, None).await;
    let s = advance(&app, &token, run).await;
    let q1 = s["question"]["id"].as_i64().unwrap();
    let options: Vec<i64> = s["question"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    let tasks: Vec<_> = (0..30)
        .map(|i| {
            let (app_router, code, player, option) = (
                app.client(),
                code.clone(),
                player.clone(),
                options[i % options.len()],
            );
            tokio::spawn(async move {
                let mut c = app_router;
                let body =
                    json!({ "player_token": player, "question_id": q1, "option_id": option })
                        .to_string();
                c.api(
                    "POST",
                    &format!("/api/v1/quiz/{code}/answers"),
                    None,
                    Some(&body),
                )
                .await
                .status
            })
        })
        .collect();
    let mut created = 0;
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(created, 1);
    let (_, body) = call(
        &app,
        "GET",
        &format!("/api/v1/quiz-runs/{run}/results"),
        Some(&token),
        None,
    )
    .await;
    let total: u64 = body["score_distribution"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, 1);
}

#[tokio::test]
async fn results_have_a_key_for_every_score() {
    let app = TestApp::spawn().await;
    let (token, run, code) = started(&app).await;
    for _ in 0..3 {
        join(&app, &code, None).await;
    }
    let (status, body) = call(
        &app,
        "GET",
        &format!("/api/v1/quiz-runs/{run}/results"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let dist = body["score_distribution"].as_object().unwrap();
    let keys: std::collections::BTreeSet<u32> = dist.keys().map(|k| k.parse().unwrap()).collect();
    assert_eq!(keys, (0..=7).collect());
    assert_eq!(dist["0"], 3);
    assert_eq!(body["players"], 3);
    assert_eq!(body["questions"].as_array().unwrap().len(), 7);
    assert!(
        body["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["correct_share"] == 0.0 && q["id"].is_i64())
    );
}

#[tokio::test]
async fn staff_endpoints_need_staff_of_the_session() {
    let app = TestApp::spawn().await;
    let (_, run, code) = started(&app).await;
    let session = quiz_session(&app).await;
    // No token.
    for (method, path) in [
        ("POST", format!("/api/v1/sessions/{session}/quiz-runs")),
        ("POST", format!("/api/v1/quiz-runs/{run}/advance")),
        ("GET", format!("/api/v1/quiz-runs/{run}/results")),
    ] {
        let body = (method == "POST").then(|| json!({}));
        let (status, _) = call(&app, method, &path, None, body).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    // A partner who runs the programme may; an organisation outside it may not;
    // another municipality does not even find it.
    let partner = api_token(&app, PARTNER).await;
    advance(&app, &partner, run).await;
    let outsider = api_token(&app, OUTSIDER).await;
    let other = api_token(&app, OTHER_COORDINATOR).await;
    for (who, expected) in [
        (&outsider, StatusCode::FORBIDDEN),
        (&other, StatusCode::NOT_FOUND),
    ] {
        let (status, _) = call(
            &app,
            "POST",
            &format!("/api/v1/quiz-runs/{run}/advance"),
            Some(who),
            None,
        )
        .await;
        assert_eq!(status, expected);
        let (status, _) = call(
            &app,
            "GET",
            &format!("/api/v1/quiz-runs/{run}/results"),
            Some(who),
            None,
        )
        .await;
        assert_eq!(status, expected, "results: staff of the session only");
        let (status, _) = call(
            &app,
            "POST",
            &format!("/api/v1/sessions/{session}/quiz-runs"),
            Some(who),
            Some(json!({})),
        )
        .await;
        assert_eq!(status, expected);
    }
    let (_, state) = call(
        &app,
        "GET",
        &format!("/api/v1/quiz/{code}/state"),
        None,
        None,
    )
    .await;
    assert_eq!(state["question"]["number"], 1, "only the partner moved it");
}

#[tokio::test]
async fn join_codes_are_unique_among_open_runs_and_nicknames_bounded() {
    let app = TestApp::spawn().await;
    let token = api_token(&app, OWNER).await;
    let session = quiz_session(&app).await;
    let mut codes = std::collections::HashSet::new();
    for _ in 0..20 {
        let (status, body) = call(
            &app,
            "POST",
            &format!("/api/v1/sessions/{session}/quiz-runs"),
            Some(&token),
            Some(json!({})),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        assert!(codes.insert(body["join_code"].as_str().unwrap().to_string()));
    }
    let code = codes.iter().next().unwrap();
    let (status, body) = call(
        &app,
        "POST",
        &format!("/api/v1/quiz/{code}/players"),
        None,
        Some(json!({ "nickname": "x".repeat(31) })),
    )
    .await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("nickname"))
    );
    let (status, _) = call(&app, "GET", "/api/v1/quiz/abc/state", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = call(
        &app,
        "POST",
        &format!("/api/v1/sessions/{session}/quiz-runs"),
        Some(&token),
        Some(json!({ "quiz_id": 999999 })),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_public_calls_are_limited_per_player_not_per_address() {
    let app = TestApp::spawn().await;
    let (token, run, code) = started(&app).await;
    let s = advance(&app, &token, run).await;
    let q1 = s["question"]["id"].as_i64().unwrap();
    let o = s["question"]["options"][0]["id"].as_i64().unwrap();
    // Far more players than the per-address limit of public sign-ups would let through.
    for _ in 0..40 {
        let p = join(&app, &code, None).await;
        assert_eq!(answer(&app, &code, &p, q1, o).await.0, StatusCode::CREATED);
    }
    // One token hammering is stopped; others go on.
    let greedy = join(&app, &code, None).await;
    let mut throttled = false;
    for _ in 0..200 {
        if answer(&app, &code, &greedy, q1, o).await.0 == StatusCode::TOO_MANY_REQUESTS {
            throttled = true;
            break;
        }
    }
    assert!(throttled, "one player's token is limited");
    let other = join(&app, &code, None).await;
    assert_eq!(
        answer(&app, &code, &other, q1, o).await.0,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn paper_sheets_count_in_the_results_and_errors_name_the_cell() {
    let app = TestApp::spawn().await;
    let (token, run, _) = started(&app).await;
    let mut staff = app.login(OWNER).await;
    let sheets = staff.get(&format!("/quiz-koersel/{run}/ark?antal=3")).await;
    assert_eq!(sheets.status, StatusCode::OK);
    assert!(
        sheets.text.contains("quiz-box")
            && sheets.text.matches("class=\"quiz-sheet\"").count() == 3
    );
    let res = staff
        .post_form(
            &format!("/quiz-koersel/{run}/papir"),
            &[("sheet", "1"), ("q1", "b"), ("q2", "Z"), ("q3", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text.contains("Spørgsmål 2: skriv A, B, C eller D"),
        "the cell is named"
    );
    assert!(res.text.contains("value=\"Z\""), "what was typed stays");
    // The demo's right answers: B, B, A, C, B, B, A.
    let row = [
        ("sheet", "1"),
        ("q1", "b"),
        ("q2", "B"),
        ("q3", "a"),
        ("q4", "c"),
        ("q5", "A"),
        ("q6", ""),
        ("q7", "a"),
    ];
    let res = staff
        .post_form(&format!("/quiz-koersel/{run}/papir"), &row)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    // Typed again: replaced, not added.
    let res = staff
        .post_form(&format!("/quiz-koersel/{run}/papir"), &row)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let (_, body) = call(
        &app,
        "GET",
        &format!("/api/v1/quiz-runs/{run}/results"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(body["players"], 1);
    assert_eq!(body["score_distribution"]["5"], 1, "{body}");
    let outsider = app
        .login(OUTSIDER)
        .await
        .get(&format!("/quiz-koersel/{run}/papir"))
        .await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_participant_plays_with_plain_forms_and_a_reload_loses_nothing() {
    let app = TestApp::spawn().await;
    let (token, run, code) = started(&app).await;
    let mut phone = app.client();
    let page = phone.get(&format!("/quiz/{code}")).await;
    assert!(page.text.contains("name=\"nickname\""));
    let res = phone
        .post_form(&format!("/quiz/{code}/deltag"), &[("nickname", "Bent")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let waiting = phone.get(&format!("/quiz/{code}")).await;
    assert!(
        waiting.text.contains("Hent næste spørgsmål"),
        "{}",
        waiting.text
    );
    let s = advance(&app, &token, run).await;
    let page = phone.get(&format!("/quiz/{code}")).await;
    let option = s["question"]["options"][1]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    assert!(page.text.contains(&format!("value=\"{option}\"")));
    let res = phone
        .post_form(
            &format!("/quiz/{code}/svar"),
            &[
                ("question", &s["question"]["id"].to_string()),
                ("option", &option),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let again = phone.get(&format!("/quiz/{code}")).await;
    assert!(
        again.text.contains("Rigtigt!"),
        "a reload shows the answer given"
    );
    let mut presenter = app.login(OWNER).await;
    let screen = presenter.get(&format!("/quiz-koersel/{run}")).await;
    assert_eq!(screen.status, StatusCode::OK);
    assert!(screen.text.contains("Svar: 1 / 1"), "the tally");
    let start = presenter
        .post_form(&format!("/sessions/{}/quiz", quiz_session(&app).await), &[])
        .await;
    assert!(start.location().starts_with("/quiz-koersel/"));
    let fresh = presenter.get(start.location()).await;
    assert!(
        fresh.text.contains("<svg") && fresh.text.contains("/quiz/"),
        "a QR code and the address"
    );
}

#[tokio::test]
async fn nicknames_are_deleted_with_the_sessions_personal_data() {
    let app = TestApp::spawn().await;
    let (_, run, code) = started(&app).await;
    join(&app, &code, Some("Grethe")).await;
    let count = |app: &TestApp| {
        let db = app.core.db.read.clone();
        async move {
            db.query_one_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM quiz_player WHERE run_id = $1 AND nickname IS NOT NULL",
                vec![run.into()],
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap()
        }
    };
    assert_eq!(count(&app).await, 1);
    samvirke_service::retention::run(&app.core).await.unwrap();
    assert_eq!(count(&app).await, 1, "the session has not ended");
    app.clock.advance(chrono::Duration::days(120));
    samvirke_service::retention::run(&app.core).await.unwrap();
    assert_eq!(count(&app).await, 0);
}
