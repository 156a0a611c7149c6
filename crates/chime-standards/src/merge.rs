//! Several raters on several devices: uniting their assessments into one, and the inverse
//! (spec section 7).
//!
//! A group rates on several phones and laptops; each device exports an assessment holding what
//! its person entered. [`merge`] unites them, losing nothing and inventing nothing; [`split`]
//! makes one file per rater (plus one of the agreed judgements), so a coordinator can hand each
//! person a file that already holds the organisation and the evidence list.
//!
//! ```
//! use chime_standards::{merge, split, Engine};
//! let engine = Engine::default_framework();
//! let example = chime_standards::example_assessment();
//! let files = split(&example);
//! assert_eq!(files.len(), example.raters.len() + 1);
//! let merged = merge(&files).unwrap();
//! assert_eq!(engine.score(&merged).unwrap().overall, engine.score(&example).unwrap().overall);
//! ```

use std::collections::{BTreeSet, HashMap};

use crate::assessment::{Assessment, Evidence, Judgement, Rater};
use crate::diagnostic::{into_result, pointer_token, Code, Collector, Document, Error};
use crate::read::parse::{parse_json, Limits};

/// Unites two or more assessments of one organisation into one (spec section 7).
///
/// The inputs must agree on `format`, `id`, `framework`, `assessed_on` and `organisation.id`
/// (else `merge_mismatch` at that field of the later input) and on `organisation.structure`
/// (else `merge_conflict`). Raters and evidence are united by id, judgements by (standard,
/// rater), each in order of first appearance; two items with one key must be equal (an
/// evidence item's `standards` lists are united), else `merge_conflict` at each differing field
/// of the later item. `status` is the earliest of the inputs', `organisation.name` the first
/// one given. Every problem is reported at once, in document [`Document::Input`] with paths
/// `/<input index>/<pointer>`. The result is not validated: score it like any assessment.
pub fn merge(inputs: &[Assessment]) -> Result<Assessment, Error> {
    let mut found = Collector::new(Document::Input);
    let Some(first) = inputs.first().filter(|_| inputs.len() >= 2) else {
        return Err(Error::single(
            Code::MergeTooFewInputs,
            Document::Input,
            "",
            format!(
                "merge needs two or more assessments and was given {}; give every rater's file",
                inputs.len()
            ),
        ));
    };
    let mut merged = header(first);
    merged.organisation.name = inputs
        .iter()
        .find_map(|input| input.organisation.name.clone());
    // Where each kept item came from: (input, position), for messages about later copies.
    let mut raters: HashMap<String, (usize, usize)> = HashMap::new();
    let mut evidence: HashMap<String, (usize, usize)> = HashMap::new();
    let mut judgements: HashMap<(String, Option<String>), (usize, usize)> = HashMap::new();

    for (i, input) in inputs.iter().enumerate() {
        if i > 0 {
            check_same(&mut found, i, first, input);
        }
        // Declaration order is review order: draft < submitted < peer_reviewed < verified.
        merged.status = merged.status.min(input.status);
        for (j, rater) in input.raters.iter().enumerate() {
            match raters.get(&rater.id) {
                None => {
                    raters.insert(rater.id.clone(), (i, merged.raters.len()));
                    merged.raters.push(rater.clone());
                }
                Some(&(from, at)) => {
                    if let Some(kept) = merged.raters.get(at) {
                        for field in rater_differences(kept, rater) {
                            conflict(
                                &mut found,
                                i,
                                &format!("/raters/{j}"),
                                field,
                                "rater",
                                &rater.id,
                                from,
                            );
                        }
                    }
                }
            }
        }
        for (j, item) in input.evidence.iter().enumerate() {
            match evidence.get(&item.id) {
                None => {
                    evidence.insert(item.id.clone(), (i, merged.evidence.len()));
                    merged.evidence.push(item.clone());
                }
                Some(&(from, at)) => {
                    if let Some(kept) = merged.evidence.get_mut(at) {
                        for field in evidence_differences(kept, item) {
                            conflict(
                                &mut found,
                                i,
                                &format!("/evidence/{j}"),
                                field,
                                "evidence item",
                                &item.id,
                                from,
                            );
                        }
                        for standard in &item.standards {
                            if !kept.standards.contains(standard) {
                                kept.standards.push(standard.clone());
                            }
                        }
                    }
                }
            }
        }
        for (j, judgement) in input.judgements.iter().enumerate() {
            let key = (judgement.standard.clone(), judgement.rater.clone());
            match judgements.get(&key) {
                None => {
                    judgements.insert(key, (i, merged.judgements.len()));
                    merged.judgements.push(judgement.clone());
                }
                Some(&(from, at)) => {
                    if let Some(kept) = merged.judgements.get(at) {
                        let whose = match &judgement.rater {
                            Some(rater) => {
                                format!("of standard `{}` by rater `{rater}`", judgement.standard)
                            }
                            None => format!("agreed for standard `{}`", judgement.standard),
                        };
                        for field in judgement_differences(kept, judgement) {
                            conflict(
                                &mut found,
                                i,
                                &format!("/judgements/{j}"),
                                field,
                                "judgement",
                                &whose,
                                from,
                            );
                        }
                    }
                }
            }
        }
    }
    into_result(found.found)?;
    Ok(merged)
}

