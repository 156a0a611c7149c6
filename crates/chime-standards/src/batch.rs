//! Scoring batches on several threads, with results in input order.
//!
//! The CLI's `--jobs`, Python's `score_many` and any Rust caller share this one way of
//! spreading a batch over threads. WebAssembly has no threads: there it runs in order on the
//! calling thread.

use std::num::NonZeroUsize;

/// The number of threads a batch uses when the caller does not say: the machine's cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// Applies `work` to every item on up to `jobs` threads; the results keep the items' order.
///
/// Items are split into one contiguous run per thread, so `work` should cost about the same
/// for every item (scoring does). `jobs` of 0 or 1 works on the calling thread.
///
/// ```
/// use chime_standards::{map_ordered, Engine, Limits};
/// let engine = Engine::default_framework();
/// let texts = vec![chime_standards::EXAMPLE_ASSESSMENT_JSON.as_bytes(); 8];
/// let reports = map_ordered(&texts, 2, |text| engine.score_json(text, &Limits::default()));
/// assert!(reports.iter().all(|r| r.is_ok()));
/// ```
pub fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 || cfg!(target_arch = "wasm32") {
        return items.iter().map(work).collect();
    }
    let per_job = items.len().div_ceil(jobs);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(per_job)
            .map(|part| scope.spawn(move || part.iter().map(work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(results) => results,
                // A panicking `work` is a bug in the caller's closure: pass it on unchanged.
                Err(payload) => std::panic::resume_unwind(payload),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_whatever_the_number_of_jobs() {
        let items: Vec<u32> = (0..1001).collect();
        let expected: Vec<u32> = items.iter().map(|x| x * 3).collect();
        for jobs in [0, 1, 2, 3, 7, 5000] {
            assert_eq!(
                map_ordered(&items, jobs, |x| x * 3),
                expected,
                "jobs {jobs}"
            );
        }
        assert!(map_ordered(&[] as &[u32], 4, |x| *x).is_empty());
        assert!(default_jobs() >= 1);
    }

    #[test]
    fn really_uses_several_threads() {
        let items = vec![(); 64];
        let threads = map_ordered(&items, 4, |()| std::thread::current().id());
        let distinct: std::collections::HashSet<_> = threads.into_iter().collect();
        assert!(distinct.len() > 1, "work ran on one thread only");
    }
}
