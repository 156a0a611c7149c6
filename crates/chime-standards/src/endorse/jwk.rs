//! Ed25519 keys as JWK (RFC 8037) and trusted keys as a JWK Set (RFC 7517), named by their
//! RFC 7638 thumbprint.
//!
//! A key is made from 32 bytes the caller draws from the operating system or the browser: the
//! core draws no randomness of its own.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::{SigningKey, VerifyingKey};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Collector, Diagnostic, Document, Error};
use crate::read::parse::{parse_json, Limits};

use super::canonical::sha256_bytes;

/// Most keys a trusted key set may hold (a network of LEROs has tens; this stops accidents).
pub const MAX_KEYS: usize = 1000;

/// Largest key set or key file accepted, in bytes.
pub const MAX_KEY_SET_BYTES: usize = 1024 * 1024;

/// One Ed25519 key as a JSON Web Key (RFC 8037: `kty` `OKP`, `crv` `Ed25519`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Jwk {
    /// Always `"OKP"`.
    pub kty: String,
    /// Always `"Ed25519"`.
    pub crv: String,
    /// The public key: 32 bytes, base64url without padding.
    pub x: String,
    /// The private key (only in a private key file, never in a trusted key set): 32 bytes,
    /// base64url without padding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
    /// A name for the key chosen by its owner (the thumbprint names it in endorsements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// The reviewer id the key belongs to; an endorsement verified by this key must name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// `"EdDSA"` when given (RFC 8037).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// `"sig"` when given.
    #[serde(default, rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
}

/// A set of trusted reviewers' public keys (RFC 7517 JWK Set).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JwkSet {
    /// The keys.
    pub keys: Vec<Jwk>,
}

/// A checked public key from a key set: its thumbprint and the reviewer it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct TrustedKey {
    pub(crate) keyid: String,
    pub(crate) reviewer: Option<String>,
    pub(crate) key: VerifyingKey,
}

/// An Ed25519 private key, made from 32 bytes the caller drew at random.
#[derive(Clone)]
pub struct PrivateKey {
    key: SigningKey,
    reviewer: Option<String>,
    kid: Option<String>,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret.
        f.debug_struct("PrivateKey")
            .field("keyid", &self.keyid())
            .field("reviewer", &self.reviewer)
            .finish_non_exhaustive()
    }
}

impl PrivateKey {
    /// A key from 32 random bytes (draw them from the operating system, e.g. `getrandom`,
    /// `os.urandom(32)` or `crypto.getRandomValues`), belonging to `reviewer` if given.
    ///
    /// ```
    /// use chime_standards::endorse::PrivateKey;
    /// let key = PrivateKey::from_bytes([7; 32], Some("lero-north".to_string()));
    /// let public = key.public_jwk();
    /// assert_eq!((public.kty.as_str(), public.crv.as_str(), public.d), ("OKP", "Ed25519", None));
    /// assert_eq!(public.reviewer.as_deref(), Some("lero-north"));
    /// assert_eq!(key.keyid().len(), 43); // base64url of a SHA-256
    /// ```
    pub fn from_bytes(bytes: [u8; 32], reviewer: Option<String>) -> PrivateKey {
        PrivateKey {
            key: SigningKey::from_bytes(&bytes),
            reviewer,
            kid: None,
        }
    }

    /// A private key from a JWK file's text (it must hold `d`, and `x` must be its public key).
    pub fn from_jwk_json(bytes: &[u8]) -> Result<PrivateKey, Error> {
        let limits = Limits {
            max_bytes: MAX_KEY_SET_BYTES,
        };
        let jwk: Jwk = parse_json(bytes, Document::Keys, &limits)?;
        PrivateKey::from_jwk(&jwk, "")
    }

    /// A private key from a JWK (`at` is its JSON Pointer, for diagnostics).
    pub fn from_jwk(jwk: &Jwk, at: &str) -> Result<PrivateKey, Error> {
        let public = public_key(jwk, at).map_err(|d| Error::new(vec![*d]))?;
        let Some(d) = &jwk.d else {
            return Err(Error::single(
                Code::InvalidKey,
                Document::Keys,
                at,
                "this is a public key (no `d`); sign with the private key file `chime key new` \
                 wrote",
            ));
        };
        let secret = key_bytes(d).ok_or_else(|| {
            Error::single(
                Code::InvalidKey,
                Document::Keys,
                format!("{at}/d"),
                "`d` is not 32 bytes in base64url without padding",
            )
        })?;
        let key = SigningKey::from_bytes(&secret);
        if key.verifying_key() != public {
            return Err(Error::single(
                Code::InvalidKey,
                Document::Keys,
                format!("{at}/x"),
                "`x` is not the public key of `d`; the key file was altered, make a new key",
            ));
        }
        Ok(PrivateKey {
            key,
            reviewer: jwk.reviewer.clone(),
            kid: jwk.kid.clone(),
        })
    }

    /// The key's RFC 7638 thumbprint: the `keyid` its signatures carry.
    pub fn keyid(&self) -> String {
        thumbprint_of(&self.key.verifying_key())
    }

    /// The reviewer id the key belongs to, if it names one.
    pub fn reviewer(&self) -> Option<&str> {
        self.reviewer.as_deref()
    }

