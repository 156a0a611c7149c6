//! Counting evidence for a standard (spec 3.3): which items count, which are current, and
//! how many points they earn.
//!
//! Assessments too large for the bitset of (standard, item) pairs put the pairs in order with
//! a counting sort of our own rather than `sort_unstable`: the keys are small dense indexes,
//! so it is linear where a sort is n log n, and it keeps an 8 KB quicksort of pairs out of the
//! WebAssembly module, which has only a few KB left of its budget (benches/README.md, "Issue 11
//! section 5: one slot per standard, ids inline").

use crate::assessment::{Assessment, Evidence, Source};
use crate::date::Date;
use crate::framework::EvidenceRules;
use crate::resolve::Resolved;
use crate::spare::{self, Spare};

thread_local! {
    static FACTS: Spare<Fact> = const { Spare::new(Vec::new()) };
    static TALLIES: Spare<Tally> = const { Spare::new(Vec::new()) };
}

/// Gives a list [`tallies`] returned back, for the next assessment on this thread.
pub(crate) fn recycle(tallies: Vec<Tally>) {
    spare::give(&TALLIES, tallies);
}

/// Whether an item is current on the assessment date.
///
/// Current: collected on or before `assessed_on`, not expired before it, and no older than
/// `max_age_days`.
pub fn is_current(item: &Evidence, assessed_on: Date, rules: &EvidenceRules) -> bool {
    current_from(item, assessed_on, earliest_current(assessed_on, rules))
}

/// The rule of [`is_current`], with the age limit as a date: `earliest` is the first day an
/// item may be collected on to be current, `None` when that day would be before year 1 (then
/// every date is late enough). A tally works it out once per assessment, not once per item.
fn current_from(item: &Evidence, assessed_on: Date, earliest: Option<Date>) -> bool {
    item.collected <= assessed_on
        && item.expires.is_none_or(|expires| expires >= assessed_on)
        && earliest.is_none_or(|earliest| item.collected >= earliest)
}

