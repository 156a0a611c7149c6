//! Merging raters' files, and what agreement costs beside scoring (spec sections 7 and 8).
//!
//! ```sh
//! cargo bench -p chime-standards --bench merge
//! ```
//!
//! - `merge/20_rater_files`: one assessment of the default framework with 20 raters who rate
//!   every standard (synthetic seed 1, index 0, its raters widened to 20), split into 21 files
//!   (20 raters and the agreed one), merged back from parsed assessments;
//! - `merge/20_rater_files_json`: the same from JSON text (parse + merge), as `chime merge` does;
//! - `agreement/score_100`: `Engine::score` of the 100 synthetic assessments of the engine
//!   bench (agreement included);
//! - `agreement/alpha_100`: the agreement blocks of those 100 reports alone (the report's and
//!   each domain's alpha from `raters.levels`), for agreement's share of scoring.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chime_standards::{
    alpha_ordinal, merge, merge_json, split, synthetic_assessment, Engine, Judgement, Limits,
    Rater, RaterRole, Rating, StandardStatus,
};
use criterion::{criterion_group, criterion_main, Criterion};

fn twenty_raters(engine: &Engine) -> chime_standards::Assessment {
    let mut assessment = synthetic_assessment(engine.framework(), 1, 0);
    assessment.judgements.retain(|j| j.rater.is_none());
    assessment.raters = (1..=20)
        .map(|i| Rater {
            id: format!("r{i}"),
            role: RaterRole::Member,
            lived_experience: i % 3 != 0,
        })
        .collect();
    let evidence: Vec<String> = assessment.evidence.iter().map(|e| e.id.clone()).collect();
    for (s, standard) in engine.framework().standards.iter().enumerate() {
        for (r, rater) in assessment.raters.iter().enumerate() {
            assessment.judgements.push(Judgement {
                standard: standard.id.clone(),
                rater: Some(rater.id.clone()),
                rating: Rating::Level(((s + r) % 5) as i32),
                justification: None,
                evidence: evidence.iter().skip((s + r) % 7).take(2).cloned().collect(),
                narrative: None,
                strengths: None,
                actions: Vec::new(),
            });
        }
    }
    assessment
}

fn merging(c: &mut Criterion) {
    let engine = Engine::default_framework();
    let assessment = twenty_raters(&engine);
    engine.score(&assessment).unwrap();
    let files = split(&assessment);
    assert_eq!(files.len(), 21);
    let texts: Vec<Vec<u8>> = files
        .iter()
        .map(|f| serde_json::to_vec(f).unwrap())
        .collect();
    let slices: Vec<&[u8]> = texts.iter().map(Vec::as_slice).collect();
    let limits = Limits::default();
    let mut group = c.benchmark_group("merge");
    group.bench_function("20_rater_files", |b| {
        b.iter(|| merge(black_box(&files)).unwrap())
    });
    group.bench_function("20_rater_files_json", |b| {
        b.iter(|| merge_json(black_box(&slices), &limits).unwrap())
    });
    group.finish();
}

fn agreement(c: &mut Criterion) {
    let engine = Engine::default_framework();
    let assessments: Vec<_> = (0..100)
        .map(|i| synthetic_assessment(engine.framework(), 1, i))
        .collect();
    let reports: Vec<_> = assessments
        .iter()
        .map(|a| engine.score(a).unwrap())
        .collect();
    let mut group = c.benchmark_group("agreement");
    group.bench_function("score_100", |b| {
        b.iter(|| {
            for assessment in &assessments {
                black_box(engine.score(black_box(assessment)).unwrap());
            }
        })
    });
    group.bench_function("alpha_100", |b| {
        b.iter(|| {
            for report in &reports {
                let units = report
                    .standards
                    .iter()
                    .filter(|s| s.status != StandardStatus::NotApplicable);
                black_box(alpha_ordinal(
                    units.clone().map(|s| s.raters.levels.as_slice()),
                ));
                for domain in &report.domains {
                    let tagged = units.clone().filter(|s| {
                        domain
                            .contributions
                            .iter()
                            .any(|c| c.standard == s.standard)
                    });
                    black_box(alpha_ordinal(tagged.map(|s| s.raters.levels.as_slice())));
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, merging, agreement);
criterion_main!(benches);
