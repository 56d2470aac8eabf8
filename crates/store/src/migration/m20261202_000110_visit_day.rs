//! The visit day and the follow-up at 15: per pupil, whether they asked
//! questions, a parent's e-mail with the consent recorded (when and by
//! which staff member), and when the message before the 15th birthday was
//! queued (once per pupil). The class keeps the count of pupils who asked
//! questions when the pupils are deleted.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        let pupil_columns = [
            boolean("asked_questions").default(false).take(),
            string_len_null("parent_email", 254).take(),
            timestamp_with_time_zone_null("parent_consent_at").take(),
            big_integer_null("parent_consent_by").take(),
            timestamp_with_time_zone_null("fifteen_notice_sent_at").take(),
        ];
        for col in pupil_columns {
            m.alter_table(Table::alter().table("pupil").add_column(col).take())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table("school_class")
                .add_column(integer("asked_questions_kept").default(0).take())
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            "asked_questions",
            "parent_email",
            "parent_consent_at",
            "parent_consent_by",
            "fifteen_notice_sent_at",
        ] {
            m.alter_table(Table::alter().table("pupil").drop_column(col).take())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table("school_class")
                .drop_column("asked_questions_kept")
                .take(),
        )
        .await
    }
}
