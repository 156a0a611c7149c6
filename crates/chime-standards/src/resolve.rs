//! Every id of an assessment resolved to an index once (issue 11, section 5): the standard
//! and rater of each judgement, the standards each evidence item lists, the items each
//! judgement cites, and the first item or rater holding each id. Validation and scoring
//! then work on indexes, with no string lookups of their own.

use std::cell::Cell;
use std::hash::Hasher;

use rustc_hash::FxHasher;

use crate::assessment::Assessment;
use crate::index::Index;

/// The ids of one assessment, resolved against the framework's index and against the
/// assessment's own raters and evidence. `None` marks an id that names nothing (validation
/// reports it).
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// For each judgement, the framework index of its standard.
    pub(crate) standard: Vec<Option<usize>>,
    /// For each judgement, the index of the first rater with its rater id (`None` also for
    /// an agreed judgement, which has no rater).
    pub(crate) rater: Vec<Option<usize>>,
    /// For each rater, the index of the first rater with the same id.
    pub(crate) first_rater: Vec<usize>,
    /// For each evidence item, the index of the first item with the same id.
    pub(crate) first_item: Vec<usize>,
    /// For each evidence item, where its resolved `standards` start in `item_standards`
    /// (one more entry than there are items).
    pub(crate) item_starts: Vec<usize>,
    /// The `standards` of every item, in order, each as a framework index.
    pub(crate) item_standards: Vec<Option<usize>>,
    /// For each entry of `item_standards`, the item that lists it: the spans of
    /// `item_starts` written out flat, so the evidence tallies walk one list, not one per item.
    pub(crate) listed_by: Vec<usize>,
    /// For each judgement, where its resolved `evidence` starts in `cited` (one more entry
    /// than there are judgements).
    pub(crate) cited_starts: Vec<usize>,
    /// The `evidence` of every judgement, in order, each as an item index.
    pub(crate) cited: Vec<Option<usize>>,
    /// For each entry of `cited`, the framework index of the citing judgement's standard
    /// (`standard` over the spans of `cited_starts`, written out flat for the same reason).
    pub(crate) cited_for: Vec<Option<usize>>,
    /// The lookup table of rater ids.
    rater_table: IdTable,
    /// The lookup table of evidence ids.
    item_table: IdTable,
}

/// An open-addressing table from the ids of a list to the first position holding each, which
/// keeps no borrow of the ids (they are read through a closure), so its buffer outlives them.
#[derive(Debug, Default)]
struct IdTable {
    /// Position + 1 of an id in each slot; 0 for an empty slot. A power of two long.
    slots: Vec<u32>,
}

impl IdTable {
    fn hash(id: &str) -> usize {
        let mut hasher = FxHasher::default();
        hasher.write(id.as_bytes());
        hasher.finish() as usize
    }

    /// Indexes the `n` ids read by position through `id_at`, and writes into `first` the
    /// first position of each one's id.
    fn fill<'a>(
        &mut self,
        n: usize,
        id_at: impl Fn(usize) -> Option<&'a str>,
        first: &mut Vec<usize>,
    ) {
        first.clear();
        self.slots.clear();
        // Positions are stored in a u32; past that (never within the input size limits) the
        // table stays empty and every id reads as its own first.
        if u32::try_from(n).is_err() {
            first.extend(0..n);
            return;
        }
        self.slots.resize((2 * n).next_power_of_two().max(8), 0);
        let mask = self.slots.len() - 1;
        for i in 0..n {
            let Some(id) = id_at(i) else {
                first.push(i);
                continue;
            };
            let mut slot = IdTable::hash(id) & mask;
            let found = loop {
                match self.slots.get(slot).copied() {
                    Some(0) | None => {
                        if let Some(empty) = self.slots.get_mut(slot) {
                            *empty = u32::try_from(i + 1).unwrap_or(0);
                        }
                        break i;
                    }
                    Some(taken) => {
                        let j = taken as usize - 1;
                        if id_at(j) == Some(id) {
                            break j;
                        }
                        slot = (slot + 1) & mask;
                    }
                }
            };
            first.push(found);
        }
    }

    /// The first position of `id`, reading the ids by position through `id_at`.
    fn find<'a>(&self, id: &str, id_at: impl Fn(usize) -> Option<&'a str>) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = IdTable::hash(id) & mask;
        loop {
            let taken = *self.slots.get(slot)?;
            if taken == 0 {
                return None;
            }
            let j = taken as usize - 1;
            if id_at(j) == Some(id) {
                return Some(j);
            }
            slot = (slot + 1) & mask;
        }
    }
}

thread_local! {
    /// The buffers of the last [`Resolved`] this thread dropped, to be filled again: scoring a
    /// batch then allocates none of them per assessment.
    static SPARE: Cell<Option<Resolved>> = const { Cell::new(None) };
}

impl Resolved {
    /// Resolves every id of `assessment` against the framework's `index`, in the buffers of
    /// the last one [recycled](Resolved::recycle) on this thread, if any.
    pub(crate) fn new(index: &Index, assessment: &Assessment) -> Resolved {
        let mut resolved = SPARE.with(Cell::take).unwrap_or_default();
        resolved.fill(index, assessment);
        resolved
    }

