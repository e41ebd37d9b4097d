//! Helpers for the `careerfit serve` tests: start the real binary on a free
//! loopback port, and a scripted participant built on the russh client
//! whose output goes through a virtual terminal (vt100), so tests read the
//! screen a person would see, and OSC 52 copies land in its clipboard.
#![allow(dead_code)]

use russh::client::{self, Handle, KeyboardInteractiveAuthResponse as Kbd};
use russh::keys::PublicKeyOrCertificate;
use russh::{Channel, ChannelMsg};
use std::io::{BufRead, BufReader};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A running `careerfit serve` with its own results folder and host key.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub banner: String,
    pub results: tempfile::TempDir,
    /// The results folder it writes to: `results`, or a shared one.
    pub results_dir: PathBuf,
    pub home: tempfile::TempDir,
    stdout: BufReader<ChildStdout>,
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_careerfit"))
}

impl Server {
    /// Starts the server (`--no-shuffle`, port chosen by the OS) and waits
    /// for its banner.
    pub fn start(extra: &[&str]) -> Server {
        Self::start_sharing(None, None, extra)
    }

    /// [`Server::start`] with a given results folder and host key file
    /// (several servers for one event share both), else its own.
    pub fn start_sharing(
        results_dir: Option<&std::path::Path>,
        host_key: Option<&std::path::Path>,
        extra: &[&str],
    ) -> Server {
        let home = tempfile::tempdir().expect("tempdir");
        let results = tempfile::tempdir().expect("tempdir");
        let results_dir = results_dir.unwrap_or(results.path()).to_path_buf();
        let host_key = host_key.map_or_else(|| home.path().join("host_key"), PathBuf::from);
        let log = std::fs::File::create(home.path().join("stderr.log")).expect("log");
        let mut child = Command::new(bin())
            .args(["serve", "--listen", "127.0.0.1:0", "--no-shuffle"])
            .arg("--results")
            .arg(&results_dir)
            .arg("--host-key")
            .arg(&host_key)
            .args(extra)
            .env("CAREERFIT_DATA_DIR", home.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("careerfit serve starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut banner = String::new();
        loop {
            let mut line = String::new();
            let n = stdout.read_line(&mut line).expect("read banner");
            assert!(n > 0, "server exited before its banner:\n{banner}");
            banner.push_str(&line);
            if line.starts_with("Up to ") {
                break;
            }
        }
        let port = banner
            .lines()
            .find_map(|l| l.strip_prefix("careerfit serve: listening on 127.0.0.1:"))
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("no port in banner:\n{banner}"));
        Server {
            child,
            port,
            banner,
            results,
            results_dir,
            home,
            stdout,
        }
    }

    /// The join code from the banner.
    pub fn code(&self) -> String {
        self.banner
            .lines()
            .find_map(|l| l.strip_prefix("Join code: "))
            .expect("join code")
            .trim()
            .to_string()
    }

    /// What the server logged on stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.home.path().join("stderr.log")).unwrap_or_default()
    }

    /// Result files in the results folder.
    pub fn results(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&self.results_dir)
            .expect("results dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        v.sort();
        v
    }

