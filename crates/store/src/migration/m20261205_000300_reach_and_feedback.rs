//! The reach report and feedback after a session.
//!
//! `reach_kept`: the unique citizens of a (programme, site, month) counted
//! just before retention empties the contacts they were told apart by, so
//! the report's figures outlive the personal data.
//!
//! `feedback_session`: one row per session once its thank-you e-mails are
//! queued (the primary key is the "sent" mark) or its room sheet printed.
//! `feedback_invite`: one per registration (unique), holding only the hash
//! of the link's secret; `feedback_response`: the score and text, with no
//! link to the person or the invite.

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
                .table("reach_kept")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("organisation_id"))
                .col(big_integer("programme_id"))
                .col(big_integer("site_id"))
                // `YYYY-MM`, the month of the sessions in Copenhagen time.
                .col(string_len("month", 7))
                .col(integer("unique_citizens"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("reach_kept", "municipality_id", "municipality"))
                .foreign_key(&mut fk("reach_kept", "programme_id", "programme"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("feedback_session")
                .col(big_integer("session_id").primary_key())
                .col(big_integer("municipality_id"))
                .col(timestamp_with_time_zone_null("invites_sent_at"))
                // The code in the room sheet's QR link; not a personal secret.
                .col(string_len_null("room_code", 32).unique_key())
                .foreign_key(&mut fk("feedback_session", "session_id", "event_session"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("feedback_invite")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("session_id"))
                .col(big_integer("registration_id").unique_key())
                .col(string_len_null("token_hash", 64).unique_key())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .foreign_key(&mut fk("feedback_invite", "session_id", "event_session"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("feedback_response")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("session_id"))
                .col(small_integer("score"))
                .col(string_len_null("text", 1000))
                // `email` (the personal link) or `room` (the QR sheet).
                .col(string_len("via", 8))
                .col(date("created_on"))
                .foreign_key(&mut fk("feedback_response", "session_id", "event_session"))
                .take(),
        )
        .await?;
        for (name, table, cols) in [
            (
                "ix_reach_kept_month",
                "reach_kept",
                &["municipality_id", "month"][..],
            ),
            (
                "ix_feedback_response_session",
                "feedback_response",
                &["session_id"][..],
            ),
            (
                "ix_feedback_invite_session",
                "feedback_invite",
                &["session_id"][..],
            ),
            // The report counts a session's sign-ups by status and attendance.
            (
                "ix_registration_session_attendance",
                "registration",
                &["session_id", "status", "attendance"][..],
            ),
            ("ix_class_visit_session", "class_visit", &["session_id"][..]),
            (
                "ix_referral_from_org",
                "referral",
                &["municipality_id", "from_org"][..],
            ),
            (
                "ix_appointment_service_start",
                "appointment",
                &["service_id", "starts_at"][..],
            ),
        ] {
            let mut index = Index::create().name(name).table(table).to_owned();
            for c in cols {
                index.col(*c);
            }
            m.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("ix_registration_session_attendance", "registration"),
            ("ix_class_visit_session", "class_visit"),
            ("ix_referral_from_org", "referral"),
            ("ix_appointment_service_start", "appointment"),
        ] {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        for table in [
            "feedback_response",
            "feedback_invite",
            "feedback_session",
            "reach_kept",
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
