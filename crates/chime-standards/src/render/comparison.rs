//! A comparison of two readings as plain text for a terminal.

use super::words::{domain_name, fmt_score, plain, standard_title};
use crate::compare::{Change, Comparison, Direction};
use crate::framework::Framework;

/// A comparison as plain text: overall and domain changes, standards newly met or no longer met.
///
/// Domain names and standard titles come from `framework` when given, ids otherwise.
pub fn comparison_text(comparison: &Comparison, framework: Option<&Framework>) -> String {
    let mut out = format!(
        "Comparison of {} ({}) with {} ({}), framework {} {}\n\n",
        plain(&comparison.before.assessment),
        comparison.before.assessed_on,
        plain(&comparison.after.assessment),
        comparison.after.assessed_on,
        plain(&comparison.framework.id),
        plain(&comparison.framework.version),
    );
    out.push_str(&format!(
        "  {:<36} {:>10} {:>10} {:>7}  {}\n",
        "", "before", "after", "change", "direction"
    ));
    out.push_str(&row("Overall", &comparison.overall));
    for domain in &comparison.domains {
        out.push_str(&row(
            &domain_name(framework, &domain.domain),
            &domain.change,
        ));
    }
    let titles = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| match framework {
                Some(framework) => format!("  - {}\n", standard_title(framework, id)),
                None => format!("  - {}\n", plain(id)),
            })
            .collect()
    };
    if !comparison.newly_met.is_empty() {
        out.push_str(&format!("\nNewly met\n{}", titles(&comparison.newly_met)));
    }
    if !comparison.no_longer_met.is_empty() {
        out.push_str(&format!(
            "\nNo longer met\n{}",
            titles(&comparison.no_longer_met)
        ));
    }
    for diagnostic in &comparison.diagnostics {
        out.push_str(&format!("\n{diagnostic}\n"));
    }
    out
}

fn row(name: &str, change: &Change) -> String {
    let delta = change
        .delta
        .map_or_else(|| "-".to_string(), |d| format!("{d:+.1}"));
    let direction = match change.direction {
        Some(Direction::Improved) => "improved",
        Some(Direction::Declined) => "declined",
        Some(Direction::Stable) => "stable",
        None => "not comparable (a side is not scored)",
    };
    let name: String = plain(name).chars().take(36).collect();
    format!(
        "  {name:<36} {:>10} {:>10} {delta:>7}  {direction}\n",
        fmt_score(change.before),
        fmt_score(change.after)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compare, example_assessment, Engine, Rating};

    #[test]
    fn names_changes_and_standards_in_words() {
        let engine = Engine::default_framework();
        let before = engine
            .score(&example_assessment())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut raised = example_assessment();
        for judgement in &mut raised.judgements {
            if judgement.standard == "i3-inclusion-and-diversity" && judgement.rater.is_none() {
                judgement.rating = Rating::Level(3);
            }
        }
        let after = engine.score(&raised).unwrap_or_else(|e| panic!("{e}"));
        let comparison = compare(&before, &after).unwrap_or_else(|e| panic!("{e}"));
        let text = comparison_text(&comparison, Some(engine.framework()));
        assert!(text.contains("Identity"), "{text}");
        let identity = comparison.domains.iter().find(|d| d.domain == "identity");
        let delta = identity.and_then(|d| d.change.delta).unwrap_or_default();
        assert!(delta > 0.0, "raising an identity standard raises identity");
        assert!(text.contains(&format!("{delta:+.1}")), "{text}");
        let plain_ids = comparison_text(&comparison, None);
        assert!(plain_ids.contains("identity"), "{plain_ids}");
    }
}
