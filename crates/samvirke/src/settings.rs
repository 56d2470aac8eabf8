//! Settings: defaults, then an optional TOML file, then `SAMVIRKE_*` environment variables.
//!
//! Each is typed (a number, a switch, an address), so a bad value stops the
//! start with a message naming the setting, rather than failing later.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Every setting; what each means is in [`MEANINGS`], from which the sample
/// settings file (`samvirke settings --sample`, `deploy/samvirke.toml`) is written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    pub database_url: String,
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    #[serde(deserialize_with = "switch")]
    pub rate_limit: bool,
    pub secure_cookies: Option<bool>,
    pub reminder_hours: u32,
    pub public_url: Option<String>,
    pub demo_password: String,
    pub eml_retention_days: u32,
    pub participant_retention_days: u32,
    pub audit_retention_days: u32,
    pub log: String,
    pub log_format: LogFormat,
    pub header_read_timeout_secs: u64,
    pub body_read_timeout_secs: u64,
    pub idle_timeout_secs: u64,
    pub max_connections: usize,
    pub shutdown_grace_secs: u64,
    #[serde(deserialize_with = "list_or_string")]
    pub trusted_proxies: Vec<String>,
    pub login_memory_mib: u32,
    pub metrics_address: Option<SocketAddr>,
    pub sqlite_synchronous: SqliteSynchronous,
}

/// What each setting means, in the order of the sample settings file. A
/// test checks that every setting has exactly one entry.
pub const MEANINGS: &[(&str, &str)] = &[
    (
        "database_url",
        "`sqlite://FILE` or `postgres://user:pass@host/db`.",
    ),
    (
        "listen",
        "Address and port to serve on (an IP address, not a host name).",
    ),
    (
        "data_dir",
        "Where `.eml` files go when there is no SMTP server.",
    ),
    (
        "smtp_url",
        "`smtp://host:25`, `smtp://host:587?tls=required` or `smtps://user:pass@host`. Unset: e-mail is written as `.eml` files to `data_dir`/outbox.",
    ),
    ("mail_from", "The sender of every e-mail."),
    (
        "rate_limit",
        "Per-address limits on logins, sign-ups and cancellations; `off` only for load tests from one address. Takes on/off as well as true/false.",
    ),
    (
        "secure_cookies",
        "Mark cookies Secure. Unset: they are when `public_url` is https.",
    ),
    (
        "reminder_hours",
        "How many hours before a session the reminder e-mail goes out.",
    ),
    (
        "public_url",
        "The address people reach Samvirke at, for links in e-mails (`https://…` behind a TLS proxy). Unset: http:// and the listen address.",
    ),
    (
        "demo_password",
        "The password of every demo login (`samvirke demo`).",
    ),
    (
        "eml_retention_days",
        "Days an `.eml` file (written when there is no SMTP) is kept.",
    ),
    (
        "participant_retention_days",
        "Days after a session ends that its participants' names and contacts are kept.",
    ),
    (
        "audit_retention_days",
        "Days an entry of the audit log is kept.",
    ),
    (
        "log",
        "Log filter, e.g. `info` or `samvirke=debug,info` (`RUST_LOG` wins).",
    ),
    (
        "log_format",
        "`text` (readable) or `json` (one object a line, for log shipping).",
    ),
    (
        "header_read_timeout_secs",
        "Seconds a client has to send a request's headers; at least 1.",
    ),
    (
        "body_read_timeout_secs",
        "Seconds a client has to send a request's body, after its headers; at least 1.",
    ),
    (
        "idle_timeout_secs",
        "Seconds an idle keep-alive connection is kept open; at least 1.",
    ),
    (
        "max_connections",
        "Connections served at once; more wait until one closes; at least 1.",
    ),
    (
        "shutdown_grace_secs",
        "On SIGTERM or Ctrl-C, seconds the requests in flight (and the e-mail being sent) get to finish before the rest are closed; at least 1.",
    ),
    (
        "trusted_proxies",
        "Reverse proxies in front of Samvirke, as addresses or networks (`10.0.0.0/8`): only from these is the client address read from `X-Forwarded-For`. A list, or in the environment a comma-separated one.",
    ),
    (
        "login_memory_mib",
        "Memory that password checks may use at once, in MiB (each takes about 19 MiB): 64 lets three run at once.",
    ),
    (
        "metrics_address",
        "Serve Prometheus metrics at /metrics on this address, e.g. `127.0.0.1:9464` (never on the public listener). Unset: no metrics.",
    ),
    (
        "sqlite_synchronous",
        "SQLite only: `normal` (a commit survives the process being killed; a power cut may lose the last seconds) or `full` (every answered change is on disk before the answer).",
    ),
];

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// For people: one readable line each.
    #[default]
    Text,
    /// For log shipping: one JSON object a line.
    Json,
}

