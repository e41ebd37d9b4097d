//! From a `postgres://` URL to a connection, the way libpq fills in what
//! the URL leaves out: `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`,
//! `PGPASSWORD`, `PGSSLMODE`, `PGSSLROOTCERT`, `PGCONNECT_TIMEOUT`, then the
//! password file (`PGPASSFILE`, else `~/.pgpass`). The URL wins over the
//! environment. Passwords are never shown: [`Settings::shown`] is the
//! redacted URL, and nothing here prints.

use crate::Error;
use crate::tls::{Roots, SslMode};
use careerfit::results::DbUrl;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime, Timeouts};
use std::path::PathBuf;
use std::time::Duration;
use tokio_postgres::config::Host;
use tokio_postgres_rustls::MakeRustlsConnect;

/// How long a connection attempt may take unless `connect_timeout` or
/// `PGCONNECT_TIMEOUT` say otherwise: long enough for a distant server,
/// short enough that a facilitator is not left waiting.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The socket folder Debian's server uses when no host is given.
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// Where and how to connect, everything resolved.
#[derive(Clone)]
pub struct Settings {
    pg: tokio_postgres::Config,
    ssl: SslMode,
    roots: Option<Roots>,
    shown: String,
    /// The TLS connector, made on first use and shared by the pool and
    /// every connection of its own: making it reads the root certificates
    /// (a file, or the whole system store), which a dashboard that
    /// reconnects should not do each time.
    tls: std::sync::OnceLock<Result<MakeRustlsConnect, String>>,
    /// A warning worth showing once (an ignored password file).
    pub warning: Option<String>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("url", &self.shown)
            .field("ssl", &self.ssl)
            .finish_non_exhaustive()
    }
}

/// A connection of one's own ([`Settings::connect`]): the caller polls it
/// (for notifications) or spawns it.
pub type Connection = tokio_postgres::Connection<
    tokio_postgres::Socket,
    <MakeRustlsConnect as tokio_postgres::tls::MakeTlsConnect<tokio_postgres::Socket>>::Stream,
>;

/// The environment, as a lookup, so tests can give their own.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process's environment, empty values as unset (as libpq takes them).
pub fn process_env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.is_empty())
}

impl Settings {
    /// Settings for `url` with this process's environment.
    pub fn from_url(url: &DbUrl) -> Result<Settings, Error> {
        Settings::resolve(url, &process_env)
    }

