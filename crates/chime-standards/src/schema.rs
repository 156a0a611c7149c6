//! JSON Schemas of the documents, generated from the Rust types.
//!
//! The committed files under `schema/` are embedded here, so callers (and the WebAssembly
//! build) get them without running the generator; a test fails when they fall behind the types.

use schemars::JsonSchema;

use crate::endorse::{Envelope, JwkSet, Verification};
use crate::{Assessment, Changes, Cohort, Comparison, Framework, Mapping, Report};

/// A document with a JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchemaKind {
    /// A framework.
    Framework,
    /// An assessment.
    Assessment,
    /// A report.
    Report,
    /// A comparison of two reports.
    Comparison,
    /// A cohort summary.
    Cohort,
    /// A mapping between two versions of a framework.
    Mapping,
    /// The changes between two versions of a framework.
    Changes,
    /// An endorsement: a DSSE envelope (spec section 10).
    Endorsement,
    /// A set of trusted keys (JWK Set).
    Keys,
    /// The result of verifying an endorsement.
    Verification,
}

impl SchemaKind {
    /// Every kind, in a fixed order.
    pub const ALL: [SchemaKind; 10] = [
        SchemaKind::Framework,
        SchemaKind::Assessment,
        SchemaKind::Report,
        SchemaKind::Comparison,
        SchemaKind::Cohort,
        SchemaKind::Mapping,
        SchemaKind::Changes,
        SchemaKind::Endorsement,
        SchemaKind::Keys,
        SchemaKind::Verification,
    ];

    /// The kind's name: `framework`, `assessment`, `report`, `comparison`, `cohort`, `mapping`,
    /// `changes`.
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Framework => "framework",
            SchemaKind::Assessment => "assessment",
            SchemaKind::Report => "report",
            SchemaKind::Comparison => "comparison",
            SchemaKind::Cohort => "cohort",
            SchemaKind::Mapping => "mapping",
            SchemaKind::Changes => "changes",
            SchemaKind::Endorsement => "endorsement",
            SchemaKind::Keys => "keys",
            SchemaKind::Verification => "verification",
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<SchemaKind> {
        SchemaKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The committed schema file's name under `schema/`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }
}

/// The committed JSON Schema of a document, as text.
///
/// ```
/// use chime_standards::{schema, SchemaKind};
/// let text = schema(SchemaKind::Assessment);
/// assert!(text.contains("\"assessed_on\""));
/// ```
pub fn schema(kind: SchemaKind) -> &'static str {
    match kind {
        SchemaKind::Framework => include_str!("../../../schema/framework.schema.json"),
        SchemaKind::Assessment => include_str!("../../../schema/assessment.schema.json"),
        SchemaKind::Report => include_str!("../../../schema/report.schema.json"),
        SchemaKind::Comparison => include_str!("../../../schema/comparison.schema.json"),
        SchemaKind::Cohort => include_str!("../../../schema/cohort.schema.json"),
        SchemaKind::Mapping => include_str!("../../../schema/mapping.schema.json"),
        SchemaKind::Changes => include_str!("../../../schema/changes.schema.json"),
        SchemaKind::Endorsement => include_str!("../../../schema/endorsement.schema.json"),
        SchemaKind::Keys => include_str!("../../../schema/keys.schema.json"),
        SchemaKind::Verification => include_str!("../../../schema/verification.schema.json"),
    }
}

/// Generates the JSON Schema of a document from the Rust types (what `schema/` must hold).
pub fn generate_schema(kind: SchemaKind) -> String {
    let schema = match kind {
        SchemaKind::Framework => generate::<Framework>(kind),
        SchemaKind::Assessment => generate::<Assessment>(kind),
        SchemaKind::Report => generate::<Report>(kind),
        SchemaKind::Comparison => generate::<Comparison>(kind),
        SchemaKind::Cohort => generate::<Cohort>(kind),
        SchemaKind::Mapping => generate::<Mapping>(kind),
        SchemaKind::Changes => generate::<Changes>(kind),
        SchemaKind::Endorsement => generate::<Envelope>(kind),
        SchemaKind::Keys => generate::<JwkSet>(kind),
        SchemaKind::Verification => generate::<Verification>(kind),
    };
    crate::read::json::to_pretty(&schema)
}

fn generate<T: JsonSchema>(kind: SchemaKind) -> schemars::Schema {
    let mut schema = schemars::schema_for!(T);
    schema.insert(
        "$id".to_string(),
        format!("urn:chime-standards:schema:{}@1", kind.name()).into(),
    );
    schema
}
