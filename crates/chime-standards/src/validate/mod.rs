//! Validation (spec section 5): every problem at once, each with a stable code, a severity
//! and a JSON Pointer.

mod assessment;
mod framework;

pub(crate) use assessment::assessment;
pub(crate) use framework::framework;

use rustc_hash::FxHashSet as HashSet;

use crate::diagnostic::{Code, Collector};

/// Reports empty and repeated ids among `ids`, whose JSON Pointers are `{prefix}/{i}/id`.
fn check_ids<'a>(
    found: &mut Collector,
    prefix: &str,
    what: &str,
    ids: impl IntoIterator<Item = &'a str>,
) {
    let ids = ids.into_iter();
    let mut seen = HashSet::with_capacity_and_hasher(ids.size_hint().0, Default::default());
    for (i, id) in ids.enumerate() {
        let repeated = !blank(id) && !seen.insert(id);
        id_problem(found, prefix, what, (i, id), repeated);
    }
}

/// The error for the `i`th id of a list, at `{prefix}/{i}/id`, when it is empty or
/// `repeated` (an empty id is reported as empty, never as repeated).
fn id_problem(
    found: &mut Collector,
    prefix: &str,
    what: &str,
    (i, id): (usize, &str),
    repeated: bool,
) {
    let path = || format!("{prefix}/{i}/id");
    if blank(id) {
        found.error(
            Code::EmptyId,
            path(),
            format!("this {what} has an empty id; give it a stable id"),
        );
    } else if repeated {
        found.error(
            Code::DuplicateId,
            path(),
            format!("{what} id `{id}` is already used; ids must be unique"),
        );
    }
}

/// Reports ids listed twice in one list of references, `{prefix}/{j}` (the path is built only
/// when there is something to report). `resolved[j]` is what the `j`th id resolved to, when
/// it names something: equal ids resolve alike and different ids never to the same thing, so
/// two resolved ids are compared as numbers, and only unresolved ones as text.
fn check_repeats(
    found: &mut Collector,
    prefix: impl Fn() -> String,
    ids: &[String],
    resolved: &[Option<usize>],
) {
    // Reference lists are short; a linear scan of the entries before beats hashing (and
    // allocates nothing) there, and a set keeps a hostile list of thousands linear.
    const SHORT: usize = 16;
    // Almost every list names each thing once. A 64-bit filter of what the entries resolved
    // to shows it in one walk, with no branch on how long the list is: where no bit is set
    // twice, no two entries resolved alike. Unresolved entries are compared as text below.
    let mut filter = 0u64;
    let mut maybe = false;
    for target in resolved {
        match target {
            Some(to) => {
                let bit = 1u64 << (to % 64);
                maybe |= filter & bit != 0;
                filter |= bit;
            }
            None => maybe = true,
        }
    }
    if !maybe {
        return;
    }
    let long = ids.len() > SHORT;
    let mut set: HashSet<&str> = HashSet::default();
    let target = |j: usize| resolved.get(j).copied().flatten();
    for (j, id) in ids.iter().enumerate() {
        let repeated = if long {
            !set.insert(id.as_str())
        } else {
            match target(j) {
                Some(to) => (0..j).any(|i| target(i) == Some(to)),
                None => ids
                    .get(..j)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                    .any(|(i, before)| target(i).is_none() && before == id),
            }
        };
        if repeated {
            found.warning(
                Code::DuplicateReference,
                format!("{}/{j}", prefix()),
                format!("`{id}` is listed twice here; it counts once"),
            );
        }
    }
}

/// Whether an id is empty or only white space (`str::trim`'s sense); ids that start with a
/// visible ASCII character, as nearly all do, are answered without trimming.
fn blank(id: &str) -> bool {
    match id.as_bytes().first() {
        Some(&b) if b > b' ' && b < 0x7f => false,
        _ => id.trim().is_empty(),
    }
}

/// Whether a weight is usable: finite and above zero (or zero, when `zero_ok`).
fn weight_ok(weight: f64, zero_ok: bool) -> bool {
    weight.is_finite() && (weight > 0.0 || (zero_ok && weight == 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Document;

    #[test]
    fn blank_is_trim_is_empty() {
        for id in [
            "",
            " ",
            "\t\n",
            "\u{a0}",
            "\u{3000}x",
            "x",
            " x",
            "\u{7f}",
            "é",
            "-",
        ] {
            assert_eq!(blank(id), id.trim().is_empty(), "{id:?}");
        }
    }

    #[test]
    fn repeats_are_found_in_short_and_long_lists() {
        for len in [3, 40] {
            let mut ids: Vec<String> = (0..len).map(|i| format!("s{i}")).collect();
            ids.push("s1".into());
            // Unresolved, and resolved as the framework would (equal ids alike).
            let unresolved = vec![None; ids.len()];
            let resolved: Vec<Option<usize>> = ids
                .iter()
                .map(|id| id.strip_prefix('s').and_then(|n| n.parse().ok()))
                .collect();
            for resolved in [&unresolved, &resolved] {
                let mut found = Collector::new(Document::Assessment);
                check_repeats(&mut found, || "/list".to_string(), &ids, resolved);
                let paths: Vec<&str> = found.found.iter().map(|d| d.path.as_str()).collect();
                assert_eq!(paths, [format!("/list/{len}")], "list of {len}");
            }
        }
    }

    #[test]
    fn targets_64_apart_are_not_repeats_and_large_targets_repeat() {
        let ids: Vec<String> = ["a", "b", "c", "b"].map(String::from).to_vec();
        for (resolved, expected) in [
            // Distinct targets that share a bit of the filter.
            (vec![Some(1), Some(65), Some(129), Some(193)], vec![]),
            (
                vec![Some(1), Some(70), Some(129), Some(70)],
                vec!["/list/3"],
            ),
        ] {
            let mut found = Collector::new(Document::Assessment);
            check_repeats(&mut found, || "/list".to_string(), &ids, &resolved);
            let paths: Vec<&str> = found.found.iter().map(|d| d.path.as_str()).collect();
            assert_eq!(paths, expected, "{resolved:?}");
        }
    }
}