    /// Settings for `url`, missing parts taken from `env` as libpq does.
    pub fn resolve(url: &DbUrl, env: Env) -> Result<Settings, Error> {
        let shown = url.redacted();
        let bad = |why: String| Error::BadUrl {
            url: shown.clone(),
            why,
        };
        let (rest, ssl, root) = split_own_params(url.expose()).map_err(bad)?;
        // PGPORT goes into the URL's text before it is parsed, since the
        // parser gives every host without a port 5432.
        let env_port = match env("PGPORT") {
            Some(p) if !has_port(&rest) => Some(
                p.parse::<u16>()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or_else(|| bad(format!("PGPORT={p:?} is not a port number")))?,
            ),
            _ => None,
        };
        let text = env_port.map_or_else(|| rest.clone(), |p| fill_port(&rest, p));
        let mut pg: tokio_postgres::Config = text
            .parse()
            .map_err(|e: tokio_postgres::Error| bad(crate::error::chain(&e)))?;
        if pg.get_hosts().is_empty() {
            match env("PGHOST") {
                Some(h) => {
                    for host in h.split(',') {
                        pg.host(host);
                    }
                }
                None if std::path::Path::new(DEFAULT_SOCKET_DIR).is_dir() => {
                    pg.host(DEFAULT_SOCKET_DIR);
                }
                None => {
                    pg.host("localhost");
                }
            }
        }
        // No host in the URL: no port either, and PGPORT serves them all.
        if let Some(p) = env_port
            && pg.get_ports().is_empty()
        {
            pg.port(p);
        }
        // No user anywhere: the driver asks the system for this account's
        // name when it connects, as libpq does.
        if pg.get_user().is_none()
            && let Some(u) = env("PGUSER")
                .or_else(|| env("USER"))
                .or_else(|| env("LOGNAME"))
        {
            pg.user(u);
        }
        if pg.get_dbname().is_none() {
            let db = env("PGDATABASE").or_else(|| pg.get_user().map(str::to_string));
            if let Some(db) = db {
                pg.dbname(db);
            }
        }
        let ssl = match ssl.or_else(|| env("PGSSLMODE")) {
            Some(m) => SslMode::parse(&m).ok_or_else(|| {
                bad(format!(
                    "sslmode {:?} is not one of disable, allow, prefer, require, verify-ca, \
                     verify-full",
                    careerfit_core::sanitize::clean_line(&m)
                ))
            })?,
            None => SslMode::Prefer,
        };
        // PostgreSQL offers no TLS on a unix socket; libpq ignores sslmode
        // there, and so does careerfit.
        let sockets_only = pg.get_hosts().iter().all(|h| !matches!(h, Host::Tcp(_)));
        pg.ssl_mode(if sockets_only {
            tokio_postgres::config::SslMode::Disable
        } else {
            ssl.driver()
        });
        let roots = match root.or_else(|| env("PGSSLROOTCERT")) {
            Some(r) if r == "system" => Some(Roots::System),
            Some(r) => Some(Roots::File(PathBuf::from(r))),
            None => env("HOME")
                .map(|h| PathBuf::from(h).join(".postgresql").join("root.crt"))
                .filter(|p| p.is_file())
                .map(Roots::File),
        };
        if pg.get_connect_timeout().is_none() {
            let t = env("PGCONNECT_TIMEOUT")
                .and_then(|t| t.parse::<u64>().ok())
                .filter(|t| *t > 0)
                .map_or(DEFAULT_CONNECT_TIMEOUT, Duration::from_secs);
            pg.connect_timeout(t);
        }
        if pg.get_application_name().is_none() {
            pg.application_name("careerfit");
        }
        let mut warning = None;
        if pg.get_password().is_none() {
            if let Some(p) = env("PGPASSWORD") {
                pg.password(p);
            } else if let Some(file) = env("PGPASSFILE")
                .map(PathBuf::from)
                .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".pgpass")))
            {
                let (host, port) = first_host(&pg);
                let wanted = crate::pgpass::Wanted {
                    host: &host,
                    port,
                    database: pg.get_dbname().unwrap_or(""),
                    user: pg.get_user().unwrap_or(""),
                };
                match crate::pgpass::lookup(&file, &wanted) {
                    Ok(Some(p)) => {
                        pg.password(p);
                    }
                    Ok(None) => {}
                    Err(w) => warning = Some(w),
                }
            }
        }
        Ok(Settings {
            pg,
            ssl,
            roots,
            shown,
            tls: std::sync::OnceLock::new(),
            warning,
        })
    }

    /// The URL as it may be shown: no password, cleaned for a terminal.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The TLS mode in force.
    pub fn ssl_mode(&self) -> SslMode {
        self.ssl
    }

    /// Who connects where (`user@host:port/database`), without secrets:
    /// the name of this database's spool folder is made from it.
    pub fn identity(&self) -> String {
        let (host, port) = first_host(&self.pg);
        format!(
            "{}@{}:{}/{}",
            self.pg.get_user().unwrap_or(""),
            host,
            port,
            self.pg.get_dbname().unwrap_or("")
        )
    }

    /// The TLS connector for these settings.
    pub fn tls(&self) -> Result<MakeRustlsConnect, Error> {
        self.tls
            .get_or_init(|| {
                crate::tls::client_config(self.ssl, self.roots.as_ref()).map(MakeRustlsConnect::new)
            })
            .clone()
            .map_err(|why| Error::Tls {
                url: self.shown.clone(),
                why,
            })
    }

    /// One connection of its own, outside any pool: for `LISTEN`, whose
    /// notifications arrive on the connection the caller must poll.
    pub async fn connect(&self) -> Result<(tokio_postgres::Client, Connection), Error> {
        let tls = self.tls()?;
        self.pg
            .connect(tls)
            .await
            .map_err(|e| Error::from_driver(&self.shown, &e))
    }

    /// A pool of at most `size` connections. Nothing connects until the
    /// first [`Pool::get`]; a broken connection is dropped when it is
    /// next taken (the server restarted), so the pool heals by itself.
    pub fn pool(&self, size: usize) -> Result<Pool, Error> {
        let manager = Manager::from_config(
            self.pg.clone(),
            self.tls()?,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let wait = self
            .pg
            .get_connect_timeout()
            .copied()
            .unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        Pool::builder(manager)
            .max_size(size.max(1))
            .runtime(Runtime::Tokio1)
            .timeouts(Timeouts {
                wait: Some(wait + Duration::from_secs(5)),
                create: Some(wait + Duration::from_secs(1)),
                recycle: Some(Duration::from_secs(5)),
            })
            .build()
            .map_err(|e| Error::BadUrl {
                url: self.shown.clone(),
                why: e.to_string(),
            })
    }
}

