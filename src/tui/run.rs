//! The local runtime: terminal set-up and restore, the event loop, signals
//! and suspend. Input arrives on one channel from two threads (keys and
//! signals), so an idle quiz blocks and uses no CPU.

use super::effects::{self, Settings};
use super::keys::message_for;
use super::model::Model;
use super::msg::Message;
use super::update::update;
use super::view::view;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::crossterm::{cursor, execute, terminal};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use std::io::{Stdout, Write};
use std::sync::mpsc;

/// How the loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    Quit,
    /// Killed by this signal; the exit status should be 128 + n.
    Signal(i32),
}

enum Input {
    Term(Event),
    Signal(i32),
    ReadError(String),
}

/// Leaves raw mode and the alternate screen and shows the cursor. Safe to
/// call more than once and from the panic hook.
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

fn enter_terminal() -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide
    )
}

/// Restores the terminal when dropped, on every way out of `run`.
struct Guard;
impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Runs the quiz on this process's terminal until it ends.
pub fn run(mut model: Model, settings: Settings) -> std::io::Result<Ended> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel::<Input>();
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGCONT])?;
    let handle = signals.handle();
    enter_terminal()?;
    let _guard = Guard;
    // The first frame goes out before the input and signal threads start:
    // starting them first delayed it by about 1 ms (scripts/bench-startup,
    // docs/performance.md). Nothing is lost meanwhile: the handlers above
    // are registered, so signals queue until their thread reads them, and
    // the tty holds keys typed until the input thread reads them.
    let mut term = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    let size = term.size()?;
    update(&mut model, Message::Resize(size.width, size.height));
    term.draw(|f| view(&model, f))?;
    let stx = tx.clone();
    std::thread::spawn(move || {
        for s in signals.forever() {
            if stx.send(Input::Signal(s)).is_err() {
                break;
            }
        }
    });
    std::thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(e) => Input::Term(e),
                Err(e) => Input::ReadError(e.to_string()),
            };
            let stop = matches!(input, Input::ReadError(_));
            if tx.send(input).is_err() || stop {
                break;
            }
        }
    });
    let result = event_loop(&mut model, &settings, &mut term, &rx);
    handle.close();
    result
}

fn event_loop(
    model: &mut Model,
    settings: &Settings,
    term: &mut Terminal<CrosstermBackend<Stdout>>,
    rx: &mpsc::Receiver<Input>,
) -> std::io::Result<Ended> {
    term.draw(|f| view(model, f))?;
    loop {
        let Ok(input) = rx.recv() else {
            return Ok(Ended::Quit);
        };
        let msg = match input {
            Input::Signal(SIGCONT) => {
                // Back from a suspend that someone else caused: redraw everything.
                enter_terminal()?;
                full_redraw(term)?;
                None
            }
            Input::Signal(s) => {
                // Save what we have; answers are never lost to a closed terminal.
                effects::apply(model, vec![super::msg::Effect::SaveProgress], settings);
                return Ok(Ended::Signal(s));
            }
            Input::ReadError(e) => return Err(std::io::Error::other(e)),
            Input::Term(Event::Resize(w, h)) => {
                term.autoresize()?;
                Some(Message::Resize(w, h))
            }
            Input::Term(Event::Key(k))
                if k.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(k.code, KeyCode::Char('z')) =>
            {
                suspend(term)?;
                None
            }
            Input::Term(Event::Key(k)) => message_for(model, k),
            Input::Term(_) => None,
        };
        if let Some(msg) = msg {
            let fx = update(model, msg);
            if !fx.is_empty() {
                let out = effects::apply(model, fx, settings);
                if !out.terminal.is_empty() {
                    let w = term.backend_mut();
                    w.write_all(&out.terminal)?;
                    w.flush()?;
                }
                if let Some(s) = out.status {
                    update(model, Message::Status(s));
                }
                if out.quit {
                    return Ok(Ended::Quit);
                }
            }
        }
        term.draw(|f| view(model, f))?;
    }
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
fn suspend(term: &mut Terminal<CrosstermBackend<Stdout>>) -> std::io::Result<()> {
    restore_terminal();
    signal_hook::low_level::raise(SIGTSTP)?;
    // Execution continues here after SIGCONT.
    enter_terminal()?;
    full_redraw(term)
}

/// Clears the screen and forgets what was drawn, so the next draw repaints
/// every cell. (`Terminal::clear` would query the cursor position, which
/// races with the input thread reading stdin.)
fn full_redraw<B: ratatui::backend::Backend>(term: &mut Terminal<B>) -> Result<(), B::Error> {
    let size = term.size()?;
    term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}
