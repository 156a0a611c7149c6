//! Endorsements (spec section 10): the published examples of the standards they build on
//! (RFC 8785, DSSE, RFC 8032/8037), and every way an endorsement can be wrong, each refused
//! with its code and place.

// A failing test should stop loudly at the line that failed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chime_standards::endorse::{
    canonical_json, pae, read_value, sign_endorsement, verify, verify_json, Envelope, Jwk, JwkSet,
    Outcome, PrivateKey, Review, MAX_SIGNATURES,
};
use chime_standards::{Code, Document, Engine, Limits, Severity, EXAMPLE_ASSESSMENT_JSON};
use proptest::prelude::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------- RFC 8785 --------------

fn canonical(text: &str) -> String {
    canonical_json(&serde_json::from_str(text).unwrap())
}

/// RFC 8785 section 3.2.2: the serialization of primitive data types.
#[test]
fn rfc8785_primitives_example() {
    let input = r#"{
      "numbers": [333333333.33333329, 1E30, 4.50,
                  2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }"#;
    let expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assert_eq!(canonical(input), expected);
}

/// RFC 8785 section 3.2.3: properties sorted by their UTF-16 code units.
#[test]
fn rfc8785_sorting_example() {
    let input = r#"{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }"#;
    let names: Vec<String> = {
        let text = canonical(input);
        let value: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
        // serde_json's map keeps the text's order only with preserve_order; read the order
        // from the text itself instead.
        let mut names = Vec::new();
        for (name, _) in value {
            let at = text.find(&format!("\"{}\":", escape(&name))).unwrap();
            names.push((at, name));
        }
        names.sort();
        names.into_iter().map(|(_, name)| name).collect()
    };
    let expected = [
        "\r",
        "1",
        "\u{80}",
        "\u{f6}",
        "\u{20ac}",
        "\u{1f600}",
        "\u{fb33}",
    ];
    assert_eq!(names, expected);
    assert!(canonical(input).starts_with(r#"{"\r":"Carriage Return","1":"One","#));
}

fn escape(name: &str) -> String {
    if name == "\r" {
        "\\r".to_string()
    } else {
        name.to_string()
    }
}

/// RFC 8785 appendix B: numbers, given as IEEE 754 bit patterns, and their canonical text.
/// (Each expected text was also checked against Python's shortest round-trip `repr`.)
#[test]
fn rfc8785_number_examples() {
    let cases: [(u64, &str); 25] = [
        (0x0000000000000000, "0"),
        (0x8000000000000000, "0"),
        (0x0000000000000001, "5e-324"),
        (0x8000000000000001, "-5e-324"),
        (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0xffefffffffffffff, "-1.7976931348623157e+308"),
        (0x4340000000000000, "9007199254740992"),
        (0xc340000000000000, "-9007199254740992"),
        (0x4430000000000000, "295147905179352830000"),
        (0x44b52d02c7e14af5, "9.999999999999997e+22"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x444b1ae4d6e2ef4e, "999999999999999700000"),
        (0x444b1ae4d6e2ef4f, "999999999999999900000"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
        (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x41b3de4355555553, "333333333.3333332"),
        (0x41b3de4355555554, "333333333.33333325"),
        (0x41b3de4355555555, "333333333.3333333"),
        (0x41b3de4355555556, "333333333.3333334"),
        (0x41b3de4355555557, "333333333.33333343"),
        (0xbecbf647612f3696, "-0.0000033333333333333333"),
        (0x43143ff3c1cb0959, "1424953923781206.2"),
        (0x3ff0000000000000, "1"),
    ];
    for (bits, expected) in cases {
        let value = json!([f64::from_bits(bits)]);
        assert_eq!(
            canonical_json(&value),
            format!("[{expected}]"),
            "{bits:#018x}"
        );
    }
}

#[test]
fn canonical_form_ignores_layout_and_key_order() {
    let a = canonical(r#"{"b": {"y": 1.0, "x": [true, null]}, "a": "é"}"#);
    let b = canonical("{\n  \"a\" : \"\\u00e9\",\n  \"b\" : {\"x\":[true,null],\"y\":1}\n}");
    assert_eq!(a, b);
    assert_eq!(a, r#"{"a":"é","b":{"x":[true,null],"y":1}}"#);
}

#[test]
fn digestible_json_is_i_json() {
    let limits = Limits::default();
    let read = |text: &str| read_value(text.as_bytes(), Document::Assessment, &limits);
    let twice = read(r#"{"a": {"b": 1, "b": 2}}"#).unwrap_err();
    assert_eq!(twice.code(), Some(Code::DuplicateKey));
    assert_eq!(twice.diagnostics[0].path, "/a/b");
    let long = read(r#"{"n": [9007199254740993]}"#).unwrap_err();
    assert_eq!(long.code(), Some(Code::InvalidValue));
    assert_eq!(long.diagnostics[0].path, "/n/0");
    assert!(read(r#"{"n": [9007199254740991, -9007199254740991, 1e300]}"#).is_ok());
    let broken = read(r#"{"a": "#).unwrap_err();
    assert_eq!(broken.code(), Some(Code::InvalidJson));
}

// ---------------------------------------------------------------- DSSE, RFC 8032/8037 ----

/// The example in DSSE's protocol.md.
#[test]
fn dsse_pae_example() {
    assert_eq!(
        pae("http://example.com/HelloWorld", b"hello world"),
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
    );
    // Lengths are bytes, not characters.
    assert_eq!(pae("é", b""), "DSSEv1 2 é 0 ".as_bytes().to_vec());
}

fn hex32(text: &str) -> [u8; 32] {
    let bytes: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    bytes.try_into().unwrap()
}

/// RFC 8032 section 7.1 test 1 is the key of RFC 8037 appendix A, whose thumbprint A.3 gives.
#[test]
fn rfc8032_and_rfc8037_key_vectors() {
    let key = PrivateKey::from_bytes(
        hex32("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
        None,
    );
    let public = key.public_jwk();
    assert_eq!(public.x, "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    assert_eq!(key.keyid(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    assert_eq!(
        key.private_jwk().d.as_deref(),
        Some("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")
    );
    // The private JWK reads back as the same key; a public one cannot sign.
    let text = serde_json::to_string(&key.private_jwk()).unwrap();
    assert_eq!(
        PrivateKey::from_jwk_json(text.as_bytes()).unwrap().keyid(),
        key.keyid()
    );
    let public_text = serde_json::to_string(&public).unwrap();
    let error = PrivateKey::from_jwk_json(public_text.as_bytes()).unwrap_err();
    assert_eq!(error.code(), Some(Code::InvalidKey));
}

#[test]
fn a_private_key_whose_x_was_swapped_is_refused() {
    let mut jwk = PrivateKey::from_bytes([1; 32], None).private_jwk();
    jwk.x = PrivateKey::from_bytes([2; 32], None).public_jwk().x;
    let error = PrivateKey::from_jwk(&jwk, "").unwrap_err();
    assert_eq!(
        (error.code(), error.diagnostics[0].path.as_str()),
        (Some(Code::InvalidKey), "/x")
    );
}

// ---------------------------------------------------------------- sign and verify ------

struct Signed {
    assessment: String,
    report: String,
    envelope: String,
    keys: JwkSet,
}

fn review(reviewer: &str) -> Review {
    serde_json::from_value(json!({
        "reviewer": {"id": reviewer, "role": "peer", "organisation": "lero-north"},
        "reviewed_on": "2026-03-01",
        "scope": "evidence_sighted",
        "outcome": "endorsed_with_conditions",
    }))
    .unwrap()
}

fn key() -> PrivateKey {
    PrivateKey::from_bytes([42; 32], Some("reviewer-a".to_string()))
}

fn signed() -> Signed {
    let limits = Limits::default();
    let assessment = EXAMPLE_ASSESSMENT_JSON.to_string();
    let report = Engine::default_framework()
        .score_json(assessment.as_bytes(), &limits)
        .unwrap()
        .to_json();
    let key = key();
    let envelope = sign_endorsement(
        assessment.as_bytes(),
        report.as_bytes(),
        &review("reviewer-a"),
        &key,
        &limits,
    )
    .unwrap()
    .to_json();
    Signed {
        assessment,
        report,
        envelope,
        keys: JwkSet {
            keys: vec![key.public_jwk()],
        },
    }
}

impl Signed {
    fn check(&self) -> chime_standards::endorse::Verification {
        self.check_with(&self.envelope, &self.assessment, Some(&self.report))
    }

    fn check_with(
        &self,
        envelope: &str,
        assessment: &str,
        report: Option<&str>,
    ) -> chime_standards::endorse::Verification {
        verify(
            envelope.as_bytes(),
            assessment.as_bytes(),
            report.map(str::as_bytes),
            &self.keys,
            &Limits::default(),
        )
    }

    fn envelope(&self) -> Envelope {
        serde_json::from_str(&self.envelope).unwrap()
    }

    fn payload(&self) -> Value {
        serde_json::from_slice(&STANDARD.decode(self.envelope().payload).unwrap()).unwrap()
    }
}

/// The error codes and paths of a result.
fn errors(result: &chime_standards::endorse::Verification) -> Vec<(Code, Document, String)> {
    assert!(!result.valid, "expected an invalid result");
    result
        .problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.document, d.path.clone()))
        .collect()
}

#[test]
fn a_signed_endorsement_verifies_and_says_who_and_what() {
    let signed = signed();
    let result = signed.check();
    assert!(result.valid, "{:?}", result.problems);
    assert!(result.problems.is_empty());
    assert_eq!(result.keyid, Some(key().keyid()));
    assert_eq!(result.reviewer.unwrap().id, "reviewer-a");
    assert_eq!(result.outcome, Some(Outcome::EndorsedWithConditions));
    assert!(result.report_checked);
    let endorsement = result.endorsement.unwrap();
    assert_eq!(endorsement.assessment, "larkspur-street-2025");
    assert_eq!(endorsement.framework.id, "chime-lero");

    // The payload is an in-toto Statement v1 with the two subjects, as spec section 10 says.
    let payload = signed.payload();
    assert_eq!(payload["_type"], "https://in-toto.io/Statement/v1");
    assert_eq!(
        payload["predicateType"],
        "urn:chime-standards:endorsement:v1"
    );
    assert_eq!(payload["subject"][0]["name"], "assessment");
    assert_eq!(payload["subject"][1]["name"], "report");
    assert_eq!(
        signed.envelope().payload_type,
        "application/vnd.in-toto+json"
    );

    // Without the report, the assessment alone is checked.
    let alone = signed.check_with(&signed.envelope, &signed.assessment, None);
    assert!(alone.valid && !alone.report_checked);
}

#[test]
fn reformatted_documents_still_verify() {
    let signed = signed();
    // Compact, keys reversed: the same JSON values.
    let reorder = |text: &str| {
        let value: Value = serde_json::from_str(text).unwrap();
        let text = reversed_text(&value);
        assert!(!text.contains('\n'));
        text
    };
    let result = signed.check_with(
        &reorder(&signed.envelope),
        &reorder(&signed.assessment),
        Some(&reorder(&signed.report)),
    );
    assert!(result.valid, "{:?}", result.problems);
}

/// The value's JSON text, compact, with every object's keys in reverse order.
fn reversed_text(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), reversed_text(v)))
                .collect();
            entries.reverse();
            format!("{{{}}}", entries.join(","))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(reversed_text).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

#[test]
fn a_changed_assessment_value_is_a_digest_mismatch() {
    let signed = signed();
    let mut value: Value = serde_json::from_str(&signed.assessment).unwrap();
    value["judgements"][0]["rating"] = changed(&value["judgements"][0]["rating"]);
    let result = signed.check_with(&signed.envelope, &value.to_string(), Some(&signed.report));
    assert_eq!(
        errors(&result),
        [(
            Code::DigestMismatch,
            Document::Statement,
            "/subject/0/digest/sha256".to_string()
        )]
    );
    // The signature itself is sound: the key and reviewer are still known.
    assert!(result.keyid.is_some());
}

#[test]
fn a_changed_report_value_is_a_digest_mismatch() {
    let signed = signed();
    let mut value: Value = serde_json::from_str(&signed.report).unwrap();
    value["overall"]["score"] = json!(99.9);
    let result = signed.check_with(
        &signed.envelope,
        &signed.assessment,
        Some(&value.to_string()),
    );
    assert_eq!(
        errors(&result),
        [(
            Code::DigestMismatch,
            Document::Statement,
            "/subject/1/digest/sha256".to_string()
        )]
    );
}

/// A new envelope with the payload's JSON changed and re-encoded, the signature kept.
fn with_payload(signed: &Signed, change: impl Fn(&mut Value)) -> String {
    let mut payload = signed.payload();
    change(&mut payload);
    let mut envelope = signed.envelope();
    envelope.payload = STANDARD.encode(payload.to_string());
    envelope.to_json()
}

#[test]
fn a_changed_payload_is_a_signature_failure() {
    let signed = signed();
    for change in [
        (|p: &mut Value| p["predicate"]["outcome"] = json!("endorsed")) as fn(&mut Value),
        |p| p["predicate"]["reviewed_on"] = json!("2026-03-02"),
        |p| p["predicate"]["scope"] = json!("visit"),
        |p| p["subject"][0]["digest"]["sha256"] = json!("0".repeat(64)),
    ] {
        let envelope = with_payload(&signed, change);
        let result = signed.check_with(&envelope, &signed.assessment, Some(&signed.report));
        let found = errors(&result);
        assert!(
            found.contains(&(
                Code::SignatureInvalid,
                Document::Endorsement,
                "/signatures/0/sig".to_string()
            )),
            "{found:?}"
        );
        // Nothing from an unverified payload is reported as said.
        assert_eq!(
            (result.keyid, result.reviewer, result.outcome),
            (None, None, None)
        );
    }
}

#[test]
fn a_changed_signature_is_a_signature_failure() {
    let signed = signed();
    let mut envelope = signed.envelope();
    let mut sig = STANDARD.decode(&envelope.signatures[0].sig).unwrap();
    sig[10] ^= 1;
    envelope.signatures[0].sig = STANDARD.encode(&sig);
    let result = signed.check_with(
        &envelope.to_json(),
        &signed.assessment,
        Some(&signed.report),
    );
    assert_eq!(
        errors(&result),
        [(
            Code::SignatureInvalid,
            Document::Endorsement,
            "/signatures/0/sig".to_string()
        )]
    );
}

#[test]
fn a_changed_payload_type_fails_twice() {
    let signed = signed();
    let mut envelope = signed.envelope();
    envelope.payload_type = "application/json".to_string();
    let result = signed.check_with(
        &envelope.to_json(),
        &signed.assessment,
        Some(&signed.report),
    );
    let found = errors(&result);
    assert!(found.contains(&(
        Code::MalformedEndorsement,
        Document::Endorsement,
        "/payloadType".to_string()
    )));
    assert!(found.contains(&(
        Code::SignatureInvalid,
        Document::Endorsement,
        "/signatures/0/sig".to_string()
    )));
}

#[test]
fn an_untrusted_key_is_refused() {
    let signed = signed();
    let stranger = PrivateKey::from_bytes([9; 32], None);
    let trusted = JwkSet {
        keys: vec![stranger.public_jwk()],
    };
    let result = verify(
        signed.envelope.as_bytes(),
        signed.assessment.as_bytes(),
        None,
        &trusted,
        &Limits::default(),
    );
    assert_eq!(
        errors(&result),
        [(
            Code::UntrustedKey,
            Document::Endorsement,
            "/signatures/0/keyid".to_string()
        )]
    );
    // An empty trust list trusts no one.
    let none = verify(
        signed.envelope.as_bytes(),
        signed.assessment.as_bytes(),
        None,
        &JwkSet::default(),
        &Limits::default(),
    );
    assert_eq!(errors(&none)[0].0, Code::UntrustedKey);
}

#[test]
fn a_keyid_that_lies_is_a_signature_failure() {
    // Signed by a stranger's key, but claiming a trusted key's keyid.
    let signed = signed();
    let stranger = PrivateKey::from_bytes([9; 32], Some("reviewer-a".to_string()));
    let mut envelope = sign_endorsement(
        signed.assessment.as_bytes(),
        signed.report.as_bytes(),
        &review("reviewer-a"),
        &stranger,
        &Limits::default(),
    )
    .unwrap();
    envelope.signatures[0].keyid = Some(key().keyid());
    let result = signed.check_with(&envelope.to_json(), &signed.assessment, None);
    assert_eq!(errors(&result)[0].0, Code::SignatureInvalid);
}

#[test]
fn a_reviewer_who_is_not_the_keys_is_refused() {
    let signed = signed();
    // A key without a reviewer signs for anyone; the set says whose key it is.
    let unnamed = PrivateKey::from_bytes([42; 32], None);
    let envelope = sign_endorsement(
        signed.assessment.as_bytes(),
        signed.report.as_bytes(),
        &review("reviewer-b"),
        &unnamed,
        &Limits::default(),
    )
    .unwrap();
    let result = signed.check_with(&envelope.to_json(), &signed.assessment, None);
    assert_eq!(
        errors(&result),
        [(
            Code::ReviewerMismatch,
            Document::Statement,
            "/predicate/reviewer/id".to_string()
        )]
    );
    // And a key that names its reviewer will not sign for another.
    let error = sign_endorsement(
        signed.assessment.as_bytes(),
        signed.report.as_bytes(),
        &review("reviewer-b"),
        &key(),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(error.code(), Some(Code::ReviewerMismatch));
}

#[test]
fn truncated_base64_is_malformed() {
    let signed = signed();
    let mut envelope = signed.envelope();
    envelope.signatures[0].sig.truncate(85);
    let result = signed.check_with(&envelope.to_json(), &signed.assessment, None);
    assert_eq!(
        errors(&result),
        [(
            Code::MalformedEndorsement,
            Document::Endorsement,
            "/signatures/0/sig".to_string()
        )]
    );
    let mut envelope = signed.envelope();
    let cut = envelope.payload.len() - 3;
    envelope.payload.truncate(cut);
    let result = signed.check_with(&envelope.to_json(), &signed.assessment, None);
    assert!(errors(&result).contains(&(
        Code::MalformedEndorsement,
        Document::Endorsement,
        "/payload".to_string()
    )));
}

#[test]
fn url_safe_and_unpadded_base64_are_accepted() {
    // DSSE: verifiers must accept standard and URL-safe base64.
    let signed = signed();
    let mut envelope = signed.envelope();
    let url_safe = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    envelope.payload = url_safe.encode(STANDARD.decode(&envelope.payload).unwrap());
    envelope.signatures[0].sig =
        url_safe.encode(STANDARD.decode(&envelope.signatures[0].sig).unwrap());
    let result = signed.check_with(
        &envelope.to_json(),
        &signed.assessment,
        Some(&signed.report),
    );
    assert!(result.valid, "{:?}", result.problems);
}

#[test]
fn huge_inputs_are_refused_before_work() {
    let signed = signed();
    let mut envelope = signed.envelope();
    envelope.payload = "A".repeat(200_000);
    let result = signed.check_with(&envelope.to_json(), &signed.assessment, None);
    assert_eq!(
        errors(&result),
        [(Code::InputTooLarge, Document::Endorsement, String::new())]
    );
    let mut envelope = signed.envelope();
    let first = envelope.signatures[0].clone();
    envelope.signatures = vec![first; MAX_SIGNATURES + 1];
    let result = signed.check_with(&envelope.to_json(), &signed.assessment, None);
    assert_eq!(
        errors(&result),
        [(
            Code::InputTooLarge,
            Document::Endorsement,
            "/signatures".to_string()
        )]
    );
}

#[test]
fn a_second_bad_signature_does_not_spoil_a_good_one() {
    let signed = signed();
    let mut envelope = signed.envelope();
    let mut bad = envelope.signatures[0].clone();
    bad.keyid = Some("someone-else".to_string());
    envelope.signatures.insert(0, bad);
    let result = signed.check_with(&envelope.to_json(), &signed.assessment, None);
    assert!(result.valid, "{:?}", result.problems);
    assert_eq!(result.problems.len(), 1);
    assert_eq!(
        (result.problems[0].severity, result.problems[0].code),
        (Severity::Warning, Code::UntrustedKey)
    );
}

#[test]
fn malformed_envelopes_and_statements_are_located() {
    let signed = signed();
    let cases: Vec<(String, Document, &str)> = vec![
        ("not json".to_string(), Document::Endorsement, ""),
        (
            r#"{"payloadType": "x", "payload": "", "signatures": [], "extra": 1}"#.to_string(),
            Document::Endorsement,
            "/extra",
        ),
        (
            with_payload(&signed, |p| {
                p["_type"] = json!("https://in-toto.io/Statement/v0.1")
            }),
            Document::Statement,
            "/_type",
        ),
        (
            with_payload(&signed, |p| p["predicate"]["note"] = json!("free text")),
            Document::Statement,
            "/predicate/note",
        ),
        (
            with_payload(&signed, |p| p["subject"][1]["name"] = json!("assessment")),
            Document::Statement,
            "/subject/1/name",
        ),
        (
            with_payload(&signed, |p| {
                p["subject"][0]["digest"]["sha256"] = json!("ABC")
            }),
            Document::Statement,
            "/subject/0/digest/sha256",
        ),
    ];
    for (envelope, document, path) in cases {
        let result = signed.check_with(&envelope, &signed.assessment, None);
        let found = errors(&result);
        assert!(
            found.contains(&(Code::MalformedEndorsement, document, path.to_string())),
            "{path}: {found:?}"
        );
    }
}

#[test]
fn bad_trusted_keys_are_located_and_spoil_the_result() {
    let signed = signed();
    let good = key().public_jwk();
    let mut private = key().private_jwk();
    private.kid = Some("leaked".to_string());
    let mut short = good.clone();
    short.x.truncate(40);
    let mut rsa = good.clone();
    rsa.kty = "RSA".to_string();
    let keys = JwkSet {
        keys: vec![good, private, short, rsa],
    };
    let result = verify(
        signed.envelope.as_bytes(),
        signed.assessment.as_bytes(),
        None,
        &keys,
        &Limits::default(),
    );
    assert_eq!(
        errors(&result),
        [
            (Code::InvalidKey, Document::Keys, "/keys/1/d".to_string()),
            (Code::InvalidKey, Document::Keys, "/keys/2/x".to_string()),
            (Code::InvalidKey, Document::Keys, "/keys/3/kty".to_string()),
        ]
    );
    // A key set that is not JSON is a problem of the result too.
    let result = verify_json(
        signed.envelope.as_bytes(),
        signed.assessment.as_bytes(),
        None,
        b"{\"keys\": [",
        &Limits::default(),
    );
    assert_eq!(errors(&result)[0].1, Document::Keys);
}

#[test]
fn signing_refuses_a_report_of_another_assessment() {
    let signed = signed();
    let mut report: Value = serde_json::from_str(&signed.report).unwrap();
    report["assessment"] = json!("another");
    let error = sign_endorsement(
        signed.assessment.as_bytes(),
        report.to_string().as_bytes(),
        &review("reviewer-a"),
        &key(),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        (error.code(), error.diagnostics[0].path.as_str()),
        (Some(Code::ReportMismatch), "/assessment")
    );
}

#[test]
fn signing_is_deterministic() {
    // Ed25519 signatures are deterministic and the payload is canonical JSON.
    assert_eq!(signed().envelope, signed().envelope);
}

#[test]
fn jwk_reads_reject_unknown_members() {
    let error = JwkSet::from_json(
        br#"{"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "a", "colour": 1}]}"#,
    )
    .unwrap_err();
    assert_eq!(error.code(), Some(Code::UnknownField));
    let jwk: Jwk = serde_json::from_str(
        r#"{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "alg": "EdDSA", "use": "sig", "kid": "k1"}"#,
    )
    .unwrap();
    assert_eq!(
        jwk.thumbprint().unwrap(),
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    );
}

#[test]
fn endorsement_documents_match_their_schemas() {
    use chime_standards::{schema, SchemaKind};
    let signed = signed();
    let documents = [
        (
            SchemaKind::Endorsement,
            serde_json::from_str(&signed.envelope).unwrap(),
        ),
        (
            SchemaKind::Keys,
            serde_json::to_value(&signed.keys).unwrap(),
        ),
        (
            SchemaKind::Verification,
            serde_json::to_value(signed.check()).unwrap(),
        ),
        (
            SchemaKind::Verification,
            serde_json::to_value(signed.check_with("{}", "{}", None)).unwrap(),
        ),
    ];
    for (kind, value) in documents {
        let schema: Value = serde_json::from_str(schema(kind)).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", kind.name());
    }
    let schema: Value = serde_json::from_str(schema(SchemaKind::Keys)).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(!validator.is_valid(&json!({"keys": [{"kty": "OKP"}]})));
}

// ---------------------------------------------------------------- property -------------

/// Every leaf of a JSON value, as a JSON Pointer.
fn leaves(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            leaves(
                v,
                format!("{at}/{}", chime_standards::pointer_token(k)),
                out,
            )
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

fn changed(leaf: &Value) -> Value {
    match leaf {
        Value::String(text) => Value::String(format!("{text}x")),
        Value::Number(n) => json!(n.as_f64().unwrap_or(0.0) + 1.0),
        Value::Bool(b) => Value::Bool(!b),
        _ => json!(0),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Changing any one leaf of the assessment makes verification fail with digest_mismatch.
    #[test]
    fn any_changed_leaf_is_a_digest_mismatch(pick in any::<prop::sample::Index>()) {
        let signed = SIGNED.with(|s| s.clone());
        let mut value: Value = serde_json::from_str(&signed.0).unwrap();
        let mut all = Vec::new();
        leaves(&value, String::new(), &mut all);
        let pointer = pick.get(&all).clone();
        let leaf = value.pointer_mut(&pointer).unwrap();
        *leaf = changed(leaf);
        let result = verify(
            signed.1.as_bytes(),
            value.to_string().as_bytes(),
            None,
            &signed.2,
            &Limits::default(),
        );
        let codes: Vec<Code> = result.problems.iter().map(|d| d.code).collect();
        prop_assert!(!result.valid);
        prop_assert_eq!(codes, vec![Code::DigestMismatch], "{}", pointer);
    }
}

thread_local! {
    static SIGNED: (String, String, JwkSet) = {
        let signed = signed();
        (signed.assessment, signed.envelope, signed.keys)
    };
}
