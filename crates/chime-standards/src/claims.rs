//! Gathering the judgements of each standard and deciding the claimed level (spec 3.2).

use crate::assessment::{Assessment, Judgement, Rating};
use crate::index::Index;
use crate::resolve::Resolved;
use crate::spare::{self, Spare};

thread_local! {
    static LEVELS: Spare<(usize, i32)> = const { Spare::new(Vec::new()) };
    static ENTRIES: Spare<Entry> = const { Spare::new(Vec::new()) };
}

/// The judgements of one standard: a view into [`Gathered`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Judgements<'a> {
    /// Index of the first agreed judgement (no rater) whose rating is not `null`.
    pub(crate) agreed: Option<usize>,
    /// Whole-number ratings by raters, with the index of each judgement, in judgement order.
    pub(crate) rater_levels: &'a [(usize, i32)],
    /// Whether any rater said `"not_applicable"`.
    pub(crate) rater_not_applicable: bool,
}

/// The judgements of every standard of the framework, in framework order: the raters'
/// levels of all standards in one list, each standard's a run of it.
#[derive(Debug, Default)]
pub(crate) struct Gathered {
    levels: Vec<(usize, i32)>,
    standards: Vec<Entry>,
}

/// One standard's part of [`Gathered`].
#[derive(Debug, Default, Clone, Copy)]
struct Entry {
    agreed: Option<usize>,
    start: usize,
    end: usize,
    rater_not_applicable: bool,
}

impl Gathered {
    /// Gives the lists back for the next assessment gathered on this thread.
    pub(crate) fn recycle(self) {
        spare::give(&LEVELS, self.levels);
        spare::give(&ENTRIES, self.standards);
    }

    /// The judgements of standard `s`.
    pub(crate) fn get(&self, s: usize) -> Option<Judgements<'_>> {
        self.standards.get(s).map(|entry| self.view(entry))
    }

    /// The judgements of every standard, in framework order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Judgements<'_>> + '_ {
        self.standards.iter().map(|entry| self.view(entry))
    }

    fn view(&self, entry: &Entry) -> Judgements<'_> {
        Judgements {
            agreed: entry.agreed,
            rater_levels: self.levels.get(entry.start..entry.end).unwrap_or(&[]),
            rater_not_applicable: entry.rater_not_applicable,
        }
    }
}

/// What the judgements of a standard claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claim {
    NotAssessed,
    NotApplicable,
    Level(u32),
}

impl Judgements<'_> {
    /// The claimed level: the agreed judgement wins; otherwise the raters' lower median.
    ///
    /// An agreed judgement whose rating is `null` records no decision, so the raters decide.
    pub(crate) fn claim(&self, judgements: &[Judgement]) -> Claim {
        if let Some(rating) = self
            .agreed
            .and_then(|i| judgements.get(i))
            .map(|judgement| judgement.rating)
        {
            return claim_of(rating);
        }
        if self.rater_levels.is_empty() {
            return if self.rater_not_applicable {
                Claim::NotApplicable
            } else {
                Claim::NotAssessed
            };
        }
        claim_of(Rating::Level(lower_median(self.rater_levels)))
    }

    /// Whether the raters, not an agreed judgement, decide the claim.
    pub(crate) fn raters_decide(&self) -> bool {
        self.agreed.is_none()
    }

    /// Highest minus lowest rater level (0 below two ratings).
    pub(crate) fn spread(&self) -> u32 {
        let levels = self.rater_levels.iter().map(|(_, level)| *level);
        match (levels.clone().min(), levels.max()) {
            (Some(low), Some(high)) => high.abs_diff(low),
            _ => 0,
        }
    }
}

/// The lower median of the levels (not empty): on the stack for the few raters a standard
/// usually has.
fn lower_median(rated: &[(usize, i32)]) -> i32 {
    const FEW: usize = 16;
    let rank = (rated.len() - 1) / 2;
    let pick = |levels: &mut [i32]| {
        levels.sort_unstable();
        levels.get(rank).copied().unwrap_or(0)
    };
    if rated.len() <= FEW {
        let mut levels = [0i32; FEW];
        for (slot, (_, level)) in levels.iter_mut().zip(rated) {
            *slot = *level;
        }
        pick(levels.get_mut(..rated.len()).unwrap_or_default())
    } else {
        pick(&mut rated.iter().map(|(_, level)| *level).collect::<Vec<_>>())
    }
}

fn claim_of(rating: Rating) -> Claim {
    match rating {
        Rating::NotAssessed => Claim::NotAssessed,
        Rating::NotApplicable => Claim::NotApplicable,
        // Validation has refused levels outside the scale before scoring.
        Rating::Level(level) => u32::try_from(level).map_or(Claim::NotAssessed, Claim::Level),
    }
}

/// Groups the assessment's judgements by standard, in framework order.
///
/// Judgements of unknown standards and second judgements of one kind are skipped here;
/// validation reports them.
pub(crate) fn gather(index: &Index, resolved: &Resolved, assessment: &Assessment) -> Gathered {
    let mut standards = spare::take(&ENTRIES);
    standards.resize(index.tags.len(), Entry::default());
    let rated = |rating: Rating| match rating {
        Rating::Level(level) => Some(level),
        _ => None,
    };
    // First the flags and how many levels each standard has, then the levels in place
    // (a counting sort, so each standard's levels stay in judgement order).
    let mut count = 0;
    for ((i, judgement), standard) in assessment
        .judgements
        .iter()
        .enumerate()
        .zip(&resolved.standard)
    {
        let Some(entry) = standard.and_then(|s| standards.get_mut(s)) else {
            continue;
        };
        match (&judgement.rater, judgement.rating) {
            (None, Rating::NotAssessed) => {}
            (None, _) => {
                entry.agreed.get_or_insert(i);
            }
            (Some(_), Rating::Level(_)) => {
                entry.end += 1;
                count += 1;
            }
            (Some(_), Rating::NotApplicable) => entry.rater_not_applicable = true,
            (Some(_), Rating::NotAssessed) => {}
        }
    }
    let mut next = 0;
    for entry in &mut standards {
        entry.start = next;
        next += entry.end;
        entry.end = entry.start;
    }
    let mut levels = spare::take(&LEVELS);
    levels.resize(count, (0, 0));
    for ((i, judgement), standard) in assessment
        .judgements
        .iter()
        .enumerate()
        .zip(&resolved.standard)
    {
        let (Some(entry), Some(_), Some(level)) = (
            standard.and_then(|s| standards.get_mut(s)),
            &judgement.rater,
            rated(judgement.rating),
        ) else {
            continue;
        };
        if let Some(slot) = levels.get_mut(entry.end) {
            *slot = (i, level);
        }
        entry.end += 1;
    }
    Gathered { levels, standards }
}
