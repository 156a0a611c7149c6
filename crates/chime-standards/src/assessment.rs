//! The assessment document: one organisation's judgements and evidence against a framework.
//!
//! Assessments hold people's stories (narratives, testimony). The engine reads them but never
//! copies their text into a report. See spec section 2.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::date::Date;
use crate::read::names::deserialize_by_name;

/// The `format` string of an assessment document.
pub const ASSESSMENT_FORMAT: &str = "chime-standards/assessment@1";

/// One organisation's self-assessment against one framework, as of one date.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Always `"chime-standards/assessment@1"`.
    pub format: String,
    /// Stable identifier of this assessment.
    pub id: String,
    /// The framework (id and version) the assessment was made against.
    pub framework: FrameworkRef,
    /// The "as of" date: evidence is judged current or stale on this day.
    pub assessed_on: Date,
    /// The organisation assessed.
    pub organisation: Organisation,
    /// How far the assessment has gone through review (default `draft`).
    #[serde(default)]
    pub status: AssessmentStatus,
    /// The people who rated standards, when ratings are recorded person by person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raters: Vec<Rater>,
    /// The evidence offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Ratings of standards, agreed or by rater.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub judgements: Vec<Judgement>,
}

/// Which framework an assessment was made against.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkRef {
    /// The framework's id.
    pub id: String,
    /// The framework's version.
    pub version: String,
}

/// The organisation assessed.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Stable identifier (reports carry it, so pooled data can be grouped by organisation).
    pub id: String,
    /// Display name (never copied into a report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Decides which standards apply.
    pub structure: Structure,
}

/// How an organisation is set up, which decides which standards apply to it.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// A group of people without a formal legal structure.
    Informal,
    /// A charity, company, CIC or similar body with governance of its own.
    FormallyConstituted,
}

deserialize_by_name!(Structure {
    Informal => "informal",
    FormallyConstituted => "formally_constituted",
});

/// How far an assessment has gone through review.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentStatus {
    /// Being written.
    #[default]
    Draft,
    /// Finished by the organisation.
    Submitted,
    /// Reviewed by a peer organisation.
    PeerReviewed,
    /// Verified by an external reviewer.
    Verified,
}

deserialize_by_name!(AssessmentStatus {
    Draft => "draft" | "draft",
    Submitted => "submitted" | "submitted",
    PeerReviewed => "peer_reviewed" | "peer reviewed",
    Verified => "verified" | "verified",
});

/// Someone who rated standards.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rater {
    /// Stable identifier (no names: use `r1`, `r2`).
    pub id: String,
    /// The rater's relationship to the organisation.
    pub role: RaterRole,
    /// Whether the rater has lived experience of recovery (default `false`).
    #[serde(default)]
    pub lived_experience: bool,
}

/// A rater's relationship to the organisation.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RaterRole {
    /// A member of the recovery community.
    Member,
    /// Someone from a peer organisation.
    Peer,
    /// Paid staff.
    Staff,
    /// A volunteer.
    Volunteer,
    /// A trustee or board member.
    Trustee,
    /// An external reviewer.
    External,
}

deserialize_by_name!(RaterRole {
    Member => "member",
    Peer => "peer",
    Staff => "staff",
    Volunteer => "volunteer",
    Trustee => "trustee",
    External => "external",
});

/// An item of evidence.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Stable identifier, unique in the assessment.
    pub id: String,
    /// What sort of evidence it is.
    pub kind: EvidenceKind,
    /// A short title (never copied into a report).
    pub title: String,
    /// Who produced it, which decides its points.
    pub source: Source,
    /// When it was collected.
    pub collected: Date,
    /// When it stops being valid, if it has an end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
    /// The standards it supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<String>,
    /// Who may see it.
    pub sensitivity: Sensitivity,
    /// The consent given for personal material (required for testimony).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// Where the item is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// SHA-256 of the item's file, 64 hex digits, to show it has not changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// What sort of evidence an item is.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A written document.
    Document,
    /// An adopted policy.
    Policy,
    /// A person's own account of their recovery (needs recorded consent).
    Testimony,
    /// Something seen happening.
    Observation,
    /// Survey results.
    Survey,
    /// Attendance, sessions, rotas and similar records.
    ActivityRecord,
    /// Measured outcomes.
    OutcomeData,
    /// A written-up case.
    CaseStudy,
    /// A review by an outside body.
    ExternalReview,
    /// Photographs, film, audio, press.
    Media,
    /// Anything else.
    Other,
}

