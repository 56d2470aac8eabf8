//! Live updates of quiz runs. State lives in the database; this only tells
//! the open pages that something changed. One watch channel per run in this
//! process is bumped after every change made here, and a poller per watched
//! run compares the run's fingerprint in the database once a second, so a
//! change made by another server process on the same PostgreSQL arrives too.

use samvirke_domain::MunicipalityId;
use samvirke_service::Core;
use samvirke_service::throttle::RateLimit;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// How often a watched run's fingerprint is read from the database.
pub const POLL: Duration = Duration::from_secs(1);

/// Player calls per token per minute: answering and reading the state.
pub const PER_PLAYER_PER_MINUTE: u32 = 120;
/// Public calls per run per minute: a room of 200 phones polling every
/// two seconds, joining and answering, fits with room to spare.
pub const PER_RUN_PER_MINUTE: u32 = 30_000;

pub struct Hub {
    runs: Mutex<HashMap<i64, watch::Sender<u64>>>,
    /// Per player token: the quiz's public calls are not limited per
    /// address, since a whole room shares one.
    pub per_player: RateLimit,
    /// Per run (by its join code).
    pub per_run: RateLimit,
}

impl Hub {
    pub fn new(limits_on: bool) -> Self {
        Hub {
            runs: Mutex::default(),
            per_player: RateLimit::new(
                limits_on.then_some(PER_PLAYER_PER_MINUTE),
                chrono::Duration::minutes(1),
            ),
            per_run: RateLimit::new(
                limits_on.then_some(PER_RUN_PER_MINUTE),
                chrono::Duration::minutes(1),
            ),
        }
    }

    /// Something about a run changed here: wake its watchers.
    pub fn notify(&self, run_id: i64) {
        if let Some(tx) = self.runs.lock().expect("hub lock").get(&run_id) {
            tx.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// Watches a run; the first watcher starts its database poller, which
    /// stops when the last watcher is gone.
    pub fn watch(
        self: &Arc<Self>,
        core: &Core,
        municipality: MunicipalityId,
        run_id: i64,
    ) -> watch::Receiver<u64> {
        let mut runs = self.runs.lock().expect("hub lock");
        if let Some(tx) = runs.get(&run_id) {
            return tx.subscribe();
        }
        let (tx, rx) = watch::channel(0u64);
        runs.insert(run_id, tx.clone());
        drop(runs);
        let hub = Arc::clone(self);
        let core = core.clone();
        tokio::spawn(async move {
            let mut seen = None;
            loop {
                tokio::time::sleep(POLL).await;
                {
                    let mut runs = hub.runs.lock().expect("hub lock");
                    if tx.receiver_count() == 0 {
                        runs.remove(&run_id);
                        return;
                    }
                }
                let now = samvirke_service::quiz::live_fingerprint(&core, municipality, run_id)
                    .await
                    .ok()
                    .flatten();
                if seen.is_some() && now != seen {
                    tx.send_modify(|n| *n = n.wrapping_add(1));
                }
                seen = now;
            }
        });
        rx
    }
}
