//! Signing an endorsement, and verifying one exactly as spec section 10 says.

use ed25519_dalek::Signer as _;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::assessment::FrameworkRef;
use crate::diagnostic::{Code, Diagnostic, Document, Error, Severity};
use crate::read::parse::{parse_json, Limits};
use crate::report::REPORT_FORMAT;

use super::canonical::{canonical_json, read_value, value_digest};
use super::dsse::{self, Envelope, Signature, MAX_ENVELOPE_BYTES, MAX_SIGNATURES, PAYLOAD_TYPE};
use super::jwk::{JwkSet, PrivateKey, TrustedKey};
use super::statement::{
    Endorsement, Outcome, Review, Reviewer, Statement, Subject, PREDICATE_TYPE, STATEMENT_TYPE,
};

/// The result of verifying one endorsement (spec section 10).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// True only when a signature verifies with a trusted key, the statement is well formed,
    /// the digests match, the reviewer is the key's, and no problem is an error.
    pub valid: bool,
    /// The thumbprint of the trusted key whose signature verified, if one did.
    pub keyid: Option<String>,
    /// The reviewer the signed statement names (only when a trusted signature verified).
    pub reviewer: Option<Reviewer>,
    /// The signed outcome (only when a trusted signature verified).
    pub outcome: Option<Outcome>,
    /// Every problem found, located in the document it concerns.
    pub problems: Vec<Diagnostic>,
    /// The whole signed predicate (only when a trusted signature verified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement: Option<Endorsement>,
    /// Whether a report was given and its digest checked.
    #[serde(default)]
    pub report_checked: bool,
}

impl Verification {
    /// The result as pretty JSON.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }
}

/// Signs an endorsement of an assessment and the report the engine made of it.
///
/// `assessment` and `report` are the documents' JSON text; each is named by the SHA-256 of its
/// RFC 8785 canonical form, so either may later be reformatted. The framework and assessment id
/// in the predicate are read from the assessment; the report must be of that assessment.
///
/// ```
/// use chime_standards::endorse::{sign_endorsement, verify, JwkSet, PrivateKey, Review};
/// use chime_standards::{Engine, Limits, EXAMPLE_ASSESSMENT_JSON};
///
/// let limits = Limits::default();
/// let assessment = EXAMPLE_ASSESSMENT_JSON.as_bytes();
/// let report = Engine::default_framework().score_json(assessment, &limits)?.to_json();
/// // In real use the 32 bytes come from the operating system's random number generator.
/// let key = PrivateKey::from_bytes([42; 32], Some("lero-north".into()));
/// let review: Review = serde_json::from_str(r#"{"reviewer": {"id": "lero-north", "role": "peer"},
///     "reviewed_on": "2026-03-01", "scope": "evidence_sighted", "outcome": "endorsed"}"#).unwrap();
/// let envelope = sign_endorsement(assessment, report.as_bytes(), &review, &key, &limits)?;
///
/// let trusted = JwkSet { keys: vec![key.public_jwk()] };
/// let result = verify(envelope.to_json().as_bytes(), assessment, Some(report.as_bytes()), &trusted, &limits);
/// assert!(result.valid, "{:?}", result.problems);
/// assert_eq!(result.keyid, Some(key.keyid()));
/// # Ok::<(), chime_standards::Error>(())
/// ```
pub fn sign_endorsement(
    assessment: &[u8],
    report: &[u8],
    review: &Review,
    key: &PrivateKey,
    limits: &Limits,
) -> Result<Envelope, Error> {
    let assessment_value = read_value(assessment, Document::Assessment, limits)?;
    let report_value = read_value(report, Document::Report, limits)?;
    let (id, framework) = identity(&assessment_value)?;
    check_report_is_of(&report_value, &id, &framework)?;
    if let Some(owner) = key.reviewer() {
        if owner != review.reviewer.id {
            return Err(Error::single(
                Code::ReviewerMismatch,
                Document::Keys,
                "/reviewer",
                format!(
                    "the key belongs to reviewer `{owner}`, not `{}`; sign with your own key",
                    review.reviewer.id
                ),
            ));
        }
    }
    let statement = Statement {
        type_: STATEMENT_TYPE.to_string(),
        subject: vec![
            subject("assessment", value_digest(&assessment_value)),
            subject("report", value_digest(&report_value)),
        ],
        predicate_type: PREDICATE_TYPE.to_string(),
        predicate: Endorsement {
            reviewer: review.reviewer.clone(),
            reviewed_on: review.reviewed_on,
            framework,
            assessment: id,
            scope: review.scope,
            outcome: review.outcome,
        },
    };
    // The payload is the statement's canonical JSON, so the same endorsement is the same bytes.
    let payload = canonical_json(&serde_json::to_value(&statement).unwrap_or_default());
    let signature = key
        .signing_key()
        .sign(&dsse::pae(PAYLOAD_TYPE, payload.as_bytes()));
    Ok(Envelope {
        payload_type: PAYLOAD_TYPE.to_string(),
        payload: dsse::encode(payload.as_bytes()),
        signatures: vec![Signature {
            keyid: Some(key.keyid()),
            sig: dsse::encode(&signature.to_bytes()),
        }],
    })
}

