//! What the law pages say about the municipality: the data controller's
//! address, the data protection officer, and the accessibility statement
//! published on was.digst.dk.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 3] = ["address", "dpo_email", "accessibility_url"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in COLUMNS {
            m.alter_table(
                Table::alter()
                    .table("municipality")
                    .add_column(ColumnDef::new(col).string_len(300).null())
                    .take(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in COLUMNS {
            m.alter_table(Table::alter().table("municipality").drop_column(col).take())
                .await?;
        }
        Ok(())
    }
}
