//! A plain-text report for a terminal (what `chime demo` prints), at most 100 columns wide.

use std::fmt::Write as _;

use crate::framework::Framework;
use crate::report::{DomainResult, DomainStatus, Report, StandardStatus};

use super::words::{
    band_or_dash, cap_explanation, domain_name, fmt1, fmt_score, leverage_step, limiting_names,
    percent, plain, pointer, standard_title,
};

/// The widest line written, in characters.
const WIDTH: usize = 100;
/// Characters in a domain's bar: one for every 10 points.
const BAR: usize = 10;
/// Width of the label column of the summary fields.
const LABEL: usize = 17;

/// Renders a report as plain text for a terminal, at most 100 columns wide.
///
/// Names and titles come from `framework` (ids when it does not know one); nothing comes
/// from the assessment, which the report does not carry.
///
/// ```
/// use chime_standards::{example_assessment, render, Engine};
/// let engine = Engine::default_framework();
/// let report = engine.score(&example_assessment()).unwrap();
/// let text = render::text(&report, engine.framework());
/// assert!(text.contains("Connectedness"));
/// assert!(text.lines().all(|line| line.chars().count() <= 100));
/// ```
pub fn text(report: &Report, framework: &Framework) -> String {
    let fw = Some(framework);
    let mut out = String::new();

    let heading = format!("{} {}", framework.title, framework.version);
    for line in wrap(&plain(&heading), WIDTH) {
        push_line(&mut out, &line);
    }
    let rule_len = heading.chars().count().clamp(10, WIDTH);
    push_line(&mut out, &"=".repeat(rule_len));
    field(
        &mut out,
        "Framework",
        &format!("{} {}", report.framework.id, report.framework.version),
    );
    field(&mut out, "Assessment", &report.assessment);
    field(&mut out, "Organisation", &report.organisation.id);
    field(&mut out, "Assessed on", &report.assessed_on.to_string());
    field(&mut out, "Review status", report.status.words());

    section(&mut out, "OVERALL");
    let overall = match (report.overall.score, report.overall.band.as_ref()) {
        (Some(score), band) => format!("{} ({})", fmt1(score), band_or_dash(fw, band)),
        (None, _) => "not scored".to_string(),
    };
    field(&mut out, "Score", &overall);
    field(
        &mut out,
        "Profile band",
        &band_or_dash(fw, report.overall.profile_band.as_ref()),
    );
    field(&mut out, "Limiting", &limiting_names(report, fw));
    field(&mut out, "Award", report.overall.award.words());
    field(&mut out, "Standards", &standard_counts(report));

    section(&mut out, "DOMAINS");
    domain_table(&mut out, report, framework);

    section(&mut out, "CAPPED BY EVIDENCE");
    let mut capped = 0;
    for result in &report.standards {
        if let Some(explanation) = cap_explanation(framework, result) {
            capped += 1;
            indented(
                &mut out,
                2,
                "- ",
                &standard_title(framework, &result.standard),
            );
            indented(&mut out, 4, "", &explanation);
        }
    }
    if capped == 0 {
        indented(
            &mut out,
            2,
            "",
            "None: every claimed level is backed by enough evidence.",
        );
    }

    section(&mut out, "WHAT WOULD MOVE YOU MOST");
    if report.leverage.is_empty() {
        let why = if report.overall.score.is_none() {
            "Not available until the overall score can be computed."
        } else {
            "No single step up would raise the overall score by 0.1 or more."
        };
        indented(&mut out, 2, "", why);
    }
    for leverage in &report.leverage {
        let mut line = standard_title(framework, &leverage.standard);
        if let Some(step) = leverage_step(framework, report, &leverage.standard) {
            line.push_str(&format!(" ({step})"));
        }
        indented(&mut out, 2, &format!("+{:<5} ", fmt1(leverage.gain)), &line);
    }

    let agreement = super::agreement::agreement_sentences(report, framework);
    if !agreement.is_empty() {
        section(&mut out, "HOW FAR THE RATERS AGREE");
        for sentence in &agreement {
            indented(&mut out, 2, "", sentence);
        }
    }

    section(&mut out, "WARNINGS AND NOTES");
    if report.diagnostics.is_empty() {
        indented(&mut out, 2, "", "None.");
    }
    for diagnostic in &report.diagnostics {
        let head = format!(
            "{} {} in {} at {}",
            diagnostic.severity.words(),
            diagnostic.code,
            diagnostic.document.words(),
            pointer(&diagnostic.path)
        );
        indented(&mut out, 2, "- ", &head);
        indented(&mut out, 4, "", &diagnostic.message);
    }
    out
}