fn subject(name: &str, sha256: String) -> Subject {
    Subject {
        name: name.to_string(),
        digest: [("sha256".to_string(), sha256)].into_iter().collect(),
    }
}

/// The assessment's id and framework, read from its JSON value.
fn identity(assessment: &Value) -> Result<(String, FrameworkRef), Error> {
    let text = |pointer: &str| {
        assessment
            .pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| {
                Error::single(
                    Code::MissingField,
                    Document::Assessment,
                    pointer,
                    "an endorsed assessment needs its id and framework {id, version} as strings",
                )
            })
    };
    Ok((
        text("/id")?,
        FrameworkRef {
            id: text("/framework/id")?,
            version: text("/framework/version")?,
        },
    ))
}

fn check_report_is_of(report: &Value, id: &str, framework: &FrameworkRef) -> Result<(), Error> {
    let field = |pointer: &str| report.pointer(pointer).and_then(Value::as_str);
    let checks = [
        ("/format", REPORT_FORMAT),
        ("/assessment", id),
        ("/framework/id", framework.id.as_str()),
        ("/framework/version", framework.version.as_str()),
    ];
    for (pointer, expected) in checks {
        if field(pointer) != Some(expected) {
            return Err(Error::single(
                Code::ReportMismatch,
                Document::Report,
                pointer,
                "this is not the report of the assessment given; score the assessment again \
                 and sign that report",
            ));
        }
    }
    Ok(())
}

/// Verifies an endorsement given as JSON text against the assessment (and, when given, the
/// report) as JSON text, with a trusted key set given as JSON text.
///
/// A key set that cannot be read is a problem of the result, like any other.
pub fn verify_json(
    envelope: &[u8],
    assessment: &[u8],
    report: Option<&[u8]>,
    keys: &[u8],
    limits: &Limits,
) -> Verification {
    match JwkSet::from_json(keys) {
        Ok(keys) => verify(envelope, assessment, report, &keys, limits),
        Err(error) => {
            let mut result = verify(envelope, assessment, report, &JwkSet::default(), limits);
            let mut problems = error.diagnostics;
            problems.append(&mut result.problems);
            result.problems = problems;
            result.valid = false;
            result
        }
    }
}

/// Verifies an endorsement (spec section 10): the envelope as JSON text, the assessment and
/// optionally the report as JSON text, and the trusted keys.
///
/// Every problem is reported, located in its document: `endorsement` (the envelope),
/// `statement` (the decoded payload), `assessment`, `report` or `keys`. Nothing here panics,
/// however hostile the input; envelopes over [`MAX_ENVELOPE_BYTES`] or with more than
/// [`MAX_SIGNATURES`] signatures are refused with `input_too_large`.
pub fn verify(
    envelope: &[u8],
    assessment: &[u8],
    report: Option<&[u8]>,
    keys: &JwkSet,
    limits: &Limits,
) -> Verification {
    let mut problems = Vec::new();
    let (trusted, key_problems) = keys.trusted();
    problems.extend(key_problems);

    let mut result = Verification {
        valid: false,
        keyid: None,
        reviewer: None,
        outcome: None,
        problems: Vec::new(),
        endorsement: None,
        report_checked: false,
    };

    let Some(envelope) = read_envelope(envelope, &mut problems) else {
        result.problems = problems;
        return result;
    };

    if envelope.payload_type != PAYLOAD_TYPE {
        problems.push(malformed(
            Document::Endorsement,
            "/payloadType",
            format!("`payloadType` must be `{PAYLOAD_TYPE}`"),
        ));
    }
    let payload = dsse::decode(&envelope.payload);
    if payload.is_none() {
        problems.push(malformed(
            Document::Endorsement,
            "/payload",
            "`payload` is not base64; the endorsement was cut short or altered, ask for it again",
        ));
    }

    // Signatures: DSSE verifies before it parses.
    let accepted = payload
        .as_deref()
        .and_then(|payload| check_signatures(&envelope, payload, &trusted, &mut problems));
    result.keyid = accepted.map(|key| key.keyid.clone());

    let statement = payload
        .as_deref()
        .and_then(|payload| read_statement(payload, limits, &mut problems));
    if let Some(statement) = &statement {
        check_documents(statement, assessment, report, limits, &mut problems);
        result.report_checked = report.is_some();
        if let Some(owner) = accepted.and_then(|key| key.reviewer.as_deref()) {
            if owner != statement.predicate.reviewer.id {
                problems.push(Diagnostic::new(
                    Severity::Error,
                    Code::ReviewerMismatch,
                    Document::Statement,
                    "/predicate/reviewer/id",
                    format!(
                        "the signing key belongs to reviewer `{owner}`, but the endorsement \
                         names `{}`",
                        statement.predicate.reviewer.id
                    ),
                ));
            }
        }
        if accepted.is_some() {
            result.reviewer = Some(statement.predicate.reviewer.clone());
            result.outcome = Some(statement.predicate.outcome);
            result.endorsement = Some(statement.predicate.clone());
        }
    }

    result.valid =
        accepted.is_some() && statement.is_some() && !problems.iter().any(Diagnostic::is_error);
    result.problems = problems;
    result
}

