//! Any bytes as an NDJSON batch: every non-blank line is either scored (one output line) or
//! reported with its line number, and nothing panics.
#![no_main]

use chime_cli::ndjson::score_stream;
use chime_standards::{Engine, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let engine = Engine::default_framework();
    let limits = Limits { max_bytes: 4096 };
    let (mut output, mut errors) = (Vec::new(), Vec::new());
    let tally = score_stream(&engine, "fuzz", data, &mut output, &mut errors, &limits)
        .unwrap_or_else(|e| panic!("writing to memory cannot fail: {e}"));
    let written = output.iter().filter(|b| **b == b'\n').count();
    assert_eq!(written, tally.scored, "one output line per scored line");
    if tally.bad > 0 {
        assert!(!errors.is_empty(), "bad lines are reported");
    }
});
