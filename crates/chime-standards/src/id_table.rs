//! Ids looked up by position: an open-addressing table from the ids of a list to the first
//! position holding each, a table for a fixed list (a framework's standards) where every id
//! has a slot of its own, and the equality both compare ids with.
//!
//! [`same`] stands in for `str` equality, which calls `memcmp` for every pair of equal
//! length. Resolution compares about 270 short ids per assessment (standards, raters,
//! evidence); those calls took 8.5% of scoring's time, and comparing ids of up to 32 bytes
//! inline, as two or four overlapping words, removes them (benches/README.md, "Issue 11
//! section 5: fewer calls and fewer guesses"). [`FixedTable`] stands in for the open-addressing
//! table where the list is the framework's, read about 80 times an assessment: one slot and
//! one comparison a lookup, where the general table hashed every byte and walked a probe (5%
//! of scoring's time).

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// An open-addressing table from the ids of a list to the first position holding each, which
/// keeps no borrow of the ids (they are read through a closure), so its buffer outlives them.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdTable {
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
    pub(crate) fn fill<'a>(
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
        for i in 0..n {
            let Some(id) = id_at(i) else {
                first.push(i);
                continue;
            };
            let found = match self.probe(id, &id_at) {
                Probe::Found(j) => j,
                Probe::Empty(slot) => {
                    if let Some(empty) = self.slots.get_mut(slot) {
                        *empty = u32::try_from(i + 1).unwrap_or(0);
                    }
                    i
                }
                Probe::Full => i,
            };
            first.push(found);
        }
    }

    /// The first position of `id`, reading the ids by position through `id_at`.
    pub(crate) fn find<'a>(
        &self,
        id: &str,
        id_at: impl Fn(usize) -> Option<&'a str>,
    ) -> Option<usize> {
        match self.probe(id, &id_at) {
            Probe::Found(j) => Some(j),
            Probe::Empty(_) | Probe::Full => None,
        }
    }

    /// Walks the slots from `id`'s hash to the position holding it or the first empty slot.
    fn probe<'a>(&self, id: &str, id_at: &impl Fn(usize) -> Option<&'a str>) -> Probe {
        let Some(mask) = self.slots.len().checked_sub(1) else {
            return Probe::Full;
        };
        let mut slot = IdTable::hash(id) & mask;
        // At most every slot once (the table is never full, but a bound costs nothing).
        for _ in 0..self.slots.len() {
            match self.slots.get(slot).copied() {
                Some(0) | None => return Probe::Empty(slot),
                Some(taken) => {
                    let j = taken as usize - 1;
                    if id_at(j).is_some_and(|other| same(other, id)) {
                        return Probe::Found(j);
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
        Probe::Full
    }
}

/// A table from a fixed list of ids to the first position of each, built once (for a
/// framework's standards) and read many times.
///
/// Every assessment looks up each standard that each evidence item lists, about 80 per
/// assessment; through [`IdTable`] those lookups took 5% of scoring's time, hashing every byte
/// of each id and walking a probe. Here a hash of an id's length and first and last 8 bytes,
/// with a multiplier chosen when the table is built so that no two ids of the list share a
/// slot, finds the one candidate, and one comparison settles it (benches/README.md, "Issue 11
/// section 5: one slot per standard, ids inline"). Lists no multiplier separates (ids that
/// agree in length and in their first and last 8 bytes, or very long lists) use an
/// [`IdTable`].
#[derive(Debug, Clone)]
pub(crate) enum FixedTable {
    /// Each id alone in its slot.
    Separated {
        /// The odd multiplier that separates the ids.
        multiplier: u64,
        /// How far the product is shifted down to a slot: 64 less log2 of the slots.
        shift: u32,
        /// Position + 1 of an id in each slot; 0 for an empty slot.
        slots: Vec<u32>,
    },
    /// The general table, for lists no multiplier separates.
    Probed(IdTable),
}

impl FixedTable {
    /// Multipliers tried for each table size, before the next size is tried.
    const TRIES: usize = 32;
    /// The most slots a separated table may have.
    const MOST_SLOTS: usize = 1 << 16;

    /// Indexes the `n` ids read by position through `id_at`.
    pub(crate) fn build<'a>(n: usize, id_at: impl Fn(usize) -> Option<&'a str>) -> FixedTable {
        let keys: Option<Vec<u64>> = (0..n).map(|i| id_at(i).map(key)).collect();
        // Positions are stored in a u32, and every id must be there to be written in a slot.
        if let (Some(keys), Ok(_)) = (keys, u32::try_from(n)) {
            if let Some(table) = Self::separate(&keys, &id_at) {
                return table;
            }
        }
        let mut probed = IdTable::default();
        probed.fill(n, id_at, &mut Vec::new());
        FixedTable::Probed(probed)
    }

    /// A table where each distinct id of `keys` (the ids' keys, by position) has a slot of its
    /// own, or `None` when no multiplier tried separates them.
    fn separate<'a>(keys: &[u64], id_at: &impl Fn(usize) -> Option<&'a str>) -> Option<FixedTable> {
        // Four slots per id or more: a random multiplier then separates 18 ids more than one
        // time in four, so a framework's table is found within a few tries. Ids that share a
        // key fail every try (each try stops at its first collision), and so do lists too long
        // for the largest table; both are left to the general table.
        let mut size = (4 * keys.len()).next_power_of_two().max(8);
        let mut multipliers = Multipliers(0x5EED);
        let mut slots = Vec::new();
        while size <= Self::MOST_SLOTS {
            let shift = 64 - size.trailing_zeros();
            for _ in 0..Self::TRIES {
                let multiplier = multipliers.next();
                slots.clear();
                slots.resize(size, 0u32);
                let separated = keys.iter().enumerate().all(|(i, &key)| {
                    let Some(slot) = slots.get_mut(slot_of(key, multiplier, shift)) else {
                        return false;
                    };
                    match *slot {
                        0 => {
                            *slot = u32::try_from(i + 1).unwrap_or(0);
                            true
                        }
                        // A repeat of an earlier id keeps the earlier's position.
                        taken => id_at(taken as usize - 1)
                            .zip(id_at(i))
                            .is_some_and(|(first, again)| same(first, again)),
                    }
                });
                if separated {
                    return Some(FixedTable::Separated {
                        multiplier,
                        shift,
                        slots,
                    });
                }
            }
            size *= 4;
        }
        None
    }

    /// The first position of `id`, reading the ids by position through `id_at`.
    #[inline]
    pub(crate) fn find<'a>(
        &self,
        id: &str,
        id_at: impl Fn(usize) -> Option<&'a str>,
    ) -> Option<usize> {
        match self {
            FixedTable::Separated {
                multiplier,
                shift,
                slots,
            } => {
                let taken = *slots.get(slot_of(key(id), *multiplier, *shift))?;
                let j = usize::try_from(taken.checked_sub(1)?).ok()?;
                id_at(j).filter(|other| same(other, id)).map(|_| j)
            }
            FixedTable::Probed(table) => table.find(id, id_at),
        }
    }
}

