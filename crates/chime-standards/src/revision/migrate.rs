//! Carrying an assessment onto a new version of its framework (spec 9.3).
//!
//! No word anyone wrote is lost, every evidence item is kept, and a rating crosses only a
//! one-to-one `equivalent` entry: a rating of an old statement never silently becomes a rating
//! of a new one.

use std::collections::{HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::mapping::{check, Mapping, MappingEntry, Routes};
use crate::assessment::{Assessment, AssessmentStatus, Judgement, Rating};
use crate::diagnostic::{Code, Collector, Diagnostic, Document, Error};
use crate::framework::Framework;

/// A migrated assessment and what a person must review in it.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Migration {
    /// The assessment against the new framework, with status `draft`.
    pub assessment: Assessment,
    /// `migration_review` warnings (paths into the migrated assessment), `migration_retired`
    /// notes (paths into the mapping) and the mapping's own notes.
    pub diagnostics: Vec<Diagnostic>,
}

impl Migration {
    /// The migration as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        crate::read::json::to_pretty(self)
    }
}

/// Migrates an assessment from the mapping's old framework to `new` (spec 9.3). The input is
/// not changed.
///
/// Fails when the assessment is not of the mapping's `from` framework (`framework_mismatch`),
/// when the mapping does not fit `new`, when `new` is invalid, or when the assessment names a
/// standard the mapping does not (`unknown_standard`, path into the assessment).
///
/// ```
/// use chime_standards::{default_framework, draft_mapping, example_assessment, migrate};
/// let framework = default_framework();
/// let mapping = draft_mapping(&framework, &framework);
/// let before = example_assessment();
/// let migrated = migrate(&before, &mapping, &framework).unwrap();
/// assert_eq!(migrated.assessment.judgements.len(), before.judgements.len());
/// assert_eq!(migrated.assessment.evidence, before.evidence);
/// ```
pub fn migrate(
    assessment: &Assessment,
    mapping: &Mapping,
    new: &Framework,
) -> Result<Migration, Error> {
    let framework_errors: Vec<Diagnostic> = crate::validate::framework(new)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !framework_errors.is_empty() {
        return Err(Error::new(framework_errors));
    }
    let mut diagnostics = check(mapping, None, new);
    let mut input = Collector::new(Document::Assessment);
    if assessment.framework != mapping.from {
        input.error(
            Code::FrameworkMismatch,
            "/framework",
            format!(
                "the assessment is of {} {}, but the mapping starts from {} {}; use the mapping written for the assessment's framework",
                assessment.framework.id,
                assessment.framework.version,
                mapping.from.id,
                mapping.from.version
            ),
        );
    }

    let routes = Routes::new(mapping);

    let mut migrated = assessment.clone();
    migrated.framework = mapping.to.clone();
    migrated.status = AssessmentStatus::Draft;

    // Evidence: every item kept, its standards mapped.
    for (i, item) in migrated.evidence.iter_mut().enumerate() {
        let mut standards: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for (j, old) in item.standards.iter().enumerate() {
            match routes.from(old) {
                Some(entry) => {
                    for new_id in &entry.to {
                        if seen.insert(new_id) {
                            standards.push(new_id.clone());
                        }
                    }
                }
                None if routes.is_retired(old) => {}
                None => input.error(
                    Code::UnknownStandard,
                    format!("/evidence/{i}/standards/{j}"),
                    format!("the mapping does not name standard `{old}`; add it to an entry's `from` or to `retired`"),
                ),
            }
        }
        item.standards = standards;
    }

    // Judgements of each old standard, in assessment order.
    let mut judged: HashMap<&str, Vec<&Judgement>> = HashMap::new();
    let mut retired_judged: Vec<&str> = Vec::new();
    let mut retired_seen: HashSet<&str> = HashSet::new();
    for (i, judgement) in assessment.judgements.iter().enumerate() {
        let id = judgement.standard.as_str();
        match routes.from(id) {
            Some(_) => judged.entry(id).or_default().push(judgement),
            None if routes.is_retired(id) => {
                if retired_seen.insert(id) {
                    retired_judged.push(id);
                }
            }
            None => input.error(
                Code::UnknownStandard,
                format!("/judgements/{i}/standard"),
                format!("the mapping does not name standard `{id}`; add it to an entry's `from` or to `retired`"),
            ),
        }
    }
    diagnostics.extend(input.found);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::new(diagnostics));
    }

    let mut review = Collector::new(Document::Assessment);
    let max = i64::from(new.max_level());
    let mut judgements: Vec<Judgement> = Vec::new();
    // New standards in the new framework's order; each comes from at most one entry.
    for standard in &new.standards {
        let Some(entry) = routes.to(&standard.id) else {
            continue;
        };
        if entry.is_one_to_one_equivalent() {
            let old = entry.from.first().map(String::as_str).unwrap_or_default();
            for judgement in judged.get(old).map(Vec::as_slice).unwrap_or(&[]) {
                let mut copy = (*judgement).clone();
                copy.standard = standard.id.clone();
                if let Rating::Level(level) = copy.rating {
                    if i64::from(level) > max || level < 0 {
                        copy.rating = Rating::NotAssessed;
                        review.warning(
                            Code::MigrationReview,
                            format!("/judgements/{}", judgements.len()),
                            format!(
                                "`{}` ({}): carried from `{old}` rated {level}, which is not a level of the new scale (0 to {max}); the rating is cleared: rate it again",
                                standard.id,
                                who(copy.rater.as_deref()),
                            ),
                        );
                    }
                }
                judgements.push(copy);
            }
        } else {
            for judgement in combined(entry, &standard.id, &judged) {
                review.warning(
                    Code::MigrationReview,
                    format!("/judgements/{}", judgements.len()),
                    review_message(entry, &standard.id, judgement.rater.as_deref(), &judged),
                );
                judgements.push(judgement);
            }
        }
    }
    migrated.judgements = judgements;

    let mut notes = Collector::new(Document::Mapping);
    let mut retired_at: HashMap<&str, usize> = HashMap::new();
    for (k, id) in mapping.retired.iter().enumerate() {
        retired_at.entry(id.as_str()).or_insert(k);
    }
    for id in retired_judged {
        let at = retired_at
            .get(id)
            .map(|k| format!("/retired/{k}"))
            .unwrap_or_default();
        notes.info(
            Code::MigrationRetired,
            at,
            format!("standard `{id}` is retired: its judgements are not carried (the old assessment keeps them)"),
        );
    }
    // Errors were returned above; what is left are the mapping's notes.
    diagnostics.extend(review.found);
    diagnostics.extend(notes.found);
    Ok(Migration {
        assessment: migrated,
        diagnostics,
    })
}

