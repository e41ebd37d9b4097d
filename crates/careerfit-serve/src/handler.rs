//! The SSH side of one connection: who may log in (the join code) and what
//! they may ask for. Only one thing is allowed: a session channel with a
//! pty and a shell, where the quiz runs. Commands, subsystems, every kind of
//! forwarding and agent or X11 requests are refused.

use super::auth::{code_matches, nickname};
use super::session::{self, Who};
use super::state::Shared;
use careerfit_core::sanitize::clean_line;
use careerfit_core::text::truncate;
use russh::server::{Auth, Handler, Msg, PublicKeyOffer, Response, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure};
use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// One connection's handler.
pub struct Conn {
    shared: Arc<Shared>,
    id: u64,
    ip: std::net::IpAddr,
    peer: String,
    /// Set when authentication succeeded (checked by the login grace timer).
    pub authed: Arc<AtomicBool>,
    nickname: Option<String>,
    /// Only one session channel per connection.
    has_channel: bool,
    /// Refusals logged so far; past [`MAX_REFUSAL_LINES`] they are counted
    /// but not logged, so one client cannot flood the facilitator's console.
    refusals: u32,
    /// Wrong join codes in the current keyboard-interactive round.
    wrong_in_round: u32,
}

/// Refused requests logged per connection at most.
const MAX_REFUSAL_LINES: u32 = 20;
/// Join codes one keyboard-interactive round may try: after a wrong one the
/// prompt comes back saying so, after this many the round is refused (and
/// OpenSSH may start another, up to the server's auth attempt limit).
const TRIES_PER_ROUND: u32 = 3;
/// The prompt after a wrong join code: the message must be in the prompt
/// itself, since OpenSSH hides keyboard-interactive instructions at
/// `LogLevel=ERROR` and below, but always shows the prompt.
/// The prompt while this address is locked out ([`crate::failures`]).
fn locked_prompt(left: std::time::Duration) -> String {
    let minutes = left.as_secs().div_ceil(60).max(1);
    format!(
        "Too many wrong join codes from your network; joining is paused for about {minutes} min.\nJoin code: "
    )
}

const WRONG_CODE_PROMPT: &str = "That join code is not right; check it and try again.\nJoin code: ";

impl Conn {
    pub fn new(shared: Arc<Shared>, id: u64, ip: std::net::IpAddr) -> Self {
        Conn {
            shared,
            id,
            ip,
            peer: ip.to_string(),
            authed: Arc::new(AtomicBool::new(false)),
            nickname: None,
            has_channel: false,
            refusals: 0,
            wrong_in_round: 0,
        }
    }

    /// The server's wrong-code record (a poisoned lock is still usable:
    /// the record is plain counters).
    fn failures(&self) -> std::sync::MutexGuard<'_, super::failures::Failures> {
        self.shared
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn accept(&mut self, user: &str) -> Auth {
        self.nickname = nickname(user);
        Auth::Accept
    }

