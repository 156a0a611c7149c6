//! Pooling reports across organisations and years (spec section 6).
//!
//! The inputs are reports, not assessments, so pooled data holds ids and numbers only.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::agreement::{alpha_ordinal, Agreement};
use crate::diagnostic::{Code, Collector, Diagnostic, Document, Error};
use crate::report::{
    AwardOutcome, DomainStatus, Report, ScoreStatus, StandardResult, StandardStatus,
};
use crate::rounding::score1;

/// The `format` string of a cohort summary.
pub const COHORT_FORMAT: &str = "chime-standards/cohort@1";

/// Summary statistics of many reports of one framework.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Cohort {
    /// Always `"chime-standards/cohort@1"`.
    pub format: String,
    /// The framework id shared by every report.
    pub framework: String,
    /// How many reports were pooled.
    pub reports: u32,
    /// The overall scores.
    pub overall: Summary,
    /// Each domain's scores, in order of first appearance.
    pub domains: Vec<DomainSummary>,
    /// How many reports reached each award outcome.
    pub awards: AwardCounts,
    /// Warnings (for example several versions of the framework).
    pub diagnostics: Vec<Diagnostic>,
    /// Each standard across reports, in order of first appearance (spec section 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub standards: Vec<CohortStandard>,
    /// Agreement pooled over every report's applicable standards (no `raters`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub agreement: Option<Agreement>,
}

/// One standard across the reports of a cohort.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CohortStandard {
    /// The standard's id.
    pub standard: String,
    /// Reports that list the standard.
    pub n: u32,
    /// How many reports gave it each status, by status name.
    pub statuses: BTreeMap<String, u32>,
    /// Reports in which the evidence held it below its claim.
    pub capped: u32,
    /// Agreement pooled over the reports in which it applies: is it read differently across
    /// the sector?
    pub agreement: Agreement,
}

/// One row of a cohort's per-standard table ([`Cohort::standard_rows`]): a [`CohortStandard`]
/// made flat for data frames, with a count for every standard status (zero where no report
/// gave it), so that every row has the columns [`Cohort::standard_columns`] lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CohortStandardRow {
    /// The standard's id.
    pub standard: String,
    /// Reports that list the standard.
    pub n: u32,
    /// How many reports gave it each status, one entry per status name.
    #[serde(flatten)]
    pub statuses: BTreeMap<String, u32>,
    /// Reports in which the evidence held it below its claim.
    pub capped: u32,
    /// The pooled agreement's alpha.
    pub agreement_alpha: Option<f64>,
    /// Whether the pooled alpha could be computed.
    pub agreement_status: ScoreStatus,
    /// Pairable units of the pooled agreement.
    pub agreement_units: u32,
    /// Ratings on pairable units.
    pub agreement_values: u32,
}

/// Statistics of one score across reports.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Summary {
    /// Reports in which it was scored.
    pub n_scored: u32,
    /// Reports in which it could not be scored.
    pub n_not_scoreable: u32,
    /// Mean.
    pub mean: Option<f64>,
    /// Sample standard deviation (`null` below two scores).
    pub sd: Option<f64>,
    /// Lowest.
    pub min: Option<f64>,
    /// First quartile (linear interpolation).
    pub q1: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Third quartile.
    pub q3: Option<f64>,
    /// Highest.
    pub max: Option<f64>,
    /// How many scores fell in each band, by band id.
    pub bands: BTreeMap<String, u32>,
}

/// Statistics of one domain across reports.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DomainSummary {
    /// The domain's id.
    pub domain: String,
    /// Reports in which the domain did not apply.
    pub n_not_applicable: u32,
    /// The statistics.
    #[serde(flatten)]
    pub summary: Summary,
    /// Agreement pooled over the standards in each report's contributions to the domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub agreement: Option<Agreement>,
}

/// Counts of award outcomes.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AwardCounts {
    /// Reports that meet the standards.
    pub meets_standards: u32,
    /// Reports working towards them.
    pub working_towards: u32,
    /// Reports too incomplete to score.
    pub incomplete: u32,
}

