//! What changed between two versions of a framework, and the version it needs (spec 9.1).
//!
//! The two frameworks are compared as JSON values (after serde has filled in every default,
//! so an omitted `weight` and `"weight": 1` are the same). Domains, sub-categories, sections,
//! standards, domain tags, indicators, levels and bands are matched by id, never by position:
//! reordering a list changes nothing. Each field's impact comes from one table ([`rule`]); a
//! field the table does not name is **major**, deliberately: a field added to the format later
//! is treated as the worst until someone decides otherwise.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::assessment::FrameworkRef;
use crate::diagnostic::{pointer_token, Code, Collector, Diagnostic, Document, Error, Severity};
use crate::framework::Framework;
use crate::read::names::deserialize_by_name;

/// The `format` string of a changes document.
pub const CHANGES_FORMAT: &str = "chime-standards/changes@1";

/// Every change between two versions of a framework, and the version rise they need.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Changes {
    /// Always `"chime-standards/changes@1"`.
    pub format: String,
    /// The old framework.
    pub from: FrameworkRef,
    /// The new framework.
    pub to: FrameworkRef,
    /// Every change, each with its impact.
    pub changes: Vec<FrameworkChange>,
    /// The highest impact among the changes (`none` when nothing changed).
    pub required_bump: Bump,
    /// `version_bump_too_small` when the new version does not rise far enough.
    pub diagnostics: Vec<Diagnostic>,
}

/// One change between two versions of a framework.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkChange {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// JSON Pointer into the new framework (into the old one for a removal).
    pub path: String,
    /// The standard, domain, section, level or band the change belongs to, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// What the change means for assessments.
    pub impact: Impact,
}

/// Whether something was added, removed or changed.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with a different value.
    Changed,
}

deserialize_by_name!(ChangeKind {
    Added => "added",
    Removed => "removed",
    Changed => "changed",
});

/// How far a change reaches (spec 9.1), lowest first.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Wording only.
    Patch,
    /// What raters read changed; no score or validity changed.
    Minor,
    /// An old assessment may be invalid against the new version, or score differently.
    Major,
}

deserialize_by_name!(Impact {
    Patch => "patch",
    Minor => "minor",
    Major => "major",
});

/// The version rise a set of changes needs, lowest first.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// A patch version.
    Patch,
    /// A minor version.
    Minor,
    /// A major version.
    Major,
}

deserialize_by_name!(Bump {
    None => "none",
    Patch => "patch",
    Minor => "minor",
    Major => "major",
});

impl From<Impact> for Bump {
    fn from(impact: Impact) -> Bump {
        match impact {
            Impact::Patch => Bump::Patch,
            Impact::Minor => Bump::Minor,
            Impact::Major => Bump::Major,
        }
    }
}

impl Changes {
    /// The changes document as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }

