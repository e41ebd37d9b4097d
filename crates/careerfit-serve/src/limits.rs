//! Connection rate limiting with token buckets: one per source address and
//! one for the whole server. A workshop room is often one NAT address, so
//! the per-address burst is large enough for everyone in it to join at once;
//! the global bucket caps what the whole internet can make the server do.
//! Pure: time comes in as an argument, so the rules are unit-tested.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Instant;

/// The numbers behind the limiter.
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    /// Connections one address may open at once (a room behind one NAT).
    pub per_ip_burst: f64,
    /// Connections per second one address regains.
    pub per_ip_rate: f64,
    /// Connections the whole server accepts at once.
    pub global_burst: f64,
    /// Connections per second the server regains.
    pub global_rate: f64,
    /// Most addresses remembered; beyond it only the global bucket applies.
    pub max_tracked: usize,
}

impl Default for Rates {
    fn default() -> Self {
        Rates {
            per_ip_burst: 400.0,
            per_ip_rate: 2.0,
            global_burst: 800.0,
            global_rate: 20.0,
            max_tracked: 10_000,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    fn full(burst: f64, now: Instant) -> Self {
        Bucket {
            tokens: burst,
            last: now,
        }
    }

    fn refill(&mut self, now: Instant, rate: f64, burst: f64) {
        let dt = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + dt * rate).min(burst);
        self.last = now;
    }
}

/// Why a connection was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This address opened too many connections too quickly.
    Address,
    /// The server as a whole is taking too many connections.
    Server,
}

/// Per-address and global token buckets.
#[derive(Debug)]
pub struct RateLimiter {
    rates: Rates,
    global: Bucket,
    per_ip: HashMap<u128, Bucket>,
}

/// IPv4 addresses count one by one; IPv6 by /64, the block one site gets,
/// so one host cannot dodge the limit by changing its address.
pub(crate) fn source_key(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => u128::from(u32::from(v4)),
            None => (u128::from(v6) >> 64 << 64) | 1,
        },
    }
}

impl RateLimiter {
    pub fn new(rates: Rates, now: Instant) -> Self {
        RateLimiter {
            rates,
            global: Bucket::full(rates.global_burst, now),
            per_ip: HashMap::new(),
        }
    }

    /// Takes one token for a new connection from `ip`, or says why not.
    pub fn check(&mut self, ip: IpAddr, now: Instant) -> Result<(), Refusal> {
        let r = self.rates;
        self.global.refill(now, r.global_rate, r.global_burst);
        let key = source_key(ip);
        if !self.per_ip.contains_key(&key) && self.per_ip.len() >= r.max_tracked {
            self.forget_full(now);
        }
        let tracked = self.per_ip.contains_key(&key) || self.per_ip.len() < r.max_tracked;
        if tracked {
            let b = self
                .per_ip
                .entry(key)
                .or_insert_with(|| Bucket::full(r.per_ip_burst, now));
            b.refill(now, r.per_ip_rate, r.per_ip_burst);
            if b.tokens < 1.0 {
                return Err(Refusal::Address);
            }
        }
        if self.global.tokens < 1.0 {
            return Err(Refusal::Server);
        }
        self.global.tokens -= 1.0;
        if let Some(b) = self.per_ip.get_mut(&key) {
            b.tokens -= 1.0;
        }
        Ok(())
    }

    /// Drops addresses whose bucket has refilled: they are as good as new.
    fn forget_full(&mut self, now: Instant) {
        let r = self.rates;
        self.per_ip.retain(|_, b| {
            b.refill(now, r.per_ip_rate, r.per_ip_burst);
            b.tokens < r.per_ip_burst
        });
    }

    /// Addresses currently remembered (for tests and memory bounds).
    #[cfg(test)]
    pub fn tracked(&self) -> usize {
        self.per_ip.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_room_of_300_behind_one_nat_gets_in_at_once() {
        let now = Instant::now();
        let mut l = RateLimiter::new(Rates::default(), now);
        for _ in 0..300 {
            assert_eq!(l.check(ip("203.0.113.7"), now), Ok(()));
        }
    }

    #[test]
    fn one_address_is_stopped_after_its_burst_and_refills() {
        let now = Instant::now();
        let rates = Rates {
            per_ip_burst: 5.0,
            per_ip_rate: 1.0,
            ..Rates::default()
        };
        let mut l = RateLimiter::new(rates, now);
        for _ in 0..5 {
            assert_eq!(l.check(ip("198.51.100.1"), now), Ok(()));
        }
        assert_eq!(l.check(ip("198.51.100.1"), now), Err(Refusal::Address));
        // Others are not affected.
        assert_eq!(l.check(ip("198.51.100.2"), now), Ok(()));
        let later = now + Duration::from_secs(2);
        assert_eq!(l.check(ip("198.51.100.1"), later), Ok(()));
        assert_eq!(l.check(ip("198.51.100.1"), later), Ok(()));
        assert_eq!(l.check(ip("198.51.100.1"), later), Err(Refusal::Address));
    }

    #[test]
    fn the_global_cap_holds_across_addresses() {
        let now = Instant::now();
        let rates = Rates {
            global_burst: 10.0,
            global_rate: 1.0,
            ..Rates::default()
        };
        let mut l = RateLimiter::new(rates, now);
        for i in 0..10 {
            assert_eq!(l.check(ip(&format!("192.0.2.{i}")), now), Ok(()));
        }
        assert_eq!(l.check(ip("192.0.2.200"), now), Err(Refusal::Server));
        assert_eq!(
            l.check(ip("192.0.2.200"), now + Duration::from_secs(1)),
            Ok(())
        );
    }

    #[test]
    fn ipv6_counts_by_64_block_and_memory_is_bounded() {
        let now = Instant::now();
        let rates = Rates {
            per_ip_burst: 2.0,
            max_tracked: 100,
            global_burst: 1e9,
            ..Rates::default()
        };
        let mut l = RateLimiter::new(rates, now);
        assert_eq!(l.check(ip("2001:db8::1"), now), Ok(()));
        assert_eq!(l.check(ip("2001:db8::2"), now), Ok(()));
        assert_eq!(l.check(ip("2001:db8::3"), now), Err(Refusal::Address));
        assert_eq!(l.check(ip("::ffff:192.0.2.1"), now), Ok(()));
        assert_eq!(l.check(ip("192.0.2.1"), now), Ok(()));
        assert_eq!(l.check(ip("192.0.2.1"), now), Err(Refusal::Address));
        for i in 0..10_000u32 {
            let a = IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            let _ = l.check(a, now);
        }
        assert!(l.tracked() <= 100);
    }
}