/// Parses each input and merges them; parse errors of every input come back together, in
/// document [`Document::Input`] with the input's index in front of each path.
///
/// ```
/// use chime_standards::{merge_json, Code, Limits};
/// let error = merge_json(&[b"{}".as_slice(), b"[".as_slice()], &Limits::default()).unwrap_err();
/// assert!(error.diagnostics.iter().all(|d| d.path.starts_with("/0") || d.path.starts_with("/1")));
/// ```
pub fn merge_json(inputs: &[&[u8]], limits: &Limits) -> Result<Assessment, Error> {
    let mut parsed = Vec::with_capacity(inputs.len());
    let mut problems = Vec::new();
    for (i, bytes) in inputs.iter().enumerate() {
        match parse_json::<Assessment>(bytes, Document::Assessment, limits) {
            Ok(assessment) => parsed.push(assessment),
            Err(error) => problems.extend(error.diagnostics.into_iter().map(|mut diagnostic| {
                diagnostic.document = Document::Input;
                diagnostic.path = format!("/{i}{}", diagnostic.path);
                diagnostic.message = format!("input {i}: {}", diagnostic.message);
                diagnostic
            })),
        }
    }
    if !problems.is_empty() {
        return Err(Error::new(problems));
    }
    merge(&parsed)
}

/// One assessment per rater (that rater, their judgements and the evidence they cite), then
/// one of the agreed judgements and the remaining evidence: the inverse of [`merge`].
///
/// Every file keeps `format`, `id`, `framework`, `assessed_on`, `organisation` and `status`,
/// so merging the files gives back the assessment up to order (spec section 7, the law).
/// Raters come in the assessment's order; a rater id that judgements name but the rater list
/// lacks gets a file of its own too (with no rater entry), so nothing is dropped.
pub fn split(assessment: &Assessment) -> Vec<Assessment> {
    // Rater ids in order: the rater list, then ids only judgements name.
    let mut ids: Vec<&str> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let named = assessment.raters.iter().map(|rater| rater.id.as_str());
    let judged = assessment
        .judgements
        .iter()
        .filter_map(|j| j.rater.as_deref());
    for id in named.chain(judged) {
        if seen.insert(id) {
            ids.push(id);
        }
    }
    let mut cited_by_raters: BTreeSet<&str> = BTreeSet::new();
    let mut files = Vec::with_capacity(ids.len() + 1);
    for id in ids {
        let mut file = header(assessment);
        file.raters = assessment
            .raters
            .iter()
            .filter(|rater| rater.id == id)
            .cloned()
            .collect();
        file.judgements = assessment
            .judgements
            .iter()
            .filter(|judgement| judgement.rater.as_deref() == Some(id))
            .cloned()
            .collect();
        let cited: BTreeSet<&str> = assessment
            .judgements
            .iter()
            .filter(|judgement| judgement.rater.as_deref() == Some(id))
            .flat_map(|judgement| judgement.evidence.iter().map(String::as_str))
            .collect();
        file.evidence = assessment
            .evidence
            .iter()
            .filter(|item| cited.contains(item.id.as_str()))
            .cloned()
            .collect();
        cited_by_raters.extend(cited);
        files.push(file);
    }
    let mut agreed = header(assessment);
    agreed.judgements = assessment
        .judgements
        .iter()
        .filter(|judgement| judgement.rater.is_none())
        .cloned()
        .collect();
    agreed.evidence = assessment
        .evidence
        .iter()
        .filter(|item| !cited_by_raters.contains(item.id.as_str()))
        .cloned()
        .collect();
    files.push(agreed);
    files
}

