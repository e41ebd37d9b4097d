//! Drawing for a remote terminal and a bounded way to send it.
//!
//! [`Screen`] runs the same `view` as the local quiz into a ratatui
//! `Terminal` whose backend writes into memory; its viewport is fixed to the
//! part of the client's window the quiz draws in (at most 160×50, centred:
//! [`careerfit_tui::bounds`]), so nothing ever asks this process's own tty
//! and a session costs the same whatever the size of the window.
//! [`Output`] queues at most [`QUEUE`] frames for the writer task. When the
//! client falls behind, new frames are dropped instead of piling up, and once
//! there is room again the whole screen is repainted, so a slow client costs
//! a fixed amount of memory and still ends up showing the latest state.

use careerfit_tui::bounds::{bounded, drawn_area};
use careerfit_tui::model::Model;
use careerfit_tui::view::view;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Size;
use russh::ChannelWriteHalf;
use russh::server::Msg;
use std::io::{BufWriter, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Frames queued for one client at most.
pub const QUEUE: usize = 2;
/// Terminal control bytes (OSC 52 copies) kept at most while frames wait.
const MAX_CONTROL: usize = 64 * 1024;
/// A write the client has not accepted in this long means it is gone.
const STALL: Duration = Duration::from_secs(120);
/// Bytes crossterm's commands are gathered in before they reach the
/// [`Sink`]: crossterm writes every cursor move, colour and symbol on its
/// own, and locking the sink for each was 4 % of the server's CPU. ratatui
/// flushes the backend at the end of every draw, so a frame is whole in the
/// sink when [`Screen::draw`] takes it.
const GATHER: usize = 1024;

/// A client's window size as a terminal size. Only the position of the
/// drawn area depends on it, never what the server allocates (the area is
/// capped), so any size is taken; sizes past `u16` saturate.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    let narrow = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
    (narrow(cols), narrow(rows))
}

/// Bytes ratatui writes, collected until a frame is complete. Shared with
/// the [`Screen`] that takes them, since the backend's writer is not public.
#[derive(Debug, Default, Clone)]
pub struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    fn take(&self) -> Vec<u8> {
        // A poisoned lock still holds plain bytes; keep using them.
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One client's screen, as far as the server knows it.
pub struct Screen {
    term: Terminal<CrosstermBackend<BufWriter<Sink>>>,
    sink: Sink,
    size: (u16, u16),
    /// Clear the client's screen before the next frame (after a reset).
    clear: bool,
}

impl Screen {
    /// A screen for a window of `cols`×`rows`.
    pub fn new(cols: u16, rows: u16) -> std::io::Result<Self> {
        let sink = Sink::default();
        let term = bounded(
            CrosstermBackend::new(BufWriter::with_capacity(GATHER, sink.clone())),
            Size::new(cols, rows),
            careerfit_tui::view::MAX,
        )?;
        Ok(Screen {
            term,
            sink,
            size: (cols, rows),
            clear: true,
        })
    }

    /// Forgets what the client shows: the next frame clears and repaints
    /// every cell (after a resize, or after frames were dropped). A new
    /// terminal rather than `refit`, which would ask this process's tty
    /// its size.
    pub fn reset(&mut self, cols: u16, rows: u16) -> std::io::Result<()> {
        *self = Screen::new(cols, rows)?;
        Ok(())
    }

    /// The client's window.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The part of the window the quiz draws in, for the model.
    pub fn drawn(&self) -> (u16, u16) {
        let area = drawn_area(
            Size::new(self.size.0, self.size.1),
            careerfit_tui::view::MAX,
        );
        (area.width, area.height)
    }

    /// Draws the model; returns the bytes that bring the client up to date.
    pub fn draw(&mut self, m: &mut Model) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        if std::mem::take(&mut self.clear) {
            out.extend_from_slice(b"\x1b[0m\x1b[H\x1b[2J");
        }
        self.term.draw(|f| view(m, f))?;
        out.extend(self.sink.take());
        Ok(out)
    }
}

/// What the writer task sends to the client.
#[derive(Debug)]
pub enum Out {
    Data(Vec<u8>),
    /// Send this exit status and close the channel.
    Exit(u32),
}

