//! Rooms and referrals. A room belongs to an organisation at one of its
//! sites; `room_access` names the other organisations that may book it,
//! with or without the owner's approval. A booking is never double-booked:
//! every booking transaction first bumps the room's `lock_seq` (locking the
//! room row) and only then looks for overlaps. A referral hands a citizen
//! from one organisation to another with consent; its need and contact are
//! deleted after it is done, the row (organisations, status) stays for the
//! counts.

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
                .table("room")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("organisation_id"))
                .col(big_integer("site_id"))
                .col(string_len("name", 100))
                .col(integer("capacity"))
                .col(string_len("equipment", 500))
                // Bumped first by every booking transaction: the room's lock.
                .col(big_integer("lock_seq").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("room", "municipality_id", "municipality"))
                .foreign_key(&mut fk("room", "organisation_id", "organisation"))
                .foreign_key(&mut fk("room", "site_id", "site"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_room_site_name")
                .table("room")
                .col("site_id")
                .col("name")
                .unique()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("room_access")
                .col(big_integer("room_id"))
                .col(big_integer("organisation_id"))
                .col(boolean("needs_approval"))
                .primary_key(Index::create().col("room_id").col("organisation_id"))
                .foreign_key(&mut fk("room_access", "room_id", "room"))
                .foreign_key(&mut fk("room_access", "organisation_id", "organisation"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("room_booking")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("room_id"))
                .col(big_integer("organisation_id"))
                .col(big_integer("booked_by"))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                // Null once a discreet booking's meeting is over (purged).
                .col(string_len_null("title", 200))
                // `samvirke_domain::rooms::Visibility`.
                .col(string_len("visibility", 16))
                // `samvirke_domain::rooms::BookingStatus`.
                .col(string_len("status", 16))
                // The first booking of a weekly series (itself included).
                .col(big_integer_null("series_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("room_booking", "room_id", "room"))
                .foreign_key(&mut fk("room_booking", "organisation_id", "organisation"))
                .foreign_key(&mut fk("room_booking", "booked_by", "staff"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_room_booking_room_start")
                .table("room_booking")
                .col("room_id")
                .col("starts_at")
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("room_feed")
                .col(big_pk_auto("id"))
                .col(big_integer("room_id"))
                .col(big_integer("staff_id"))
                .col(string_len("token_hash", 64).unique_key())
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("room_feed", "room_id", "room"))
                .foreign_key(&mut fk("room_feed", "staff_id", "staff"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("referral")
                .col(big_pk_auto("id"))
                .col(big_integer("municipality_id"))
                .col(big_integer("from_org"))
                .col(big_integer("to_org"))
                // `samvirke_domain::referrals::ReferralStatus`.
                .col(string_len("status", 16))
                // Personal data: null once deleted by retention.
                .col(string_len_null("need", 500))
                .col(string_len_null("contact_name", 100))
                .col(string_len_null("contact_phone", 20))
                .col(string_len_null("contact_email", 254))
                .col(timestamp_with_time_zone("consent_at"))
                .col(big_integer("consent_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("status_at"))
                .col(timestamp_with_time_zone_null("forgotten_at"))
                .foreign_key(&mut fk("referral", "municipality_id", "municipality"))
                .foreign_key(&mut fk("referral", "from_org", "organisation"))
                .foreign_key(&mut fk("referral", "to_org", "organisation"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_referral_to_org")
                .table("referral")
                .col("to_org")
                .col("id")
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "referral",
            "room_feed",
            "room_booking",
            "room_access",
            "room",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
