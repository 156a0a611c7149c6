//! Any bytes as an endorsement envelope and a trusted key set (split at the first 0xFF byte):
//! verification must return a result, never panic, and say why whenever it is not valid.
#![no_main]

use chime_standards::endorse::verify_json;
use chime_standards::{Limits, EXAMPLE_ASSESSMENT_JSON};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (envelope, keys) = match data.iter().position(|&b| b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b"{\"keys\": []}"[..]),
    };
    let assessment = EXAMPLE_ASSESSMENT_JSON.as_bytes();
    let result = verify_json(envelope, assessment, Some(assessment), keys, &Limits::default());
    let errors = result.problems.iter().filter(|d| d.is_error()).count();
    assert_eq!(result.valid, errors == 0 && result.keyid.is_some(), "{result:?}");
    if !result.valid {
        assert!(errors > 0, "an invalid result says why: {result:?}");
    }
});
