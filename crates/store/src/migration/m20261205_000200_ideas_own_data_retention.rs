//! Citizens' ideas, requests for one's own data, and the municipality's
//! retention periods.
//!
//! An idea's contact (e-mail) is personal data, deleted after its period;
//! the idea's text and status stay for the counts. `version` is bumped by
//! every change of status, which is made only where the version is the one
//! the staff member saw: two changes at once cannot both win. A request for
//! one's own data holds the hash of its link's secret, made when the
//! e-mail is sent, and is used once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}"))
        .from(from, col)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("idea")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                // `samvirke_domain::ideas::TargetGroup`.
                .col(string_len("target_group", 16))
                .col(string_len("text", 2000))
                // `samvirke_domain::ideas::IdeaStatus`.
                .col(string_len("status", 16))
                .col(string_len_null("note", 1000))
                .col(big_integer("version").default(0))
                // Personal data, given with consent: null once deleted.
                .col(string_len_null("email", 254))
                .col(timestamp_with_time_zone_null("consent_at"))
                .col(timestamp_with_time_zone_null("contact_deleted_at"))
                // The programme made from the idea, if one was.
                .col(big_integer_null("programme_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("status_at"))
                .foreign_key(&mut fk("idea", "municipality_id", "municipality"))
                .foreign_key(
                    &mut ForeignKey::create()
                        .name("fk_idea_programme_id")
                        .from("idea", "programme_id")
                        .to("programme", "id")
                        .on_delete(ForeignKeyAction::SetNull)
                        .take(),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_idea_municipality_status")
                .table("idea")
                .col("municipality_id")
                .col("status")
                .col("id")
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_idea_email")
                .table("idea")
                .col("email")
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("own_data_request")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                // Lower-cased; deleted with the request after its link expired.
                .col(string_len("email", 254))
                // SHA-256 of the link's secret, set when the e-mail is sent.
                .col(string_len_null("token_hash", 64).unique_key())
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "own_data_request",
                    "municipality_id",
                    "municipality",
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("retention_setting")
                .col(big_integer("municipality_id"))
                // `samvirke_domain::ideas::DataKind`.
                .col(string_len("kind", 20))
                .col(integer("days"))
                .col(timestamp_with_time_zone("updated_at"))
                .primary_key(Index::create().col("municipality_id").col("kind"))
                .foreign_key(&mut fk(
                    "retention_setting",
                    "municipality_id",
                    "municipality",
                ))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["retention_setting", "own_data_request", "idea"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