/// When a SQLite commit is on disk (`store::SqliteSync`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SqliteSynchronous {
    #[default]
    Normal,
    Full,
}

/// A switch: `true`/`false`, `on`/`off`, `yes`/`no` or `1`/`0`.
fn switch<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Any {
        Bool(bool),
        Int(i64),
        Text(String),
    }
    let bad = |v: &dyn std::fmt::Display| {
        serde::de::Error::custom(format!("{v} is not on, off, true or false"))
    };
    match Any::deserialize(d)? {
        Any::Bool(b) => Ok(b),
        Any::Int(1) => Ok(true),
        Any::Int(0) => Ok(false),
        Any::Int(n) => Err(bad(&n)),
        Any::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
            "on" | "true" | "yes" | "1" => Ok(true),
            "off" | "false" | "no" | "0" => Ok(false),
            _ => Err(bad(&t)),
        },
    }
}

/// A list, or one string of comma- or space-separated items (what an
/// environment variable can hold).
fn list_or_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<String>),
        One(String),
    }
    Ok(match Either::deserialize(d)? {
        Either::List(l) => l,
        Either::One(s) => s
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            database_url: "sqlite://samvirke.db".into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("data"),
            smtp_url: None,
            mail_from: "Samvirke <noreply@samvirke.invalid>".into(),
            rate_limit: true,
            secure_cookies: None,
            reminder_hours: 24,
            public_url: None,
            demo_password: "samvirke-demo".into(),
            eml_retention_days: 7,
            participant_retention_days: 30,
            audit_retention_days: 730,
            log: "info,sqlx=warn,tower_http=warn".into(),
            trusted_proxies: Vec::new(),
            login_memory_mib: 64,
            log_format: LogFormat::Text,
            shutdown_grace_secs: 10,
            metrics_address: None,
            sqlite_synchronous: SqliteSynchronous::Normal,
            header_read_timeout_secs: 10,
            body_read_timeout_secs: 30,
            idle_timeout_secs: 60,
            max_connections: 512,
        }
    }
}

impl Settings {
    pub fn load(config_file: Option<&PathBuf>) -> Result<Settings, SettingsError> {
        let mut f = Figment::from(Serialized::defaults(Settings::default()));
        match config_file {
            Some(path) => f = f.merge(Toml::file_exact(path)),
            None => f = f.merge(Toml::file("samvirke.toml")),
        }
        let settings: Settings = f
            .merge(Env::prefixed("SAMVIRKE_").ignore(&["config"]))
            .extract()
            .map_err(|e| SettingsError(describe(e)))?;
        settings.check()?;
        Ok(settings)
    }