/// The slot of `key` in a table of `64 - shift` bits.
#[inline]
fn slot_of(key: u64, multiplier: u64, shift: u32) -> usize {
    usize::try_from(key.wrapping_mul(multiplier).checked_shr(shift).unwrap_or(0)).unwrap_or(0)
}

/// An id's length and first and last 8 bytes (all of it, if shorter), in one word.
#[inline]
fn key(id: &str) -> u64 {
    let id = id.as_bytes();
    let n = id.len();
    let (head, tail) = if n >= 8 {
        (word(id, 0), word(id, n - 8))
    } else {
        let mut short = [0u8; 8];
        if let Some(start) = short.get_mut(..n) {
            start.copy_from_slice(id);
        }
        (u64::from_le_bytes(short), 0)
    };
    (head ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ tail
}

/// The 8 bytes of `s` from `at`, or 0 past its end.
#[inline]
fn word(s: &[u8], at: usize) -> u64 {
    s.get(at..at + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Odd multipliers, from the SplitMix64 sequence: a fixed start, so a framework's table is the
/// same on every run.
struct Multipliers(u64);

impl Multipliers {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) | 1
    }
}

/// Where a probe of the table ended.
enum Probe {
    /// At the first position holding the id.
    Found(usize),
    /// At the empty slot where the id would go.
    Empty(usize),
    /// Nowhere: the table has no slots or no empty one.
    Full,
}

/// Whether two ids are equal, compared inline.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let half = |s: &[u8], at: usize| {
        s.get(at..at + 4)
            .and_then(|w| <[u8; 4]>::try_from(w).ok())
            .map_or(0, u32::from_ne_bytes)
    };
    match n {
        0 => true,
        // The first, middle and last bytes are every byte of an id this short.
        1..=3 => a.first() == b.first() && a.get(n / 2) == b.get(n / 2) && a.last() == b.last(),
        4..=7 => (half(a, 0) ^ half(b, 0)) | (half(a, n - 4) ^ half(b, n - 4)) == 0,
        8..=16 => (word(a, 0) ^ word(b, 0)) | (word(a, n - 8) ^ word(b, n - 8)) == 0,
        17..=32 => {
            (word(a, 0) ^ word(b, 0))
                | (word(a, 8) ^ word(b, 8))
                | (word(a, n - 16) ^ word(b, n - 16))
                | (word(a, n - 8) ^ word(b, n - 8))
                == 0
        }
        _ => a == b,
    }
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

    /// Every id of `ids` found at its first position, and `absent` found nowhere, as a linear
    /// search would say; returns whether the table separated the ids.
    fn check_fixed(ids: &[String], absent: &[String]) -> bool {
        let at = |i: usize| ids.get(i).map(String::as_str);
        let table = FixedTable::build(ids.len(), at);
        for id in ids.iter().chain(absent) {
            let first = ids.iter().position(|other| other == id);
            assert_eq!(table.find(id, at), first, "{id:?}");
        }
        matches!(table, FixedTable::Separated { .. })
    }

    #[test]
    fn the_fixed_table_finds_first_positions() {
        // A framework's worth of ids of every length from 1 to 40, a repeat, and ids that are
        // not there: other lengths, one byte changed at each end and in the middle, empty.
        let mut ids: Vec<String> = (1..=40)
            .map(|n| {
                (0..n)
                    .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                    .collect()
            })
            .collect();
        ids.push(ids.get(3).cloned().unwrap_or_default());
        let mut absent = vec![String::new(), "z".repeat(41)];
        for id in ids.iter().take(40) {
            for at in [0, id.len() / 2, id.len() - 1] {
                let mut changed = id.clone().into_bytes();
                if let Some(byte) = changed.get_mut(at) {
                    *byte = b'-';
                }
                absent.push(String::from_utf8(changed).unwrap_or_default());
            }
            absent.push(format!("{id}-"));
        }
        assert!(check_fixed(&ids, &absent));
        // No list at all.
        assert!(check_fixed(&[], &absent));
    }

    #[test]
    fn the_default_frameworks_standards_each_have_a_slot() {
        let engine = crate::Engine::default_framework();
        let ids: Vec<String> = engine
            .framework()
            .standards
            .iter()
            .map(|standard| standard.id.clone())
            .collect();
        assert!(check_fixed(&ids, &["c1-peer-support".to_string()]));
    }

    #[test]
    fn lists_the_hash_cannot_separate_use_the_probed_table() {
        // Same length, same first and last 8 bytes: one key for all, so one slot each is
        // impossible, and every id is still found.
        let ids: Vec<String> = (0..50)
            .map(|i| format!("standard-{i:03}-of-the-framework"))
            .collect();
        let absent = vec!["standard-999-of-the-framework".to_string()];
        assert!(!check_fixed(&ids, &absent));
        // Too many ids to separate within the table's size limit.
        let many: Vec<String> = (0..5_000).map(|i| format!("s{i}")).collect();
        assert!(!check_fixed(&many, &absent));
    }

    #[test]
    fn ids_compare_as_str_equality_does() {
        // Every length up to past the longest compared inline, and a change at each byte.
        for n in 0..=40usize {
            let id: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert!(same(&id, &id.clone()));
            for at in 0..n {
                let mut other = id.clone().into_bytes();
                if let Some(byte) = other.get_mut(at) {
                    *byte = b'-';
                }
                let other = String::from_utf8(other).unwrap_or_default();
                assert_eq!(same(&id, &other), id == other, "{id:?} and {other:?}");
            }
            let longer = format!("{id}z");
            assert!(!same(&id, &longer));
        }
    }
}
