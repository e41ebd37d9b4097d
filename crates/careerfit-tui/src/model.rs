//! The TUI's state. Everything a screen draws is derived from a [`Model`],
//! so drawing is a function of state and every state can be snapshot-tested.
//!
//! The state is shaped so that what cannot happen cannot be written down:
//! a result (with its card and QR code) exists only on the results screen,
//! the cursor of a question only on a question, saved progress only on the
//! resume screen, and the card, QR and save-prompt boxes only over a result.
//! Only [`super::update::update`] changes a model; everything else reads it
//! through the methods below.

use super::theme::Theme;
use careerfit_core::i18n::Lang;
use careerfit_core::model::Quiz;
use careerfit_core::order::{Order, order};
use careerfit_core::report::Report;
use careerfit_core::scoring::Answers;
use ratatui::widgets::ListState;
use std::sync::Arc;

/// Which full screen is showing: a summary of [`Stage`] for the keymap and
/// for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    /// Saved progress was found: offer to continue.
    Resume,
    Question,
    Review,
    Results,
}

/// Which box is drawn over the screen, if any: a summary for the keymap
/// and for tests.
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

/// A scroll position and what the last frame learned about the text it
/// scrolls. Only the view knows how many lines wrapped text takes, so it
/// writes `max` and `page` when it draws (as ratatui's `ListState` keeps
/// its offset), and `update` moves within them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    offset: u16,
    /// Largest useful offset, once a frame has been drawn.
    max: Option<u16>,
    /// Rows that show at once, once a frame has been drawn.
    page: Option<u16>,
}

impl Scroll {
    /// The first line shown.
    pub fn offset(&self) -> u16 {
        self.offset
    }

    /// Moves by `rows` (negative is up), within what the last frame showed.
    pub(crate) fn by(&mut self, rows: i32) {
        let to = i32::from(self.offset).saturating_add(rows);
        let to = u16::try_from(to.max(0)).unwrap_or(u16::MAX);
        self.offset = self.max.map_or(to, |max| to.min(max));
    }

    /// One page down (`pages` = 1) or up (-1), keeping one line of the
    /// last page in view.
    pub(crate) fn page(&mut self, pages: i32) {
        let rows = i32::from(self.page.unwrap_or(2).saturating_sub(1).max(1));
        self.by(pages.saturating_mul(rows));
    }

    pub(crate) fn home(&mut self) {
        self.offset = 0;
    }

    pub(crate) fn end(&mut self) {
        self.offset = self.max.unwrap_or(u16::MAX);
    }

    /// Called by the view: `lines` of text shown `rows` at a time. Keeps
    /// the offset within them and returns it.
    pub(crate) fn fit(&mut self, lines: usize, rows: u16) -> u16 {
        let max = u16::try_from(lines)
            .unwrap_or(u16::MAX)
            .saturating_sub(rows);
        self.max = Some(max);
        self.page = Some(rows);
        self.offset = self.offset.min(max);
        self.offset
    }
}

/// Where the session is. Each screen carries exactly the state it needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// The welcome text scrolls: on a small terminal the disclaimer and
    /// where the answers go must still be reachable.
    Welcome {
        scroll: Scroll,
    },
    /// Answers and position found in a progress file, offered for resuming.
    Resume {
        answers: Answers,
        pos: usize,
        scroll: Scroll,
    },
    Question(Asking),
    Review(Reviewing),
    Results(Box<Finished>),
}

/// On a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asking {
    /// Position in the display order.
    pub pos: usize,
    /// Highlighted option (display position), if any.
    pub cursor: Option<usize>,
    /// Editing an answer from the review screen: Enter and ← go back there,
    /// to this row.
    pub from_review: Option<usize>,
    /// The first option row the last frame showed: the options scroll in
    /// a ratatui `List` that keeps the cursor in view, and keeping its
    /// offset between frames stops the list jumping as the cursor moves.
    pub options: ListState,
    /// The question text, scrolled with PgUp/PgDn when it is taller than
    /// the room a small terminal leaves it.
    pub text: Scroll,
}

