//! A self-contained HTML5 page of a report: inline CSS, no scripts, no external resources.

use std::fmt::Write as _;

use crate::framework::Framework;
use crate::report::{
    AwardOutcome, DomainResult, DomainStatus, Report, StandardResult, StandardStatus,
};

use super::svg::svg;
use super::words::{
    band_or_dash, cap_explanation, count, domain_name, escape, fmt1, level_label, level_or_dash,
    leverage_step, limiting_names, percent, pointer, primary_domain, standard_title,
};

const STYLE: &str = "\
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1a1a1a;\
font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}
main{max-width:60rem;margin:0 auto;padding:1rem 1rem 2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.3rem;margin:2.25rem 0 .75rem;padding-bottom:.25rem;border-bottom:2px solid #1d4f91}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
h4{font-size:1rem;margin:0 0 .35rem}
p{margin:.4rem 0}
.eyebrow,.meta,.note,figcaption,.also{color:#4d4d4d}
.eyebrow{margin:0;font-weight:600}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;\
overflow-wrap:anywhere}
dl{margin:0}
dt{font-weight:600;color:#4d4d4d;font-size:.9rem}
dd{margin:0}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.6rem}
.summary .badge{white-space:normal}
@media (min-width:48rem){.summary{grid-template-columns:repeat(3,1fr)}}
.summary div{border:1px solid #b3b3b3;border-radius:.4rem;padding:.5rem .75rem}
.big{font-size:1.6rem;line-height:1.2}
figure{margin:0}
figure svg{display:block;width:100%;max-width:40rem;height:auto;margin:0 auto}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;padding:0 0 .5rem}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #b3b3b3;vertical-align:top}
thead th{border-bottom:2px solid #1a1a1a;font-size:.9rem}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{display:inline-block;width:5rem;height:.7rem;border:1px solid #4d4d4d;\
margin-right:.5rem;vertical-align:middle;background:#fff}
.bar span{display:block;height:100%;background:#1d4f91}
.badge{display:inline-block;border:1px solid currentColor;border-radius:.3rem;\
padding:0 .4rem;font-size:.85rem;font-weight:700;white-space:nowrap}
.badge-met{color:#0b5a26;background:#e6f4ea}
.badge-working{color:#7a4100;background:#fff4e0}
.badge-notyet{color:#8a1020;background:#fdecee}
.badge-none{color:#333;background:#f0f0f0}
.standards{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.standard{border:1px solid #b3b3b3;border-left-width:5px;border-radius:.4rem;padding:.75rem}
.standard.met{border-left-color:#0b5a26}
.standard.working{border-left-color:#b36200}
.standard.notyet{border-left-color:#8a1020}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.5rem 0}
.cap{background:#fff8e6;border:1px solid #b38600;border-radius:.3rem;padding:.4rem .6rem}
.leverage li,.diagnostics li,.reasons li{margin:.4rem 0}
footer{margin-top:2.5rem;padding-top:.75rem;border-top:1px solid #b3b3b3;color:#4d4d4d;\
font-size:.9rem}
@media (max-width:40rem){body{font-size:15px}main{padding:.75rem}h1{font-size:1.35rem}\
th,td{padding:.4rem .35rem}.bar{display:none}}
@media print{body{font-size:11pt}main{max-width:none;padding:0}.scroll{overflow:visible}\
h2,h3,h4{break-after:avoid}.standard,tr,figure,.summary div\
{break-inside:avoid}.badge,.bar,.bar span,.cap{print-color-adjust:exact;\
-webkit-print-color-adjust:exact}}
";

/// Renders a report as one self-contained HTML5 page: a summary, the radar chart, a domain
/// table, the standards grouped by domain (with the reason for every evidence cap), what would
/// move the score most, and the diagnostics.
///
/// The page is built from the report and the framework's titles only: nothing written in the
/// assessment can appear in it. Every text from the framework and every id is escaped.
///
/// ```
/// use chime_standards::{example_assessment, render, Engine};
/// let engine = Engine::default_framework();
/// let report = engine.score(&example_assessment()).unwrap();
/// let page = render::html(&report, engine.framework());
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(!page.contains("<script"));
/// ```
pub fn html(report: &Report, framework: &Framework) -> String {
    let mut out = String::new();
    let page_title = format!(
        "CHIME profile of assessment {} \u{2014} {}",
        report.assessment, framework.title
    );
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&page_title));
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<main>");

    header(&mut out, report, framework);
    summary(&mut out, report, framework);

    out.push_str("<section aria-labelledby=\"chart-heading\">\n");
    out.push_str("<h2 id=\"chart-heading\">Profile chart</h2>\n<figure>\n");
    out.push_str(&svg(report, Some(framework)));
    out.push_str(
        "<figcaption>Each axis is a domain that counts in the overall score: 0 at the centre, \
         100 at the rim; rings mark where each band starts. The domain table below gives the \
         same numbers.</figcaption>\n</figure>\n</section>\n",
    );

    domain_table(&mut out, report, framework);
    standards(&mut out, report, framework);
    leverage(&mut out, report, framework);
    agreement(&mut out, report, framework);
    diagnostics(&mut out, report);

    let _ = writeln!(
        out,
        "<footer><p>Computed by {} with the framework {} {}. This page shows ids, numbers and \
         the framework&#39;s own titles only: nothing written in the assessment (names, \
         narratives, evidence titles) is copied into a report.</p></footer>",
        escape(&report.engine),
        escape(&report.framework.id),
        escape(&report.framework.version)
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, report: &Report, framework: &Framework) {
    out.push_str("<header>\n");
    let _ = writeln!(
        out,
        "<p class=\"eyebrow\">{} {}</p>",
        escape(&framework.title),
        escape(&framework.version)
    );
    let _ = writeln!(
        out,
        "<h1>CHIME profile of assessment <code>{}</code></h1>",
        escape(&report.assessment)
    );
    let date = report.assessed_on.to_string();
    let _ = writeln!(
        out,
        "<p class=\"meta\">Organisation <code>{}</code> \u{b7} assessed on \
         <time datetime=\"{date}\">{date}</time> \u{b7} {} \u{b7} framework <code>{} {}</code></p>",
        escape(&report.organisation.id),
        report.status.words(),
        escape(&report.framework.id),
        escape(&report.framework.version),
        date = escape(&date),
    );
    out.push_str("</header>\n");
}

fn summary(out: &mut String, report: &Report, framework: &Framework) {
    let fw = Some(framework);
    out.push_str("<section aria-labelledby=\"summary-heading\">\n");
    out.push_str("<h2 id=\"summary-heading\">Summary</h2>\n<dl class=\"summary\">\n");
    let overall = match report.overall.score {
        Some(score) => format!("<strong class=\"big\">{}</strong> out of 100", fmt1(score)),
        None => "<strong>Not scored</strong>: a domain has too little rated".to_string(),
    };
    fact(out, "Overall score", &overall);
    fact(
        out,
        "Band",
        &escape(&band_or_dash(fw, report.overall.band.as_ref())),
    );
    let (class, mark) = match report.overall.award {
        AwardOutcome::MeetsStandards => ("badge-met", "\u{2713}"),
        AwardOutcome::WorkingTowards => ("badge-working", "\u{25d0}"),
        AwardOutcome::Incomplete => ("badge-none", "?"),
    };
    fact(
        out,
        "Award",
        &format!(
            "<span class=\"badge {class}\">{mark} {}</span>",
            report.overall.award.words()
        ),
    );
    fact(
        out,
        "Profile band",
        &format!(
            "{} <span class=\"note\">(the band of the lowest domain)</span>",
            escape(&band_or_dash(fw, report.overall.profile_band.as_ref()))
        ),
    );
    fact(
        out,
        "Limiting domains",
        &escape(&limiting_names(report, fw)),
    );
    let counts = [
        StandardStatus::Met,
        StandardStatus::WorkingTowards,
        StandardStatus::NotYet,
        StandardStatus::NotAssessed,
        StandardStatus::NotApplicable,
    ]
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
    .join(", ");
    fact(out, "Standards", &counts);
    out.push_str("</dl>\n</section>\n");
}

/// One `<dt>`/`<dd>` pair; `value` is markup, already escaped.
fn fact(out: &mut String, term: &str, value: &str) {
    let _ = writeln!(out, "<div><dt>{term}</dt><dd>{value}</dd></div>");
}

fn domain_table(out: &mut String, report: &Report, framework: &Framework) {
    let fw = Some(framework);
    out.push_str("<section aria-labelledby=\"domains-heading\">\n");
    out.push_str("<h2 id=\"domains-heading\">Domains</h2>\n<div class=\"scroll\">\n<table>\n");
    out.push_str(
        "<caption>Domain scores (0 to 100), bands and how much of each domain was rated\
         </caption>\n<thead><tr><th scope=\"col\">Domain</th><th scope=\"col\" class=\"num\">\
         Score</th><th scope=\"col\">Band</th><th scope=\"col\" class=\"num\">Coverage</th>\
         <th scope=\"col\">Status</th><th scope=\"col\">In overall</th></tr></thead>\n\
         <tbody>\n",
    );
    for result in &report.domains {
        let score = match result.score.filter(|s| s.is_finite()) {
            Some(score) => format!(
                "<span class=\"bar\" aria-hidden=\"true\"><span style=\"width:{}%\"></span>\
                 </span>{}",
                fmt1(score.clamp(0.0, 100.0)),
                fmt1(score)
            ),
            None => "\u{2014}".to_string(),
        };
        let coverage = result
            .coverage
            .map_or_else(|| "\u{2014}".to_string(), |c| percent(Some(c)));
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{score}</td><td>{}</td>\
             <td class=\"num\">{coverage}</td><td>{}</td><td>{}</td></tr>",
            escape(&domain_name(fw, &result.domain)),
            escape(&band_or_dash(fw, result.band.as_ref())),
            domain_badge(result.status),
            counts_in_overall(framework, result)
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    let reasons: Vec<&DomainResult> = report
        .domains
        .iter()
        .filter(|result| result.reason.is_some())
        .collect();
    if !reasons.is_empty() {
        out.push_str("<p>Why some domains have no score:</p>\n<ul class=\"reasons\">\n");
        for result in reasons {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong>: {}</li>",
                escape(&domain_name(fw, &result.domain)),
                escape(result.reason.as_deref().unwrap_or_default())
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn domain_badge(status: DomainStatus) -> String {
    let class = match status {
        DomainStatus::Scored => "badge-met",
        DomainStatus::NotScoreable => "badge-notyet",
        DomainStatus::NotApplicable => "badge-none",
    };
    let mark = match status {
        DomainStatus::Scored => "\u{2713}",
        DomainStatus::NotScoreable => "?",
        DomainStatus::NotApplicable => "\u{2013}",
    };
    format!(
        "<span class=\"badge {class}\">{mark} {}</span>",
        status.words()
    )
}

fn counts_in_overall(framework: &Framework, result: &DomainResult) -> &'static str {
    if result.participates {
        return "Yes";
    }
    match framework.domain(&result.domain) {
        _ if result.status == DomainStatus::NotApplicable => "No: not applicable",
        Some(domain) if !domain.core => "No: not a core domain",
        Some(_) => "No: weight 0",
        None => "No",
    }
}

/// Standards grouped by their first domain, in framework order; standards the framework does
/// not know come last.
fn standards(out: &mut String, report: &Report, framework: &Framework) {
    out.push_str("<section aria-labelledby=\"standards-heading\">\n");
    out.push_str("<h2 id=\"standards-heading\">Standards by domain</h2>\n");
    out.push_str(
        "<p class=\"note\">Each standard is listed under its first domain. \u{201c}Claimed\u{201d} \
         is the level the organisation gave; \u{201c}counted\u{201d} is the level its current \
         evidence supports.</p>\n",
    );
    for domain in &framework.domains {
        let group: Vec<&StandardResult> = report
            .standards
            .iter()
            .filter(|result| {
                primary_domain(framework, &result.standard) == Some(domain.id.as_str())
            })
            .collect();
        standard_group(out, framework, &domain.name, &group);
    }
    let others: Vec<&StandardResult> = report
        .standards
        .iter()
        .filter(|result| {
            primary_domain(framework, &result.standard)
                .is_none_or(|id| framework.domain(id).is_none())
        })
        .collect();
    standard_group(out, framework, "Other standards", &others);
    out.push_str("</section>\n");
}

fn standard_group(
    out: &mut String,
    framework: &Framework,
    heading: &str,
    group: &[&StandardResult],
) {
    if group.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<ul class=\"standards\">",
        escape(heading)
    );
    for result in group {
        standard_item(out, framework, result);
    }
    out.push_str("</ul>\n");
}

fn standard_item(out: &mut String, framework: &Framework, result: &StandardResult) {
    let (class, mark) = match result.status {
        StandardStatus::Met => ("met", "\u{2713}"),
        StandardStatus::WorkingTowards => ("working", "\u{25d0}"),
        StandardStatus::NotYet => ("notyet", "\u{25cb}"),
        StandardStatus::NotApplicable => ("none", "\u{2013}"),
        StandardStatus::NotAssessed => ("none", "?"),
    };
    let met = level_label(framework, framework.scoring.met_level);
    let words = match result.status {
        StandardStatus::Met => format!("Counted at or above {met}, the level that meets it."),
        StandardStatus::WorkingTowards => {
            format!(
                "Counted above {} but below {met}, the level that meets it.",
                level_label(framework, 0)
            )
        }
        StandardStatus::NotYet => {
            format!("Counted at {}.", level_or_dash(framework, result.effective))
        }
        StandardStatus::NotApplicable => "Does not apply to this organisation.".to_string(),
        StandardStatus::NotAssessed => "No rating was given.".to_string(),
    };
    let _ = writeln!(out, "<li class=\"standard {class}\">");
    let _ = writeln!(
        out,
        "<h4>{}</h4>",
        escape(&standard_title(framework, &result.standard))
    );
    let core = match framework.standard(&result.standard) {
        Some(standard) if standard.core => {
            " <span class=\"note\">Core standard: must be met for the award.</span>"
        }
        _ => "",
    };
    let _ = writeln!(
        out,
        "<p><span class=\"badge badge-{class}\">{mark} {}</span> {}{core}</p>",
        result.status.words(),
        escape(&words)
    );
    let evidence = &result.evidence;
    let _ = writeln!(
        out,
        "<dl class=\"facts\"><div><dt>Claimed</dt><dd>{}</dd></div><div><dt>Counted</dt>\
         <dd>{}</dd></div><div><dt>Evidence</dt><dd>{} current ({} independent), {} stale; {}\
         </dd></div>{}</dl>",
        escape(&level_or_dash(framework, result.claimed)),
        escape(&level_or_dash(framework, result.effective)),
        evidence.current,
        evidence.independent,
        evidence.stale,
        count(evidence.points, "point", "points"),
        raters(result)
    );
    if let Some(explanation) = cap_explanation(framework, result) {
        let _ = writeln!(
            out,
            "<p class=\"cap\"><strong>Capped by evidence:</strong> {}.</p>",
            escape(&explanation)
        );
    }
    let also: Vec<String> = framework
        .standard(&result.standard)
        .map(|standard| {
            standard
                .domains
                .iter()
                .skip(1)
                .map(|tag| domain_name(Some(framework), &tag.domain))
                .collect()
        })
        .unwrap_or_default();
    if !also.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"also\">Also counts towards: {}</p>",
            escape(&also.join(", "))
        );
    }
    out.push_str("</li>\n");
}

fn raters(result: &StandardResult) -> String {
    if result.raters.n == 0 {
        return String::new();
    }
    let spread = count(f64::from(result.raters.spread), "level", "levels");
    format!(
        "<div><dt>Raters</dt><dd>{} (spread {spread})</dd></div>",
        result.raters.n
    )
}

fn leverage(out: &mut String, report: &Report, framework: &Framework) {
    out.push_str("<section aria-labelledby=\"leverage-heading\">\n");
    out.push_str("<h2 id=\"leverage-heading\">What would move you most</h2>\n");
    if report.leverage.is_empty() {
        let why = if report.overall.score.is_none() {
            "Not available until the overall score can be computed."
        } else {
            "No single step up would raise the overall score by 0.1 or more."
        };
        let _ = writeln!(out, "<p>{why}</p>");
    } else {
        out.push_str(
            "<p>Raising one standard by one level, all else equal, would add this much to the \
             overall score:</p>\n<ol class=\"leverage\">\n",
        );
        for item in &report.leverage {
            let step = leverage_step(framework, report, &item.standard)
                .map(|step| format!(" <span class=\"note\">({})</span>", escape(&step)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><strong>+{}</strong> {}{step}</li>",
                fmt1(item.gain),
                escape(&standard_title(framework, &item.standard))
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn agreement(out: &mut String, report: &Report, framework: &Framework) {
    let sentences = super::agreement::agreement_sentences(report, framework);
    if sentences.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"agreement-heading\">\n");
    out.push_str("<h2 id=\"agreement-heading\">How far the raters agree</h2>\n");
    for sentence in &sentences {
        let _ = writeln!(out, "<p>{}</p>", escape(sentence));
    }
    out.push_str("</section>\n");
}

fn diagnostics(out: &mut String, report: &Report) {
    out.push_str("<section aria-labelledby=\"diagnostics-heading\">\n");
    out.push_str("<h2 id=\"diagnostics-heading\">Warnings and notes</h2>\n");
    if report.diagnostics.is_empty() {
        out.push_str("<p>None.</p>\n");
    } else {
        out.push_str("<ul class=\"diagnostics\">\n");
        for diagnostic in &report.diagnostics {
            let _ = writeln!(
                out,
                "<li><span class=\"badge badge-none\">{}</span> <code>{}</code> at <code>{}</code> \
                 in the {}: {}</li>",
                diagnostic.severity.words(),
                escape(diagnostic.code.as_str()),
                escape(pointer(&diagnostic.path)),
                diagnostic.document.words(),
                escape(&diagnostic.message)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
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
    use crate::render::check::{
        degenerate, example, hostile, private_report, well_formed, PRIVATE,
    };

    const VOID: &[&str] = &["meta"];

    fn assert_sound(page: &str) {
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        well_formed(page, VOID).unwrap_or_else(|error| panic!("{error}"));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(page.contains("name=\"viewport\""));
        for bad in [
            "<script", "NaN", "inf%", "http://", "https://", " src=", "<link", "@import",
        ] {
            let allowed = bad == "http://" && page.matches(bad).count() == 1;
            // The one http:// is the SVG namespace, which is not fetched.
            assert!(allowed || !page.contains(bad), "{bad} in page");
        }
        assert!(page.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    }

    /// The text of the `<table>` element.
    fn table(page: &str) -> &str {
        &page[page.find("<table>").unwrap()..page.find("</table>").unwrap()]
    }

    #[test]
    fn render_html_example_has_every_section() {
        let (engine, report) = example();
        let fw = engine.framework();
        let page = html(&report, fw);
        assert_sound(&page);
        assert!(page.contains("<style>"));
        assert!(page.contains("<strong class=\"big\">67.4</strong>"));
        assert!(page.contains("Working towards the standards"));
        assert!(
            page.contains("<dd>Identity</dd>"),
            "limiting domain by name"
        );
        // The chart, inline.
        assert_eq!(page.matches("<svg ").count(), 1);
        // The domain table: caption, column and row headers, every domain by name.
        let table = table(&page);
        assert!(table.contains("<caption>"));
        assert!(table.contains("<th scope=\"col\">Domain</th>"));
        for domain in &fw.domains {
            assert!(
                table.contains(&format!("<th scope=\"row\">{}</th>", escape(&domain.name))),
                "{} missing",
                domain.name
            );
        }
        assert!(table.contains(">40.6</td>"));
        assert!(table.contains("100.0%"));
        // Standards grouped by domain, each with status in words and a badge.
        for domain in &fw.domains {
            assert!(page.contains(&format!("<h3>{}</h3>", escape(&domain.name))));
        }
        for standard in &fw.standards {
            assert!(page.contains(&format!("<h4>{}</h4>", escape(&standard.title))));
        }
        assert!(page.contains("<span class=\"badge badge-met\">\u{2713} Met</span>"));
        assert!(page.contains(
            "<span class=\"badge badge-none\">\u{2013} Not applicable</span> Does not apply"
        ));
        assert!(page.contains(
            "<span class=\"badge badge-working\">\u{25d0} Working towards</span> Counted above \
             Not yet (0) but below Established (3)"
        ));
        // The capped standard, explained from its numbers.
        assert!(page.contains(
            "<strong>Capped by evidence:</strong> claimed Leading (4), counted as Established \
             (3): Leading needs 3 evidence points and 1 independent item; it has 3 points and \
             0 independent (short by 1 independent item).</p>"
        ));
        let m3 = page
            .find("<h4>Lived experience as a resource</h4>")
            .unwrap();
        let m3 = &page[m3..m3 + page[m3..].find("</li>").unwrap()];
        assert!(
            m3.contains(
                "claimed Established (3), counted as Developing (2): Established needs \
                 2 evidence points; it has 1 point and 0 independent (short by 1 point)"
            ),
            "{m3}"
        );
        assert!(
            m3.contains("1 current (0 independent), 0 stale; 1 point"),
            "{m3}"
        );
        // Leverage and diagnostics.
        assert!(page.contains("<li><strong>+2.9</strong> Lived experience leadership"));
        assert!(page.contains("<code>raters_disagree</code> at <code>/judgements/6</code>"));
        // A standard rated by raters shows their spread.
        assert!(page.contains("(spread 2 levels)"));
    }

    #[test]
    fn render_html_degenerate_reports() {
        let (engine, _) = example();
        for (keep, not_scoreable) in [(0, false), (1, false), (1, true), (2, false), (5, true)] {
            let report = degenerate(keep, not_scoreable);
            let page = html(&report, engine.framework());
            assert_sound(&page);
            if keep == 0 || not_scoreable {
                assert!(page.contains("Incomplete: not enough rated to score"));
                assert!(page.contains("Not available until the overall score can be computed."));
            }
            if not_scoreable {
                assert!(page.contains("Why some domains have no score:"));
            }
        }
    }

    #[test]
    fn render_html_escapes_framework_text_and_ids() {
        let (engine, mut report) = hostile();
        report.assessment = "<script>alert(2)</script>".to_string();
        report.organisation.id = "o&<i>".to_string();
        let page = html(&report, engine.framework());
        assert_sound(&page);
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;co&#39; &quot;q&quot;")
        );
        assert!(page.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
        assert!(page.contains("o&amp;&lt;i&gt;"));
        assert!(!page.contains("<i>"));
    }

    #[test]
    fn render_html_no_personal_text() {
        let (engine, report) = private_report();
        let page = html(&report, engine.framework());
        assert_sound(&page);
        assert!(!page.contains(PRIVATE));
        assert!(!page.contains("Larkspur Street Recovery Circle"));
    }

    #[test]
    fn render_html_unknown_standard_is_listed_by_id() {
        let (engine, mut report) = example();
        let mut extra = report.standards[0].clone();
        extra.standard = "x9-not-in-framework".into();
        report.standards.push(extra);
        let page = html(&report, engine.framework());
        assert_sound(&page);
        assert!(page.contains("<h3>Other standards</h3>"));
        assert!(page.contains("<h4>x9-not-in-framework</h4>"));
    }
}
