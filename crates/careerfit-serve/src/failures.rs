//! Wrong join codes, remembered per source address and for the join code
//! as a whole, so guessing is slow and noticed. Pure: time comes in as an
//! argument.
//!
//! The rules. An address that gives [`ADDR_STRIKES`] wrong codes within
//! [`WINDOW`] is locked out for [`LOCKOUT`] (doubling with each lockout, up
//! to [`MAX_LOCKOUT`]); while locked, even the right code is refused, and
//! the prompt says why. A right code from an address clears its strikes,
//! so a room behind one NAT address that mistypes now and then is not
//! locked out once people are joining. Across all addresses, past
//! [`CODE_STRIKES`] wrong codes within [`WINDOW`] every further wrong code
//! waits [`CODE_BACKOFF`] longer, and the facilitator is told once per
//! window that someone may be guessing.

use super::limits::source_key;
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Wrong codes from one address that lock it out.
pub const ADDR_STRIKES: u32 = 20;
/// How long strikes are remembered.
pub const WINDOW: Duration = Duration::from_secs(10 * 60);
/// The first lockout of an address.
pub const LOCKOUT: Duration = Duration::from_secs(5 * 60);
/// The longest lockout.
pub const MAX_LOCKOUT: Duration = Duration::from_secs(60 * 60);
/// Wrong codes from everyone that slow every further wrong code down.
pub const CODE_STRIKES: u32 = 200;
/// The extra wait for a wrong code past [`CODE_STRIKES`].
pub const CODE_BACKOFF: Duration = Duration::from_secs(5);
/// Addresses remembered at most; the oldest strikes are dropped beyond it.
const MAX_TRACKED: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Strikes {
    count: u32,
    since: Instant,
    locked_until: Option<Instant>,
    lockouts: u32,
}

impl Strikes {
    fn new(now: Instant) -> Self {
        Strikes {
            count: 0,
            since: now,
            locked_until: None,
            lockouts: 0,
        }
    }

    /// Forgets strikes older than the window.
    fn age(&mut self, now: Instant) {
        if now.saturating_duration_since(self.since) > WINDOW {
            self.count = 0;
            self.since = now;
        }
    }
}

/// What a wrong code leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// The address is now locked out for this long.
    pub locked_for: Option<Duration>,
    /// Wait this much longer before answering.
    pub extra_delay: Duration,
    /// Tell the facilitator that the code may be under attack (once per window).
    pub warn: bool,
}

/// Strikes per address and for the code.
#[derive(Debug)]
pub struct Failures {
    per_addr: HashMap<u128, Strikes>,
    code: Strikes,
    warned: bool,
}

impl Failures {
    pub fn new(now: Instant) -> Self {
        Failures {
            per_addr: HashMap::new(),
            code: Strikes::new(now),
            warned: false,
        }
    }

    /// How much longer `ip` is locked out, if it is.
    pub fn locked(&mut self, ip: IpAddr, now: Instant) -> Option<Duration> {
        let s = self.per_addr.get_mut(&source_key(ip))?;
        match s.locked_until {
            Some(t) if t > now => Some(t - now),
            Some(_) => {
                s.locked_until = None;
                None
            }
            None => None,
        }
    }

    /// Records a wrong code from `ip`.
    pub fn failed(&mut self, ip: IpAddr, now: Instant) -> Verdict {
        if self.per_addr.len() >= MAX_TRACKED && !self.per_addr.contains_key(&source_key(ip)) {
            self.per_addr.retain(|_, s| {
                s.age(now);
                s.count > 0 || s.locked_until.is_some_and(|t| t > now)
            });
        }
        let s = self
            .per_addr
            .entry(source_key(ip))
            .or_insert_with(|| Strikes::new(now));
        s.age(now);
        s.count += 1;
        let mut locked_for = None;
        if s.count >= ADDR_STRIKES {
            let d = LOCKOUT
                .saturating_mul(1 << s.lockouts.min(8))
                .min(MAX_LOCKOUT);
            s.locked_until = Some(now + d);
            s.lockouts += 1;
            s.count = 0;
            s.since = now;
            locked_for = Some(d);
        }
        let c = &mut self.code;
        if now.saturating_duration_since(c.since) > WINDOW {
            self.warned = false;
        }
        c.age(now);
        c.count += 1;
        let slow = c.count > CODE_STRIKES;
        let warn = slow && !self.warned;
        if warn {
            self.warned = true;
        }
        Verdict {
            locked_for,
            extra_delay: if slow { CODE_BACKOFF } else { Duration::ZERO },
            warn,
        }
    }

    /// A right code from `ip`: its strikes are cleared (not a lockout).
    pub fn succeeded(&mut self, ip: IpAddr) {
        if let Some(s) = self.per_addr.get_mut(&source_key(ip)) {
            s.count = 0;
        }
    }

    /// Wrong codes from everyone in the current window.
    #[cfg(test)]
    pub fn code_strikes(&self) -> u32 {
        self.code.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn twenty_wrong_codes_lock_one_address_out_and_not_the_others() {
        let t0 = Instant::now();
        let mut f = Failures::new(t0);
        let a = ip("10.0.0.1");
        for i in 1..ADDR_STRIKES {
            assert_eq!(f.failed(a, t0).locked_for, None, "strike {i}");
        }
        assert_eq!(f.failed(a, t0).locked_for, Some(LOCKOUT));
        assert_eq!(f.locked(a, t0), Some(LOCKOUT));
        assert_eq!(f.locked(ip("10.0.0.2"), t0), None);
        // It wears off, and the next lockout is longer.
        let later = t0 + LOCKOUT + Duration::from_secs(1);
        assert_eq!(f.locked(a, later), None);
        for _ in 1..ADDR_STRIKES {
            f.failed(a, later);
        }
        assert_eq!(f.failed(a, later).locked_for, Some(LOCKOUT * 2));
    }

    #[test]
    fn a_right_code_clears_strikes_and_old_strikes_are_forgotten() {
        let t0 = Instant::now();
        let mut f = Failures::new(t0);
        let a = ip("10.0.0.1");
        for _ in 0..ADDR_STRIKES - 1 {
            f.failed(a, t0);
        }
        f.succeeded(a);
        assert_eq!(f.failed(a, t0).locked_for, None);
        for _ in 0..ADDR_STRIKES - 2 {
            f.failed(a, t0);
        }
        let later = t0 + WINDOW + Duration::from_secs(1);
        assert_eq!(f.failed(a, later).locked_for, None);
    }

    #[test]
    fn many_wrong_codes_from_everywhere_slow_everyone_and_warn_once() {
        let t0 = Instant::now();
        let mut f = Failures::new(t0);
        let mut warned = 0;
        for i in 0..CODE_STRIKES + 50 {
            let v = f.failed(IpAddr::from([10, 1, (i / 256) as u8, (i % 256) as u8]), t0);
            let slow = i >= CODE_STRIKES;
            assert_eq!(v.extra_delay > Duration::ZERO, slow, "{i}");
            warned += u32::from(v.warn);
        }
        assert_eq!(warned, 1);
        assert_eq!(f.code_strikes(), CODE_STRIKES + 50);
    }
}
