//! Counting evidence for a standard (spec 3.3): which items count, which are current, and
//! how many points they earn.

use crate::assessment::{Assessment, Evidence, Source};
use crate::date::Date;
use crate::framework::EvidenceRules;
use crate::index::Index;

/// Whether an item is current on the assessment date.
///
/// Current: collected on or before `assessed_on`, not expired before it, and no older than
/// `max_age_days`.
pub fn is_current(item: &Evidence, assessed_on: Date, rules: &EvidenceRules) -> bool {
    item.collected <= assessed_on
        && item.expires.is_none_or(|expires| expires >= assessed_on)
        && assessed_on.days_since(item.collected) <= i64::from(rules.max_age_days)
}

/// Points an item earns by its source.
pub fn points(item: &Evidence, rules: &EvidenceRules) -> f64 {
    let weights = &rules.source_weights;
    match item.source {
        Source::Own => weights.own,
        Source::Peer => weights.peer,
        Source::External => weights.external,
    }
}

/// The evidence of one standard, before rounding.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Tally {
    pub(crate) current: u32,
    pub(crate) stale: u32,
    pub(crate) points: f64,
    pub(crate) independent: u32,
}

/// For each standard (framework order), the indexes of the evidence items that count for it,
/// each once: items that list the standard and items cited by a judgement of it.
pub(crate) fn items_per_standard(index: &Index, assessment: &Assessment) -> Vec<Vec<usize>> {
    let evidence_index: rustc_hash::FxHashMap<&str, usize> = assessment
        .evidence
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    let mut items = vec![Vec::new(); index.tags.len()];
    let mut link = |standard: &str, item: usize| {
        if let Some(list) = index
            .standards
            .get(standard)
            .and_then(|&s| items.get_mut(s))
        {
            list.push(item);
        }
    };
    for (i, item) in assessment.evidence.iter().enumerate() {
        for standard in &item.standards {
            link(standard, i);
        }
    }
    for judgement in &assessment.judgements {
        for cited in &judgement.evidence {
            if let Some(&i) = evidence_index.get(cited.as_str()) {
                link(&judgement.standard, i);
            }
        }
    }
    for list in &mut items {
        list.sort_unstable();
        list.dedup();
    }
    items
}

/// Tallies the given items.
pub(crate) fn tally(items: &[usize], assessment: &Assessment, rules: &EvidenceRules) -> Tally {
    let mut tally = Tally::default();
    for item in items.iter().filter_map(|&i| assessment.evidence.get(i)) {
        if is_current(item, assessment.assessed_on, rules) {
            tally.current += 1;
            tally.points += points(item, rules);
            if item.source != Source::Own {
                tally.independent += 1;
            }
        } else {
            tally.stale += 1;
        }
    }
    tally
}