impl Asking {
    /// Question `pos` with the cursor on `cursor`, scrolled to the top.
    pub fn new(pos: usize, cursor: Option<usize>, from_review: Option<usize>) -> Self {
        Asking {
            pos,
            cursor,
            from_review,
            options: ListState::default(),
            text: Scroll::default(),
        }
    }
}

/// On the review screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reviewing {
    /// Highlighted row (display order).
    pub cursor: usize,
}

/// A finished quiz: the result and everything made from it, which exist
/// only together and only on the results screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    pub report: Report,
    /// The text card, made once so the card box and copying share it.
    pub card: String,
    /// The share code as QR rows, or `None` when it is too long for one.
    pub qr: Option<Vec<String>>,
    pub scroll: Scroll,
    /// The box over the result, if one is open.
    pub panel: Option<Panel>,
    /// What was last typed into the save prompt (kept for a retry).
    pub save_input: String,
    /// The review row to go back to with ←.
    pub review_cursor: usize,
}

/// Boxes that only make sense over a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Card(Scroll),
    /// The QR code; the scroll is for a code too long for one, shown wrapped.
    Qr(Scroll),
    SaveDir,
}

/// Boxes that can open over any screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help(Scroll),
    ConfirmQuit,
}

/// The whole state of one quiz session.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) quiz: Arc<Quiz>,
    pub(crate) order: Order,
    pub(crate) stage: Stage,
    pub(crate) popup: Option<Popup>,
    /// Answers in file order (choice indices, not display positions).
    pub(crate) answers: Answers,
    /// Whether the person has seen each question (skips are marked in review).
    pub(crate) visited: Vec<bool>,
    /// Answers that are only in memory (not finished into a result).
    pub(crate) unsaved: bool,
    /// A one-line message in the footer (copy done, files written, errors).
    pub(crate) status: Option<String>,
    /// Something found at start that the person must read (progress set
    /// aside, another instance running): shown on the welcome and resume
    /// screens until the quiz starts, never cleared by a key.
    pub(crate) notice: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) theme: Theme,
    /// The interface language, from the quiz's `language`: the screens
    /// speak the language of the questions they show.
    pub(crate) lang: Lang,
    pub(crate) quit: bool,
    /// Taken over SSH in a workshop: results go to the facilitator, and
    /// keys that act on the host (suspend, saving files) do not apply.
    pub(crate) remote: bool,
    /// Where a finished result is submitted (`--submit`), so the welcome
    /// screen says where it goes.
    pub(crate) submit_to: Option<SubmitTo>,
}

/// A workshop a result is submitted to, as the welcome screen names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SubmitTo {
    /// A folder, as the person typed it.
    Folder(String),
    /// A database, its URL without a password.
    Database(String),
}

impl Model {
    /// A fresh session; `seed` of `None` keeps file order.
    pub fn new(quiz: Arc<Quiz>, seed: Option<u64>, theme: Theme) -> Self {
        let n = quiz.questions.len();
        let lang = quiz.lang();
        Model {
            order: order(&quiz, seed),
            quiz,
            stage: Stage::Welcome {
                scroll: Scroll::default(),
            },
            popup: None,
            answers: vec![None; n],
            visited: vec![false; n],
            unsaved: false,
            status: None,
            notice: None,
            name: None,
            theme,
            lang,
            quit: false,
            remote: false,
            submit_to: None,
        }
    }

    /// Offers to resume saved progress before the welcome screen.
    /// Answers that do not fit the quiz (a hand-edited progress file) are
    /// not offered: every screen indexes choices by them.
    #[must_use]
    pub fn with_saved(mut self, answers: Answers, pos: usize) -> Self {
        if careerfit_core::answers::check(&self.quiz, &answers).is_ok() {
            let pos = pos.min(self.answers.len().saturating_sub(1));
            self.stage = Stage::Resume {
                answers,
                pos,
                scroll: Scroll::default(),
            };
        }
        self
    }