    /// Waits until there are `n` result files (panics after `secs`).
    pub fn wait_results(&self, n: usize, secs: u64) -> Vec<PathBuf> {
        let start = Instant::now();
        loop {
            let r = self.results();
            if r.len() >= n {
                return r;
            }
            assert!(
                start.elapsed() < Duration::from_secs(secs),
                "{} of {n} results after {secs}s; log:\n{}",
                r.len(),
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends SIGINT, as the facilitator's Ctrl-C does.
    pub fn signal_interrupt(&self) {
        self.signal("-INT");
    }

    /// Sends a signal (`-HUP`, `-TERM`…) to the server.
    pub fn signal(&self, which: &str) {
        let st = Command::new("kill")
            .args([which, &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(st.success());
    }

    /// Waits for the exit; returns the status and the rest of stdout.
    pub fn finish(&mut self, secs: u64) -> (ExitStatus, String) {
        let status = self.wait_exit(secs).expect("server exits");
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut self.stdout, &mut rest);
        (status, rest)
    }

    /// Ctrl-C with nobody connected: the server stops at once.
    pub fn interrupt(&mut self) -> (ExitStatus, String) {
        self.signal_interrupt();
        self.finish(15)
    }

    pub fn wait_exit(&mut self, secs: u64) -> Option<ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if let Ok(Some(s)) = self.child.try_wait() {
                return Some(s);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// Resident memory of the server process in KiB (Linux).
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// `ssh` to this server with no user config, host keys not remembered.
    pub fn ssh(&self) -> Command {
        let mut c = Command::new("ssh");
        c.args(["-F", "/dev/null", "-p", &self.port.to_string()])
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "PubkeyAuthentication=no",
                "-o",
                "ConnectTimeout=10",
            ]);
        c
    }

    /// `ssh` that answers the join-code prompt with `answer` through
    /// SSH_ASKPASS, so no terminal is needed.
    pub fn ssh_answering(&self, answer: &str) -> Command {
        let script = self.home.path().join(format!("askpass-{}", answer.len()));
        std::fs::write(&script, format!("#!/bin/sh\necho '{answer}'\n")).expect("askpass");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let mut c = self.ssh();
        c.env("SSH_ASKPASS", &script)
            .env("SSH_ASKPASS_REQUIRE", "force")
            .env("DISPLAY", ":0")
            .stdin(Stdio::null());
        c
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Accepts whatever host key the test server has.
pub struct Trust;

impl client::Handler for Trust {
    type Error = russh::Error;
    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// Collects OSC 52 clipboard writes.
#[derive(Default)]
pub struct Clipboard(pub Vec<Vec<u8>>);

impl vt100::Callbacks for Clipboard {
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.0.push(data.to_vec());
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("non-zero")
}

/// One scripted participant.
pub struct Participant {
    pub handle: Handle<Trust>,
    channel: Channel<client::Msg>,
    pub term: vt100::Parser<Clipboard>,
    pub exit: Option<u32>,
    pub closed: bool,
}

/// Logs in with keyboard-interactive, answering every prompt with `code`.
pub async fn login(port: u16, user: &str, code: &str) -> Result<Handle<Trust>, String> {
    login_from(None, port, user, code).await
}

/// [`login`] from a chosen loopback source address (127.0.0.N), so a long
/// run is not throttled by the per-address connection limit.
pub async fn login_from(
    source: Option<std::net::Ipv4Addr>,
    port: u16,
    user: &str,
    code: &str,
) -> Result<Handle<Trust>, String> {
    let stream = connect_from(source, port).await?;
    login_on(stream, user, code).await
}

/// A TCP connection to the server on loopback, from `source` if given.
pub async fn connect_from(
    source: Option<std::net::Ipv4Addr>,
    port: u16,
) -> Result<tokio::net::TcpStream, String> {
    let connect = |e: std::io::Error| format!("connect: {e}");
    let socket = tokio::net::TcpSocket::new_v4().map_err(connect)?;
    if let Some(ip) = source {
        socket.bind((ip, 0).into()).map_err(connect)?;
    }
    let stream = socket
        .connect((std::net::Ipv4Addr::LOCALHOST, port).into())
        .await
        .map_err(connect)?;
    stream.set_nodelay(true).map_err(connect)?;
    Ok(stream)
}

/// [`login`] on a connection already made (e.g. one that has sent a
/// PROXY protocol header, as a load balancer does).
pub async fn login_on(
    stream: tokio::net::TcpStream,
    user: &str,
    code: &str,
) -> Result<Handle<Trust>, String> {
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(Duration::from_secs(120)),
        nodelay: true,
        ..Default::default()
    });
    let mut h = client::connect_stream(config, stream, Trust)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let e = |e: russh::Error| format!("auth: {e}");
    let mut r = h
        .authenticate_keyboard_interactive_start(user, None)
        .await
        .map_err(e)?;
    loop {
        r = match r {
            Kbd::Success => return Ok(h),
            Kbd::Failure { .. } => return Err("join code refused".into()),
            Kbd::InfoRequest { prompts, .. } => {
                let answers = prompts.iter().map(|_| code.to_string()).collect();
                h.authenticate_keyboard_interactive_respond(answers)
                    .await
                    .map_err(e)?
            }
        }
    }
}

impl Participant {
    /// Logs in, asks for a `cols`×`rows` pty and a shell.
    pub async fn start(
        port: u16,
        user: &str,
        code: &str,
        cols: u16,
        rows: u16,
    ) -> Result<Self, String> {
        Self::start_from(None, port, user, code, (cols, rows)).await
    }

    /// [`Participant::start`] from a chosen loopback source address.
    pub async fn start_from(
        source: Option<std::net::Ipv4Addr>,
        port: u16,
        user: &str,
        code: &str,
        size: (u16, u16),
    ) -> Result<Self, String> {
        let handle = login_from(source, port, user, code).await?;
        Self::open(handle, size).await
    }

    /// [`Participant::start`] as if through a load balancer: `header` (a
    /// PROXY protocol header) goes first on the connection.
    pub async fn start_proxied(
        port: u16,
        header: &[u8],
        user: &str,
        code: &str,
        size: (u16, u16),
    ) -> Result<Self, String> {
        use tokio::io::AsyncWriteExt;
        let mut stream = connect_from(None, port).await?;
        stream
            .write_all(header)
            .await
            .map_err(|e| format!("header: {e}"))?;
        let handle = login_on(stream, user, code).await?;
        Self::open(handle, size).await
    }

    /// Asks for a `cols`×`rows` pty and a shell on a logged-in connection.
    async fn open(handle: Handle<Trust>, (cols, rows): (u16, u16)) -> Result<Self, String> {
        let channel = handle
            .channel_open_session()
            .await
            .map_err(|e| format!("channel: {e}"))?;
        let e = |e: russh::Error| format!("request: {e}");
        channel
            .request_pty(false, "xterm-256color", cols.into(), rows.into(), 0, 0, &[])
            .await
            .map_err(e)?;
        channel.request_shell(false).await.map_err(e)?;
        Ok(Participant {
            handle,
            channel,
            term: vt100::Parser::new_with_callbacks(nz(rows), nz(cols), 0, Clipboard::default()),
            exit: None,
            closed: false,
        })
    }

    /// The session channel, for requests a real client might send.
    pub fn channel(&self) -> &Channel<client::Msg> {
        &self.channel
    }

    pub async fn send(&self, bytes: &[u8]) -> Result<(), String> {
        self.channel
            .data(bytes)
            .await
            .map_err(|e| format!("send: {e}"))
    }

    pub fn screen(&self) -> String {
        self.term.screen().contents()
    }

    fn absorb(&mut self, msg: ChannelMsg) {
        match msg {
            ChannelMsg::Data { data } => self.term.process(&data),
            ChannelMsg::ExitStatus { exit_status } => self.exit = Some(exit_status),
            ChannelMsg::Eof | ChannelMsg::Close => self.closed = true,
            _ => {}
        }
    }

    /// Reads output until the screen contains `needle`.
    pub async fn wait_for(&mut self, needle: &str, timeout: Duration) -> Result<String, String> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return Ok(s);
            }
            if self.closed {
                return Err(format!("closed while waiting for {needle:?}; screen:\n{s}"));
            }
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Err(_) => return Err(format!("timed out waiting for {needle:?}; screen:\n{s}")),
                Ok(None) => self.closed = true,
                Ok(Some(msg)) => self.absorb(msg),
            }
        }
    }

    /// Reads until the server closes the channel; returns the exit status.
    pub async fn wait_closed(&mut self, timeout: Duration) -> Result<Option<u32>, String> {
        let deadline = tokio::time::Instant::now() + timeout;
        while !self.closed {
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Err(_) => return Err(format!("still open; screen:\n{}", self.screen())),
                Ok(None) => self.closed = true,
                Ok(Some(msg)) => self.absorb(msg),
            }
        }
        Ok(self.exit)
    }

    /// Changes the window size, as a terminal does when resized.
    pub async fn resize(&mut self, cols: u16, rows: u16) -> Result<(), String> {
        self.term.screen_mut().set_size(nz(rows), nz(cols));
        self.channel
            .window_change(cols.into(), rows.into(), 0, 0)
            .await
            .map_err(|e| format!("resize: {e}"))
    }
}
