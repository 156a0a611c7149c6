//! The in-toto Statement v1 an endorsement signs, and its predicate (spec section 10).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::FrameworkRef;
use crate::date::Date;
use crate::read::names::deserialize_by_name;

/// The statement's `_type`.
pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";

/// The statement's `predicateType`.
pub const PREDICATE_TYPE: &str = "urn:chime-standards:endorsement:v1";

/// An in-toto Statement v1 about an assessment and its report.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Always `https://in-toto.io/Statement/v1`.
    #[serde(rename = "_type")]
    pub type_: String,
    /// The documents endorsed: `assessment` and `report`, by digest.
    pub subject: Vec<Subject>,
    /// Always `urn:chime-standards:endorsement:v1`.
    #[serde(rename = "predicateType")]
    pub predicate_type: String,
    /// What the reviewer says.
    pub predicate: Endorsement,
}

/// One document a statement is about.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// `assessment` or `report`.
    pub name: String,
    /// Digests by algorithm; `sha256` (lowercase hex of the RFC 8785 canonical JSON) is read.
    pub digest: BTreeMap<String, String>,
}

/// The predicate of an endorsement: who reviewed what, how, and what they concluded.
///
/// It holds no free text, so an endorsement can travel with reports.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endorsement {
    /// The reviewer.
    pub reviewer: Reviewer,
    /// The day the review concluded.
    pub reviewed_on: Date,
    /// The framework the assessment was made against.
    pub framework: FrameworkRef,
    /// The assessment's id.
    pub assessment: String,
    /// How closely the reviewer looked.
    pub scope: Scope,
    /// What they concluded.
    pub outcome: Outcome,
}

/// Who reviewed.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    /// The reviewer's id (the one their key names in the trusted key set).
    pub id: String,
    /// A peer LERO or an external reviewer.
    pub role: ReviewerRole,
    /// The reviewer's organisation id, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

/// A reviewer's standing.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewerRole {
    /// Another lived experience recovery organisation.
    Peer,
    /// An independent reviewer.
    External,
}

deserialize_by_name!(ReviewerRole {
    Peer => "peer" | "peer LERO",
    External => "external" | "external reviewer",
});

/// How closely an assessment was reviewed.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The documents were read.
    DeskReview,
    /// The evidence itself was seen.
    EvidenceSighted,
    /// The reviewer visited the organisation.
    Visit,
}

deserialize_by_name!(Scope {
    DeskReview => "desk_review" | "desk review",
    EvidenceSighted => "evidence_sighted" | "evidence sighted",
    Visit => "visit" | "visit",
});

/// What a reviewer concluded.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The assessment is endorsed.
    Endorsed,
    /// Endorsed, with conditions agreed with the organisation.
    EndorsedWithConditions,
    /// Not endorsed.
    NotEndorsed,
}

deserialize_by_name!(Outcome {
    Endorsed => "endorsed" | "endorsed",
    EndorsedWithConditions => "endorsed_with_conditions" | "endorsed with conditions",
    NotEndorsed => "not_endorsed" | "not endorsed",
});

/// What a reviewer supplies to sign an endorsement; the framework and the assessment id are
/// read from the assessment itself.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The reviewer.
    pub reviewer: Reviewer,
    /// The day the review concluded.
    pub reviewed_on: Date,
    /// How closely the reviewer looked.
    pub scope: Scope,
    /// What they concluded.
    pub outcome: Outcome,
}
