//! The question bank (issue 11, second part): a coordinator edits a
//! question and moves questions up and down without JavaScript; the
//! places stay 1, 2, 3, … under 30 moves at once; an answered question's
//! options cannot change (said plainly), so results keep their meaning;
//! the order waits while a run shows a question.

use crate::quiz::{OUTSIDER, OWNER, advance, call, join, started};
use crate::support::*;
use axum::http::StatusCode;
use samvirke_store::quiz::{self as qz, QuestionRow};
use samvirke_store::{Scope, sessions as q};
use serde_json::json;
use std::sync::Arc;

/// The seniors' programme (with the demo quiz) and its quiz.
async fn bank_ids(app: &TestApp) -> (i64, i64) {
    let scope = Scope::new(app.dragoer);
    let p = q::programme_by_title(&app.core.db.read, scope, "010101 Dit digitale liv")
        .await
        .unwrap()
        .unwrap();
    let quiz = qz::quizzes_of_programme(&app.core.db.read, scope, p.id)
        .await
        .unwrap()[0]
        .id;
    (p.id, quiz)
}

async fn questions(app: &TestApp, quiz: i64) -> Vec<QuestionRow> {
    qz::questions(&app.core.db.read, Scope::new(app.dragoer), quiz)
        .await
        .unwrap()
}

/// The form fields of a question: texts and (Danish, English) options.
fn fields<'a>(
    text: &'a str,
    options: &'a [(&'a str, &'a str)],
    correct: &'a str,
) -> Vec<(String, String)> {
    let mut f = vec![
        ("text_da".to_string(), text.to_string()),
        ("text_en".to_string(), String::new()),
        ("explanation_da".to_string(), "Fordi.".to_string()),
        ("explanation_en".to_string(), "Because.".to_string()),
        ("correct".to_string(), correct.to_string()),
    ];
    for (i, (da, en)) in options.iter().enumerate() {
        f.push((format!("option_{}_da", i + 1), da.to_string()));
        f.push((format!("option_{}_en", i + 1), en.to_string()));
    }
    f
}

async fn post(client: &mut Client, path: &str, f: &[(String, String)]) -> Res {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    client.post_form(path, &pairs).await
}

