//! Login throttling, and a bound on password checks running at once.
//!
//! Every attempt is counted *before* the slow password check (a
//! reservation) and given back when the password was right, so attempts
//! sent in parallel cannot slip past a limit while the first ones are still
//! being checked. Three counters, each a fixed window from its first attempt:
//!
//! - per account and address (5 in 15 minutes): what a mistyping person meets;
//! - per address (100 in 15 minutes): one address trying many accounts;
//! - per account from any address (50 in an hour): softer and longer, against
//!   guessing spread over many addresses. Five wrong passwords from one
//!   address thus never lock the owner out at another address.
//!
//! Password checks (argon2id, about 19 MiB each) run at most as many at once
//! as the memory budget allows; an attempt that finds no free check within a
//! short wait is refused with a Retry-After, and its reservation given back.
//!
//! Kept in memory: an attacker gains at most one window per server
//! restart, and nothing about a person is written to disk.

use crate::secret;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The memory one argon2id password check takes (the crate's default
/// parameters: m = 19 MiB, t = 2, p = 1).
pub const PASSWORD_CHECK_MIB: u32 = 19;

/// Forget stale windows once a map holds this many keys.
const PRUNE_AT: usize = 100_000;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Attempts for one account from one address in `window`.
    pub per_account_and_address: u32,
    /// Attempts from one address in `window`; `None` turns it off (load
    /// tests from one address).
    pub per_address: Option<u32>,
    pub window: Duration,
    /// Attempts for one account from all addresses in `account_window`.
    pub per_account: u32,
    pub account_window: Duration,
    /// Memory that password checks may take at once, in MiB; divided by
    /// [`PASSWORD_CHECK_MIB`] it gives how many run at once (at least one).
    pub check_memory_mib: u32,
    /// How long an attempt may wait for a free password check.
    pub check_wait: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_account_and_address: 5,
            // A room of seniors behind one Wi-Fi address may mistype a lot.
            per_address: Some(100),
            window: Duration::minutes(15),
            per_account: 50,
            account_window: Duration::hours(1),
            check_memory_mib: 64,
            check_wait: std::time::Duration::from_secs(2),
        }
    }
}

impl Limits {
    /// How many password checks may run at once.
    pub fn concurrent_checks(&self) -> usize {
        (self.check_memory_mib / PASSWORD_CHECK_MIB).max(1) as usize
    }
}

#[derive(Debug, Default)]
struct Window {
    started: Option<DateTime<Utc>>,
    failures: u32,
}

impl Window {
    /// Seconds to wait when this window is full, or `None`.
    fn wait(&self, limit: u32, length: Duration, now: DateTime<Utc>) -> Option<u64> {
        let ends = self.started? + length;
        (self.failures >= limit && ends > now).then(|| (ends - now).num_seconds().max(1) as u64)
    }

    fn count(&mut self, length: Duration, now: DateTime<Utc>) {
        if self.started.is_none_or(|s| s + length <= now) {
            *self = Window {
                started: Some(now),
                failures: 0,
            };
        }
        self.failures += 1;
    }

    fn give_back(&mut self) {
        self.failures = self.failures.saturating_sub(1);
    }
}

#[derive(Debug, Default)]
struct Counters {
    pairs: HashMap<(String, String), Window>,
    addresses: HashMap<String, Window>,
    accounts: HashMap<String, Window>,
}

fn prune<K: Eq + Hash>(map: &mut HashMap<K, Window>, length: Duration, now: DateTime<Utc>) {
    if map.len() > PRUNE_AT {
        map.retain(|_, w| w.started.is_some_and(|s| s + length > now));
    }
}

/// One counted attempt; give it to [`Throttle::succeeded`] or
/// [`Throttle::give_back`], or let it stand as a failure.
#[derive(Debug)]
#[must_use]
pub struct Attempt {
    account: String,
    address: String,
}

#[derive(Debug)]
pub struct Throttle {
    limits: Limits,
    counters: Mutex<Counters>,
    checks: Arc<Semaphore>,
    waiting: AtomicUsize,
}

/// Seconds until a password check may be tried again when all are busy.
pub const BUSY_RETRY_SECS: u64 = 1;

