//! The report: what the engine computed, as ids and numbers only (spec section 4).
//!
//! A report never copies free text from an assessment: no titles, narratives or names. That
//! is what makes reports safe to pool for research and to publish.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::agreement::Agreement;
use crate::assessment::{AssessmentStatus, FrameworkRef, Structure};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::id::Id;
use crate::read::names::deserialize_by_name;

/// The `format` string of a report.
pub const REPORT_FORMAT: &str = "chime-standards/report@1";

/// The engine name written into reports: `chime-standards <crate version>`.
pub const ENGINE: &str = concat!("chime-standards ", env!("CARGO_PKG_VERSION"));

/// The scored result of one assessment.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Report {
    /// Always `"chime-standards/report@1"`.
    pub format: String,
    /// The engine and version that computed it.
    pub engine: String,
    /// The framework scored against.
    pub framework: FrameworkRef,
    /// The assessment's id.
    pub assessment: String,
    /// The assessment's "as of" date.
    pub assessed_on: Date,
    /// The organisation's id and structure (no name).
    pub organisation: OrganisationRef,
    /// The assessment's review status.
    pub status: AssessmentStatus,
    /// The framework's change threshold, so two reports can be compared on their own.
    pub change_threshold: f64,
    /// The overall result.
    pub overall: Overall,
    /// One entry per framework domain, in framework order.
    pub domains: Vec<DomainResult>,
    /// One entry per framework standard, in framework order.
    pub standards: Vec<StandardResult>,
    /// The standards whose next level would raise the overall score most, largest gain first.
    pub leverage: Vec<Leverage>,
    /// Warnings and notes about the inputs (errors stop scoring, so there are none here).
    pub diagnostics: Vec<Diagnostic>,
    /// How far the raters agree over every standard that applies (spec section 8; absent in
    /// reports of format version 1.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub agreement: Option<Agreement>,
}

/// The organisation a report is about, by id only.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OrganisationRef {
    /// The organisation's id.
    pub id: String,
    /// Its structure, which decided which standards applied.
    pub structure: Structure,
}

/// Whether a score could be computed.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScoreStatus {
    /// A score was computed.
    Scored,
    /// Too little was rated to compute one.
    NotScoreable,
}

deserialize_by_name!(ScoreStatus {
    Scored => "scored" | "Scored",
    NotScoreable => "not_scoreable" | "Not scoreable",
});

/// The award outcome.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AwardOutcome {
    /// Every participating domain reaches the required band and every applicable core
    /// standard is met.
    MeetsStandards,
    /// Scored, but not yet meeting the standards.
    WorkingTowards,
    /// Not enough was rated for an overall score.
    Incomplete,
}

deserialize_by_name!(AwardOutcome {
    MeetsStandards => "meets_standards" | "Meets the standards",
    WorkingTowards => "working_towards" | "Working towards the standards",
    Incomplete => "incomplete" | "Incomplete: not enough rated to score",
});

/// The overall result.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Overall {
    /// Domain-weighted mean of the participating domains' scores, or `null`.
    pub score: Option<f64>,
    // Band and domain ids are `Id`s, as standard ids are: up to 40 bytes, copied into a report
    // with no allocation and no atomic count.
    /// The band of the overall score.
    pub band: Option<Id>,
    /// The band of the lowest participating domain: one domain may not hide behind another.
    pub profile_band: Option<Id>,
    /// The domains at that lowest score.
    pub limiting_domains: Vec<Id>,
    /// The award outcome.
    pub award: AwardOutcome,
    /// Whether an overall score was computed.
    pub status: ScoreStatus,
    /// What still stands between a scored assessment and the award (spec 3.8); present when
    /// the award is `working_towards`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub award_gap: Option<AwardGap>,
}

/// What a scored assessment still needs for the award (spec 3.8).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AwardGap {
    /// The band every participating domain must reach.
    pub required_band: Id,
    /// The participating domains below that band, in framework order.
    pub domains: Vec<BandGap>,
    /// The applicable core standards that are not met, in framework order.
    pub core_standards: Vec<Id>,
}

/// A participating domain below the award's required band.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BandGap {
    /// The domain's id.
    pub domain: Id,
    /// Its band now.
    pub band: Option<Id>,
    /// Score points it is short of the required band's minimum (1 decimal).
    pub points: f64,
}

/// Whether a domain was scored.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DomainStatus {
    /// Scored.
    Scored,
    /// Too little of it was rated (see `reason`).
    NotScoreable,
    /// None of its standards apply to this organisation.
    NotApplicable,
}

deserialize_by_name!(DomainStatus {
    Scored => "scored" | "Scored",
    NotScoreable => "not_scoreable" | "Not scoreable",
    NotApplicable => "not_applicable" | "Not applicable",
});

/// One domain's result.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DomainResult {
    /// The domain's id.
    pub domain: Id,
    /// Whether it was scored.
    pub status: DomainStatus,
    /// Whether it takes part in the overall score (spec 3.7: a core domain of weight above 0
    /// that is not `not_applicable`). Reports written before version 1.1 lack it.
    #[serde(default)]
    pub participates: bool,
    /// Weighted mean of its assessed standards' scores, or `null`.
    pub score: Option<f64>,
    /// The band of the score.
    pub band: Option<Id>,
    /// Rated weight over applicable weight, or `null` when nothing applies.
    pub coverage: Option<f64>,
    /// Total weight of the applicable standards tagged with the domain.
    pub applicable_weight: f64,
    /// Total weight of those that were assessed.
    pub rated_weight: f64,
    /// The assessed standards that make up the score.
    pub contributions: Vec<Contribution>,
    /// Why the domain was not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How far the raters agree over the domain's standards (spec section 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub agreement: Option<Agreement>,
}

