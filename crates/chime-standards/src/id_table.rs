//! Ids looked up by position: an open-addressing table from the ids of a list to the first
//! position holding each, and the equality it compares them with.
//!
//! [`same`] stands in for `str` equality, which calls `memcmp` for every pair of equal
//! length. Resolution compares about 270 short ids per assessment (standards, raters,
//! evidence); those calls took 8.5% of scoring's time, and comparing ids of up to 32 bytes
//! inline, as two or four overlapping words, removes them (benches/README.md, "Issue 11
//! section 5: fewer calls and fewer guesses").

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
    let word = |s: &[u8], at: usize| {
        s.get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map_or(0, u64::from_ne_bytes)
    };
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
