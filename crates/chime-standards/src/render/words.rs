//! Words and numbers shared by the renderers: escaping, number formatting, labels from the
//! framework (with the id as the fallback) and plain-language explanations.

use crate::framework::Framework;
use crate::id::Id;
use crate::report::{Cap, DomainResult, Report, StandardResult};
use crate::rounding::round_to;

/// Escapes text for XML and HTML content and attribute values (`& < > " '`).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in XML 1.0.
            c if c.is_control() && c != '\t' && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Removes control characters (terminal escape sequences among them) from text for a terminal.
pub(crate) fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A score with one decimal (`62.5`, `70.0`); `n/a` for a number that is not finite.
pub(crate) fn fmt1(x: f64) -> String {
    if x.is_finite() {
        format!("{:.1}", round_to(x, 1))
    } else {
        "n/a".to_string()
    }
}

/// A score or `not scored`.
pub(crate) fn fmt_score(score: Option<f64>) -> String {
    score.map_or_else(|| "not scored".to_string(), fmt1)
}

/// A number with at most `decimals` decimals and no trailing zeros (`3`, `2.5`, `0.125`).
pub(crate) fn fmt_trim(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "0".to_string();
    }
    let rounded = round_to(x, i32::try_from(decimals).unwrap_or(3));
    let text = format!("{rounded:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text == "-0" {
        "0".to_string()
    } else {
        text
    }
}

/// Evidence points or weights: at most three decimals, no trailing zeros.
pub(crate) fn fmt_num(x: f64) -> String {
    fmt_trim(x, 3)
}

/// A coverage ratio as a percentage with one decimal (`87.5%`); `n/a` when absent.
pub(crate) fn percent(coverage: Option<f64>) -> String {
    coverage.map_or_else(|| "n/a".to_string(), |c| format!("{}%", fmt1(c * 100.0)))
}

/// `1 point`, `2.5 points`.
pub(crate) fn count(x: f64, one: &str, many: &str) -> String {
    let number = fmt_num(x);
    if number == "1" {
        format!("{number} {one}")
    } else {
        format!("{number} {many}")
    }
}

/// The label of a level on the framework's scale (`Leading`), or `Level 4`.
pub(crate) fn level_name(framework: &Framework, value: u32) -> String {
    framework
        .level(value)
        .map_or_else(|| format!("Level {value}"), |level| level.label.clone())
}

/// A level with its number (`Leading (4)`).
pub(crate) fn level_label(framework: &Framework, value: u32) -> String {
    format!("{} ({value})", level_name(framework, value))
}

/// A level or a dash when absent.
pub(crate) fn level_or_dash(framework: &Framework, value: Option<u32>) -> String {
    value.map_or_else(|| "-".to_string(), |v| level_label(framework, v))
}

/// The label of a band (`Established`), or its id.
pub(crate) fn band_label(framework: Option<&Framework>, id: &str) -> String {
    framework
        .and_then(|fw| fw.scoring.bands.iter().find(|band| band.id == id))
        .map_or_else(|| id.to_string(), |band| band.label.clone())
}

/// An optional band's label, or `-`.
pub(crate) fn band_or_dash(framework: Option<&Framework>, id: Option<&Id>) -> String {
    id.map_or_else(|| "-".to_string(), |id| band_label(framework, id))
}

/// The name of a domain (`Connectedness`), or its id.
pub(crate) fn domain_name(framework: Option<&Framework>, id: &str) -> String {
    framework
        .and_then(|fw| fw.domain(id))
        .map_or_else(|| id.to_string(), |domain| domain.name.clone())
}

/// The title of a standard, or its id.
pub(crate) fn standard_title(framework: &Framework, id: &str) -> String {
    framework
        .standard(id)
        .map_or_else(|| id.to_string(), |standard| standard.title.clone())
}

