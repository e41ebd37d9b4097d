//! `update`: the pure state machine of the quiz. No terminal, no files, no
//! drawing: side effects come back as [`Effect`]s for the runtime to carry
//! out, and scrolling moves within what the last frame measured
//! ([`Scroll`]).

use super::model::{Asking, Finished, Model, Panel, Popup, Reviewing, Scroll, Stage};
use super::msg::{Effect, Message};
use careerfit_core::card::text_card;
use careerfit_core::report;

/// Longest folder name the save prompt takes, in characters.
const MAX_SAVE_INPUT: usize = 4096;

/// Applies one message; returns the effects the runtime must perform.
pub fn update(m: &mut Model, msg: Message) -> Vec<Effect> {
    match msg {
        // The view fits every screen to the frame it is given.
        Message::Resize(..) => return vec![],
        Message::Status(s) => {
            m.status = Some(s);
            return vec![];
        }
        _ => {}
    }
    // Any key clears the last status line.
    m.status = None;
    if let Some(popup) = &mut m.popup {
        return match popup {
            Popup::ConfirmQuit => {
                if matches!(msg, Message::Yes | Message::Quit) {
                    m.quit = true;
                    vec![Effect::Quit]
                } else {
                    m.popup = None;
                    vec![]
                }
            }
            Popup::Help(scroll) => {
                if !scroll_by_one(scroll, &msg) {
                    m.popup = None;
                }
                vec![]
            }
        };
    }
    if let Stage::Results(f) = &mut m.stage
        && f.panel.is_some()
    {
        return panel(f, msg);
    }
    if msg == Message::ToggleHelp {
        m.popup = Some(Popup::Help(Scroll::default()));
        return vec![];
    }
    if msg == Message::Quit {
        if m.unsaved && m.answered() > 0 && !matches!(m.stage, Stage::Results(_)) {
            m.popup = Some(Popup::ConfirmQuit);
            return vec![];
        }
        m.quit = true;
        return vec![Effect::Quit];
    }
    match m.stage.clone() {
        Stage::Resume { answers, pos, .. } => resume(m, msg, answers, pos),
        Stage::Welcome { .. } => {
            if msg == Message::Confirm {
                ask(m, 0, None);
            } else if let Stage::Welcome { scroll } = &mut m.stage {
                scroll_page(scroll, &msg);
            }
            vec![]
        }
        Stage::Question(a) => question(m, msg, a),
        Stage::Review(r) => review(m, msg, r),
        Stage::Results(_) => results(m, msg),
    }
}

/// ↑ and ↓ scroll a box; true when `msg` was one of them.
fn scroll_by_one(scroll: &mut Scroll, msg: &Message) -> bool {
    match msg {
        Message::Up => scroll.by(-1),
        Message::Down => scroll.by(1),
        _ => return false,
    }
    true
}

/// ↑ ↓, PgUp PgDn, Home and End scroll a page of text; true when `msg`
/// was one of them.
fn scroll_page(scroll: &mut Scroll, msg: &Message) -> bool {
    match msg {
        Message::PageUp => scroll.page(-1),
        Message::PageDown => scroll.page(1),
        Message::Home => scroll.home(),
        Message::End => scroll.end(),
        _ => return scroll_by_one(scroll, msg),
    }
    true
}

/// Keys while a box is open over the result.
fn panel(f: &mut Finished, msg: Message) -> Vec<Effect> {
    match (&mut f.panel, msg) {
        (Some(Panel::SaveDir), msg) => match msg {
            Message::Type(c) if f.save_input.chars().count() < MAX_SAVE_INPUT => {
                f.save_input.push(c);
            }
            Message::Erase => {
                f.save_input.pop();
            }
            Message::Confirm => {
                f.panel = None;
                let dir = f.save_input.trim();
                let dir = if dir.is_empty() { "." } else { dir };
                return vec![Effect::WriteResult(Some(dir.into()))];
            }
            Message::Dismiss | Message::Quit => f.panel = None,
            _ => {}
        },
        (Some(Panel::Card(_)), Message::Copy) => return vec![Effect::Copy(f.card.clone())],
        (Some(Panel::Card(scroll)), msg) => {
            if !scroll_by_one(scroll, &msg) {
                f.panel = None;
            }
        }
        (Some(Panel::Qr(scroll)), msg) => {
            if !scroll_by_one(scroll, &msg) {
                f.panel = None;
            }
        }
        (_, _) => f.panel = None,
    }
    vec![]
}

fn resume(
    m: &mut Model,
    msg: Message,
    answers: careerfit_core::scoring::Answers,
    pos: usize,
) -> Vec<Effect> {
    match msg {
        Message::Yes | Message::Confirm => {
            for (v, a) in m.visited.iter_mut().zip(&answers) {
                *v = a.is_some();
            }
            m.answers = answers;
            m.unsaved = m.answered() > 0;
            ask(m, pos, None);
            vec![]
        }
        Message::No => {
            m.stage = welcome();
            vec![Effect::ClearProgress]
        }
        _ => {
            if let Stage::Resume { scroll, .. } = &mut m.stage {
                scroll_page(scroll, &msg);
            }
            vec![]
        }
    }
}

/// Shows the question at display position `pos`, its saved answer highlighted.
fn ask(m: &mut Model, pos: usize, from_review: Option<usize>) {
    let pos = pos.min(m.order.questions.len().saturating_sub(1));
    let qi = m.order.questions.get(pos).copied().unwrap_or(0);
    if let Some(v) = m.visited.get_mut(qi) {
        *v = true;
    }
    m.stage = Stage::Question(Asking::new(pos, m.chosen_position(qi), from_review));
}

