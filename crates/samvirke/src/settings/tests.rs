use super::*;

fn from_toml(text: &str) -> Settings {
    Figment::from(Serialized::defaults(Settings::default()))
        .merge(Toml::string(text))
        .extract()
        .unwrap()
}

#[test]
fn trusted_proxies_from_a_list_or_a_string() {
    assert!(from_toml("").trusted_proxies.is_empty());
    let s = from_toml(r#"trusted_proxies = ["127.0.0.1", "10.0.0.0/8"]"#);
    assert_eq!(s.trusted_proxies, ["127.0.0.1", "10.0.0.0/8"]);
    // As an environment variable holds it.
    let s = from_toml(r#"trusted_proxies = "192.0.2.1, fd00::/8""#);
    assert_eq!(s.trusted_proxies, ["192.0.2.1", "fd00::/8"]);
    assert_eq!(s.login_memory_mib, 64);
}

#[test]
fn https_follows_the_public_url() {
    let mut s = Settings::default();
    assert!(!s.https(), "the demo on http://127.0.0.1:8080");
    assert!(!s.secure_cookies());
    s.public_url = Some("HTTPS://samvirke.dragoer.dk".into());
    assert!(s.https());
    assert!(s.secure_cookies());
    s.secure_cookies = Some(false);
    assert!(!s.secure_cookies(), "the setting overrides");
    assert!(s.https());
    s.public_url = Some("http://intern.example".into());
    s.secure_cookies = Some(true);
    assert!(s.secure_cookies() && !s.https());
}

#[test]
fn server_limits_default_to_the_documented_numbers() {
    let l = Settings::default().server_limits();
    assert_eq!(l.header_read_timeout, Duration::from_secs(10));
    assert_eq!(l.body_read_timeout, Duration::from_secs(30));
    assert_eq!(l.idle_timeout, Duration::from_secs(60));
    assert_eq!(l.max_connections, 512);
}

#[test]
#[allow(clippy::result_large_err)] // figment's test jail returns its own error type
fn settings_come_from_the_environment() {
    figment::Jail::expect_with(|jail| {
        jail.set_env("SAMVIRKE_SECURE_COOKIES", "true");
        jail.set_env("SAMVIRKE_HEADER_READ_TIMEOUT_SECS", "5");
        jail.set_env("SAMVIRKE_MAX_CONNECTIONS", "64");
        let s = Settings::load(None).map_err(|e| e.to_string())?;
        assert_eq!(s.secure_cookies, Some(true));
        assert!(s.rate_limit);
        assert_eq!(
            s.server_limits().header_read_timeout,
            Duration::from_secs(5)
        );
        assert_eq!(s.server_limits().max_connections, 64);
        Ok(())
    });
}

#[test]
#[allow(clippy::result_large_err)] // figment's test jail returns its own error type
fn rate_limit_takes_on_and_off_as_well_as_true_and_false() {
    for (value, on) in [
        ("on", true),
        ("off", false),
        ("OFF", false),
        ("true", true),
        ("false", false),
        ("1", true),
        ("0", false),
    ] {
        figment::Jail::expect_with(|jail| {
            jail.set_env("SAMVIRKE_RATE_LIMIT", value);
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(s.rate_limit, on, "{value}");
            Ok(())
        });
    }
    let s = from_toml("rate_limit = false");
    assert!(!s.rate_limit);
    assert!(Settings::default().rate_limit);
}

/// The message for one bad environment variable.
#[allow(clippy::result_large_err)] // figment's test jail returns its own error type
fn refused(var: &str, value: &str) -> String {
    let mut message = String::new();
    figment::Jail::expect_with(|jail| {
        jail.set_env(var, value);
        message = Settings::load(None)
            .map(|_| String::new())
            .unwrap_or_else(|e| e.to_string());
        Ok(())
    });
    message
}

#[test]
fn a_bad_value_is_refused_naming_the_setting() {
    for (var, value) in [
        ("SAMVIRKE_RATE_LIMIT", "maybe"),
        ("SAMVIRKE_LISTEN", "localhost"),
        ("SAMVIRKE_LISTEN", "127.0.0.1:99999"),
        ("SAMVIRKE_MAX_CONNECTIONS", "many"),
        ("SAMVIRKE_MAX_CONNECTIONS", "0"),
        ("SAMVIRKE_IDLE_TIMEOUT_SECS", "-5"),
        ("SAMVIRKE_REMINDER_HOURS", "-1"),
        ("SAMVIRKE_LOGIN_MEMORY_MIB", "64MB"),
        ("SAMVIRKE_PARTICIPANT_RETENTION_DAYS", "thirty"),
        ("SAMVIRKE_SECURE_COOKIES", "perhaps"),
        ("SAMVIRKE_PUBLIC_URL", "samvirke.dragoer.dk"),
        ("SAMVIRKE_TRUSTED_PROXIES", "10.0.0.0/99"),
        ("SAMVIRKE_LOG_FORMAT", "xml"),
        ("SAMVIRKE_METRICS_ADDRESS", "localhost:9464"),
    ] {
        let message = refused(var, value);
        assert!(message.contains(var), "{var}={value}: {message:?}");
    }
}

#[test]
fn every_setting_has_one_meaning_and_the_sample_reads_back_as_the_defaults() {
    let keys: Vec<String> = match serde_json::to_value(Settings::default()).unwrap() {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("settings serialise to {other}"),
    };
    let mut described: Vec<String> = MEANINGS.iter().map(|(k, _)| k.to_string()).collect();
    described.sort();
    let mut keys = keys;
    keys.sort();
    assert_eq!(described, keys, "MEANINGS lists every setting once");
    let sample = Settings::sample();
    let read = from_toml(&sample);
    assert_eq!(
        serde_json::to_value(read).unwrap(),
        serde_json::to_value(Settings::default()).unwrap()
    );
    assert!(sample.contains("# metrics_address =\n"), "{sample}");
    assert!(sample.lines().all(|l| l.chars().count() <= 80), "{sample}");
}

#[test]
fn the_readme_lists_every_setting() {
    let readme = include_str!("../../../../README.md");
    for (key, _) in MEANINGS {
        let var = format!("`SAMVIRKE_{}`", key.to_ascii_uppercase());
        assert!(readme.contains(&var), "README.md lacks {var}");
    }
}

#[test]
fn sqlite_synchronous_is_normal_or_full() {
    assert_eq!(
        Settings::default().db_options().sqlite_synchronous,
        samvirke_store::SqliteSync::Normal
    );
    let s = from_toml(r#"sqlite_synchronous = "full""#);
    assert_eq!(
        s.db_options().sqlite_synchronous,
        samvirke_store::SqliteSync::Full
    );
    let e = refused("SAMVIRKE_SQLITE_SYNCHRONOUS", "sometimes");
    assert!(e.contains("SAMVIRKE_SQLITE_SYNCHRONOUS"), "{e}");
}

#[tokio::test]
async fn sqlite_synchronous_full_reaches_the_write_connection() {
    use samvirke_store::sea_orm::{ConnectionTrait, Statement};
    let dir = std::env::temp_dir().join(format!("samvirke-sync-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("sync.db").display());
    for (value, pragma) in [("normal", 1), ("full", 2)] {
        let s = from_toml(&format!("sqlite_synchronous = \"{value}\""));
        let db = samvirke_store::Db::connect_with(&url, s.db_options())
            .await
            .unwrap();
        let row = db
            .write
            .query_one_raw(Statement::from_string(
                db.write.get_database_backend(),
                "PRAGMA synchronous",
            ))
            .await
            .unwrap()
            .unwrap();
        let got: i32 = row.try_get_by_index(0).unwrap();
        assert_eq!(got, pragma, "{value}");
        db.close().await.unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn log_format_and_shutdown_grace() {
    let s = from_toml(r#"log_format = "json""#);
    assert_eq!(s.log_format, LogFormat::Json);
    assert_eq!(Settings::default().log_format, LogFormat::Text);
    assert_eq!(
        Settings::default().shutdown_grace(),
        Duration::from_secs(10)
    );
    let s = from_toml(r#"metrics_address = "127.0.0.1:9464""#);
    assert_eq!(
        s.metrics_address,
        Some(SocketAddr::from(([127, 0, 0, 1], 9464)))
    );
}

#[test]
fn the_listen_address_is_an_address() {
    let s = from_toml(r#"listen = "0.0.0.0:80""#);
    assert_eq!(s.listen, SocketAddr::from(([0, 0, 0, 0], 80)));
    assert_eq!(Settings::default().public_url(), "http://127.0.0.1:8080");
}
