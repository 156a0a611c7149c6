//! Checks an assessment against a valid framework.

use rustc_hash::FxHashSet as HashSet;

use super::check_repeats;
use crate::assessment::{Assessment, EvidenceKind, Rating, Sensitivity, ASSESSMENT_FORMAT};
use crate::claims;
use crate::diagnostic::{Code, Collector, Diagnostic, Document};
use crate::framework::Framework;
use crate::index::{applies, Index};
use crate::resolve::Resolved;
use crate::seen::Seen;

/// Every problem with an assessment against the engine's framework.
pub(crate) fn assessment(
    framework: &Framework,
    index: &Index,
    resolved: &Resolved,
    gathered: &claims::Gathered,
    assessment: &Assessment,
) -> Vec<Diagnostic> {
    let mut found = Collector::new(Document::Assessment);
    header(&mut found, framework, assessment);
    check_resolved_ids(
        &mut found,
        "/raters",
        "rater",
        assessment.raters.iter().map(|r| r.id.as_str()),
        &resolved.first_rater,
    );
    check_resolved_ids(
        &mut found,
        "/evidence",
        "evidence",
        assessment.evidence.iter().map(|e| e.id.as_str()),
        &resolved.first_item,
    );
    evidence(&mut found, resolved, assessment);
    judgements(&mut found, framework, index, resolved, assessment);
    disagreement(&mut found, framework, gathered, assessment);
    found.found
}

/// Reports empty and repeated ids among `ids`, whose JSON Pointers are `{prefix}/{i}/id`:
/// `first[i]` is the index of the first id equal to the `i`th (as [`super::check_ids`]
/// reports them, from the ids resolved once per assessment).
fn check_resolved_ids<'a>(
    found: &mut Collector,
    prefix: &str,
    what: &str,
    ids: impl Iterator<Item = &'a str>,
    first: &[usize],
) {
    for ((i, id), &first) in ids.enumerate().zip(first) {
        super::id_problem(found, prefix, what, (i, id), first != i);
    }
}

fn header(found: &mut Collector, framework: &Framework, assessment: &Assessment) {
    if assessment.format != ASSESSMENT_FORMAT {
        found.error(
            Code::WrongFormat,
            "/format",
            format!("this engine reads \"{ASSESSMENT_FORMAT}\" assessments"),
        );
    }
    if assessment.id.trim().is_empty() {
        found.error(Code::EmptyId, "/id", "the assessment has an empty id");
    }
    if assessment.organisation.id.trim().is_empty() {
        found.error(
            Code::EmptyId,
            "/organisation/id",
            "the organisation has an empty id",
        );
    }
    if assessment.framework.id != framework.id {
        found.error(
            Code::FrameworkIdMismatch,
            "/framework/id",
            format!(
                "the assessment was made against `{}`, not this framework `{}`; load that framework",
                assessment.framework.id, framework.id
            ),
        );
    } else if assessment.framework.version != framework.version {
        found.error(
            Code::FrameworkVersionMismatch,
            "/framework/version",
            format!(
                "the assessment was made against version {}, this framework is version {}; load that version",
                assessment.framework.version, framework.version
            ),
        );
    }
}

fn evidence(found: &mut Collector, resolved: &Resolved, assessment: &Assessment) {
    // Cited ids resolve to the first item with that id; an item is cited when its id is.
    let mut cited = vec![false; assessment.evidence.len()];
    for &item in resolved.cited.iter().flatten() {
        if let Some(mark) = cited.get_mut(item) {
            *mark = true;
        }
    }
    let assessed_on = assessment.assessed_on;
    // One walk of the flat list says whether any item names an unknown standard (in a valid
    // assessment none does), so the walk of each item's own list is only for reporting them.
    let unknown_standards = resolved.item_standards.iter().any(Option::is_none);
    for (i, item) in assessment.evidence.iter().enumerate() {
        let at = || format!("/evidence/{i}");
        let standards = resolved.item_standards(i);
        if unknown_standards {
            for (j, standard) in item.standards.iter().enumerate() {
                if standards.get(j).copied().flatten().is_none() {
                    found.error(
                        Code::UnknownStandard,
                        format!("{}/standards/{j}", at()),
                        format!("the framework has no standard `{standard}`"),
                    );
                }
            }
        }
        check_repeats(
            found,
            || format!("{}/standards", at()),
            &item.standards,
            standards,
        );
        if item.collected > assessed_on {
            found.error(
                Code::EvidenceFromFuture,
                format!("{}/collected", at()),
                format!(
                    "collected {} is after the assessment date {assessed_on}",
                    item.collected
                ),
            );
        }
        if let Some(expires) = item.expires.filter(|expires| *expires < item.collected) {
            found.error(
                Code::ExpiresBeforeCollected,
                format!("{}/expires", at()),
                format!(
                    "it expires {expires}, before it was collected {}",
                    item.collected
                ),
            );
        }
        match (&item.consent, item.kind, item.sensitivity) {
            (None, EvidenceKind::Testimony, _) => {
                found.error(
                    Code::TestimonyWithoutConsent,
                    at(),
                    "testimony is used only with the person's consent: record it in `consent.recorded_on`, or remove the item",
                );
            }
            (None, _, Sensitivity::Personal) => {
                found.warning(
                    Code::PersonalEvidenceWithoutConsent,
                    at(),
                    "this item is personal; record the person's consent in `consent.recorded_on`",
                );
            }
            (Some(consent), _, _) if consent.recorded_on > assessed_on => {
                found.error(
                    Code::ConsentAfterAssessment,
                    format!("{}/consent/recorded_on", at()),
                    format!(
                        "consent recorded {} is after the assessment date {assessed_on}, so it was not in place",
                        consent.recorded_on
                    ),
                );
            }
            _ => {}
        }
        if let Some(hash) = &item.sha256 {
            if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                found.error(
                    Code::InvalidSha256,
                    format!("{}/sha256", at()),
                    "sha256 must be 64 hex digits",
                );
            }
        }
        let is_cited = resolved
            .first_item
            .get(i)
            .and_then(|&first| cited.get(first))
            .copied()
            .unwrap_or(false);
        if item.standards.is_empty() && !is_cited {
            found.info(
                Code::UnusedEvidence,
                at(),
                "no standard lists or cites this item, so it counts for nothing",
            );
        }
    }
}

