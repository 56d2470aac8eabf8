//! Login throttling: too many failed attempts for one account, or from one
//! address, and further attempts are refused for a while.
//!
//! Kept in memory: an attacker gains at most one window per server
//! restart, and nothing about a person is written to disk.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_account: u32,
    /// `None` turns the per-address limit off (load tests from one address).
    pub per_address: Option<u32>,
    pub window: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        // A room of seniors behind one Wi-Fi address may mistype a lot.
        Limits {
            per_account: 5,
            per_address: Some(100),
            window: Duration::minutes(15),
        }
    }
}

#[derive(Debug, Default)]
struct Window {
    started: Option<DateTime<Utc>>,
    failures: u32,
}

#[derive(Debug)]
pub struct Throttle {
    limits: Limits,
    accounts: Mutex<HashMap<String, Window>>,
    addresses: Mutex<HashMap<String, Window>>,
}

impl Throttle {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            accounts: Mutex::default(),
            addresses: Mutex::default(),
        }
    }

    /// `Err(seconds)` when the account or the address must wait.
    pub fn check(&self, account: &str, address: &str, now: DateTime<Utc>) -> Result<(), u64> {
        let wait = |map: &Mutex<HashMap<String, Window>>, key: &str, limit: u32| -> Option<u64> {
            let map = map.lock().expect("throttle lock");
            let w = map.get(key)?;
            let started = w.started?;
            let ends = started + self.limits.window;
            (w.failures >= limit && ends > now).then(|| (ends - now).num_seconds().max(1) as u64)
        };
        if let Some(s) = wait(&self.accounts, account, self.limits.per_account) {
            return Err(s);
        }
        if let Some(limit) = self.limits.per_address
            && let Some(s) = wait(&self.addresses, address, limit)
        {
            return Err(s);
        }
        Ok(())
    }

    pub fn failed(&self, account: &str, address: &str, now: DateTime<Utc>) {
        let bump = |map: &Mutex<HashMap<String, Window>>, key: &str| {
            let mut map = map.lock().expect("throttle lock");
            if map.len() > 100_000 {
                // Forget stale windows rather than grow without bound.
                let window = self.limits.window;
                map.retain(|_, w| w.started.is_some_and(|s| s + window > now));
            }
            let w = map.entry(key.to_string()).or_default();
            if w.started.is_none_or(|s| s + self.limits.window <= now) {
                *w = Window {
                    started: Some(now),
                    failures: 0,
                };
            }
            w.failures += 1;
        };
        bump(&self.accounts, account);
        if self.limits.per_address.is_some() {
            bump(&self.addresses, address);
        }
    }

    pub fn succeeded(&self, account: &str) {
        self.accounts.lock().expect("throttle lock").remove(account);
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

    #[test]
    fn account_locks_after_limit_and_reopens_after_window() {
        let th = Throttle::new(Limits {
            per_account: 3,
            per_address: None,
            window: Duration::minutes(15),
        });
        for _ in 0..3 {
            assert!(th.check("a", "ip", t0()).is_ok());
            th.failed("a", "ip", t0());
        }
        let wait = th
            .check("a", "ip", t0() + Duration::minutes(1))
            .unwrap_err();
        assert_eq!(wait, 14 * 60);
        assert!(
            th.check("b", "ip", t0()).is_ok(),
            "other accounts unaffected"
        );
        assert!(th.check("a", "ip", t0() + Duration::minutes(15)).is_ok());
    }

    #[test]
    fn address_limit_can_be_turned_off() {
        let on = Throttle::new(Limits {
            per_account: 100,
            per_address: Some(2),
            window: Duration::minutes(15),
        });
        let off = Throttle::new(Limits {
            per_account: 100,
            per_address: None,
            window: Duration::minutes(15),
        });
        for (i, th) in [&on, &off].into_iter().enumerate() {
            th.failed("x", "ip", t0());
            th.failed("y", "ip", t0());
            assert_eq!(th.check("z", "ip", t0()).is_err(), i == 0);
        }
    }

    #[test]
    fn success_clears_the_account() {
        let th = Throttle::new(Limits {
            per_account: 2,
            per_address: None,
            window: Duration::minutes(15),
        });
        th.failed("a", "ip", t0());
        th.succeeded("a");
        th.failed("a", "ip", t0());
        assert!(th.check("a", "ip", t0()).is_ok());
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
