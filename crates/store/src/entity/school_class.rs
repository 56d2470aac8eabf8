use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "school_class")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    /// The school (an organisation of kind `school`).
    pub organisation_id: i64,
    /// Written `2026-27`.
    pub school_year: String,
    pub name: String,
    pub created_at: DateTimeUtc,
    /// When the pupils were deleted; the counts below stay.
    pub forgotten_at: Option<DateTimeUtc>,
    pub pupils_kept: i32,
    pub attended_kept: i32,
    pub mitid_created_kept: i32,
    pub mitid_now_kept: i32,
    pub security_practice_kept: i32,
    pub turning_15_kept: i32,
    pub asked_questions_kept: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