/// `9 met, 6 working towards, ...`: how many standards have each status.
fn standard_counts(report: &Report) -> String {
    let statuses = [
        StandardStatus::Met,
        StandardStatus::WorkingTowards,
        StandardStatus::NotYet,
        StandardStatus::NotAssessed,
        StandardStatus::NotApplicable,
    ];
    statuses
        .iter()
        .map(|status| {
            let n = report
                .standards
                .iter()
                .filter(|result| result.status == *status)
                .count();
            format!("{n} {}", status.words().to_ascii_lowercase())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn domain_table(out: &mut String, report: &Report, framework: &Framework) {
    let fw = Some(framework);
    let names: Vec<String> = report
        .domains
        .iter()
        .map(|result| plain(&domain_name(fw, &result.domain)))
        .collect();
    let bands: Vec<String> = report
        .domains
        .iter()
        .map(|result| plain(&band_or_dash(fw, result.band.as_ref())))
        .collect();
    let band_width = width_of(&bands, "Band", 14);
    // Whatever the other columns leave of the 100: 2 + 2 + 5 + 2 + 2 + 8 + 2 + 13 + 2 + BAR.
    let name_width = width_of(&names, "Domain", WIDTH - 38 - BAR - band_width);
    let header = format!(
        "  {:<name_width$}  {:>5}  {:<band_width$}  {:>8}  {:<13}  {}",
        "Domain", "Score", "Band", "Coverage", "Status", "0-100"
    );
    push_line(out, &header);
    let mut outside = false;
    for ((result, name), band) in report.domains.iter().zip(&names).zip(&bands) {
        let mut status = result.status.words().to_string();
        if result.status != DomainStatus::NotApplicable && !result.participates {
            status.push('*');
            outside = true;
        }
        let score = result.score.map_or_else(|| "-".to_string(), fmt1);
        let coverage = result
            .coverage
            .map_or_else(|| "-".to_string(), |c| percent(Some(c)));
        let row = format!(
            "  {:<name_width$}  {:>5}  {:<band_width$}  {:>8}  {:<13}  {}",
            fit(name, name_width),
            score,
            fit(band, band_width),
            coverage,
            status,
            bar(result)
        );
        push_line(out, row.trim_end());
    }
    if outside {
        indented(
            out,
            2,
            "",
            "* not counted in the overall score (not a core domain, or weight 0)",
        );
    }
    for (result, name) in report.domains.iter().zip(&names) {
        if let Some(reason) = &result.reason {
            indented(
                out,
                2,
                "",
                &format!("{name}: {}", fmt_reason(result, reason)),
            );
        }
    }
}

fn fmt_reason(result: &DomainResult, reason: &str) -> String {
    match result.status {
        DomainStatus::NotScoreable => format!("{} ({reason})", fmt_score(result.score)),
        _ => reason.to_string(),
    }
}

/// A bar of `#` and `.` for a domain score; `?` marks for a domain that could not be scored.
fn bar(result: &DomainResult) -> String {
    match (result.status, result.score) {
        (DomainStatus::NotApplicable, _) => String::new(),
        (_, Some(score)) if score.is_finite() => {
            let filled = (score.clamp(0.0, 100.0) / 100.0 * BAR as f64).round();
            // `filled` is a whole number from 0 to BAR, so the conversion is exact.
            let filled = (filled as usize).min(BAR);
            format!("{}{}", "#".repeat(filled), ".".repeat(BAR - filled))
        }
        _ => "? not scored".to_string(),
    }
}

/// The width of a column: its longest entry (or heading), at most `max`.
fn width_of(entries: &[String], heading: &str, max: usize) -> usize {
    entries
        .iter()
        .map(|entry| entry.chars().count())
        .chain(std::iter::once(heading.chars().count()))
        .max()
        .unwrap_or(0)
        .min(max)
}

/// Text cut to `width` characters, ending in `...` when it was cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let kept: String = text.chars().take(width.saturating_sub(3)).collect();
        format!("{kept}...")
    }
}

fn section(out: &mut String, title: &str) {
    out.push('\n');
    push_line(out, title);
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// `  Label           value`, the value wrapped under itself.
fn field(out: &mut String, label: &str, value: &str) {
    let lead = format!("  {label:<width$}", width = LABEL - 2);
    let lines = wrap(&plain(value), WIDTH - LABEL);
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "{lead}{line}");
        } else {
            let _ = writeln!(out, "{}{line}", " ".repeat(LABEL));
        }
    }
}