    /// Whether the new version rises far enough (no `version_bump_too_small`).
    pub fn version_ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Lists every change from `old` to `new` with its impact, and checks the new version.
///
/// Fails with `framework_mismatch` when the ids differ, and with the frameworks' own errors
/// when either is invalid. A version that does not rise far enough is not a failure: the
/// document is returned with the error `version_bump_too_small` in its diagnostics.
///
/// ```
/// use chime_standards::{default_framework, diff, Bump, Impact};
/// let old = default_framework();
/// assert!(diff(&old, &old).unwrap().changes.is_empty());
///
/// let mut new = old.clone();
/// new.title.push_str(" (revised)");
/// let changes = diff(&old, &new).unwrap();
/// assert_eq!(changes.changes[0].impact, Impact::Patch);
/// assert_eq!(changes.required_bump, Bump::Patch);
/// assert!(!changes.version_ok(), "the version was not raised");
/// ```
pub fn diff(old: &Framework, new: &Framework) -> Result<Changes, Error> {
    if old.id != new.id {
        return Err(Error::single(
            Code::FrameworkMismatch,
            Document::Framework,
            "/id",
            format!(
                "the frameworks have different ids (`{}` and `{}`); diff compares two versions of one framework (use a mapping to relate different frameworks)",
                old.id, new.id
            ),
        ));
    }
    let mut invalid = Vec::new();
    for (which, framework) in [("old", old), ("new", new)] {
        for mut diagnostic in crate::validate::framework(framework) {
            if diagnostic.severity == Severity::Error {
                diagnostic.message = format!("the {which} framework: {}", diagnostic.message);
                invalid.push(diagnostic);
            }
        }
    }
    if !invalid.is_empty() {
        return Err(Error::new(invalid));
    }

    let old_value = as_value(old);
    let new_value = as_value(new);
    let mut walk = Walk::default();
    walk.object(
        Node::Framework,
        object(&old_value),
        object(&new_value),
        "",
        "",
        None,
    );
    let changes = walk.changes;
    let required_bump = changes
        .iter()
        .map(|change| Bump::from(change.impact))
        .max()
        .unwrap_or(Bump::None);

    let mut found = Collector::new(Document::Framework);
    check_bump(&mut found, &old.version, &new.version, required_bump);
    Ok(Changes {
        format: CHANGES_FORMAT.to_string(),
        from: reference(old),
        to: reference(new),
        changes,
        required_bump,
        diagnostics: found.found,
    })
}

/// The framework as a JSON value, through its JSON text: the WebAssembly module already holds
/// the code that writes a framework as text, so this adds only the (small) value reader,
/// where `serde_json::to_value` would add a second copy of every framework type's writer.
fn as_value(framework: &Framework) -> Value {
    let text = serde_json::to_string(framework).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_default()
}

fn reference(framework: &Framework) -> FrameworkRef {
    FrameworkRef {
        id: framework.id.clone(),
        version: framework.version.clone(),
    }
}

/// The numeric core `MAJOR.MINOR.PATCH` of a semantic version (pre-release and build
/// metadata are not compared).
fn semver(version: &str) -> Option<(u64, u64, u64)> {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let mut parts = core.split('.').map(|part| part.parse::<u64>().ok());
    let major = parts.next()??;
    let minor = parts.next()??;
    let patch = parts.next()??;
    match parts.next() {
        None => Some((major, minor, patch)),
        Some(_) => None,
    }
}

fn check_bump(found: &mut Collector, old: &str, new: &str, needed: Bump) {
    let (Some(o), Some(n)) = (semver(old), semver(new)) else {
        found.error(
            Code::VersionBumpTooSmall,
            "/version",
            format!(
                "versions `{old}` and `{new}` are not both MAJOR.MINOR.PATCH, so the rise cannot be checked; use semantic versions"
            ),
        );
        return;
    };
    let enough = match needed {
        Bump::Major => n.0 > o.0,
        Bump::Minor => n.0 > o.0 || (n.0 == o.0 && n.1 > o.1),
        Bump::Patch => n > o,
        Bump::None => n >= o,
    };
    if !enough {
        let next = match needed {
            Bump::Major => format!("{}.0.0", o.0.saturating_add(1)),
            Bump::Minor => format!("{}.{}.0", o.0, o.1.saturating_add(1)),
            Bump::Patch => format!("{}.{}.{}", o.0, o.1, o.2.saturating_add(1)),
            Bump::None => old.to_string(),
        };
        let what = match needed {
            Bump::Major => "a major",
            Bump::Minor => "a minor",
            Bump::Patch => "a patch",
            Bump::None => "no",
        };
        found.error(
            Code::VersionBumpTooSmall,
            "/version",
            format!(
                "the changes need {what} version rise over {old}, but the new version is {new}; use {next} or higher"
            ),
        );
    }
}

/// The kinds of object the table knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Framework,
    Domain,
    Subcategory,
    Section,
    Standard,
    Tag,
    Indicator,
    Scale,
    Level,
    Scoring,
    Band,
}

/// What a field's change means.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Not compared (the version being checked, the id two items were matched on).
    Skip,
    /// Any change anywhere under the field has this impact.
    Leaf(Impact),
    /// Guidance: added or removed is minor, reworded is patch.
    Guidance,
    /// An object whose fields have rules of their own.
    Object(Node),
    /// A list of objects matched by `key`, with the impact of adding and removing one.
    Keyed {
        node: Node,
        key: &'static str,
        added: Impact,
        removed: Impact,
    },
    /// A list of names: each name added or removed has this impact.
    Set(Impact),
}

