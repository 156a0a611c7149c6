//! # chime-standards
//!
//! Recovery standards built on the CHIME framework (Connectedness, Hope and optimism,
//! Identity, Meaning in life, Empowerment): frameworks as data, evidence-backed
//! self-assessments, validation that reports every problem at once, and scores with an
//! explanation of every number.
//!
//! ```
//! use chime_standards::{Engine, Limits};
//!
//! // The embedded default framework, checked and indexed once.
//! let engine = Engine::default_framework();
//!
//! // An assessment from JSON (here, the bundled fictional example).
//! let json = chime_standards::EXAMPLE_ASSESSMENT_JSON;
//! let report = engine.score_json(json.as_bytes(), &Limits::default())?;
//!
//! println!("overall {:?} ({:?})", report.overall.score, report.overall.award);
//! for standard in report.standards.iter().filter(|s| s.capped.is_some()) {
//!     // Why a claimed level was not counted: the evidence requirement it missed.
//!     println!("{} capped at {:?}", standard.standard, standard.effective);
//! }
//!
//! // Reports carry ids and numbers only, so they are safe to pool and publish.
//! let json_report = report.to_json();
//! assert!(json_report.starts_with('{'));
//! # Ok::<(), chime_standards::Error>(())
//! ```
//!
//! The three documents and the scoring rules are specified in the project's `spec.md`; where
//! the spec is silent, `docs/decisions.md` records what this crate does. The core does no I/O,
//! reads no clock and keeps no global state: every function is a pure function of its inputs.

mod agreement;
mod assessment;
mod batch;
pub mod chime;
mod claims;
mod cohort;
mod columns;
mod compare;
mod context;
mod date;
mod default;
mod diagnostic;
pub mod endorse;
mod engine;
pub mod evidence;
mod exact;
mod framework;
mod id;
mod id_table;
mod index;
mod merge;
mod read;
mod records;
pub mod render;
mod report;
mod resolve;
mod revision;
mod rounding;
mod schema;
mod score;
mod seen;
mod spare;
mod synthetic;
mod validate;
mod vocabulary;

pub use agreement::{
    alpha_ordinal, alpha_parts, widest_spread, Agreement, AgreementMetric, AgreementReading,
    AlphaParts, ReliabilityData, RELIABLE_ALPHA, TENTATIVE_ALPHA,
};
pub use assessment::{
    Action, Assessment, AssessmentStatus, Consent, Evidence, EvidenceKind, FrameworkRef, Judgement,
    Organisation, Rater, RaterRole, Rating, Sensitivity, Source, Structure, ASSESSMENT_FORMAT,
};
pub use batch::{default_jobs, map_ordered};
pub use cohort::{
    cohort, AwardCounts, Cohort, CohortStandard, CohortStandardRow, DomainSummary, Summary,
    COHORT_FORMAT,
};
pub use columns::{Column, ColumnKind};
pub use compare::compare_with_mapping;
pub use compare::{
    compare, Change, Comparison, Direction, DomainChange, Reading, COMPARISON_FORMAT,
};
pub use context::Context;
pub use date::{Date, DateError};
pub use default::{
    default_framework, example_assessment, DEFAULT_FRAMEWORK_JSON, EXAMPLE_ASSESSMENT_JSON,
};
pub use diagnostic::{pointer_token, summary, Code, Diagnostic, Document, Error, Severity};
pub use engine::Engine;
pub use framework::{
    AppliesTo, Award, Band, Domain, DomainTag, EvidenceRules, Framework, Indicator, Level,
    RatingScale, Requirement, Scoring, Section, SourceWeights, Standard, Subcategory,
    FRAMEWORK_FORMAT,
};
pub use id::Id;
pub use index::applies;
pub use merge::{merge, merge_json, split};
pub use read::foreign::deserialize_strict;
pub use read::parse::{from_value, parse_json, Limits};
pub use records::{
    domain_records, overall_records, records, standard_records, DomainRecord, OverallRecord,
    Record, RecordKey, RecordLevel, StandardRecord,
};
pub use report::{
    AwardGap, AwardOutcome, BandGap, Cap, Contribution, DomainResult, DomainStatus,
    EvidenceSummary, ItemsNeeded, LevelCounts, Leverage, OrganisationRef, Overall, RaterSummary,
    Report, ScoreStatus, StandardResult, StandardStatus, ENGINE, REPORT_FORMAT,
};
pub use revision::{
    changes_text, diff, draft_mapping, migrate, validate_mapping, Bump, ChangeKind, Changes,
    FrameworkChange, Impact, Mapping, MappingEntry, Migration, Relation, CHANGES_FORMAT,
    MAPPING_FORMAT,
};
pub use rounding::round_to;
pub use schema::{generate_schema, schema, SchemaKind};
pub use synthetic::synthetic_assessment;
pub use vocabulary::vocabulary;

/// The README's Rust examples, compiled and run as doc tests so they cannot rot.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
