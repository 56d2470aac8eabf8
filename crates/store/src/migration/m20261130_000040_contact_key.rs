//! A registration's contact key is `e:` and the e-mail, so a valid e-mail of
//! 254 characters makes a key of 256: widen the column so PostgreSQL takes it.
//! SQLite does not enforce lengths; there is nothing to change.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `e:` or `p:` and an e-mail of at most 254 characters, with room to spare.
pub const CONTACT_KEY_MAX: u32 = 300;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection()
                .execute_unprepared(&format!(
                    "ALTER TABLE registration ALTER COLUMN contact_key TYPE varchar({CONTACT_KEY_MAX})"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection()
                .execute_unprepared(
                    "ALTER TABLE registration ALTER COLUMN contact_key TYPE varchar(254)",
                )
                .await?;
        }
        Ok(())
    }
}
