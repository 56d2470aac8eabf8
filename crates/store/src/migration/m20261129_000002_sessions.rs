//! Programmes with agenda templates and partners; sessions with seats and a
//! waiting list; registrations; staff per agenda item; `.ics` attachments
//! in the outbox.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from: &'static str,
    col: &'static str,
    to: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{col}"))
        .from(from, col)
        .to(to, "id")
        .on_delete(on_delete)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};
        m.create_table(
            Table::create()
                .table("programme")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("organisation_id"))
                .col(string_len("title", 200))
                .col(text("description"))
                .col(string_len("target_group", 200))
                .col(boolean("active"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "programme",
                    "municipality_id",
                    "municipality",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "programme",
                    "organisation_id",
                    "organisation",
                    Restrict,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("programme_partner")
                .col(big_integer("programme_id"))
                .col(big_integer("organisation_id"))
                .col(string_len("level", 16))
                .primary_key(Index::create().col("programme_id").col("organisation_id"))
                .foreign_key(&mut fk(
                    "programme_partner",
                    "programme_id",
                    "programme",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "programme_partner",
                    "organisation_id",
                    "organisation",
                    Restrict,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("agenda_item")
                .col(big_pk_auto("id"))
                .col(big_integer("programme_id"))
                .col(integer("position"))
                .col(string_len("title", 200))
                .col(integer("minutes"))
                .col(big_integer("organisation_id"))
                .col(big_integer_null("competence_id"))
                .foreign_key(&mut fk("agenda_item", "programme_id", "programme", Cascade))
                .foreign_key(&mut fk(
                    "agenda_item",
                    "organisation_id",
                    "organisation",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "agenda_item",
                    "competence_id",
                    "competence",
                    Restrict,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("event_session")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("programme_id"))
                .col(big_integer("organisation_id"))
                .col(big_integer("site_id"))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                .col(integer("capacity"))
                .col(integer("taken"))
                .col(integer("waitlist_seq"))
                .col(integer("waitlist_left"))
                .col(timestamp_with_time_zone("signup_opens_at"))
                .col(timestamp_with_time_zone("signup_closes_at"))
                .col(boolean("public"))
                .col(timestamp_with_time_zone_null("cancelled_at"))
                .col(timestamp_with_time_zone_null("reminder_sent_at"))
                .col(timestamp_with_time_zone("created_at"))
                .check(Expr::col("taken").gte(0))
                .check(Expr::col("taken").lte(Expr::col("capacity")))
                .foreign_key(&mut fk(
                    "event_session",
                    "municipality_id",
                    "municipality",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "event_session",
                    "programme_id",
                    "programme",
                    Restrict,
                ))
                .foreign_key(&mut fk("event_session", "site_id", "site", Restrict))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_event_session_m_starts")
                .table("event_session")
                .col("municipality_id")
                .col("starts_at")
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_event_session_programme")
                .table("event_session")
                .col("programme_id")
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("registration")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("session_id"))
                .col(string_len("name", 200))
                .col(string_len_null("email", 254))
                .col(string_len_null("phone", 30))
                .col(string_len_null("contact_key", 254))
                .col(string_len("needs", 200))
                .col(string_len_null("needs_other", 500))
                .col(string_len("status", 16))
                .col(integer_null("waitlist_seq"))
                .col(string_len_uniq("cancel_token_hash", 64))
                .col(string_len("channel", 16))
                .col(string_len_null("attendance", 16))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("promoted_at"))
                .col(timestamp_with_time_zone_null("cancelled_at"))
                .foreign_key(&mut fk(
                    "registration",
                    "session_id",
                    "event_session",
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_registration_session_status")
                .table("registration")
                .col("session_id")
                .col("status")
                .col("waitlist_seq")
                .take(),
        )
        .await?;
        // One active sign-up per person and session; cancelled ones do not count.
        // Both SQLite and PostgreSQL support this partial unique index.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_registration_contact ON registration (session_id, contact_key) \
                 WHERE contact_key IS NOT NULL AND status <> 'cancelled'",
            )
            .await?;
        m.create_table(
            Table::create()
                .table("staff_assignment")
                .col(big_integer("session_id"))
                .col(big_integer("agenda_item_id"))
                .col(big_integer("staff_id"))
                .primary_key(
                    Index::create()
                        .col("session_id")
                        .col("agenda_item_id")
                        .col("staff_id"),
                )
                .foreign_key(&mut fk(
                    "staff_assignment",
                    "session_id",
                    "event_session",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "staff_assignment",
                    "agenda_item_id",
                    "agenda_item",
                    Cascade,
                ))
                .foreign_key(&mut fk("staff_assignment", "staff_id", "staff", Cascade))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(text_null("ics"))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("outbox").drop_column("ics").take())
            .await?;
        for t in [
            "staff_assignment",
            "registration",
            "event_session",
            "agenda_item",
            "programme_partner",
            "programme",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
