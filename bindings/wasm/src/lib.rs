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
//! The TypeScript declarations of the documents come from the core's types through its `tsify`
//! feature, so they cannot drift from the Rust types or the JSON Schemas. The schemas
//! themselves are not in this module: the build writes them into the JavaScript package
//! (`schemas.js`), which keeps them out of the `.wasm` every page downloads.

use chime_standards::{
    parse_json, render, Code, Diagnostic, Document, Error, Limits, Report, Severity,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The allocator: talc instead of the standard library's dlmalloc port makes the module 3 KB
/// smaller gzipped and scoring in Node about 2.5% slower (benches/node_bench.mjs: 241 µs
/// against 235 µs an assessment). `WasmDynamicTalc` needs a single-threaded module (no
/// `atomics`), which this is.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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

/// The largest document accepted, in bytes (the core's default limit).
///
/// The wrapper refuses longer strings before copying them into WebAssembly memory.
#[wasm_bindgen]
pub fn max_input_bytes() -> usize {
    limits().max_bytes
}

/// The crate version (the npm package has the same).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The words of every status, award, severity and document name, by kind and JSON name
/// (JSON), from the core's tables.
#[wasm_bindgen]
pub fn vocabulary() -> String {
    to_json(&chime_standards::vocabulary())
}

/// The engine's summary of a failure (`chime_standards::summary`) for diagnostics given as a
/// JSON array: "1 problem stops scoring", then each error on its own line. The wrapper uses it
/// for the errors it finds itself, so every message has the core's wording.
#[wasm_bindgen]
pub fn summary(diagnostics: &str) -> Result<String, Thrown> {
    let diagnostics: Vec<Diagnostic> = serde_json::from_str(diagnostics).map_err(|error| {
        thrown(&Error::new(vec![Diagnostic::new(
            Severity::Error,
            Code::InvalidJson,
            Document::Report,
            "",
            format!("expected a JSON array of diagnostics: {error}"),
        )]))
    })?;
    Ok(chime_standards::summary(&diagnostics))
}

/// Compares two reports (JSON) of one organisation.
#[wasm_bindgen]
pub fn compare(before: &str, after: &str) -> Result<String, Thrown> {
    let before = parse_report(before)?;
    let after = parse_report(after)?;
    chime_standards::compare(&before, &after)
        .map(|comparison| to_json(&comparison))
        .map_err(|error| thrown(&error))
}

/// Pools reports, given as one JSON array, into cohort statistics.
#[wasm_bindgen]
pub fn cohort(reports: &str) -> Result<String, Thrown> {
    let reports: Vec<Report> =
        parse_json(reports.as_bytes(), Document::Report, &limits()).map_err(|e| thrown(&e))?;
    chime_standards::cohort(&reports)
        .map(|pooled| to_json(&pooled))
        .map_err(|error| thrown(&error))
}

/// The SVG radar chart of a report (JSON), labelled with domain codes from the report alone.
#[wasm_bindgen]
pub fn render_svg(report: &str) -> Result<String, Thrown> {
    let report = parse_report(report)?;
    Ok(render::svg(&report, None))
}

/// Verifies an endorsement (spec section 10): every argument is JSON text, `report` optional.
/// Returns the verification result as JSON; never throws (every problem is in the result).
#[wasm_bindgen]
pub fn verify(envelope: &str, assessment: &str, report: Option<String>, keys: &str) -> String {
    to_json(&chime_standards::endorse::verify_json(
        envelope.as_bytes(),
        assessment.as_bytes(),
        report.as_deref().map(str::as_bytes),
        keys.as_bytes(),
        &limits(),
    ))
}

/// Signs an endorsement of an assessment and its report (JSON texts) with a private JWK
/// (JSON); `review` is the JSON of `{reviewer, reviewed_on, scope, outcome}`. Returns the
/// envelope as JSON.
#[wasm_bindgen]
pub fn sign_endorsement(
    assessment: &str,
    report: &str,
    review: &str,
    key: &str,
) -> Result<String, Thrown> {
    let review: chime_standards::endorse::Review =
        parse_json(review.as_bytes(), Document::Endorsement, &limits()).map_err(|e| thrown(&e))?;
    let key = chime_standards::endorse::PrivateKey::from_jwk_json(key.as_bytes())
        .map_err(|error| thrown(&error))?;
    chime_standards::endorse::sign_endorsement(
        assessment.as_bytes(),
        report.as_bytes(),
        &review,
        &key,
        &limits(),
    )
    .map(|envelope| to_json(&envelope))
    .map_err(|error| thrown(&error))
}

/// A private JWK (JSON) from 32 random bytes the caller drew (`crypto.getRandomValues`).
#[wasm_bindgen]
pub fn key_from_bytes(seed: &[u8], reviewer: Option<String>) -> Result<String, Thrown> {
    let seed: [u8; 32] = seed.try_into().map_err(|_| {
        thrown(&Error::single(
            chime_standards::Code::InvalidKey,
            Document::Keys,
            "",
            "a key is made from exactly 32 random bytes",
        ))
    })?;
    let key = chime_standards::endorse::PrivateKey::from_bytes(seed, reviewer);
    Ok(to_json(&key.private_jwk()))
}

/// The public JWK (JSON) of a private JWK (JSON).
#[wasm_bindgen]
pub fn public_key(key: &str) -> Result<String, Thrown> {
    chime_standards::endorse::PrivateKey::from_jwk_json(key.as_bytes())
        .map(|key| to_json(&key.public_jwk()))
        .map_err(|error| thrown(&error))
}

/// A framework checked once and indexed, ready to validate and score many assessments.
#[wasm_bindgen]
pub struct Engine {
    inner: chime_standards::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// Parses and checks a framework (JSON); throws every error found.
    #[wasm_bindgen(constructor)]
    pub fn new(framework: &str) -> Result<Engine, Thrown> {
        chime_standards::Engine::from_json(framework.as_bytes(), &limits())
            .map(|inner| Engine { inner })
            .map_err(|error| thrown(&error))
    }

    /// The embedded default framework, `chime-lero`.
    pub fn default_framework() -> Engine {
        Engine {
            inner: chime_standards::Engine::default_framework(),
        }
    }

    /// The framework as JSON, with every default filled in.
    pub fn framework_json(&self) -> String {
        to_json(self.inner.framework())
    }

    /// Warnings about the framework itself, as a JSON array of diagnostics.
    pub fn warnings_json(&self) -> String {
        to_json(self.inner.framework_warnings())
    }

    /// Every problem with an assessment (JSON) against this framework, as a JSON array of
    /// diagnostics. An assessment that cannot be read gives the diagnostics of why; this never
    /// throws.
    pub fn validate(&self, assessment: &str) -> String {
        match parse_json(assessment.as_bytes(), Document::Assessment, &limits()) {
            Ok(assessment) => to_json(&self.inner.validate(&assessment)),
            Err(error) => to_json(&error.diagnostics),
        }
    }

    /// Scores an assessment (JSON) and returns the report as JSON; throws every error found.
    pub fn score(&self, assessment: &str) -> Result<String, Thrown> {
        self.inner
            .score_json(assessment.as_bytes(), &limits())
            .map(|report| to_json(&report))
            .map_err(|error| thrown(&error))
    }

    /// The SVG radar chart of a report (JSON), labelled with this framework's domain names.
    pub fn render_svg(&self, report: &str) -> Result<String, Thrown> {
        let report = parse_report(report)?;
        Ok(render::svg(&report, Some(self.inner.framework())))
    }

    /// A self-contained HTML page of a report (JSON), with this framework's titles.
    pub fn render_html(&self, report: &str) -> Result<String, Thrown> {
        let report = parse_report(report)?;
        Ok(render::html(&report, self.inner.framework()))
    }
}

/// Merges several raters' assessments (each JSON text) into one (spec section 7); throws
/// every mismatch and conflict, located in the list of inputs (document `input`).
#[wasm_bindgen]
pub fn merge(inputs: Vec<String>) -> Result<String, Thrown> {
    let slices: Vec<&[u8]> = inputs.iter().map(|input| input.as_bytes()).collect();
    chime_standards::merge_json(&slices, &limits())
        .map(|merged| to_json(&merged))
        .map_err(|error| thrown(&error))
}

/// One assessment per rater plus one of the agreed judgements, as a JSON array (the inverse
/// of [`merge`]).
#[wasm_bindgen]
pub fn split(assessment: &str) -> Result<String, Thrown> {
    let assessment = parse_json(assessment.as_bytes(), Document::Assessment, &limits())
        .map_err(|error| thrown(&error))?;
    Ok(to_json(&chime_standards::split(&assessment)))
}

// Framework revisions (spec section 9). Frameworks cross as JSON text like every other
// document, and are checked on each call (a framework is read in well under a millisecond).

fn framework_of(text: &str) -> Result<chime_standards::Engine, Thrown> {
    chime_standards::Engine::from_json(text.as_bytes(), &limits()).map_err(|error| thrown(&error))
}

fn mapping_of(text: &str) -> Result<chime_standards::Mapping, Thrown> {
    parse_json(text.as_bytes(), Document::Mapping, &limits()).map_err(|error| thrown(&error))
}

/// The changes document (JSON) between two versions of a framework (JSON).
#[wasm_bindgen]
pub fn diff(old: &str, new: &str) -> Result<String, Thrown> {
    let (old, new) = (framework_of(old)?, framework_of(new)?);
    chime_standards::diff(old.framework(), new.framework())
        .map(|changes| to_json(&changes))
        .map_err(|error| thrown(&error))
}

/// The changes between two versions of a framework as text for a standards editor.
#[wasm_bindgen]
pub fn changes_text(old: &str, new: &str) -> Result<String, Thrown> {
    let (old, new) = (framework_of(old)?, framework_of(new)?);
    chime_standards::diff(old.framework(), new.framework())
        .map(|changes| chime_standards::changes_text(&changes))
        .map_err(|error| thrown(&error))
}

/// A draft mapping (JSON) from one framework (JSON) to another, for a person to finish.
#[wasm_bindgen]
pub fn draft_mapping(old: &str, new: &str) -> Result<String, Thrown> {
    let (old, new) = (framework_of(old)?, framework_of(new)?);
    Ok(to_json(&chime_standards::draft_mapping(
        old.framework(),
        new.framework(),
    )))
}

/// Every problem with a mapping (JSON) against both frameworks, as a JSON array of
/// diagnostics; a mapping that cannot be read gives the diagnostics of why. Throws only when a
/// framework cannot be used.
#[wasm_bindgen]
pub fn validate_mapping(mapping: &str, old: &str, new: &str) -> Result<String, Thrown> {
    let (old, new) = (framework_of(old)?, framework_of(new)?);
    Ok(
        match parse_json(mapping.as_bytes(), Document::Mapping, &limits()) {
            Ok(mapping) => to_json(&chime_standards::validate_mapping(
                &mapping,
                old.framework(),
                new.framework(),
            )),
            Err(error) => to_json(&error.diagnostics),
        },
    )
}

/// Migrates an assessment (JSON) with a mapping (JSON) onto a new framework (JSON); returns
/// `{assessment, diagnostics}` as JSON; throws every error found.
#[wasm_bindgen]
pub fn migrate(assessment: &str, mapping: &str, new: &str) -> Result<String, Thrown> {
    let assessment = parse_json(assessment.as_bytes(), Document::Assessment, &limits())
        .map_err(|error| thrown(&error))?;
    let mapping = mapping_of(mapping)?;
    let new = framework_of(new)?;
    chime_standards::migrate(&assessment, &mapping, new.framework())
        .map(|migration| to_json(&migration))
        .map_err(|error| thrown(&error))
}

/// Compares two reports (JSON) on two versions of a framework, following a mapping (JSON).
#[wasm_bindgen]
pub fn compare_with_mapping(before: &str, after: &str, mapping: &str) -> Result<String, Thrown> {
    let before = parse_report(before)?;
    let after = parse_report(after)?;
    let mapping = mapping_of(mapping)?;
    chime_standards::compare_with_mapping(&before, &after, Some(&mapping))
        .map(|comparison| to_json(&comparison))
        .map_err(|error| thrown(&error))
}
