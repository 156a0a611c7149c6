//! One small stable sort for the few lists the engine puts in order.
//!
//! The standard library's sorts are fast, but each element type and comparison gets its own
//! copy of several kilobytes of code, which adds up in the WebAssembly module (16 KB for the
//! four sorts below). The engine sorts short lists: a standard's evidence, its raters'
//! levels, leverage gains, and a cohort's scores (the longest, one per report), so a plain
//! merge sort, O(n log n) with n slots of scratch beyond 16 items, serves them all.

/// Runs this short are sorted in place by insertion, so most of the engine's lists (a few
/// levels, a few dozen evidence items) need no scratch memory at all.
const RUN: usize = 16;

/// Sorts `items` stably: `less(a, b)` says whether `a` goes before `b`; equal items keep their
/// order.
pub(crate) fn sort_by<T: Copy>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for run in items.chunks_mut(RUN) {
        insertion_sort(run, &less);
    }
    if items.len() <= RUN {
        return;
    }
    let mut merged: Vec<T> = Vec::with_capacity(items.len());
    let mut width = RUN;
    // Bottom-up: merge neighbouring sorted runs of `width` items into runs of twice that.
    while width < items.len() {
        for run in items.chunks_mut(2 * width) {
            if run.len() <= width {
                continue; // a lone run at the end is sorted already
            }
            merged.clear();
            let (left, right) = run.split_at(width);
            let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
            while let (Some(a), Some(b)) = (left.peek(), right.peek()) {
                // Take from the right only when strictly before: that keeps the sort stable.
                let next = if less(b, a) {
                    right.next()
                } else {
                    left.next()
                };
                merged.extend(next.copied());
            }
            merged.extend(left.copied());
            merged.extend(right.copied());
            run.copy_from_slice(&merged);
        }
        width *= 2;
    }
}

/// Moves each item left past the items it goes strictly before (stable, in place).
fn insertion_sort<T>(items: &mut [T], less: &impl Fn(&T, &T) -> bool) {
    for end in 1..items.len() {
        let mut at = end;
        while let (Some(before), Some(item)) = (items.get(at.wrapping_sub(1)), items.get(at)) {
            if !less(item, before) {
                break;
            }
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_library_and_keeps_ties_in_order(
            keys in proptest::collection::vec(0u8..8, 0..200)
        ) {
            // Few distinct keys, so most items tie; the position tells their order apart.
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std = ours.clone();
            sort_by(&mut ours, |a, b| a.0 < b.0);
            std.sort_by_key(|item| item.0);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn sorts_floats_by_total_order_and_descending_on_request() {
        let mut scores: [f64; 6] = [3.5, -0.0, 0.0, 100.0, 1e-9, 42.0];
        sort_by(&mut scores, |a, b| a.total_cmp(b).is_lt());
        assert_eq!(
            scores.map(f64::to_bits),
            [-0.0, 0.0, 1e-9, 3.5, 42.0, 100.0].map(f64::to_bits)
        );
        sort_by(&mut scores, |a, b| b < a);
        assert_eq!(scores[0], 100.0);
    }
}
