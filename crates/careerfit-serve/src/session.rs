//! One participant's quiz over one SSH channel: the same model, update,
//! keymap and view as the local quiz, driven by the bytes and window-change
//! requests the client sends instead of a local terminal.

use super::input::{ESC_WAIT, Parser};
use super::output::{Output, Screen, clamp_size, say_and_close};
use super::state::{Shared, Slot};
use careerfit::effects::{self, Settings, SubmitTo};
use careerfit_tui::keys::message_for;
use careerfit_tui::model::Model;
use careerfit_tui::msg::{Effect, Message};
use careerfit_tui::theme::Theme;
use careerfit_tui::update::update;
use ratatui::crossterm::event::KeyEvent;
use russh::server::Msg;
use russh::{Channel, ChannelMsg, ChannelReadHalf};
use std::sync::Arc;
use tokio::time::{Instant, sleep_until};

/// Times one session may write its result. A session has one result slot
/// (one id): finishing again replaces the file, and this caps how often.
const MAX_SUBMITS: usize = 10;

/// Who is on the other end, for the model and the log.
pub struct Who {
    pub id: u64,
    /// The participant's address (behind a balancer, from its PROXY header).
    pub peer: String,
    /// The SSH user name, cleaned: it becomes the result's nickname.
    pub nickname: Option<String>,
}

/// How the quiz loop ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    Quit,
    Idle,
    TooLong,
    /// The client closed the channel or the connection dropped.
    Gone,
}

/// What the client asked for before the quiz can start.
struct Setup {
    pty: Option<(u16, u16)>,
    no_color: bool,
}

/// Serves one session channel from open to close.
pub async fn run(channel: Channel<Msg>, shared: Arc<Shared>, who: Who) {
    let (mut rx, w) = channel.split();
    let Some(setup) = wait_for_shell(&mut rx, &shared).await else {
        return;
    };
    let Some((cols, rows)) = setup.pty else {
        shared.log(&format!("#{} refused: no terminal (pty) requested", who.id));
        let msg = format!(
            "careerfit needs a terminal. Connect with: {}\n",
            shared.hint.replacen("ssh ", "ssh -t ", 1)
        );
        say_and_close(&w, &msg, 1).await;
        return;
    };
    let Some(slot) = shared.try_session() else {
        shared.log(&format!("#{} refused: session full", who.id));
        let msg = "Sorry, the session is full right now. Please try again in a minute.\n";
        say_and_close(&w, msg, 1).await;
        return;
    };
    shared.log(&format!(
        "#{} {} started ({} of {}){}",
        who.id,
        who.peer,
        shared.sessions(),
        shared.max_sessions,
        who.nickname
            .as_deref()
            .map_or(String::new(), |n| format!(", nickname {n}"))
    ));
    let (out, writer) = Output::start(w);
    let end = quiz(&mut rx, out, &shared, &who, setup, (cols, rows), slot).await;
    shared.log(&format!("#{} ended: {end:?}", who.id));
    // The writer finishes sending what is queued, then closes the channel.
    let _ = writer.await;
}

/// Reads requests until the client asks for a shell; `None` if it never does
/// in time (exec and subsystem requests were refused by the handler).
async fn wait_for_shell(rx: &mut ChannelReadHalf, shared: &Shared) -> Option<Setup> {
    let deadline = Instant::now() + shared.grace;
    let mut setup = Setup {
        pty: None,
        no_color: false,
    };
    loop {
        tokio::select! {
            msg = rx.wait() => match msg? {
                ChannelMsg::RequestPty { col_width, row_height, .. } => {
                    setup.pty = Some(clamp_size(col_width, row_height));
                }
                ChannelMsg::WindowChange { col_width, row_height, .. } if setup.pty.is_some() => {
                    setup.pty = Some(clamp_size(col_width, row_height));
                }
                ChannelMsg::SetEnv { variable_name, variable_value, .. }
                    if variable_name == "NO_COLOR" =>
                {
                    setup.no_color = !variable_value.is_empty();
                }
                ChannelMsg::RequestShell { .. } => return Some(setup),
                ChannelMsg::Exec { .. }
                | ChannelMsg::RequestSubsystem { .. }
                | ChannelMsg::Eof
                | ChannelMsg::Close => return None,
                _ => {}
            },
            () = sleep_until(deadline) => return None,
        }
    }
}

