//! The review module's exports, loaded on first use: framework revisions (spec section 9) and
//! endorsements (spec section 10).

use chime_standards::{parse_json, Document, Error};
use wasm_bindgen::prelude::*;

use crate::{limits, parse_report, thrown, to_json, Thrown};

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
