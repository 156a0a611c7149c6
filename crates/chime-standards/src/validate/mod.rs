//! Validation (spec section 5): every problem at once, each with a stable code, a severity
//! and a JSON Pointer.

mod assessment;
mod framework;

pub(crate) use assessment::assessment;
pub(crate) use framework::framework;

use std::collections::HashSet;

use crate::diagnostic::{Code, Collector};

/// Reports empty and repeated ids among `ids`, whose JSON Pointers are `{prefix}/{i}/id`.
fn check_ids<'a>(
    found: &mut Collector,
    prefix: &str,
    what: &str,
    ids: impl IntoIterator<Item = &'a str>,
) {
    let mut seen = HashSet::new();
    for (i, id) in ids.into_iter().enumerate() {
        let path = format!("{prefix}/{i}/id");
        if id.trim().is_empty() {
            found.error(
                Code::EmptyId,
                path,
                format!("this {what} has an empty id; give it a stable id"),
            );
        } else if !seen.insert(id) {
            found.error(
                Code::DuplicateId,
                path,
                format!("{what} id `{id}` is already used; ids must be unique"),
            );
        }
    }
}

/// Reports ids listed twice in one list of references, `{prefix}/{j}`.
fn check_repeats<'a>(found: &mut Collector, prefix: &str, ids: impl IntoIterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for (j, id) in ids.into_iter().enumerate() {
        if !seen.insert(id) {
            found.warning(
                Code::DuplicateReference,
                format!("{prefix}/{j}"),
                format!("`{id}` is listed twice here; it counts once"),
            );
        }
    }
}

/// Whether a weight is usable: finite and above zero (or zero, when `zero_ok`).
fn weight_ok(weight: f64, zero_ok: bool) -> bool {
    weight.is_finite() && (weight > 0.0 || (zero_ok && weight == 0.0))
}
