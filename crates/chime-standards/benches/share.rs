//! Issue 11's speed goal measured in one run: the share of validation and scoring in the
//! end-to-end time of one assessment, at most 15%.
//!
//! `engine.rs` measures `score_just_parsed` and `end_to_end` one after the other, minutes
//! apart; on a shared machine their ratio moves by several points between runs as the load
//! does. Here the two take turns, a round each over the same 100 documents, and the share is
//! the median of the rounds' own ratios, so a slow minute slows both sides of a ratio alike.
//!
//! ```sh
//! cargo bench -p chime-standards --bench share            # 60 rounds
//! cargo bench -p chime-standards --bench share -- 200     # more rounds
//! ```
//!
//! - `validate + score`: `Engine::score` of each document right after its parse (the parse
//!   not timed), as `end_to_end` runs it;
//! - `end to end`: `Engine::score_json` + `serde_json::to_vec` of each document (what
//!   `chime score --ndjson` does per line).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use chime_standards::{Engine, Limits};

use common::{documents, BATCH};

/// The goal of issue 11, section 5.
const GOAL: f64 = 0.15;

fn main() {
    // `cargo bench` passes `--bench`; a bare number among the arguments sets the rounds.
    let rounds = std::env::args()
        .filter_map(|arg| arg.parse::<usize>().ok())
        .next()
        .unwrap_or(60)
        .max(1);
    let engine = Engine::default_framework();
    let limits = Limits::default();
    let texts = documents(&engine);
    let per_assessment = |spent: Duration| spent.as_secs_f64() * 1e6 / texts.len() as f64;

    let scoring = || per_assessment(common::score_just_parsed(&engine, &texts, &limits));
    let end_to_end = || {
        let started = Instant::now();
        common::end_to_end(&engine, &texts, &limits);
        per_assessment(started.elapsed())
    };

    // One untimed round of each, so both start from warm code.
    scoring();
    end_to_end();
    let (mut scores, mut totals, mut shares) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        // Which goes first alternates, so neither always follows the other.
        let (score, total) = if round % 2 == 0 {
            let score = scoring();
            (score, end_to_end())
        } else {
            let total = end_to_end();
            (scoring(), total)
        };
        scores.push(score);
        totals.push(total);
        shares.push(score / total);
    }
    let low = shares.iter().copied().fold(f64::INFINITY, f64::min);
    let high = shares.iter().copied().fold(0.0, f64::max);
    let (score, total, share) = (median(scores), median(totals), median(shares));

    println!("{rounds} rounds of {BATCH} assessments each, the two steps taking turns");
    println!("{:<32}{:>16}", "step", "µs/assessment");
    println!("{:<32}{score:>16.1}", "validate + score (just parsed)");
    println!("{:<32}{total:>16.1}", "end to end");
    println!(
        "share: {:.1}% (median of the rounds' ratios; {:.1}% to {:.1}%); goal at most {:.0}%: {}",
        100.0 * share,
        100.0 * low,
        100.0 * high,
        100.0 * GOAL,
        if share <= GOAL { "met" } else { "not met" }
    );
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    let at = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    if values.len() % 2 == 0 {
        (at(middle.saturating_sub(1)) + at(middle)) / 2.0
    } else {
        at(middle)
    }
}
