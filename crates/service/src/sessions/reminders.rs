//! Reminders before a session, queued once whichever process gets there first.

use super::{envelope, facts, language_of};
use crate::error::Result;
use crate::notice::{self, Notice};
use crate::{Core, ServiceError};
use chrono::{DateTime, Utc};
use samvirke_domain::{MunicipalityId, RegistrationStatus};
use samvirke_store::sessions::{self as q};
use samvirke_store::{Scope, orgs};

/// Queues a reminder e-mail to everyone confirmed, `lead` before each
/// session. Each session is reminded once, whichever process gets there first.
#[tracing::instrument(skip_all, fields(resource = "reminders"))]
pub async fn send_due_reminders(core: &Core, lead: chrono::Duration) -> Result<usize> {
    let now = core.now();
    let mut queued = 0;
    let until = now
        .checked_add_signed(lead)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    for s in q::due_for_reminder(&core.db.read, now, until).await? {
        let scope = Scope::new(MunicipalityId(s.municipality_id));
        let txn = core.db.begin_write().await?;
        if !q::claim_reminder(&txn, scope, s.id, now).await? {
            continue;
        }
        let p = q::programme(&txn, scope, s.programme_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let site = orgs::list_sites(&txn, scope)
            .await?
            .into_iter()
            .find(|x| x.id == s.site_id);
        for r in q::registrations(&txn, scope, s.id).await? {
            if r.status() != RegistrationStatus::Confirmed {
                continue;
            }
            if let Some(email) = &r.email {
                let notice = Notice::Reminder {
                    name: r.name.clone(),
                    session: facts(&s, &p, site.as_ref()),
                };
                let to = envelope(&s, email, language_of(&r), None);
                notice::queue(&txn, core, scope, to, &notice, now).await?;
                queued += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(queued)
}
