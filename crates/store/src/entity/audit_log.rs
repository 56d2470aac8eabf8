use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    /// The organisation whose staff member read the data.
    pub organisation_id: i64,
    pub actor_staff_id: i64,
    pub at: DateTimeUtc,
    /// Kind of use, e.g. `view_staff_list`.
    pub purpose: String,
    /// Whose data: a kind (`staff`, `participant`, ...) and its id.
    pub subject_kind: String,
    pub subject_id: i64,
    /// The organisation whose data it is, when that is not the reader's own.
    pub data_owner_org_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
