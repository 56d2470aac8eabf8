//! Municipalities, organisations, sites, staff and competences; login
//! sessions and API tokens; the audit log and the outbox.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}"))
        .from(from, col)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

fn index(table: &'static str, cols: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!("ix_{table}_{}", cols.join("_")))
        .table(table);
    for c in cols {
        i.col(*c);
    }
    if unique {
        i.unique();
    }
    i.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("municipality")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("slug", 64))
                .col(string_len("name", 200))
                .col(string_len_null("phone", 30))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("organisation")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(string_len("name", 200))
                .col(string_len("kind", 32))
                .col(boolean("active"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("organisation", "municipality_id", "municipality"))
                .take(),
        )
        .await?;
        m.create_index(index("organisation", &["municipality_id", "name"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("site")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("organisation_id"))
                .col(string_len("name", 200))
                .col(string_len("address", 300))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("site", "municipality_id", "municipality"))
                .foreign_key(&mut fk("site", "organisation_id", "organisation"))
                .take(),
        )
        .await?;
        m.create_index(index("site", &["municipality_id", "name"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("staff")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("organisation_id"))
                .col(string_len_uniq("email", 254))
                .col(string_len("name", 200))
                .col(string_len_null("phone", 30))
                .col(string_len("password_hash", 200))
                .col(string_len("roles", 200))
                .col(boolean("active"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("staff", "municipality_id", "municipality"))
                .foreign_key(&mut fk("staff", "organisation_id", "organisation"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "staff",
            &["municipality_id", "organisation_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("competence")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(string_len("code", 64))
                .col(string_len("name_da", 200))
                .col(string_len("name_en", 200))
                .col(string_len_null("only_for_kind", 32))
                .foreign_key(&mut fk("competence", "municipality_id", "municipality"))
                .take(),
        )
        .await?;
        m.create_index(index("competence", &["municipality_id", "code"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("staff_competence")
                .col(big_integer("staff_id"))
                .col(big_integer("competence_id"))
                .primary_key(Index::create().col("staff_id").col("competence_id"))
                .foreign_key(
                    &mut fk("staff_competence", "staff_id", "staff")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .foreign_key(&mut fk("staff_competence", "competence_id", "competence"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("login_session")
                .col(string_len("id", 64).primary_key())
                .col(big_integer("municipality_id"))
                .col(big_integer("staff_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(
                    &mut fk("login_session", "staff_id", "staff")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .take(),
        )
        .await?;
        m.create_index(index("login_session", &["staff_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("api_token")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("staff_id"))
                .col(string_len("name", 120))
                .col(string_len_uniq("token_hash", 64))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(
                    &mut fk("api_token", "staff_id", "staff")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .take(),
        )
        .await?;
        m.create_index(index("api_token", &["staff_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("organisation_id"))
                .col(big_integer("actor_staff_id"))
                .col(timestamp_with_time_zone("at"))
                .col(string_len("purpose", 64))
                .col(string_len("subject_kind", 64))
                .col(big_integer("subject_id"))
                .foreign_key(&mut fk("audit_log", "municipality_id", "municipality"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "audit_log",
            &["municipality_id", "organisation_id", "at"],
            false,
        ))
        .await?;
        m.create_index(index("audit_log", &["subject_kind", "subject_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("outbox")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("organisation_id"))
                .col(string_len("recipient", 254))
                .col(string_len("subject", 300))
                .col(text("body"))
                .col(string_len("state", 16))
                .col(integer("attempts"))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .foreign_key(&mut fk("outbox", "municipality_id", "municipality"))
                .take(),
        )
        .await?;
        m.create_index(index("outbox", &["state", "next_attempt_at"], false))
            .await?;
        m.create_index(index(
            "outbox",
            &["municipality_id", "organisation_id", "created_at"],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "outbox",
            "audit_log",
            "api_token",
            "login_session",
            "staff_competence",
            "competence",
            "staff",
            "site",
            "organisation",
            "municipality",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
