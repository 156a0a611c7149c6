//! Agreement among raters: Krippendorff's alpha with the ordinal metric (spec section 8).
//!
//! Where several raters rate, how far they agree is part of the evidence: low agreement means
//! a standard is read differently by different people. A *unit* is a standard (in a report, or
//! a report's standard in a cohort); its values are the raters' whole-number ratings, counted
//! per level as `h_uc` (the report's `standards[].raters.levels`). Units with fewer than two
//! ratings contribute nothing.
//!
//! ```
//! use chime_standards::{alpha_ordinal, AgreementReading};
//! // Two standards, each rated by three raters on levels 0..=4: [level counts].
//! let agreement = alpha_ordinal([&[0, 0, 3, 0, 0][..], &[0, 0, 0, 2, 1][..]]);
//! assert_eq!(agreement.units, 2);
//! assert_eq!(agreement.values, 6);
//! assert_eq!(agreement.reading(), AgreementReading::Reliable);
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use std::collections::HashMap;

use crate::assessment::{Assessment, Rating};
use crate::claims::Gathered;
use crate::index::Index;
use crate::read::names::deserialize_by_name;
use crate::report::{
    DomainResult, LevelCounts, Report, ScoreStatus, StandardResult, StandardStatus,
};
use crate::resolve::Resolved;
use crate::rounding::round_to;
use crate::spare::{self, Spare};

thread_local! {
    static CELLS: Spare<f64> = const { Spare::new(Vec::new()) };
}

/// The agreement statistic used.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementMetric {
    /// Krippendorff's alpha with the ordinal difference function.
    #[default]
    KrippendorffAlphaOrdinal,
}

deserialize_by_name!(AgreementMetric {
    KrippendorffAlphaOrdinal => "krippendorff_alpha_ordinal",
});

/// How far raters agree over a set of units (a report, a domain, a cohort's standard).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Always `krippendorff_alpha_ordinal`.
    pub metric: AgreementMetric,
    /// Alpha to 3 decimals (1 is perfect agreement, 0 what chance gives; it can be negative),
    /// or `null` when not scoreable.
    pub alpha: Option<f64>,
    /// Whether alpha could be computed.
    pub status: ScoreStatus,
    /// Pairable units: standards with two or more ratings.
    pub units: u32,
    /// Ratings on pairable units (Krippendorff's `n`).
    pub values: u32,
    /// Distinct raters with a rating on a pairable unit (absent when pooled from reports,
    /// which hold no rater ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub raters: Option<u32>,
    /// Why alpha could not be computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub reason: Option<String>,
}

/// What an alpha means for a group, in Krippendorff's own reading: the wording decision the
/// text and HTML reports (and any front end) put into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementReading {
    /// Alpha 0.800 or more: the ratings can be relied on.
    Reliable,
    /// Alpha from 0.667 up to 0.800: tentative conclusions only.
    Tentative,
    /// Alpha below 0.667: the raters read the standards too differently to rely on.
    Unreliable,
    /// No alpha: too few paired ratings, or no variation at all.
    NotScoreable,
}

/// Alpha of 0.800 or more is reliable (Krippendorff, *Content Analysis*, 2004, 241).
pub const RELIABLE_ALPHA: f64 = 0.800;
/// Alpha of 0.667 or more allows tentative conclusions.
pub const TENTATIVE_ALPHA: f64 = 0.667;

impl Agreement {
    /// Which reading the written (3-decimal) alpha falls in.
    pub fn reading(&self) -> AgreementReading {
        AgreementReading::of(self.alpha)
    }
}

impl AgreementReading {
    /// The reading of a written alpha (`None`: not scoreable).
    pub fn of(alpha: Option<f64>) -> AgreementReading {
        match alpha {
            None => AgreementReading::NotScoreable,
            Some(alpha) if alpha >= RELIABLE_ALPHA => AgreementReading::Reliable,
            Some(alpha) if alpha >= TENTATIVE_ALPHA => AgreementReading::Tentative,
            Some(_) => AgreementReading::Unreliable,
        }
    }

    /// The reading's name: `reliable`, `tentative`, `unreliable` or `not_scoreable`.
    pub fn name(self) -> &'static str {
        match self {
            AgreementReading::Reliable => "reliable",
            AgreementReading::Tentative => "tentative",
            AgreementReading::Unreliable => "unreliable",
            AgreementReading::NotScoreable => "not_scoreable",
        }
    }
}