/// The impact table of spec 9.1. Every `_` arm is the deliberate fallback: a field the spec's
/// lists do not name is major.
fn rule(node: Node, field: &str) -> Rule {
    use Impact::{Major, Minor, Patch};
    match (node, field) {
        (Node::Framework, "id" | "version") => Rule::Skip,
        (Node::Framework, "title" | "description" | "citation" | "license") => Rule::Leaf(Patch),
        (Node::Framework, "domains") => Rule::Keyed {
            node: Node::Domain,
            key: "id",
            added: Major,
            removed: Major,
        },
        // "a section added" is minor, "a section removed" major.
        (Node::Framework, "sections") => Rule::Keyed {
            node: Node::Section,
            key: "id",
            added: Minor,
            removed: Major,
        },
        (Node::Framework, "standards") => Rule::Keyed {
            node: Node::Standard,
            key: "id",
            added: Major,
            removed: Major,
        },
        (Node::Framework, "rating_scale") => Rule::Object(Node::Scale),
        (Node::Framework, "scoring") => Rule::Object(Node::Scoring),

        (Node::Domain, "id") => Rule::Skip,
        (Node::Domain, "name" | "description") => Rule::Leaf(Patch),
        // Removing a sub-category is named major; adding one is not named, so the fallback
        // makes it major too.
        (Node::Domain, "subcategories") => Rule::Keyed {
            node: Node::Subcategory,
            key: "id",
            added: Major,
            removed: Major,
        },
        (Node::Subcategory, "id") => Rule::Skip,
        (Node::Subcategory, "name") => Rule::Leaf(Patch),
        (Node::Section, "id") => Rule::Skip,
        (Node::Section, "title") => Rule::Leaf(Patch),

        (Node::Standard, "id") => Rule::Skip,
        (Node::Standard, "title") => Rule::Leaf(Patch),
        (Node::Standard, "guidance") => Rule::Guidance,
        (Node::Standard, "section") => Rule::Leaf(Minor),
        (Node::Standard, "indicators") => Rule::Keyed {
            node: Node::Indicator,
            key: "id",
            added: Minor,
            removed: Minor,
        },
        (Node::Standard, "typical_evidence") => Rule::Set(Minor),
        // Domain tags are matched by domain; any change to them is major.
        (Node::Standard, "domains") => Rule::Keyed {
            node: Node::Tag,
            key: "domain",
            added: Major,
            removed: Major,
        },
        (Node::Tag, "domain") => Rule::Skip,
        (Node::Indicator, "id") => Rule::Skip,
        (Node::Indicator, "text") => Rule::Leaf(Patch),

        (Node::Scale, "levels") => Rule::Keyed {
            node: Node::Level,
            key: "id",
            added: Major,
            removed: Major,
        },
        (Node::Level, "id") => Rule::Skip,
        (Node::Level, "label" | "description") => Rule::Leaf(Patch),
        (Node::Scoring, "bands") => Rule::Keyed {
            node: Node::Band,
            key: "id",
            added: Major,
            removed: Major,
        },
        (Node::Band, "id") => Rule::Skip,
        (Node::Band, "label") => Rule::Leaf(Patch),

        // statement, weight, core, applies_to, level_descriptors of a standard; code, core
        // and weight of a domain; a tag's weight and sub-categories; a level's value; every
        // number and id under scoring; the format string; and anything added to the format
        // later.
        _ => Rule::Leaf(Major),
    }
}

/// The fields of each node in the order the format (and the Rust types) declare them, so
/// changes are listed in document order.
fn field_order(node: Node) -> &'static [&'static str] {
    match node {
        Node::Framework => &[
            "format",
            "id",
            "version",
            "title",
            "description",
            "citation",
            "license",
            "domains",
            "sections",
            "standards",
            "rating_scale",
            "scoring",
        ],
        Node::Domain => &[
            "id",
            "code",
            "name",
            "description",
            "core",
            "weight",
            "subcategories",
        ],
        Node::Subcategory => &["id", "name"],
        Node::Section => &["id", "title"],
        Node::Standard => &[
            "id",
            "title",
            "statement",
            "guidance",
            "section",
            "weight",
            "core",
            "applies_to",
            "domains",
            "indicators",
            "typical_evidence",
            "level_descriptors",
        ],
        Node::Tag => &["domain", "weight", "subcategories"],
        Node::Indicator => &["id", "text"],
        Node::Scale => &["levels"],
        Node::Level => &["value", "id", "label", "description"],
        Node::Scoring => &[
            "met_level",
            "min_coverage",
            "change_threshold",
            "evidence",
            "bands",
            "award",
        ],
        Node::Band => &["min", "id", "label"],
    }
}

