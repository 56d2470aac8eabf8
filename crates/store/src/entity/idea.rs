use samvirke_domain::ideas::{IdeaStatus, TargetGroup};
use sea_orm::entity::prelude::*;

/// A citizen's idea, addressed to the municipality's partnership.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub target_group: String,
    pub text: String,
    pub status: String,
    pub note: Option<String>,
    /// Bumped by every change of status: a change is made only at the version seen.
    pub version: i64,
    /// Lower-cased; None when none was given or once deleted by retention.
    pub email: Option<String>,
    pub consent_at: Option<DateTimeUtc>,
    pub contact_deleted_at: Option<DateTimeUtc>,
    pub programme_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub status_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn status(&self) -> IdeaStatus {
        self.status.parse().unwrap_or(IdeaStatus::New)
    }

    pub fn target_group(&self) -> TargetGroup {
        self.target_group.parse().unwrap_or(TargetGroup::Everyone)
    }
}