/// The first day of [`current_from`].
fn earliest_current(assessed_on: Date, rules: &EvidenceRules) -> Option<Date> {
    assessed_on.add_days(-i64::from(rules.max_age_days))
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

/// What one item brings to every standard it counts for, worked out once per item, as the
/// amounts it adds to each count: adding them takes no branch on the item, which the
/// processor could not predict (items come current and stale, own and independent, in any
/// order).
#[derive(Clone, Copy)]
struct Fact {
    /// 1 when the item is current, else 0.
    current: u32,
    /// Its points when current, else 0 (adding 0 leaves a sum of points as it was).
    points: f64,
    /// 1 when the item is current and independent, else 0.
    independent: u32,
}

impl Fact {
    fn new(current: bool, points: f64, independent: bool) -> Fact {
        Fact {
            current: u32::from(current),
            points: if current { points } else { 0.0 },
            independent: u32::from(current && independent),
        }
    }
}

impl Tally {
    fn add(&mut self, fact: Fact) {
        self.current += fact.current;
        self.stale += 1 - fact.current;
        self.points += fact.points;
        self.independent += fact.independent;
    }
}

/// Bits up to which [`tallies`] marks (standard, item) pairs in a bitset; beyond it, the
/// pairs are sorted instead.
const MAX_PAIR_BITS: usize = 1 << 19;

/// For each of the framework's `standards` (framework order), the tally of the evidence items
/// that count for it, each once and in item order: items that list the standard and items
/// cited by a judgement of it.
pub(crate) fn tallies(
    standards: usize,
    resolved: &Resolved,
    assessment: &Assessment,
    rules: &EvidenceRules,
) -> Vec<Tally> {
    tallies_with_limit(standards, resolved, assessment, rules, MAX_PAIR_BITS)
}

fn tallies_with_limit(
    standards: usize,
    resolved: &Resolved,
    assessment: &Assessment,
    rules: &EvidenceRules,
    limit: usize,
) -> Vec<Tally> {
    let assessed_on = assessment.assessed_on;
    let earliest = earliest_current(assessed_on, rules);
    let mut facts = spare::take(&FACTS);
    facts.extend(assessment.evidence.iter().map(|item| {
        Fact::new(
            current_from(item, assessed_on, earliest),
            points(item, rules),
            item.source != Source::Own,
        )
    }));
    let mut tallies = spare::take(&TALLIES);
    tallies.resize(standards, Tally::default());
    let words = facts.len().div_ceil(64);
    if standards.saturating_mul(words).saturating_mul(64) <= limit {
        let mut bits = spare::take(&spare::WORDS);
        bits.resize(standards * words, 0);
        pairs(resolved, |s, i| {
            if let Some(word) = bits.get_mut(s * words + i / 64) {
                *word |= 1u64 << (i % 64);
            }
        });
        for (tally, row) in tallies.iter_mut().zip(bits.chunks(words.max(1))) {
            // Counted in a local, which stays in registers, then written once.
            let mut counted = Tally::default();
            for (w, &word) in row.iter().enumerate() {
                let mut word = word;
                while word != 0 {
                    let i = w * 64 + word.trailing_zeros() as usize;
                    word &= word - 1;
                    if let Some(&fact) = facts.get(i) {
                        counted.add(fact);
                    }
                }
            }
            *tally = counted;
        }
        spare::give(&spare::WORDS, bits);
    } else {
        // Too many pairs for the bitset: the pairs themselves, in (standard, item) order and
        // each once. Standards and items are small dense numbers, so two counting sorts put
        // them in order in time linear in the pairs, by item and then (keeping that order) by
        // standard.
        let mut listed: Vec<(usize, usize)> = Vec::new();
        pairs(resolved, |s, i| {
            if s < standards && i < facts.len() {
                listed.push((s, i));
            }
        });
        let by_item = counting_sort(&listed, facts.len(), |&(_, i)| i);
        let mut ordered = counting_sort(&by_item, standards, |&(s, _)| s);
        ordered.dedup();
        for (s, i) in ordered {
            if let (Some(tally), Some(&fact)) = (tallies.get_mut(s), facts.get(i)) {
                tally.add(fact);
            }
        }
    }
    spare::give(&FACTS, facts);
    tallies
}

/// `values` in the order of `key`, each below `keys`, those with equal keys in the order
/// they came: a counting sort. (Values whose key is out of range are left out.)
fn counting_sort(
    values: &[(usize, usize)],
    keys: usize,
    key: impl Fn(&(usize, usize)) -> usize,
) -> Vec<(usize, usize)> {
    // For each key, where its values start in the output, then where the next one goes.
    let mut next = vec![0usize; keys];
    for value in values {
        if let Some(count) = next.get_mut(key(value)) {
            *count += 1;
        }
    }
    let mut start = 0;
    for slot in &mut next {
        let count = *slot;
        *slot = start;
        start += count;
    }
    let mut sorted = vec![(0, 0); start];
    for value in values {
        if let Some(at) = next.get_mut(key(value)) {
            if let Some(place) = sorted.get_mut(*at) {
                *place = *value;
            }
            *at += 1;
        }
    }
    sorted
}

/// Gives `each` every (standard, item) pair, repeats included: items that list a standard,
/// then items cited by a judgement of one. The pairs are read from resolution's flat lists,
/// one entry each, rather than list by list: how long each list is follows no pattern a
/// processor predicts.
fn pairs(resolved: &Resolved, mut each: impl FnMut(usize, usize)) {
    for (standard, &item) in resolved.item_standards.iter().zip(&resolved.listed_by) {
        if let Some(standard) = *standard {
            each(standard, item);
        }
    }
    for (standard, item) in resolved.cited_for.iter().zip(&resolved.cited) {
        if let (Some(standard), Some(item)) = (*standard, *item) {
            each(standard, item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::index::Index;

    /// The age limit as a date gives what counting days gives (spec 3.3: no older than
    /// `max_age_days`), on every day around the limit and the expiry, and with limits that
    /// reach before year 1.
    #[test]
    fn the_age_limit_as_a_date_is_the_day_count() {
        let engine = Engine::default_framework();
        let mut rules = engine.framework().scoring.evidence.clone();
        let mut item = crate::synthetic_assessment(engine.framework(), 1, 0)
            .evidence
            .remove(0);
        let day = |text: &str| text.parse::<Date>().unwrap();
        for (assessed_on, max_age) in [
            (day("2026-03-01"), 365),
            (day("2024-03-01"), 366),
            (day("0002-01-01"), 400),
            (day("0001-01-01"), 0),
            (day("2026-11-30"), u32::MAX),
        ] {
            rules.max_age_days = max_age;
            let earliest = earliest_current(assessed_on, &rules);
            for back in -3..(i64::from(max_age.min(800)) + 3) {
                let Some(collected) = assessed_on.add_days(-back) else {
                    continue;
                };
                for expires in [None, assessed_on.add_days(-1), Some(assessed_on)] {
                    item.collected = collected;
                    item.expires = expires;
                    let by_day_count = item.collected <= assessed_on
                        && item.expires.is_none_or(|expires| expires >= assessed_on)
                        && assessed_on.days_since(item.collected) <= i64::from(max_age);
                    assert_eq!(
                        current_from(&item, assessed_on, earliest),
                        by_day_count,
                        "{assessed_on} {max_age} {collected} {expires:?}"
                    );
                    assert_eq!(is_current(&item, assessed_on, &rules), by_day_count);
                }
            }
        }
    }

    /// The counting sort orders as the standard library's stable sort by the same key, and
    /// leaves out what has no key in range.
    #[test]
    fn the_counting_sort_is_a_stable_sort() {
        let values: Vec<(usize, usize)> = (0..500).map(|n| (n * 7919 % 13, n)).collect();
        let mut expected = values.clone();
        expected.sort_by_key(|&(key, _)| key);
        assert_eq!(counting_sort(&values, 13, |&(key, _)| key), expected);
        expected.retain(|&(key, _)| key < 5);
        assert_eq!(counting_sort(&values, 5, |&(key, _)| key), expected);
        assert!(counting_sort(&values, 0, |&(key, _)| key).is_empty());
    }

    /// The bitset and the sorted pairs count the same items, in the same order.
    #[test]
    fn bitset_and_sorted_pairs_agree() {
        let engine = Engine::default_framework();
        let framework = engine.framework();
        let index = Index::build(framework);
        let rules = &framework.scoring.evidence;
        for seed in 0..20 {
            let mut assessment = crate::synthetic_assessment(framework, 7, seed);
            if let (Some(first), Some(last)) = (
                assessment.evidence.first().map(|e| e.id.clone()),
                assessment.judgements.last_mut(),
            ) {
                last.evidence.push(first.clone());
                last.evidence.push(first);
            }
            let resolved = Resolved::new(&index, &assessment);
            let n = framework.standards.len();
            let bits = tallies_with_limit(n, &resolved, &assessment, rules, usize::MAX);
            let sorted = tallies_with_limit(n, &resolved, &assessment, rules, 0);
            assert_eq!(bits, sorted, "seed {seed}");
            assert!(bits.iter().any(|t| t.current + t.stale > 0));
        }
    }
}