/// The quiz loop: keys in, frames out, until quit, timeout or disconnect.
async fn quiz(
    rx: &mut ChannelReadHalf,
    mut out: Output,
    shared: &Shared,
    who: &Who,
    setup: Setup,
    (cols, rows): (u16, u16),
    _slot: Slot,
) -> End {
    let theme = if setup.no_color {
        Theme::mono()
    } else {
        Theme::color()
    };
    let seed = shared.seed();
    let mut model = Model::new(Arc::clone(&shared.quiz), seed, theme)
        .with_name(who.nickname.clone())
        .remote();
    update(&mut model, Message::Resize(cols, rows));
    let settings = Settings {
        data_dir: None,
        save_dir: shared.results.clone(),
        submit: Some(SubmitTo {
            dir: shared.results.clone(),
            database: shared.database.clone(),
            // The result is in the spool: its sender sends it now.
            saved: shared
                .on_saved
                .clone()
                .map(|n| Arc::new(move || n.notify_one()) as Arc<dyn Fn() + Send + Sync>),
        }),
        seed,
        progress: false,
        // One result slot per session: finishing again replaces it.
        result_id: careerfit::store::new_result_id(),
        finished_at: Default::default(),
    };
    let Ok(mut screen) = Screen::new(cols, rows) else {
        return End::Gone;
    };
    let mut state = Run {
        id: who.id,
        model,
        settings,
        submits: 0,
        saved_once: false,
        parser: Parser::new(),
    };
    out.control(super::terminal::ENTER);
    let mut closing = shared.closing.subscribe();
    let started = Instant::now();
    let mut idle_at = started + shared.idle;
    let mut esc_at = started;
    let end = loop {
        if send_frame(&mut out, &mut screen, &mut state.model).is_err() {
            break End::Gone;
        }
        tokio::select! {
            msg = rx.wait() => match msg {
                Some(ChannelMsg::Data { data }) => {
                    idle_at = Instant::now() + shared.idle;
                    let keys = state.parser.feed(&data);
                    esc_at = Instant::now() + ESC_WAIT;
                    let repaint = keys.iter().any(careerfit_tui::runtime::is_redraw_key);
                    if state.keys(keys, shared, &mut out) {
                        break End::Quit;
                    }
                    // Ctrl-L: clear the participant's screen and send every cell again.
                    let (c, r) = screen.size();
                    if repaint && screen.reset(c, r).is_err() {
                        break End::Gone;
                    }
                }
                Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                    let (c, r) = clamp_size(col_width, row_height);
                    if screen.reset(c, r).is_err() {
                        break End::Gone;
                    }
                    let (w, h) = screen.drawn();
                    update(&mut state.model, Message::Resize(w, h));
                }
                Some(ChannelMsg::Eof | ChannelMsg::Close) | None => break End::Gone,
                Some(_) => {}
            },
            () = sleep_until(esc_at), if state.parser.pending() => {
                let keys = state.parser.timeout();
                if state.keys(keys, shared, &mut out) {
                    break End::Quit;
                }
            }
            permit = out.reserve(), if out.stale => match permit {
                Ok(p) => {
                    let (c, r) = screen.size();
                    let frame = screen.reset(c, r).and_then(|()| screen.draw(&mut state.model));
                    match frame {
                        Ok(f) => out.repaint(p, f),
                        Err(_) => break End::Gone,
                    }
                }
                Err(_) => break End::Gone,
            },
            Ok(()) = closing.changed() => {
                let note = "The room is closing: finish your answers now; no one new can join.";
                update(&mut state.model, Message::Status(note.into()));
            }
            () = sleep_until(idle_at) => break End::Idle,
            () = sleep_until(started + shared.max_time) => break End::TooLong,
        }
    };
    if end != End::Gone {
        let last = super::terminal::goodbye(&state.model, &end_note(&end, shared));
        let status = if end == End::Quit { 0 } else { 1 };
        out.finish(&last, status).await;
    }
    end
}