/// Whether a node's id names the change's subject.
fn is_subject(node: Node) -> bool {
    matches!(
        node,
        Node::Domain | Node::Section | Node::Standard | Node::Level | Node::Band
    )
}

fn object(value: &Value) -> Option<&Map<String, Value>> {
    value.as_object()
}

const EMPTY: &[Value] = &[];

fn list(value: Option<&Value>) -> &[Value] {
    value
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(EMPTY)
}

fn join(prefix: &str, token: &str) -> String {
    format!("{prefix}/{}", pointer_token(token))
}

#[derive(Default)]
struct Walk {
    changes: Vec<FrameworkChange>,
}

impl Walk {
    fn push(&mut self, kind: ChangeKind, path: String, subject: Option<&str>, impact: Impact) {
        self.changes.push(FrameworkChange {
            kind,
            path,
            subject: subject.map(str::to_string),
            impact,
        });
    }

    /// Compares two objects of one node kind, field by field, in the new object's order
    /// and then the fields only the old one has.
    fn object(
        &mut self,
        node: Node,
        old: Option<&Map<String, Value>>,
        new: Option<&Map<String, Value>>,
        old_path: &str,
        new_path: &str,
        subject: Option<&str>,
    ) {
        let empty = Map::new();
        let old = old.unwrap_or(&empty);
        let new = new.unwrap_or(&empty);
        let mut fields: Vec<&String> = new.keys().collect();
        fields.extend(old.keys().filter(|key| !new.contains_key(*key)));
        // The format's field order (JSON objects here are sorted by key, which means nothing
        // to a reader); fields the table does not know come last, by name.
        let order = field_order(node);
        fields.sort_by_key(|field| {
            (
                order
                    .iter()
                    .position(|known| known == field)
                    .unwrap_or(order.len()),
                field.as_str(),
            )
        });
        for field in fields {
            self.field(
                rule(node, field),
                old.get(field),
                new.get(field),
                &join(old_path, field),
                &join(new_path, field),
                subject,
            );
        }
    }

    fn field(
        &mut self,
        rule: Rule,
        old: Option<&Value>,
        new: Option<&Value>,
        old_path: &str,
        new_path: &str,
        subject: Option<&str>,
    ) {
        match rule {
            Rule::Skip => {}
            Rule::Leaf(impact) => self.whole(impact, old, new, old_path, new_path, subject),
            Rule::Guidance => match (old, new) {
                (None, Some(_)) => {
                    self.push(ChangeKind::Added, new_path.into(), subject, Impact::Minor)
                }
                (Some(_), None) => {
                    self.push(ChangeKind::Removed, old_path.into(), subject, Impact::Minor)
                }
                (Some(a), Some(b)) if a != b => {
                    self.push(ChangeKind::Changed, new_path.into(), subject, Impact::Patch)
                }
                _ => {}
            },
            Rule::Object(node) => self.object(
                node,
                old.and_then(Value::as_object),
                new.and_then(Value::as_object),
                old_path,
                new_path,
                subject,
            ),
            Rule::Keyed {
                node,
                key,
                added,
                removed,
            } => self.keyed(
                node,
                key,
                (added, removed),
                (list(old), list(new)),
                (old_path, new_path),
                subject,
            ),
            Rule::Set(impact) => {
                let (old, new) = (list(old), list(new));
                let names = |items: &[Value]| -> std::collections::HashSet<String> {
                    items.iter().map(Value::to_string).collect()
                };
                let (old_names, new_names) = (names(old), names(new));
                for (j, item) in new.iter().enumerate() {
                    if !old_names.contains(&item.to_string()) {
                        self.push(
                            ChangeKind::Added,
                            format!("{new_path}/{j}"),
                            subject,
                            impact,
                        );
                    }
                }
                for (i, item) in old.iter().enumerate() {
                    if !new_names.contains(&item.to_string()) {
                        self.push(
                            ChangeKind::Removed,
                            format!("{old_path}/{i}"),
                            subject,
                            impact,
                        );
                    }
                }
            }
        }
    }