/// Pools reports of one framework into summary statistics.
///
/// ```
/// use chime_standards::{cohort, Engine};
/// let engine = Engine::default_framework();
/// let report = engine.score(&chime_standards::example_assessment()).unwrap();
/// let pooled = cohort(&[report.clone(), report]).unwrap();
/// assert_eq!(pooled.reports, 2);
/// assert_eq!(pooled.overall.sd, pooled.overall.n_scored.eq(&2).then_some(0.0));
/// ```
pub fn cohort<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Result<Cohort, Error> {
    let reports: Vec<&Report> = reports.into_iter().collect();
    let mut found = Collector::new(Document::Report);
    let Some(first) = reports.first().copied() else {
        return Err(Error::single(
            Code::EmptyCohort,
            Document::Report,
            "",
            "give at least one report",
        ));
    };
    for (i, report) in reports.iter().enumerate() {
        if report.framework.id != first.framework.id {
            found.error(
                Code::FrameworkMismatch,
                format!("/{i}/framework/id"),
                format!(
                    "report {i} uses framework `{}`, not `{}`; pool one framework at a time",
                    report.framework.id, first.framework.id
                ),
            );
        } else if report.framework.version != first.framework.version {
            found.warning(
                Code::FrameworkVersionDiffers,
                format!("/{i}/framework/version"),
                format!(
                    "report {i} uses version {} of the framework, report 0 uses {}",
                    report.framework.version, first.framework.version
                ),
            );
        }
    }
    let diagnostics = crate::diagnostic::into_result(found.found)?;

    let mut overall = Pool::default();
    let mut domains: Vec<(String, Pool, u32)> = Vec::new();
    let mut awards = AwardCounts::default();
    for report in &reports {
        match report.overall.status {
            ScoreStatus::Scored => {
                overall.add(report.overall.score, report.overall.band.as_deref())
            }
            ScoreStatus::NotScoreable => overall.not_scoreable += 1,
        }
        match report.overall.award {
            AwardOutcome::MeetsStandards => awards.meets_standards += 1,
            AwardOutcome::WorkingTowards => awards.working_towards += 1,
            AwardOutcome::Incomplete => awards.incomplete += 1,
        }
        for result in &report.domains {
            let position = match domains.iter().position(|(id, _, _)| **id == *result.domain) {
                Some(position) => position,
                None => {
                    domains.push((result.domain.to_string(), Pool::default(), 0));
                    domains.len() - 1
                }
            };
            let Some((_, pool, not_applicable)) = domains.get_mut(position) else {
                continue;
            };
            match result.status {
                DomainStatus::Scored => pool.add(result.score, result.band.as_deref()),
                DomainStatus::NotScoreable => pool.not_scoreable += 1,
                DomainStatus::NotApplicable => *not_applicable += 1,
            }
        }
    }
    let pooled = pooled_agreement(&reports);
    Ok(Cohort {
        format: COHORT_FORMAT.to_string(),
        framework: first.framework.id.clone(),
        reports: count(reports.len()),
        overall: overall.summary(),
        domains: domains
            .into_iter()
            .map(|(domain, pool, not_applicable)| DomainSummary {
                agreement: pooled.domain(&domain),
                domain,
                n_not_applicable: not_applicable,
                summary: pool.summary(),
            })
            .collect(),
        awards,
        diagnostics,
        standards: pooled.standards,
        agreement: Some(pooled.overall),
    })
}

impl Cohort {
    /// The cohort as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }

    /// The per-standard table ([`Cohort::standards`]) as flat rows, one per standard in the
    /// cohort's order: for data frames, with the columns of [`Cohort::standard_columns`].
    ///
    /// ```
    /// use chime_standards::{cohort, example_assessment, Engine};
    /// let report = Engine::default_framework().score(&example_assessment()).unwrap();
    /// let pooled = cohort([&report, &report]).unwrap();
    /// let rows = pooled.standard_rows();
    /// assert_eq!(rows.len(), report.standards.len());
    /// assert!(rows.iter().all(|row| row.n == 2));
    /// ```
    pub fn standard_rows(&self) -> Vec<CohortStandardRow> {
        self.standards
            .iter()
            .map(|entry| CohortStandardRow {
                standard: entry.standard.clone(),
                n: entry.n,
                statuses: StandardStatus::NAMED
                    .iter()
                    .map(|(_, name)| {
                        let count = entry.statuses.get(*name).copied().unwrap_or(0);
                        ((*name).to_owned(), count)
                    })
                    .collect(),
                capped: entry.capped,
                agreement_alpha: entry.agreement.alpha,
                agreement_status: entry.agreement.status,
                agreement_units: entry.agreement.units,
                agreement_values: entry.agreement.values,
            })
            .collect()
    }

    /// The cohort as CSV: a header, one row for the overall score, one per domain.
    ///
    /// Empty cells are `null` statistics; `bands` is `band:count` pairs joined by `;`.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from(
            "scope,domain,n_scored,n_not_scoreable,n_not_applicable,mean,sd,min,q1,median,q3,max,bands\n",
        );
        let mut row =
            |scope: &str, domain: &str, summary: &Summary, not_applicable: Option<u32>| {
                let number = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
                let bands: Vec<String> = summary
                    .bands
                    .iter()
                    .map(|(id, n)| format!("{id}:{n}"))
                    .collect();
                let cells = [
                    scope.to_string(),
                    csv_cell(domain),
                    summary.n_scored.to_string(),
                    summary.n_not_scoreable.to_string(),
                    not_applicable.map(|n| n.to_string()).unwrap_or_default(),
                    number(summary.mean),
                    number(summary.sd),
                    number(summary.min),
                    number(summary.q1),
                    number(summary.median),
                    number(summary.q3),
                    number(summary.max),
                    csv_cell(&bands.join(";")),
                ];
                csv.push_str(&cells.join(","));
                csv.push('\n');
            };
        row("overall", "", &self.overall, None);
        for domain in &self.domains {
            row(
                "domain",
                &domain.domain,
                &domain.summary,
                Some(domain.n_not_applicable),
            );
        }
        csv
    }
}

