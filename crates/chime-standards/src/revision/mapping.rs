//! The mapping document (spec 9.2): where each standard of an old framework went in a new one.

use std::collections::{HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::FrameworkRef;
use crate::diagnostic::{Code, Collector, Diagnostic, Document};
use crate::framework::{Framework, Standard};
use crate::read::names::deserialize_by_name;

/// The `format` string of a mapping document.
pub const MAPPING_FORMAT: &str = "chime-standards/mapping@1";

/// Where each standard of an old framework went in a new one.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Always `"chime-standards/mapping@1"`.
    pub format: String,
    /// The old framework.
    pub from: FrameworkRef,
    /// The new framework.
    pub to: FrameworkRef,
    /// Old standards and the new standards they became.
    pub standards: Vec<MappingEntry>,
    /// Old standards with no successor.
    #[serde(default)]
    pub retired: Vec<String>,
}

/// Old standards and the new standards they became.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MappingEntry {
    /// Old standard ids (one or more).
    pub from: Vec<String>,
    /// New standard ids (one or more).
    pub to: Vec<String>,
    /// How the old standards relate to the new ones.
    pub relation: Relation,
    /// Why, for the people who review migrated assessments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Read "the old standards are ___ the new ones".
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The same requirement.
    Equivalent,
    /// The new standard asks for more.
    Narrower,
    /// The new standard asks for less.
    Broader,
    /// They overlap in part.
    Overlaps,
}

deserialize_by_name!(Relation {
    Equivalent => "equivalent",
    Narrower => "narrower",
    Broader => "broader",
    Overlaps => "overlaps",
});

impl Mapping {
    /// The mapping as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }

    /// The entry whose `from` names this old standard, with its index.
    pub fn entry_from(&self, old: &str) -> Option<(usize, &MappingEntry)> {
        self.standards
            .iter()
            .enumerate()
            .find(|(_, entry)| entry.from.iter().any(|id| id == old))
    }

    /// The entry whose `to` names this new standard, with its index.
    pub fn entry_to(&self, new: &str) -> Option<(usize, &MappingEntry)> {
        self.standards
            .iter()
            .enumerate()
            .find(|(_, entry)| entry.to.iter().any(|id| id == new))
    }

    /// Whether the mapping retires this old standard.
    pub fn is_retired(&self, old: &str) -> bool {
        self.retired.iter().any(|id| id == old)
    }
}

/// Where each id of a mapping leads, looked up in constant time (first occurrence wins; the
/// checks report any second one).
pub(crate) struct Routes<'a> {
    from: HashMap<&'a str, usize>,
    to: HashMap<&'a str, usize>,
    retired: HashSet<&'a str>,
    entries: &'a [MappingEntry],
}

impl<'a> Routes<'a> {
    pub(crate) fn new(mapping: &'a Mapping) -> Routes<'a> {
        let mut from = HashMap::new();
        let mut to = HashMap::new();
        for (k, entry) in mapping.standards.iter().enumerate() {
            for id in &entry.from {
                from.entry(id.as_str()).or_insert(k);
            }
            for id in &entry.to {
                to.entry(id.as_str()).or_insert(k);
            }
        }
        Routes {
            from,
            to,
            retired: mapping.retired.iter().map(String::as_str).collect(),
            entries: &mapping.standards,
        }
    }

    /// The entry an old standard is in.
    pub(crate) fn from(&self, old: &str) -> Option<&'a MappingEntry> {
        self.from.get(old).and_then(|&k| self.entries.get(k))
    }

    /// The entry a new standard comes from.
    pub(crate) fn to(&self, new: &str) -> Option<&'a MappingEntry> {
        self.to.get(new).and_then(|&k| self.entries.get(k))
    }

    /// Whether an old standard is retired (and in no entry).
    pub(crate) fn is_retired(&self, old: &str) -> bool {
        !self.from.contains_key(old) && self.retired.contains(old)
    }
}

impl MappingEntry {
    /// One old standard, one new, the same requirement: judgements carry across unchanged.
    pub fn is_one_to_one_equivalent(&self) -> bool {
        self.relation == Relation::Equivalent && self.from.len() == 1 && self.to.len() == 1
    }
}

