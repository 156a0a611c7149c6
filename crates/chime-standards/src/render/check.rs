//! Test helpers for the renderers: a small well-formedness checker and shared fixtures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::engine::Engine;
use crate::report::{AwardOutcome, DomainStatus, Report, ScoreStatus};

/// A distinctive string planted in every free-text field of an assessment.
pub(crate) const PRIVATE: &str = "ZQXJ-PRIVATE-7731";

/// Markup planted in framework titles.
pub(crate) const HOSTILE: &str = "<script>alert(1)</script> & 'co' \"q\"";

/// The default engine and the example report.
pub(crate) fn example() -> (Engine, Report) {
    let engine = Engine::default_framework();
    let report = engine.score(&crate::example_assessment()).unwrap();
    (engine, report)
}

/// The example assessment with `PRIVATE` in every free-text field, scored.
pub(crate) fn private_report() -> (Engine, Report) {
    let engine = Engine::default_framework();
    let mut assessment = crate::example_assessment();
    assessment.organisation.name = Some(format!("{PRIVATE} organisation"));
    for evidence in &mut assessment.evidence {
        evidence.title = format!("{PRIVATE} evidence title");
    }
    for judgement in &mut assessment.judgements {
        judgement.narrative = Some(format!("{PRIVATE} narrative"));
        judgement.strengths = Some(format!("{PRIVATE} strengths"));
        judgement.justification = Some(format!("{PRIVATE} justification"));
        for action in &mut judgement.actions {
            action.description = format!("{PRIVATE} action");
        }
    }
    let report = engine.score(&assessment).unwrap();
    (engine, report)
}

/// The default framework with markup in every domain name, standard title, level and band
/// label, and the example scored against it.
pub(crate) fn hostile() -> (Engine, Report) {
    let mut framework = crate::default_framework();
    framework.title = format!("{HOSTILE} framework");
    for domain in &mut framework.domains {
        domain.name = format!("{HOSTILE} {}", domain.name);
    }
    for standard in &mut framework.standards {
        standard.title = format!("{HOSTILE} {}", standard.title);
    }
    for level in &mut framework.rating_scale.levels {
        level.label = format!("{HOSTILE} {}", level.label);
    }
    for band in &mut framework.scoring.bands {
        band.label = format!("{HOSTILE} {}", band.label);
    }
    let engine = Engine::new(framework).unwrap();
    let report = engine.score(&crate::example_assessment()).unwrap();
    (engine, report)
}

/// The example report with only the first `keep` domains taking part; the rest are made
/// not applicable. With `not_scoreable`, the kept domains are not scoreable either.
pub(crate) fn degenerate(keep: usize, not_scoreable: bool) -> Report {
    let (_, mut report) = example();
    for (i, domain) in report.domains.iter_mut().enumerate() {
        if i >= keep {
            domain.status = DomainStatus::NotApplicable;
            domain.participates = false;
            domain.score = None;
            domain.band = None;
            domain.coverage = None;
            domain.reason = None;
        } else if not_scoreable {
            domain.status = DomainStatus::NotScoreable;
            domain.score = None;
            domain.band = None;
            domain.coverage = Some(0.5);
            domain.reason = Some("coverage 0.500 is below the minimum 0.750".to_string());
        }
    }
    if keep == 0 || not_scoreable {
        report.overall.score = None;
        report.overall.band = None;
        report.overall.profile_band = None;
        report.overall.limiting_domains.clear();
        report.overall.award = AwardOutcome::Incomplete;
        report.overall.status = ScoreStatus::NotScoreable;
        report.overall.award_gap = None;
        report.leverage.clear();
    }
    report
}

