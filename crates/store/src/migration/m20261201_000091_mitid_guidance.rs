//! What a pupil must bring to get MitID at a class visit: the citizen
//! service's own text, in Danish and English, printed in the parent letter.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mitid_guidance")
                .col(big_integer("organisation_id").primary_key())
                .col(text("text_da"))
                .col(text("text_en"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_mitid_guidance_organisation_id")
                        .from("mitid_guidance", "organisation_id")
                        .to("organisation", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("mitid_guidance").take())
            .await
    }
}