    /// The nickname stored with the result.
    #[must_use]
    pub fn with_name(mut self, name: Option<String>) -> Self {
        self.name = name;
        self
    }

    /// Something found at start that the person must read (see the field).
    #[must_use]
    pub fn with_notice(mut self, notice: Option<String>) -> Self {
        self.notice = notice;
        self
    }

    /// Results are submitted to this workshop folder (see the field).
    #[must_use]
    pub fn with_submit(mut self, folder: Option<String>) -> Self {
        self.submit_to = folder.map(|f| SubmitTo::Folder(careerfit_core::sanitize::clean_line(&f)));
        self
    }

    /// Results are submitted to this database, shown as its URL without
    /// a password (`take --submit postgres://…`).
    #[must_use]
    pub fn with_submit_database(mut self, shown: String) -> Self {
        self.submit_to = Some(SubmitTo::Database(careerfit_core::sanitize::clean_line(
            &shown,
        )));
        self
    }

    /// Taken over SSH: see [`Model::is_remote`].
    #[must_use]
    pub fn remote(mut self) -> Self {
        self.remote = true;
        self
    }

    /// The interface language of this session (the quiz's language).
    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn quiz(&self) -> &Arc<Quiz> {
        &self.quiz
    }

    /// The question and option order of this session.
    pub fn order(&self) -> &Order {
        &self.order
    }

    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    /// Answers in file order (choice indices, not display positions).
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    /// Whether the session has ended.
    pub fn has_quit(&self) -> bool {
        self.quit
    }

    /// Taken over SSH in a workshop: results go to the facilitator, and
    /// keys that act on the host (suspend, saving files) do not apply.
    pub fn is_remote(&self) -> bool {
        self.remote
    }

    /// The result, on the results screen.
    pub fn report(&self) -> Option<&Report> {
        match &self.stage {
            Stage::Results(f) => Some(&f.report),
            _ => None,
        }
    }

    pub fn screen(&self) -> Screen {
        match self.stage {
            Stage::Welcome { .. } => Screen::Welcome,
            Stage::Resume { .. } => Screen::Resume,
            Stage::Question(_) => Screen::Question,
            Stage::Review(_) => Screen::Review,
            Stage::Results(_) => Screen::Results,
        }
    }

    pub fn overlay(&self) -> Overlay {
        match (&self.popup, &self.stage) {
            (Some(Popup::Help(_)), _) => Overlay::Help,
            (Some(Popup::ConfirmQuit), _) => Overlay::ConfirmQuit,
            (None, Stage::Results(f)) => match f.panel {
                Some(Panel::Card(_)) => Overlay::Card,
                Some(Panel::Qr(_)) => Overlay::Qr,
                Some(Panel::SaveDir) => Overlay::SaveDir,
                None => Overlay::None,
            },
            (None, _) => Overlay::None,
        }
    }

    /// Position in the display order of the question on screen, or of the
    /// one to come back to: the last question once all were seen, the
    /// first before any.
    pub fn pos(&self) -> usize {
        let last = self.order.questions.len().saturating_sub(1);
        match &self.stage {
            Stage::Question(a) => a.pos,
            Stage::Resume { pos, .. } => *pos,
            Stage::Review(_) | Stage::Results(_) => last,
            Stage::Welcome { .. } => 0,
        }
    }

    /// Highlighted option on a question.
    pub fn cursor(&self) -> Option<usize> {
        match &self.stage {
            Stage::Question(a) => a.cursor,
            _ => None,
        }
    }

    /// Highlighted row on the review screen.
    pub fn review_cursor(&self) -> Option<usize> {
        match &self.stage {
            Stage::Review(r) => Some(r.cursor),
            _ => None,
        }
    }

    /// File index of the question at [`Model::pos`].
    pub fn question_index(&self) -> usize {
        self.order.questions.get(self.pos()).copied().unwrap_or(0)
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