/// Checks that markup is well formed: tags balance, attributes are quoted and unique, and every
/// `&` starts a character reference. `void` names HTML elements that have no end tag.
pub(crate) fn well_formed(doc: &str, void: &[&str]) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = doc;
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open])?;
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or("unclosed comment")?;
            rest = &after[end + 3..];
            continue;
        }
        if rest.starts_with("<!") {
            let end = rest.find('>').ok_or("unclosed declaration")?;
            rest = &rest[end + 1..];
            continue;
        }
        let end = tag_end(rest).ok_or_else(|| format!("unclosed tag near {:?}", head(rest)))?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            match stack.pop() {
                Some(top) if top == name => {}
                Some(top) => return Err(format!("</{name}> closes <{top}>")),
                None => return Err(format!("</{name}> closes nothing")),
            }
            continue;
        }
        let (body, self_closing) = match tag.strip_suffix('/') {
            Some(body) => (body, true),
            None => (tag, false),
        };
        let name_len = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
        let name = &body[..name_len];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        {
            return Err(format!("bad tag name in <{tag}>"));
        }
        check_attributes(&body[name_len..])?;
        if self_closing || void.contains(&name) {
            continue;
        }
        if name == "style" {
            let close = rest.find("</style>").ok_or("unclosed <style>")?;
            if rest[..close].contains('<') {
                return Err("< inside <style>".to_string());
            }
            rest = &rest[close + "</style>".len()..];
            continue;
        }
        stack.push(name.to_string());
    }
    check_text(rest)?;
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed elements: {stack:?}"))
    }
}

fn head(text: &str) -> String {
    text.chars().take(40).collect()
}

/// The index of the `>` that ends the tag at the start of `text`, skipping quoted values.
fn tag_end(text: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => return None,
            '>' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn check_attributes(mut text: &str) -> Result<(), String> {
    let mut seen: Vec<&str> = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return Ok(());
        }
        let eq = text
            .find('=')
            .ok_or_else(|| format!("attribute without value: {text:?}"))?;
        let name = &text[..eq];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':' || c == '_')
        {
            return Err(format!("bad attribute name {name:?}"));
        }
        if seen.contains(&name) {
            return Err(format!("duplicate attribute {name}"));
        }
        seen.push(name);
        let value = text[eq + 1..]
            .strip_prefix('"')
            .ok_or_else(|| format!("unquoted attribute {name}"))?;
        let close = value.find('"').ok_or("unclosed attribute value")?;
        let content = &value[..close];
        if content.contains('<') {
            return Err(format!("< in attribute {name}"));
        }
        check_text(content)?;
        text = &value[close + 1..];
        if !text.is_empty() && !text.starts_with(char::is_whitespace) {
            return Err(format!("no space after attribute {name}"));
        }
    }
}

/// Every `&` must start `&name;` or `&#digits;` with a known name.
fn check_text(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        rest = &rest[amp + 1..];
        let semi = rest.find(';').ok_or("bare &")?;
        let entity = &rest[..semi];
        let ok = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || entity.strip_prefix('#').is_some_and(|digits| {
                !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
            });
        if !ok {
            return Err(format!("bad character reference &{entity};"));
        }
        rest = &rest[semi + 1..];
    }
    Ok(())
}

#[test]
fn render_check_catches_bad_markup() {
    assert!(well_formed("<svg><g></g></svg>", &[]).is_ok());
    assert!(well_formed("<svg><g/></svg>", &[]).is_ok());
    assert!(well_formed("<svg><g></svg>", &[]).is_err());
    assert!(well_formed("<svg><g></g>", &[]).is_err());
    assert!(well_formed("<svg a=\"1\" a=\"2\"></svg>", &[]).is_err());
    assert!(well_formed("<svg a=1></svg>", &[]).is_err());
    assert!(well_formed("<svg>Tom & Jerry</svg>", &[]).is_err());
    assert!(well_formed("<svg>Tom &amp; Jerry &#39;</svg>", &[]).is_ok());
    assert!(well_formed("<p><meta charset=\"utf-8\"></p>", &["meta"]).is_ok());
    assert!(well_formed("<p><meta charset=\"utf-8\"></p>", &[]).is_err());
}
