//! The engine: a framework checked once and indexed, ready to validate and score many
//! assessments.

use crate::agreement::{self, ReliabilityData};
use crate::assessment::{Assessment, Structure};
use crate::default::DEFAULT_FRAMEWORK_JSON;
use crate::diagnostic::{into_result, Diagnostic, Document, Error};
use crate::framework::{Framework, Standard};
use crate::index::Index;
use crate::read::parse::{parse_json, Limits};
use crate::report::Report;
use crate::resolve::Resolved;
use crate::{claims, score, validate};

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
        Engine::from_json(DEFAULT_FRAMEWORK_JSON.as_bytes(), &Limits::default()).unwrap_or_else(
            |error| unreachable!("the embedded framework is tested to be valid: {error}"),
        )
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
        let resolved = Resolved::new(&self.index, assessment);
        let gathered = claims::gather(&self.index, &resolved, assessment);
        let diagnostics = self.validate_gathered(&resolved, &gathered, assessment);
        gathered.recycle();
        resolved.recycle();
        diagnostics
    }

    /// Scores an assessment, or fails with every error found.
    pub fn score(&self, assessment: &Assessment) -> Result<Report, Error> {
        // The ids are resolved to indexes, and the judgements grouped by standard, once, for
        // validation and scoring alike.
        let resolved = Resolved::new(&self.index, assessment);
        let gathered = claims::gather(&self.index, &resolved, assessment);
        let diagnostics =
            match into_result(self.validate_gathered(&resolved, &gathered, assessment)) {
                Ok(diagnostics) => diagnostics,
                Err(error) => {
                    gathered.recycle();
                    resolved.recycle();
                    return Err(error);
                }
            };
        let report = score::score(
            &self.framework,
            &self.index,
            &resolved,
            gathered,
            assessment,
            diagnostics,
        );
        resolved.recycle();
        Ok(report)
    }

    fn validate_gathered(
        &self,
        resolved: &Resolved,
        gathered: &claims::Gathered,
        assessment: &Assessment,
    ) -> Vec<Diagnostic> {
        let mut diagnostics =
            validate::assessment(&self.framework, &self.index, resolved, gathered, assessment);
        // The framework's warnings come first; with none (the usual case) the assessment's
        // list is returned as it is, not copied into a new one.
        if !self.warnings.is_empty() {
            diagnostics.splice(0..0, self.warnings.iter().cloned());
        }
        diagnostics
    }

    /// The raters x standards matrix of an assessment (see [`ReliabilityData`]), for
    /// statistics packages such as `krippendorff`; fails with every error when the
    /// assessment cannot be scored.
    ///
    /// ```
    /// use chime_standards::Engine;
    /// let engine = Engine::default_framework();
    /// let data = engine.reliability_data(&chime_standards::example_assessment()).unwrap();
    /// assert_eq!(data.values.len(), data.raters.len());
    /// assert!(data.values.iter().all(|row| row.len() == data.standards.len()));
    /// ```
    pub fn reliability_data(&self, assessment: &Assessment) -> Result<ReliabilityData, Error> {
        let report = self.score(assessment)?;
        Ok(agreement::reliability_data(
            &report,
            assessment,
            self.framework.max_level(),
        ))
    }

    /// The overall score before it is rounded for the report, or `None` when it is not
    /// scored. Spec 3.10 rounds only when writing; this exists so tests can check leverage
    /// (spec 3.9) against a true rescore. Not part of the stable API.
    #[doc(hidden)]
    pub fn unrounded_overall(&self, assessment: &Assessment) -> Result<Option<f64>, Error> {
        into_result(self.validate(assessment))?;
        Ok(score::unrounded_overall(
            &self.framework,
            &self.index,
            assessment,
        ))
    }

    /// Parses an assessment from JSON and scores it.
    pub fn score_json(&self, bytes: &[u8], limits: &Limits) -> Result<Report, Error> {
        let assessment: Assessment = parse_json(bytes, Document::Assessment, limits)?;
        self.score(&assessment)
    }

    /// Whether a standard applies to an organisation of this structure (spec 3.1).
    pub fn applies(standard: &Standard, structure: Structure) -> bool {
        crate::index::applies(standard, structure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Severity};

    /// The framework's warnings come before the assessment's diagnostics, in validation and
    /// in reports alike.
    #[test]
    fn framework_warnings_lead_every_list() {
        let mut framework = Engine::default_framework().framework().clone();
        framework.id = "Chime_Lero".to_string();
        let engine = Engine::new(framework).unwrap_or_else(|error| panic!("{error}"));
        let warnings = engine.framework_warnings().to_vec();
        assert!(warnings.iter().any(|w| w.code == Code::IdNotKebab));
        let mut assessment = crate::example_assessment();
        assessment.framework.id = "Chime_Lero".to_string();
        // Errors of its own: judgements citing evidence that is gone.
        assessment.evidence.truncate(0);
        let diagnostics = engine.validate(&assessment);
        assert_eq!(diagnostics.get(..warnings.len()), Some(&warnings[..]));
        let own = diagnostics.get(warnings.len()..).unwrap_or(&[]);
        assert!(!own.is_empty());
        assert!(own.iter().all(|d| d.document == Document::Assessment));
        assert!(own.iter().any(|d| d.severity == Severity::Error));
        let mut valid = crate::example_assessment();
        valid.framework.id = "Chime_Lero".to_string();
        if let Ok(report) = engine.score(&valid) {
            assert_eq!(
                report.diagnostics.get(..warnings.len()),
                Some(&warnings[..])
            );
        } else {
            panic!("the example scores");
        }
    }
}
