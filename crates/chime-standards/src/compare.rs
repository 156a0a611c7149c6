//! Comparing two reports of one organisation over time (spec section 6).
//!
//! Recovery is not linear: a comparison states what changed between two readings, and
//! draws no conclusion about a "stage".

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::FrameworkRef;
use crate::date::Date;
use crate::diagnostic::{Code, Collector, Diagnostic, Document, Error};
use crate::read::names::deserialize_by_name;
use crate::report::{Report, StandardStatus};
use crate::rounding::score1;

/// The `format` string of a comparison.
pub const COMPARISON_FORMAT: &str = "chime-standards/comparison@1";

/// What changed between two reports.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Comparison {
    /// Always `"chime-standards/comparison@1"`.
    pub format: String,
    /// The framework of the later report.
    pub framework: FrameworkRef,
    /// The earlier reading.
    pub before: Reading,
    /// The later reading.
    pub after: Reading,
    /// Change in the overall score.
    pub overall: Change,
    /// Change in each domain's score.
    pub domains: Vec<DomainChange>,
    /// Standards met after and not before.
    pub newly_met: Vec<String>,
    /// Standards met before and not after.
    pub no_longer_met: Vec<String>,
    /// Warnings (for example two versions of the framework).
    pub diagnostics: Vec<Diagnostic>,
}

/// One side of a comparison.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Reading {
    /// The assessment's id.
    pub assessment: String,
    /// Its date.
    pub assessed_on: Date,
}

/// Which way a score moved, judged against the framework's change threshold.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Rose by at least the threshold.
    Improved,
    /// Fell by at least the threshold.
    Declined,
    /// Moved by less than the threshold.
    Stable,
}

deserialize_by_name!(Direction {
    Improved => "improved",
    Declined => "declined",
    Stable => "stable",
});

/// A score before and after.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Change {
    /// The earlier score, if scored.
    pub before: Option<f64>,
    /// The later score, if scored.
    pub after: Option<f64>,
    /// `after - before`, when both are scored.
    pub delta: Option<f64>,
    /// Which way it moved, when both are scored.
    pub direction: Option<Direction>,
}

/// A domain's score before and after.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DomainChange {
    /// The domain's id.
    pub domain: String,
    /// Its change.
    #[serde(flatten)]
    pub change: Change,
}

/// Compares two reports of the same framework.
///
/// ```
/// use chime_standards::{compare, Engine};
/// let engine = Engine::default_framework();
/// let report = engine.score(&chime_standards::example_assessment()).unwrap();
/// let same = compare(&report, &report).unwrap();
/// assert_eq!(same.overall.delta, Some(0.0));
/// ```
pub fn compare(before: &Report, after: &Report) -> Result<Comparison, Error> {
    let mut found = Collector::new(Document::Report);
    if before.framework.id != after.framework.id {
        found.error(
            Code::FrameworkMismatch,
            "/framework/id",
            format!(
                "the reports use different frameworks (`{}` and `{}`); compare readings of one framework",
                before.framework.id, after.framework.id
            ),
        );
        return Err(Error::new(found.found));
    }
    if before.framework.version != after.framework.version {
        found.warning(
            Code::FrameworkVersionDiffers,
            "/framework/version",
            format!(
                "the reports use versions {} and {} of the framework; standards may have changed",
                before.framework.version, after.framework.version
            ),
        );
    }
    let threshold = after.change_threshold;
    let change = |before: Option<f64>, after: Option<f64>| {
        let delta = before.zip(after).map(|(b, a)| score1(a - b));
        Change {
            before,
            after,
            delta,
            direction: delta.map(|delta| direction(delta, threshold)),
        }
    };

    let mut domain_ids: Vec<&str> = after.domains.iter().map(|d| &*d.domain).collect();
    for domain in &before.domains {
        if !domain_ids.contains(&&*domain.domain) {
            domain_ids.push(&domain.domain);
        }
    }
    let domains = domain_ids
        .into_iter()
        .map(|id| DomainChange {
            domain: id.to_string(),
            change: change(
                before.domain(id).and_then(|d| d.score),
                after.domain(id).and_then(|d| d.score),
            ),
        })
        .collect();

    Ok(Comparison {
        format: COMPARISON_FORMAT.to_string(),
        framework: after.framework.clone(),
        before: reading(before),
        after: reading(after),
        overall: change(before.overall.score, after.overall.score),
        domains,
        newly_met: met_in(after)
            .filter(|id| !met_in(before).any(|b| b == *id))
            .map(String::from)
            .collect(),
        no_longer_met: met_in(before)
            .filter(|id| !met_in(after).any(|a| a == *id))
            .map(String::from)
            .collect(),
        diagnostics: found.found,
    })
}

