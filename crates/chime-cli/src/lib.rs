//! The parts of the `chime` command that other code (tests, fuzzing) reuses.

pub mod ndjson;