/// The unrounded parts of Krippendorff's alpha over a set of units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlphaParts {
    /// Pairable units (m_u >= 2).
    pub units: u64,
    /// n: the number of pairable values.
    pub values: u64,
    /// Observed disagreement D_o.
    pub observed: f64,
    /// Expected disagreement D_e.
    pub expected: f64,
    /// `1 - D_o / D_e`, unrounded; `None` when n = 0 or D_e = 0.
    pub alpha: Option<f64>,
}

/// Krippendorff's alpha, ordinal metric, from each unit's counts per level (spec section 8):
/// `levels[c]` = h_uc, the number of raters who rated the unit at level c. Unrounded.
pub fn alpha_parts<'a>(units: impl IntoIterator<Item = &'a [u32]>) -> AlphaParts {
    let units: Vec<&[u32]> = units
        .into_iter()
        .filter(|levels| levels.iter().map(|&h| u64::from(h)).sum::<u64>() >= 2)
        .collect();
    let width = units.iter().map(|levels| levels.len()).max().unwrap_or(0);
    let mut block = Coincidences::new(width, 1);
    for levels in units {
        block.add_unit(levels, &[0]);
    }
    let parts = block.parts(0);
    block.recycle();
    parts
}

/// The coincidence matrices o_ck of several sets of units at once (spec section 8), each
/// `width` levels wide: a report's domains and the report itself share their units, so each
/// unit's terms are worked out once and added to every set it belongs to. Each cell adds its
/// terms in unit order, so a set's sums are the same to the last bit whichever other sets
/// are kept beside it.
struct Coincidences {
    width: usize,
    /// The sets' matrices one after another, each row-major.
    cells: Vec<f64>,
    /// For each set, its units with two or more values and its number of values.
    counts: Vec<(u64, u64)>,
}

impl Coincidences {
    /// Empty matrices, in lists taken from this thread's spares.
    fn new(width: usize, sets: usize) -> Coincidences {
        let mut cells = spare::take(&CELLS);
        cells.resize(sets * width * width, 0.0);
        Coincidences {
            width,
            cells,
            counts: vec![(0, 0); sets],
        }
    }

    /// Gives the lists back for the next matrices made on this thread.
    fn recycle(self) {
        spare::give(&CELLS, self.cells);
    }

    /// Adds a unit's counts per level to each of `sets`, which are distinct. Returns m, its
    /// number of values; a unit with fewer than two adds nothing. Counts beyond the width
    /// (no caller has any) are left out.
    fn add_unit(&mut self, levels: &[u32], sets: &[usize]) -> u64 {
        let levels = levels.get(..self.width).unwrap_or(levels);
        let m: u64 = levels.iter().map(|&h| u64::from(h)).sum();
        if m < 2 {
            return m;
        }
        for &set in sets {
            if let Some((units, values)) = self.counts.get_mut(set) {
                *units += 1;
                *values += m;
            }
        }
        // h_c (h_k - [c = k]) / (m - 1) for every pair of levels somebody rated: a level
        // nobody rated adds exactly 0 to a cell, so it is skipped. The rated levels are
        // listed once, so which levels were rated (no pattern a processor predicts) is
        // tested once per level, not once per pair.
        let rated: SmallVec<[(usize, f64); STACK_LEVELS]> = levels
            .iter()
            .enumerate()
            .filter(|(_, &h)| h > 0)
            .map(|(c, &h)| (c, f64::from(h)))
            .collect();
        let area = self.width * self.width;
        let pairs = (m - 1) as f64;
        for &(c, h_c) in &rated {
            for &(k, h_k) in &rated {
                let same = if c == k { 1.0 } else { 0.0 };
                let term = h_c * (h_k - same) / pairs;
                let cell = c * self.width + k;
                for &set in sets {
                    if let Some(sum) = self.cells.get_mut(set * area + cell) {
                        *sum += term;
                    }
                }
            }
        }
        m
    }

    /// Alpha's parts of one set.
    fn parts(&self, set: usize) -> AlphaParts {
        let area = self.width * self.width;
        let o = self.cells.get(set * area..(set + 1) * area).unwrap_or(&[]);
        let (units, values) = self.counts.get(set).copied().unwrap_or((0, 0));
        alpha_parts_of_coincidences(self.width, o, units, values)
    }
}

/// Levels up to which agreement works on the stack.
const STACK_LEVELS: usize = 8;

/// One level of a set of units: n_c, and the sums of n_g over the levels below it and up to
/// it, so that the sum over g = c..=k is `through` of k less `below` of c.
#[derive(Clone, Copy)]
struct Level {
    n: f64,
    below: f64,
    through: f64,
}