fn direction(delta: f64, threshold: f64) -> Direction {
    if delta >= threshold {
        Direction::Improved
    } else if delta <= -threshold {
        Direction::Declined
    } else {
        Direction::Stable
    }
}

fn reading(report: &Report) -> Reading {
    Reading {
        assessment: report.assessment.clone(),
        assessed_on: report.assessed_on,
    }
}

fn met_in(report: &Report) -> impl Iterator<Item = &str> + Clone {
    report
        .standards
        .iter()
        .filter(|s| s.status == StandardStatus::Met)
        .map(|s| &*s.standard)
}

impl Comparison {
    /// The comparison as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }
}

/// Compares two reports on two versions of one framework, following a mapping (spec 9.4).
///
/// Without a mapping this is [`compare`]. With one, the mapping's `from` and `to` must be the
/// reports' frameworks (`framework_mismatch`, paths into the mapping), and `newly_met` and
/// `no_longer_met` follow it: a new standard is newly met when it is met after and none of its
/// entry's old standards was met before (a standard no entry leads to is new: newly met when
/// met); an old standard is no longer met when it was met before and none of its entry's new
/// standards is met after (a retired standard has no successor, so it is listed when it was
/// met).
///
/// ```
/// use chime_standards::{compare_with_mapping, draft_mapping, default_framework, Engine};
/// let engine = Engine::default_framework();
/// let report = engine.score(&chime_standards::example_assessment()).unwrap();
/// let mapping = draft_mapping(engine.framework(), engine.framework());
/// let same = compare_with_mapping(&report, &report, Some(&mapping)).unwrap();
/// assert!(same.newly_met.is_empty() && same.no_longer_met.is_empty());
/// ```
pub fn compare_with_mapping(
    before: &Report,
    after: &Report,
    mapping: Option<&crate::revision::Mapping>,
) -> Result<Comparison, Error> {
    let mut comparison = compare(before, after)?;
    let Some(mapping) = mapping else {
        return Ok(comparison);
    };
    let mut found = Collector::new(Document::Mapping);
    for (path, reference, report, which) in [
        ("/from", &mapping.from, before, "earlier"),
        ("/to", &mapping.to, after, "later"),
    ] {
        if *reference != report.framework {
            found.error(
                Code::FrameworkMismatch,
                path,
                format!(
                    "the mapping's `{}` is {} {}, but the {which} report is of {} {}; give the mapping written for these versions",
                    path.trim_start_matches('/'),
                    reference.id,
                    reference.version,
                    report.framework.id,
                    report.framework.version
                ),
            );
        }
    }
    if !found.found.is_empty() {
        return Err(Error::new(found.found));
    }
    let routes = crate::revision::Routes::new(mapping);
    let met_before: std::collections::HashSet<&str> = met_in(before).collect();
    let met_after: std::collections::HashSet<&str> = met_in(after).collect();
    comparison.newly_met = met_in(after)
        .filter(|id| match routes.to(id) {
            Some(entry) => !entry
                .from
                .iter()
                .any(|old| met_before.contains(old.as_str())),
            None => true,
        })
        .map(|id| id.to_string())
        .collect();
    comparison.no_longer_met = met_in(before)
        .filter(|id| match routes.from(id) {
            Some(entry) => !entry.to.iter().any(|new| met_after.contains(new.as_str())),
            None => true,
        })
        .map(|id| id.to_string())
        .collect();
    Ok(comparison)
}