deserialize_by_name!(EvidenceKind {
    Document => "document",
    Policy => "policy",
    Testimony => "testimony",
    Observation => "observation",
    Survey => "survey",
    ActivityRecord => "activity_record",
    OutcomeData => "outcome_data",
    CaseStudy => "case_study",
    ExternalReview => "external_review",
    Media => "media",
    Other => "other",
});

/// Who produced an item of evidence.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The organisation itself.
    #[serde(rename = "self")]
    Own,
    /// A peer organisation or peer reviewer.
    Peer,
    /// An external body.
    External,
}

deserialize_by_name!(Source {
    Own => "self",
    Peer => "peer",
    External => "external",
});

/// Who may see an item of evidence.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    /// Anyone.
    Public,
    /// The organisation and its reviewers.
    Internal,
    /// It is about a person: use only with their consent.
    Personal,
}

deserialize_by_name!(Sensitivity {
    Public => "public",
    Internal => "internal",
    Personal => "personal",
});

/// A record that consent was given.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The day consent was recorded.
    pub recorded_on: Date,
}

/// A rating of one standard, agreed by the organisation or given by one rater.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    /// The standard's id.
    pub standard: String,
    /// The rater's id; absent for the organisation's agreed judgement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater: Option<String>,
    /// The level, `"not_applicable"`, or `null` for not assessed (the default).
    #[serde(default)]
    pub rating: Rating,
    /// Why the rating was given (expected for `"not_applicable"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// Ids of the evidence the judgement cites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Free-text account (never copied into a report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// What is going well (never copied into a report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strengths: Option<String>,
    /// Improvements planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

/// A planned improvement.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What will be done.
    pub description: String,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

/// A rating: a level of the scale, not applicable, or not assessed.
///
/// In JSON: a whole number, the string `"not_applicable"`, or `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(type = "number | \"not_applicable\" | null")
)]
pub enum Rating {
    /// Not assessed (`null`).
    #[default]
    NotAssessed,
    /// The standard does not apply (`"not_applicable"`).
    NotApplicable,
    /// A level of the rating scale (validation checks it is on the scale).
    Level(i32),
}

impl Assessment {
    /// The assessment as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }
}

impl Rating {
    /// The level, when the rating is one.
    pub fn level(self) -> Option<i32> {
        match self {
            Rating::Level(level) => Some(level),
            _ => None,
        }
    }
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Rating::NotAssessed => serializer.serialize_none(),
            Rating::NotApplicable => serializer.serialize_str("not_applicable"),
            Rating::Level(level) => serializer.serialize_i32(*level),
        }
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RatingVisitor)
    }
}

struct RatingVisitor;

impl<'de> Visitor<'de> for RatingVisitor {
    type Value = Rating;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole-number level, \"not_applicable\" or null")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Rating, E> {
        i32::try_from(value)
            .map(Rating::Level)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Rating, E> {
        i32::try_from(value)
            .map(Rating::Level)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Rating, E> {
        Err(E::invalid_type(de::Unexpected::Float(value), &self))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Rating, E> {
        match value {
            "not_applicable" => Ok(Rating::NotApplicable),
            _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Rating, E> {
        Ok(Rating::NotAssessed)
    }

    fn visit_none<E: de::Error>(self) -> Result<Rating, E> {
        Ok(Rating::NotAssessed)
    }
}

impl JsonSchema for Rating {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rating".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A whole-number level of the rating scale, \"not_applicable\", or null for not assessed.",
            "anyOf": [
                {"type": "integer", "format": "int32"},
                {"const": "not_applicable"},
                {"type": "null"}
            ]
        })
    }
}