fn malformed(document: Document, path: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        Code::MalformedEndorsement,
        document,
        path,
        message,
    )
}

/// Reads the envelope; a shape problem becomes `malformed_endorsement` at its place.
fn read_envelope(bytes: &[u8], problems: &mut Vec<Diagnostic>) -> Option<Envelope> {
    let limits = Limits {
        max_bytes: MAX_ENVELOPE_BYTES,
    };
    match parse_json::<Envelope>(bytes, Document::Endorsement, &limits) {
        Ok(envelope) if envelope.signatures.len() > MAX_SIGNATURES => {
            problems.push(Diagnostic::new(
                Severity::Error,
                Code::InputTooLarge,
                Document::Endorsement,
                "/signatures",
                format!(
                    "the envelope carries {} signatures, over the limit of {MAX_SIGNATURES}",
                    envelope.signatures.len()
                ),
            ));
            None
        }
        Ok(envelope) => Some(envelope),
        Err(error) => {
            problems.extend(error.diagnostics.into_iter().map(as_malformed));
            None
        }
    }
}

/// A parse diagnostic of the envelope or statement, as `malformed_endorsement` (size limits
/// keep their own code).
fn as_malformed(mut diagnostic: Diagnostic) -> Diagnostic {
    if diagnostic.code != Code::InputTooLarge {
        diagnostic.message = format!("{} ({})", diagnostic.message, diagnostic.code);
        diagnostic.code = Code::MalformedEndorsement;
    }
    diagnostic
}

/// The first trusted key that verifies a signature; a problem for every signature that fails.
///
/// When one signature verifies, the others' failures are kept as warnings: DSSE accepts an
/// envelope that at least one trusted key signed.
fn check_signatures<'k>(
    envelope: &Envelope,
    payload: &[u8],
    trusted: &'k [TrustedKey],
    problems: &mut Vec<Diagnostic>,
) -> Option<&'k TrustedKey> {
    let mut found = Vec::new();
    if envelope.signatures.is_empty() {
        found.push(malformed(
            Document::Endorsement,
            "/signatures",
            "the envelope carries no signature",
        ));
    }
    let signed = dsse::pae(&envelope.payload_type, payload);
    let mut accepted = None;
    for (i, signature) in envelope.signatures.iter().enumerate() {
        let at = format!("/signatures/{i}");
        let bytes: Option<[u8; 64]> =
            dsse::decode(&signature.sig).and_then(|bytes| bytes.try_into().ok());
        let Some(bytes) = bytes else {
            found.push(malformed(
                Document::Endorsement,
                &format!("{at}/sig"),
                "`sig` is not 64 bytes of base64 (an Ed25519 signature); the endorsement was \
                 cut short or altered",
            ));
            continue;
        };
        let sig = ed25519_dalek::Signature::from_bytes(&bytes);
        let candidates: Vec<&TrustedKey> = match &signature.keyid {
            Some(keyid) => trusted.iter().filter(|key| &key.keyid == keyid).collect(),
            None => trusted.iter().collect(),
        };
        if candidates.is_empty() {
            found.push(Diagnostic::new(
                Severity::Error,
                Code::UntrustedKey,
                Document::Endorsement,
                if signature.keyid.is_some() {
                    format!("{at}/keyid")
                } else {
                    at
                },
                "the key that made this signature is not in the trusted key set; if the reviewer \
                 is trusted, add their public key to the set",
            ));
            continue;
        }
        let verifying = candidates
            .into_iter()
            .find(|key| key.key.verify_strict(&signed, &sig).is_ok());
        match verifying {
            Some(key) => {
                accepted.get_or_insert(key);
            }
            None => found.push(Diagnostic::new(
                Severity::Error,
                Code::SignatureInvalid,
                Document::Endorsement,
                format!("{at}/sig"),
                "the signature does not verify: the payload or the signature was altered after \
                 signing (or it was made by another key than its keyid says)",
            )),
        }
    }
    if accepted.is_some() {
        for diagnostic in &mut found {
            diagnostic.severity = Severity::Warning;
        }
    }
    problems.append(&mut found);
    accepted
}