fn judgements(
    found: &mut Collector,
    framework: &Framework,
    index: &Index,
    resolved: &Resolved,
    assessment: &Assessment,
) {
    let max_level = index.max_level;
    // (standard, rater or none) pairs already judged: resolved pairs as one number, the few
    // with an unknown standard or rater (errors) by their ids.
    let slots = assessment.raters.len() + 1;
    let mut judged = Seen::new(framework.standards.len().saturating_mul(slots));
    let mut judged_unknown: HashSet<(&str, Option<&str>)> = HashSet::default();
    // As for evidence items' standards: one walk of the flat list of citations first.
    let unknown_evidence = resolved.cited.iter().any(Option::is_none);
    for (i, judgement) in assessment.judgements.iter().enumerate() {
        let at = || format!("/judgements/{i}");
        let resolved_standard = resolved.standard.get(i).copied().flatten();
        let resolved_rater = resolved.rater.get(i).copied().flatten();
        let standard = resolved_standard.and_then(|s| framework.standards.get(s));
        if standard.is_none() {
            found.error(
                Code::UnknownStandard,
                format!("{}/standard", at()),
                format!("the framework has no standard `{}`", judgement.standard),
            );
        }
        if let Some(rater) = judgement
            .rater
            .as_deref()
            .filter(|_| resolved_rater.is_none())
        {
            found.error(
                Code::UnknownRater,
                format!("{}/rater", at()),
                format!("no rater has id `{rater}`; add it to `raters`"),
            );
        }
        let cited = resolved.cited(i);
        if unknown_evidence {
            for (j, id) in judgement.evidence.iter().enumerate() {
                if cited.get(j).copied().flatten().is_none() {
                    found.error(
                        Code::UnknownEvidence,
                        format!("{}/evidence/{j}", at()),
                        format!("no evidence item has id `{id}`"),
                    );
                }
            }
        }
        check_repeats(
            found,
            || format!("{}/evidence", at()),
            &judgement.evidence,
            cited,
        );
        let first_time = match (resolved_standard, judgement.rater.is_some(), resolved_rater) {
            (Some(s), false, _) => judged.insert(s * slots),
            (Some(s), true, Some(r)) => judged.insert(s * slots + r + 1),
            _ => judged_unknown.insert((judgement.standard.as_str(), judgement.rater.as_deref())),
        };
        if !first_time {
            let whose = match &judgement.rater {
                None => "an agreed judgement".to_string(),
                Some(rater) => format!("a judgement by rater `{rater}`"),
            };
            found.error(
                Code::DuplicateJudgement,
                at(),
                format!(
                    "standard `{}` already has {whose}; keep one",
                    judgement.standard
                ),
            );
        }
        match judgement.rating {
            Rating::Level(level) if level < 0 || level.unsigned_abs() > max_level => {
                found.error(
                    Code::RatingOutOfRange,
                    format!("{}/rating", at()),
                    format!("ratings run from 0 to {max_level}"),
                );
                found
                    .context("rating", level)
                    .context("max_level", max_level);
            }
            Rating::Level(_) => {
                if let Some(standard) = standard {
                    if !applies(standard, assessment.organisation.structure) {
                        found.warning(
                            Code::RatingNotApplicable,
                            format!("{}/rating", at()),
                            "this standard applies only to formally constituted organisations, so the rating is not used",
                        );
                    }
                }
            }
            Rating::NotApplicable => {
                let justified = judgement
                    .justification
                    .as_deref()
                    .is_some_and(|text| !text.trim().is_empty());
                if !justified {
                    found.warning(
                        Code::NotApplicableWithoutJustification,
                        at(),
                        "say why the standard does not apply, in `justification`",
                    );
                }
            }
            Rating::NotAssessed => {}
        }
    }
}

/// Raters two or more levels apart on a standard they decide (spec 3.2).
fn disagreement(
    found: &mut Collector,
    framework: &Framework,
    gathered: &claims::Gathered,
    assessment: &Assessment,
) {
    let structure = assessment.organisation.structure;
    for (standard, judgements) in framework.standards.iter().zip(gathered.iter()) {
        if !applies(standard, structure) || !judgements.raters_decide() {
            continue;
        }
        let spread = judgements.spread();
        if spread >= 2 {
            let first = judgements
                .rater_levels
                .iter()
                .map(|(i, _)| *i)
                .min()
                .unwrap_or(0);
            // Most group assessments carry this warning, several times: joined from its
            // parts it costs about 800 instructions less than through `format!`.
            let mut number = itoa::Buffer::new();
            let path = ["/judgements/", number.format(first)].concat();
            found.warning(
                Code::RatersDisagree,
                path,
                [
                    "raters of `",
                    &standard.id,
                    "` are ",
                    number.format(spread),
                    " levels apart; talk it through and record an agreed judgement",
                ]
                .concat(),
            );
            found
                .context("standard", standard.id.as_str())
                .context("spread", spread);
        }
    }
}
