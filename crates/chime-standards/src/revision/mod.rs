//! Framework revisions (spec section 9): what changed between two versions of a framework and
//! the version it needs ([`diff`]), the mapping document that says where each old standard
//! went ([`Mapping`], [`validate_mapping`], [`draft_mapping`]), and carrying an assessment onto
//! the new version without losing a word or pretending an old rating is a new one
//! ([`migrate`]).

mod diff;
mod mapping;
mod migrate;
mod text;

pub use diff::{diff, Bump, ChangeKind, Changes, FrameworkChange, Impact, CHANGES_FORMAT};
pub(crate) use mapping::Routes;
pub use mapping::{
    draft_mapping, validate_mapping, Mapping, MappingEntry, Relation, MAPPING_FORMAT,
};
pub use migrate::{migrate, Migration};
pub use text::changes_text;
