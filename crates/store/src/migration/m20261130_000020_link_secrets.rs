//! Link secrets issued when an e-mail is sent, never stored in plaintext;
//! and the owner of the data in the audit log.
//!
//! A registration gets a second cancel-secret hash: the one in the e-mail,
//! made by the outbox worker at delivery. A queued message names the secret
//! it needs (`secret_kind`, `secret_ref`) instead of holding it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("registration")
                .add_column(ColumnDef::new("email_token_hash").string_len(64).null())
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_registration_email_token_hash")
                .table("registration")
                .col("email_token_hash")
                .unique()
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(ColumnDef::new("secret_kind").string_len(32).null())
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(ColumnDef::new("secret_ref").big_integer().null())
                .take(),
        )
        .await?;
        // Whose data was read, when another organisation's staff read it
        // (a partner reading the owner's participant list).
        m.alter_table(
            Table::alter()
                .table("audit_log")
                .add_column(ColumnDef::new("data_owner_org_id").big_integer().null())
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ux_registration_email_token_hash")
                .table("registration")
                .to_owned(),
        )
        .await?;
        for (table, col) in [
            ("registration", "email_token_hash"),
            ("outbox", "secret_kind"),
            ("outbox", "secret_ref"),
            ("audit_log", "data_owner_org_id"),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).take())
                .await?;
        }
        Ok(())
    }
}
