//! Exactly rounded sums without allocating for the usual few partials.
//!
//! The algorithm is Shewchuk's, as in Python's `math.fsum` and the `fsum` crate: the sum is
//! kept as a list of non-overlapping partials whose exact total is the exact sum of what was
//! added, and `value()` rounds that total once (half to even). The `fsum` crate keeps the
//! partials in a `Vec`, one allocation per sum and per copy; scoring keeps three sums per
//! domain and copies one per leverage candidate, so here the first [`INLINE`] partials live
//! inline and only sums that need more (rare: values of wildly different magnitudes) move to
//! the heap. Both give the same value to the last bit (tested against the `fsum` crate).

/// Partials held without allocating.
const INLINE: usize = 6;

/// An exactly rounded running sum (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct ExactSum {
    inline: [f64; INLINE],
    /// Partials in use, when inline.
    len: usize,
    /// Whether the partials outgrew the inline array: then they are all in `spilled`.
    on_heap: bool,
    spilled: Vec<f64>,
}

impl ExactSum {
    fn partials(&self) -> &[f64] {
        if self.on_heap {
            &self.spilled
        } else {
            self.inline.get(..self.len).unwrap_or(&[])
        }
    }

    /// Adds `x` (as `fsum::FSum::add`).
    pub(crate) fn add(&mut self, mut x: f64) {
        // The partials are rewritten in place: the `kept`th is written only after it is read.
        let partials = if self.on_heap {
            self.spilled.as_mut_slice()
        } else {
            self.inline.get_mut(..self.len).unwrap_or_default()
        };
        // The usual case, one partial and an exact sum: the general loop below would leave
        // the one partial `x + y`.
        if let [y] = partials {
            let hi = x + *y;
            let (big, small) = if x.abs() < y.abs() { (*y, x) } else { (x, *y) };
            if small - (hi - big) == 0.0 {
                *y = hi;
                return;
            }
        }
        let mut kept = 0;
        for i in 0..partials.len() {
            let Some(mut y) = partials.get(i).copied() else {
                break;
            };
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            // `hi + lo` is exactly `x + y`.
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                if let Some(slot) = partials.get_mut(kept) {
                    *slot = lo;
                }
                kept += 1;
            }
            x = hi;
        }
        self.truncate(kept);
        self.push(x);
    }

    fn truncate(&mut self, len: usize) {
        if self.on_heap {
            self.spilled.truncate(len);
        } else {
            self.len = self.len.min(len);
        }
    }

    fn push(&mut self, value: f64) {
        if self.on_heap {
            self.spilled.push(value);
        } else if let Some(slot) = self.inline.get_mut(self.len) {
            *slot = value;
            self.len += 1;
        } else {
            let mut spilled = Vec::with_capacity(2 * INLINE);
            spilled.extend_from_slice(&self.inline);
            spilled.push(value);
            self.spilled = spilled;
            self.on_heap = true;
        }
    }

    /// The sum, rounded once (as `fsum::FSum::value`).
    pub(crate) fn value(&self) -> f64 {
        let partials = self.partials();
        let Some((&top, rest)) = partials.split_last() else {
            return 0.0;
        };
        let mut total = top;
        let mut n = rest.len();
        // Sum the partials from the top, until the sum becomes inexact.
        while n > 0 {
            n -= 1;
            let old = total;
            let x = rest.get(n).copied().unwrap_or(0.0);
            total = old + x;
            if n == 0 {
                return total;
            }
            let error = x - (total - old);
            if error != 0.0 {
                // Half-even rounding across partials: the next partial down breaks the tie.
                let below = rest.get(n - 1).copied().unwrap_or(0.0);
                if (error < 0.0 && below < 0.0) || (error > 0.0 && below > 0.0) {
                    let y = error * 2.0;
                    let x = total + y;
                    if y == x - total {
                        return x;
                    }
                }
                return total;
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fsum::FSum;
    use proptest::prelude::*;

    fn both(values: &[f64]) -> (f64, f64) {
        let mut ours = ExactSum::default();
        let mut theirs = FSum::new();
        for &v in values {
            ours.add(v);
            theirs.add(v);
        }
        (ours.value(), theirs.value())
    }

    #[test]
    fn known_sums() {
        assert_eq!(both(&[]).0, 0.0);
        assert_eq!(both(&[0.1; 10]).0, 1.0);
        assert_eq!(
            both(&[1e-16, 1.0, 1e16]),
            (10000000000000002.0, 10000000000000002.0)
        );
        assert_eq!(
            both(&[1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]).0,
            1e-100
        );
        // Many partials: powers of two far apart spill to the heap.
        let spread: Vec<f64> = (0..40).map(|i| 2f64.powi(i * 60 - 1000)).collect();
        let (ours, theirs) = both(&spread);
        assert_eq!(ours.to_bits(), theirs.to_bits());
    }

    proptest! {
        #[test]
        fn agrees_with_the_fsum_crate(
            values in prop::collection::vec(
                prop_oneof![
                    -1e3f64..1e3,
                    (-1e3f64..1e3).prop_map(|v| v * 1e-20),
                    (-1e3f64..1e3).prop_map(|v| v * 1e20),
                    (0u32..4).prop_map(|k| [0.1, 0.25, 1.0 / 3.0, 2.0 / 3.0][k as usize]),
                ],
                0..60,
            )
        ) {
            let (ours, theirs) = both(&values);
            prop_assert_eq!(ours.to_bits(), theirs.to_bits());
        }
    }
}
