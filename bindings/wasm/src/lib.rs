//! WebAssembly bindings of [`chime_standards`], published to npm as `chime-standards`.
//!
//! This crate is the private, string-based half of the package. Every document crosses the
//! boundary as JSON text: the JavaScript wrapper (`bindings/wasm/js/api.ts`) writes plain objects
//! with `JSON.stringify`, this crate reads them with [`parse_json`] (so malformed input gets the
//! same located diagnostics as in Rust, Python and the CLI) and writes results with
//! `serde_json`, and the wrapper turns them back into plain objects with `JSON.parse`.
//!
//! Failures are thrown as a JSON string `{"message", "code", "diagnostics"}` that the wrapper
//! turns into a `ChimeError`. Nothing here panics on any input: the wasm build uses
//! `panic = "abort"`, where a panic would be a trap.
//!
//! The package is two WebAssembly modules built from this crate with different features, so
//! that a page that only rates and scores downloads only what it uses:
//! - `engine` (the main module, loaded by `init()`): frameworks, validation, scoring,
//!   rendering, merge and split, compare and cohort;
//! - `review` (loaded on first use: `initReview()` on the web, synchronously in Node.js):
//!   framework revisions (diff, mappings, migration, compare across versions) and
//!   endorsements (sign, verify, keys), which only standards editors and reviewers need, and
//!   which are a third of the code (Ed25519, SHA-2, the RFC 8785 canonicalizer and their
//!   documents' readers).
//!
//! The default (both features) is what the Rust tests and `cargo doc` see.
//!
//! The TypeScript declarations of the documents come from the core's types through its `tsify`
//! feature, so they cannot drift from the Rust types or the JSON Schemas. The schemas
//! themselves are not in this module: the build writes them into the JavaScript package
//! (`schemas.js`), which keeps them out of the `.wasm` every page downloads.

// Built with neither module's feature, only the shared helpers are left, unused.
#![cfg_attr(not(any(feature = "engine", feature = "review")), allow(dead_code))]

use chime_standards::{parse_json, Diagnostic, Document, Error, Limits, Report};
use serde::Serialize;

#[cfg(feature = "engine")]
mod engine;
#[cfg(feature = "engine")]
pub use engine::{
    agreement_text, cohort, compare, max_input_bytes, merge, render_svg, split, summary, version,
    vocabulary, Engine,
};
#[cfg(feature = "review")]
mod review;
#[cfg(feature = "review")]
pub use review::{
    changes_text, compare_with_mapping, diff, draft_mapping, key_from_bytes, migrate, public_key,
    sign_endorsement, validate_mapping, verify,
};

/// What a failed call throws: JSON text that the JavaScript wrapper turns into a `ChimeError`.
type Thrown = String;

/// The error payload, as JSON.
#[derive(Serialize)]
struct Failure<'a> {
    message: String,
    code: Option<&'static str>,
    diagnostics: &'a [Diagnostic],
}

fn thrown(error: &Error) -> Thrown {
    to_json(&Failure {
        message: error.to_string(),
        code: error.code().map(|code| code.as_str()),
        diagnostics: &error.diagnostics,
    })
}

/// Compact JSON of one of our own types. It cannot fail: string keys only, and validation keeps
/// non-finite numbers out.
fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn limits() -> Limits {
    Limits::default()
}

fn parse_report(text: &str) -> Result<Report, Thrown> {
    parse_json(text.as_bytes(), Document::Report, &limits()).map_err(|error| thrown(&error))
}