fn who(rater: Option<&str>) -> String {
    match rater {
        Some(rater) => format!("rater `{rater}`"),
        None => "the agreed judgement".to_string(),
    }
}

/// For one new standard of a changed entry: one unrated judgement per rater (and one for the
/// agreed judgement) who judged any of the entry's old standards, carrying all their words.
fn combined(
    entry: &MappingEntry,
    new_id: &str,
    judged: &HashMap<&str, Vec<&Judgement>>,
) -> Vec<Judgement> {
    let mut groups: Vec<(Option<&str>, Vec<&Judgement>)> = Vec::new();
    for old in &entry.from {
        for judgement in judged.get(old.as_str()).map(Vec::as_slice).unwrap_or(&[]) {
            let rater = judgement.rater.as_deref();
            match groups.iter_mut().find(|(r, _)| *r == rater) {
                Some((_, list)) => list.push(judgement),
                None => groups.push((rater, vec![judgement])),
            }
        }
    }
    groups
        .into_iter()
        .map(|(rater, list)| {
            let text = |field: fn(&Judgement) -> Option<&String>| {
                let parts: Vec<&str> = list
                    .iter()
                    .filter_map(|j| field(j).map(String::as_str))
                    .filter(|t| !t.is_empty())
                    .collect();
                (!parts.is_empty()).then(|| parts.join("\n\n"))
            };
            let mut evidence: Vec<String> = Vec::new();
            let mut seen: HashSet<&str> = HashSet::new();
            for id in list.iter().flat_map(|j| &j.evidence) {
                if seen.insert(id) {
                    evidence.push(id.clone());
                }
            }
            Judgement {
                standard: new_id.to_string(),
                rater: rater.map(str::to_string),
                rating: Rating::NotAssessed,
                justification: text(|j| j.justification.as_ref()),
                evidence,
                narrative: text(|j| j.narrative.as_ref()),
                strengths: text(|j| j.strengths.as_ref()),
                actions: list
                    .iter()
                    .flat_map(|j| j.actions.iter().cloned())
                    .collect(),
            }
        })
        .collect()
}

fn review_message(
    entry: &MappingEntry,
    new_id: &str,
    rater: Option<&str>,
    judged: &HashMap<&str, Vec<&Judgement>>,
) -> String {
    let mut sources = Vec::new();
    for old in &entry.from {
        for judgement in judged.get(old.as_str()).map(Vec::as_slice).unwrap_or(&[]) {
            if judgement.rater.as_deref() == rater {
                let rating = match judgement.rating {
                    Rating::Level(level) => format!("rated {level}"),
                    Rating::NotApplicable => "rated not_applicable".to_string(),
                    Rating::NotAssessed => "not rated".to_string(),
                };
                sources.push(format!("`{old}` {rating}"));
            }
        }
    }
    let relation = match entry.relation {
        super::Relation::Equivalent => "equivalent",
        super::Relation::Narrower => "narrower",
        super::Relation::Broader => "broader",
        super::Relation::Overlaps => "overlaps",
    };
    format!(
        "`{new_id}` ({}): carried from {} (mapping relation {relation}, {} to {}); the rating is cleared: review the carried text and rate it against the new standard",
        who(rater),
        sources.join(", "),
        entry.from.len(),
        entry.to.len(),
    )
}