/// Text wrapped to the width, indented, with `marker` before the first line and the following
/// lines aligned under the text.
fn indented(out: &mut String, indent: usize, marker: &str, text: &str) {
    let first = format!("{}{marker}", " ".repeat(indent));
    let hang = first.chars().count();
    let lines = wrap(&plain(text), WIDTH.saturating_sub(hang).max(20));
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "{first}{line}");
        } else {
            let _ = writeln!(out, "{}{line}", " ".repeat(hang));
        }
    }
}

/// Word-wraps text to `width` characters; a word longer than the width is split.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            let rest = word.split_off(width);
            lines.push(word.into_iter().collect());
            word = rest;
        }
        if word.is_empty() {
            continue;
        }
        if len > 0 && len + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        len += word.len();
        line.extend(word);
    }
    if len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;
    use crate::render::check::{degenerate, example, hostile, private_report, PRIVATE};

    fn assert_narrow(text: &str) {
        for line in text.lines() {
            assert!(line.chars().count() <= WIDTH, "line too wide: {line:?}");
        }
    }

    #[test]
    fn render_text_example_has_every_part() {
        let (engine, report) = example();
        let fw = engine.framework();
        let out = text(&report, fw);
        assert_narrow(&out);
        assert!(out.starts_with(&format!("{} {}", fw.title, fw.version)));
        assert!(out.contains("larkspur-street-2025"));
        assert!(out.contains("larkspur-street"));
        assert!(out.contains("2025-06-30"));
        assert!(out.contains("67.4 (Established)"), "{out}");
        assert!(out.contains("  Profile band   Developing\n"), "{out}");
        assert!(out.contains("  Limiting       Identity\n"), "{out}");
        assert!(out.contains("Working towards the standards"));
        for domain in &fw.domains {
            assert!(out.contains(&domain.name), "missing {}\n{out}", domain.name);
        }
        // Connectedness scored 75.0: 7.5 of 10 characters, rounded to 8, with 100% coverage.
        let row = out
            .lines()
            .find(|l| l.trim_start().starts_with("Connectedness"))
            .unwrap();
        assert!(row.contains("75.0"), "{row}");
        assert!(row.contains("Thriving"), "{row}");
        assert!(row.contains("100.0%"), "{row}");
        assert!(row.ends_with("  ########.."), "{row}");
        // A capped standard, explained from its numbers with the scale's labels.
        assert!(out.contains("Volunteering and training pathways"));
        let explanation: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            explanation.contains(
                "claimed Leading (4), counted as Established (3): Leading needs 3 evidence \
                 points and 1 independent item; it has 3 points and 0 independent \
                 (short by 1 independent item)"
            ),
            "{out}"
        );
        assert!(out.contains("+2.9   Lived experience leadership"), "{out}");
        assert!(out.contains("raters_disagree"));
        assert!(out.contains("/judgements/6"));
    }

    #[test]
    fn render_text_degenerate_reports() {
        let (engine, _) = example();
        for (keep, not_scoreable) in [(0, false), (1, false), (1, true), (2, false), (5, true)] {
            let report = degenerate(keep, not_scoreable);
            let out = text(&report, engine.framework());
            assert_narrow(&out);
            assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
            if keep == 0 || not_scoreable {
                assert!(out.contains("Incomplete: not enough rated to score"));
                assert!(out.contains("not scored"));
            }
        }
    }

    #[test]
    fn render_text_no_personal_text() {
        let (engine, report) = private_report();
        let out = text(&report, engine.framework());
        assert!(!out.contains(PRIVATE));
        assert!(!out.contains("Larkspur Street Recovery Circle"));
    }

    #[test]
    fn render_text_long_and_hostile_names_stay_narrow() {
        let (engine, report) = hostile();
        let mut framework = engine.framework().clone();
        framework.title = "x".repeat(250);
        framework.domains[0].name = "\u{1b}[31mred\u{1b}[0m".to_string();
        let out = text(&report, &framework);
        assert_narrow(&out);
        assert!(
            !out.contains('\u{1b}'),
            "control characters reach the terminal"
        );
    }

    #[test]
    fn render_text_wrap() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
        assert_eq!(fit("abcdefgh", 6), "abc...");
        assert_eq!(fit("abc", 6), "abc");
    }
}