/// Alpha's parts from a set's coincidence matrix `o` (row-major, `width` wide), its number
/// of units with two or more values and its number of values.
fn alpha_parts_of_coincidences(width: usize, o: &[f64], units: u64, values: u64) -> AlphaParts {
    let rows = || o.chunks(width.max(1));
    let mut levels: SmallVec<[Level; STACK_LEVELS]> = SmallVec::with_capacity(width);
    let mut n = 0.0;
    for row in rows() {
        let n_c: f64 = row.iter().sum();
        let below = n;
        n += n_c;
        levels.push(Level {
            n: n_c,
            below,
            through: n,
        });
    }
    let levels = levels.as_slice();
    let mut observed = 0.0;
    let mut expected = 0.0;
    // The ordinal metric of levels c and k: (the sum of n_g from the lower to the higher,
    // less half of each end's)^2. It is 0 on the diagonal, whose terms are left out; the
    // cells below it and above it are taken in row order.
    let mut add = |o_ck: f64, n_c: f64, n_k: f64, between: f64| {
        let distance = (between - (n_c + n_k) / 2.0).powi(2);
        observed += o_ck * distance;
        expected += n_c * n_k * distance;
    };
    for ((c, row), at_c) in rows().enumerate().zip(levels) {
        let (before, after) = (row.get(..c).unwrap_or(&[]), row.get(c + 1..).unwrap_or(&[]));
        let (lower, higher) = (
            levels.get(..c).unwrap_or(&[]),
            levels.get(c + 1..).unwrap_or(&[]),
        );
        for (&o_ck, at_k) in before.iter().zip(lower) {
            add(o_ck, at_c.n, at_k.n, at_c.through - at_k.below);
        }
        for (&o_ck, at_k) in after.iter().zip(higher) {
            add(o_ck, at_c.n, at_k.n, at_k.through - at_c.below);
        }
    }
    if n > 1.0 {
        expected /= n - 1.0;
    }
    let alpha = (values > 0 && expected > 0.0).then(|| 1.0 - observed / expected);
    AlphaParts {
        units,
        values,
        observed,
        expected,
        alpha,
    }
}

/// The agreement block of a set of units (spec section 8), without a rater count.
pub fn alpha_ordinal<'a>(units: impl IntoIterator<Item = &'a [u32]>) -> Agreement {
    agreement_of(alpha_parts(units))
}

/// The agreement block of alpha's parts.
fn agreement_of(parts: AlphaParts) -> Agreement {
    let reason = if parts.values == 0 {
        Some("fewer than two ratings on every standard: agreement needs standards rated by two or more raters".to_string())
    } else if parts.alpha.is_none() {
        Some(
            "every rating given is the same level, so agreement cannot be told from chance"
                .to_string(),
        )
    } else {
        None
    };
    Agreement {
        metric: AgreementMetric::KrippendorffAlphaOrdinal,
        alpha: parts.alpha.map(|alpha| round_to(alpha, 3)),
        status: if parts.alpha.is_some() {
            ScoreStatus::Scored
        } else {
            ScoreStatus::NotScoreable
        },
        units: saturate(parts.units),
        values: saturate(parts.values),
        raters: None,
        reason,
    }
}

/// h_uc of one standard: how many of `levels` are at each level `0..=max_level` (levels off
/// the scale, which validation refuses before scoring, are not counted).
pub(crate) fn level_counts(levels: impl Iterator<Item = i32>, max_level: u32) -> LevelCounts {
    let width = usize::try_from(max_level).unwrap_or(0).saturating_add(1);
    let mut counts = LevelCounts::from_elem(0, width);
    for level in levels {
        if let Some(count) = usize::try_from(level).ok().and_then(|l| counts.get_mut(l)) {
            *count = count.saturating_add(1);
        }
    }
    counts
}

