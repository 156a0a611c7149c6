//! Tidy rows of reports for research: one row per report, per report and domain, or per
//! report and standard.
//!
//! Researchers pool many reports and analyse them as tables (pandas, R, a spreadsheet). These
//! rows are the one flattening every front end shares, so a Python DataFrame, a CSV and a
//! JavaScript table hold the same columns and the same numbers. Like reports, rows carry ids,
//! enum values and numbers only.
//!
//! ```
//! use chime_standards::{records, Engine, Record, RecordLevel};
//! let engine = Engine::default_framework();
//! let report = engine.score(&chime_standards::example_assessment()).unwrap();
//! let rows = records([&report], RecordLevel::Domain);
//! assert_eq!(rows.len(), report.domains.len());
//! match &rows[0] {
//!     Record::Domain(row) => assert_eq!(row.domain, *report.domains[0].domain),
//!     _ => unreachable!(),
//! }
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{AssessmentStatus, Structure};
use crate::date::Date;
use crate::report::{AwardOutcome, DomainStatus, Report, ScoreStatus, StandardStatus};

/// Which rows to make: one per report, per report and domain, or per report and standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordLevel {
    /// One row per report: the overall result.
    Overall,
    /// One row per report and domain, in framework order.
    Domain,
    /// One row per report and standard, in framework order.
    Standard,
}

/// The columns that say which report a row came from, first in every row.
const KEY_COLUMNS: [&str; 7] = [
    "assessment",
    "organisation",
    "structure",
    "assessed_on",
    "assessment_status",
    "framework",
    "framework_version",
];

impl RecordLevel {
    /// Every level, in a fixed order.
    pub const ALL: [RecordLevel; 3] = [
        RecordLevel::Overall,
        RecordLevel::Domain,
        RecordLevel::Standard,
    ];

    /// The level's name: `overall`, `domain` or `standard`.
    pub fn name(self) -> &'static str {
        match self {
            RecordLevel::Overall => "overall",
            RecordLevel::Domain => "domain",
            RecordLevel::Standard => "standard",
        }
    }

    /// The level with this name.
    pub fn from_name(name: &str) -> Option<RecordLevel> {
        RecordLevel::ALL
            .into_iter()
            .find(|level| level.name() == name)
    }

    /// The column names of this level's rows, in order (the same for every row, so an empty
    /// table still has its columns).
    pub fn columns(self) -> Vec<&'static str> {
        let own: &[&str] = match self {
            RecordLevel::Overall => &[
                "score",
                "band",
                "profile_band",
                "award",
                "status",
                "agreement_alpha",
                "agreement_status",
                "agreement_units",
                "agreement_values",
                "agreement_raters",
            ],
            RecordLevel::Domain => &[
                "domain",
                "status",
                "score",
                "band",
                "coverage",
                "applicable_weight",
                "rated_weight",
                "agreement_alpha",
                "agreement_status",
                "agreement_units",
                "agreement_values",
                "agreement_raters",
            ],
            RecordLevel::Standard => &[
                "standard",
                "status",
                "claimed",
                "effective",
                "score",
                "capped",
                "evidence_current",
                "evidence_stale",
                "evidence_points",
                "evidence_independent",
                "raters_n",
                "raters_spread",
            ],
        };
        KEY_COLUMNS.iter().chain(own).copied().collect()
    }
}

/// Which report a row came from: ids, dates and enum values only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RecordKey {
    /// The assessment's id.
    pub assessment: String,
    /// The organisation's id.
    pub organisation: String,
    /// The organisation's structure.
    pub structure: Structure,
    /// The assessment's "as of" date.
    pub assessed_on: Date,
    /// The assessment's review status.
    pub assessment_status: AssessmentStatus,
    /// The framework's id.
    pub framework: String,
    /// The framework's version.
    pub framework_version: String,
}

