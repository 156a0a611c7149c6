//! Any bytes as several assessments to merge: the input is cut at each 0xFF byte (never in
//! UTF-8 JSON) into up to 64 documents. Merge must give an assessment or located errors in
//! document `input`, never panic; a merged assessment splits and merges back to itself (up to
//! order) and scores or fails cleanly.
#![no_main]

use chime_standards::{merge, merge_json, split, Document, Engine, Limits};
use libfuzzer_sys::fuzz_target;

static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(Engine::default_framework);

fuzz_target!(|data: &[u8]| {
    let inputs: Vec<&[u8]> = data.split(|byte| *byte == 0xFF).take(64).collect();
    match merge_json(&inputs, &Limits::default()) {
        Ok(merged) => {
            let _ = ENGINE.score(&merged);
            let parts = split(&merged);
            if parts.len() >= 2 {
                let again = merge(&parts).expect("the files of one assessment merge");
                assert_eq!(again.raters.len(), merged.raters.len());
                assert_eq!(again.judgements.len(), merged.judgements.len());
                assert_eq!(again.evidence.len(), merged.evidence.len());
            }
        }
        Err(error) => {
            assert!(error.errors().next().is_some(), "a failure carries an error");
            assert!(error.diagnostics.iter().all(|d| d.document == Document::Input));
        }
    }
});
