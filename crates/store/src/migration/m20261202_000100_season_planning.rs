//! The season plan's settings and staff availability: a municipality's
//! school calendar (first school day, last visit day, holidays, extra
//! closed periods), each school's visit days and window, and each staff
//! member's weekly hours with their exceptions. Times of day are stored as
//! `HH:MM` text (Copenhagen wall time), dates as dates.

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
        // No row: the defaults of `SchoolCalendarSettings`.
        m.create_table(
            Table::create()
                .table("school_calendar")
                .col(big_integer("municipality_id").primary_key())
                // The Monday of this ISO week, or else the fixed day `MM-DD`.
                .col(integer_null("first_school_week"))
                .col(string_len_null("first_school_day", 5))
                .col(string_len("last_visit_day", 5))
                .col(integer_null("autumn_week"))
                .col(string_len("christmas_from", 5))
                .col(string_len("christmas_to", 5))
                .col(integer_null("winter_week"))
                .col(boolean("easter"))
                .foreign_key(&mut fk(
                    "school_calendar",
                    "municipality_id",
                    "municipality",
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("school_closed_period")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(date("first_day"))
                .col(date("last_day"))
                .foreign_key(&mut fk(
                    "school_closed_period",
                    "municipality_id",
                    "municipality",
                ))
                .take(),
        )
        .await?;
        // No row: Monday to Friday, 8:15–11:45, 90 minutes.
        m.create_table(
            Table::create()
                .table("school_visit_settings")
                .col(big_integer("organisation_id").primary_key())
                .col(big_integer("municipality_id"))
                // ISO weekday numbers, `1,2,3,4,5`.
                .col(string_len("weekdays", 20))
                .col(string_len("window_start", 5))
                .col(string_len("window_end", 5))
                .col(integer("visit_minutes"))
                .foreign_key(&mut fk(
                    "school_visit_settings",
                    "organisation_id",
                    "organisation",
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("staff_hours")
                .col(big_pk_auto("id"))
                .col(big_integer("staff_id"))
                // ISO weekday, 1 = Monday.
                .col(integer("weekday"))
                .col(string_len("start_time", 5))
                .col(string_len("end_time", 5))
                .foreign_key(&mut fk("staff_hours", "staff_id", "staff"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_staff_hours_staff")
                .table("staff_hours")
                .col("staff_id")
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("staff_exception")
                .col(big_pk_auto("id"))
                .col(big_integer("staff_id"))
                // `samvirke_domain::availability::ExceptionKind`.
                .col(string_len("kind", 16))
                .col(date("first_day"))
                .col(date("last_day"))
                // For `off` and `extra`: the range that day.
                .col(string_len_null("start_time", 5))
                .col(string_len_null("end_time", 5))
                .foreign_key(&mut fk("staff_exception", "staff_id", "staff"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_staff_exception_staff")
                .table("staff_exception")
                .col("staff_id")
                .col("first_day")
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "staff_exception",
            "staff_hours",
            "school_visit_settings",
            "school_closed_period",
            "school_calendar",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
