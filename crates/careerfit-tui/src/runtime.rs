//! The one event loop of every full-screen program on this process's
//! terminal (the quiz and the workshop dashboard, each an [`App`]): raw
//! mode and the alternate screen, restored on every way out; input and
//! signals delivered on one channel so an idle app blocks instead of
//! polling; suspend on Ctrl-Z and a full redraw after.

use super::bounds;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{self, Event, KeyEvent};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::layout::Size;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use std::io::{BufWriter, Stdout, Write};
use std::sync::mpsc::{Receiver, Sender};

/// How a runtime ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    Quit,
    /// Killed by this signal; the exit status should be 128 + n.
    Signal(i32),
}

/// What arrives on a runtime's channel; `X` is the app's own kind of event
/// (folder changes for the dashboard).
#[derive(Debug)]
pub enum Input<X> {
    Term(Event),
    Signal(i32),
    ReadError(String),
    Other(X),
}

/// Leaves raw mode and the alternate screen and shows the cursor. Safe to
/// call more than once and from the panic hook.
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

/// Raw mode, alternate screen, hidden cursor, and a cleared screen: a
/// program killed with `kill -9` leaves its frame on the alternate screen
/// (nothing could restore it), and the first frame only writes the cells
/// it believes changed, so without the clear the old question showed
/// through the new welcome screen (issue 20).
pub fn enter_terminal() -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide,
        terminal::Clear(terminal::ClearType::All),
        cursor::MoveTo(0, 0)
    )
}

/// Restores the terminal when dropped, on every way out of a runtime.
pub struct Guard;
impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Restores the terminal before the default panic message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Registers SIGTERM, SIGHUP, SIGINT (from outside; Ctrl-C is a key in
/// raw mode), SIGCONT and SIGTSTP (`kill -TSTP` from outside: without a
/// handler it stopped the program with the alternate screen on and the
/// cursor hidden; the runtimes now [`suspend`] as for Ctrl-Z). Register
/// before entering the terminal, so a signal in the first milliseconds
/// still restores it; they queue until [`watch_signals`] starts reading them.
pub fn register_signals() -> std::io::Result<signal_hook::iterator::Signals> {
    signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGCONT, SIGTSTP])
}

/// Delivers registered signals on `tx`. Close the returned handle when done.
pub fn watch_signals<X: Send + 'static>(
    mut signals: signal_hook::iterator::Signals,
    tx: Sender<Input<X>>,
) -> signal_hook::iterator::Handle {
    let handle = signals.handle();
    std::thread::spawn(move || {
        for s in signals.forever() {
            if tx.send(Input::Signal(s)).is_err() {
                break;
            }
        }
    });
    handle
}

/// Reads terminal events on a thread of their own until the channel closes.
pub fn read_input<X: Send + 'static>(tx: Sender<Input<X>>) {
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
}

/// Whether a key is Ctrl-Z, which every full-screen runtime treats as suspend.
pub fn is_suspend_key(k: &ratatui::crossterm::event::KeyEvent) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    k.modifiers.contains(KeyModifiers::CONTROL) && matches!(k.code, KeyCode::Char('z'))
}

/// Whether a key is Ctrl-L, the usual "repaint the screen" key: every
/// full-screen runtime clears and redraws every cell, for a screen that
/// another program (a `write` message, a stray `echo`) scribbled over.
pub fn is_redraw_key(k: &ratatui::crossterm::event::KeyEvent) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    k.modifiers.contains(KeyModifiers::CONTROL) && matches!(k.code, KeyCode::Char('l' | 'L'))
}

/// The full-screen terminal both runtimes draw on, in the area
/// [`bounds::drawn_area`] gives for the window and the app's cap. Frames
/// are collected in one buffer and written with a single `write` when
/// ratatui flushes at the end of a draw: stdout alone flushes every 1 KiB,
/// so a frame went out in several pieces, each a system call and a chance
/// for the terminal to show half a frame.
pub struct Screen {
    term: Terminal<CrosstermBackend<BufWriter<Stdout>>>,
    /// The window the drawn area was fitted to.
    window: Size,
    max: Size,
}

impl Screen {
    /// Opens a screen on stdout for an app that draws in at most `max`.
    pub fn open(max: Size) -> std::io::Result<Screen> {
        let backend = CrosstermBackend::new(BufWriter::with_capacity(1 << 16, std::io::stdout()));
        let window = backend.size()?;
        let term = bounds::bounded(backend, window, max)?;
        Ok(Screen { term, window, max })
    }

    /// Draws a frame. A fixed viewport never asks the terminal its size,
    /// so this does, as ratatui's full-screen viewport does on every draw:
    /// a resize that came before the input thread started, or while
    /// suspended, is caught here and not only on the next resize event.
    pub fn draw(&mut self, f: impl FnOnce(&mut ratatui::Frame)) -> std::io::Result<()> {
        let window = self.term.size()?;
        if window != self.window {
            self.fit(window)?;
        }
        self.term.draw(f)?;
        Ok(())
    }

    /// The window is now `window`: clear it and move the drawn area.
    pub fn fit(&mut self, window: Size) -> std::io::Result<()> {
        bounds::refit(&mut self.term, window, self.max)?;
        self.window = window;
        Ok(())
    }

    /// The size the app draws in, for the model.
    pub fn drawn(&self) -> Size {
        bounds::drawn_area(self.window, self.max).as_size()
    }

