//! `careerfit serve` arguments. Defaults are the safe ones: loopback only,
//! a join code, a session cap and timeouts.

use crate::edge::QuizArg;
use clap::Args;
use std::path::PathBuf;
use std::time::Duration;

/// Longest join code accepted (the prompt answer is compared in full).
pub const MAX_CODE_LEN: usize = 64;
/// Shortest join code accepted: as long as the random ones (31 letters
/// and digits, about 890 million codes), so guessing takes longer than
/// any workshop lasts at the server's rate of wrong answers.
pub const MIN_CODE_LEN: usize = 6;

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on; anything but loopback must be given explicitly.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:2222")]
    pub listen: String,
    #[command(flatten)]
    pub quiz: QuizArg,
    /// Workshop folder, or a PostgreSQL URL (postgres://…): every finished result is
    /// saved there, as `take --submit` does. A database's password may come from
    /// PGPASSWORD or ~/.pgpass instead of the URL (docs/results-db.md).
    #[arg(long, value_name = "DIR|URL", default_value = "careerfit-results",
          value_parser = crate::results::parse_target)]
    pub results: crate::results::Target,
    /// With a database: where results wait while it cannot be reached
    /// (default: a folder per database under the data folder's spool/).
    #[arg(long, value_name = "DIR")]
    pub spool: Option<PathBuf>,
    /// The same question order for everyone.
    #[arg(long, value_name = "N", conflicts_with = "no_shuffle")]
    pub seed: Option<u64>,
    /// Keep the questions and options in file order.
    #[arg(long)]
    pub no_shuffle: bool,
    /// The code participants type to join (default: a random one, printed at start).
    #[arg(long, value_name = "CODE", conflicts_with = "open", value_parser = parse_code)]
    pub join_code: Option<String>,
    /// No join code: anyone who can reach the address may take the quiz.
    #[arg(long)]
    pub open: bool,
    /// Ed25519 host key file, created with mode 0600 if missing (default: in the data folder).
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,
    /// Most quiz sessions at once; later ones are asked to try again shortly.
    #[arg(long, value_name = "N", default_value_t = 300,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub max_sessions: u32,
    /// Close a session after this long without a key press (e.g. 90s, 10m, 1h).
    #[arg(long, value_name = "DUR", default_value = "10m", value_parser = parse_duration)]
    pub idle_timeout: Duration,
    /// Expect a PROXY protocol header (v1 or v2) first on every connection, as a load
    /// balancer such as HAProxy sends with `send-proxy-v2`: limits and logs then see each
    /// participant's own address. Connections without one are refused, so let only the
    /// balancer reach this port (docs/deploy.md).
    #[arg(long)]
    pub proxy_protocol: bool,
    /// New connections one address may open at once; a room behind one NAT is one address.
    #[arg(long, value_name = "N", default_value_t = 1000,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub per_address_burst: u32,
    /// New connections one address regains after its burst: N/s or N/m (e.g. 10/s, 90/m).
    #[arg(long, value_name = "RATE", default_value = "10/s", value_parser = parse_rate)]
    pub per_address_rate: PerSecond,
}

/// A connection rate, in connections per second.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerSecond(pub f64);

/// `10/s`, `90/m` or a bare `10` (per second): from one a minute to
/// 10,000 a second.
pub fn parse_rate(s: &str) -> Result<PerSecond, String> {
    let s = s.trim();
    let bad = || format!("expected a rate such as 10/s or 90/m, got {s:?}");
    let (num, per) = match s.split_once('/') {
        Some((n, "s")) => (n, 1.0),
        Some((n, "m")) => (n, 60.0),
        Some(_) => return Err(bad()),
        None => (s, 1.0),
    };
    let n: u32 = num.trim().parse().map_err(|_| bad())?;
    let rate = f64::from(n) / per;
    if n == 0 || rate > 10_000.0 {
        return Err("the rate must be between 1/m and 10000/s".into());
    }
    Ok(PerSecond(rate))
}

/// A join code: printable, no spaces, at most [`MAX_CODE_LEN`] characters.
pub fn parse_code(s: &str) -> Result<String, String> {
    let code = s.trim();
    if code.is_empty() {
        return Err("the join code is empty".into());
    }
    if code.chars().count() > MAX_CODE_LEN {
        return Err(format!(
            "the join code is longer than {MAX_CODE_LEN} characters"
        ));
    }
    if code.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("the join code may not contain spaces or control characters".into());
    }
    // Codes are compared ignoring case, so case adds nothing here.
    let upper = code.to_uppercase();
    let mut distinct: Vec<char> = upper.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if code.chars().count() < MIN_CODE_LEN || distinct.len() < 3 {
        return Err(format!(
            "the join code is too easy to guess: use at least {MIN_CODE_LEN} characters, \
             not just one or two repeated; leave --join-code out for a random one, \
             or use --open for no code at all"
        ));
    }
    Ok(code.to_string())
}

/// `90`, `90s`, `10m` or `1h`: a whole number with an optional unit
/// (seconds by default), from one second to one day.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&s[..i], &s[i..]),
        None => (s, "s"),
    };
    let n: u64 = num
        .parse()
        .map_err(|_| format!("expected a duration such as 90s, 10m or 1h, got {s:?}"))?;
    let secs = match unit {
        "s" => Some(n),
        "m" => n.checked_mul(60),
        "h" => n.checked_mul(3600),
        _ => None,
    }
    .ok_or_else(|| format!("expected a duration such as 90s, 10m or 1h, got {s:?}"))?;
    if !(1..=86_400).contains(&secs) {
        return Err("the duration must be between 1s and 24h".into());
    }
    Ok(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("2d").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("99999999999999999999h").is_err());
        assert!(parse_duration("25h").is_err());
    }

    #[test]
    fn rates() {
        assert_eq!(parse_rate("10/s"), Ok(PerSecond(10.0)));
        assert_eq!(parse_rate(" 10 "), Ok(PerSecond(10.0)));
        assert_eq!(parse_rate("90/m"), Ok(PerSecond(1.5)));
        assert_eq!(parse_rate("1/m"), Ok(PerSecond(1.0 / 60.0)));
        let bad = "expected a rate such as 10/s or 90/m, got";
        for s in ["", "fast", "10/h", "-1/s", "1.5/s", "10/"] {
            assert!(parse_rate(s).is_err_and(|e| e.starts_with(bad)), "{s}");
        }
        let range = Err("the rate must be between 1/m and 10000/s".to_string());
        assert_eq!(parse_rate("0/s"), range);
        assert_eq!(parse_rate("10001/s"), range);
        assert_eq!(parse_rate("10000/s"), Ok(PerSecond(10_000.0)));
    }

    #[test]
    fn codes() {
        assert_eq!(parse_code(" tiger42 "), Ok("tiger42".into()));
        assert!(parse_code("").is_err());
        assert!(parse_code("two words").is_err());
        assert!(parse_code("bell\x07").is_err());
        assert!(parse_code(&"x".repeat(65)).is_err());
    }
}
