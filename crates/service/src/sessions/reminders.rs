//! Reminders before a session, queued once whichever process gets there first.

use super::{Message, enqueue, place_text, when_text};
use crate::error::Result;
use crate::{Core, ServiceError};
use chrono::{DateTime, Utc};
use samvirke_domain::{MunicipalityId, RegistrationStatus};
use samvirke_store::sessions::{self as q};
use samvirke_store::{Scope, orgs};
use sea_orm::TransactionTrait;

/// Queues a reminder e-mail to everyone confirmed, `lead` before each
/// session. Each session is reminded once, whichever process gets there first.
pub async fn send_due_reminders(core: &Core, lead: chrono::Duration) -> Result<usize> {
    let now = core.now();
    let mut queued = 0;
    let until = now
        .checked_add_signed(lead)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    for s in q::due_for_reminder(&core.db.read, now, until).await? {
        let scope = Scope::new(MunicipalityId(s.municipality_id));
        let txn = core.db.write.begin().await?;
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
                let body = format!(
                    "Hej {name}\n\nHusk {title}.\nHvornår: {when}\nHvor: {place}\n\nVi glæder os til at se dig.\n",
                    name = r.name,
                    title = p.title,
                    when = when_text(&s),
                    place = place_text(site.as_ref()),
                );
                let subject = format!("Påmindelse: {}", p.title);
                let message = Message {
                    to: email,
                    subject: &subject,
                    body: &body,
                    ics: None,
                    secret: None,
                };
                enqueue(&txn, scope, &s, message, now).await?;
                queued += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(queued)
}
