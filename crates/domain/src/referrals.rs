//! Referrals: a citizen handed over from one organisation to another, with
//! the citizen's consent. The receiver works the case; the sender sees only
//! its status.

use crate::codes::code_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferralStatus {
    New,
    Contacted,
    Done,
}

code_enum!(ReferralStatus {
    New => "new",
    Contacted => "contacted",
    Done => "done",
});

/// The longest need description.
pub const NEED_MAX: usize = 500;
/// The longest contact name.
pub const CONTACT_NAME_MAX: usize = 100;