    /// The public key as a JWK, for the trusted key set (no `d`).
    pub fn public_jwk(&self) -> Jwk {
        Jwk {
            kty: "OKP".to_string(),
            crv: "Ed25519".to_string(),
            x: URL_SAFE_NO_PAD.encode(self.key.verifying_key().as_bytes()),
            d: None,
            kid: Some(self.kid.clone().unwrap_or_else(|| self.keyid())),
            reviewer: self.reviewer.clone(),
            alg: None,
            use_: None,
        }
    }

    /// The private key as a JWK, for the owner's key file only (holds `d`).
    pub fn private_jwk(&self) -> Jwk {
        Jwk {
            d: Some(URL_SAFE_NO_PAD.encode(self.key.to_bytes())),
            ..self.public_jwk()
        }
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.key
    }
}

impl Jwk {
    /// The key's RFC 7638 thumbprint (base64url of the SHA-256 of the canonical
    /// `{"crv","kty","x"}`), or a located error when it is not an Ed25519 public key.
    ///
    /// ```
    /// // RFC 8037 appendix A.3.
    /// let jwk: chime_standards::endorse::Jwk = serde_json::from_str(
    ///     r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
    /// ).unwrap();
    /// assert_eq!(jwk.thumbprint().unwrap(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /// ```
    pub fn thumbprint(&self) -> Result<String, Error> {
        public_key(self, "")
            .map(|key| thumbprint_of(&key))
            .map_err(|d| Error::new(vec![*d]))
    }
}

impl JwkSet {
    /// Reads a key set from JSON text, with located errors.
    pub fn from_json(bytes: &[u8]) -> Result<JwkSet, Error> {
        let limits = Limits {
            max_bytes: MAX_KEY_SET_BYTES,
        };
        parse_json(bytes, Document::Keys, &limits)
    }

    /// The set as pretty JSON.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }

    /// The usable keys, and a located error for every entry that is not a public Ed25519 key.
    pub(crate) fn trusted(&self) -> (Vec<TrustedKey>, Vec<Diagnostic>) {
        let mut problems = Collector::new(Document::Keys);
        let mut trusted = Vec::new();
        if self.keys.len() > MAX_KEYS {
            problems.error(
                Code::InputTooLarge,
                "/keys",
                format!(
                    "the key set holds {} keys, over the limit of {MAX_KEYS}",
                    self.keys.len()
                ),
            );
            return (trusted, problems.found);
        }
        for (i, jwk) in self.keys.iter().enumerate() {
            let at = format!("/keys/{i}");
            if jwk.d.is_some() {
                problems.error(
                    Code::InvalidKey,
                    format!("{at}/d"),
                    "a trusted key set holds public keys only: remove `d`, and make a new key, \
                     because this private key has been shared",
                );
                continue;
            }
            match public_key(jwk, &at) {
                Ok(key) => {
                    let keyid = thumbprint_of(&key);
                    if trusted.iter().any(|t: &TrustedKey| t.keyid == keyid) {
                        problems.error(
                            Code::DuplicateId,
                            at,
                            "this key is in the set twice; keep one entry",
                        );
                        continue;
                    }
                    trusted.push(TrustedKey {
                        keyid,
                        reviewer: jwk.reviewer.clone(),
                        key,
                    });
                }
                Err(diagnostic) => problems.found.push(*diagnostic),
            }
        }
        (trusted, problems.found)
    }
}

/// The public key a JWK holds, or the located reason it holds none (boxed: a diagnostic is
/// large beside a key, and the key is the usual outcome).
fn public_key(jwk: &Jwk, at: &str) -> Result<VerifyingKey, Box<Diagnostic>> {
    let invalid = |field: &str, message: &str| {
        Box::new(Diagnostic::new(
            crate::Severity::Error,
            Code::InvalidKey,
            Document::Keys,
            format!("{at}/{field}"),
            message,
        ))
    };
    if jwk.kty != "OKP" {
        return Err(invalid("kty", "`kty` must be \"OKP\" (RFC 8037)"));
    }
    if jwk.crv != "Ed25519" {
        return Err(invalid("crv", "`crv` must be \"Ed25519\""));
    }
    if jwk.alg.as_deref().is_some_and(|alg| alg != "EdDSA") {
        return Err(invalid("alg", "`alg` must be \"EdDSA\" when given"));
    }
    if jwk.use_.as_deref().is_some_and(|use_| use_ != "sig") {
        return Err(invalid("use", "`use` must be \"sig\" when given"));
    }
    let bytes = key_bytes(&jwk.x).ok_or_else(|| {
        invalid(
            "x",
            "`x` is not 32 bytes in base64url without padding; copy the key again, whole",
        )
    })?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| invalid("x", "`x` is not an Ed25519 public key (not a curve point)"))
}

/// 32 bytes from base64url without padding.
fn key_bytes(text: &str) -> Option<[u8; 32]> {
    if text.len() != 43 {
        return None;
    }
    URL_SAFE_NO_PAD.decode(text).ok()?.try_into().ok()
}

/// RFC 7638: base64url of the SHA-256 of `{"crv":"Ed25519","kty":"OKP","x":"..."}`, members
/// in lexicographic order, no whitespace (the key's canonical JSON).
pub(crate) fn thumbprint_of(key: &VerifyingKey) -> String {
    let x = URL_SAFE_NO_PAD.encode(key.as_bytes());
    let members = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(sha256_bytes(members.as_bytes()))
}
