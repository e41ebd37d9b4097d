//! The group-report accumulator over 10,000 results: parsing result files
//! (the lean borrowed view) plus accumulating, accumulating alone, merging
//! per-thread accumulators, and rendering. The end-to-end comparison with
//! reading the files (`find | xargs cat`) is `scripts/bench-aggregate`.
//!
//! Run with `cargo bench --bench aggregate`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use careerfit::bundled::BUNDLED;
use careerfit::core::aggregate::{self, Aggregate, ResultView};
use careerfit::core::load::load;
use careerfit::core::report;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const RESULTS: usize = 10_000;
/// Distinct answer sheets, cycled (scoring 10,000 sheets would only slow set-up).
const DISTINCT: usize = 250;

/// Result files as `careerfit score --format json` writes them.
fn files() -> Vec<Vec<u8>> {
    let quiz = load(BUNDLED[0].2.as_bytes()).expect("bundled quiz loads");
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let distinct: Vec<Vec<u8>> = (0..DISTINCT)
        .map(|i| {
            let answers: Vec<Option<usize>> = quiz
                .questions
                .iter()
                .map(|q| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    Some(seed as usize % q.choices.len())
                })
                .collect();
            let name = format!("p{i}");
            report::build(&quiz, &answers, (i % 3 == 0).then_some(name.as_str()))
                .to_json()
                .into_bytes()
        })
        .collect();
    (0..RESULTS)
        .map(|i| distinct[i % DISTINCT].clone())
        .collect()
}

fn template() -> Aggregate {
    let mut a = Aggregate::new();
    for (_, _, src) in BUNDLED {
        a.expect(&load(src.as_bytes()).expect("bundled quiz loads"));
    }
    a
}

fn accumulate(c: &mut Criterion) {
    let files = files();
    let template = template();
    let views: Vec<ResultView> = files
        .iter()
        .map(|f| ResultView::parse(f).expect("valid result"))
        .collect();
    let mut g = c.benchmark_group("aggregate_10k");
    g.throughput(Throughput::Elements(RESULTS as u64));
    g.sample_size(20);
    g.bench_function("parse_and_add", |b| {
        b.iter(|| {
            let mut a = template.clone();
            for f in &files {
                a.add_json(black_box(f)).expect("valid result");
            }
            a
        });
    });
    g.bench_function("add_parsed", |b| {
        b.iter(|| {
            let mut a = template.clone();
            for v in &views {
                a.add_view(black_box(v)).expect("valid result");
            }
            a
        });
    });
    let mut full = template.clone();
    for v in &views {
        full.add_view(v).expect("valid result");
    }
    g.bench_function("merge_two_halves", |b| {
        b.iter(|| {
            let mut a = full.clone();
            a.merge(black_box(full.clone()));
            a
        });
    });
    g.finish();
    let mut r = c.benchmark_group("aggregate_render");
    r.bench_function("text", |b| b.iter(|| aggregate::text(black_box(&full), 5)));
    r.bench_function("json", |b| b.iter(|| aggregate::json(black_box(&full), 5)));
    r.bench_function("csv_row", |b| {
        let g = &full.ordered()[0];
        b.iter(|| aggregate::csv_row(g, black_box(&views[0])));
    });
    r.finish();
}

criterion_group!(benches, accumulate);
criterion_main!(benches);