/// The report's agreement, with each domain's written into `domains` (spec section 8).
///
/// Units are the standards whose status is not `not_applicable`; a domain's are those of them
/// tagged with it. `raters` counts distinct rater ids with a rating on a pairable unit: in an
/// assessment that is scored every rater id is known and unique, so distinct ids are distinct
/// rater indexes (`resolved.rater`), and every rating is on the scale, so a unit's number of
/// values is its number of ratings.
pub(crate) fn of_report(
    index: &Index,
    resolved: &Resolved,
    gathered: &Gathered,
    standards: &[StandardResult],
    domains: &mut [DomainResult],
) -> Agreement {
    let width = usize::try_from(index.max_level).map_or(0, |max| max.saturating_add(1));
    // One set per domain, then the report's own.
    let report = domains.len();
    let mut sets = Coincidences::new(width, report + 1);
    // For each set, the raters counted in it, as bits.
    let words = resolved.first_rater.len().div_ceil(64);
    let mut raters = spare::take(&spare::WORDS);
    raters.resize((report + 1) * words, 0);
    let units = standards.iter().zip(gathered.iter()).zip(&index.tags);
    for ((result, judgements), tags) in units {
        if result.status == StandardStatus::NotApplicable {
            continue;
        }
        let of_unit: SmallVec<[usize; 4]> = tags
            .iter()
            .map(|tag| tag.domain)
            .chain(std::iter::once(report))
            .collect();
        if sets.add_unit(&result.raters.levels, &of_unit) < 2 {
            continue;
        }
        for rater in judgements
            .rater_levels
            .iter()
            .filter_map(|(j, _)| resolved.rater.get(*j).copied().flatten())
        {
            for &set in &of_unit {
                if let Some(word) = raters.get_mut(set * words + rater / 64) {
                    *word |= 1u64 << (rater % 64);
                }
            }
        }
    }
    let block = |set: usize| {
        let mut agreement = agreement_of(sets.parts(set));
        let counted = raters.get(set * words..(set + 1) * words).unwrap_or(&[]);
        agreement.raters = Some(saturate(
            counted
                .iter()
                .map(|word| u64::from(word.count_ones()))
                .sum(),
        ));
        agreement
    };
    for (d, domain) in domains.iter_mut().enumerate() {
        domain.agreement = Some(block(d));
    }
    let agreement = block(report);
    sets.recycle();
    spare::give(&spare::WORDS, raters);
    agreement
}

fn saturate(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Which standards of a report the raters' spread is widest on: the spread and the standards
/// at it, in framework order, when some applicable standard has a spread of 1 or more.
pub fn widest_spread(report: &Report) -> Option<(u32, Vec<&str>)> {
    let candidates = report
        .standards
        .iter()
        .filter(|standard| standard.status != StandardStatus::NotApplicable);
    let widest = candidates.clone().map(|s| s.raters.spread).max()?;
    (widest >= 1).then(|| {
        let standards = candidates
            .filter(|standard| standard.raters.spread == widest)
            .map(|standard| &*standard.standard)
            .collect();
        (widest, standards)
    })
}

/// The raters x standards matrix of one assessment, as statistics packages take it (the
/// Python `krippendorff` package's `reliability_data`, pingouin, R's `irr`).
///
/// Rows are the assessment's raters in its order; columns are the standards that are units of
/// agreement (status not `not_applicable`), in framework order; a cell is the rater's
/// whole-number rating, or `None` when the rater gave none (`null`, `"not_applicable"` or no
/// judgement). Krippendorff's alpha of this matrix with the ordinal metric, over the value
/// domain `0..=max level`, is the report's `agreement.alpha`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReliabilityData {
    /// The rater ids, one per row.
    pub raters: Vec<String>,
    /// The standard ids, one per column.
    pub standards: Vec<String>,
    /// The levels of the scale, `0..=max`: the value domain to give a statistics package.
    pub levels: Vec<u32>,
    /// One row per rater, one cell per standard.
    pub values: Vec<Vec<Option<u32>>>,
}

