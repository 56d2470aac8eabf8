//! Appointments ("book a librarian", the citizen service's appointments):
//! each organisation's services with their rules and the staff who give
//! them, the guided question's topics mapped to services, and the
//! appointments. An appointment's `slot_key` (its start while booked, NULL
//! once cancelled) is unique per staff member, so one person is never
//! booked twice at one time; the citizen's name, contact and answers are
//! emptied by the retention rule after the appointment, the row (service,
//! time, status) kept for the counts.

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
                .table("appointment_service")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("organisation_id"))
                .col(big_integer_null("site_id"))
                .col(string_len("title", 120))
                .col(integer("minutes"))
                .col(integer("buffer_minutes"))
                .col(integer("notice_hours"))
                .col(integer("horizon_days"))
                .col(integer("cancel_hours"))
                // Up to three questions, one a line.
                .col(text("questions"))
                .col(boolean("active"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "appointment_service",
                    "organisation_id",
                    "organisation",
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("appointment_service_staff")
                .col(big_integer("service_id"))
                .col(big_integer("staff_id"))
                .primary_key(Index::create().col("service_id").col("staff_id"))
                .foreign_key(&mut fk(
                    "appointment_service_staff",
                    "service_id",
                    "appointment_service",
                ))
                .foreign_key(&mut fk("appointment_service_staff", "staff_id", "staff"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("appointment_topic")
                .col(big_integer("municipality_id"))
                // `samvirke_domain::appointments::Topic`.
                .col(string_len("topic", 20))
                .col(big_integer("service_id"))
                .primary_key(Index::create().col("municipality_id").col("topic"))
                .foreign_key(&mut fk(
                    "appointment_topic",
                    "service_id",
                    "appointment_service",
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("appointment")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("service_id"))
                .col(big_integer("staff_id"))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                // The start (RFC 3339) while booked; NULL once cancelled.
                .col(string_len_null("slot_key", 40))
                // `samvirke_domain::appointments::AppointmentStatus`.
                .col(string_len("status", 20))
                .col(string_len_null("name", 120))
                .col(string_len_null("email", 254))
                .col(string_len_null("phone", 30))
                .col(string_len_null("topic", 20))
                .col(text_null("answers"))
                .col(string_len("language", 5))
                .col(string_len("cancel_token_hash", 64))
                .col(string_len_null("email_token_hash", 64))
                .col(big_integer_null("booked_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("cancelled_at"))
                .col(timestamp_with_time_zone_null("marked_at"))
                .col(timestamp_with_time_zone_null("reminder_sent_at"))
                .col(timestamp_with_time_zone_null("personal_deleted_at"))
                .foreign_key(&mut fk("appointment", "service_id", "appointment_service"))
                .foreign_key(&mut fk("appointment", "staff_id", "staff"))
                .take(),
        )
        .await?;
        for i in [
            index("appointment", &["staff_id", "slot_key"], true),
            index("appointment", &["staff_id", "starts_at"], false),
            index("appointment", &["cancel_token_hash"], false),
            index("appointment", &["email_token_hash"], false),
            index("appointment", &["municipality_id", "starts_at"], false),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "appointment",
            "appointment_topic",
            "appointment_service_staff",
            "appointment_service",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