/// Whether the URL names a port (tokio-postgres puts 5432 in otherwise,
/// where libpq would take `PGPORT`).
fn has_port(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let hosts = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    hosts
        .split(',')
        .any(|h| h.rsplit_once(']').map_or(h, |(_, p)| p).contains(':'))
}

/// `url` with `:port` after each host that has none (`has_port` said
/// none has one).
fn fill_port(url: &str, port: u16) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (user, hosts) = match authority.rsplit_once('@') {
        Some((u, h)) => (format!("{u}@"), h),
        None => (String::new(), authority),
    };
    if hosts.is_empty() {
        return url.to_string();
    }
    let hosts: Vec<String> = hosts.split(',').map(|h| format!("{h}:{port}")).collect();
    format!("{scheme}://{user}{}{tail}", hosts.join(","))
}

/// The first host and port, as libpq's password-file lookup uses them.
fn first_host(pg: &tokio_postgres::Config) -> (String, u16) {
    let host = match pg.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.to_string_lossy().into_owned(),
        None => "localhost".into(),
    };
    (host, pg.get_ports().first().copied().unwrap_or(5432))
}

/// The URL without the parameters tokio-postgres does not know
/// (`sslmode` beyond `require`, `sslrootcert`), and their values.
type OwnParams = (String, Option<String>, Option<String>);

fn split_own_params(url: &str) -> Result<OwnParams, String> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_string(), None, None));
    };
    let (mut ssl, mut root) = (None, None);
    let mut kept = Vec::new();
    for p in query.split('&').filter(|p| !p.is_empty()) {
        match p.split_once('=') {
            Some(("sslmode", v)) => ssl = Some(decode(v)?),
            Some(("sslrootcert", v)) => root = Some(decode(v)?),
            Some(_) => kept.push(p),
            None => {
                return Err(format!(
                    "the parameter {:?} has no value (expected NAME=VALUE)",
                    careerfit_core::sanitize::clean_line(p)
                ));
            }
        }
    }
    let rest = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok((rest, ssl, root))
}

