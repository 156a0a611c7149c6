//! Sine and cosine for the radar chart's angles.
//!
//! `f64::sin` and `f64::cos` come from the platform's maths library: glibc natively, and on
//! WebAssembly a port of musl's that adds about 7 KB to the module (most of it range reduction
//! for huge arguments). The chart only needs angles within a few turns of zero, and coordinates
//! to two decimals, so a short polynomial does, and gives the same digits on every platform.

use std::f64::consts::FRAC_PI_2;

/// `(sin x, cos x)`, accurate to a few units in the last place for `|x|` up to a few turns.
pub(crate) fn sin_cos(x: f64) -> (f64, f64) {
    // x = quarter * π/2 + r with |r| <= π/4, where the Taylor series converge fast: the first
    // omitted terms are below 1e-16.
    let quarter = (x / FRAC_PI_2).round();
    let r = x - quarter * FRAC_PI_2;
    let (sin, cos) = (sin_near_zero(r), cos_near_zero(r));
    // `quarter` is a small whole number; rem_euclid maps negative turns onto 0..4.
    match quarter.rem_euclid(4.0) as u8 {
        0 => (sin, cos),
        1 => (cos, -sin),
        2 => (-sin, -cos),
        _ => (-cos, sin),
    }
}

/// Taylor series of sine for |r| <= π/4, evaluated by Horner's rule.
fn sin_near_zero(r: f64) -> f64 {
    let r2 = r * r;
    let mut sum = 0.0;
    // Coefficients of r^(2k+1) / (2k+1)! for k = 8 down to 1, as a running product.
    for k in (1..=8u32).rev() {
        let denominator = f64::from((2 * k) * (2 * k + 1));
        sum = r2 / denominator * (1.0 - sum);
    }
    r * (1.0 - sum)
}

/// Taylor series of cosine for |r| <= π/4, evaluated by Horner's rule.
fn cos_near_zero(r: f64) -> f64 {
    let r2 = r * r;
    let mut sum = 0.0;
    for k in (1..=8u32).rev() {
        let denominator = f64::from((2 * k - 1) * (2 * k));
        sum = r2 / denominator * (1.0 - sum);
    }
    1.0 - sum
}

#[cfg(test)]
mod tests {
    use super::sin_cos;
    use std::f64::consts::PI;

    #[test]
    fn agrees_with_the_platform_library_over_several_turns() {
        let mut worst: f64 = 0.0;
        for i in -4000..=4000 {
            let x = f64::from(i) * PI / 1000.0 + 0.000_123;
            let (sin, cos) = sin_cos(x);
            worst = worst.max((sin - x.sin()).abs()).max((cos - x.cos()).abs());
        }
        assert!(worst < 1e-14, "largest difference {worst:e}");
    }

    #[test]
    fn exact_at_the_quarter_turns() {
        assert_eq!(sin_cos(0.0), (0.0, 1.0));
        let (sin, cos) = sin_cos(-PI / 2.0);
        assert_eq!((sin, cos.abs()), (-1.0, 0.0));
        let (sin, cos) = sin_cos(PI);
        assert_eq!((sin.abs(), cos), (0.0, -1.0));
    }
}
