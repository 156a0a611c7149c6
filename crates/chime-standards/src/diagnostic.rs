//! Diagnostics: every problem found in a document, with a stable code and a JSON Pointer.
//!
//! Validation reports **every** problem at once. Errors stop scoring; warnings and notes are
//! carried into the report. [`Error`] is the crate's one error type: a non-empty list of
//! diagnostics, at least one of them an error.

use std::borrow::Cow;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::read::names::deserialize_by_name;

/// How serious a diagnostic is.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Scoring cannot go on.
    Error,
    /// Scoring goes on, but something deserves a look.
    Warning,
    /// For information only.
    Info,
}

deserialize_by_name!(Severity {
    Error => "error" | "error",
    Warning => "warning" | "warning",
    Info => "info" | "note",
});

/// The document a diagnostic's path points into.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// The framework.
    Framework,
    /// The assessment.
    Assessment,
    /// A report (given to compare or cohort).
    Report,
    /// The list of assessments given to merge, read as one JSON array: paths start with
    /// the input's index (`/1/raters/0/role`).
    Input,
    /// A mapping between two versions of a framework (spec 9.2).
    Mapping,
    /// An endorsement: the DSSE envelope (spec section 10).
    Endorsement,
    /// The in-toto Statement inside an endorsement's `payload`, once decoded.
    Statement,
    /// A key: a JWK, or a JWK Set of trusted keys.
    Keys,
}

