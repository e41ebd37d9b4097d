//! Connection rate limiting with token buckets: one per source address and
//! one for the whole server. A workshop room is often one NAT address, so
//! the per-address burst (`--per-address-burst`, 1,000 by default) is large
//! enough for everyone in it to join at once; the global bucket caps what
//! the whole internet can make the server do. Behind a load balancer the
//! source address is the participant's own, from the PROXY protocol header
//! (`--proxy-protocol`): then the global bucket is checked when the
//! connection is accepted and the address's once the header is read.
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

/// The global burst at least: as many handshakes at once as one server
/// was measured to take without falling behind.
const GLOBAL_BURST: f64 = 800.0;

impl Default for Rates {
    /// `serve`'s defaults: 1,000 at once from one address, then 10 a
    /// second. The issue 19 room of 1,000 behind one address lost 597
    /// people to the old 400-then-2-a-second limit; guessing join codes is
    /// held back per address by the lockout ([`crate::failures`]), which
    /// does not depend on how fast connections come.
    fn default() -> Self {
        Rates {
            per_ip_burst: 1000.0,
            per_ip_rate: 10.0,
            global_burst: GLOBAL_BURST,
            global_rate: 20.0,
            max_tracked: 10_000,
        }
    }
}

impl Rates {
    /// The facilitator's per-address numbers, and a global burst of at
    /// least `max_connections`: a server never refuses for speed the
    /// connections it has room for (a room of 1,000 on `--max-sessions
    /// 1000` gets in at once).
    pub fn new(per_ip_burst: u32, per_ip_rate: f64, max_connections: usize) -> Self {
        Rates {
            per_ip_burst: f64::from(per_ip_burst),
            per_ip_rate,
            global_burst: GLOBAL_BURST.max(max_connections as f64),
            ..Rates::default()
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

    /// Takes a token from the global bucket only: for a connection whose
    /// real source is not known yet (it comes in the PROXY header).
    pub fn check_server(&mut self, now: Instant) -> Result<(), Refusal> {
        let r = self.rates;
        self.global.refill(now, r.global_rate, r.global_burst);
        if self.global.tokens < 1.0 {
            return Err(Refusal::Server);
        }
        self.global.tokens -= 1.0;
        Ok(())
    }

    /// Takes a token from `ip`'s bucket only, once [`Self::check_server`]
    /// let the connection in.
    pub fn check_address(&mut self, ip: IpAddr, now: Instant) -> Result<(), Refusal> {
        match self.address_bucket(ip, now) {
            Some(b) if b.tokens < 1.0 => Err(Refusal::Address),
            Some(b) => {
                b.tokens -= 1.0;
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// `ip`'s bucket, refilled to `now`; `None` when too many addresses are
    /// remembered already (then only the global bucket applies).
    fn address_bucket(&mut self, ip: IpAddr, now: Instant) -> Option<&mut Bucket> {
        let r = self.rates;
        let key = source_key(ip);
        if !self.per_ip.contains_key(&key) && self.per_ip.len() >= r.max_tracked {
            self.forget_full(now);
        }
        if !self.per_ip.contains_key(&key) && self.per_ip.len() >= r.max_tracked {
            return None;
        }
        let b = self
            .per_ip
            .entry(key)
            .or_insert_with(|| Bucket::full(r.per_ip_burst, now));
        b.refill(now, r.per_ip_rate, r.per_ip_burst);
        Some(b)
    }

    /// Takes one token for a new connection from `ip`, or says why not.
    pub fn check(&mut self, ip: IpAddr, now: Instant) -> Result<(), Refusal> {
        let r = self.rates;
        self.global.refill(now, r.global_rate, r.global_burst);
        let global_empty = self.global.tokens < 1.0;
        match self.address_bucket(ip, now) {
            Some(b) if b.tokens < 1.0 => return Err(Refusal::Address),
            _ if global_empty => return Err(Refusal::Server),
            Some(b) => b.tokens -= 1.0,
            None => {}
        }
        self.global.tokens -= 1.0;
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
    fn a_room_of_1000_behind_one_nat_gets_in_at_once() {
        let now = Instant::now();
        // --max-sessions 1000: room for 1,250 connections.
        let mut l = RateLimiter::new(Rates::new(1000, 10.0, 1250), now);
        for i in 0..1000 {
            assert_eq!(l.check(ip("203.0.113.7"), now), Ok(()), "{i}");
        }
        assert_eq!(l.check(ip("203.0.113.7"), now), Err(Refusal::Address));
        // Then ten a second: late arrivals and reconnects.
        let later = now + Duration::from_secs(1);
        for _ in 0..10 {
            assert_eq!(l.check(ip("203.0.113.7"), later), Ok(()));
        }
        assert_eq!(l.check(ip("203.0.113.7"), later), Err(Refusal::Address));
    }

    #[test]
    fn the_global_burst_is_at_least_the_connection_cap() {
        assert_eq!(Rates::new(5, 1.0, 375).global_burst, 800.0);
        assert_eq!(Rates::new(5, 1.0, 1250).global_burst, 1250.0);
        let d = Rates::default();
        assert_eq!((d.per_ip_burst, d.per_ip_rate), (1000.0, 10.0));
    }

    #[test]
    fn behind_a_balancer_the_global_and_the_address_buckets_are_taken_apart() {
        let now = Instant::now();
        let rates = Rates {
            per_ip_burst: 2.0,
            global_burst: 3.0,
            global_rate: 1.0,
            ..Rates::default()
        };
        let mut l = RateLimiter::new(rates, now);
        // Accepted: the global bucket; header read: the participant's own.
        assert_eq!(l.check_server(now), Ok(()));
        assert_eq!(l.check_address(ip("198.51.100.1"), now), Ok(()));
        assert_eq!(l.check_server(now), Ok(()));
        assert_eq!(l.check_address(ip("198.51.100.1"), now), Ok(()));
        assert_eq!(l.check_server(now), Ok(()));
        assert_eq!(
            l.check_address(ip("198.51.100.1"), now),
            Err(Refusal::Address)
        );
        // Another participant behind the same balancer is not affected...
        assert_eq!(l.check_address(ip("198.51.100.2"), now), Ok(()));
        // ...but the server as a whole is out of tokens until it refills.
        assert_eq!(l.check_server(now), Err(Refusal::Server));
        assert_eq!(l.check_server(now + Duration::from_secs(1)), Ok(()));
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
