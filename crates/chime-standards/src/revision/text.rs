//! The changes document as text for a standards editor: changes grouped by what they belong
//! to, each with what it means for assessments already made.

use std::fmt::Write;

use super::diff::{Bump, ChangeKind, Changes, FrameworkChange, Impact};

/// The changes as plain text for a standards editor (what `chime diff` prints).
///
/// ```
/// use chime_standards::{changes_text, default_framework, diff};
/// let old = default_framework();
/// let mut new = old.clone();
/// new.version = "1.0.1".into();
/// new.standards[0].title.push_str(" (revised)");
/// let text = changes_text(&diff(&old, &new).unwrap());
/// assert!(text.contains("wording only"));
/// ```
pub fn changes_text(changes: &Changes) -> String {
    let mut out = String::new();
    let count = changes.changes.len();
    let _ = writeln!(
        out,
        "{} {} -> {}: {count} change{}; {}",
        changes.from.id,
        changes.from.version,
        changes.to.version,
        if count == 1 { "" } else { "s" },
        match changes.required_bump {
            Bump::None => "no version rise needed".to_string(),
            bump => format!("they need a {} version", bump_word(bump)),
        }
    );
    let by_impact = |impact: Impact| {
        changes
            .changes
            .iter()
            .filter(|c| c.impact == impact)
            .count()
    };
    if count > 0 {
        let _ = writeln!(
            out,
            "{} major (assessments must be migrated), {} minor (what raters read), {} patch (wording)",
            by_impact(Impact::Major),
            by_impact(Impact::Minor),
            by_impact(Impact::Patch)
        );
    }
    for diagnostic in &changes.diagnostics {
        let _ = writeln!(out, "error: {}", diagnostic.message);
    }
    if changes.diagnostics.is_empty() && count > 0 {
        let _ = writeln!(out, "version {} is enough", changes.to.version);
    }

    // Groups in order of first appearance: the framework itself, then each subject.
    let mut groups: Vec<(String, Vec<&FrameworkChange>)> = Vec::new();
    for change in &changes.changes {
        let title = group_title(change);
        match groups.iter_mut().find(|(t, _)| *t == title) {
            Some((_, list)) => list.push(change),
            None => groups.push((title, vec![change])),
        }
    }
    for (title, list) in groups {
        let _ = writeln!(out, "\n{title}");
        for change in list {
            let thing = match what(change) {
                whole if whole == WHOLE => title.split(' ').next().unwrap_or_default().to_string(),
                field => field,
            };
            let _ = writeln!(
                out,
                "  {:<5} {thing} {} ({}): {}",
                impact_word(change.impact),
                kind_word(change.kind),
                change.path,
                meaning(change)
            );
        }
    }
    out
}

fn bump_word(bump: Bump) -> &'static str {
    match bump {
        Bump::None => "no",
        Bump::Patch => "patch",
        Bump::Minor => "minor",
        Bump::Major => "major",
    }
}

fn impact_word(impact: Impact) -> &'static str {
    match impact {
        Impact::Patch => "patch",
        Impact::Minor => "minor",
        Impact::Major => "major",
    }
}

fn kind_word(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
    }
}

/// The kind of thing the path is in: `standards`, `domains`, ... or the framework.
fn collection(path: &str) -> &str {
    path.split('/').nth(1).unwrap_or_default()
}

fn group_title(change: &FrameworkChange) -> String {
    let noun = match (collection(&change.path), change.path.split('/').nth(2)) {
        ("standards", _) => "standard",
        ("domains", _) => "domain",
        ("sections", _) => "section",
        ("rating_scale", _) => "level",
        ("scoring", Some("bands")) => "band",
        ("scoring", _) => "scoring rules",
        _ => "framework",
    };
    match &change.subject {
        Some(subject) => format!("{noun} {subject}"),
        None => noun.to_string(),
    }
}

/// What changed, from the path: the fields below the subject (`statement`,
/// `indicators 2 text`), or the subject itself.
fn what(change: &FrameworkChange) -> String {
    let tokens: Vec<&str> = change.path.split('/').skip(1).collect();
    // Skip the collection and the item's index (two tokens for standards, domains, sections;
    // three for levels and bands under rating_scale/levels or scoring/bands).
    let skip = match tokens.first().copied() {
        Some("standards" | "domains" | "sections") => 2,
        Some("rating_scale") => 3,
        Some("scoring") if tokens.get(1) == Some(&"bands") => 3,
        _ => 0,
    };
    let rest: Vec<&str> = tokens.iter().skip(skip).copied().collect();
    if rest.is_empty() && skip > 0 {
        WHOLE.to_string()
    } else {
        rest.join(" ")
    }
}

/// What [`what`] says when a whole standard, domain, section, level or band changed.
const WHOLE: &str = "the whole item";

fn meaning(change: &FrameworkChange) -> &'static str {
    let whole = what(change) == WHOLE;
    match (change.impact, change.kind, collection(&change.path), whole) {
        (Impact::Major, ChangeKind::Removed, "standards", true) => {
            "old judgements of it must be mapped to successors or retired in the mapping"
        }
        (Impact::Major, ChangeKind::Added, "standards", true) => {
            "new in this version: migrated assessments hold no rating for it until someone rates it"
        }
        (Impact::Major, _, "standards", _) => {
            "ratings of the old version may not carry across: map it as narrower, broader or overlaps unless it asks for the same"
        }
        (Impact::Major, _, _, _) => {
            "old assessments may be invalid or score differently: migrate them with a mapping"
        }
        (Impact::Minor, _, _, _) => {
            "what raters read changed; ratings and scores stay as they were"
        }
        (Impact::Patch, _, _, _) => "wording only; nothing to redo",
    }
}
