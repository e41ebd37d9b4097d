//! Rendering benchmarks: every screen and overlay drawn into ratatui's
//! `TestBackend` at 80×24 (compact) and 120×40. Budget: any screen at
//! 120×40 in under 1 ms (issue 15).
//!
//! Each iteration is one `Terminal::draw` of an unchanged model, as in the
//! event loop after a key press: `view` builds the whole frame and ratatui
//! diffs it against the previous one. A second group, `render_full`, draws
//! into a fresh buffer each time (the first frame, or after a resize).
//!
//! Run with `cargo bench --bench render`; see docs/performance.md.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod support;

use careerfit::tui::model::{Model, Overlay, Screen};
use careerfit::tui::msg::Message;
use careerfit::tui::update::update;
use careerfit::tui::view::view;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The model resized to `w`×`h`, as the runtime does before drawing.
fn sized(m: &Model, w: u16, h: u16) -> Model {
    let mut m = m.clone();
    update(&mut m, Message::Resize(w, h));
    m
}

/// Guards against a helper drifting into the wrong state, which would
/// silently benchmark the wrong screen.
fn check(name: &str, m: &Model) {
    let (screen, overlay) = match name {
        "welcome" => (Screen::Welcome, Overlay::None),
        "question" | "scenario" => (Screen::Question, Overlay::None),
        "review" => (Screen::Review, Overlay::None),
        "results" => (Screen::Results, Overlay::None),
        "help" => (Screen::Question, Overlay::Help),
        "confirm_quit" => (Screen::Question, Overlay::ConfirmQuit),
        "card" => (Screen::Results, Overlay::Card),
        "qr" => (Screen::Results, Overlay::Qr),
        "save_dir" => (Screen::Results, Overlay::SaveDir),
        other => panic!("unknown screen {other}"),
    };
    assert_eq!((m.screen(), m.overlay()), (screen, overlay), "{name}");
}

fn render(c: &mut Criterion) {
    let screens = support::screens();
    let mut g = c.benchmark_group("render");
    for (name, model) in &screens {
        check(name, model);
        for (w, h) in SIZES {
            let mut m = sized(model, w, h);
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
            g.bench_function(BenchmarkId::new(*name, format!("{w}x{h}")), |b| {
                b.iter(|| {
                    term.draw(|f| view(black_box(&mut m), f))
                        .expect("draw into test backend");
                });
            });
        }
    }
    g.finish();

    let mut g = c.benchmark_group("render_full");
    for (name, model) in &screens {
        for (w, h) in SIZES {
            let mut m = sized(model, w, h);
            g.bench_function(BenchmarkId::new(*name, format!("{w}x{h}")), |b| {
                b.iter(|| {
                    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
                    term.draw(|f| view(black_box(&mut m), f))
                        .expect("draw into test backend");
                    term
                });
            });
        }
    }
    g.finish();
}

/// The costly parts of the heaviest screens on their own, so a slow frame
/// can be traced to its cause: the QR code and the text card, built from
/// the report once each time a result is shown.
fn parts(c: &mut Criterion) {
    let m = support::results();
    let r = m.report().expect("results have a report").clone();
    let mut g = c.benchmark_group("render_parts");
    g.bench_function("qr_lines", |b| {
        b.iter(|| careerfit::core::qr::qr_lines(black_box(&r.share_code)));
    });
    g.bench_function("text_card", |b| {
        b.iter(|| careerfit::core::card::text_card(black_box(&r), false));
    });
    g.finish();
}

criterion_group!(benches, render, parts);
criterion_main!(benches);
