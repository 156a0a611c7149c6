//! Where the time goes in scoring, against the floor of a bare JSON round trip.
//!
//! Every group scores the same 100 synthetic assessments (`synthetic_assessment`, seed 1), so
//! throughput reads as assessments per second (and bytes per second of input). Run with
//! `cargo bench -p chime-standards --bench engine`, then `python3 benches/table.py` for the
//! table with ratios.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chime_standards::{parse_json, synthetic_assessment, Assessment, Document, Engine, Limits};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const BATCH: u64 = 100;

fn documents(engine: &Engine) -> Vec<Vec<u8>> {
    (0..BATCH)
        .map(|i| serde_json::to_vec(&synthetic_assessment(engine.framework(), 1, i)).unwrap())
        .collect()
}

fn scoring(c: &mut Criterion) {
    let engine = Engine::default_framework();
    let limits = Limits::default();
    let texts = documents(&engine);
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let assessments: Vec<Assessment> = texts
        .iter()
        .map(|t| parse_json(t, Document::Assessment, &limits).unwrap())
        .collect();
    let reports: Vec<_> = assessments
        .iter()
        .map(|a| engine.score(a).unwrap())
        .collect();

    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(BATCH));
    group.bench_function("baseline_json_roundtrip", |b| {
        b.iter(|| {
            for text in &texts {
                let value: serde_json::Value = serde_json::from_slice(black_box(text)).unwrap();
                black_box(serde_json::to_vec(&value).unwrap());
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
    group.bench_function("serialize", |b| {
        b.iter(|| {
            for report in &reports {
                black_box(serde_json::to_vec(black_box(report)).unwrap());
            }
        })
    });
    group.bench_function("end_to_end", |b| {
        b.iter(|| {
            for text in &texts {
                let report = engine.score_json(black_box(text), &limits).unwrap();
                black_box(serde_json::to_vec(&report).unwrap());
            }
        })
    });
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("end_to_end_bytes", |b| {
        b.iter(|| {
            for text in &texts {
                let report = engine.score_json(black_box(text), &limits).unwrap();
                black_box(serde_json::to_vec(&report).unwrap());
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