    /// Where key handlers write bytes that must reach the terminal before
    /// the next frame.
    pub fn writer(&mut self) -> &mut CrosstermBackend<BufWriter<Stdout>> {
        self.term.backend_mut()
    }
}

/// Ctrl-Z or SIGTSTP: give the terminal back, stop, and take it again on
/// `fg`. SIGTSTP has a handler (so an outside one arrives here), so the
/// stop is its default action emulated: SIGSTOP, which cannot be caught.
pub fn suspend(screen: &mut Screen) -> std::io::Result<()> {
    restore_terminal();
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    // Execution continues here after SIGCONT.
    resume(screen)
}

/// After a stop (ours or someone else's SIGTSTP): take the terminal again
/// and repaint everything.
pub fn resume(screen: &mut Screen) -> std::io::Result<()> {
    enter_terminal()?;
    full_redraw(screen)
}

/// Clears the screen and forgets what was drawn, so the next draw repaints
/// every cell, fitted to the window's size now. (`Terminal::clear` would
/// query the cursor position, which races with the input thread reading
/// stdin.)
pub fn full_redraw(screen: &mut Screen) -> std::io::Result<()> {
    let window = screen.term.size()?;
    screen.fit(window)
}

/// What an input became, for the runtime.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    /// Draw the next frame and wait for more input.
    Continue,
    /// The app is done.
    Quit,
}

/// A full-screen program as the runtime drives it: the quiz and the
/// workshop dashboard each implement it over their Model/update/view, and
/// [`run`] is the one event loop both use.
pub trait App {
    /// The app's own kind of input besides keys and signals (folder
    /// changes for the dashboard), sent on the runtime's channel.
    type Event: Send + 'static;

    /// A key press. Bytes written to `out` go to the terminal before the
    /// next frame (the quiz's OSC 52 copy requests).
    fn key(&mut self, key: KeyEvent, out: &mut dyn Write) -> std::io::Result<Flow>;

    /// One of the app's own events.
    fn event(&mut self, _event: Self::Event) -> Flow {
        Flow::Continue
    }

    /// The largest area the app draws in; a bigger window shows it
    /// centred, the rest blank. Unbounded unless the app says otherwise.
    fn max_size(&self) -> Size {
        bounds::UNBOUNDED
    }

    /// The terminal was resized; `cols`×`rows` is the part the app now
    /// draws in (the frame is laid out afresh anyway).
    fn resized(&mut self, _cols: u16, _rows: u16) {}

    /// A signal is about to end the program: last chance to save.
    fn ending(&mut self, _signal: i32) {}

    /// Draws the app's current state.
    fn draw(&mut self, f: &mut ratatui::Frame);
}

/// A channel for [`run`]: made first so an app can hand the sender to its
/// own event sources (a folder watch) before the loop starts.
pub fn channel<X>() -> (Sender<Input<X>>, Receiver<Input<X>>) {
    std::sync::mpsc::channel()
}

/// Runs `app` on this process's terminal until it quits or a signal ends
/// it. The first frame goes out before the input and signal threads start:
/// starting them first delayed it by about 1 ms (docs/performance.md).
/// Nothing is lost meanwhile: the signal handlers are registered first, so
/// signals queue until their thread reads them, and the tty holds keys
/// typed until the input thread reads them.
pub fn run<A: App>(
    app: &mut A,
    tx: Sender<Input<A::Event>>,
    rx: &Receiver<Input<A::Event>>,
) -> Result<Ended, super::Error> {
    install_panic_hook();
    let signals = register_signals()?;
    enter_terminal()?;
    let _guard = Guard;
    let mut term = Screen::open(app.max_size())?;
    term.draw(|f| app.draw(f))?;
    let handle = watch_signals(signals, tx.clone());
    read_input(tx);
    let result = event_loop(app, &mut term, rx);
    handle.close();
    Ok(result?)
}

fn event_loop<A: App>(
    app: &mut A,
    term: &mut Screen,
    rx: &Receiver<Input<A::Event>>,
) -> std::io::Result<Ended> {
    loop {
        let Ok(input) = rx.recv() else {
            return Ok(Ended::Quit);
        };
        let flow = match input {
            Input::Signal(SIGTSTP) => {
                // `kill -TSTP` from outside: the same as Ctrl-Z.
                suspend(term)?;
                Flow::Continue
            }
            Input::Signal(SIGCONT) => {
                // Back from a suspend that someone else caused: redraw everything.
                resume(term)?;
                Flow::Continue
            }
            Input::Signal(s) => {
                app.ending(s);
                return Ok(Ended::Signal(s));
            }
            Input::ReadError(e) => return Err(std::io::Error::other(e)),
            Input::Term(Event::Resize(w, h)) => {
                term.fit(Size::new(w, h))?;
                let drawn = term.drawn();
                app.resized(drawn.width, drawn.height);
                Flow::Continue
            }
            Input::Term(Event::Key(k)) if is_suspend_key(&k) => {
                suspend(term)?;
                Flow::Continue
            }
            Input::Term(Event::Key(k)) if is_redraw_key(&k) => {
                full_redraw(term)?;
                Flow::Continue
            }
            Input::Term(Event::Key(k)) => {
                let w = term.writer();
                let flow = app.key(k, w)?;
                Write::flush(w)?;
                flow
            }
            Input::Term(_) => Flow::Continue,
            Input::Other(e) => app.event(e),
        };
        if flow == Flow::Quit {
            return Ok(Ended::Quit);
        }
        term.draw(|f| app.draw(f))?;
    }
}
