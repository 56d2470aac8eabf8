//! Storage: SeaORM entities, migrations and the queries the use cases need.
//!
//! Every query on the municipality's data takes a [`Scope`], so a query
//! cannot forget which municipality it reads. The one deliberate exception
//! is looking up a login e-mail or a token hash, which is how the scope is
//! found in the first place.

pub mod backup;
pub mod entity;
pub mod migration;
pub mod queries;
pub mod signup_writer;

use samvirke_domain::MunicipalityId;
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, SqlxSqliteConnector,
    Statement, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::str::FromStr;
use std::time::Duration;

pub use queries::{
    appointments, audit, auth, availability, class_day, classes, is_unique_violation, orgs, outbox,
    overview, seasons, sessions, staff,
};
pub use queries::{feedback, reach};
pub use queries::{ideas, own_data, retention};
pub use queries::{quiz, quiz_play, referrals, rooms};
pub use sea_orm;

/// The most rows one page of a list may hold.
pub const PAGE_MAX: u64 = 500;

/// One page of a list that grows with use, in a stable order. A query asks
/// for one row more than the page holds; that row only says more follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Rows follow the last item.
    pub more: bool,
}

impl<T> Page<T> {
    /// From at most `limit + 1` rows: the extra one is dropped and noted.
    pub fn from_rows(mut rows: Vec<T>, limit: u64) -> Self {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        Page { items: rows, more }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            more: self.more,
        }
    }
}

/// The row count to fetch for a page of `limit`: bounded, plus the one that tells "more".
pub(crate) fn fetch_count(limit: u64) -> u64 {
    limit.clamp(1, PAGE_MAX) + 1
}

/// The municipality every query is confined to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scope {
    pub municipality: MunicipalityId,
}

impl Scope {
    pub fn new(municipality: MunicipalityId) -> Self {
        Self { municipality }
    }
    pub(crate) fn m(&self) -> i64 {
        self.municipality.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// The database, with reads and writes on separate pools.
///
/// SQLite has one writer: sending every write through a pool of one
/// connection queues writers in the application instead of failing them
/// with "database is locked". PostgreSQL uses one pool for both.
#[derive(Clone)]
pub struct Db {
    pub read: DatabaseConnection,
    pub write: DatabaseConnection,
    pub backend: Backend,
    /// Group commit of online sign-ups, on PostgreSQL and on a SQLite file
    /// (not in memory, where no second connection sees the data).
    pub signup_writer: Option<signup_writer::SignupWriter>,
}

/// The database's schema against the migrations this binary carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schema {
    Current,
    /// Migrations to apply (done at start).
    Behind {
        pending: usize,
    },
    /// Migrated by a newer binary: these migrations are unknown here.
    Newer {
        unknown: Vec<String>,
    },
}

/// When a SQLite commit is on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SqliteSync {
    /// WAL with `synchronous=NORMAL`: a commit survives the process being
    /// killed; a power cut may lose the last ones.
    #[default]
    Normal,
    /// `synchronous=FULL`: the WAL is flushed at every commit, so a power
    /// cut loses no answered change.
    Full,
}

