//! A municipality's own mark in the header (an SVG image, kept small).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("municipality")
                .add_column(ColumnDef::new("logo_svg").text().null())
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("municipality")
                .drop_column("logo_svg")
                .take(),
        )
        .await
    }
}