    /// What a type cannot say: bounds, and values read by other crates.
    fn check(&self) -> Result<(), SettingsError> {
        let mut bad = Vec::new();
        for (name, v) in [
            ("header_read_timeout_secs", self.header_read_timeout_secs),
            ("body_read_timeout_secs", self.body_read_timeout_secs),
            ("idle_timeout_secs", self.idle_timeout_secs),
            ("max_connections", self.max_connections as u64),
            ("shutdown_grace_secs", self.shutdown_grace_secs),
        ] {
            if v == 0 {
                bad.push(format!("{}: must be at least 1", setting(name)));
            }
        }
        if let Some(url) = &self.public_url
            && !(starts_with(url, "http://") || starts_with(url, "https://"))
        {
            bad.push(format!(
                "{}: must start with http:// or https://",
                setting("public_url")
            ));
        }
        if let Err(e) = samvirke_web::http::TrustedProxies::parse(&self.trusted_proxies) {
            bad.push(format!("{}: {e}", setting("trusted_proxies")));
        }
        if bad.is_empty() {
            Ok(())
        } else {
            Err(SettingsError(bad.join("; ")))
        }
    }

    pub fn db_options(&self) -> samvirke_store::DbOptions {
        samvirke_store::DbOptions {
            sqlite_synchronous: match self.sqlite_synchronous {
                SqliteSynchronous::Normal => samvirke_store::SqliteSync::Normal,
                SqliteSynchronous::Full => samvirke_store::SqliteSync::Full,
            },
        }
    }

    pub fn retention(&self) -> samvirke_service::retention::Retention {
        samvirke_service::retention::Retention {
            participant_days: self.participant_retention_days,
            eml_days: self.eml_retention_days,
            audit_days: self.audit_retention_days,
            ..Default::default()
        }
    }

    /// The address people reach Samvirke at.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
    }

    /// Served over https: cookies `Secure` and `Strict-Transport-Security`.
    pub fn https(&self) -> bool {
        starts_with(&self.public_url(), "https://")
    }

    /// `secure_cookies` when set, else whether the public URL is https.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies.unwrap_or_else(|| self.https())
    }

    pub fn server_limits(&self) -> samvirke_web::server::Limits {
        samvirke_web::server::Limits {
            header_read_timeout: Duration::from_secs(self.header_read_timeout_secs.max(1)),
            body_read_timeout: Duration::from_secs(self.body_read_timeout_secs.max(1)),
            idle_timeout: Duration::from_secs(self.idle_timeout_secs.max(1)),
            max_connections: self.max_connections.max(1),
            shutdown_grace: self.shutdown_grace(),
        }
    }

    /// How long shutdown waits for requests in flight and the e-mail being sent.
    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }

    /// The sample settings file: every setting with its meaning and default.
    pub fn sample() -> String {
        let defaults = serde_json::to_value(Settings::default()).expect("settings serialise");
        let mut out = String::from(
            "# Samvirke settings: every setting with its default and meaning.\n\
             # Written by `samvirke settings --sample`; each can also be given as an\n\
             # environment variable, SAMVIRKE_ and the name in capitals.\n",
        );
        for (key, meaning) in MEANINGS {
            out.push('\n');
            for line in wrap(meaning, 76) {
                out.push_str(&format!("# {line}\n"));
            }
            match &defaults[key] {
                serde_json::Value::Null => out.push_str(&format!("# {key} =\n")),
                value => out.push_str(&format!("{key} = {value}\n")),
            }
        }
        out
    }
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn starts_with(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// A setting refused at start; the message names it as the environment
/// variable and the key in the settings file.
#[derive(Debug)]
pub struct SettingsError(String);

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SettingsError {}

/// `SAMVIRKE_LISTEN (listen)`: both ways a setting can be given.
fn setting(key: &str) -> String {
    format!("SAMVIRKE_{} ({key})", key.to_ascii_uppercase())
}

/// Every problem figment found, each with the setting it is about.
fn describe(e: figment::Error) -> String {
    e.into_iter()
        .map(|e| {
            let key = e.path.last().cloned().unwrap_or_default();
            let mut kind = e.kind.to_string();
            if let figment::error::Kind::Message(m) = &e.kind {
                kind = m.clone();
            }
            if key.is_empty() {
                kind
            } else {
                format!("{}: {kind}", setting(&key))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests;
