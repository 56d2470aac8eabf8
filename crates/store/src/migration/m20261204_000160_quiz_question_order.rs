//! A quiz's questions hold places 1, 2, 3, … with no two at one place: the
//! places are first numbered afresh (in the order they had, ties by id),
//! then a unique index keeps them so when questions are moved.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared(
            "UPDATE quiz_question SET position = (\
               SELECT COUNT(*) FROM quiz_question o \
               WHERE o.quiz_id = quiz_question.quiz_id \
                 AND (o.position < quiz_question.position \
                      OR (o.position = quiz_question.position AND o.id <= quiz_question.id)))",
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_quiz_question_position")
                .table("quiz_question")
                .col("quiz_id")
                .col("position")
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ux_quiz_question_position")
                .table("quiz_question")
                .to_owned(),
        )
        .await
    }
}