    /// Gives the buffers back for the next assessment scored on this thread.
    pub(crate) fn recycle(self) {
        SPARE.with(|spare| spare.set(Some(self)));
    }

    fn fill(&mut self, index: &Index, assessment: &Assessment) {
        let Resolved {
            standard,
            rater,
            first_rater,
            first_item,
            item_starts,
            item_standards,
            listed_by,
            cited_starts,
            cited,
            cited_for,
            rater_table,
            item_table,
        } = self;
        let raters = &assessment.raters;
        let items = &assessment.evidence;
        let judgements = &assessment.judgements;

        let rater_at = |i: usize| raters.get(i).map(|r| r.id.as_str());
        rater_table.fill(raters.len(), rater_at, first_rater);
        let item_at = |i: usize| items.get(i).map(|e| e.id.as_str());
        item_table.fill(items.len(), item_at, first_item);

        let find_standard = |id: &String| index.standards.get(id).copied();
        item_starts.clear();
        item_standards.clear();
        listed_by.clear();
        for (i, item) in items.iter().enumerate() {
            item_starts.push(item_standards.len());
            item_standards.extend(item.standards.iter().map(find_standard));
            listed_by.resize(item_standards.len(), i);
        }
        item_starts.push(item_standards.len());

        // One pass over the judgements, in the order their strings were read (and so, mostly,
        // laid out in memory), each judgement's standard, rater and cited items at once.
        // Judgements usually come a standard at a time in framework order, and raters take
        // turns: the last judgement's standard (then the next), and the rater after the last
        // (or the first), are tried before the tables. A guessed rater stands for the first
        // rater with its id, as a lookup finds.
        let standard_at = |s: usize| index.standard_ids.get(s).map(|id| &**id);
        let find_item = |id: &String| item_table.find(id, item_at);
        standard.clear();
        rater.clear();
        cited_starts.clear();
        cited.clear();
        cited_for.clear();
        let (mut last_standard, mut last_rater) = (None, None);
        for judgement in judgements {
            let guesses = last_standard.map_or([0, 1], |s: usize| [s, s + 1]);
            let its_standard = guess(guesses, &judgement.standard, standard_at)
                .or_else(|| find_standard(&judgement.standard));
            last_standard = its_standard.or(last_standard);
            standard.push(its_standard);

            let its_rater = judgement.rater.as_deref().and_then(|id| {
                let next = last_rater.map_or(0, |r: usize| r + 1);
                guess([next, 0], id, rater_at)
                    .and_then(|r| first_rater.get(r).copied())
                    .or_else(|| rater_table.find(id, rater_at))
            });
            last_rater = its_rater.or(last_rater);
            rater.push(its_rater);

            cited_starts.push(cited.len());
            cited.extend(judgement.evidence.iter().map(find_item));
            cited_for.resize(cited.len(), its_standard);
        }
        cited_starts.push(cited.len());
    }

    /// The resolved `standards` of evidence item `i`.
    pub(crate) fn item_standards(&self, i: usize) -> &[Option<usize>] {
        span(&self.item_starts, &self.item_standards, i)
    }

    /// The resolved `evidence` of judgement `i`.
    pub(crate) fn cited(&self, i: usize) -> &[Option<usize>] {
        span(&self.cited_starts, &self.cited, i)
    }
}

/// Which of the positions `guesses` holds `id` (reading the ids by position through
/// `id_at`): one or two comparisons where a list follows the order of the ids it names.
/// `None` says only that every guess failed.
fn guess<'a>(
    guesses: [usize; 2],
    id: &str,
    id_at: impl Fn(usize) -> Option<&'a str>,
) -> Option<usize> {
    guesses.into_iter().find(|&at| id_at(at) == Some(id))
}

/// The `i`th run of `values`, as delimited by `starts`.
fn span<'a, T>(starts: &[usize], values: &'a [T], i: usize) -> &'a [T] {
    let (Some(&start), Some(&end)) = (starts.get(i), starts.get(i + 1)) else {
        return &[];
    };
    values.get(start..end).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_table_finds_first_positions() {
        // Enough ids for long probe chains, with repeats and one empty id.
        let mut ids: Vec<String> = (0..300).map(|i| format!("e{i}")).collect();
        ids.extend(["e7", "", "e299", "e7", ""].map(String::from));
        let at = |i: usize| ids.get(i).map(String::as_str);
        let mut table = IdTable::default();
        let mut first = Vec::new();
        table.fill(ids.len(), at, &mut first);
        let expected: Vec<usize> = ids
            .iter()
            .map(|id| {
                ids.iter()
                    .position(|other| other == id)
                    .unwrap_or(usize::MAX)
            })
            .collect();
        assert_eq!(first, expected);
        assert_eq!(table.find("e7", at), Some(7));
        assert_eq!(table.find("", at), Some(301));
        assert_eq!(table.find("e300", at), None);
        // Refilled for another list, nothing of the first is left.
        let other = ["r1".to_string(), "r1".to_string()];
        let at = |i: usize| other.get(i).map(String::as_str);
        table.fill(other.len(), at, &mut first);
        assert_eq!(first, [0, 0]);
        assert_eq!(table.find("e7", at), None);
    }
}