/// Reads and checks the statement; `None` when it cannot be read at all.
fn read_statement(
    payload: &[u8],
    limits: &Limits,
    problems: &mut Vec<Diagnostic>,
) -> Option<Statement> {
    let statement = match parse_json::<Statement>(payload, Document::Statement, limits) {
        Ok(statement) => statement,
        Err(error) => {
            problems.extend(error.diagnostics.into_iter().map(as_malformed));
            return None;
        }
    };
    if statement.type_ != STATEMENT_TYPE {
        problems.push(malformed(
            Document::Statement,
            "/_type",
            format!("`_type` must be `{STATEMENT_TYPE}`"),
        ));
    }
    if statement.predicate_type != PREDICATE_TYPE {
        problems.push(malformed(
            Document::Statement,
            "/predicateType",
            format!("`predicateType` must be `{PREDICATE_TYPE}`"),
        ));
    }
    let mut seen = Vec::new();
    for (i, subject) in statement.subject.iter().enumerate() {
        let name = subject.name.as_str();
        if !matches!(name, "assessment" | "report") || seen.contains(&name) {
            problems.push(malformed(
                Document::Statement,
                &format!("/subject/{i}/name"),
                "the subjects are one `assessment` and one `report`",
            ));
            continue;
        }
        seen.push(name);
        match subject.digest.get("sha256") {
            None => problems.push(malformed(
                Document::Statement,
                &format!("/subject/{i}/digest"),
                "the subject has no `sha256` digest",
            )),
            Some(hex) if !is_sha256_hex(hex) => problems.push(malformed(
                Document::Statement,
                &format!("/subject/{i}/digest/sha256"),
                "`sha256` is not 64 lowercase hex digits",
            )),
            Some(_) => {}
        }
    }
    for name in ["assessment", "report"] {
        if !seen.contains(&name) {
            problems.push(malformed(
                Document::Statement,
                "/subject",
                format!("the statement names no `{name}` subject"),
            ));
        }
    }
    Some(statement)
}

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Checks the assessment's (and the report's) digest against the statement's subjects.
fn check_documents(
    statement: &Statement,
    assessment: &[u8],
    report: Option<&[u8]>,
    limits: &Limits,
    problems: &mut Vec<Diagnostic>,
) {
    let subject_at = |name: &str| {
        statement
            .subject
            .iter()
            .position(|subject| subject.name == name)
            .and_then(|i| {
                let hex = statement.subject.get(i)?.digest.get("sha256")?;
                is_sha256_hex(hex).then_some((i, hex.as_str()))
            })
    };
    let documents = [
        (Document::Assessment, "assessment", Some(assessment)),
        (Document::Report, "report", report),
    ];
    for (document, name, bytes) in documents {
        let Some(bytes) = bytes else { continue };
        let value = match read_value(bytes, document, limits) {
            Ok(value) => value,
            Err(error) => {
                problems.extend(error.diagnostics);
                continue;
            }
        };
        let Some((i, endorsed)) = subject_at(name) else {
            continue;
        };
        if value_digest(&value) != endorsed {
            problems.push(Diagnostic::new(
                Severity::Error,
                Code::DigestMismatch,
                Document::Statement,
                format!("/subject/{i}/digest/sha256"),
                format!(
                    "the {name} given is not the one endorsed: its content differs (layout and \
                     key order do not matter); check you have the {name} the reviewer saw"
                ),
            ));
        } else if document == Document::Assessment {
            check_predicate_names(statement, &value, problems);
        }
    }
}

/// The predicate's assessment id and framework are those of the (matching) assessment.
fn check_predicate_names(
    statement: &Statement,
    assessment: &Value,
    problems: &mut Vec<Diagnostic>,
) {
    let Ok((id, framework)) = identity(assessment) else {
        return;
    };
    if statement.predicate.assessment != id {
        problems.push(malformed(
            Document::Statement,
            "/predicate/assessment",
            "the endorsement names another assessment id than the assessment it digests",
        ));
    }
    if statement.predicate.framework != framework {
        problems.push(malformed(
            Document::Statement,
            "/predicate/framework",
            "the endorsement names another framework than the assessment it digests",
        ));
    }
}
