//! Where the time goes in scoring, against the floor of a bare JSON round trip.
//!
//! Every benchmark of the `engine` group works on the same 100 synthetic assessments
//! (`synthetic_assessment`, seed 1, indexes 0..100: the first 100 lines of
//! `chime generate --seed 1`), about 13.8 KB of JSON each. Each benchmark's throughput is
//! recorded in bytes (input JSON, or report JSON for `serialize`), so criterion prints MiB/s;
//! `python3 benches/table.py` prints the table in assessments/s and MB/s with the ratio of
//! each step to the bare `serde_json` round trip.
//!
//! ```sh
//! cargo bench -p chime-standards --bench engine
//! python3 benches/table.py
//! ```
//!
//! The steps:
//!
//! - `baseline_json_roundtrip`: `serde_json::Value` parse + compact serialise of the same
//!   documents (the floor: what any program that reads and writes this JSON pays);
//! - `baseline_json_parse`: the `Value` parse alone;
//! - `parse`: `parse_json::<Assessment>` (typed; a failure is then located separately);
//! - `validate`: `Engine::validate` of a parsed assessment;
//! - `score`: `Engine::score` of a parsed assessment (validation + scoring + report);
//! - `score_cached`: as `score`, but 20 times each of the first 5 assessments, so their data
//!   is in the CPU's caches (`score` reads each document cold);
//! - `score_just_parsed`: `Engine::score` of each document right after it is parsed (the parse
//!   not timed), as `end_to_end` runs it: the part of `end_to_end` that is validation and
//!   scoring;
//! - `serialize`: the report to compact JSON;
//! - `end_to_end`: `Engine::score_json` + `serde_json::to_vec` (what `chime score --ndjson`
//!   does per line).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;

use chime_standards::{parse_json, Assessment, Document, Engine, Limits};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use common::{documents, end_to_end, score_just_parsed};

fn scoring(c: &mut Criterion) {
    let engine = Engine::default_framework();
    let limits = Limits::default();
    let texts = documents(&engine);
    let input_bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let assessments: Vec<Assessment> = texts
        .iter()
        .map(|t| parse_json(t, Document::Assessment, &limits).unwrap())
        .collect();
    let reports: Vec<_> = assessments
        .iter()
        .map(|a| engine.score(a).unwrap())
        .collect();
    let output_bytes: u64 = reports
        .iter()
        .map(|r| serde_json::to_vec(r).unwrap().len() as u64)
        .sum();

    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(input_bytes));
    group.bench_function("baseline_json_roundtrip", |b| {
        b.iter(|| {
            for text in &texts {
                let value: serde_json::Value = serde_json::from_slice(black_box(text)).unwrap();
                black_box(serde_json::to_vec(&value).unwrap());
            }
        })
    });
    group.bench_function("baseline_json_parse", |b| {
        b.iter(|| {
            for text in &texts {
                let value: serde_json::Value = serde_json::from_slice(black_box(text)).unwrap();
                black_box(value);
            }
        })
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(
                    parse_json::<Assessment>(black_box(text), Document::Assessment, &limits)
                        .unwrap(),
                );
            }
        })
    });
    group.bench_function("validate", |b| {
        b.iter(|| {
            for assessment in &assessments {
                black_box(engine.validate(black_box(assessment)));
            }
        })
    });
    group.bench_function("score", |b| {
        b.iter(|| {
            for assessment in &assessments {
                black_box(engine.score(black_box(assessment)).unwrap());
            }
        })
    });
    // The same 100 scores, of the first 5 assessments 20 times each: their data stays in
    // the CPU's caches, as it is in `end_to_end`, where each document was just parsed.
    group.bench_function("score_cached", |b| {
        b.iter(|| {
            for assessment in assessments.iter().take(5) {
                for _ in 0..20 {
                    black_box(engine.score(black_box(assessment)).unwrap());
                }
            }
        })
    });
    // Validation and scoring as `end_to_end` runs them (`score_json` is `parse_json` then
    // `score`): each document parsed just before, untimed, so its data is where the parse
    // left it. `score` instead reads documents parsed long before, out of the caches.
    group.bench_function("score_just_parsed", |b| {
        b.iter_custom(|iterations| {
            (0..iterations)
                .map(|_| score_just_parsed(&engine, &texts, &limits))
                .sum()
        })
    });
    group.bench_function("end_to_end", |b| {
        b.iter(|| end_to_end(&engine, &texts, &limits))
    });
    group.throughput(Throughput::Bytes(output_bytes));
    group.bench_function("serialize", |b| {
        b.iter(|| {
            for report in &reports {
                black_box(serde_json::to_vec(black_box(report)).unwrap());
            }
        })
    });
    group.finish();

    c.bench_function("engine_build_default_framework", |b| {
        b.iter(Engine::default_framework)
    });
}

criterion_group!(benches, scoring);
criterion_main!(benches);