deserialize_by_name!(Document {
    Framework => "framework" | "framework",
    Assessment => "assessment" | "assessment",
    Report => "report" | "report",
    Input => "input" | "list of inputs",
    Mapping => "mapping" | "mapping",
    Endorsement => "endorsement" | "endorsement",
    Statement => "statement" | "endorsement statement",
    Keys => "keys" | "key set",
});

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $text:literal,)*) => {
        /// A stable, machine-readable name for a kind of problem.
        ///
        /// Codes are part of the format contract: they are never renamed, only added.
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        deserialize_by_name!(Code { $($variant => $text,)* });

        impl Code {
            /// The code as written in JSON (`duplicate_id`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    /// The text is not JSON.
    InvalidJson => "invalid_json",
    /// The JSON nests deeper than the parser allows.
    NestingTooDeep => "nesting_too_deep",
    /// The input is larger than the configured limit.
    InputTooLarge => "input_too_large",
    /// A required field is missing.
    MissingField => "missing_field",
    /// A field the format does not define.
    UnknownField => "unknown_field",
    /// A value of the wrong JSON type.
    InvalidType => "invalid_type",
    /// A value of the right type that the format does not allow.
    InvalidValue => "invalid_value",
    /// A key given twice in one JSON object.
    DuplicateKey => "duplicate_key",
    /// The `format` string is not the one this engine reads.
    WrongFormat => "wrong_format",
    /// An id used twice where ids must be unique.
    DuplicateId => "duplicate_id",
    /// An empty id.
    EmptyId => "empty_id",
    /// A standard names a section the framework does not have.
    UnknownSection => "unknown_section",
    /// A reference to a domain the framework does not have.
    UnknownDomain => "unknown_domain",
    /// A reference to a sub-category its domain does not have.
    UnknownSubcategory => "unknown_subcategory",
    /// A reference to a band the framework does not have.
    UnknownBand => "unknown_band",
    /// A level descriptor for a level not on the scale.
    UnknownLevel => "unknown_level",
    /// A weight that is not finite or not positive.
    InvalidWeight => "invalid_weight",
    /// A rating scale that is not `0..=max`, contiguous and ascending.
    InvalidScale => "invalid_scale",
    /// `met_level` is not a level above 0 on the scale.
    MetLevelOutOfRange => "met_level_out_of_range",
    /// `min_coverage` is not between 0 and 1.
    MinCoverageOutOfRange => "min_coverage_out_of_range",
    /// `change_threshold` is negative or not finite.
    InvalidChangeThreshold => "invalid_change_threshold",
    /// An evidence requirement for a level not on the scale (or for level 0).
    RequirementLevelOutOfRange => "requirement_level_out_of_range",
    /// Evidence requirements not in ascending order of level.
    RequirementsNotAscending => "requirements_not_ascending",
    /// A higher level that needs less evidence than a lower one.
    RequirementsDecrease => "requirements_decrease",
    /// Bands that do not start at 0 and rise.
    BandsNotAscending => "bands_not_ascending",
    /// A standard tagged with no domain.
    StandardWithoutDomain => "standard_without_domain",
    /// A framework with no domains or no standards.
    EmptyFramework => "empty_framework",
    /// A domain no standard is tagged with.
    DomainWithoutStandards => "domain_without_standards",
    /// A framework id that is not lower-kebab.
    IdNotKebab => "id_not_kebab",
    /// A framework version that is not semantic.
    VersionNotSemver => "version_not_semver",
    /// The assessment names another framework.
    FrameworkIdMismatch => "framework_id_mismatch",
    /// The assessment names another version of the framework.
    FrameworkVersionMismatch => "framework_version_mismatch",
    /// A reference to a standard the framework does not have.
    UnknownStandard => "unknown_standard",
    /// A reference to evidence the assessment does not have.
    UnknownEvidence => "unknown_evidence",
    /// A reference to a rater the assessment does not have.
    UnknownRater => "unknown_rater",
    /// A rating outside the scale.
    RatingOutOfRange => "rating_out_of_range",
    /// A second agreed judgement, or a second from one rater, for one standard.
    DuplicateJudgement => "duplicate_judgement",
    /// Evidence collected after the assessment date.
    EvidenceFromFuture => "evidence_from_future",
    /// Evidence that expires before it was collected.
    ExpiresBeforeCollected => "expires_before_collected",
    /// Testimony without recorded consent.
    TestimonyWithoutConsent => "testimony_without_consent",
    /// Consent recorded after the assessment date.
    ConsentAfterAssessment => "consent_after_assessment",
    /// A `sha256` that is not 64 hex digits.
    InvalidSha256 => "invalid_sha256",
    /// An id listed twice in one list.
    DuplicateReference => "duplicate_reference",
    /// Personal evidence (not testimony) without recorded consent.
    PersonalEvidenceWithoutConsent => "personal_evidence_without_consent",
    /// `"not_applicable"` with no justification.
    NotApplicableWithoutJustification => "not_applicable_without_justification",
    /// A rating on a standard that does not apply to this organisation.
    RatingNotApplicable => "rating_not_applicable",
    /// Raters' ratings of one standard are two or more levels apart.
    RatersDisagree => "raters_disagree",
    /// Evidence that supports no standard.
    UnusedEvidence => "unused_evidence",
    /// Reports of different frameworks given to compare or cohort.
    FrameworkMismatch => "framework_mismatch",
    /// Reports of different versions of one framework.
    FrameworkVersionDiffers => "framework_version_differs",
    /// A cohort of no reports.
    EmptyCohort => "empty_cohort",
    /// Assessments given to merge that are not of one assessment (id, framework, date or
    /// organisation differ).
    MergeMismatch => "merge_mismatch",
    /// Two inputs to merge say different things about one rater, evidence item, judgement or
    /// the organisation's structure.
    MergeConflict => "merge_conflict",
    /// Merge needs two or more assessments.
    MergeTooFewInputs => "merge_too_few_inputs",
    /// A revised framework's version does not rise as far as its changes need (spec 9.1).
    VersionBumpTooSmall => "version_bump_too_small",
    /// An old standard a mapping neither maps nor retires (spec 9.2).
    UnmappedStandard => "unmapped_standard",
    /// A new standard named in more than one mapping entry's `to` (spec 9.2).
    DuplicateTarget => "duplicate_target",
    /// A new standard no mapping entry leads to (info, spec 9.2).
    NewStandard => "new_standard",
    /// An old standard named twice in a mapping (two entries, or an entry and `retired`).
    MappedTwice => "mapped_twice",
    /// A mapping entry with an empty `from` or `to`.
    EmptyMappingEntry => "empty_mapping_entry",
    /// A migrated judgement a person must review (spec 9.3).
    MigrationReview => "migration_review",
    /// Judgements of a retired standard, not carried (info, spec 9.3).
    MigrationRetired => "migration_retired",
    /// An endorsement's signature that no trusted key verifies, or that is not a signature.
    SignatureInvalid => "signature_invalid",
    /// An endorsement signed by a key that is not in the trusted key set.
    UntrustedKey => "untrusted_key",
    /// The assessment or report given is not the one the endorsement names.
    DigestMismatch => "digest_mismatch",
    /// An endorsement that is not a DSSE envelope holding the statement spec section 10 defines.
    MalformedEndorsement => "malformed_endorsement",
    /// The reviewer an endorsement names is not the one its key belongs to.
    ReviewerMismatch => "reviewer_mismatch",
    /// A key that is not a usable Ed25519 JWK.
    InvalidKey => "invalid_key",
    /// A report given to sign that is not the report of the assessment given.
    ReportMismatch => "report_mismatch",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem, located in one document.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable name for the kind of problem.
    pub code: Code,
    /// The document `path` points into.
    pub document: Document,
    /// JSON Pointer (RFC 6901) to the value concerned; `""` is the whole document.
    pub path: String,
    /// What is wrong and how to put it right. Never quotes free text from the input.
    pub message: String,
    /// The numbers and ids the message speaks of, by name (for example `spread` of
    /// `raters_disagree`), so front ends can word them without reading the sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Record<string, unknown>"))]
    pub context: Option<Context>,
}

impl Diagnostic {
    /// A new diagnostic.
    pub fn new(
        severity: Severity,
        code: Code,
        document: Document,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            document,
            path: path.into(),
            message: message.into(),
            context: None,
        }
    }

    /// The same diagnostic with one more named value in its `context`.
    pub fn with(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<serde_json::Value>,
    ) -> Diagnostic {
        self.set(name, value);
        self
    }

    /// Adds a named value to the diagnostic's `context`.
    pub fn set(
        &mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<serde_json::Value>,
    ) -> &mut Diagnostic {
        self.context
            .get_or_insert_with(Context::default)
            .insert(name, value);
        self
    }

    /// Whether this diagnostic stops scoring.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity.name();
        let document = self.document.name();
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(
            f,
            "{severity}[{}] {document} {path}: {}",
            self.code, self.message
        )
    }
}

