//! Before retention empties participants' contacts: the unique citizens
//! they told apart are stored as totals per (organisation, programme,
//! site, month), so the report's figures stay the same afterwards.

use crate::Core;
use crate::error::Result;
use chrono::{DateTime, Datelike, Months, Utc};
use samvirke_domain::reach::Period;

/// Stores the totals of the sign-ups of sessions that ended before
/// `cutoff` and empties the contact keys they were counted by, in one
/// transaction: safe to run twice and in several processes at once.
/// Returns the rows of totals added.
pub async fn keep_unique_citizens(core: &Core, cutoff: DateTime<Utc>) -> Result<u64> {
    let txn = core.db.begin_write().await?;
    let Some(first) = samvirke_store::reach::oldest_session_with_contacts(&txn, cutoff).await?
    else {
        return Ok(0);
    };
    let local = |t: DateTime<Utc>| t.with_timezone(&chrono_tz::Europe::Copenhagen).date_naive();
    // The months from the oldest such session to the cutoff, each whole.
    let start = local(first).with_day(1).unwrap_or(local(first));
    let end = local(cutoff);
    let mut months = Vec::new();
    let mut month = start;
    while month <= end {
        let next = month + Months::new(1);
        let last = next.pred_opt().unwrap_or(next);
        if let Ok(p) = Period::new(month, last) {
            let (a, b) = p.instants();
            months.push((format!("{:04}-{:02}", month.year(), month.month()), a, b));
        }
        month = next;
    }
    let n = samvirke_store::reach::keep_unique_citizens_before(&txn, cutoff, &months, core.now())
        .await?;
    txn.commit().await?;
    Ok(n)
}
