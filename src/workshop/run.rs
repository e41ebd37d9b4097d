//! The dashboard's runtime: the terminal, one channel, and effects.
//!
//! Three threads feed one channel (keys, signals, debounced folder
//! changes), so an idle dashboard blocks and uses no CPU. The terminal is
//! handled as in `tui::run`: raw mode and the alternate screen, restored
//! by a guard, by the panic hook and before a signal exit (128 + n).

use super::model::{Effect, Model, Msg};
use super::scan::Scanner;
use super::update::{message_for, update};
use super::view::view;
use crate::tui::run::{Ended, restore_terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::crossterm::{cursor, execute, terminal};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use std::io::Stdout;
use std::sync::mpsc;

enum Input {
    Term(Event),
    Signal(i32),
    Files,
    ReadError(String),
}

fn enter_terminal() -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide
    )
}

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

/// Runs the dashboard on this process's terminal until `q` or a signal.
pub fn run(mut model: Model, scanner: Scanner) -> std::io::Result<Ended> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel::<Input>();
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGCONT])?;
    let handle = signals.handle();
    let stx = tx.clone();
    std::thread::spawn(move || {
        for s in signals.forever() {
            if stx.send(Input::Signal(s)).is_err() {
                break;
            }
        }
    });
    let ftx = tx.clone();
    let watched = super::watch::start(&scanner.dir, move || ftx.send(Input::Files).is_ok());
    let _watcher = match watched {
        Ok((w, note)) => {
            if let Some(n) = note {
                update(&mut model, Msg::Status(n));
            }
            Some(w)
        }
        Err(e) => {
            update(
                &mut model,
                Msg::Status(format!("not watching the folder: {e}")),
            );
            None
        }
    };
    update(&mut model, Msg::Scanned(scanner.scan(None)));
    enter_terminal()?;
    let _guard = Guard;
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
    let mut term = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    let result = event_loop(&mut model, &scanner, &mut term, &rx);
    handle.close();
    result
}

fn event_loop(
    model: &mut Model,
    scanner: &Scanner,
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
                enter_terminal()?;
                full_redraw(term)?;
                None
            }
            Input::Signal(s) => return Ok(Ended::Signal(s)),
            Input::ReadError(e) => return Err(std::io::Error::other(e)),
            Input::Files => Some(Msg::FilesChanged),
            Input::Term(Event::Resize(..)) => {
                term.autoresize()?;
                None
            }
            Input::Term(Event::Key(k))
                if k.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(k.code, KeyCode::Char('z')) =>
            {
                suspend(term)?;
                None
            }
            Input::Term(Event::Key(k)) => message_for(k),
            Input::Term(_) => None,
        };
        if let Some(msg) = msg {
            for effect in update(model, msg) {
                match effect {
                    Effect::Quit => return Ok(Ended::Quit),
                    Effect::Rescan => {
                        update(model, Msg::Scanned(scanner.scan(None)));
                    }
                    Effect::Export => {
                        update(model, Msg::Status(scanner.export(model.min_group)));
                    }
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
    enter_terminal()?;
    full_redraw(term)
}

/// Forgets what was drawn so the next draw repaints every cell, without
/// the cursor-position query `Terminal::clear` would make.
fn full_redraw(term: &mut Terminal<CrosstermBackend<Stdout>>) -> std::io::Result<()> {
    let size = term.size()?;
    term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}
