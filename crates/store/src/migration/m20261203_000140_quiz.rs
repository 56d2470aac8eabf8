//! The "7 rigtige" quiz: a question bank per programme (questions with 2–4
//! options, one correct), runs of a quiz in a session with a join code,
//! players (a phone, or a paper sheet typed in by staff) and their answers.
//!
//! One answer per player and question is the unique key of `quiz_answer`;
//! a join code is unique among runs not finished (a partial unique index).

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
                .table("quiz")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("programme_id"))
                .col(string_len("title", 200))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("quiz", "municipality_id", "municipality"))
                .foreign_key(&mut fk("quiz", "programme_id", "programme"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("quiz_question")
                .col(big_pk_auto("id"))
                .col(big_integer("quiz_id"))
                .col(integer("position"))
                .col(string_len("text_da", 500))
                .col(string_len_null("text_en", 500))
                .col(string_len("explanation_da", 1000))
                .col(string_len_null("explanation_en", 1000))
                .foreign_key(&mut fk("quiz_question", "quiz_id", "quiz"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("quiz_option")
                .col(big_pk_auto("id"))
                .col(big_integer("question_id"))
                .col(integer("position"))
                .col(string_len("text_da", 200))
                .col(string_len_null("text_en", 200))
                .col(boolean("correct"))
                .foreign_key(&mut fk("quiz_option", "question_id", "quiz_question"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("quiz_run")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("session_id"))
                .col(big_integer("quiz_id"))
                .col(string_len("join_code", 12))
                // `waiting`, `question` or `finished`.
                .col(string_len("status", 16))
                // 0 while waiting; the current question's position (1-based).
                .col(integer("current_position").default(0))
                .col(integer("question_count"))
                .col(boolean("show_explanation").default(false))
                // Bumped on every change of status, question or explanation.
                .col(big_integer("version").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("finished_at"))
                .foreign_key(&mut fk("quiz_run", "municipality_id", "municipality"))
                .foreign_key(&mut fk("quiz_run", "session_id", "event_session"))
                .foreign_key(&mut fk("quiz_run", "quiz_id", "quiz"))
                .take(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_quiz_run_open_code ON quiz_run (join_code) \
                 WHERE status <> 'finished'",
            )
            .await?;
        m.create_table(
            Table::create()
                .table("quiz_player")
                .col(big_pk_auto("id"))
                .col(big_integer("run_id"))
                // Only the hash of the player's token; paper sheets have none.
                .col(string_len_null("token_hash", 64).unique_key())
                .col(string_len_null("nickname", 30))
                // The sheet's number when typed in from paper.
                .col(integer_null("sheet"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("quiz_player", "run_id", "quiz_run"))
                .take(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_quiz_player_sheet ON quiz_player (run_id, sheet) \
                 WHERE sheet IS NOT NULL",
            )
            .await?;
        m.create_table(
            Table::create()
                .table("quiz_answer")
                .col(big_pk_auto("id"))
                .col(big_integer("run_id"))
                .col(big_integer("player_id"))
                .col(big_integer("question_id"))
                .col(big_integer("option_id"))
                .col(boolean("correct"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("quiz_answer", "run_id", "quiz_run"))
                .foreign_key(&mut fk("quiz_answer", "player_id", "quiz_player"))
                .foreign_key(&mut fk("quiz_answer", "question_id", "quiz_question"))
                .foreign_key(&mut fk("quiz_answer", "option_id", "quiz_option"))
                .take(),
        )
        .await?;
        for (name, table, cols) in [
            (
                "ux_quiz_answer_player_question",
                "quiz_answer",
                &["player_id", "question_id"][..],
            ),
            (
                "ix_quiz_answer_run",
                "quiz_answer",
                &["run_id", "question_id"][..],
            ),
            ("ix_quiz_player_run", "quiz_player", &["run_id"][..]),
            ("ix_quiz_run_session", "quiz_run", &["session_id"][..]),
            (
                "ix_quiz_question_quiz",
                "quiz_question",
                &["quiz_id", "position"][..],
            ),
            (
                "ix_quiz_option_question",
                "quiz_option",
                &["question_id"][..],
            ),
            ("ix_quiz_programme", "quiz", &["programme_id"][..]),
        ] {
            let mut index = Index::create().name(name).table(table).to_owned();
            for c in cols {
                index.col(*c);
            }
            if name.starts_with("ux_") {
                index.unique();
            }
            m.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "quiz_answer",
            "quiz_player",
            "quiz_run",
            "quiz_option",
            "quiz_question",
            "quiz",
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
