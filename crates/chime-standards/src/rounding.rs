//! Rounding (spec 3.10): numbers are rounded only as they are written into a report.

/// Rounds half away from zero to `decimals` places, on `x * 10^decimals` (spec 3.10).
///
/// ```
/// use chime_standards::round_to;
/// assert_eq!(round_to(41.25, 1), 41.3);
/// assert_eq!(round_to(-41.25, 1), -41.3);
/// assert_eq!(round_to(0.8125, 3), 0.813);
/// ```
pub fn round_to(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let rounded = (x * scale).round() / scale;
    if rounded == 0.0 {
        0.0 // never write -0.0
    } else {
        rounded
    }
}

/// Rounds a score (1 decimal).
pub(crate) fn score1(x: f64) -> f64 {
    round_to(x, 1)
}

/// Rounds a coverage, weight or point total (3 decimals).
pub(crate) fn ratio3(x: f64) -> f64 {
    round_to(x, 3)
}