/// Percent-decoding of one parameter value.
fn decode(v: &str) -> Result<String, String> {
    let b = v.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or("a parameter has a bad %-escape")?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "a parameter is not UTF-8 text".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> DbUrl {
        DbUrl::parse(s).unwrap()
    }

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn the_url_wins_and_the_environment_fills_in() {
        let env = env_of(&[
            ("PGHOST", "envhost"),
            ("PGPORT", "6000"),
            ("PGUSER", "envuser"),
            ("PGPASSWORD", "envpass"),
            ("PGSSLMODE", "disable"),
        ]);
        let s = Settings::resolve(&url("postgres://u:p@h:5433/db"), &env).unwrap();
        assert_eq!(s.identity(), "u@h:5433/db");
        assert_eq!(s.pg.get_password(), Some(&b"p"[..]));
        assert_eq!(s.ssl_mode(), SslMode::Disable);
        let s = Settings::resolve(&url("postgres:///workshop"), &env).unwrap();
        assert_eq!(s.identity(), "envuser@envhost:6000/workshop");
        assert_eq!(s.pg.get_password(), Some(&b"envpass"[..]));
        assert_eq!(s.shown(), "postgres:///workshop");
        // The database defaults to the user's name, as in libpq.
        let s = Settings::resolve(&url("postgres://h"), &env).unwrap();
        assert_eq!(s.identity(), "envuser@h:6000/envuser");
    }

    #[test]
    fn pgport_keeps_every_other_setting_of_the_url() {
        let env = env_of(&[("PGPORT", "6000"), ("USER", "me")]);
        let s = Settings::resolve(
            &url("postgres://u@a,b/db?keepalives_idle=30&hostaddr=10.0.0.1,10.0.0.2"),
            &env,
        )
        .unwrap();
        assert_eq!(s.pg.get_ports(), &[6000, 6000]);
        assert_eq!(s.pg.get_keepalives_idle(), Duration::from_secs(30));
        assert_eq!(s.pg.get_hostaddrs().len(), 2);
        assert_eq!(s.identity(), "u@a:6000/db");
    }

    #[test]
    fn own_parameters_are_taken_out() {
        let env = env_of(&[("USER", "me")]);
        let s = Settings::resolve(
            &url("postgres://h/db?sslmode=verify-full&sslrootcert=%2Ftmp%2Fca.pem&application_name=x"),
            &env,
        )
        .unwrap();
        assert_eq!(s.ssl_mode(), SslMode::VerifyFull);
        assert_eq!(s.roots, Some(Roots::File("/tmp/ca.pem".into())));
        assert_eq!(s.pg.get_application_name(), Some("x"));
        assert_eq!(s.pg.get_connect_timeout(), Some(&DEFAULT_CONNECT_TIMEOUT));
    }

    #[test]
    fn bad_urls_say_what_is_wrong_without_the_password() {
        let env = env_of(&[("USER", "me")]);
        let msg = |u: &str| Settings::resolve(&url(u), &env).unwrap_err().to_string();
        assert_eq!(
            msg("postgres://u:secret@h:notaport/db"),
            "postgres://u:***@h:notaport/db: invalid connection string: invalid value for option `port`"
        );
        assert_eq!(
            msg("postgres://u:secret@h/db?sslmode=sometimes"),
            "postgres://u:***@h/db?sslmode=sometimes: sslmode \"sometimes\" is not one of \
             disable, allow, prefer, require, verify-ca, verify-full"
        );
        assert_eq!(
            msg("postgres://h/db?frobnicate=1"),
            "postgres://h/db?frobnicate=1: invalid connection string: unknown option `frobnicate`"
        );
        assert_eq!(
            msg("postgres://h/db?sslmode"),
            "postgres://h/db?sslmode: the parameter \"sslmode\" has no value (expected NAME=VALUE)"
        );
        let e = Settings::resolve(&url("postgres://h/db?sslmode=x"), &env).unwrap_err();
        assert!(e.is_input());
        // No user anywhere is left to the driver (the system's account name).
        let none = |_: &str| None;
        let s = Settings::resolve(&url("postgres://h/db"), &none).unwrap();
        assert_eq!(s.identity(), "@h:5432/db");
    }

    #[cfg(unix)]
    #[test]
    fn the_password_file_is_read_when_nothing_else_gives_one() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let file = d.path().join("pgpass");
        std::fs::write(&file, "h:5432:db:u:frompgpass\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let f = file.to_string_lossy().into_owned();
        let env = move |k: &str| (k == "PGPASSFILE").then(|| f.clone());
        let s = Settings::resolve(&url("postgres://u@h/db"), &env).unwrap();
        assert_eq!(s.pg.get_password(), Some(&b"frompgpass"[..]));
        assert!(!format!("{s:?}").contains("frompgpass"));
    }
}