/// The welcome screen, scrolled to the top.
fn welcome() -> Stage {
    Stage::Welcome {
        scroll: Scroll::default(),
    }
}

/// The question after `a`, or the review screen after the last one (or
/// when editing from it).
fn advance(m: &mut Model, a: Asking) {
    let last = m.order.questions.len().saturating_sub(1);
    match a.from_review {
        _ if a.pos >= last => m.stage = Stage::Review(Reviewing { cursor: 0 }),
        Some(cursor) => m.stage = Stage::Review(Reviewing { cursor }),
        None => ask(m, a.pos + 1, None),
    }
}

fn question(m: &mut Model, msg: Message, mut a: Asking) -> Vec<Effect> {
    let qi = m.order.questions.get(a.pos).copied().unwrap_or(0);
    let n = m.order.options.get(qi).map_or(0, Vec::len);
    let last_option = n.saturating_sub(1);
    match msg {
        Message::Up => a.cursor = Some(a.cursor.map_or(last_option, |c| c.saturating_sub(1))),
        Message::Down => a.cursor = Some(a.cursor.map_or(0, |c| (c + 1).min(last_option))),
        // The options keep ↑ ↓; the question text, when a small terminal
        // cannot show it whole, scrolls by page.
        Message::PageUp => a.text.page(-1),
        Message::PageDown => a.text.page(1),
        Message::Choose(k) if (1..=n).contains(&k) => {
            a.cursor = Some(k - 1);
            m.stage = Stage::Question(a);
            return set_answer(m, qi, k - 1);
        }
        Message::Confirm => {
            let Some(c) = a.cursor else {
                m.status = Some(m.lang.t("choose-first"));
                return vec![];
            };
            let mut fx = set_answer(m, qi, c);
            advance(m, a);
            fx.push(Effect::SaveProgress);
            fx.dedup();
            return fx;
        }
        Message::Skip => {
            let had = m.answers[qi].take().is_some();
            advance(m, a);
            return if had {
                vec![Effect::SaveProgress]
            } else {
                vec![]
            };
        }
        Message::Back => {
            match (a.from_review, a.pos) {
                (Some(cursor), _) => m.stage = Stage::Review(Reviewing { cursor }),
                (None, 0) => m.stage = welcome(),
                (None, pos) => ask(m, pos - 1, None),
            }
            return vec![];
        }
        _ => {}
    }
    m.stage = Stage::Question(a);
    vec![]
}

fn set_answer(m: &mut Model, qi: usize, display: usize) -> Vec<Effect> {
    let Some(&choice) = m.order.options.get(qi).and_then(|o| o.get(display)) else {
        return vec![];
    };
    if m.answers[qi] == Some(choice) {
        return vec![];
    }
    m.answers[qi] = Some(choice);
    m.unsaved = true;
    vec![Effect::SaveProgress]
}

fn review(m: &mut Model, msg: Message, mut r: Reviewing) -> Vec<Effect> {
    let last = m.order.questions.len().saturating_sub(1);
    match msg {
        Message::Up => r.cursor = r.cursor.saturating_sub(1),
        Message::Down => r.cursor = (r.cursor + 1).min(last),
        Message::PageUp => r.cursor = r.cursor.saturating_sub(10),
        Message::PageDown => r.cursor = (r.cursor + 10).min(last),
        Message::Home => r.cursor = 0,
        Message::End => r.cursor = last,
        Message::Choose(k) => r.cursor = k.saturating_sub(1).min(last),
        Message::Edit => {
            ask(m, r.cursor, Some(r.cursor));
            return vec![];
        }
        Message::Back => {
            ask(m, last, None);
            return vec![];
        }
        Message::Confirm => {
            let report = report::build(&m.quiz, &m.answers, m.name.as_deref());
            m.stage = Stage::Results(Box::new(Finished {
                card: text_card(&report, false),
                qr: careerfit_core::qr::qr_lines(&report.share_code),
                report,
                scroll: Scroll::default(),
                panel: None,
                save_input: String::new(),
                review_cursor: r.cursor,
            }));
            m.unsaved = false;
            return vec![Effect::Finished, Effect::ClearProgress];
        }
        _ => {}
    }
    m.stage = Stage::Review(r);
    vec![]
}

fn results(m: &mut Model, msg: Message) -> Vec<Effect> {
    let Stage::Results(f) = &mut m.stage else {
        return vec![];
    };
    match msg {
        Message::Up => f.scroll.by(-1),
        Message::Down => f.scroll.by(1),
        Message::PageUp => f.scroll.page(-1),
        Message::PageDown => f.scroll.page(1),
        Message::Home => f.scroll.home(),
        Message::End => f.scroll.end(),
        Message::Back => {
            m.stage = Stage::Review(Reviewing {
                cursor: f.review_cursor,
            });
        }
        Message::Copy => return vec![Effect::Copy(f.card.clone())],
        Message::ViewCard => f.panel = Some(Panel::Card(Scroll::default())),
        Message::ShowQr => f.panel = Some(Panel::Qr(Scroll::default())),
        Message::Write => return vec![Effect::WriteResult(None)],
        Message::WriteTo => {
            // A fresh prompt: what failed last time is not a start for
            // the next folder (issue 20).
            f.save_input.clear();
            f.panel = Some(Panel::SaveDir);
        }
        _ => {}
    }
    vec![]
}
