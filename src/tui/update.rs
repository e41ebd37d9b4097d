//! `update`: the pure state machine of the quiz. No terminal, no files:
//! side effects come back as [`Effect`]s for the runtime to carry out.

use super::model::{Model, Overlay, Screen};
use super::msg::{Effect, Message};
use crate::core::card::text_card;
use crate::core::report;

/// Applies one message; returns the effects the runtime must perform.
pub fn update(m: &mut Model, msg: Message) -> Vec<Effect> {
    if let Message::Resize(w, h) = msg {
        m.size = (w, h);
        lay_out_results(m);
        return vec![];
    }
    if let Message::Status(s) = msg {
        m.status = Some(s);
        return vec![];
    }
    // Any key clears the last status line.
    m.status = None;
    match m.overlay {
        Overlay::ConfirmQuit => {
            return match msg {
                Message::Yes | Message::Quit => {
                    m.quit = true;
                    vec![Effect::Quit]
                }
                _ => {
                    m.overlay = Overlay::None;
                    vec![]
                }
            };
        }
        Overlay::SaveDir => {
            match msg {
                Message::Type(c) if m.save_input.chars().count() < 4096 => m.save_input.push(c),
                Message::Erase => {
                    m.save_input.pop();
                }
                Message::Confirm => {
                    m.overlay = Overlay::None;
                    let dir = m.save_input.trim();
                    let dir = if dir.is_empty() { "." } else { dir };
                    return vec![Effect::WriteResult(Some(dir.into()))];
                }
                Message::Dismiss | Message::Quit => m.overlay = Overlay::None,
                _ => {}
            }
            return vec![];
        }
        Overlay::Help | Overlay::Card | Overlay::Qr => {
            match msg {
                Message::Up => m.scroll = m.scroll.saturating_sub(1),
                Message::Down => m.scroll = m.scroll.saturating_add(1),
                Message::Copy if m.overlay == Overlay::Card => return copy(m),
                _ => {
                    m.overlay = Overlay::None;
                    m.scroll = 0;
                }
            }
            return vec![];
        }
        Overlay::None => {}
    }
    if msg == Message::ToggleHelp {
        m.overlay = Overlay::Help;
        m.scroll = 0;
        return vec![];
    }
    if msg == Message::Quit {
        if m.unsaved && m.answered() > 0 && m.screen != Screen::Results {
            m.overlay = Overlay::ConfirmQuit;
            return vec![];
        }
        m.quit = true;
        return vec![Effect::Quit];
    }
    match m.screen {
        Screen::Resume => resume(m, msg),
        Screen::Welcome => {
            if msg == Message::Confirm {
                m.screen = Screen::Question;
                m.pos = 0;
                enter_question(m);
            }
            vec![]
        }
        Screen::Question => question(m, msg),
        Screen::Review => review(m, msg),
        Screen::Results => results(m, msg),
    }
}

fn resume(m: &mut Model, msg: Message) -> Vec<Effect> {
    match msg {
        Message::Yes | Message::Confirm => {
            if let Some((answers, pos)) = m.saved.take() {
                for (v, a) in m.visited.iter_mut().zip(&answers) {
                    *v = a.is_some();
                }
                m.answers = answers;
                m.pos = pos;
                m.unsaved = m.answered() > 0;
            }
            m.screen = Screen::Question;
            enter_question(m);
            vec![]
        }
        Message::No => {
            m.saved = None;
            m.screen = Screen::Welcome;
            vec![Effect::ClearProgress]
        }
        _ => vec![],
    }
}

/// Sets the cursor to the saved answer of the question now on screen.
fn enter_question(m: &mut Model) {
    let qi = m.question_index();
    m.cursor = m.chosen_position(qi);
    if let Some(v) = m.visited.get_mut(qi) {
        *v = true;
    }
}

fn options_len(m: &Model) -> usize {
    m.order.options.get(m.question_index()).map_or(0, Vec::len)
}

fn advance(m: &mut Model) {
    if m.editing_from_review || m.pos + 1 >= m.order.questions.len() {
        m.editing_from_review = false;
        m.screen = Screen::Review;
        m.review_cursor = m
            .review_cursor
            .min(m.order.questions.len().saturating_sub(1));
        if m.pos + 1 >= m.order.questions.len() {
            m.review_cursor = 0;
        }
    } else {
        m.pos += 1;
        enter_question(m);
    }
}