impl Throttle {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            counters: Mutex::default(),
            checks: Arc::new(Semaphore::new(limits.concurrent_checks())),
            waiting: AtomicUsize::new(0),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Counts an attempt for `account` from `address` before it is checked;
    /// `Err(seconds to wait)` when any limit is reached (nothing is counted then).
    pub fn reserve(
        &self,
        account: &str,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Attempt, u64> {
        let l = &self.limits;
        let mut c = self.counters.lock().expect("throttle lock");
        let pair = (account.to_string(), address.to_string());
        let waits = [
            c.pairs
                .get(&pair)
                .and_then(|w| w.wait(l.per_account_and_address, l.window, now)),
            c.accounts
                .get(account)
                .and_then(|w| w.wait(l.per_account, l.account_window, now)),
            l.per_address.and_then(|limit| {
                c.addresses
                    .get(address)
                    .and_then(|w| w.wait(limit, l.window, now))
            }),
        ];
        if let Some(wait) = waits.into_iter().flatten().max() {
            return Err(wait);
        }
        prune(&mut c.pairs, l.window, now);
        prune(&mut c.accounts, l.account_window, now);
        prune(&mut c.addresses, l.window, now);
        c.pairs.entry(pair).or_default().count(l.window, now);
        c.accounts
            .entry(account.to_string())
            .or_default()
            .count(l.account_window, now);
        if l.per_address.is_some() {
            c.addresses
                .entry(address.to_string())
                .or_default()
                .count(l.window, now);
        }
        Ok(Attempt {
            account: account.to_string(),
            address: address.to_string(),
        })
    }

    /// The attempt was not checked after all (no free password check): it
    /// does not count.
    pub fn give_back(&self, attempt: Attempt) {
        let mut c = self.counters.lock().expect("throttle lock");
        Self::give_back_locked(&mut c, &attempt);
    }

    fn give_back_locked(c: &mut Counters, a: &Attempt) {
        if let Some(w) = c.pairs.get_mut(&(a.account.clone(), a.address.clone())) {
            w.give_back();
        }
        if let Some(w) = c.accounts.get_mut(&a.account) {
            w.give_back();
        }
        if let Some(w) = c.addresses.get_mut(&a.address) {
            w.give_back();
        }
    }

    /// The password was right: this attempt does not count, and the
    /// account's earlier failures from this address are forgotten.
    pub fn succeeded(&self, attempt: Attempt) {
        let mut c = self.counters.lock().expect("throttle lock");
        Self::give_back_locked(&mut c, &attempt);
        c.pairs.remove(&(attempt.account, attempt.address));
    }

    /// A permit to run one password check, waiting at most
    /// `limits.check_wait`; `Err(seconds)` when none came free.
    pub async fn check_permit(&self) -> Result<OwnedSemaphorePermit, u64> {
        if let Ok(p) = self.checks.clone().try_acquire_owned() {
            return Ok(p);
        }
        if self.limits.check_wait.is_zero() {
            return Err(BUSY_RETRY_SECS);
        }
        // A bounded queue: beyond it, waiting would not end in time anyway.
        let queue = self.limits.concurrent_checks() * 16;
        let _in_queue = Waiting::join(&self.waiting, queue).ok_or(BUSY_RETRY_SECS)?;
        match tokio::time::timeout(self.limits.check_wait, self.checks.clone().acquire_owned())
            .await
        {
            Ok(Ok(p)) => Ok(p),
            _ => Err(BUSY_RETRY_SECS),
        }
    }

    /// Checks a password against a hash (or, for an unknown account,
    /// against a dummy hash, so both take as long) within the bound on
    /// checks at once. `Err(seconds)` when no check came free.
    pub async fn verify_password(
        &self,
        password: String,
        hash: Option<String>,
    ) -> Result<bool, u64> {
        let permit = self.check_permit().await?;
        Ok(tokio::task::spawn_blocking(move || {
            // The permit is held until the check is done, even if the
            // request that asked for it is gone.
            let _permit = permit;
            let hash = hash.as_deref().unwrap_or_else(|| secret::dummy_hash());
            secret::verify_password(&password, hash)
        })
        .await
        .unwrap_or(false))
    }

    /// Hashes a new password within the same bound.
    /// `Err(Err(seconds))` when no check came free.
    pub async fn hash_password(&self, password: String) -> Result<Result<String, String>, u64> {
        let permit = self.check_permit().await?;
        Ok(tokio::task::spawn_blocking(move || {
            let _permit = permit;
            secret::hash_password(&password)
        })
        .await
        .unwrap_or_else(|e| Err(e.to_string())))
    }
}

/// One place in the queue for a password check; left when dropped, also
/// when the request waiting in it is dropped.
struct Waiting<'a>(&'a AtomicUsize);