/// The writer task went away (the client disconnected or stalled).
#[derive(Debug, PartialEq, Eq)]
pub struct Closed;

/// The bounded queue to one client's writer task.
pub struct Output {
    tx: mpsc::Sender<Out>,
    /// Control bytes (OSC 52) waiting to go out before the next frame.
    control: Vec<u8>,
    /// A frame was dropped: the client needs a full repaint.
    pub stale: bool,
}

impl Output {
    /// Starts the writer task for `w`.
    pub fn start(w: ChannelWriteHalf<Msg>) -> (Output, JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(QUEUE);
        let task = tokio::spawn(write_loop(w, rx));
        (Output::new(tx), task)
    }

    fn new(tx: mpsc::Sender<Out>) -> Self {
        Output {
            tx,
            control: Vec::new(),
            stale: false,
        }
    }

    /// Bytes that must reach the terminal (never dropped while there is room).
    pub fn control(&mut self, bytes: &[u8]) {
        if self.control.len() + bytes.len() <= MAX_CONTROL {
            self.control.extend_from_slice(bytes);
        }
    }

    /// Queues a frame, or drops it and marks the screen stale when the
    /// client is behind.
    pub fn frame(&mut self, frame: Vec<u8>) -> Result<(), Closed> {
        if self.stale {
            return Ok(());
        }
        let mut data = std::mem::take(&mut self.control);
        data.extend_from_slice(&frame);
        match self.tx.try_send(Out::Data(data)) {
            Ok(()) => Ok(()),
            Err(mpsc::error::TrySendError::Full(Out::Data(mut d))) => {
                // Keep the control bytes for the repaint; drop the frame.
                d.truncate(d.len() - frame.len());
                self.control = d;
                self.stale = true;
                Ok(())
            }
            Err(_) => Err(Closed),
        }
    }

    /// Waits for room in the queue (used when the screen is stale). The
    /// future owns a sender, so the caller may use `self` meanwhile.
    pub fn reserve(&self) -> impl Future<Output = Result<mpsc::OwnedPermit<Out>, Closed>> + use<> {
        let tx = self.tx.clone();
        async move { tx.reserve_owned().await.map_err(|_| Closed) }
    }

    /// Sends a full repaint through a reserved place.
    pub fn repaint(&mut self, permit: mpsc::OwnedPermit<Out>, frame: Vec<u8>) {
        let mut data = std::mem::take(&mut self.control);
        data.extend_from_slice(&frame);
        permit.send(Out::Data(data));
        self.stale = false;
    }

    /// Sends the last bytes and the exit status; waits a little for room.
    pub async fn finish(mut self, last: &[u8], status: u32) {
        let mut data = std::mem::take(&mut self.control);
        data.extend_from_slice(last);
        let wait = Duration::from_secs(5);
        if self.tx.send_timeout(Out::Data(data), wait).await.is_ok() {
            let _ = self.tx.send_timeout(Out::Exit(status), wait).await;
        }
    }
}

async fn write_loop(w: ChannelWriteHalf<Msg>, mut rx: mpsc::Receiver<Out>) {
    while let Some(out) = rx.recv().await {
        match out {
            Out::Data(bytes) => match tokio::time::timeout(STALL, w.data_bytes(bytes)).await {
                Ok(Ok(())) => {}
                _ => break,
            },
            Out::Exit(status) => {
                close(&w, status).await;
                return;
            }
        }
    }
    let _ = tokio::time::timeout(Duration::from_secs(5), w.close()).await;
}

/// Sends an exit status, EOF and close, giving up after a few seconds.
pub async fn close(w: &ChannelWriteHalf<Msg>, status: u32) {
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        w.exit_status(status).await?;
        w.eof().await?;
        w.close().await
    })
    .await;
}

