//! Words and numbers shared by the renderers: escaping, number formatting, labels from the
//! framework (with the id as the fallback) and plain-language explanations.

use crate::assessment::AssessmentStatus;
use crate::diagnostic::{Document, Severity};
use crate::framework::Framework;
use crate::report::{
    round_to, AwardOutcome, Cap, DomainResult, DomainStatus, Report, StandardResult, StandardStatus,
};

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
pub(crate) fn band_or_dash(framework: Option<&Framework>, id: Option<&String>) -> String {
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

/// The award in words.
pub(crate) fn award_words(award: AwardOutcome) -> &'static str {
    match award {
        AwardOutcome::MeetsStandards => "Meets the standards",
        AwardOutcome::WorkingTowards => "Working towards the standards",
        AwardOutcome::Incomplete => "Incomplete: not enough rated to score",
    }
}

/// A standard's status in words.
pub(crate) fn standard_status_words(status: StandardStatus) -> &'static str {
    match status {
        StandardStatus::Met => "Met",
        StandardStatus::WorkingTowards => "Working towards",
        StandardStatus::NotYet => "Not yet",
        StandardStatus::NotApplicable => "Not applicable",
        StandardStatus::NotAssessed => "Not assessed",
    }
}

/// A domain's status in words.
pub(crate) fn domain_status_words(status: DomainStatus) -> &'static str {
    match status {
        DomainStatus::Scored => "Scored",
        DomainStatus::NotScoreable => "Not scoreable",
        DomainStatus::NotApplicable => "Not applicable",
    }
}

/// An assessment's review status in words.
pub(crate) fn assessment_status_words(status: AssessmentStatus) -> &'static str {
    match status {
        AssessmentStatus::Draft => "draft",
        AssessmentStatus::Submitted => "submitted",
        AssessmentStatus::PeerReviewed => "peer reviewed",
        AssessmentStatus::Verified => "verified",
    }
}

/// A diagnostic's severity in words.
pub(crate) fn severity_words(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The document a diagnostic points into.
pub(crate) fn document_words(document: Document) -> &'static str {
    match document {
        Document::Framework => "framework",
        Document::Assessment => "assessment",
        Document::Report => "report",
        Document::Endorsement => "endorsement",
        Document::Statement => "endorsement statement",
        Document::Keys => "key set",
    }
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
    let missing_points = round_to(cap.min_points - cap.points, 3);
    if missing_points > 0.0 {
        short.push(count(missing_points, "point", "points"));
    }
    if cap.min_independent > cap.independent {
        let missing = cap.min_independent - cap.independent;
        short.push(count(
            f64::from(missing),
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

/// Whether a domain takes part in the overall score: core, weight above 0 and applicable.
/// Without a framework (or for a domain the framework does not know), every applicable
/// domain is drawn.
pub(crate) fn participates(framework: Option<&Framework>, result: &DomainResult) -> bool {
    if result.status == DomainStatus::NotApplicable {
        return false;
    }
    match framework.and_then(|fw| fw.domain(&result.domain)) {
        Some(domain) => domain.core && domain.weight > 0.0,
        None => true,
    }
}

/// The participating domains, in report order.
pub(crate) fn participating<'r>(
    report: &'r Report,
    framework: Option<&Framework>,
) -> Vec<&'r DomainResult> {
    report
        .domains
        .iter()
        .filter(|result| participates(framework, result))
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
    use crate::report::Cap;

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
            standard: "c1-peer-support-offer".to_string(),
            status: StandardStatus::Met,
            claimed: Some(4),
            effective: Some(3),
            score: Some(75.0),
            capped: Some(Cap {
                level: 4,
                min_points: 3.0,
                min_independent: 1,
                points: 2.0,
                independent: 0,
            }),
            evidence: crate::report::EvidenceSummary {
                current: 2,
                stale: 0,
                points: 2.0,
                independent: 0,
            },
            raters: crate::report::RaterSummary { n: 0, spread: 0 },
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
