//! Endorsements (spec section 10): a peer LERO's or an independent reviewer's signed statement
//! that they reviewed this exact assessment and the report the engine made of it, which anyone
//! can check offline.
//!
//! Built on existing standards so other tools can check it too: a DSSE envelope
//! ([`Envelope`]) holding an in-toto Statement v1 ([`Statement`]) whose subjects are the
//! SHA-256 digests of the documents' RFC 8785 canonical JSON ([`canonical_json`]), signed with
//! Ed25519 keys kept as JWKs ([`Jwk`], [`JwkSet`]) and named by their RFC 7638 thumbprint.
//!
//! The core draws no randomness and reads no clock: a key is made from 32 bytes the caller
//! drew ([`PrivateKey::from_bytes`]), and the review date is the caller's.

mod canonical;
mod dsse;
mod jwk;
mod statement;
mod verify;

pub use canonical::{canonical_json, document_digest, read_value, sha256_hex, value_digest};
pub use dsse::{pae, Envelope, Signature, MAX_ENVELOPE_BYTES, MAX_SIGNATURES, PAYLOAD_TYPE};
pub use jwk::{Jwk, JwkSet, PrivateKey, MAX_KEYS, MAX_KEY_SET_BYTES};
pub use statement::{
    Endorsement, Outcome, Review, Reviewer, ReviewerRole, Scope, Statement, Subject,
    PREDICATE_TYPE, STATEMENT_TYPE,
};
pub use verify::{sign_endorsement, verify, verify_json, Verification};