/// Collects diagnostics for one document, building JSON Pointers as it goes.
#[derive(Debug)]
pub(crate) struct Collector {
    document: Document,
    pub(crate) found: Vec<Diagnostic>,
}

impl Collector {
    pub(crate) fn new(document: Document) -> Collector {
        Collector {
            document,
            found: Vec::new(),
        }
    }

    pub(crate) fn error(
        &mut self,
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Error, code, path, message);
    }

    pub(crate) fn warning(
        &mut self,
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Warning, code, path, message);
    }

    pub(crate) fn info(&mut self, code: Code, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Info, code, path, message);
    }

    /// Adds a named value to the `context` of the diagnostic recorded last.
    pub(crate) fn context(
        &mut self,
        name: &'static str,
        value: impl Into<serde_json::Value>,
    ) -> &mut Collector {
        if let Some(last) = self.found.last_mut() {
            last.set(name, value);
        }
        self
    }

    fn push(
        &mut self,
        severity: Severity,
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.found.push(Diagnostic::new(
            severity,
            code,
            self.document,
            path,
            message,
        ));
    }
}

/// Escapes one reference token of a JSON Pointer (RFC 6901: `~` as `~0`, `/` as `~1`).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The crate's error: the input could not be used, and here is every reason why.
///
/// `diagnostics` holds at least one error; warnings found on the way are kept beside them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    /// Every problem found, errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// An error from diagnostics, at least one of which must be an error.
    pub fn new(diagnostics: Vec<Diagnostic>) -> Error {
        Error { diagnostics }
    }

    /// An error of one diagnostic.
    pub fn single(
        code: Code,
        document: Document,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Error {
        Error::new(vec![Diagnostic::new(
            Severity::Error,
            code,
            document,
            path,
            message,
        )])
    }

    /// The code of the first error (what a caller usually branches on).
    pub fn code(&self) -> Option<Code> {
        self.errors().next().map(|diagnostic| diagnostic.code)
    }

    /// The diagnostics that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&summary(&self.diagnostics))
    }
}

/// The one summary of a failure that every front end shows: how many problems stop scoring,
/// then each of them on its own line.
///
/// ```
/// use chime_standards::{summary, Code, Diagnostic, Document, Severity};
/// let found = [Diagnostic::new(Severity::Error, Code::EmptyId, Document::Assessment, "/id", "give it an id")];
/// assert_eq!(summary(&found), "1 problem stops scoring\n  error[empty_id] assessment /id: give it an id");
/// ```
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let mut text = match errors.len() {
        1 => "1 problem stops scoring".to_string(),
        count => format!("{count} problems stop scoring"),
    };
    for diagnostic in errors {
        text.push_str(&format!("\n  {diagnostic}"));
    }
    text
}

/// Splits diagnostics into a result: `Err` when any is an error.
pub(crate) fn into_result(diagnostics: Vec<Diagnostic>) -> Result<Vec<Diagnostic>, Error> {
    if diagnostics.iter().any(Diagnostic::is_error) {
        Err(Error::new(diagnostics))
    } else {
        Ok(diagnostics)
    }
}
