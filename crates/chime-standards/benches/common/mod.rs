//! The documents and the two timed steps that `engine.rs` and `share.rs` both measure, written
//! once so the two benches time the very same work.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chime_standards::{parse_json, synthetic_assessment, Assessment, Document, Engine, Limits};

/// Assessments per iteration; `benches/table.py` divides by this.
pub const BATCH: u64 = 100;
/// The seed of `chime generate` (default 1), so the documents are the same bytes.
const SEED: u64 = 1;

/// The first `BATCH` documents of `chime generate --seed 1`, as JSON.
pub fn documents(engine: &Engine) -> Vec<Vec<u8>> {
    (0..BATCH)
        .map(|i| serde_json::to_vec(&synthetic_assessment(engine.framework(), SEED, i)).unwrap())
        .collect()
}

/// Validation and scoring as `end_to_end` runs them: each document parsed just before, the
/// parse not timed, so its data is where the parse left it. Returns the time spent scoring.
pub fn score_just_parsed(engine: &Engine, texts: &[Vec<u8>], limits: &Limits) -> Duration {
    let mut spent = Duration::ZERO;
    for text in texts {
        let assessment: Assessment = parse_json(text, Document::Assessment, limits).unwrap();
        let started = Instant::now();
        black_box(engine.score(black_box(&assessment)).unwrap());
        spent += started.elapsed();
    }
    spent
}

/// What `chime score --ndjson` does per line: `Engine::score_json` + `serde_json::to_vec`.
pub fn end_to_end(engine: &Engine, texts: &[Vec<u8>], limits: &Limits) {
    for text in texts {
        let report = engine.score_json(black_box(text), limits).unwrap();
        black_box(serde_json::to_vec(&report).unwrap());
    }
}
