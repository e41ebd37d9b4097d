//! Domain-core benchmarks: load+validate of every bundled quiz, scoring,
//! report building, share codes, and how each grows with quiz size
//! (generated quizzes of 24, 240 and 2,400 questions).
//!
//! Run with `cargo bench --bench quiz`; see docs/performance.md.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod support;

use careerfit::bundled::BUNDLED;
use careerfit::core::{code, load::load, report, scoring};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// Parse + validate + fingerprint of each bundled quiz: the work `careerfit`
/// does before its first frame.
fn bundled_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_validate");
    for (id, _, src) in BUNDLED {
        g.throughput(Throughput::Bytes(src.len() as u64));
        g.bench_with_input(BenchmarkId::new("bundled", id), src, |b, src| {
            b.iter(|| load(black_box(src.as_bytes())).expect("bundled quiz loads"));
        });
    }
    g.finish();
}

/// Scoring, report building and share codes on each bundled quiz with a
/// full answer sheet.
fn bundled_scoring(c: &mut Criterion) {
    let mut g = c.benchmark_group("bundled");
    for (id, _, src) in BUNDLED {
        let quiz = load(src.as_bytes()).expect("bundled quiz loads");
        let answers = support::answers_for(&quiz);
        let code = code::encode(&quiz, &answers);
        g.bench_function(BenchmarkId::new("assess", id), |b| {
            b.iter(|| scoring::assess(black_box(&quiz), black_box(&answers)));
        });
        g.bench_function(BenchmarkId::new("report_build", id), |b| {
            b.iter(|| report::build(black_box(&quiz), black_box(&answers), Some("Sam")));
        });
        g.bench_function(BenchmarkId::new("code_encode", id), |b| {
            b.iter(|| code::encode(black_box(&quiz), black_box(&answers)));
        });
        g.bench_function(BenchmarkId::new("code_decode", id), |b| {
            b.iter(|| code::decode(black_box(&quiz), black_box(&code), &[]).expect("own code"));
        });
    }
    g.finish();
}

/// The growth curve: the same work on generated quizzes of growing size.
fn growth(c: &mut Criterion) {
    let mut g = c.benchmark_group("growth");
    for n in [24usize, 240, 2400] {
        let src = support::generate::quiz_source(n);
        let quiz = load(src.as_bytes()).expect("generated quiz loads");
        assert_eq!(quiz.questions.len(), n);
        let answers = support::answers_for(&quiz);
        let code = code::encode(&quiz, &answers);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("load_validate", n), &src, |b, src| {
            b.iter(|| load(black_box(src.as_bytes())).expect("generated quiz loads"));
        });
        g.bench_with_input(BenchmarkId::new("assess", n), &quiz, |b, q| {
            b.iter(|| scoring::assess(black_box(q), black_box(&answers)));
        });
        g.bench_with_input(BenchmarkId::new("report_build", n), &quiz, |b, q| {
            b.iter(|| report::build(black_box(q), black_box(&answers), None));
        });
        g.bench_with_input(BenchmarkId::new("code_encode", n), &quiz, |b, q| {
            b.iter(|| code::encode(black_box(q), black_box(&answers)));
        });
        g.bench_with_input(BenchmarkId::new("code_decode", n), &quiz, |b, q| {
            b.iter(|| code::decode(black_box(q), black_box(&code), &[]).expect("own code"));
        });
    }
    g.finish();
}

criterion_group!(benches, bundled_load, bundled_scoring, growth);
criterion_main!(benches);