#[tokio::test]
async fn a_coordinator_edits_a_question_and_the_form_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let (programme, quiz) = bank_ids(&app).await;
    let first = questions(&app, quiz).await[0].clone();
    let path = format!("/programmes/{programme}/quiz/{}/rediger", first.id);
    let mut owner = app.login(OWNER).await;
    let bank = owner.get(&format!("/programmes/{programme}/quiz")).await;
    assert!(bank.text.contains(&path), "the bank links to the edit form");
    let form = owner.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains(&format!("value=\"{}\"", first.text_da)));

    let bad = post(
        &mut owner,
        &path,
        &fields("", &[("Ja", "Yes"), ("Nej", "No")], "1"),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("value=\"Ja\"") && bad.text.contains("value=\"No\""));
    assert!(bad.text.contains("error-summary-heading"));
    let one_option = post(&mut owner, &path, &fields("Hvad?", &[("Ja", "")], "1")).await;
    assert_eq!(
        one_option.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "2–4 options"
    );

    let options = [
        ("Aldrig", "Never"),
        ("Altid", "Always"),
        ("Nogle gange", ""),
    ];
    let ok = post(
        &mut owner,
        &path,
        &fields("Hvornår godkender du?", &options, "1"),
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text);
    let saved = questions(&app, quiz).await[0].clone();
    assert_eq!(saved.id, first.id);
    assert_eq!(saved.text_da, "Hvornår godkender du?");
    assert_eq!(saved.explanation_en.as_deref(), Some("Because."));
    let opts: Vec<(&str, Option<&str>, bool)> = saved
        .options
        .iter()
        .map(|o| (o.text_da.as_str(), o.text_en.as_deref(), o.correct))
        .collect();
    assert_eq!(
        opts,
        [
            ("Aldrig", Some("Never"), true),
            ("Altid", Some("Always"), false),
            ("Nogle gange", None, false)
        ]
    );
    // Four options, then back to two.
    let four = [("A", ""), ("B", ""), ("C", ""), ("D", "")];
    let ok = post(&mut owner, &path, &fields("Fire?", &four, "4")).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(questions(&app, quiz).await[0].options.len(), 4);
    let ok = post(
        &mut owner,
        &path,
        &fields("To?", &[("A", ""), ("B", "")], "2"),
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let two = questions(&app, quiz).await[0].clone();
    assert_eq!(two.options.len(), 2);
    assert!(two.options[1].correct && !two.options[0].correct);

    // Outside the programme: refused; another municipality: not found.
    let mut outsider = app.login(OUTSIDER).await;
    assert_eq!(outsider.get(&path).await.status, StatusCode::FORBIDDEN);
    let res = post(&mut outsider, &path, &fields("Mit?", &options, "1")).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let mut far = app.login(OTHER_COORDINATOR).await;
    assert_eq!(far.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(questions(&app, quiz).await[0].text_da, "To?");
}

#[tokio::test]
async fn an_answered_questions_options_cannot_change_but_its_text_can() {
    let app = TestApp::spawn().await;
    let (programme, quiz) = bank_ids(&app).await;
    let (token, run, code) = started(&app).await;
    let player = join(&app, &code, None).await;
    advance(&app, &token, run).await;
    let first = questions(&app, quiz).await[0].clone();
    let right = first.options.iter().find(|o| o.correct).unwrap().id;
    let (status, _) = call(
        &app,
        "POST",
        &format!("/api/v1/quiz/{code}/answers"),
        None,
        Some(json!({ "player_token": player, "question_id": first.id, "option_id": right })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    for _ in 0..7 {
        advance(&app, &token, run).await;
    }
    let (_, before) = call(
        &app,
        "GET",
        &format!("/api/v1/quiz-runs/{run}/results"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(before["questions"][0]["correct_share"], 1.0, "{before}");

    let path = format!("/programmes/{programme}/quiz/{}/rediger", first.id);
    let mut owner = app.login(OWNER).await;
    let form = owner.get(&path).await;
    assert!(
        form.text.contains("nogen allerede har svaret"),
        "said plainly"
    );
    assert!(
        !form.text.contains("id=\"option-1-da\""),
        "no option fields"
    );
    // Another option marked correct: refused, nothing saved.
    let mut options: Vec<(String, String)> = first
        .options
        .iter()
        .map(|o| (o.text_da.clone(), o.text_en.clone().unwrap_or_default()))
        .collect();
    let wrong = first.options.iter().position(|o| !o.correct).unwrap() + 1;
    let opts: Vec<(&str, &str)> = options
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let res = post(
        &mut owner,
        &path,
        &fields("Ny tekst", &opts, &wrong.to_string()),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Svarmulighederne kan ikke ændres"));
    assert_eq!(questions(&app, quiz).await[0], first, "nothing saved");
    // A changed option text or one option fewer: refused too.
    options[0].0 = "Noget andet".into();
    let opts: Vec<(&str, &str)> = options
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let correct = (first.options.iter().position(|o| o.correct).unwrap() + 1).to_string();
    let res = post(&mut owner, &path, &fields("Ny tekst", &opts, &correct)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = post(&mut owner, &path, &fields("Ny tekst", &opts[..2], "1")).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(questions(&app, quiz).await[0], first, "nothing saved");

    // The form as drawn (options as hidden fields) saves a new text.
    let mut owner_form: Vec<(String, String)> = form
        .text
        .split("<input type=\"hidden\" name=\"")
        .skip(1)
        .filter_map(|s| {
            let (name, rest) = s.split_once('"')?;
            let value = rest.split("value=\"").nth(1)?.split('"').next()?;
            (name != "csrf").then(|| (name.to_string(), value.to_string()))
        })
        .collect();
    owner_form.push(("text_da".into(), "Rettet tekst".into()));
    owner_form.push(("explanation_da".into(), first.explanation_da.clone()));
    let res = post(&mut owner, &path, &owner_form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let now = questions(&app, quiz).await[0].clone();
    assert_eq!(now.text_da, "Rettet tekst");
    assert_eq!(now.options, first.options, "options as they were");
    let (_, after) = call(
        &app,
        "GET",
        &format!("/api/v1/quiz-runs/{run}/results"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(after, before, "the results mean what they meant");
}

async fn positions(app: &TestApp, quiz: i64) -> Vec<(i32, i64)> {
    questions(app, quiz)
        .await
        .iter()
        .map(|q| (q.position, q.id))
        .collect()
}

#[tokio::test]
async fn moves_swap_neighbours_and_thirty_at_once_keep_the_places_unique_and_dense() {
    let app = TestApp::spawn().await;
    let (programme, quiz) = bank_ids(&app).await;
    let ids: Vec<i64> = positions(&app, quiz).await.iter().map(|p| p.1).collect();
    assert_eq!(ids.len(), 7);
    let mut owner = app.login(OWNER).await;
    let move_path = |id: i64| format!("/programmes/{programme}/quiz/{id}/flyt");
    let res = owner
        .post_form(&move_path(ids[1]), &[("retning", "op")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(res.location().contains("notice=quiz-question-moved"));
    let after: Vec<i64> = positions(&app, quiz).await.iter().map(|p| p.1).collect();
    assert_eq!(after[..2], [ids[1], ids[0]]);
    // The first cannot move up, the last not down: nothing changes.
    owner
        .post_form(&move_path(ids[1]), &[("retning", "op")])
        .await;
    owner
        .post_form(&move_path(ids[6]), &[("retning", "ned")])
        .await;
    assert_eq!(
        positions(&app, quiz)
            .await
            .iter()
            .map(|p| p.1)
            .collect::<Vec<_>>(),
        after
    );
    let bad = owner
        .post_form(&move_path(ids[2]), &[("retning", "sidelæns")])
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // 30 moves at once, of every question, both ways.
    let barrier = Arc::new(tokio::sync::Barrier::new(30));
    let tasks: Vec<_> = (0..30)
        .map(|i| {
            let mut client = app.client();
            client.cookies = owner.cookies.clone();
            let path = move_path(ids[i % 7]);
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                let way = if i % 2 == 0 { "op" } else { "ned" };
                client.post_form(&path, &[("retning", way)]).await.status
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::SEE_OTHER);
    }
    let places = positions(&app, quiz).await;
    assert_eq!(
        places.iter().map(|p| p.0).collect::<Vec<_>>(),
        (1..=7).collect::<Vec<_>>(),
        "unique and dense: {places:?}"
    );
    let mut now: Vec<i64> = places.iter().map(|p| p.1).collect();
    now.sort();
    let mut all = ids.clone();
    all.sort();
    assert_eq!(now, all, "every question once");

    // A question added and one deleted afterwards keep the places dense.
    let mut add = fields("Ny?", &[("Ja", ""), ("Nej", "")], "1");
    add.retain(|(k, _)| k != "text_en");
    let res = post(&mut owner, &format!("/programmes/{programme}/quiz"), &add).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = owner
        .post_form(
            &format!("/programmes/{programme}/quiz/{}/slet", places[2].1),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let places = positions(&app, quiz).await;
    assert_eq!(
        places.iter().map(|p| p.0).collect::<Vec<_>>(),
        (1..=7).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn the_order_waits_while_a_run_shows_a_question_and_outsiders_cannot_move() {
    let app = TestApp::spawn().await;
    let (programme, quiz) = bank_ids(&app).await;
    let before = positions(&app, quiz).await;
    let (token, run, _) = started(&app).await;
    let mut owner = app.login(OWNER).await;
    let path = format!("/programmes/{programme}/quiz/{}/flyt", before[0].1);
    // Waiting for players: the order may still change.
    let res = owner.post_form(&path, &[("retning", "ned")]).await;
    assert!(res.location().contains("notice=quiz-question-moved"));
    let res = owner.post_form(&path, &[("retning", "op")]).await;
    assert!(res.location().contains("notice=quiz-question-moved"));
    assert_eq!(positions(&app, quiz).await, before);
    advance(&app, &token, run).await;
    let res = owner.post_form(&path, &[("retning", "ned")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(res.location().contains("notice=quiz-order-locked"));
    let page = owner.get(res.location()).await;
    assert!(page.text.contains("bliver spillet lige nu"));
    assert_eq!(positions(&app, quiz).await, before);

    let mut outsider = app.login(OUTSIDER).await;
    let res = outsider.post_form(&path, &[("retning", "ned")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let mut far = app.login(OTHER_COORDINATOR).await;
    let res = far.post_form(&path, &[("retning", "ned")]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(positions(&app, quiz).await, before);
}
