//! The language a citizen signed up in (`da` or `en`): later e-mails to them use it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("registration")
                .add_column(
                    ColumnDef::new("language")
                        .string_len(2)
                        .not_null()
                        .default("da"),
                )
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("registration")
                .drop_column("language")
                .take(),
        )
        .await
    }
}