/// Quotes a CSV cell when it holds a comma, quote or line break (RFC 4180).
fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[derive(Default)]
struct Pool {
    scores: Vec<f64>,
    not_scoreable: u32,
    bands: BTreeMap<String, u32>,
}

impl Pool {
    fn add(&mut self, score: Option<f64>, band: Option<&str>) {
        if let Some(score) = score {
            self.scores.push(score);
        }
        if let Some(band) = band {
            *self.bands.entry(band.to_string()).or_default() += 1;
        }
    }

    fn summary(mut self) -> Summary {
        self.scores.sort_unstable_by(f64::total_cmp);
        let scores = &self.scores;
        let n = scores.len();
        let mean = (n > 0).then(|| scores.iter().sum::<f64>() / n as f64);
        let sd = mean.filter(|_| n >= 2).map(|mean| {
            let squares: f64 = scores.iter().map(|x| (x - mean).powi(2)).sum();
            (squares / (n - 1) as f64).sqrt()
        });
        let q = |p: f64| quantile(scores, p).map(score1);
        Summary {
            n_scored: count(n),
            n_not_scoreable: self.not_scoreable,
            mean: mean.map(score1),
            sd: sd.map(score1),
            min: q(0.0),
            q1: q(0.25),
            median: q(0.5),
            q3: q(0.75),
            max: q(1.0),
            bands: self.bands,
        }
    }
}

/// Quantile of sorted data by linear interpolation between closest ranks (numpy's default).
fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let position = p * last as f64;
    let below = position.floor();
    let lower = *sorted.get(below as usize)?;
    let upper = *sorted.get((below as usize + 1).min(last))?;
    Some(lower + (upper - lower) * (position - below))
}

/// Agreement pooled from reports (spec section 8, cohort).
struct Pooled {
    overall: Agreement,
    domains: Vec<(String, Agreement)>,
    standards: Vec<CohortStandard>,
}

impl Pooled {
    fn domain(&self, id: &str) -> Option<Agreement> {
        self.domains
            .iter()
            .find(|(domain, _)| domain == id)
            .map(|(_, agreement)| agreement.clone())
    }
}

/// Each (report, standard) whose status is not `not_applicable` is a unit with that report's
/// `levels`; a domain's units are the standards of the report's contributions to it. Reports
/// without `levels` (format 1.0) add no units.
fn pooled_agreement(reports: &[&Report]) -> Pooled {
    fn unit(result: &StandardResult) -> Option<&[u32]> {
        (result.status != StandardStatus::NotApplicable && !result.raters.levels.is_empty())
            .then_some(result.raters.levels.as_slice())
    }
    let mut all: Vec<&[u32]> = Vec::new();
    // (standard, n, statuses, capped, units), in order of first appearance.
    type Tally<'a> = (String, u32, BTreeMap<String, u32>, u32, Vec<&'a [u32]>);
    let mut standards: Vec<Tally> = Vec::new();
    let mut domains: Vec<(String, Vec<&[u32]>)> = Vec::new();
    for report in reports {
        for result in &report.standards {
            let position = match standards.iter().position(|s| *s.0 == *result.standard) {
                Some(position) => position,
                None => {
                    standards.push((
                        result.standard.to_string(),
                        0,
                        BTreeMap::new(),
                        0,
                        Vec::new(),
                    ));
                    standards.len() - 1
                }
            };
            let Some(entry) = standards.get_mut(position) else {
                continue;
            };
            entry.1 += 1;
            let status = StandardStatus::NAMED
                .iter()
                .find(|(status, _)| *status == result.status)
                .map_or("", |(_, name)| *name);
            *entry.2.entry(status.to_string()).or_default() += 1;
            entry.3 += u32::from(result.capped.is_some());
            if let Some(levels) = unit(result) {
                entry.4.push(levels);
                all.push(levels);
            }
        }
        for domain in &report.domains {
            let position = match domains.iter().position(|d| *d.0 == *domain.domain) {
                Some(position) => position,
                None => {
                    domains.push((domain.domain.to_string(), Vec::new()));
                    domains.len() - 1
                }
            };
            let Some((_, units)) = domains.get_mut(position) else {
                continue;
            };
            for contribution in &domain.contributions {
                if let Some(levels) = report.standard(&contribution.standard).and_then(unit) {
                    units.push(levels);
                }
            }
        }
    }
    Pooled {
        overall: alpha_ordinal(all),
        domains: domains
            .into_iter()
            .map(|(domain, units)| (domain, alpha_ordinal(units)))
            .collect(),
        standards: standards
            .into_iter()
            .map(|(standard, n, statuses, capped, units)| CohortStandard {
                standard,
                n,
                statuses,
                capped,
                agreement: alpha_ordinal(units),
            })
            .collect(),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::quantile;

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let data = [50.0, 62.5, 75.0, 100.0];
        // numpy.quantile([50, 62.5, 75, 100], [0, .25, .5, .75, 1])
        let expected = [50.0, 59.375, 68.75, 81.25, 100.0];
        for (p, want) in [0.0, 0.25, 0.5, 0.75, 1.0].into_iter().zip(expected) {
            assert_eq!(quantile(&data, p), Some(want), "p = {p}");
        }
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[7.0], 0.75), Some(7.0));
    }
}
