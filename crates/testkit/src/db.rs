//! A fresh database per test, and nothing left behind.

use samvirke_store::Db;
use samvirke_store::migration::Migrator;
use samvirke_store::sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use sea_orm_migration::MigratorTrait;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Names of the databases made here start with this, so any left behind
/// by a killed run are easy to find (`psql -l`).
const PREFIX: &str = "samvirke_t_";

static NEXT: AtomicU32 = AtomicU32::new(0);

/// The PostgreSQL server to test on, when `SAMVIRKE_TEST_PG` names one.
pub fn pg_url() -> Option<String> {
    std::env::var("SAMVIRKE_TEST_PG")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

/// A database that belongs to one test. On PostgreSQL it is dropped, and a
/// SQLite file removed, when this value is dropped.
pub struct TestDb {
    db: Db,
    url: String,
    // Declared after `db`, so the pools are dropped before the database.
    _pg: Option<PgDatabase>,
    _dir: Option<TempDir>,
}

impl TestDb {
    /// A migrated database: in-memory SQLite, or a PostgreSQL database of its own.
    pub async fn new() -> TestDb {
        let t = Self::empty().await;
        t.db.migrate().await.expect("migrate the test database");
        t
    }

    /// Like [`TestDb::new`], without the migrations.
    pub async fn empty() -> TestDb {
        match pg_url() {
            Some(server) => Self::postgres(&server).await,
            None => Self::at("sqlite::memory:".into(), None).await,
        }
    }

    /// A migrated database another process can open by [`TestDb::url`]: a
    /// file in a folder of its own on SQLite ([`TestDb::dir`]), a database
    /// of its own on PostgreSQL.
    pub async fn on_disk() -> TestDb {
        let t = match pg_url() {
            Some(server) => Self::postgres(&server).await,
            None => {
                let dir = TempDir::new();
                let url = format!("sqlite://{}", dir.0.join("samvirke.db").display());
                Self::at(url, Some(dir)).await
            }
        };
        t.db.migrate().await.expect("migrate the test database");
        t
    }

    async fn at(url: String, dir: Option<TempDir>) -> TestDb {
        let db = Db::connect(&url).await.expect("open the test database");
        TestDb {
            db,
            url,
            _pg: None,
            _dir: dir,
        }
    }

    async fn postgres(server: &str) -> TestDb {
        let name = format!(
            "{PREFIX}{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let admin = admin_connection(server).await;
        drop_leftovers_of_dead_processes(&admin).await;
        // A database of this name is a leftover of an earlier process with our id.
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await
            .expect("drop a leftover test database");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("CREATE DATABASE (the role needs CREATEDB)");
        let _ = admin.close().await;
        // From here on the database is dropped even if connecting fails.
        let guard = PgDatabase {
            server: server.to_string(),
            name: name.clone(),
        };
        let base = server.rsplit_once('/').map(|(b, _)| b).unwrap_or(server);
        let url = format!("{base}/{name}");
        let db = Db::connect(&url).await.expect("open the test database");
        TestDb {
            db,
            url,
            _pg: Some(guard),
            _dir: None,
        }
    }

    /// Applies the migrations up to and including the one named `last`
    /// (e.g. `m20261129_000003_calendar_feeds`): the schema as that release had it.
    pub async fn migrate_through(&self, last: &str) {
        let all = Migrator::migrations();
        let n = all
            .iter()
            .position(|m| m.name() == last)
            .unwrap_or_else(|| panic!("no migration {last}"));
        Migrator::up(&self.db.write, Some(n as u32 + 1))
            .await
            .unwrap_or_else(|e| panic!("migrate through {last}: {e}"));
    }

    /// The names of the migrations applied, in order.
    pub async fn applied_migrations(&self) -> Vec<String> {
        Migrator::get_applied_migrations(&self.db.write)
            .await
            .expect("read the applied migrations")
            .iter()
            .map(|m| m.name().to_string())
            .collect()
    }

    /// The database URL (`sqlite::memory:` for an in-memory one, which no
    /// other connection can share).
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn is_postgres(&self) -> bool {
        self._pg.is_some()
    }

    /// The folder holding the SQLite file of [`TestDb::on_disk`].
    pub fn dir(&self) -> Option<&Path> {
        self._dir.as_ref().map(|d| d.0.as_path())
    }

    pub fn db(&self) -> &Db {
        &self.db
    }
}

impl Deref for TestDb {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.db
    }
}

async fn admin_connection(server: &str) -> DatabaseConnection {
    let mut opts = ConnectOptions::new(server.to_string());
    opts.max_connections(1)
        .min_connections(0)
        .sqlx_logging(false);
    Database::connect(opts)
        .await
        .expect("connect to SAMVIRKE_TEST_PG")
}

/// Drops, once per process, the test databases of test processes that are
/// gone (killed runs skip `Drop`): left alone they fill the disk.
async fn drop_leftovers_of_dead_processes(admin: &DatabaseConnection) {
    static ONCE: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    ONCE.get_or_init(|| async {
        // Whether a process lives is read from /proc; without it, keep all.
        if !Path::new("/proc/self").exists() {
            return;
        }
        let Ok(rows) = admin
            .query_all_raw(samvirke_store::sea_orm::Statement::from_string(
                admin.get_database_backend(),
                format!(
                    "SELECT datname FROM pg_database WHERE left(datname, {}) = '{PREFIX}'",
                    PREFIX.len()
                ),
            ))
            .await
        else {
            return;
        };
        for row in rows {
            let Ok(name) = row.try_get::<String>("", "datname") else {
                continue;
            };
            // Only names this module makes: PREFIX, a process id, "_", a number.
            let Some((pid, n)) = name
                .strip_prefix(PREFIX)
                .and_then(|rest| rest.split_once('_'))
            else {
                continue;
            };
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if digits(pid) && digits(n) && !Path::new("/proc").join(pid).exists() {
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
            }
        }
    })
    .await;
}

/// Drops its PostgreSQL database when dropped.
struct PgDatabase {
    server: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        // Drop runs inside the test's runtime, which cannot be blocked on:
        // a thread with a runtime of its own does the work. `WITH (FORCE)`
        // ends the connections the test's pools still hold.
        let (server, name) = (self.server.clone(), self.name.clone());
        let done = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(async {
                let admin = admin_connection(&server).await;
                let dropped = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
                let _ = admin.close().await;
                dropped.map(|_| ()).map_err(|e| e.to_string())
            })
        })
        .join();
        match done {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("testkit: could not drop database {}: {e}", self.name),
            Err(_) => eprintln!("testkit: dropping database {} panicked", self.name),
        }
    }
}

/// A folder of its own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let path = std::env::temp_dir().join(format!(
            "samvirke-t-{}-{}-{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&path).expect("make a temporary folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