/// Checks a mapping against the old and the new framework (spec 9.2): every problem at once.
///
/// Errors: `wrong_format`, `framework_mismatch`, `unmapped_standard`, `unknown_standard`,
/// `duplicate_target`, `mapped_twice` (an old id in two entries, in an entry and `retired`, or
/// twice in one list), `empty_mapping_entry`, `empty_id`. Info: `new_standard` for each new
/// standard no entry leads to. Paths point into the mapping.
///
/// ```
/// use chime_standards::{default_framework, draft_mapping, validate_mapping, Severity};
/// let framework = default_framework();
/// let mapping = draft_mapping(&framework, &framework);
/// let found = validate_mapping(&mapping, &framework, &framework);
/// assert!(found.iter().all(|d| d.severity != Severity::Error));
/// ```
pub fn validate_mapping(mapping: &Mapping, old: &Framework, new: &Framework) -> Vec<Diagnostic> {
    check(mapping, Some(old), new)
}

/// The checks; without the old framework, those that need it are left out (migration checks
/// the assessment's standards against the mapping instead).
pub(crate) fn check(
    mapping: &Mapping,
    old: Option<&Framework>,
    new: &Framework,
) -> Vec<Diagnostic> {
    let mut found = Collector::new(Document::Mapping);
    if mapping.format != MAPPING_FORMAT {
        found.error(
            Code::WrongFormat,
            "/format",
            format!("this is not a mapping document; `format` must be `{MAPPING_FORMAT}`"),
        );
    }
    if let Some(old) = old {
        check_reference(&mut found, "/from", "old", &mapping.from, old);
    }
    check_reference(&mut found, "/to", "new", &mapping.to, new);

    let old_ids: Option<HashSet<&str>> =
        old.map(|old| old.standards.iter().map(|s| s.id.as_str()).collect());
    let new_ids: HashSet<&str> = new.standards.iter().map(|s| s.id.as_str()).collect();
    // Where each old id was first named, and where each new id was first a target.
    let mut sources: HashMap<&str, String> = HashMap::new();
    let mut targets: HashMap<&str, String> = HashMap::new();

    for (i, entry) in mapping.standards.iter().enumerate() {
        for (side, ids) in [("from", &entry.from), ("to", &entry.to)] {
            if ids.is_empty() {
                found.error(
                    Code::EmptyMappingEntry,
                    format!("/standards/{i}/{side}"),
                    format!("this entry's `{side}` is empty; name one or more standards (an old standard with no successor goes in `retired`)"),
                );
            }
        }
        for (j, id) in entry.from.iter().enumerate() {
            let path = format!("/standards/{i}/from/{j}");
            source(&mut found, &mut sources, old_ids.as_ref(), id, path);
        }
        for (j, id) in entry.to.iter().enumerate() {
            let path = format!("/standards/{i}/to/{j}");
            if id.trim().is_empty() {
                found.error(
                    Code::EmptyId,
                    path,
                    "an empty standard id; name a standard of the new framework",
                );
                continue;
            }
            if !new_ids.contains(id.as_str()) {
                found.error(
                    Code::UnknownStandard,
                    path,
                    format!("the new framework has no standard `{id}`; correct the id"),
                );
                continue;
            }
            match targets.get(id.as_str()) {
                Some(first) => found.error(
                    Code::DuplicateTarget,
                    path,
                    format!("new standard `{id}` is already a target at {first}; a new standard may come from one entry only (list all its old standards in that entry's `from`)"),
                ),
                None => {
                    targets.insert(id, path);
                }
            }
        }
    }
    for (k, id) in mapping.retired.iter().enumerate() {
        source(
            &mut found,
            &mut sources,
            old_ids.as_ref(),
            id,
            format!("/retired/{k}"),
        );
    }
    if let Some(old) = old {
        for standard in &old.standards {
            if !sources.contains_key(standard.id.as_str()) {
                found.error(
                    Code::UnmappedStandard,
                    "/standards",
                    format!(
                        "old standard `{}` is in no entry's `from` and not in `retired`; map it or retire it",
                        standard.id
                    ),
                );
            }
        }
    }
    for (index, standard) in new.standards.iter().enumerate() {
        if !targets.contains_key(standard.id.as_str()) {
            found.info(
                Code::NewStandard,
                "/standards",
                format!(
                    "new standard `{}` (number {} in the new framework) comes from no old standard: migrated assessments leave it unrated",
                    standard.id,
                    index + 1
                ),
            );
            // The path is the list (a new standard is in no entry): the id goes in `context`,
            // so a front end can lead to the standard without reading the sentence.
            found.context("standard", standard.id.as_str());
        }
    }
    found.found
}

