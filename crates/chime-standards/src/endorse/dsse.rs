//! DSSE envelopes (Dead Simple Signing Envelope, secure-systems-lab/dsse) and their
//! pre-authentication encoding.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `payloadType` of an endorsement: an in-toto Statement in JSON.
pub const PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

/// Largest envelope accepted, in bytes (an endorsement is under 2 KB).
pub const MAX_ENVELOPE_BYTES: usize = 64 * 1024;

/// Most signatures an envelope may carry.
pub const MAX_SIGNATURES: usize = 16;

/// A DSSE envelope: a payload, its type, and signatures over both.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// How to read `payload`: `application/vnd.in-toto+json`.
    #[serde(rename = "payloadType")]
    pub payload_type: String,
    /// The serialized statement, in standard base64.
    pub payload: String,
    /// One or more signatures.
    pub signatures: Vec<Signature>,
}

/// One signature in an envelope.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The signing key's RFC 7638 thumbprint (a hint for finding the key, not trusted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyid: Option<String>,
    /// The Ed25519 signature over the pre-authentication encoding, in standard base64.
    pub sig: String,
}

impl Envelope {
    /// The envelope as pretty JSON.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }
}

/// DSSE's pre-authentication encoding of a payload and its type: what is signed.
///
/// ```
/// // The example in DSSE's protocol.md.
/// let pae = chime_standards::endorse::pae("http://example.com/HelloWorld", b"hello world");
/// assert_eq!(pae, b"DSSEv1 29 http://example.com/HelloWorld 11 hello world");
/// ```
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let head = format!(
        "DSSEv1 {} {payload_type} {} ",
        payload_type.len(),
        payload.len()
    );
    let mut out = Vec::with_capacity(head.len() + payload.len());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(payload);
    out
}

/// Standard base64, as this crate writes payloads and signatures.
pub(crate) fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Decodes base64 as DSSE's verifiers must: standard or URL-safe alphabet. Padding is
/// optional but must be right when given; stray bits after the last byte are refused, so
/// each byte string has one text, and a text cut in the middle of a byte does not decode.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    const CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(false);
    const STANDARD_ANY: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, CONFIG);
    const URL_SAFE_ANY: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, CONFIG);
    STANDARD_ANY
        .decode(text)
        .or_else(|_| URL_SAFE_ANY.decode(text))
        .ok()
}
