//! Scheduled deletion: each kind of personal data is kept only as long as
//! its setting says, and the privacy notice states the same numbers.

use crate::Core;
use crate::error::Result;
use chrono::Duration;

/// How long each kind of personal data is kept, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Participants' names, contacts and needs, counted from the end of the
    /// session; the sign-up itself stays, without them, for the figures.
    /// Appointments' names, contacts and answers follow the same rule,
    /// counted from the end of the appointment.
    pub participant_days: u32,
    /// `.eml` files written when there is no SMTP server.
    pub eml_days: u32,
    /// The log of who read personal data.
    pub audit_days: u32,
    /// Pupils' names and birth dates are deleted on this day (month, day)
    /// after their school year ends (31 July); the counts stay.
    pub pupil_deletion: (u32, u32),
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            participant_days: 30,
            eml_days: 7,
            audit_days: 730,
            pupil_deletion: (8, 1),
        }
    }
}

/// What one run of the deletion removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Deleted {
    pub participants: u64,
    pub audit_entries: u64,
    /// Classes whose pupils were deleted.
    pub classes: u64,
    /// Discreet room bookings whose text was deleted after the meeting.
    pub room_titles: u64,
    /// Done referrals whose need and contact were deleted.
    pub referrals: u64,
    /// Appointments whose citizen's details were emptied.
    pub appointments: u64,
}

/// Deletes what is past its time. Safe to run in several processes at once.
pub async fn run(core: &Core) -> Result<Deleted> {
    // The reach report's unique citizens are kept as totals before their contacts go.
    crate::reach::keep_unique_citizens(
        core,
        core.now() - Duration::days(core.retention.participant_days.into()),
    )
    .await?;
    let now = core.now();
    let r = core.retention;
    let participants = samvirke_store::sessions::forget_participants_of_sessions_ended_before(
        &core.db.write,
        now - Duration::days(r.participant_days.into()),
    )
    .await?;
    // Quiz nicknames go with the session's other personal data.
    samvirke_store::quiz_play::forget_nicknames_of_sessions_ended_before(
        &core.db.write,
        now - Duration::days(r.participant_days.into()),
    )
    .await?;
    let audit_entries = samvirke_store::audit::delete_older_than(
        &core.db.write,
        now - Duration::days(r.audit_days.into()),
    )
    .await?;
    let classes = crate::classes::forget_finished_school_years(core).await?;
    let room_titles = crate::rooms::forget_discreet_titles(core).await?;
    let referrals = crate::referrals::forget_done(core).await?;
    let appointments = crate::appointments::forget_ended_appointments(core).await?;
    Ok(Deleted {
        participants,
        audit_entries,
        classes,
        room_titles,
        referrals,
        appointments,
    })
}