impl RecordKey {
    /// The key columns of a report.
    pub fn of(report: &Report) -> RecordKey {
        RecordKey {
            assessment: report.assessment.clone(),
            organisation: report.organisation.id.clone(),
            structure: report.organisation.structure,
            assessed_on: report.assessed_on,
            assessment_status: report.status,
            framework: report.framework.id.clone(),
            framework_version: report.framework.version.clone(),
        }
    }
}

/// One report's overall result as a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OverallRecord {
    /// Which report.
    #[serde(flatten)]
    pub key: RecordKey,
    /// The overall score, or `null`.
    pub score: Option<f64>,
    /// The band of the overall score.
    pub band: Option<String>,
    /// The band of the lowest participating domain.
    pub profile_band: Option<String>,
    /// The award outcome.
    pub award: AwardOutcome,
    /// Whether an overall score was computed.
    pub status: ScoreStatus,
    /// Krippendorff's alpha (ordinal) of the raters, or `null` (spec section 8).
    pub agreement_alpha: Option<f64>,
    /// Whether alpha could be computed (`null` for a report without agreement).
    pub agreement_status: Option<ScoreStatus>,
    /// Standards with two or more ratings.
    pub agreement_units: Option<u32>,
    /// Ratings on those standards.
    pub agreement_values: Option<u32>,
    /// Raters with a rating on those standards.
    pub agreement_raters: Option<u32>,
}

/// One domain of one report as a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DomainRecord {
    /// Which report.
    #[serde(flatten)]
    pub key: RecordKey,
    /// The domain's id.
    pub domain: String,
    /// Whether it was scored.
    pub status: DomainStatus,
    /// Its score, or `null`.
    pub score: Option<f64>,
    /// The band of its score.
    pub band: Option<String>,
    /// Rated weight over applicable weight, or `null`.
    pub coverage: Option<f64>,
    /// Total weight of its applicable standards.
    pub applicable_weight: f64,
    /// Total weight of those assessed.
    pub rated_weight: f64,
    /// Krippendorff's alpha (ordinal) of the raters, or `null` (spec section 8).
    pub agreement_alpha: Option<f64>,
    /// Whether alpha could be computed (`null` for a report without agreement).
    pub agreement_status: Option<ScoreStatus>,
    /// Standards with two or more ratings.
    pub agreement_units: Option<u32>,
    /// Ratings on those standards.
    pub agreement_values: Option<u32>,
    /// Raters with a rating on those standards.
    pub agreement_raters: Option<u32>,
}

/// One standard of one report as a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StandardRecord {
    /// Which report.
    #[serde(flatten)]
    pub key: RecordKey,
    /// The standard's id.
    pub standard: String,
    /// Its status.
    pub status: StandardStatus,
    /// The level claimed, or `null`.
    pub claimed: Option<u32>,
    /// The level the evidence supports, or `null`.
    pub effective: Option<u32>,
    /// Its score, or `null`.
    pub score: Option<f64>,
    /// Whether the evidence held it below its claim.
    pub capped: bool,
    /// Current evidence items.
    pub evidence_current: u32,
    /// Stale or expired evidence items.
    pub evidence_stale: u32,
    /// Points from current evidence.
    pub evidence_points: f64,
    /// Current items not produced by the organisation itself.
    pub evidence_independent: u32,
    /// Rater judgements with a whole-number rating.
    pub raters_n: u32,
    /// Highest minus lowest of those ratings.
    pub raters_spread: u32,
}

/// One row of any level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Record {
    /// A row of [`RecordLevel::Overall`].
    Overall(OverallRecord),
    /// A row of [`RecordLevel::Domain`].
    Domain(DomainRecord),
    /// A row of [`RecordLevel::Standard`].
    Standard(StandardRecord),
}