/// How to connect, beyond the URL.
#[derive(Debug, Clone, Copy, Default)]
pub struct DbOptions {
    pub sqlite_synchronous: SqliteSync,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("unsupported database URL (use sqlite://… or postgres://…)")]
    UnsupportedUrl,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db, ConnectError> {
        Self::connect_with(url, DbOptions::default()).await
    }

    pub async fn connect_with(url: &str, options: DbOptions) -> Result<Db, ConnectError> {
        if url.starts_with("sqlite:") {
            Self::connect_sqlite(url, options).await
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut opts = ConnectOptions::new(url.to_string());
            opts.max_connections(16)
                .min_connections(1)
                .connect_timeout(Duration::from_secs(10))
                .sqlx_logging(false);
            let conn = Database::connect(opts).await?;
            Ok(Db {
                read: conn.clone(),
                write: conn,
                backend: Backend::Postgres,
                signup_writer: Some(signup_writer::SignupWriter::start_postgres(url)),
            })
        } else {
            Err(ConnectError::UnsupportedUrl)
        }
    }

    async fn connect_sqlite(url: &str, options: DbOptions) -> Result<Db, ConnectError> {
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into())))?
            .create_if_missing(true)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .journal_mode(if in_memory {
                SqliteJournalMode::Memory
            } else {
                SqliteJournalMode::Wal
            })
            .synchronous(match options.sqlite_synchronous {
                SqliteSync::Normal => SqliteSynchronous::Normal,
                SqliteSync::Full => SqliteSynchronous::Full,
            });
        let sqlx_err =
            |e: sea_orm::sqlx::Error| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into()));
        if in_memory {
            // One shared connection: an in-memory database lives and dies with it.
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect_with(opts)
                .await
                .map_err(sqlx_err)?;
            let conn = SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
            return Ok(Db {
                read: conn.clone(),
                write: conn,
                backend: Backend::Sqlite,
                signup_writer: None,
            });
        }
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .connect_with(opts.clone())
            .await
            .map_err(sqlx_err)?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .connect_with(opts.clone().read_only(true))
            .await
            .map_err(sqlx_err)?;
        // After the write pool made the file.
        let signup_writer = signup_writer::SignupWriter::start_sqlite(
            opts.get_filename(),
            options.sqlite_synchronous,
        )
        .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::Internal(e.to_string())))?;
        Ok(Db {
            read: SqlxSqliteConnector::from_sqlx_sqlite_pool(read),
            write: SqlxSqliteConnector::from_sqlx_sqlite_pool(write),
            backend: Backend::Sqlite,
            signup_writer: Some(signup_writer),
        })
    }

    /// A write transaction. On SQLite it takes the write lock at `BEGIN`
    /// (`IMMEDIATE`): a transaction that read first and then wrote would
    /// fail at once, not wait, when the sign-up writer's connection
    /// committed in between.
    pub async fn begin_write(&self) -> Result<sea_orm::DatabaseTransaction, DbErr> {
        match self.backend {
            Backend::Sqlite => {
                self.write
                    .begin_with_options(sea_orm::TransactionOptions {
                        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
                        ..Default::default()
                    })
                    .await
            }
            Backend::Postgres => self.write.begin().await,
        }
    }

    /// Applies every migration not yet applied. Refuses a database that a
    /// newer Samvirke has migrated: this binary does not know its schema.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        // A new database has no migration table yet: nothing to compare.
        if let Ok(Schema::Newer { unknown }) = self.schema().await {
            return Err(DbErr::Custom(format!(
                "the database was migrated by a newer Samvirke (migrations this version does \
                 not know: {}); going back to an older version is not supported: run the \
                 newer version, or restore a backup taken before the upgrade",
                unknown.join(", ")
            )));
        }
        migration::Migrator::up(&self.write, None).await
    }

    /// Where the database's schema stands against this binary's migrations.
    pub async fn schema(&self) -> Result<Schema, DbErr> {
        let applied: Vec<String> = self
            .read
            .query_all_raw(Statement::from_string(
                self.read.get_database_backend(),
                "SELECT version FROM seaql_migrations",
            ))
            .await?
            .iter()
            .map(|row| row.try_get::<String>("", "version"))
            .collect::<Result<_, _>>()?;
        let known: Vec<String> = migration::Migrator::migrations()
            .iter()
            .map(|m| m.name().to_string())
            .collect();
        let unknown: Vec<String> = applied
            .iter()
            .filter(|a| !known.contains(a))
            .cloned()
            .collect();
        let pending = known.iter().filter(|k| !applied.contains(k)).count();
        Ok(if !unknown.is_empty() {
            Schema::Newer { unknown }
        } else if pending > 0 {
            Schema::Behind { pending }
        } else {
            Schema::Current
        })
    }

    /// Ready to serve: the database answers and its schema is this binary's.
    pub async fn ready(&self) -> Result<bool, DbErr> {
        self.ping().await?;
        Ok(self.schema().await? == Schema::Current)
    }

    /// How full the connection pools are, as (pool, connections open, of which idle).
    pub fn pool_use(&self) -> Vec<(&'static str, u32, usize)> {
        let of = |conn: &DatabaseConnection| match self.backend {
            Backend::Sqlite => {
                let pool = conn.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
            Backend::Postgres => {
                let pool = conn.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
        };
        match self.backend {
            Backend::Sqlite => {
                let (read, write) = (of(&self.read), of(&self.write));
                vec![("read", read.0, read.1), ("write", write.0, write.1)]
            }
            Backend::Postgres => {
                let shared = of(&self.read);
                vec![("shared", shared.0, shared.1)]
            }
        }
    }

    /// Closes both pools, so a SQLite file is checkpointed and left whole.
    pub async fn close(&self) -> Result<(), DbErr> {
        self.read.close_by_ref().await?;
        self.write.close_by_ref().await
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.read.ping().await
    }
}