    /// Lists of objects matched by a key: changed items in the new order, added items where
    /// they stand, then removed items in the old order.
    fn keyed(
        &mut self,
        node: Node,
        key: &str,
        (added, removed): (Impact, Impact),
        (old, new): (&[Value], &[Value]),
        (old_path, new_path): (&str, &str),
        subject: Option<&str>,
    ) {
        let id = |item: &Value| {
            item.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let mut old_at: HashMap<String, usize> = HashMap::with_capacity(old.len());
        for (i, item) in old.iter().enumerate() {
            old_at.entry(id(item)).or_insert(i);
        }
        let mut new_ids: HashMap<String, ()> = HashMap::with_capacity(new.len());
        for (j, item) in new.iter().enumerate() {
            let item_id = id(item);
            let item_subject = if is_subject(node) {
                Some(item_id.as_str())
            } else {
                subject
            };
            let new_item_path = format!("{new_path}/{j}");
            match old_at
                .get(&item_id)
                .and_then(|&i| old.get(i).map(|o| (i, o)))
            {
                Some((i, before)) => self.object(
                    node,
                    before.as_object(),
                    item.as_object(),
                    &format!("{old_path}/{i}"),
                    &new_item_path,
                    item_subject,
                ),
                None => self.push(ChangeKind::Added, new_item_path, item_subject, added),
            }
            new_ids.insert(item_id, ());
        }
        for (i, item) in old.iter().enumerate() {
            let item_id = id(item);
            if !new_ids.contains_key(&item_id) {
                let item_subject = if is_subject(node) {
                    Some(item_id.as_str())
                } else {
                    subject
                };
                self.push(
                    ChangeKind::Removed,
                    format!("{old_path}/{i}"),
                    item_subject,
                    removed,
                );
            }
        }
    }

    /// Every difference under one field, at the deepest path where the values part, all of
    /// one impact. Arrays here are compared by position (they are ordered data: requirements,
    /// sub-category lists of a tag).
    fn whole(
        &mut self,
        impact: Impact,
        old: Option<&Value>,
        new: Option<&Value>,
        old_path: &str,
        new_path: &str,
        subject: Option<&str>,
    ) {
        match (old, new) {
            (None, None) => {}
            (None, Some(_)) => self.push(ChangeKind::Added, new_path.into(), subject, impact),
            (Some(_), None) => self.push(ChangeKind::Removed, old_path.into(), subject, impact),
            (Some(a), Some(b)) if a == b => {}
            (Some(Value::Object(a)), Some(Value::Object(b))) => {
                let mut fields: Vec<&String> = b.keys().collect();
                fields.extend(a.keys().filter(|key| !b.contains_key(*key)));
                for field in fields {
                    self.whole(
                        impact,
                        a.get(field),
                        b.get(field),
                        &join(old_path, field),
                        &join(new_path, field),
                        subject,
                    );
                }
            }
            (Some(Value::Array(a)), Some(Value::Array(b))) => {
                for i in 0..a.len().max(b.len()) {
                    self.whole(
                        impact,
                        a.get(i),
                        b.get(i),
                        &format!("{old_path}/{i}"),
                        &format!("{new_path}/{i}"),
                        subject,
                    );
                }
            }
            (Some(_), Some(_)) => self.push(ChangeKind::Changed, new_path.into(), subject, impact),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_framework;

    fn changes(edit: impl FnOnce(&mut Framework)) -> Vec<(ChangeKind, String, Impact)> {
        let old = default_framework();
        let mut new = old.clone();
        edit(&mut new);
        match diff(&old, &new) {
            Ok(changes) => changes
                .changes
                .into_iter()
                .map(|c| (c.kind, c.path, c.impact))
                .collect(),
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn a_reordering_is_not_a_change() {
        assert!(changes(|f| f.standards.reverse()).is_empty());
        assert!(changes(|f| f.domains.reverse()).is_empty());
    }

    #[test]
    fn a_renamed_standard_id_is_a_removal_and_an_addition() {
        let found = changes(|f| {
            if let Some(s) = f.standards.first_mut() {
                s.id = "renamed".into();
            }
        });
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(_, _, impact)| *impact == Impact::Major));
    }

    #[test]
    fn semver_reads_the_numeric_core() {
        assert_eq!(semver("2.0.0-rc.1"), Some((2, 0, 0)));
        assert_eq!(semver("1.2"), None);
        assert_eq!(semver("1.2.3.4"), None);
        assert_eq!(semver("x.1.2"), None);
    }
}