    /// Refuses a channel the quiz has no use for (X11, forwarding…), logged.
    async fn refuse_channel(
        &mut self,
        what: &str,
        reply: russh::server::ChannelOpenHandle,
    ) -> Result<(), russh::Error> {
        self.refused(what);
        reply
            .reject(ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    fn log(&self, what: &str) {
        self.shared
            .log(&format!("#{} {} {what}", self.id, self.peer));
    }

    /// Logs a refused request, as docs/security.md promises, up to
    /// [`MAX_REFUSAL_LINES`] per connection.
    fn refused(&mut self, what: &str) {
        self.refusals += 1;
        if self.refusals < MAX_REFUSAL_LINES {
            self.log(what);
        } else if self.refusals == MAX_REFUSAL_LINES {
            self.log(&format!(
                "{what}; further refusals on this connection are not logged"
            ));
        }
    }

    /// Refuses a request that would do more than run the quiz: a line on
    /// the client's stderr, a failure reply, exit status 1, channel closed.
    fn refuse(
        &mut self,
        channel: ChannelId,
        what: &str,
        session: &mut Session,
    ) -> Result<(), russh::Error> {
        self.refused(&format!("refused {what}"));
        let msg = format!(
            "careerfit: {what} is not available here. Connect with: {}\r\n",
            self.shared.hint
        );
        session.extended_data(channel, 1, msg.into_bytes())?;
        session.channel_failure(channel)?;
        session.exit_status_request(channel, 1)?;
        session.close(channel)
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        Ok(match self.shared.join_code {
            None => self.accept(user),
            Some(_) => Auth::reject(),
        })
    }

    async fn auth_password(&mut self, _: &str, _: &str) -> Result<Auth, Self::Error> {
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        _: &str,
        _: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(Auth::reject())
    }

    async fn auth_publickey(
        &mut self,
        _: &str,
        _: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(Auth::reject())
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let Some(code) = self.shared.join_code.clone() else {
            return Ok(self.accept(user));
        };
        let locked = self.failures().locked(self.ip, std::time::Instant::now());
        let Some(mut response) = response else {
            self.wrong_in_round = 0;
            let prompt = match locked {
                Some(left) => Cow::Owned(locked_prompt(left)),
                None => Cow::Borrowed("Join code: "),
            };
            return Ok(Auth::Partial {
                name: Cow::Borrowed("careerfit"),
                instructions: Cow::Borrowed("Type the join code the facilitator shows."),
                prompts: Cow::Owned(vec![(prompt, true)]),
            });
        };
        if locked.is_some() {
            // Not even compared: a locked-out address learns nothing.
            self.log("join code not checked: address locked out");
            return Ok(Auth::reject());
        }
        let answer = response.next().unwrap_or_default();
        if code_matches(&code, &answer) {
            self.failures().succeeded(self.ip);
            return Ok(self.accept(user));
        }
        self.log("wrong join code");
        let verdict = self.failures().failed(self.ip, std::time::Instant::now());
        if verdict.warn {
            self.shared.log(&format!(
                "more than {} wrong join codes in {} min: someone may be guessing; \
                 every wrong code now waits {} s longer (restart with a new code to be sure)",
                super::failures::CODE_STRIKES,
                super::failures::WINDOW.as_secs() / 60,
                super::failures::CODE_BACKOFF.as_secs()
            ));
        }
        if let Some(d) = verdict.locked_for {
            self.log(&format!(
                "{} wrong join codes: address locked out for {} min",
                super::failures::ADDR_STRIKES,
                d.as_secs() / 60
            ));
            return Ok(Auth::reject());
        }
        tokio::time::sleep(verdict.extra_delay).await;
        self.wrong_in_round += 1;
        if self.wrong_in_round >= TRIES_PER_ROUND {
            // russh holds the rejection for Config::auth_rejection_time inside
            // this connection's task, so other sessions are not slowed down.
            return Ok(Auth::reject());
        }
        // As slow as a rejection, so a re-prompt is no faster way to guess.
        tokio::time::sleep(super::REJECT_DELAY).await;
        Ok(Auth::Partial {
            name: Cow::Borrowed("careerfit"),
            instructions: Cow::Borrowed("Type the join code the facilitator shows."),
            prompts: Cow::Owned(vec![(Cow::Borrowed(WRONG_CODE_PROMPT), true)]),
        })
    }

    async fn auth_succeeded(&mut self, _: &mut Session) -> Result<(), Self::Error> {
        self.authed.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.has_channel {
            self.refused("refused a second session channel");
            reply
                .reject(ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.has_channel = true;
        reply.accept().await;
        let who = Who {
            id: self.id,
            peer: self.peer.clone(),
            nickname: self.nickname.clone(),
        };
        let (shared, handle) = (Arc::clone(&self.shared), session.handle());
        tokio::spawn(async move {
            session::run(channel, shared, who).await;
            // One quiz per connection: once it is over, a client that keeps
            // the connection open is let go (OpenSSH leaves by itself).
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            let _ = handle
                .disconnect(
                    russh::Disconnect::ByApplication,
                    "bye".into(),
                    String::new(),
                )
                .await;
        });
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _: Channel<Msg>,
        _: &str,
        _: u32,
        reply: russh::server::ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel("refused an X11 channel", reply).await
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _: Channel<Msg>,
        _: &str,
        _: u32,
        _: &str,
        _: u32,
        reply: russh::server::ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel("refused port forwarding (direct-tcpip)", reply)
            .await
    }

    async fn channel_open_forwarded_tcpip(
        &mut self,
        _: Channel<Msg>,
        _: &str,
        _: u32,
        _: &str,
        _: u32,
        reply: russh::server::ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel("refused a forwarded-tcpip channel", reply)
            .await
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _: Channel<Msg>,
        _: &str,
        reply: russh::server::ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel("refused socket forwarding (streamlocal)", reply)
            .await
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _: &str,
        _: u32,
        _: u32,
        _: u32,
        _: u32,
        _: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The size reaches the quiz through the channel's own messages.
        session.channel_success(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _: bool,
        _: &str,
        _: &str,
        _: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refused("refused X11 forwarding (x11-req)");
        session.channel_failure(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        _: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Only NO_COLOR means something here; nothing else is ever set.
        if name == "NO_COLOR" {
            session.channel_success(channel)
        } else {
            let name = truncate(&clean_line(name), 32);
            self.refused(&format!("refused setting the environment variable {name}"));
            session.channel_failure(channel)
        }
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(channel, "running a command", session)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let what = format!("the {} subsystem", truncate(&clean_line(name), 20));
        self.refuse(channel, &what, session)
    }

    async fn agent_request(&mut self, _: ChannelId, _: &mut Session) -> Result<bool, Self::Error> {
        self.refused("refused agent forwarding (auth-agent-req)");
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _: &str,
        _: &mut u32,
        _: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refused("refused remote port forwarding (tcpip-forward)");
        Ok(false)
    }

    async fn streamlocal_forward(&mut self, _: &str, _: &mut Session) -> Result<bool, Self::Error> {
        self.refused("refused remote socket forwarding (streamlocal-forward)");
        Ok(false)
    }
}
