//! Scheduled deletion: each kind of personal data is kept only as long as
//! its municipality's period says (set by its administrator, 1 to 3650
//! days; until then the installation's settings or the kind's default),
//! and the privacy notice states the same numbers.

use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::Duration;
use samvirke_domain::ideas::{DataKind, RETENTION_DAYS_MAX, RETENTION_DAYS_MIN};
use samvirke_domain::validate::{FieldErrors, FieldProblem};
use samvirke_domain::{Action, Actor, MunicipalityId, Resource};
use samvirke_store::Scope;

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
    /// Ideas whose e-mail was deleted (the idea stays).
    pub idea_contacts: u64,
}

/// The periods of one municipality: each kind's days, its administrator's
/// setting or the default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Periods(Vec<(DataKind, u32)>);

impl Periods {
    /// The days `kind` is kept.
    pub fn days(&self, kind: DataKind) -> u32 {
        self.0
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .unwrap_or_else(|| kind.default_days())
    }

    /// Each kind with its days, in the order of [`DataKind::ALL`].
    pub fn all(&self) -> Vec<(DataKind, u32)> {
        DataKind::ALL.iter().map(|k| (*k, self.days(*k))).collect()
    }
}

impl Retention {
    /// The days a kind is kept before its administrator sets them: the
    /// installation's settings where it has one, else the kind's default.
    pub fn default_days(&self, kind: DataKind) -> u32 {
        match kind {
            DataKind::Signups | DataKind::Appointments | DataKind::QuizNicknames => {
                self.participant_days
            }
            DataKind::AuditLog => self.audit_days,
            DataKind::Referrals => crate::referrals::KEEP_DONE_DAYS as u32,
            // Days after 31 July of the school year's end.
            DataKind::Pupils => {
                chrono::NaiveDate::from_ymd_opt(2027, self.pupil_deletion.0, self.pupil_deletion.1)
                    .and_then(|d| {
                        let last = chrono::NaiveDate::from_ymd_opt(2027, 7, 31)?;
                        u32::try_from((d - last).num_days()).ok()
                    })
                    .filter(|d| *d >= 1)
                    .unwrap_or(1)
            }
            DataKind::Ideas => kind.default_days(),
        }
        .clamp(RETENTION_DAYS_MIN, RETENTION_DAYS_MAX)
    }
}

/// A municipality's periods, without asking the policy: the worker's and
/// the public privacy notice's read (the periods are public).
pub async fn periods_of(core: &Core, m: MunicipalityId) -> Result<Periods> {
    let set = samvirke_store::retention::settings(&core.db.read, Scope::new(m)).await?;
    Ok(Periods(
        DataKind::ALL
            .iter()
            .map(|k| {
                let days = set
                    .iter()
                    .find(|(s, _)| s == k)
                    .map(|(_, d)| *d)
                    .unwrap_or_else(|| core.retention.default_days(*k));
                (*k, days)
            })
            .collect(),
    ))
}

/// The actor's municipality's periods (every staff member reads them).
pub async fn periods(core: &Core, actor: &Actor) -> Result<Periods> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Read,
        Resource::RetentionSettings {
            municipality: me.municipality,
        },
    )?;
    periods_of(core, me.municipality).await
}

/// The municipality's administrator sets the periods; each is 1 to 3650
/// days, and a kind missing or wrong is named as a field error (`days_<kind>`).
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "retention_settings"))]
pub async fn save(core: &Core, actor: &Actor, input: &[(DataKind, String)]) -> Result<()> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Update,
        Resource::RetentionSettings {
            municipality: me.municipality,
        },
    )?;
    let mut errors = FieldErrors::default();
    let mut periods = Vec::new();
    for kind in DataKind::ALL {
        let field = field_of(*kind);
        let typed = input
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, v)| v.trim())
            .unwrap_or("");
        match typed.parse::<u32>() {
            Ok(d) if (RETENTION_DAYS_MIN..=RETENTION_DAYS_MAX).contains(&d) => {
                periods.push((*kind, d))
            }
            Ok(_) => errors.add(field, FieldProblem::OutOfRange),
            Err(_) if typed.is_empty() => errors.add(field, FieldProblem::Required),
            Err(_) => errors.add(field, FieldProblem::InvalidNumber),
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    samvirke_store::retention::save(
        &core.db.write,
        Scope::new(me.municipality),
        &periods,
        core.now(),
    )
    .await?;
    Ok(())
}

/// The form field of a kind's period.
pub fn field_of(kind: DataKind) -> &'static str {
    match kind {
        DataKind::Signups => "days_signups",
        DataKind::Appointments => "days_appointments",
        DataKind::Referrals => "days_referrals",
        DataKind::Pupils => "days_pupils",
        DataKind::Ideas => "days_ideas",
        DataKind::QuizNicknames => "days_quiz_nicknames",
        DataKind::AuditLog => "days_audit_log",
    }
}

fn days(n: u32) -> Duration {
    Duration::days(n.into())
}

/// Deletes what is past its time, in each municipality by its own periods.
/// Safe to run in several processes at once. The one entry point of the
/// daily job.
pub async fn run(core: &Core) -> Result<Deleted> {
    let now = core.now();
    let municipalities = samvirke_store::retention::municipalities(&core.db.read).await?;
    // The reach report's unique citizens are kept as totals before any
    // municipality's contacts go: up to its shortest sign-up period.
    let mut shortest = core.retention.participant_days;
    for m in &municipalities {
        shortest = shortest.min(periods_of(core, *m).await?.days(DataKind::Signups));
    }
    crate::reach::keep_unique_citizens(core, now - days(shortest)).await?;
    let mut deleted = Deleted::default();
    let mut pupil_days = Vec::new();
    for m in municipalities {
        let p = periods_of(core, m).await?;
        let scope = Scope::new(m);
        let w = &core.db.write;
        deleted.participants +=
            samvirke_store::sessions::forget_participants_of_sessions_ended_before(
                w,
                scope,
                now - days(p.days(DataKind::Signups)),
            )
            .await?;
        samvirke_store::quiz_play::forget_nicknames_of_sessions_ended_before(
            w,
            scope,
            now - days(p.days(DataKind::QuizNicknames)),
        )
        .await?;
        deleted.audit_entries += samvirke_store::audit::delete_older_than(
            w,
            scope,
            now - days(p.days(DataKind::AuditLog)),
        )
        .await?;
        // A desk look-up's row goes with the log entries that name it.
        samvirke_store::own_data::forget_requests_before(
            w,
            scope,
            now - days(p.days(DataKind::AuditLog)),
        )
        .await?;
        deleted.referrals +=
            crate::referrals::forget_done(core, scope, p.days(DataKind::Referrals)).await?;
        deleted.appointments += crate::appointments::forget_ended_appointments(
            core,
            scope,
            p.days(DataKind::Appointments),
        )
        .await?;
        deleted.idea_contacts += samvirke_store::ideas::forget_contacts_before(
            w,
            scope,
            now - days(p.days(DataKind::Ideas)),
            now,
        )
        .await?;
        pupil_days.push((m, p.days(DataKind::Pupils)));
    }
    deleted.classes = crate::classes::forget_finished_school_years(core, &pupil_days).await?;
    deleted.room_titles = crate::rooms::forget_discreet_titles(core).await?;
    Ok(deleted)
}