fn question(m: &mut Model, msg: Message) -> Vec<Effect> {
    let n = options_len(m);
    let qi = m.question_index();
    match msg {
        Message::Up => {
            m.cursor = Some(
                m.cursor
                    .map_or(n.saturating_sub(1), |c| c.saturating_sub(1)),
            );
        }
        Message::Down => {
            m.cursor = Some(m.cursor.map_or(0, |c| (c + 1).min(n.saturating_sub(1))));
        }
        Message::Choose(k) if (1..=n).contains(&k) => {
            m.cursor = Some(k - 1);
            return set_answer(m, qi, k - 1);
        }
        Message::Confirm => {
            let Some(c) = m.cursor else {
                m.status = Some("Choose an option first (1–9 or ↑ ↓), or press s to skip.".into());
                return vec![];
            };
            let mut fx = set_answer(m, qi, c);
            advance(m);
            fx.push(Effect::SaveProgress);
            fx.dedup();
            return fx;
        }
        Message::Skip => {
            let had = m.answers[qi].is_some();
            m.answers[qi] = None;
            advance(m);
            return if had {
                vec![Effect::SaveProgress]
            } else {
                vec![]
            };
        }
        Message::Back => {
            if m.editing_from_review {
                m.editing_from_review = false;
                m.screen = Screen::Review;
            } else if m.pos == 0 {
                m.screen = Screen::Welcome;
            } else {
                m.pos -= 1;
                enter_question(m);
            }
        }
        _ => {}
    }
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

fn review(m: &mut Model, msg: Message) -> Vec<Effect> {
    let last = m.order.questions.len().saturating_sub(1);
    match msg {
        Message::Up => m.review_cursor = m.review_cursor.saturating_sub(1),
        Message::Down => m.review_cursor = (m.review_cursor + 1).min(last),
        Message::PageUp => m.review_cursor = m.review_cursor.saturating_sub(10),
        Message::PageDown => m.review_cursor = (m.review_cursor + 10).min(last),
        Message::Home => m.review_cursor = 0,
        Message::End => m.review_cursor = last,
        Message::Choose(k) => m.review_cursor = (k - 1).min(last),
        Message::Edit => {
            m.pos = m.review_cursor;
            m.editing_from_review = true;
            m.screen = Screen::Question;
            enter_question(m);
        }
        Message::Back => {
            m.pos = last;
            m.screen = Screen::Question;
            enter_question(m);
        }
        Message::Confirm => {
            let r = report::build(&m.quiz, &m.answers, m.name.as_deref());
            m.card = text_card(&r, false);
            m.qr = crate::core::qr::qr_lines(&r.share_code);
            m.report = Some(r);
            lay_out_results(m);
            m.screen = Screen::Results;
            m.scroll = 0;
            m.unsaved = false;
            return vec![Effect::Finished, Effect::ClearProgress];
        }
        _ => {}
    }
    vec![]
}

/// Keeps the results screen's lines in step with the result and the size.
fn lay_out_results(m: &mut Model) {
    m.result_lines = m
        .report
        .is_some()
        .then(|| super::view::lay_out_results(m, m.size));
}

fn copy(m: &mut Model) -> Vec<Effect> {
    match &m.report {
        Some(_) => vec![Effect::Copy(m.card.clone())],
        None => vec![],
    }
}

fn results(m: &mut Model, msg: Message) -> Vec<Effect> {
    let page = m.size.1.saturating_sub(6).max(1);
    match msg {
        Message::Up => m.scroll = m.scroll.saturating_sub(1),
        Message::Down => m.scroll = m.scroll.saturating_add(1),
        Message::PageUp => m.scroll = m.scroll.saturating_sub(page),
        Message::PageDown => m.scroll = m.scroll.saturating_add(page),
        Message::Home => m.scroll = 0,
        Message::End => m.scroll = u16::MAX,
        Message::Back => {
            m.screen = Screen::Review;
            m.scroll = 0;
        }
        Message::Copy => return copy(m),
        Message::ViewCard => {
            m.overlay = Overlay::Card;
            m.scroll = 0;
        }
        Message::ShowQr => m.overlay = Overlay::Qr,
        Message::Write => return vec![Effect::WriteResult(None)],
        Message::WriteTo => m.overlay = Overlay::SaveDir,
        _ => {}
    }
    m.scroll = m.scroll.min(super::view::results_max_scroll(m));
    vec![]
}
