//! `samvirke backup` and `samvirke restore`: a consistent copy of a SQLite
//! database taken while the server runs, and putting one back in place.
//! PostgreSQL has its own tools for both (pg_dump, pg_restore).

use crate::AnyError;
use samvirke_store::{Db, Schema, backup};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to say when asked to back up PostgreSQL.
const USE_PG_DUMP: &str = "on PostgreSQL, back up with pg_dump: \
    pg_dump --format=custom --file=samvirke.dump \"$SAMVIRKE_DATABASE_URL\" \
    (restore with pg_restore --no-owner --dbname=URL samvirke.dump); see README.md, \
    \"Running it in production\"";

/// Writes a copy of the database at `url` to `to`, which must not exist.
pub async fn backup(url: &str, to: &Path) -> Result<(), AnyError> {
    let source = sqlite_file(url).ok_or(USE_PG_DUMP)?;
    if !source.exists() {
        return Err(format!("no database at {}", source.display()).into());
    }
    if to.exists() {
        return Err(format!(
            "{} exists; a backup never overwrites a file: choose a new name",
            to.display()
        )
        .into());
    }
    let db = Db::connect(url).await?;
    let began = Instant::now();
    backup::vacuum_into(&db, to).await?;
    let took = began.elapsed();
    db.close().await?;
    let checking = Instant::now();
    let copy = Db::connect(&sqlite_url(to)).await?;
    let checked = describe(&copy).await;
    let check_took = checking.elapsed();
    copy.close().await?;
    let (registrations, schema) = checked.map_err(|e| {
        format!(
            "the copy at {} is not sound ({e}); it is left there to look at",
            to.display()
        )
    })?;
    let bytes = std::fs::metadata(to)?.len();
    println!(
        "Wrote {}: {:.1} MB, {registrations} registrations, {schema}, integrity ok; \
         copied in {:.2} s, checked in {:.2} s.",
        to.display(),
        bytes as f64 / 1e6,
        took.as_secs_f64(),
        check_took.as_secs_f64()
    );
    Ok(())
}

/// Puts the backup `from` in place as the database at `url`, then migrates
/// it if it is older than this version. A database that holds anything is
/// replaced only with `force`. Stop the server first.
pub async fn restore(from: &Path, url: &str, force: bool) -> Result<(), AnyError> {
    let target = sqlite_file(url).ok_or(
        "restore is for SQLite; on PostgreSQL restore a pg_dump with \
         pg_restore --no-owner --dbname=URL FILE (see README.md)",
    )?;
    if !from.is_file() {
        return Err(format!("no backup at {}", from.display()).into());
    }
    if target.exists() {
        let existing = Db::connect(url).await?;
        let tables = backup::table_count(&existing).await;
        existing.close().await?;
        if tables? > 0 && !force {
            return Err(format!(
                "{} holds a database; add --force to replace it with the backup",
                target.display()
            )
            .into());
        }
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", target.display()));
            if file.exists() {
                std::fs::remove_file(&file)?;
            }
        }
    }
    let source = Db::connect(&sqlite_url(from)).await?;
    let (registrations, schema) = describe(&source)
        .await
        .map_err(|e| format!("the backup {} is not sound: {e}", from.display()))?;
    let copied = backup::vacuum_into(&source, &target).await;
    source.close().await?;
    copied?;
    let db = Db::connect(url).await?;
    let migrated = db.migrate().await;
    db.close().await?;
    migrated?;
    println!(
        "Restored {} into {}: {registrations} registrations; the backup's {schema}, now current.",
        from.display(),
        target.display()
    );
    Ok(())
}

/// A database's registrations and schema, after its integrity check passed.
async fn describe(db: &Db) -> Result<(i64, String), AnyError> {
    let integrity = backup::integrity_check(db).await?;
    if integrity != "ok" {
        return Err(format!("integrity check: {integrity}").into());
    }
    let registrations = backup::registration_count(db).await?;
    let schema = match db.schema().await? {
        Schema::Current => "schema current".to_string(),
        Schema::Behind { pending } => format!("schema {pending} migrations behind"),
        Schema::Newer { unknown } => format!("schema of a newer version ({})", unknown.join(", ")),
    };
    Ok((registrations, schema))
}

/// The file of a `sqlite:` URL (`sqlite://path`, `sqlite:path`, with or
/// without `?options`); `None` for other databases and in-memory ones.
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.contains(":memory:")).then(|| PathBuf::from(path))
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_file("sqlite:///var/lib/samvirke/samvirke.db"),
            Some(PathBuf::from("/var/lib/samvirke/samvirke.db"))
        );
        assert_eq!(
            sqlite_file("sqlite://samvirke.db?mode=rwc"),
            Some(PathBuf::from("samvirke.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:data.db"),
            Some(PathBuf::from("data.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://u:p@h/db"), None);
    }
}
