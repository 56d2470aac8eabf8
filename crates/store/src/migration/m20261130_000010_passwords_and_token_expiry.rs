//! API tokens expire; one-time links to set a password.
//!
//! Tokens made before this migration get 90 days from the upgrade, and the
//! tokens of people already deactivated are revoked.

use chrono::Utc;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Nullable so that it can be added to a table holding rows; every
        // token is given one here and at creation, and a token without one
        // is never accepted.
        m.alter_table(
            Table::alter()
                .table("api_token")
                .add_column(timestamp_with_time_zone_null("expires_at"))
                .take(),
        )
        .await?;
        let now = Utc::now();
        let db = m.get_connection();
        db.execute(
            Query::update()
                .table("api_token")
                .value("expires_at", now + chrono::Duration::days(90))
                .and_where(Expr::col("expires_at").is_null()),
        )
        .await?;
        db.execute(
            Query::update()
                .table("api_token")
                .value("revoked_at", now)
                .and_where(Expr::col("revoked_at").is_null())
                .and_where(
                    Expr::col("staff_id").in_subquery(
                        Query::select()
                            .column("id")
                            .from("staff")
                            .and_where(Expr::col("active").eq(false))
                            .take(),
                    ),
                ),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("password_link")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("staff_id"))
                // SHA-256 of the secret in the link; the link itself is only in the e-mail.
                .col(string_len_uniq("token_hash", 64))
                .col(big_integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_password_link_staff_id")
                        .from("password_link", "staff_id")
                        .to("staff", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_password_link_staff_id")
                .table("password_link")
                .col("staff_id")
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("password_link").take())
            .await?;
        m.alter_table(
            Table::alter()
                .table("api_token")
                .drop_column("expires_at")
                .take(),
        )
        .await
    }
}