/// One row per report: the overall result.
pub fn overall_records<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Vec<OverallRecord> {
    reports
        .into_iter()
        .map(|report| OverallRecord {
            key: RecordKey::of(report),
            score: report.overall.score,
            band: report.overall.band.as_deref().map(String::from),
            profile_band: report.overall.profile_band.as_deref().map(String::from),
            award: report.overall.award,
            status: report.overall.status,
            agreement_alpha: report.agreement.as_ref().and_then(|a| a.alpha),
            agreement_status: report.agreement.as_ref().map(|a| a.status),
            agreement_units: report.agreement.as_ref().map(|a| a.units),
            agreement_values: report.agreement.as_ref().map(|a| a.values),
            agreement_raters: report.agreement.as_ref().and_then(|a| a.raters),
        })
        .collect()
}

/// One row per report and domain, reports in the order given, domains in framework order.
pub fn domain_records<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Vec<DomainRecord> {
    let mut rows = Vec::new();
    for report in reports {
        let key = RecordKey::of(report);
        rows.extend(report.domains.iter().map(|domain| DomainRecord {
            key: key.clone(),
            domain: domain.domain.to_string(),
            status: domain.status,
            score: domain.score,
            band: domain.band.as_deref().map(String::from),
            coverage: domain.coverage,
            applicable_weight: domain.applicable_weight,
            rated_weight: domain.rated_weight,
            agreement_alpha: domain.agreement.as_ref().and_then(|a| a.alpha),
            agreement_status: domain.agreement.as_ref().map(|a| a.status),
            agreement_units: domain.agreement.as_ref().map(|a| a.units),
            agreement_values: domain.agreement.as_ref().map(|a| a.values),
            agreement_raters: domain.agreement.as_ref().and_then(|a| a.raters),
        }));
    }
    rows
}

/// One row per report and standard, reports in the order given, standards in framework order.
pub fn standard_records<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Vec<StandardRecord> {
    let mut rows = Vec::new();
    for report in reports {
        let key = RecordKey::of(report);
        rows.extend(report.standards.iter().map(|standard| StandardRecord {
            key: key.clone(),
            standard: standard.standard.to_string(),
            status: standard.status,
            claimed: standard.claimed,
            effective: standard.effective,
            score: standard.score,
            capped: standard.capped.is_some(),
            evidence_current: standard.evidence.current,
            evidence_stale: standard.evidence.stale,
            evidence_points: standard.evidence.points,
            evidence_independent: standard.evidence.independent,
            raters_n: standard.raters.n,
            raters_spread: standard.raters.spread,
        }));
    }
    rows
}

/// The rows of one level, for reports of any framework (the key columns say which).
pub fn records<'a>(
    reports: impl IntoIterator<Item = &'a Report>,
    level: RecordLevel,
) -> Vec<Record> {
    match level {
        RecordLevel::Overall => overall_records(reports)
            .into_iter()
            .map(Record::Overall)
            .collect(),
        RecordLevel::Domain => domain_records(reports)
            .into_iter()
            .map(Record::Domain)
            .collect(),
        RecordLevel::Standard => standard_records(reports)
            .into_iter()
            .map(Record::Standard)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{example_assessment, Engine};

    fn report() -> Report {
        match Engine::default_framework().score(&example_assessment()) {
            Ok(report) => report,
            Err(error) => panic!("the example scores: {error}"),
        }
    }

    #[test]
    fn rows_follow_reports_then_framework_order() {
        let report = report();
        let rows = standard_records([&report, &report]);
        assert_eq!(rows.len(), 2 * report.standards.len());
        for (row, result) in rows
            .iter()
            .zip(report.standards.iter().chain(&report.standards))
        {
            assert_eq!(*row.standard, *result.standard);
            assert_eq!(row.score, result.score);
            assert_eq!(row.capped, result.capped.is_some());
            assert_eq!(row.key.assessment, report.assessment);
        }
        let overall = overall_records([&report]);
        assert_eq!(overall.len(), 1);
        assert_eq!(
            overall.first().map(|row| row.score),
            Some(report.overall.score)
        );
        assert_eq!(RecordLevel::from_name("domain"), Some(RecordLevel::Domain));
        assert_eq!(RecordLevel::from_name("domains"), None);
    }
}