/// The assessment's top-level fields, with no raters, evidence or judgements.
fn header(assessment: &Assessment) -> Assessment {
    Assessment {
        format: assessment.format.clone(),
        id: assessment.id.clone(),
        framework: assessment.framework.clone(),
        assessed_on: assessment.assessed_on,
        organisation: assessment.organisation.clone(),
        status: assessment.status,
        raters: Vec::new(),
        evidence: Vec::new(),
        judgements: Vec::new(),
    }
}

/// `merge_mismatch` and the structure's `merge_conflict` of input `i` against the first.
fn check_same(found: &mut Collector, i: usize, first: &Assessment, input: &Assessment) {
    let mut mismatch = |field: &str, what: &str, differs: bool| {
        if differs {
            found.error(
                Code::MergeMismatch,
                format!("/{i}/{field}"),
                format!(
                    "input {i} has another {what} than input 0: merge only the files of one \
                     assessment (same id, framework, date and organisation)"
                ),
            );
        }
    };
    mismatch("format", "format", input.format != first.format);
    mismatch("id", "assessment id", input.id != first.id);
    mismatch(
        "framework/id",
        "framework id",
        input.framework.id != first.framework.id,
    );
    mismatch(
        "framework/version",
        "framework version",
        input.framework.version != first.framework.version,
    );
    mismatch(
        "assessed_on",
        "assessed_on date",
        input.assessed_on != first.assessed_on,
    );
    mismatch(
        "organisation/id",
        "organisation id",
        input.organisation.id != first.organisation.id,
    );
    if input.organisation.structure != first.organisation.structure {
        found.error(
            Code::MergeConflict,
            format!("/{i}/organisation/structure"),
            format!(
                "input {i} gives the organisation another structure than input 0: correct the \
                 file that is wrong, so both say the same"
            ),
        );
    }
}

fn conflict(
    found: &mut Collector,
    i: usize,
    item: &str,
    field: &str,
    kind: &str,
    which: &str,
    from: usize,
) {
    let which = if kind == "judgement" {
        which.to_string()
    } else {
        format!("`{which}`")
    };
    found.error(
        Code::MergeConflict,
        format!("/{i}{item}/{}", pointer_token(field)),
        format!(
            "the {kind} {which} has a different `{field}` in input {i} than in input {from}: \
             correct one file so that both say the same, then merge again"
        ),
    );
}

fn rater_differences(a: &Rater, b: &Rater) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if a.role != b.role {
        fields.push("role");
    }
    if a.lived_experience != b.lived_experience {
        fields.push("lived_experience");
    }
    fields
}

fn evidence_differences(a: &Evidence, b: &Evidence) -> Vec<&'static str> {
    let checks = [
        ("kind", a.kind != b.kind),
        ("title", a.title != b.title),
        ("source", a.source != b.source),
        ("collected", a.collected != b.collected),
        ("expires", a.expires != b.expires),
        ("sensitivity", a.sensitivity != b.sensitivity),
        ("consent", a.consent != b.consent),
        ("uri", a.uri != b.uri),
        ("sha256", a.sha256 != b.sha256),
    ];
    checks
        .into_iter()
        .filter_map(|(field, differs)| differs.then_some(field))
        .collect()
}

fn judgement_differences(a: &Judgement, b: &Judgement) -> Vec<&'static str> {
    let checks = [
        ("rating", a.rating != b.rating),
        ("justification", a.justification != b.justification),
        ("evidence", a.evidence != b.evidence),
        ("narrative", a.narrative != b.narrative),
        ("strengths", a.strengths != b.strengths),
        ("actions", a.actions != b.actions),
    ];
    checks
        .into_iter()
        .filter_map(|(field, differs)| differs.then_some(field))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AssessmentStatus;
    use crate::example_assessment;

    #[test]
    fn fewer_than_two_inputs_is_an_error() {
        for inputs in [vec![], vec![example_assessment()]] {
            let error = merge(&inputs).err();
            assert_eq!(error.and_then(|e| e.code()), Some(Code::MergeTooFewInputs));
        }
    }

    #[test]
    fn status_is_the_earliest_and_name_the_first_given() {
        let mut a = example_assessment();
        a.status = AssessmentStatus::Verified;
        a.organisation.name = None;
        let mut b = example_assessment();
        b.status = AssessmentStatus::Submitted;
        b.organisation.name = Some("Second".into());
        let merged = merge(&[a, b]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(merged.status, AssessmentStatus::Submitted);
        assert_eq!(merged.organisation.name.as_deref(), Some("Second"));
    }
}
