//! The engine: a framework checked once and indexed, ready to validate and score many
//! assessments.

use std::collections::HashMap;

use crate::assessment::{Assessment, Structure};
use crate::diagnostic::{into_result, Diagnostic, Document, Error};
use crate::framework::{AppliesTo, Framework, Requirement, Standard};
use crate::parse::{parse_json, Limits};
use crate::report::Report;
use crate::{score, validate};

/// A validated framework with lookup tables, ready to score assessments.
///
/// Building an engine checks the framework once (spec section 5); every later call reuses
/// the indexes, so scoring a batch costs one pass over each assessment.
///
/// ```
/// use chime_standards::Engine;
/// let engine = Engine::default_framework();
/// let assessment = chime_standards::example_assessment();
/// let report = engine.score(&assessment).unwrap();
/// assert_eq!(report.framework.id, "chime-lero");
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    framework: Framework,
    index: Index,
    warnings: Vec<Diagnostic>,
}

/// Lookups derived from a valid framework.
#[derive(Debug, Clone)]
pub(crate) struct Index {
    pub(crate) standards: HashMap<String, usize>,
    /// For each standard, its domain tags as (domain index, standard weight * tag weight).
    pub(crate) tags: Vec<Vec<(usize, f64)>>,
    pub(crate) max_level: u32,
    /// For each level `0..=max_level`, the requirement that governs it, if any.
    pub(crate) requirement_for: Vec<Option<Requirement>>,
}

impl Engine {
    /// Checks a framework and prepares it for scoring.
    ///
    /// Fails with every error found; warnings about the framework are kept and added to
    /// each report.
    pub fn new(framework: Framework) -> Result<Engine, Error> {
        let warnings = into_result(validate::framework(&framework))?;
        let index = Index::build(&framework);
        Ok(Engine {
            framework,
            index,
            warnings,
        })
    }

    /// Parses a framework from JSON and prepares it.
    pub fn from_json(bytes: &[u8], limits: &Limits) -> Result<Engine, Error> {
        Engine::new(parse_json(bytes, Document::Framework, limits)?)
    }

    /// The embedded default framework, `chime-lero`.
    pub fn default_framework() -> Engine {
        crate::default::engine()
    }

    /// The framework.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// Warnings about the framework itself (for example a domain no standard serves).
    pub fn framework_warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Every problem with an assessment against this framework: errors, warnings and notes.
    pub fn validate(&self, assessment: &Assessment) -> Vec<Diagnostic> {
        let mut diagnostics = self.warnings.clone();
        diagnostics.extend(validate::assessment(self, assessment));
        diagnostics
    }

    /// Scores an assessment, or fails with every error found.
    pub fn score(&self, assessment: &Assessment) -> Result<Report, Error> {
        let diagnostics = into_result(self.validate(assessment))?;
        Ok(score::score(self, assessment, diagnostics))
    }

    /// Parses an assessment from JSON and scores it.
    pub fn score_json(&self, bytes: &[u8], limits: &Limits) -> Result<Report, Error> {
        let assessment: Assessment = parse_json(bytes, Document::Assessment, limits)?;
        self.score(&assessment)
    }

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    /// Whether a standard applies to an organisation of this structure (spec 3.1).
    pub fn applies(standard: &Standard, structure: Structure) -> bool {
        !(standard.applies_to == AppliesTo::FormallyConstituted && structure == Structure::Informal)
    }
}

impl Index {
    fn build(framework: &Framework) -> Index {
        let domains: HashMap<String, usize> = framework
            .domains
            .iter()
            .enumerate()
            .map(|(i, domain)| (domain.id.clone(), i))
            .collect();
        let standards = framework
            .standards
            .iter()
            .enumerate()
            .map(|(i, standard)| (standard.id.clone(), i))
            .collect();
        let tags = framework
            .standards
            .iter()
            .map(|standard| {
                standard
                    .domains
                    .iter()
                    .filter_map(|tag| {
                        let domain = *domains.get(&tag.domain)?;
                        Some((domain, standard.weight * tag.weight))
                    })
                    .collect()
            })
            .collect();
        let max_level = framework.max_level();
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
        Index {
            standards,
            tags,
            max_level,
            requirement_for,
        }
    }

    pub(crate) fn requirement(&self, level: u32) -> Option<&Requirement> {
        usize::try_from(level)
            .ok()
            .and_then(|level| self.requirement_for.get(level))
            .and_then(Option::as_ref)
    }
}
