//! What the `backup` and `restore` commands ask of a SQLite database. Not
//! municipality data queries: whole-database operations for the operator.

use crate::{Backend, Db};
use sea_orm::{ConnectionTrait, DbErr, Statement};
use std::path::Path;

/// Writes a consistent copy of the database to `to` (which must not exist)
/// with `VACUUM INTO`: one read transaction, so writers go on meanwhile
/// (WAL) and the copy holds everything committed before it began.
pub async fn vacuum_into(db: &Db, to: &Path) -> Result<(), DbErr> {
    sqlite_only(db)?;
    let target = to
        .to_str()
        .ok_or_else(|| DbErr::Custom(format!("{} is not a UTF-8 path", to.display())))?;
    db.read
        .execute_raw(Statement::from_sql_and_values(
            db.read.get_database_backend(),
            "VACUUM INTO ?",
            [target.into()],
        ))
        .await?;
    Ok(())
}

/// `PRAGMA integrity_check`: `ok`, or the problems found.
pub async fn integrity_check(db: &Db) -> Result<String, DbErr> {
    sqlite_only(db)?;
    let rows = db
        .read
        .query_all_raw(Statement::from_string(
            db.read.get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await?;
    let lines: Vec<String> = rows
        .iter()
        .map(|r| r.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?;
    Ok(lines.join("; "))
}

/// How many tables the database holds: 0 for a new, empty one.
pub async fn table_count(db: &Db) -> Result<i64, DbErr> {
    sqlite_only(db)?;
    let row = db
        .read
        .query_one_raw(Statement::from_string(
            db.read.get_database_backend(),
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        ))
        .await?;
    row.map_or(Ok(0), |r| r.try_get_by_index::<i64>(0))
}

/// Registrations in the database, of every municipality: a backup's size
/// in the operator's terms.
pub async fn registration_count(db: &Db) -> Result<i64, DbErr> {
    let row = db
        .read
        .query_one_raw(Statement::from_string(
            db.read.get_database_backend(),
            "SELECT count(*) FROM registration",
        ))
        .await?;
    row.map_or(Ok(0), |r| r.try_get_by_index::<i64>(0))
}

fn sqlite_only(db: &Db) -> Result<(), DbErr> {
    match db.backend {
        Backend::Sqlite => Ok(()),
        Backend::Postgres => Err(DbErr::Custom(
            "only for SQLite; on PostgreSQL use pg_dump and pg_restore".into(),
        )),
    }
}