/// Limiting domains by name, joined with commas, or `none`.
pub(crate) fn limiting_names(report: &Report, framework: Option<&Framework>) -> String {
    if report.overall.limiting_domains.is_empty() {
        return "none".to_string();
    }
    report
        .overall
        .limiting_domains
        .iter()
        .map(|id| domain_name(framework, id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A JSON Pointer for display (`/` for the whole document).
pub(crate) fn pointer(path: &str) -> &str {
    if path.is_empty() {
        "/"
    } else {
        path
    }
}

/// Why a capped standard counts at a lower level, in plain words built from the cap's numbers:
/// `claimed Leading (4), counted as Established (3): Leading needs 3 evidence points and
/// 1 independent item; it has 2 points and 0 independent items (short by 1 point and
/// 1 independent item)`.
pub(crate) fn cap_explanation(framework: &Framework, result: &StandardResult) -> Option<String> {
    let cap = result.capped.as_ref()?;
    let claimed = level_or_dash(framework, result.claimed);
    let counted = level_or_dash(framework, result.effective);
    Some(format!(
        "claimed {claimed}, counted as {counted}: {}",
        requirement_words(framework, cap)
    ))
}

fn requirement_words(framework: &Framework, cap: &Cap) -> String {
    let level = level_name(framework, cap.level);
    let mut needs = count(cap.min_points, "evidence point", "evidence points");
    if cap.min_independent > 0 {
        needs.push_str(" and ");
        needs.push_str(&count(
            f64::from(cap.min_independent),
            "independent item",
            "independent items",
        ));
    }
    let has = format!(
        "{} and {} independent",
        count(cap.points, "point", "points"),
        cap.independent
    );
    let mut short = Vec::new();
    if cap.missing_points > 0.0 {
        short.push(count(cap.missing_points, "point", "points"));
    }
    if cap.missing_independent > 0 {
        short.push(count(
            f64::from(cap.missing_independent),
            "independent item",
            "independent items",
        ));
    }
    let short = if short.is_empty() {
        String::new()
    } else {
        format!(" (short by {})", short.join(" and "))
    };
    format!("{level} needs {needs}; it has {has}{short}")
}

/// The domains that take part in the overall score (the report's `participates`), in report
/// order.
pub(crate) fn participating(report: &Report) -> Vec<&DomainResult> {
    report
        .domains
        .iter()
        .filter(|result| result.participates)
        .collect()
}

/// For a leverage entry: `from Established (3) to Leading (4)`, when the standard's
/// effective level is known.
pub(crate) fn leverage_step(
    framework: &Framework,
    report: &Report,
    standard: &str,
) -> Option<String> {
    let effective = report.standard(standard)?.effective?;
    let next = effective.checked_add(1)?;
    Some(format!(
        "from {} to {}",
        level_label(framework, effective),
        level_label(framework, next)
    ))
}

/// The primary domain of a standard: its first domain tag.
pub(crate) fn primary_domain<'f>(framework: &'f Framework, standard: &str) -> Option<&'f str> {
    framework
        .standard(standard)?
        .domains
        .first()
        .map(|tag| tag.domain.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Cap, LevelCounts};

    #[test]
    fn render_words_escape_all_five() {
        assert_eq!(
            escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("bell\u{7}"), "bell\u{FFFD}");
    }

    #[test]
    fn render_words_numbers() {
        assert_eq!(fmt1(62.5), "62.5");
        assert_eq!(fmt1(70.0), "70.0");
        assert_eq!(fmt1(-0.0), "0.0");
        assert_eq!(fmt1(f64::NAN), "n/a");
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(0.1 + 0.2), "0.3");
        assert_eq!(fmt_trim(12.3456, 2), "12.35");
        assert_eq!(fmt_trim(-0.001, 2), "0");
        assert_eq!(fmt_trim(f64::INFINITY, 2), "0");
        assert_eq!(percent(Some(0.875)), "87.5%");
        assert_eq!(percent(Some(1.0)), "100.0%");
        assert_eq!(percent(None), "n/a");
        assert_eq!(count(1.0, "point", "points"), "1 point");
        assert_eq!(count(0.0, "point", "points"), "0 points");
    }

    #[test]
    fn render_words_cap_explanation() {
        let framework = crate::default_framework();
        let result = StandardResult {
            standard: "c1-peer-support-offer".into(),
            status: crate::report::StandardStatus::Met,
            applies: true,
            claimed: Some(4),
            effective: Some(3),
            score: Some(75.0),
            capped: Some(Cap {
                level: 4,
                min_points: 3.0,
                min_independent: 1,
                points: 2.0,
                independent: 0,
                missing_points: 1.0,
                missing_independent: 1,
                items_needed: crate::report::ItemsNeeded {
                    own: None,
                    peer: 1,
                    external: 1,
                },
            }),
            evidence: crate::report::EvidenceSummary {
                current: 2,
                stale: 0,
                points: 2.0,
                independent: 0,
            },
            raters: crate::report::RaterSummary {
                n: 0,
                spread: 0,
                levels: LevelCounts::new(),
            },
        };
        assert_eq!(
            cap_explanation(&framework, &result).as_deref(),
            Some(
                "claimed Leading (4), counted as Established (3): Leading needs 3 evidence points \
                 and 1 independent item; it has 2 points and 0 independent \
                 (short by 1 point and 1 independent item)"
            )
        );
        let uncapped = StandardResult {
            capped: None,
            ..result
        };
        assert_eq!(cap_explanation(&framework, &uncapped), None);
    }
}
