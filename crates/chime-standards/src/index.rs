//! The lookup index of a valid framework: built once per framework, read by validation and
//! scoring for every assessment.

use rustc_hash::FxHashMap as HashMap;

use crate::assessment::Structure;
use crate::framework::{AppliesTo, Domain, Framework, Requirement, Standard};
use crate::id::Id;
use crate::id_table::FixedTable;
use crate::rounding::{ratio3, score1};

/// A standard's tag of one domain, resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tag {
    /// The domain's index.
    pub(crate) domain: usize,
    /// The standard's weight times the tag's.
    pub(crate) weight: f64,
    /// `weight` as a report writes it (3 decimals): fixed by the framework, so rounded once
    /// here rather than in every report.
    pub(crate) written_weight: f64,
}

/// Lookups derived from a valid framework.
#[derive(Debug, Clone)]
pub(crate) struct Index {
    /// Each standard's id, once, for reports to copy.
    standard_ids: Vec<Id>,
    /// The first position of each id in `standard_ids`.
    standard_table: FixedTable,
    /// Each domain's id, once, for reports to copy.
    domain_ids: Vec<Id>,
    /// Each band's id (framework order), once, for reports to copy.
    band_ids: Vec<Id>,
    /// The award's required band, for reports to copy.
    pub(crate) required_band: Id,
    /// For each standard, its domain tags.
    pub(crate) tags: Vec<Vec<Tag>>,
    /// For each domain, how many standards are tagged with it (a report's contributions to
    /// it are at most these).
    pub(crate) tagged: Vec<usize>,
    pub(crate) max_level: u32,
    /// For each level `0..=max_level`, a standard's score at that level as a report writes
    /// it (1 decimal), for the same reason.
    written_scores: Vec<f64>,
    /// For each level `0..=max_level`, the requirement that governs it, if any.
    pub(crate) requirement_for: Vec<Option<Requirement>>,
}

impl Index {
    pub(crate) fn build(framework: &Framework) -> Index {
        let domains: HashMap<&str, usize> = framework
            .domains
            .iter()
            .enumerate()
            .map(|(i, domain)| (domain.id.as_str(), i))
            .collect();
        let tags: Vec<Vec<Tag>> = framework
            .standards
            .iter()
            .map(|standard| {
                standard
                    .domains
                    .iter()
                    .filter_map(|tag| {
                        let domain = *domains.get(tag.domain.as_str())?;
                        let weight = standard.weight * tag.weight;
                        Some(Tag {
                            domain,
                            weight,
                            written_weight: ratio3(weight),
                        })
                    })
                    .collect()
            })
            .collect();
        let mut tagged = vec![0; framework.domains.len()];
        for tag in tags.iter().flatten() {
            if let Some(count) = tagged.get_mut(tag.domain) {
                *count += 1;
            }
        }
        let max_level = framework.max_level();
        let written_scores = (0..=max_level)
            .map(|level| score1(standard_score(level, f64::from(max_level))))
            .collect();
        let requirement_for = (0..=max_level)
            .map(|level| {
                framework
                    .scoring
                    .evidence
                    .requirements
                    .iter()
                    .filter(|requirement| requirement.level <= level)
                    .max_by_key(|requirement| requirement.level)
                    .cloned()
            })
            .collect();
        let standard_ids: Vec<Id> = framework
            .standards
            .iter()
            .map(|standard| Id::from(standard.id.as_str()))
            .collect();
        let standard_table =
            FixedTable::build(standard_ids.len(), |s| standard_ids.get(s).map(|id| &**id));
        Index {
            standard_ids,
            standard_table,
            domain_ids: framework
                .domains
                .iter()
                .map(|domain| Id::from(domain.id.as_str()))
                .collect(),
            band_ids: framework
                .scoring
                .bands
                .iter()
                .map(|band| Id::from(band.id.as_str()))
                .collect(),
            required_band: Id::from(framework.scoring.award.required_band.as_str()),
            tags,
            tagged,
            max_level,
            written_scores,
            requirement_for,
        }
    }

    /// The requirement that governs `level` (spec 3.4), if any.
    pub(crate) fn requirement(&self, level: u32) -> Option<&Requirement> {
        usize::try_from(level)
            .ok()
            .and_then(|level| self.requirement_for.get(level))
            .and_then(Option::as_ref)
    }
}

/// A standard's score at an effective level (spec 3.5), unrounded.
pub(crate) fn standard_score(effective: u32, max: f64) -> f64 {
    f64::from(effective) / max * 100.0
}

/// Whether a standard applies to an organisation of this structure (spec 3.1).
pub fn applies(standard: &Standard, structure: Structure) -> bool {
    !(standard.applies_to == AppliesTo::FormallyConstituted && structure == Structure::Informal)
}

impl Index {
    /// A standard's score at `level` as a report writes it (1 decimal).
    pub(crate) fn written_score(&self, level: u32) -> f64 {
        usize::try_from(level)
            .ok()
            .and_then(|level| self.written_scores.get(level).copied())
            .unwrap_or_else(|| score1(standard_score(level, f64::from(self.max_level))))
    }

    /// The position of the first standard with this id.
    #[inline]
    pub(crate) fn standard(&self, id: &str) -> Option<usize> {
        self.standard_table.find(id, |s| self.standard_id_at(s))
    }

    /// The id of standard `s` of the framework, as text.
    #[inline]
    pub(crate) fn standard_id_at(&self, s: usize) -> Option<&str> {
        self.standard_ids.get(s).map(|id| &**id)
    }

    /// The id of standard `s` of the framework, for a report (`standard` is that standard).
    pub(crate) fn standard_id(&self, s: usize, standard: &Standard) -> Id {
        self.standard_ids
            .get(s)
            .cloned()
            .unwrap_or_else(|| Id::from(standard.id.as_str()))
    }

    /// The id of domain `d` of the framework, for a report (`domain` is that domain).
    pub(crate) fn domain_id(&self, d: usize, domain: &Domain) -> Id {
        self.domain_ids
            .get(d)
            .cloned()
            .unwrap_or_else(|| Id::from(domain.id.as_str()))
    }

    /// The id of band `b` of the framework's scoring, for a report.
    pub(crate) fn band_id(&self, b: usize) -> Option<Id> {
        self.band_ids.get(b).cloned()
    }
}
