//! Any bytes as an NDJSON batch, on one and on two threads: every non-blank line is either
//! scored (one output line) or reported with its line number, both ways give the same
//! output, and nothing panics.
#![no_main]

use chime_cli::ndjson::{score_stream, Options, Tally};
use chime_standards::{Engine, Limits};
use libfuzzer_sys::fuzz_target;

/// Built once: parsing the default framework per input would dominate the run.
static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(Engine::default_framework);

fn run(data: &[u8], jobs: usize) -> (Tally, Vec<u8>, Vec<u8>) {
    let options = Options {
        name: "fuzz",
        limits: Limits { max_bytes: 4096 },
        jobs,
    };
    let (mut output, mut errors) = (Vec::new(), Vec::new());
    let tally = score_stream(&ENGINE, &options, data, &mut output, &mut errors)
        .unwrap_or_else(|e| panic!("writing to memory cannot fail: {e}"));
    (tally, output, errors)
}

fuzz_target!(|data: &[u8]| {
    let (tally, output, errors) = run(data, 1);
    let written = output.iter().filter(|b| **b == b'\n').count();
    assert_eq!(written, tally.scored, "one output line per scored line");
    if tally.bad > 0 {
        assert!(!errors.is_empty(), "bad lines are reported");
    }
    assert_eq!(run(data, 2), (tally, output, errors), "threads change nothing");
});
