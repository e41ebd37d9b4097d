//! A real, throw-away PostgreSQL server for tests: `initdb` into a
//! temporary folder, started with `pg_ctl` on a free 127.0.0.1 port, its
//! unix socket in that folder too, stopped (and the folder removed) on
//! drop. The binaries come from `PATH` or `/usr/lib/postgresql/*/bin`
//! (Debian's `postgresql` package, which .ci/run installs). initdb
//! refuses to run as root, so as root the server runs as the `postgres`
//! user (`runuser`), with the folder given to it.
//!
//! Without the binaries [`Pg::start`] says so and returns `None` (the
//! test passes without running), except under CI (`CI` set), where that
//! is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A runtime for a test that talks to the server through careerfit-pg:
/// one thread is enough for a client.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The superuser initdb creates, and its password.
pub const USER: &str = "careerfit";
pub const PASSWORD: &str = "s3cret-pw";

/// One running (or stopped) throw-away cluster.
pub struct Pg {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// Run the server binaries through `runuser -u postgres`.
    as_postgres: bool,
    pub port: u16,
    running: bool,
    /// Server options beyond the harness's own (TLS).
    extra: String,
}

/// The folder holding `initdb`, `pg_ctl` and `postgres`, if any.
fn find_bin() -> Option<PathBuf> {
    let has_all = |d: &Path| {
        ["initdb", "pg_ctl", "postgres"]
            .iter()
            .all(|b| d.join(b).is_file())
    };
    if let Some(path) = std::env::var_os("PATH") {
        for d in std::env::split_paths(&path) {
            let initdb = d.join("initdb");
            if initdb.is_file()
                && let Some(real) = std::fs::canonicalize(&initdb)
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                && has_all(&real)
            {
                return Some(real);
            }
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|d| has_all(d))
        .collect();
    // The newest major version: names are numbers.
    versions.sort_by_key(|d| {
        d.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    versions.pop()
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Pg {
    /// A fresh cluster, started; `None` (after saying why) when the
    /// PostgreSQL binaries are not installed and this is not CI.
    pub fn start(test: &str) -> Option<Pg> {
        Pg::start_as(test, false)
    }

    /// [`Pg::start`] with TLS on: a certificate for `localhost` signed by
    /// a throw-away CA ([`Pg::ca`]), made with `openssl`.
    pub fn start_tls(test: &str) -> Option<Pg> {
        Pg::start_as(test, true)
    }

    fn start_as(test: &str, tls: bool) -> Option<Pg> {
        let Some(bin) = find_bin() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "PostgreSQL's server binaries (initdb, pg_ctl, postgres) not found: \
                 .ci/run installs them (apt-get install postgresql)"
            );
            eprintln!(
                "skipped {test}: PostgreSQL's server binaries not found \
                 (apt-get install postgresql)"
            );
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("careerfit-pg-")
            .tempdir()
            .expect("tempdir");
        let as_postgres = is_root();
        let mut pg = Pg {
            dir,
            bin,
            as_postgres,
            port: 0,
            running: false,
            extra: String::new(),
        };
        if tls {
            pg.make_certificates();
            pg.extra = format!(
                " -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                pg.dir.path().join("server.crt").display(),
                pg.dir.path().join("server.key").display()
            );
        }
        std::fs::write(pg.pwfile(), format!("{PASSWORD}\n")).expect("pwfile");
        std::fs::create_dir(pg.socket_dir()).expect("socket dir");
        pg.give_to_postgres();
        let out = pg.run(
            "initdb",
            &[
                "-D",
                &pg.data().to_string_lossy(),
                "-U",
                USER,
                "--pwfile",
                &pg.pwfile().to_string_lossy(),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
        );
        assert!(out.status.success(), "initdb failed: {}", text(&out));
        pg.start_again();
        Some(pg)
    }

    /// The CA that signed the server's certificate (with [`Pg::start_tls`]).
    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.crt")
    }

    /// A CA and a server certificate for `localhost` (ECDSA P-256).
    fn make_certificates(&self) {
        let d = self.dir.path();
        let openssl = |args: &[&str]| {
            let out = Command::new("openssl")
                .args(args)
                .current_dir(d)
                .output()
                .expect("openssl runs (.ci/run installs it)");
            assert!(out.status.success(), "openssl {args:?}: {}", text(&out));
        };
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        openssl(
            &[
                &["req", "-x509"][..],
                &ec,
                &[
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.crt",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=careerfit test CA",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ],
            ]
            .concat(),
        );
        openssl(
            &[
                &["req"][..],
                &ec,
                &[
                    "-keyout",
                    "server.key",
                    "-out",
                    "server.csr",
                    "-subj",
                    "/CN=localhost",
                ],
            ]
            .concat(),
        );
        std::fs::write(
            d.join("server.ext"),
            "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n\
             keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
        )
        .expect("ext file");
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "server.ext",
        ]);
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.join("server.key"), std::fs::Permissions::from_mode(0o600))
            .expect("key mode");
    }

    /// A CA certificate of its own in `dir` (one that signed nothing here).
    pub fn other_ca(dir: &Path) -> PathBuf {
        let out = Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
            ])
            .args([
                "-nodes",
                "-keyout",
                "other.key",
                "-out",
                "other.crt",
                "-days",
                "2",
            ])
            .args([
                "-subj",
                "/CN=another CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
            ])
            .current_dir(dir)
            .output()
            .expect("openssl runs");
        assert!(out.status.success(), "openssl: {}", text(&out));
        dir.join("other.crt")
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn pwfile(&self) -> PathBuf {
        self.dir.path().join("pwfile")
    }

    /// The folder of the server's unix socket.
    pub fn socket_dir(&self) -> PathBuf {
        self.dir.path().join("sock")
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// As root, the folder and what is in it belong to `postgres`.
    fn give_to_postgres(&self) {
        if !self.as_postgres {
            return;
        }
        let out = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(self.dir.path())
            .output()
            .expect("chown runs");
        assert!(out.status.success(), "chown failed: {}", text(&out));
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        let exe = self.bin.join(program);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("PGDATA")
            .output()
            .unwrap_or_else(|e| panic!("{program} runs: {e}"))
    }

    /// Starts the server (again), on the same port after the first time:
    /// callers hold URLs with that port, so a restart that cannot have it
    /// fails here rather than as a timeout somewhere else.
    pub fn start_again(&mut self) {
        let restart = self.port != 0;
        for attempt in 0.. {
            if !restart && (self.port == 0 || attempt > 0) {
                // The first start: another process may have taken the port.
                self.port = free_port();
            } else if attempt > 0 {
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
            // fsync off is safe here: only the server process is ever
            // stopped, never the machine, and the kernel keeps what it was
            // given. synchronous_commit stays on, so a commit is in the WAL
            // before the client hears of it and survives `stop`.
            let opts = format!(
                "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off \
                 -c full_page_writes=off -c max_connections=200{}",
                self.port,
                self.socket_dir().display(),
                self.extra
            );
            let out = self.run(
                "pg_ctl",
                &[
                    "-D",
                    &self.data().to_string_lossy(),
                    "-l",
                    &self.log().to_string_lossy(),
                    "-o",
                    &opts,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ],
            );
            if out.status.success() {
                self.running = true;
                return;
            }
            assert!(
                attempt < 3,
                "pg_ctl start failed (port {}): {}\n{}",
                self.port,
                text(&out),
                std::fs::read_to_string(self.log()).unwrap_or_default()
            );
        }
    }

    /// Stops the server at once (as a crash would; nothing is lost, since
    /// committed data is in the WAL).
    pub fn stop(&mut self) {
        if !self.running {
            return;
        }
        let out = self.stop_now();
        assert!(out.status.success(), "pg_ctl stop failed: {}", text(&out));
        self.running = false;
    }

    /// `pg_ctl stop -m immediate`, as a crash would stop the server.
    fn stop_now(&self) -> Output {
        let data = self.data();
        let data = data.to_string_lossy();
        self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"])
    }

    /// The URL of database `db` with the password in it.
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgres://{USER}:{PASSWORD}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    /// The URL of database `db` without a password (for PGPASSWORD,
    /// ~/.pgpass and refusal tests).
    pub fn url_without_password(&self, db: &str) -> String {
        format!(
            "postgres://{USER}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    /// Runs SQL through `psql`; returns its output (unaligned, tuples
    /// only), or `None` if it failed.
    pub fn try_psql(&self, db: &str, sql: &str) -> Option<String> {
        let out = self.psql_output(db, sql);
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).expect("UTF-8"))
    }

    /// [`Pg::psql`] in the `postgres` database, trimmed: what most checks
    /// compare (`"3|1"`).
    pub fn sql(&self, sql: &str) -> String {
        self.psql("postgres", sql).trim().to_string()
    }

    /// Runs SQL through `psql`; returns its output (unaligned, tuples only).
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let out = self.psql_output(db, sql);
        assert!(out.status.success(), "psql failed: {}", text(&out));
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    fn psql_output(&self, db: &str, sql: &str) -> Output {
        Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                USER,
                "-d",
                db,
            ])
            .args(["-c", sql])
            .env("PGPASSWORD", PASSWORD)
            .env("PGSSLMODE", "disable")
            .output()
            .expect("psql runs")
    }

    /// Waits until `f` holds, for at most `secs` seconds.
    pub fn wait_until(secs: u64, mut f: impl FnMut() -> bool) -> bool {
        let end = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < end {
            if f() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        f()
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        if self.running {
            let _ = self.stop_now();
        }
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
