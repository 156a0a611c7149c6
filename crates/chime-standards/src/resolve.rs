//! Every id of an assessment resolved to an index once (issue 11, section 5): the standard
//! and rater of each judgement, the standards each evidence item lists, the items each
//! judgement cites, and the first item or rater holding each id. Validation and scoring
//! then work on indexes, with no string lookups of their own.

use rustc_hash::FxHashMap as HashMap;

use crate::assessment::Assessment;
use crate::index::Index;

/// The ids of one assessment, resolved against the framework's index and against the
/// assessment's own raters and evidence. `None` marks an id that names nothing (validation
/// reports it).
#[derive(Debug)]
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
    /// For each judgement, where its resolved `evidence` starts in `cited` (one more entry
    /// than there are judgements).
    pub(crate) cited_starts: Vec<usize>,
    /// The `evidence` of every judgement, in order, each as an item index.
    pub(crate) cited: Vec<Option<usize>>,
}

impl Resolved {
    /// Resolves every id of `assessment` against the framework's `index`.
    pub(crate) fn new(index: &Index, assessment: &Assessment) -> Resolved {
        let mut raters: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(assessment.raters.len(), Default::default());
        let first_rater = assessment
            .raters
            .iter()
            .enumerate()
            .map(|(i, rater)| *raters.entry(rater.id.as_str()).or_insert(i))
            .collect();
        let mut items: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(assessment.evidence.len(), Default::default());
        let first_item = assessment
            .evidence
            .iter()
            .enumerate()
            .map(|(i, item)| *items.entry(item.id.as_str()).or_insert(i))
            .collect();

        let standard = |id: &String| index.standards.get(id).copied();
        // Room for two references per item and per judgement, without a pass to count them.
        let mut item_starts = Vec::with_capacity(assessment.evidence.len() + 1);
        let mut item_standards = Vec::with_capacity(2 * assessment.evidence.len());
        for item in &assessment.evidence {
            item_starts.push(item_standards.len());
            item_standards.extend(item.standards.iter().map(standard));
        }
        item_starts.push(item_standards.len());

        let judgements = &assessment.judgements;
        let mut cited_starts = Vec::with_capacity(judgements.len() + 1);
        let mut cited = Vec::with_capacity(2 * judgements.len());
        for judgement in judgements {
            cited_starts.push(cited.len());
            cited.extend(
                judgement
                    .evidence
                    .iter()
                    .map(|id| items.get(id.as_str()).copied()),
            );
        }
        cited_starts.push(cited.len());

        Resolved {
            standard: judgements.iter().map(|j| standard(&j.standard)).collect(),
            rater: judgements
                .iter()
                .map(|j| raters.get(j.rater.as_deref()?).copied())
                .collect(),
            first_rater,
            first_item,
            item_starts,
            item_standards,
            cited_starts,
            cited,
        }
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

/// The `i`th run of `values`, as delimited by `starts`.
fn span<'a, T>(starts: &[usize], values: &'a [T], i: usize) -> &'a [T] {
    let (Some(&start), Some(&end)) = (starts.get(i), starts.get(i + 1)) else {
        return &[];
    };
    values.get(start..end).unwrap_or(&[])
}
