//! Working lists kept on each thread between assessments, so scoring a batch allocates each
//! of them once rather than once per assessment.
//!
//! Scoring fills lists that live only until the report is written: the judgements grouped
//! by standard, each item's evidence facts and each standard's tally, each standard's level,
//! the domains' exact sums, the raters' coincidence matrices and bitsets. Seven of them
//! run from 400 bytes to 2 KB for the default framework; three are over the size the
//! allocator keeps per-thread caches for, and the first such request after a parse makes it
//! merge every small block freed since. Taking them from here saved 0.3 to 0.4 µs of
//! scoring's 10 per assessment (benches/README.md, "Issue 11 section 5: working lists
//! kept"). The smallest lists (a few dozen bytes per domain) are left to the allocator's
//! cache. [`crate::resolve::Resolved`] keeps its own buffers the same way, as one struct.

use std::cell::Cell;
use std::thread::LocalKey;

/// A thread's spare list of `T`s; declare one with
/// `thread_local! { static NAME: Spare<T> = const { Spare::new(Vec::new()) }; }`.
pub(crate) type Spare<T> = Cell<Vec<T>>;

thread_local! {
    /// Bitsets (a word of 64 flags each), which the evidence tallies and the agreement's
    /// rater counts fill one after the other.
    pub(crate) static WORDS: Spare<u64> = const { Spare::new(Vec::new()) };
}

/// An empty list, with the capacity of the last one [given back](give) to `spare` on this
/// thread.
pub(crate) fn take<T: 'static>(spare: &'static LocalKey<Spare<T>>) -> Vec<T> {
    let mut list = spare.try_with(Cell::take).unwrap_or_default();
    list.clear();
    list
}

/// Keeps `list`'s buffer for the next [`take`] from `spare` on this thread.
pub(crate) fn give<T: 'static>(spare: &'static LocalKey<Spare<T>>, list: Vec<T>) {
    // A thread past its end has no spare to keep the list in; it is then dropped.
    let _ = spare.try_with(|slot| slot.set(list));
}
