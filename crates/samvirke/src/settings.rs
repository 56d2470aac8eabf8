//! Settings: defaults, then an optional TOML file, then `SAMVIRKE_*` environment variables.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// `sqlite://samvirke.db` or `postgres://user:pass@host/db`.
    pub database_url: String,
    /// Address and port to listen on.
    pub listen: String,
    /// Where `.eml` files go when there is no SMTP server.
    pub data_dir: PathBuf,
    /// `smtp://host:port`, `smtp://host:port?tls=required` or `smtps://user:pass@host`.
    pub smtp_url: Option<String>,
    /// The sender of every e-mail.
    pub mail_from: String,
    /// `on` (default) or `off`: per-address limits, off for load tests from one address.
    pub rate_limit: String,
    /// Mark cookies Secure; turn on when served over https.
    pub secure_cookies: bool,
    /// How many hours before a session the reminder e-mail goes out.
    pub reminder_hours: i64,
    /// The address people reach Samvirke at, for links in e-mails.
    pub public_url: Option<String>,
    /// The password of every demo login.
    pub demo_password: String,
    /// Days an `.eml` file (written when there is no SMTP) is kept.
    pub eml_retention_days: u32,
    /// Days after a session ends that its participants' names and contacts are kept.
    pub participant_retention_days: u32,
    /// Days an entry of the audit log is kept.
    pub audit_retention_days: u32,
    /// Log filter, e.g. `info` or `samvirke=debug,info`.
    pub log: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            database_url: "sqlite://samvirke.db".into(),
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            smtp_url: None,
            mail_from: "Samvirke <noreply@samvirke.invalid>".into(),
            rate_limit: "on".into(),
            secure_cookies: false,
            reminder_hours: 24,
            public_url: None,
            demo_password: "samvirke-demo".into(),
            eml_retention_days: 7,
            participant_retention_days: 30,
            audit_retention_days: 730,
            log: "info,sqlx=warn,tower_http=warn".into(),
        }
    }
}

impl Settings {
    pub fn load(config_file: Option<&PathBuf>) -> Result<Settings, Box<figment::Error>> {
        let mut f = Figment::from(Serialized::defaults(Settings::default()));
        match config_file {
            Some(path) => f = f.merge(Toml::file_exact(path)),
            None => f = f.merge(Toml::file("samvirke.toml")),
        }
        f.merge(Env::prefixed("SAMVIRKE_").ignore(&["config"]))
            .extract()
            .map_err(Box::new)
    }

    pub fn retention(&self) -> samvirke_service::retention::Retention {
        samvirke_service::retention::Retention {
            participant_days: self.participant_retention_days,
            eml_days: self.eml_retention_days,
            audit_days: self.audit_retention_days,
        }
    }

    pub fn rate_limit_on(&self) -> bool {
        !matches!(
            self.rate_limit.trim().to_ascii_lowercase().as_str(),
            "off" | "false" | "0" | "no"
        )
    }
}
