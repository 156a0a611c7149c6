//! Endorsements for people: one verification result in words, and the verified endorsements
//! as a section of the HTML report.
//!
//! Both take results [`verify`](crate::endorse::verify) computed; nothing here checks a
//! signature, so what the page says is exactly what verification found.

use std::fmt::Write as _;

use crate::endorse::Verification;
use crate::framework::Framework;
use crate::report::Report;

use super::html::html;
use super::words::{escape, pointer};

/// One verification result as text for a terminal: a first line saying whether it is valid
/// (and, if so, who endorsed what), then one line per problem.
///
/// ```
/// use chime_standards::endorse::verify_json;
/// use chime_standards::{render, Limits};
/// let result = verify_json(b"{}", b"{}", None, br#"{"keys": []}"#, &Limits::default());
/// let text = render::verification_text("e.json", &result);
/// assert!(text.starts_with("e.json: NOT VALID"));
/// ```
pub fn verification_text(name: &str, verification: &Verification) -> String {
    let mut out = String::new();
    match (&verification.endorsement, verification.valid) {
        (Some(endorsement), true) => {
            let organisation = endorsement
                .reviewer
                .organisation
                .as_deref()
                .map(|o| format!(" of {o}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{name}: valid: {} ({}{organisation}) {} assessment {} on {} after a {}; key {}",
                endorsement.reviewer.id,
                endorsement.reviewer.role.words(),
                endorsement.outcome.words(),
                endorsement.assessment,
                endorsement.reviewed_on,
                endorsement.scope.words(),
                verification.keyid.as_deref().unwrap_or("-"),
            );
            if !verification.report_checked {
                let _ = writeln!(out, "  note: no report was checked, only the assessment");
            }
        }
        _ => {
            let _ = writeln!(out, "{name}: NOT VALID");
        }
    }
    for problem in &verification.problems {
        let _ = writeln!(
            out,
            "  {}[{}] {} {}: {}",
            problem.severity.words(),
            problem.code,
            problem.document.words(),
            pointer(&problem.path),
            problem.message
        );
    }
    out
}

/// The HTML report ([`html`](super::html)) with a section listing the endorsements that
/// verified; those that did not are counted, with their problem codes, and not shown.
pub fn html_with_endorsements(
    report: &Report,
    framework: &Framework,
    verifications: &[Verification],
) -> String {
    let page = html(report, framework);
    let section = endorsements_section(verifications);
    match page.rfind("<footer>") {
        Some(at) => {
            let (head, tail) = page.split_at(at);
            format!("{head}{section}{tail}")
        }
        None => page,
    }
}

fn endorsements_section(verifications: &[Verification]) -> String {
    let mut out = String::new();
    out.push_str("<section aria-labelledby=\"endorsements-heading\">\n");
    out.push_str("<h2 id=\"endorsements-heading\">Endorsements</h2>\n");
    let valid: Vec<&Verification> = verifications.iter().filter(|v| v.valid).collect();
    if valid.is_empty() {
        out.push_str("<p>No endorsement given verified.</p>\n");
    } else {
        out.push_str(
            "<p class=\"note\">Each was signed by a reviewer whose key is in the trusted key set \
             given, over exactly this assessment and this report. It says the reviewer looked; \
             it does not prove the evidence true.</p>\n",
        );
        out.push_str("<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Reviewer</th><th scope=\"col\">Role</th><th scope=\"col\">Scope</th><th scope=\"col\">Reviewed on</th><th scope=\"col\">Outcome</th><th scope=\"col\">Key</th></tr></thead>\n<tbody>\n");
        for verification in valid {
            let Some(endorsement) = &verification.endorsement else {
                continue;
            };
            let organisation = endorsement
                .reviewer
                .organisation
                .as_deref()
                .map(|o| format!(" ({})", escape(o)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<tr><td>{}{organisation}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                escape(&endorsement.reviewer.id),
                endorsement.reviewer.role.words(),
                endorsement.scope.words(),
                endorsement.reviewed_on,
                endorsement.outcome.words(),
                escape(verification.keyid.as_deref().unwrap_or("")),
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    let invalid: Vec<&Verification> = verifications.iter().filter(|v| !v.valid).collect();
    if !invalid.is_empty() {
        let mut codes: Vec<&str> = invalid
            .iter()
            .flat_map(|v| {
                v.problems
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.code.as_str())
            })
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let _ = writeln!(
            out,
            "<p>{} endorsement{} given did not verify and {} not shown ({}).</p>",
            invalid.len(),
            if invalid.len() == 1 { "" } else { "s" },
            if invalid.len() == 1 { "is" } else { "are" },
            escape(&codes.join(", "))
        );
    }
    out.push_str("</section>\n");
    out
}
