//! The worker's jobs: the reminder the day before (once per appointment,
//! claimed by a conditional update in the transaction that queues it), and
//! the retention rule that empties the citizen's name, contact and answers
//! `Retention::participant_days` after the appointment, keeping the row
//! (service, time, status) for the counts.

use super::booking::language_of;
use super::services::load_one;
use crate::Core;
use crate::error::Result;
use crate::notice::{self, AppointmentFacts, Envelope, Notice, Place};
use chrono::{DateTime, Duration, Utc};
use samvirke_domain::{MunicipalityId, OrgId};
use samvirke_store::Scope;
use samvirke_store::appointments as q;

/// Queues a reminder to each booked citizen with an e-mail whose
/// appointment starts within `lead`. Returns how many were queued.
#[tracing::instrument(skip_all, fields(resource = "appointment_reminders"))]
pub async fn send_appointment_reminders(core: &Core, lead: Duration) -> Result<usize> {
    let now = core.now();
    let until = now
        .checked_add_signed(lead)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    let mut queued = 0;
    for a in q::due_for_reminder(&core.db.read, now, until).await? {
        let scope = Scope::new(MunicipalityId(a.municipality_id));
        let service = load_one(&core.db.read, scope, a.service_id, true).await?;
        let txn = core.db.begin_write().await?;
        if !q::claim_reminder(&txn, scope, a.id, now).await? {
            continue;
        }
        if let (Some(email), Some(name)) = (&a.email, &a.name) {
            let notice = Notice::AppointmentReminder {
                name: name.clone(),
                appointment: AppointmentFacts {
                    id: a.id,
                    title: service.title.clone(),
                    organisation: service.organisation.clone(),
                    starts_at: a.starts_at,
                    ends_at: a.ends_at,
                    place: service.site.clone().map(|name| Place {
                        name,
                        address: service.address.clone().unwrap_or_default(),
                    }),
                },
            };
            let to = Envelope {
                org: OrgId(service.org_id),
                to: email,
                lang: language_of(&a),
                ics: None,
            };
            notice::queue(&txn, core, scope, to, &notice, now).await?;
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// The retention rule: the scope's appointments that ended `days` ago
/// lose the citizen's details. Returns how many did.
pub async fn forget_ended_appointments(
    core: &Core,
    scope: samvirke_store::Scope,
    days: u32,
) -> Result<u64> {
    let now = core.now();
    let cutoff = now - Duration::days(days.into());
    Ok(q::forget_appointments_ended_before(&core.db.write, scope, cutoff, now).await?)
}