/// One standard's part in a domain score.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Contribution {
    /// The standard's id.
    pub standard: Id,
    /// Its weight in the domain: standard weight times tag weight.
    pub weight: f64,
    /// Its effective level.
    pub effective: u32,
    /// Its score, 0 to 100.
    pub score: f64,
}

/// A standard's status.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StandardStatus {
    /// Does not apply (by structure or by rating).
    NotApplicable,
    /// Not rated.
    NotAssessed,
    /// Effective level at or above the met level.
    Met,
    /// Effective level above 0 but below the met level.
    WorkingTowards,
    /// Effective level 0.
    NotYet,
}

deserialize_by_name!(StandardStatus {
    NotApplicable => "not_applicable" | "Not applicable",
    NotAssessed => "not_assessed" | "Not assessed",
    Met => "met" | "Met",
    WorkingTowards => "working_towards" | "Working towards",
    NotYet => "not_yet" | "Not yet",
});

/// One standard's result.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StandardResult {
    /// The standard's id.
    pub standard: Id,
    /// Its status.
    pub status: StandardStatus,
    /// Whether it applies to the organisation's structure (spec 3.1); a standard that applies
    /// can still be rated `not_applicable`. Reports written before version 1.1 lack it.
    #[serde(default = "applies_by_default")]
    pub applies: bool,
    /// The level claimed (agreed, or the raters' lower median).
    pub claimed: Option<u32>,
    /// The level the evidence supports, at most the claimed level.
    pub effective: Option<u32>,
    /// `effective / max_level * 100`.
    pub score: Option<f64>,
    /// Why the effective level is below the claimed level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capped: Option<Cap>,
    /// The evidence counted for the standard.
    pub evidence: EvidenceSummary,
    /// The raters' judgements of the standard.
    pub raters: RaterSummary,
}

/// The evidence requirement a capped standard failed, and what it had.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Cap {
    /// The level that was not reached (effective + 1).
    pub level: u32,
    /// Points that level needs.
    pub min_points: f64,
    /// Independent items that level needs.
    pub min_independent: u32,
    /// Points the standard had.
    pub points: f64,
    /// Independent items the standard had.
    pub independent: u32,
    /// Points still missing (`min_points - points`, at least 0).
    #[serde(default)]
    pub missing_points: f64,
    /// Independent items still missing (`min_independent - independent`, at least 0).
    #[serde(default)]
    pub missing_independent: u32,
    /// How many more current items from one kind of source would lift the cap on their own.
    #[serde(default)]
    pub items_needed: ItemsNeeded,
}

/// For a capped standard, the number of further current items from a single kind of source
/// that would meet the failed requirement.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ItemsNeeded {
    /// Items from the organisation itself; `null` when independent items are missing, which
    /// the organisation's own evidence can never supply.
    #[serde(rename = "self")]
    pub own: Option<u32>,
    /// Items from a peer.
    pub peer: u32,
    /// Items from an external source.
    pub external: u32,
}

/// The evidence counted for a standard.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceSummary {
    /// Current items.
    pub current: u32,
    /// Stale or expired items.
    pub stale: u32,
    /// Points from current items.
    pub points: f64,
    /// Current items not produced by the organisation itself.
    pub independent: u32,
}

/// The raters' judgements of a standard.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RaterSummary {
    /// Rater judgements with a whole-number rating.
    pub n: u32,
    /// Highest minus lowest of those ratings (0 below two).
    pub spread: u32,
    /// How many raters rated the standard at each level, for levels `0..=max` (h_uc of
    /// spec section 8), so reports can be pooled for agreement.
    #[serde(default, skip_serializing_if = "LevelCounts::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number[]"))]
    #[schemars(with = "Vec<u32>")]
    pub levels: LevelCounts,
}

/// A standard's count of ratings at each level (`RaterSummary::levels`): a list that keeps
/// scales of up to eight levels inside the report entry, so a report needs no allocation per
/// standard for it. It reads as a slice of `u32`; `LevelCounts::from(vec)` makes one.
pub type LevelCounts = SmallVec<[u32; 8]>;

/// What one more level of one standard would add to the overall score.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Leverage {
    /// The standard's id.
    pub standard: Id,
    /// Gain in the overall score.
    pub gain: f64,
}

impl Report {
    /// The report as pretty-printed JSON with a final newline: the exact text of
    /// `chime score --format json` and of the Python and JavaScript `to_json`.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }

    /// The result of one standard.
    pub fn standard(&self, id: &str) -> Option<&StandardResult> {
        self.standards.iter().find(|result| *result.standard == *id)
    }

    /// The result of one domain.
    pub fn domain(&self, id: &str) -> Option<&DomainResult> {
        self.domains.iter().find(|result| *result.domain == *id)
    }
}

fn applies_by_default() -> bool {
    true
}