/// Writes a short message (for refusals before the quiz starts) and closes.
pub async fn say_and_close(w: &ChannelWriteHalf<Msg>, text: &str, status: u32) {
    let text = text.replace('\n', "\r\n");
    let _ = tokio::time::timeout(STALL, w.data_bytes(text.into_bytes())).await;
    close(w, status).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_that_falls_behind_gets_a_repaint_not_a_backlog() {
        let (tx, mut rx) = mpsc::channel(QUEUE);
        let mut out = Output::new(tx);
        out.frame(b"one".to_vec()).unwrap();
        out.frame(b"two".to_vec()).unwrap();
        // The queue is full: the frame is dropped, the OSC 52 bytes kept.
        out.control(b"\x1b]52;c;eA==\x07");
        out.frame(b"three".to_vec()).unwrap();
        assert!(out.stale);
        out.frame(b"four".to_vec()).unwrap();
        let Ok(Out::Data(first)) = rx.try_recv() else {
            panic!()
        };
        assert_eq!(first, b"one");
        let permit = block_on(out.reserve()).unwrap();
        out.repaint(permit, b"FULL".to_vec());
        assert!(!out.stale);
        let _ = rx.try_recv();
        let Ok(Out::Data(repaint)) = rx.try_recv() else {
            panic!()
        };
        assert_eq!(repaint, b"\x1b]52;c;eA==\x07FULL");
        assert!(rx.try_recv().is_err(), "dropped frames never arrive");
        drop(rx);
        assert_eq!(out.frame(b"x".to_vec()), Err(Closed));
    }

    /// Polls a future that is ready at once (there is room in the queue).
    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn screens_send_changes_and_repaint_after_a_reset() {
        let quiz =
            careerfit_core::load::load(careerfit_core::bundled::BUNDLED[0].2.as_bytes()).unwrap();
        let mut m = Model::new(
            std::sync::Arc::new(quiz),
            None,
            careerfit_tui::theme::Theme::mono(),
        );
        let mut s = Screen::new(80, 24).unwrap();
        let first = s.draw(&mut m).unwrap();
        assert!(first.starts_with(b"\x1b[0m\x1b[H\x1b[2J"));
        assert!(String::from_utf8_lossy(&first).contains("Enter"));
        let again = s.draw(&mut m).unwrap();
        assert!(again.len() < 64, "nothing changed: {again:?}");
        s.reset(100, 30).unwrap();
        assert_eq!(s.size(), (100, 30));
        assert!(s.draw(&mut m).unwrap().starts_with(b"\x1b[0m\x1b[H\x1b[2J"));
        assert_eq!(clamp_size(100_000, 7), (u16::MAX, 7));
        let mut tiny = Screen::new(0, 0).unwrap();
        assert!(tiny.draw(&mut m).is_ok());
    }

    /// The rows and columns (1-based) of every cursor move in `frame`.
    fn moves(frame: &[u8]) -> Vec<(u32, u32)> {
        let text = String::from_utf8_lossy(frame);
        text.split("\x1b[")
            .skip(1)
            .filter_map(|s| {
                let (pos, _) = s.split_once('H')?;
                let (r, c) = pos.split_once(';')?;
                Some((r.parse().ok()?, c.parse().ok()?))
            })
            .collect()
    }

    #[test]
    fn a_window_past_the_cap_gets_the_capped_frame_centred() {
        let quiz =
            careerfit_core::load::load(careerfit_core::bundled::BUNDLED[0].2.as_bytes()).unwrap();
        let mut m = Model::new(
            std::sync::Arc::new(quiz),
            None,
            careerfit_tui::theme::Theme::mono(),
        );
        let capped = Screen::new(160, 50).unwrap().draw(&mut m).unwrap();
        let mut big = Screen::new(300, 120).unwrap();
        assert_eq!(big.drawn(), (160, 50));
        let frame = big.draw(&mut m).unwrap();
        let at = moves(&frame);
        // The header, just inside the margin of the area at (36, 71).
        assert_eq!(at.first(), Some(&(36, 73)), "{at:?}");
        assert!(
            at.iter()
                .all(|&(r, c)| (36..=85).contains(&r) && (71..=230).contains(&c)),
            "{at:?}"
        );
        // The same cells, only placed elsewhere: the cursor moves differ
        // by a few digits each.
        let slack = 4 * at.len();
        assert!(
            frame.len().abs_diff(capped.len()) <= slack,
            "{} vs {}",
            frame.len(),
            capped.len()
        );
        // A hostile window size costs no more than a 160×50 one.
        let mut huge = Screen::new(u16::MAX, u16::MAX).unwrap();
        assert_eq!(huge.drawn(), (160, 50));
        assert!(huge.draw(&mut m).unwrap().len() <= capped.len() + slack * 3);
    }
}
