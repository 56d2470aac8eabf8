//! Class visits: 9th-grade classes per school and school year, their pupils
//! (a name and a birth date; never a CPR number), and the session that is
//! each class's visit.

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
                .table("school_class")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("organisation_id"))
                .col(string_len("school_year", 7))
                .col(string_len("name", 40))
                .col(timestamp_with_time_zone("created_at"))
                // Kept when the pupils' personal data is deleted after the
                // school year, for the reports.
                .col(timestamp_with_time_zone_null("forgotten_at"))
                .col(integer("pupils_kept").default(0))
                .col(integer("attended_kept").default(0))
                .col(integer("mitid_created_kept").default(0))
                .col(integer("mitid_now_kept").default(0))
                .col(integer("security_practice_kept").default(0))
                .col(integer("turning_15_kept").default(0))
                .foreign_key(&mut fk(
                    "school_class",
                    "municipality_id",
                    "municipality",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "school_class",
                    "organisation_id",
                    "organisation",
                    Restrict,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_school_class_name")
                .table("school_class")
                .col("organisation_id")
                .col("school_year")
                .col("name")
                .unique()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("pupil")
                .col(big_pk_auto("id"))
                .col(big_integer("class_id"))
                .col(string_len("name", 200))
                .col(date("birth_date"))
                .col(string_len("mitid", 16).default("unknown"))
                .col(string_len("attendance", 16).null())
                .col(boolean("mitid_created").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("pupil", "class_id", "school_class", Cascade))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_pupil_class")
                .table("pupil")
                .col("class_id")
                .col("id")
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("class_visit")
                .col(big_integer("class_id").primary_key())
                .col(big_integer("session_id").unique_key())
                .foreign_key(&mut fk("class_visit", "class_id", "school_class", Cascade))
                .foreign_key(&mut fk(
                    "class_visit",
                    "session_id",
                    "event_session",
                    Cascade,
                ))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["class_visit", "pupil", "school_class"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