impl<'a> Waiting<'a> {
    fn join(count: &'a AtomicUsize, max: usize) -> Option<Self> {
        if count.fetch_add(1, Ordering::SeqCst) >= max {
            count.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Waiting(count))
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-29T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn limits(pair: u32, address: Option<u32>, account: u32) -> Limits {
        Limits {
            per_account_and_address: pair,
            per_address: address,
            per_account: account,
            ..Limits::default()
        }
    }

    #[test]
    fn an_account_and_address_lock_after_the_limit_and_reopen_after_the_window() {
        let th = Throttle::new(limits(3, None, 50));
        for _ in 0..3 {
            let _failed = th.reserve("a", "ip", t0()).unwrap();
        }
        let wait = th
            .reserve("a", "ip", t0() + Duration::minutes(1))
            .unwrap_err();
        assert_eq!(wait, 14 * 60);
        assert!(
            th.reserve("b", "ip", t0()).is_ok(),
            "other accounts unaffected"
        );
        assert!(
            th.reserve("a", "ip2", t0()).is_ok(),
            "the owner elsewhere unaffected"
        );
        assert!(th.reserve("a", "ip", t0() + Duration::minutes(15)).is_ok());
    }

    #[test]
    fn reservations_count_before_the_check() {
        let th = Throttle::new(limits(5, None, 50));
        // Five attempts in flight at once: the sixth is refused before any ends.
        let in_flight: Vec<Attempt> = (0..5)
            .map(|_| th.reserve("a", "ip", t0()).unwrap())
            .collect();
        assert!(th.reserve("a", "ip", t0()).is_err());
        // One was checked right: it and the earlier failures from here are forgotten.
        let mut it = in_flight.into_iter();
        th.succeeded(it.next().unwrap());
        assert!(th.reserve("a", "ip", t0()).is_ok());
    }

    #[test]
    fn a_given_back_attempt_does_not_count() {
        let th = Throttle::new(limits(1, Some(1), 1));
        let a = th.reserve("a", "ip", t0()).unwrap();
        th.give_back(a);
        assert!(th.reserve("a", "ip", t0()).is_ok());
    }

    #[test]
    fn the_account_limit_spans_addresses() {
        let th = Throttle::new(limits(5, None, 8));
        for i in 0..8 {
            let _failed = th.reserve("a", &format!("ip{}", i / 4), t0()).unwrap();
        }
        let wait = th.reserve("a", "ip9", t0()).unwrap_err();
        assert_eq!(wait, 60 * 60);
        assert!(th.reserve("a", "ip9", t0() + Duration::hours(1)).is_ok());
    }

    #[test]
    fn address_limit_can_be_turned_off() {
        let on = Throttle::new(limits(100, Some(2), 100));
        let off = Throttle::new(limits(100, None, 100));
        for (i, th) in [&on, &off].into_iter().enumerate() {
            let _x = th.reserve("x", "ip", t0()).unwrap();
            let _y = th.reserve("y", "ip", t0()).unwrap();
            assert_eq!(th.reserve("z", "ip", t0()).is_err(), i == 0);
        }
    }

    #[test]
    fn checks_at_once_follow_the_memory_budget() {
        assert_eq!(Limits::default().concurrent_checks(), 3);
        let tiny = Limits {
            check_memory_mib: 1,
            ..Limits::default()
        };
        assert_eq!(tiny.concurrent_checks(), 1);
    }

    /// Every password check and hash of a person's password goes through
    /// the bound here; a call elsewhere would escape it. (Creating staff
    /// and the command line hash once per action of an administrator.)
    #[test]
    fn password_checks_go_through_the_throttle() {
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 10, "the walk found the sources");
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name == "throttle.rs" || name == "secret.rs" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let direct = text.contains("secret::verify_password")
                || text
                    .lines()
                    .any(|l| l.contains("use crate::secret") && l.contains("verify_password"));
            assert!(!direct, "{name} checks a password outside the throttle");
        }
    }

    #[tokio::test]
    async fn no_free_check_means_wait_then_busy() {
        let th = Throttle::new(Limits {
            check_memory_mib: 19,
            check_wait: std::time::Duration::from_millis(20),
            ..Limits::default()
        });
        let held = th.check_permit().await.unwrap();
        assert_eq!(th.check_permit().await.unwrap_err(), BUSY_RETRY_SECS);
        drop(held);
        assert!(th.check_permit().await.is_ok());
    }
}

/// A per-address limit on public actions such as sign-ups: at most `limit`
/// in each `window`. `None` turns it off (load tests from one address).
#[derive(Debug)]
pub struct RateLimit {
    limit: Option<u32>,
    window: Duration,
    hits: Mutex<HashMap<String, Window>>,
}

impl RateLimit {
    pub fn new(limit: Option<u32>, window: Duration) -> Self {
        Self {
            limit,
            window,
            hits: Mutex::default(),
        }
    }

    /// Counts one action; `Err(seconds to wait)` when over the limit.
    pub fn hit(&self, address: &str, now: DateTime<Utc>) -> Result<(), u64> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let mut hits = self.hits.lock().expect("rate limit lock");
        if hits.len() > 100_000 {
            let window = self.window;
            hits.retain(|_, w| w.started.is_some_and(|s| s + window > now));
        }
        let w = hits.entry(address.to_string()).or_default();
        if w.started.is_none_or(|s| s + self.window <= now) {
            *w = Window {
                started: Some(now),
                failures: 0,
            };
        }
        if w.failures >= limit {
            let ends = w.started.expect("set above") + self.window;
            return Err((ends - now).num_seconds().max(1) as u64);
        }
        w.failures += 1;
        Ok(())
    }
}

#[cfg(test)]
mod rate_tests {
    use super::*;

    #[test]
    fn limits_per_address_and_can_be_off() {
        let t = DateTime::parse_from_rfc3339("2026-11-29T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let on = RateLimit::new(Some(2), Duration::minutes(10));
        assert!(on.hit("a", t).is_ok() && on.hit("a", t).is_ok());
        assert_eq!(on.hit("a", t + Duration::minutes(1)), Err(540));
        assert!(on.hit("b", t).is_ok(), "another address");
        assert!(
            on.hit("a", t + Duration::minutes(10)).is_ok(),
            "a new window"
        );
        let off = RateLimit::new(None, Duration::minutes(10));
        assert!((0..1000).all(|_| off.hit("a", t).is_ok()));
    }
}
