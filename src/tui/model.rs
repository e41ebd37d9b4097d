//! The TUI's state. Everything a screen draws is derived from a [`Model`],
//! so drawing is a pure function and every state can be snapshot-tested.

use super::theme::Theme;
use crate::core::model::Quiz;
use crate::core::order::{Order, order};
use crate::core::report::Report;
use crate::core::scoring::Answers;
use ratatui::text::Line;
use std::sync::Arc;

/// Which full screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    /// Saved progress was found: offer to continue.
    Resume,
    Question,
    Review,
    Results,
}

/// A box drawn over the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    ConfirmQuit,
    /// The text card, for copying by hand.
    Card,
    /// The share code as a QR code.
    Qr,
    /// Asking for a folder to save the result in (after `W`, or a failed `w`).
    SaveDir,
}

/// The results screen's lines for one terminal size. The view uses them
/// only when they were made for the size, theme and result it draws, and
/// lays the screen out afresh otherwise, so they can never show stale text.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultLines {
    /// The terminal size they were laid out for.
    pub size: (u16, u16),
    pub theme: Theme,
    /// The share code of the result they show.
    pub share_code: String,
    /// The fixed left column of the two-column layout (empty in one column).
    pub left: Vec<Line<'static>>,
    /// The part that scrolls.
    pub scrolling: Vec<Line<'static>>,
}

/// The whole state of one quiz session.
#[derive(Debug, Clone)]
pub struct Model {
    pub quiz: Arc<Quiz>,
    pub order: Order,
    pub screen: Screen,
    pub overlay: Overlay,
    /// Position in `order.questions` on the Question screen.
    pub pos: usize,
    /// Highlighted option (display position) on the Question screen, if any.
    pub cursor: Option<usize>,
    /// Answers in file order (choice indices, not display positions).
    pub answers: Answers,
    /// Whether the person has seen each question (skips are marked in review).
    pub visited: Vec<bool>,
    /// Highlighted row on the Review screen (display order).
    pub review_cursor: usize,
    /// When editing from Review, Enter returns there instead of moving on.
    pub editing_from_review: bool,
    /// Scroll offset of the Results screen and of the card overlay.
    pub scroll: u16,
    pub report: Option<Report>,
    /// The text card and QR rows of `report`, made once when the result is
    /// shown so overlays do not rebuild them on every draw.
    pub card: String,
    pub qr: Option<Vec<String>>,
    /// The results screen's lines laid out for the terminal's size, made in
    /// `update` when the result is shown or the terminal is resized, so a
    /// frame does not wrap and format the whole result again (issue 8).
    pub result_lines: Option<ResultLines>,
    /// Answers that are only in memory (not finished into a result).
    pub unsaved: bool,
    /// A one-line message in the footer (copy done, files written, errors).
    pub status: Option<String>,
    /// Something found at start that the person must read (progress set
    /// aside, another instance running): shown on the welcome and resume
    /// screens until the quiz starts, never cleared by a key.
    pub notice: Option<String>,
    pub name: Option<String>,
    pub theme: Theme,
    /// Answers and position found in a progress file, offered on Resume.
    pub saved: Option<(Answers, usize)>,
    pub quit: bool,
    /// Terminal size, kept so `update` can size scrolling.
    pub size: (u16, u16),
    /// The folder typed into the save prompt.
    pub save_input: String,
    /// Taken over SSH in a workshop: results go to the facilitator, and
    /// keys that act on the host (suspend, saving files) do not apply.
    pub remote: bool,
}

impl Model {
    /// A fresh session; `seed` of `None` keeps file order.
    pub fn new(quiz: Arc<Quiz>, seed: Option<u64>, theme: Theme) -> Self {
        let n = quiz.questions.len();
        Model {
            order: order(&quiz, seed),
            quiz,
            screen: Screen::Welcome,
            overlay: Overlay::None,
            pos: 0,
            cursor: None,
            answers: vec![None; n],
            visited: vec![false; n],
            review_cursor: 0,
            editing_from_review: false,
            scroll: 0,
            report: None,
            card: String::new(),
            qr: None,
            result_lines: None,
            unsaved: false,
            status: None,
            notice: None,
            name: None,
            theme,
            saved: None,
            quit: false,
            size: (80, 24),
            save_input: String::new(),
            remote: false,
        }
    }

    /// Offers to resume saved progress before the welcome screen.
    /// Answers that do not fit the quiz (a hand-edited progress file) are
    /// not offered: every screen indexes choices by them.
    pub fn with_saved(mut self, answers: Answers, pos: usize) -> Self {
        if crate::core::answers::check(&self.quiz, &answers).is_ok() {
            self.saved = Some((answers, pos.min(self.answers.len().saturating_sub(1))));
            self.screen = Screen::Resume;
        }
        self
    }

    /// File index of the question on screen.
    pub fn question_index(&self) -> usize {
        self.order.questions.get(self.pos).copied().unwrap_or(0)
    }

    /// Display position of the saved answer of question `qi`, if answered.
    pub fn chosen_position(&self, qi: usize) -> Option<usize> {
        let c = self.answers.get(qi).copied().flatten()?;
        self.order.options.get(qi)?.iter().position(|&x| x == c)
    }

    /// Number of answered questions.
    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }
}
