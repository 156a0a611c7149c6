//! Every id of an assessment resolved to an index once (issue 11, section 5): the standard
//! and rater of each judgement, the standards each evidence item lists, the items each
//! judgement cites, and the first item or rater holding each id. Validation and scoring
//! then work on indexes, with no string lookups of their own.

use std::cell::Cell;

use crate::assessment::Assessment;
use crate::id_table::{same, IdTable};
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

        let find_standard = |id: &String| index.standard(id);
        item_starts.clear();
        item_standards.clear();
        listed_by.clear();
        // Each entry and its owner are pushed in one loop: how long each list is follows no
        // pattern, and one loop's end is one guess for the processor to miss, not two.
        for (i, item) in items.iter().enumerate() {
            item_starts.push(item_standards.len());
            for id in &item.standards {
                item_standards.push(find_standard(id));
                listed_by.push(i);
            }
        }
        item_starts.push(item_standards.len());

        // One pass over the judgements, in the order their strings were read (and so, mostly,
        // laid out in memory), each judgement's standard, rater and cited items at once.
        // Judgements usually come a standard at a time in framework order, and raters take
        // turns: the last judgement's standard (then the next), and the rater after the last
        // (or the first), are tried before the tables. A guessed rater stands for the first
        // rater with its id, as a lookup finds.
        let standard_at = |s: usize| index.standard_id_at(s);
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
            for id in &judgement.evidence {
                cited.push(find_item(id));
                cited_for.push(its_standard);
            }
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
    guesses
        .into_iter()
        .find(|&at| id_at(at).is_some_and(|other| same(other, id)))
}

/// The `i`th run of `values`, as delimited by `starts`.
fn span<'a, T>(starts: &[usize], values: &'a [T], i: usize) -> &'a [T] {
    let (Some(&start), Some(&end)) = (starts.get(i), starts.get(i + 1)) else {
        return &[];
    };
    values.get(start..end).unwrap_or(&[])
}
