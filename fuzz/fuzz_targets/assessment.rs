//! Any bytes as an assessment against the default framework: parse, validate and score must
//! return a report or located errors, never panic; a report must hold scores in 0..=100.
#![no_main]

use chime_standards::{Engine, Limits};
use libfuzzer_sys::fuzz_target;

/// Built once: parsing the default framework per input would dominate the run.
static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(Engine::default_framework);

fuzz_target!(|data: &[u8]| {
    let engine = &*ENGINE;
    match engine.score_json(data, &Limits::default()) {
        Ok(report) => {
            let scores = report.domains.iter().filter_map(|d| d.score).chain(report.overall.score);
            for score in scores.chain(report.standards.iter().filter_map(|s| s.score)) {
                assert!((0.0..=100.0).contains(&score), "score {score}");
            }
            let again = chime_standards::parse_json::<chime_standards::Report>(
                report.to_json().as_bytes(),
                chime_standards::Document::Report,
                &Limits::default(),
            );
            assert_eq!(again.ok().as_ref(), Some(&report), "reports round-trip");
        }
        Err(error) => assert!(error.errors().next().is_some(), "a failure carries an error"),
    }
});
