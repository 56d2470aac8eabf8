//! A span per use case: the acting organisation and the resource, never
//! personal data, in every log line written inside it.

use crate::notice::session;
use crate::support::Captured;
use crate::support::TestApp;
use axum::http::StatusCode;
use serde_json::json;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// Every span as it is opened, and each field recorded on it later:
/// `cancel resource="registration"`, `cancel += resource_id=7`.
#[derive(Clone, Default)]
struct Spans(Arc<Mutex<Vec<String>>>);

struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        write!(self.0, " {}={value:?}", field.name()).unwrap();
    }
}

impl<S> tracing_subscriber::Layer<S> for Spans
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        let mut f = Fields(String::new());
        attrs.record(&mut f);
        let line = format!("{}{}", attrs.metadata().name(), f.0);
        self.0.lock().unwrap().push(line);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let mut f = Fields(String::new());
        values.record(&mut f);
        let name = ctx.span(id).map(|s| s.name()).unwrap_or("?");
        self.0.lock().unwrap().push(format!("{name} +={}", f.0));
    }
}

#[tokio::test]
async fn a_use_case_logs_in_a_span_with_the_org_and_the_resource_and_no_personal_data() {
    let logs = Captured::default();
    let spans = Spans::default();
    let subscriber = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(logs.clone()),
        )
        .with(spans.clone())
        .with(tracing_subscriber::filter::LevelFilter::INFO);
    // One thread (current-thread runtime): this subscriber sees all of it.
    let _guard = tracing::subscriber::set_default(subscriber);
    // A log site reached by a test running at the same moment may have
    // decided "nobody listens" just before this subscriber came.
    tracing::callsite::rebuild_interest_cache();

    let app = TestApp::spawn().await;
    let id = session(&app, 5).await;
    let res = app
        .client()
        .api(
            "POST",
            &format!("/api/v1/sessions/{id}/registrations"),
            None,
            Some(
                &json!({"name": "Ida Hemmelig", "email": "ida@example.dk", "phone": "+4512345678"})
                    .to_string(),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let registration = res.json()["id"].as_i64().unwrap();
    let token = res.json()["cancel_token"].as_str().unwrap().to_string();
    let mut coord = app.login("bibliotek@dragoer.demo").await;
    assert_eq!(
        coord.get(&format!("/sessions/{id}")).await.status,
        StatusCode::OK
    );
    let res = app
        .client()
        .api(
            "POST",
            "/api/v1/registrations/cancel",
            None,
            Some(&json!({"cancel_token": token}).to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);

    let org = app.org_id(app.dragoer, "Dragør Bibliotek").await;
    let m = app.dragoer.0;
    let spans = spans.0.lock().unwrap().clone();
    for span in [
        format!(r#"sign_up municipality={m} resource="session" resource_id={id}"#),
        format!(r#"staff_session org={org} resource="session" resource_id={id}"#),
        // A cancel link names neither: they are recorded once it is found.
        r#"cancel resource="registration""#.to_string(),
        format!("cancel += municipality={m}"),
        format!("cancel += resource_id={registration}"),
    ] {
        assert!(spans.contains(&span), "{span} not in {spans:#?}");
    }
    let mut text = logs.text();
    text.push_str(&spans.join("\n"));
    for personal in ["Ida Hemmelig", "ida@example.dk", "12345678", token.as_str()] {
        assert!(!text.contains(personal), "{personal} logged:\n{text}");
    }
}