fn end_note(end: &End, shared: &Shared) -> String {
    match end {
        End::Idle => format!(
            "Closed after {} without a key press. Connect again to start over.",
            super::terminal::human(shared.idle)
        ),
        End::TooLong => format!(
            "Closed: a session may last at most {}. Connect again to start over.",
            super::terminal::human(shared.max_time)
        ),
        _ => String::new(),
    }
}

/// Draws and queues a frame (dropped if the client is behind).
fn send_frame(out: &mut Output, screen: &mut Screen, m: &mut Model) -> Result<(), ()> {
    if out.stale {
        return Ok(());
    }
    let frame = screen.draw(m).map_err(|_| ())?;
    out.frame(frame).map_err(|_| ())
}

/// The session's model and what it needs to apply keys.
struct Run {
    id: u64,
    model: Model,
    settings: Settings,
    submits: usize,
    /// Whether this session's result slot has been written.
    saved_once: bool,
    parser: Parser,
}

impl Run {
    /// Applies keys in order; true when the quiz asked to quit.
    fn keys(&mut self, keys: Vec<KeyEvent>, shared: &Shared, out: &mut Output) -> bool {
        for k in keys {
            let Some(msg) = message_for(&self.model, k) else {
                continue;
            };
            let write = msg == Message::Write;
            let mut fx = if write {
                vec![]
            } else {
                update(&mut self.model, msg)
            };
            // Files written on the facilitator's machine help no one here,
            // and a participant must never choose where the server writes:
            // every way to `w`/`W` ends in this note instead.
            if write || fx.iter().any(|e| matches!(e, Effect::WriteResult { .. })) {
                fx.retain(|e| !matches!(e, Effect::WriteResult { .. }));
                let note = if shared.database.is_some() {
                    "Your result is already saved in the workshop database. Press c to copy the card."
                } else {
                    "Your result is already saved in the workshop folder. Press c to copy the card."
                };
                update(&mut self.model, Message::Status(note.into()));
            }
            if fx.contains(&Effect::Finished) {
                self.submits += 1;
                if self.submits > MAX_SUBMITS {
                    fx.retain(|e| *e != Effect::Finished);
                    let note = format!(
                        "Your result was already saved {MAX_SUBMITS} times; this change was not saved."
                    );
                    update(&mut self.model, Message::Status(note));
                }
            }
            if fx.is_empty() {
                continue;
            }
            let finished = fx.contains(&Effect::Finished);
            // Submitting writes and syncs a file: keep it off the async workers.
            let o = tokio::task::block_in_place(|| effects::apply(&self.model, fx, &self.settings));
            let mut status = o.status;
            if finished {
                // The facilitator gets the path; the participant does not
                // need to know the layout of the facilitator's disk.
                let saved = o.submitted == Some(true);
                shared.log(&format!("#{} {}", self.id, status.as_deref().unwrap_or("")));
                status = Some(if saved {
                    // One slot per session: only its first save is a new result.
                    if !self.saved_once {
                        self.saved_once = true;
                        shared
                            .saved
                            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    "Your result is saved for the workshop. Press c to copy the card.".into()
                } else {
                    "Sorry, your result could not be saved. Please tell the facilitator.".into()
                });
            }
            out.control(&o.terminal);
            if let Some(s) = status {
                update(&mut self.model, Message::Status(s));
            }
            if o.quit {
                return true;
            }
        }
        false
    }
}