/// The raters x standards matrix of a scored assessment (see [`ReliabilityData`]): the
/// units are the standards the report does not mark `not_applicable`.
pub(crate) fn reliability_data(
    report: &Report,
    assessment: &Assessment,
    max_level: u32,
) -> ReliabilityData {
    let standards: Vec<String> = report
        .standards
        .iter()
        .filter(|result| result.status != StandardStatus::NotApplicable)
        .map(|result| result.standard.to_string())
        .collect();
    let column: HashMap<&str, usize> = standards
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let raters: Vec<String> = assessment.raters.iter().map(|r| r.id.clone()).collect();
    let row: HashMap<&str, usize> = raters
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let mut values = vec![vec![None; standards.len()]; raters.len()];
    for judgement in &assessment.judgements {
        let (Some(rater), Rating::Level(level)) = (&judgement.rater, judgement.rating) else {
            continue;
        };
        let cell = row
            .get(rater.as_str())
            .zip(column.get(judgement.standard.as_str()))
            .and_then(|(&r, &c)| values.get_mut(r)?.get_mut(c));
        if let Some(cell) = cell {
            *cell = u32::try_from(level).ok();
        }
    }
    ReliabilityData {
        raters,
        standards,
        levels: (0..=max_level).collect(),
        values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Level counts of scales longer than `LevelCounts` holds inline (eight levels) move to
    /// the heap and still count every level, and levels off the scale are not counted.
    #[test]
    fn level_counts_of_long_scales() {
        for max_level in [3u32, 7, 8, 12] {
            let levels = [0, 3, 3, 7, 8, 12, 12, 12, -1, 13];
            let counts = level_counts(levels.into_iter(), max_level);
            assert_eq!(counts.len(), max_level as usize + 1);
            for (level, &count) in counts.iter().enumerate() {
                let expected = levels.iter().filter(|&&l| l == level as i32).count();
                assert_eq!(count as usize, expected, "level {level} of 0..={max_level}");
            }
            assert_eq!(counts.spilled(), max_level >= 8);
        }
    }

    /// Krippendorff's published example (spec section 8): 3 raters, 15 units, values 1..=4.
    fn published_example() -> Vec<Vec<u32>> {
        let a = [0, 0, 0, 0, 0, 3, 4, 1, 2, 1, 1, 3, 3, 0, 3];
        let b = [1, 0, 2, 1, 3, 3, 4, 3, 0, 0, 0, 0, 0, 0, 0];
        let c = [0, 0, 2, 1, 3, 4, 4, 0, 2, 1, 1, 3, 3, 0, 4];
        (0..15)
            .map(|u| {
                let mut levels = vec![0u32; 5];
                for rater in [&a, &b, &c] {
                    let value = rater[u];
                    if value > 0 {
                        levels[value as usize] += 1;
                    }
                }
                levels
            })
            .collect()
    }

    #[test]
    fn the_published_example_gives_0_807() {
        let units = published_example();
        let parts = alpha_parts(units.iter().map(Vec::as_slice));
        let alpha = parts.alpha.unwrap_or(f64::NAN);
        assert!((alpha - 0.8067).abs() < 1e-4, "alpha {alpha}");
        // Units 1, 2 and 14 have fewer than two values; 12 pairable units hold 10 * 2 + 2 * 3 = 26 values.
        assert_eq!(parts.units, 12);
        assert_eq!(parts.values, 26);
        let agreement = alpha_ordinal(units.iter().map(Vec::as_slice));
        assert_eq!(agreement.alpha, Some(0.807));
        assert_eq!(agreement.reading(), AgreementReading::Reliable);
    }

    #[test]
    fn no_pairs_and_no_variation_are_not_scoreable() {
        let none = alpha_ordinal([&[0, 1, 0][..], &[1, 0, 0][..]]);
        assert_eq!(none.status, ScoreStatus::NotScoreable);
        assert_eq!((none.units, none.values), (0, 0));
        assert!(none.reason.is_some());
        let same = alpha_ordinal([&[0, 2, 0][..], &[0, 3, 0][..]]);
        assert_eq!(same.status, ScoreStatus::NotScoreable);
        assert_eq!((same.units, same.values), (2, 5));
        assert_eq!(same.reading(), AgreementReading::NotScoreable);
    }

    #[test]
    fn systematic_disagreement_is_negative() {
        // Two units, each rated once at 0 and once at 2: o_02 = o_20 = 2, n_0 = n_2 = 2, n = 4.
        // d_02 = (2 + 0 + 2 - (2 + 2) / 2)^2 = 4; D_o = 2*4 + 2*4 = 16;
        // D_e = (2*2*4 + 2*2*4) / 3 = 32/3; alpha = 1 - 16 / (32/3) = -0.5.
        let agreement = alpha_ordinal([&[1, 0, 1][..], &[1, 0, 1][..]]);
        assert_eq!(agreement.alpha, Some(-0.5));
        assert_eq!(agreement.reading(), AgreementReading::Unreliable);
    }

    #[test]
    fn readings_follow_the_written_alpha() {
        let at = |alpha: f64| Agreement {
            alpha: Some(alpha),
            ..alpha_ordinal([])
        };
        assert_eq!(at(0.800).reading(), AgreementReading::Reliable);
        assert_eq!(at(0.799).reading(), AgreementReading::Tentative);
        assert_eq!(at(0.667).reading(), AgreementReading::Tentative);
        assert_eq!(at(0.666).reading(), AgreementReading::Unreliable);
    }
}
