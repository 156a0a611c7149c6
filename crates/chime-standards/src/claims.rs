//! Gathering the judgements of each standard and deciding the claimed level (spec 3.2).

use crate::assessment::{Assessment, Judgement, Rating};
use crate::index::Index;
use crate::resolve::Resolved;

/// The judgements of one standard.
#[derive(Debug, Default, Clone)]
pub(crate) struct Judgements {
    /// Index of the first agreed judgement (no rater) whose rating is not `null`.
    pub(crate) agreed: Option<usize>,
    /// Whole-number ratings by raters, with the index of each judgement.
    pub(crate) rater_levels: Vec<(usize, i32)>,
    /// Whether any rater said `"not_applicable"`.
    pub(crate) rater_not_applicable: bool,
}

/// What the judgements of a standard claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claim {
    NotAssessed,
    NotApplicable,
    Level(u32),
}

impl Judgements {
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
        claim_of(Rating::Level(lower_median(&self.rater_levels)))
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
pub(crate) fn gather(
    index: &Index,
    resolved: &Resolved,
    assessment: &Assessment,
) -> Vec<Judgements> {
    let mut gathered = vec![Judgements::default(); index.tags.len()];
    for ((i, judgement), standard) in assessment
        .judgements
        .iter()
        .enumerate()
        .zip(&resolved.standard)
    {
        let Some(entry) = standard.and_then(|s| gathered.get_mut(s)) else {
            continue;
        };
        match (&judgement.rater, judgement.rating) {
            (None, Rating::NotAssessed) => {}
            (None, _) => {
                entry.agreed.get_or_insert(i);
            }
            (Some(_), Rating::Level(level)) => entry.rater_levels.push((i, level)),
            (Some(_), Rating::NotApplicable) => entry.rater_not_applicable = true,
            (Some(_), Rating::NotAssessed) => {}
        }
    }
    gathered
}
