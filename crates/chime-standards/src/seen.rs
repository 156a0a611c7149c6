//! A set of small numbers (indexes): a bitset while the numbers are bounded by a modest
//! size, a hash set beyond it, so that hostile sizes stay linear in memory.

use rustc_hash::FxHashSet as HashSet;

/// Bits up to which [`Seen`] is a bitset (64 KiB of bits); beyond it, a hash set.
const MAX_BITS: usize = 1 << 19;

/// Which numbers below a bound have been seen.
#[derive(Debug)]
pub(crate) enum Seen {
    /// One bit per number.
    Bits(Vec<u64>),
    /// The numbers seen, for a large bound.
    Set(HashSet<usize>),
}

impl Seen {
    /// An empty set for numbers below `bound`.
    pub(crate) fn new(bound: usize) -> Seen {
        Seen::with_limit(bound, MAX_BITS)
    }

    /// As [`Seen::new`], a bitset only up to `limit` bits (tests use both kinds).
    pub(crate) fn with_limit(bound: usize, limit: usize) -> Seen {
        if bound <= limit {
            Seen::Bits(vec![0; bound.div_ceil(64)])
        } else {
            Seen::Set(HashSet::default())
        }
    }

    /// Adds `n`; whether it was new. A number beyond a bitset's bound is never new.
    pub(crate) fn insert(&mut self, n: usize) -> bool {
        match self {
            Seen::Bits(words) => {
                let Some(word) = words.get_mut(n / 64) else {
                    return false;
                };
                let bit = 1u64 << (n % 64);
                let new = *word & bit == 0;
                *word |= bit;
                new
            }
            Seen::Set(set) => set.insert(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_kinds_answer_alike() {
        for limit in [0, 1 << 10] {
            let mut seen = Seen::with_limit(200, limit);
            let answers: Vec<bool> = [0, 63, 64, 199, 0, 64, 5, 199]
                .iter()
                .map(|&n| seen.insert(n))
                .collect();
            assert_eq!(
                answers,
                [true, true, true, true, false, false, true, false],
                "limit {limit}"
            );
        }
    }
}
