//! The `samvirke` binary: settings, commands, wiring, and the worker loop.

mod backup;
mod ops;
mod settings;

use clap::{Args, Parser, Subcommand};
use samvirke_domain::SystemClock;
use samvirke_domain::validate::FieldProblem;
use samvirke_service::mail::Transport;
use samvirke_service::staff::{self, OperatorMunicipality, OperatorStaff};
use samvirke_service::throttle::{Limits, Throttle};
use samvirke_service::{Core, ServiceError};
use samvirke_store::Db;
use samvirke_web::http::TrustedProxies;
use samvirke_web::{AppState, WebConfig};
use settings::Settings;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "samvirke",
    version,
    about = "Samvirke: library and citizen service, apart and together"
)]
struct Cli {
    /// A TOML settings file (default: samvirke.toml when present).
    #[arg(long, global = true, env = "SAMVIRKE_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone, Default)]
struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:8080 (overrides SAMVIRKE_LISTEN).
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// Database URL (overrides SAMVIRKE_DATABASE_URL).
    #[arg(long)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve.
    Serve(ServeArgs),
    /// Migrate, add the Dragør demo data (once), and serve.
    Demo(ServeArgs),
    /// Apply the database migrations and stop.
    Migrate {
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Add a municipality with its administration and first admin.
    CreateMunicipality {
        /// Short name used in addresses, e.g. `dragoer`.
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin_email: String,
        #[arg(long)]
        admin_name: String,
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Write a consistent copy of a SQLite database while the server runs.
    Backup {
        #[arg(long)]
        database_url: Option<String>,
        /// The file to write; never overwritten.
        #[arg(long)]
        to: PathBuf,
    },
    /// Put a backup in place (stop the server first) and migrate it.
    Restore {
        /// The backup file.
        #[arg(long)]
        from: PathBuf,
        #[arg(long)]
        database_url: Option<String>,
        /// Replace a database that holds data.
        #[arg(long)]
        force: bool,
    },
    /// Print every setting with its default and meaning, as a settings file.
    Settings {
        /// The only form for now; the effective settings are not printed,
        /// as they hold passwords.
        #[arg(long, required = true)]
        sample: bool,
    },
    /// Add a staff member. The password is read from SAMVIRKE_NEW_PASSWORD.
    CreateUser {
        /// The municipality's slug, e.g. `dragoer`.
        #[arg(long)]
        municipality: String,
        /// The organisation's exact name.
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// municipality_admin, coordinator, staff or school_contact.
        #[arg(long, default_value = "staff")]
        role: String,
        #[arg(long)]
        database_url: Option<String>,
    },
}

/// A password check (argon2id) takes a 19 MiB block. glibc's malloc raises
/// its mmap threshold once such a block is freed, and from then on keeps
/// them in its per-thread arenas: resident memory grew with every blocking
/// thread that had ever checked a password (808 MB peak in a burst of 200
/// logins, see BENCHMARKS.md). A fixed threshold keeps blocks of 4 MiB and
/// more mapped on their own, so they go back to the system when freed and
/// the peak follows the number of checks running at once.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)] // the one call into C; see SAFETY
fn give_large_blocks_back() {
    // SAFETY: only changes a setting of the allocator; called first in
    // `main`, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_large_blocks_back() {}

fn main() -> ExitCode {
    give_large_blocks_back();
    let cli = Cli::parse();
    let mut settings = match Settings::load(cli.config.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("samvirke: settings: {e}");
            return ExitCode::from(2);
        }
    };
    ops::init_logging(&settings);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(args) => {
                apply(&mut settings, &args);
                serve(settings, false).await
            }
            Command::Demo(args) => {
                apply(&mut settings, &args);
                serve(settings, true).await
            }
            Command::Migrate { database_url } => {
                if let Some(url) = database_url {
                    settings.database_url = url;
                }
                open(&settings)
                    .await
                    .map(|_| println!("Migrations applied."))
            }
            Command::Backup { database_url, to } => {
                backup::backup(&database_url.unwrap_or(settings.database_url), &to).await
            }
            Command::Restore {
                from,
                database_url,
                force,
            } => {
                backup::restore(&from, &database_url.unwrap_or(settings.database_url), force).await
            }
            Command::Settings { sample: _ } => {
                print!("{}", Settings::sample());
                Ok(())
            }
            Command::CreateMunicipality {
                slug,
                name,
                admin_email,
                admin_name,
                database_url,
            } => {
                if let Some(url) = database_url {
                    settings.database_url = url;
                }
                create_municipality(&settings, &slug, &name, &admin_email, &admin_name).await
            }
            Command::CreateUser {
                municipality,
                organisation,
                email,
                name,
                role,
                database_url,
            } => {
                if let Some(url) = database_url {
                    settings.database_url = url;
                }
                create_user(
                    &settings,
                    &municipality,
                    &organisation,
                    &email,
                    &name,
                    &role,
                )
                .await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("samvirke: {e}");
            ExitCode::FAILURE
        }
    }
}

fn apply(settings: &mut Settings, args: &ServeArgs) {
    if let Some(l) = args.listen {
        settings.listen = l;
    }
    if let Some(u) = &args.database_url {
        settings.database_url = u.clone();
    }
}

pub(crate) type AnyError = Box<dyn std::error::Error + Send + Sync>;

/// Connects and brings the schema up to date.
async fn open(settings: &Settings) -> Result<Core, AnyError> {
    let db = Db::connect_with(&settings.database_url, settings.db_options()).await?;
    db.migrate().await?;
    let core = Core::new(db, Arc::new(SystemClock)).with_public_url(&settings.public_url());
    // The e-mail texts and their links come from the web layer.
    Ok(samvirke_web::notices::install(core))
}

async fn serve(settings: Settings, demo: bool) -> Result<(), AnyError> {
    let core = open(&settings).await?.with_retention(settings.retention());
    if demo {
        let seeded = samvirke_service::demo::seed(&core, &settings.demo_password).await?;
        println!(
            "{}",
            if seeded {
                "Demo data for Dragør Kommune added."
            } else {
                "Demo data already present."
            }
        );
    }
    let transport = match &settings.smtp_url {
        Some(url) => Transport::smtp(url)?,
        None => Transport::Files(settings.data_dir.join("outbox")),
    };
    let limits = Limits {
        per_address: settings
            .rate_limit
            .then_some(Limits::default().per_address.unwrap_or(100)),
        check_memory_mib: settings.login_memory_mib,
        ..Limits::default()
    };
    let trusted_proxies = TrustedProxies::parse(&settings.trusted_proxies)
        .map_err(|e| format!("trusted_proxies: {e}"))?;
    let state = AppState::new(
        core.clone(),
        Throttle::new(limits),
        WebConfig {
            secure_cookies: settings.secure_cookies(),
            rate_limit: settings.rate_limit,
            trusted_proxies,
            hsts: settings.https(),
        },
    );
    let app = samvirke_web::app(state.clone());
    let listener = tokio::net::TcpListener::bind(&settings.listen).await?;
    let addr = listener.local_addr()?;

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let metrics = ops::start_metrics(&settings, state.clone(), stop_rx.clone()).await?;
    let worker = tokio::spawn(worker_loop(
        core,
        transport,
        settings.mail_from.clone(),
        chrono::Duration::hours(settings.reminder_hours.into()),
        stop_rx,
    ));

    println!("Samvirke is running on http://{addr}");
    if demo {
        println!(
            "Demo logins (password: the value of SAMVIRKE_DEMO_PASSWORD, default samvirke-demo):"
        );
        for (email, who) in samvirke_service::demo::demo_logins() {
            println!("  {email:<32} {who}");
        }
    }
    let stopping = ops::Stopping::default();
    let signal = stopping.on(shutdown_signal(), stop_tx);
    samvirke_web::server::serve(listener, app, settings.server_limits(), signal).await?;
    let grace = settings.shutdown_grace();
    stopping.finish("the outbox worker", worker, grace).await;
    if let Some(metrics) = metrics {
        stopping
            .finish("the metrics listener", metrics, grace)
            .await;
    }
    println!("Stopped.");
    Ok(())
}

/// Delivers e-mail and tidies up while the server runs.
async fn worker_loop(
    core: Core,
    transport: Transport,
    from: String,
    reminder_lead: chrono::Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut tick = tokio::time::interval(Duration::from_secs(2));
    let mut last_cleanup = core.clock.now() - chrono::Duration::hours(2);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => return,
        }
        if let Err(e) = samvirke_service::sessions::send_due_reminders(&core, reminder_lead).await {
            tracing::error!("reminders: {e}");
        }
        if let Err(e) =
            samvirke_service::appointments::send_appointment_reminders(&core, reminder_lead).await
        {
            tracing::error!("appointment reminders: {e}");
        }
        if let Err(e) = samvirke_service::mail::deliver_due(&core, &transport, &from).await {
            tracing::error!("outbox: {e}");
        }
        if core.clock.now() - last_cleanup > chrono::Duration::hours(1) {
            last_cleanup = core.clock.now();
            match staff::end_expired_logins(&core).await {
                Ok(n) if n > 0 => tracing::info!("removed {n} expired sessions"),
                Ok(_) => {}
                Err(e) => tracing::error!("session cleanup: {e}"),
            }
            let eml_retention = chrono::Duration::days(core.retention.eml_days.into());
            match samvirke_service::mail::prune_files(&transport, last_cleanup, eml_retention).await
            {
                Ok(n) if n > 0 => tracing::info!("removed {n} old .eml files"),
                Ok(_) => {}
                Err(e) => tracing::error!(".eml cleanup: {e}"),
            }
            // Claimed per pupil, so a second process or a second run sends nothing twice.
            match samvirke_service::classes::tell_parents_before_15(&core).await {
                Ok(n) if n > 0 => {
                    tracing::info!("queued {n} messages to parents before a 15th birthday")
                }
                Ok(_) => {}
                Err(e) => tracing::error!("follow-up at 15: {e}"),
            }
            // Claimed per session and sign-up, so nobody is thanked twice.
            match samvirke_service::feedback::send_thanks(&core).await {
                Ok(n) if n > 0 => {
                    tracing::info!("queued {n} thank-you e-mails with a feedback link")
                }
                Ok(_) => {}
                Err(e) => tracing::error!("feedback: {e}"),
            }
            match samvirke_service::retention::run(&core).await {
                Ok(d) if d != Default::default() => tracing::info!(
                    participants = d.participants,
                    audit_entries = d.audit_entries,
                    "deleted personal data past its retention"
                ),
                Ok(_) => {}
                Err(e) => tracing::error!("retention: {e}"),
            }
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

fn new_password_from_env() -> Result<String, AnyError> {
    std::env::var("SAMVIRKE_NEW_PASSWORD")
        .map_err(|_| "set SAMVIRKE_NEW_PASSWORD to the new user's password".into())
}

/// A refusal of the command line's use cases, said for the operator.
fn refusal(e: ServiceError) -> AnyError {
    let ServiceError::Invalid(fields) = e else {
        return e.into();
    };
    fields
        .0
        .iter()
        .map(|f| {
            let what = match (f.field, f.problem) {
                ("municipality", _) => "no such municipality",
                ("organisation", _) => "no such organisation",
                ("slug", FieldProblem::NameTaken) => "a municipality with that slug exists",
                ("email" | "admin_email", FieldProblem::EmailTaken) => {
                    "a staff member with that e-mail exists"
                }
                ("email" | "admin_email", _) => "not an e-mail address",
                ("role", _) => {
                    "role must be municipality_admin, coordinator, staff or school_contact"
                }
                ("password", _) => "SAMVIRKE_NEW_PASSWORD must be 12 to 256 characters",
                ("name" | "admin_name", FieldProblem::TooLong) => "the name is too long",
                (_, FieldProblem::Required) => "must not be empty",
                _ => f.problem.code(),
            };
            format!("{}: {what}", f.field)
        })
        .collect::<Vec<_>>()
        .join("; ")
        .into()
}

async fn create_municipality(
    settings: &Settings,
    slug: &str,
    name: &str,
    admin_email: &str,
    admin_name: &str,
) -> Result<(), AnyError> {
    let password = new_password_from_env()?;
    let core = open(settings).await?;
    let input = OperatorMunicipality {
        slug: slug.into(),
        name: name.into(),
        admin_email: admin_email.into(),
        admin_name: admin_name.into(),
        password,
    };
    let admin = staff::create_municipality_by_operator(&core, &input)
        .await
        .map_err(refusal)?;
    println!(
        "Created {name} ({slug}) with administrator {}.",
        admin.email
    );
    Ok(())
}

async fn create_user(
    settings: &Settings,
    municipality: &str,
    organisation: &str,
    email: &str,
    name: &str,
    role: &str,
) -> Result<(), AnyError> {
    let password = new_password_from_env()?;
    let core = open(settings).await?;
    let input = OperatorStaff {
        municipality: municipality.into(),
        organisation: organisation.into(),
        email: email.into(),
        name: name.into(),
        role: role.into(),
        password,
    };
    let person = staff::create_by_operator(&core, &input)
        .await
        .map_err(refusal)?;
    println!("Created {} in {organisation}.", person.email);
    Ok(())
}
