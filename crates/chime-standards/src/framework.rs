//! The framework document: CHIME domains, standards, the rating scale and the scoring rules.
//!
//! A framework is data. The embedded default ([`crate::default_framework`]) is one; any other,
//! such as a sector body's official text, loads the same way. See spec section 1.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::EvidenceKind;
use crate::read::names::deserialize_by_name;

/// The `format` string of a framework document.
pub const FRAMEWORK_FORMAT: &str = "chime-standards/framework@1";

/// A set of standards, the CHIME domains they serve, and how assessments against them score.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Always `"chime-standards/framework@1"`.
    pub format: String,
    /// Stable identifier, lower-kebab (`chime-lero`).
    pub id: String,
    /// Semantic version of the content (`1.0.0`).
    pub version: String,
    /// Human-readable title.
    pub title: String,
    /// What the framework is and where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How to cite the framework or the work it is built on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Licence of the framework text (an SPDX identifier where one fits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The domains standards are tagged with: the five CHIME processes, possibly more.
    pub domains: Vec<Domain>,
    /// Optional grouping of standards for display (a standard names at most one section).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// The standards, in the order reports list them.
    pub standards: Vec<Standard>,
    /// The levels a standard can be rated at.
    pub rating_scale: RatingScale,
    /// How ratings, evidence and weights become scores.
    pub scoring: Scoring,
}

/// A domain of recovery, such as a CHIME process.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Stable identifier (`connectedness`).
    pub id: String,
    /// Short code (`C`), used on charts.
    pub code: String,
    /// Display name (`Connectedness`).
    pub name: String,
    /// What the domain means for an organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the domain takes part in the overall score and the award (default `true`).
    #[serde(default = "yes")]
    pub core: bool,
    /// Weight in the overall score (default 1; 0 keeps the domain out of the overall score).
    #[serde(default = "one")]
    pub weight: f64,
    /// The domain's sub-categories, which standards may name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subcategories: Vec<Subcategory>,
}

/// A sub-category of a domain (CHIME's "Peer support and support groups", for example).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subcategory {
    /// Stable identifier, unique within its domain.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A display grouping of standards (for example "Support offer").
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable identifier.
    pub id: String,
    /// Display title.
    pub title: String,
}

/// Which organisations a standard applies to.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AppliesTo {
    /// Every organisation.
    #[default]
    All,
    /// Only organisations with a formal structure (a charity, a company, a CIC).
    FormallyConstituted,
}

deserialize_by_name!(AppliesTo {
    All => "all",
    FormallyConstituted => "formally_constituted",
});

/// One standard: a statement of what an organisation does, and how to judge it.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// Stable identifier, unique in the framework.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What the organisation does when it meets the standard.
    pub statement: String,
    /// How to judge the standard and what good looks like.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// The section this standard belongs to, if the framework has sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Weight within each domain it is tagged with (default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Core standards must be met for the award (default `false`).
    #[serde(default)]
    pub core: bool,
    /// Which organisations the standard applies to (default: all).
    #[serde(default)]
    pub applies_to: AppliesTo,
    /// The domains the standard serves (one or more), with a weight for each.
    pub domains: Vec<DomainTag>,
    /// Observable signs that the standard is met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// Kinds of evidence that usually support this standard.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typical_evidence: Vec<EvidenceKind>,
    /// What each level of the rating scale looks like for this standard, keyed by level value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub level_descriptors: BTreeMap<u32, String>,
}

/// A standard's link to one domain.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainTag {
    /// The domain's id.
    pub domain: String,
    /// How strongly the standard counts in this domain (default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Sub-categories of the domain the standard serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subcategories: Vec<String>,
}

/// An observable sign that a standard is met.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable identifier, unique within the standard.
    pub id: String,
    /// What to look for.
    pub text: String,
}

/// The levels of the rating scale: values `0..=max`, contiguous and ascending.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingScale {
    /// The levels, lowest first.
    pub levels: Vec<Level>,
}

/// One level of the rating scale.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The number a rating uses (0 for the lowest).
    pub value: u32,
    /// Stable identifier (`established`).
    pub id: String,
    /// Display label (`Established`).
    pub label: String,
    /// What the level means in general.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The scoring rules of a framework (spec section 3).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// The effective level at which a standard counts as met.
    pub met_level: u32,
    /// The share of a domain's applicable weight that must be rated for it to be scored (0..=1).
    pub min_coverage: f64,
    /// The change in score (points out of 100) that counts as improvement or decline.
    pub change_threshold: f64,
    /// How evidence supports a claimed level.
    pub evidence: EvidenceRules,
    /// Named score bands, ascending from 0.
    pub bands: Vec<Band>,
    /// What the award requires.
    pub award: Award,
}

/// How evidence supports a claimed level.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRules {
    /// Evidence collected more than this many days before the assessment is stale.
    pub max_age_days: u32,
    /// Points each current item earns, by who produced it.
    pub source_weights: SourceWeights,
    /// What a level needs, ascending by level. Levels below the first entry need nothing.
    pub requirements: Vec<Requirement>,
}

/// Points an item of evidence earns, by its source.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceWeights {
    /// Evidence the organisation produced about itself.
    #[serde(rename = "self")]
    pub own: f64,
    /// Evidence from a peer organisation or peer reviewer.
    pub peer: f64,
    /// Evidence from an external body (commissioner, funder, evaluator).
    pub external: f64,
}

/// The evidence a level needs.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The level this requirement starts at; it holds up to the next entry.
    pub level: u32,
    /// Evidence points needed.
    pub min_points: f64,
    /// Current items from a source other than the organisation itself needed (default 0).
    #[serde(default)]
    pub min_independent: u32,
}

/// A named score band: scores from `min` up to the next band's `min`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lowest score in the band (the first band starts at 0).
    pub min: f64,
    /// Stable identifier (`established`).
    pub id: String,
    /// Display label.
    pub label: String,
}

/// What the award requires.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Award {
    /// Every participating domain must reach at least this band.
    pub required_band: String,
}

fn yes() -> bool {
    true
}

fn one() -> f64 {
    1.0
}

impl Framework {
    /// The framework as pretty JSON with a final newline (as `chime framework` prints it).
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }

    /// The highest level of the rating scale (`4` on the default scale).
    pub fn max_level(&self) -> u32 {
        self.rating_scale
            .levels
            .iter()
            .map(|level| level.value)
            .max()
            .unwrap_or(0)
    }

    /// The standard with this id.
    pub fn standard(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|standard| standard.id == id)
    }

    /// The domain with this id.
    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|domain| domain.id == id)
    }

    /// The level of the rating scale with this value.
    pub fn level(&self, value: u32) -> Option<&Level> {
        self.rating_scale
            .levels
            .iter()
            .find(|level| level.value == value)
    }
}