fn check_reference(
    found: &mut Collector,
    path: &str,
    which: &str,
    reference: &FrameworkRef,
    framework: &Framework,
) {
    if reference.id != framework.id || reference.version != framework.version {
        found.error(
            Code::FrameworkMismatch,
            path,
            format!(
                "the mapping's `{}` is {} {}, but the {which} framework is {} {}; give the mapping the frameworks it was written for",
                path.trim_start_matches('/'),
                reference.id,
                reference.version,
                framework.id,
                framework.version
            ),
        );
    }
}

fn source<'a>(
    found: &mut Collector,
    sources: &mut HashMap<&'a str, String>,
    old_ids: Option<&HashSet<&str>>,
    id: &'a str,
    path: String,
) {
    if id.trim().is_empty() {
        found.error(
            Code::EmptyId,
            path,
            "an empty standard id; name a standard of the old framework",
        );
        return;
    }
    if let Some(old_ids) = old_ids {
        if !old_ids.contains(id) {
            found.error(
                Code::UnknownStandard,
                path,
                format!("the old framework has no standard `{id}`; correct the id"),
            );
            return;
        }
    }
    match sources.get(id) {
        Some(first) => found.error(
            Code::MappedTwice,
            path,
            format!("old standard `{id}` is already named at {first}; each old standard goes in exactly one entry's `from` or in `retired`"),
        ),
        None => {
            sources.insert(id, path);
        }
    }
}

/// Proposes a mapping from `old` to `new` for a person to finish (spec 9.2).
///
/// A standard id in both with the same statement, applies_to and level descriptors is
/// `equivalent`; with any of them changed, `overlaps`, with a note naming what changed. Old
/// ids missing from the new framework are `retired`; new ids missing from the old one are in
/// no entry (they are new).
///
/// ```
/// use chime_standards::{default_framework, draft_mapping, Relation};
/// let old = default_framework();
/// let mut new = old.clone();
/// new.version = "2.0.0".into();
/// new.standards[0].statement.push_str(" Every week.");
/// let mapping = draft_mapping(&old, &new);
/// assert_eq!(mapping.standards[0].relation, Relation::Overlaps);
/// assert_eq!(mapping.standards[1].relation, Relation::Equivalent);
/// ```
pub fn draft_mapping(old: &Framework, new: &Framework) -> Mapping {
    let mut standards = Vec::new();
    let mut retired = Vec::new();
    for before in &old.standards {
        match new.standard(&before.id) {
            Some(after) => {
                let changed = what_changed(before, after);
                standards.push(MappingEntry {
                    from: vec![before.id.clone()],
                    to: vec![after.id.clone()],
                    relation: if changed.is_empty() {
                        Relation::Equivalent
                    } else {
                        Relation::Overlaps
                    },
                    note: (!changed.is_empty()).then(|| {
                        format!(
                            "changed: {}; review the relation (equivalent, narrower, broader or overlaps)",
                            changed.join(", ")
                        )
                    }),
                });
            }
            None => retired.push(before.id.clone()),
        }
    }
    Mapping {
        format: MAPPING_FORMAT.to_string(),
        from: FrameworkRef {
            id: old.id.clone(),
            version: old.version.clone(),
        },
        to: FrameworkRef {
            id: new.id.clone(),
            version: new.version.clone(),
        },
        standards,
        retired,
    }
}

fn what_changed(before: &Standard, after: &Standard) -> Vec<&'static str> {
    let mut changed = Vec::new();
    if before.statement != after.statement {
        changed.push("statement");
    }
    if before.applies_to != after.applies_to {
        changed.push("applies_to");
    }
    if before.level_descriptors != after.level_descriptors {
        changed.push("level_descriptors");
    }
    changed
}
