//! An SVG radar chart of a report's domain scores: deterministic, self-contained and
//! accessible (a title and a description that states every score).

use std::f64::consts::PI;
use std::fmt::Write as _;

use crate::framework::Framework;
use crate::report::{DomainStatus, Report};

use super::words::{
    band_label, band_or_dash, domain_name, escape, fmt1, fmt_trim, limiting_names, participating,
};

const WIDTH: f64 = 480.0;
/// The least height; labels that need more room make the chart taller, never cramped.
const HEIGHT: f64 = 420.0;
const CX: f64 = 240.0;
/// The least distance from the top to the centre; lower when a top label needs the room.
const CY: f64 = 234.0;
/// The lowest y the heading uses, plus a margin: labels start below it.
const HEADING_BOTTOM: f64 = 74.0;
/// Baseline-to-baseline distance of legend lines.
const LEGEND_LINE: f64 = 13.0;
/// Radius of the rim (a score of 100).
const RADIUS: f64 = 114.0;
/// Distance from the centre to the anchor of an axis label.
const LABEL_RADIUS: f64 = RADIUS + 14.0;
/// Baseline-to-baseline distance of label lines.
const LINE: f64 = 14.0;
/// Average advance of a 12px sans-serif character (wide fonts included), for wrapping labels.
const CHAR: f64 = 7.0;
/// The same for the bold 13px score line.
const BOLD_CHAR: f64 = 7.2;

/// Near-black text on white: contrast above 15:1.
const INK: &str = "#1a1a1a";
/// Secondary text: contrast above 7:1 on white.
const MUTED: &str = "#4d4d4d";
/// Rings and axes: contrast above 3:1 on white (non-text graphics).
const GRID: &str = "#8c8c8c";
/// The score polygon: dark blue, contrast above 8:1 on white.
const SERIES: &str = "#1d4f91";
/// Domains that could not be scored: dark red, contrast above 7:1 on white.
const ALERT: &str = "#a3122a";

/// One axis of the chart.
struct Axis {
    name: String,
    /// The score, or `None` when the domain could not be scored (drawn at 0).
    score: Option<f64>,
    band: Option<String>,
    angle: f64,
    /// The y of the chart's centre.
    cy: f64,
}

impl Axis {
    /// The point of the axis at a score from 0 to 100.
    fn at(&self, score: f64) -> (f64, f64) {
        let r = RADIUS * clamp_score(score) / 100.0;
        let (sin, cos) = self.angle.sin_cos();
        (CX + r * cos, self.cy + r * sin)
    }

    fn point(&self) -> (f64, f64) {
        self.at(self.score.unwrap_or(0.0))
    }
}

/// Renders a radar chart of the participating domains' scores as a standalone SVG document.
///
/// One axis per domain that takes part in the overall score (core, weight above 0 and
/// applicable; without a framework, every applicable domain), rings at the framework's band
/// minimums (25, 50, 75 without one) and the rim at 100. Every score is also written as a
/// number, so nothing is told by colour alone.
///
/// ```
/// use chime_standards::{example_assessment, render, Engine};
/// let engine = Engine::default_framework();
/// let report = engine.score(&example_assessment()).unwrap();
/// let svg = render::svg(&report, Some(engine.framework()));
/// assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
/// ```
pub fn svg(report: &Report, framework: Option<&Framework>) -> String {
    let domains = participating(report);
    let n = domains.len();
    let mut axes: Vec<Axis> = domains
        .iter()
        .enumerate()
        .map(|(i, result)| {
            let score = match result.status {
                DomainStatus::Scored => result.score.filter(|s| s.is_finite()),
                _ => None,
            };
            Axis {
                name: domain_name(framework, &result.domain),
                score,
                band: result.band.as_ref().map(|id| band_label(framework, id)),
                // `i < n`, so `n > 0` here.
                angle: -PI / 2.0 + 2.0 * PI * i as f64 / n as f64,
                cy: CY,
            }
        })
        .collect();

    // Lay the labels out around a centre at y = 0, then move the centre down (and make the
    // chart taller) as far as the labels need.
    let labels: Vec<Label> = axes.iter().map(|axis| label(axis, n)).collect();
    let top = labels
        .iter()
        .map(Label::top)
        .fold(-(RADIUS + 6.0), f64::min);
    let bottom = labels
        .iter()
        .map(Label::bottom)
        .fold(RADIUS + 6.0, f64::max);
    let cy = CY.max(HEADING_BOTTOM - top);
    for axis in &mut axes {
        axis.cy = cy;
    }
    let legend = legend(framework);
    let legend_height = if legend.is_empty() {
        0.0
    } else {
        22.0 + (legend.len() as f64 - 1.0) * LEGEND_LINE
    };
    let height = HEIGHT.max((cy + bottom + legend_height + 10.0).ceil());

    let id = xml_id(&report.assessment);
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
         height=\"{h}\" role=\"img\" aria-labelledby=\"{title_id} {desc_id}\" \
         font-family=\"system-ui, sans-serif\" class=\"chime-chart\">",
        w = num(WIDTH),
        h = num(height),
    );
    let _ = writeln!(
        out,
        "<title id=\"{title_id}\">CHIME profile of assessment {}</title>",
        escape(&report.assessment)
    );
    let _ = writeln!(
        out,
        "<desc id=\"{desc_id}\">{}</desc>",
        escape(&description(report, framework, &axes))
    );
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        num(WIDTH),
        num(height)
    );
    heading(&mut out, report, framework);
    let rings = rings(framework);
    draw_rings(&mut out, &rings, cy);
    draw_axes(&mut out, &axes);
    draw_scores(&mut out, &axes);
    draw_ring_labels(&mut out, &rings, n, cy);
    draw_legend(&mut out, &legend, height);
    for (axis, label) in axes.iter().zip(&labels) {
        draw_label(&mut out, axis, label, cy);
    }
    if axes.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" fill=\"{INK}\" \
             stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">\
             No domain takes part in the overall score</text>",
            num(CX),
            num(cy + 4.0)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The description read by screen readers: every score in words.
fn description(report: &Report, framework: Option<&Framework>, axes: &[Axis]) -> String {
    let mut text = match report.overall.score {
        Some(score) => format!(
            "Overall {}, band {}.",
            fmt1(score),
            band_or_dash(framework, report.overall.band.as_ref())
        ),
        None => "Overall not scored.".to_string(),
    };
    if axes.is_empty() {
        text.push_str(" No domain takes part in the overall score.");
    } else {
        let scores: Vec<String> = axes
            .iter()
            .map(|axis| match (axis.score, &axis.band) {
                (Some(score), Some(band)) => format!("{} {} ({band})", axis.name, fmt1(score)),
                (Some(score), None) => format!("{} {}", axis.name, fmt1(score)),
                (None, _) => format!("{} not scored", axis.name),
            })
            .collect();
        let _ = write!(text, " {}.", scores.join(", "));
    }
    if let Some(profile) = &report.overall.profile_band {
        let _ = write!(
            text,
            " Profile band {}, set by {}.",
            band_label(framework, profile),
            limiting_names(report, framework)
        );
    }
    let _ = write!(text, " {}.", report.overall.award.words());
    text
}

/// The lines above the chart: overall score and band, award, profile band.
fn heading(out: &mut String, report: &Report, framework: Option<&Framework>) {
    let overall = match report.overall.score {
        Some(score) => format!(
            "Overall {} \u{b7} {}",
            fmt1(score),
            band_or_dash(framework, report.overall.band.as_ref())
        ),
        None => "Overall not scored".to_string(),
    };
    let _ = writeln!(
        out,
        "<text x=\"16\" y=\"28\" font-size=\"16\" font-weight=\"700\" fill=\"{INK}\">{}</text>",
        escape(&shorten(&overall, 44))
    );
    let _ = writeln!(
        out,
        "<text x=\"16\" y=\"46\" font-size=\"12\" fill=\"{INK}\">{}</text>",
        escape(&shorten(report.overall.award.words(), 62))
    );
    if let Some(profile) = &report.overall.profile_band {
        let line = format!(
            "Profile band {} \u{b7} limiting: {}",
            band_label(framework, profile),
            limiting_names(report, framework)
        );
        let _ = writeln!(
            out,
            "<text x=\"16\" y=\"62\" font-size=\"12\" fill=\"{MUTED}\">{}</text>",
            escape(&shorten(&line, 62))
        );
    }
}

/// A ring: its score and its label.
struct Ring {
    score: f64,
    label: String,
    /// The band the award requires.
    award: bool,
}

/// The key under the chart: where each of the framework's bands starts, in lines.
fn legend(framework: Option<&Framework>) -> Vec<String> {
    let Some(fw) = framework else {
        return Vec::new();
    };
    let bands: Vec<String> = fw
        .scoring
        .bands
        .iter()
        .map(|band| {
            let award = if band.id == fw.scoring.award.required_band {
                " (award)"
            } else {
                ""
            };
            format!("{} from {}{award}", band.label, fmt_trim(band.min, 1))
        })
        .collect();
    if bands.is_empty() {
        return Vec::new();
    }
    let legend = format!("Rings mark where each band starts: {}.", bands.join(", "));
    wrap_label(&legend, 66, 2)
}

/// The legend, set at the foot of the chart.
fn draw_legend(out: &mut String, lines: &[String], height: f64) {
    if lines.is_empty() {
        return;
    }
    let top = height - 10.0 - (lines.len() as f64 - 1.0) * LEGEND_LINE;
    let _ = writeln!(out, "<text font-size=\"11\" fill=\"{MUTED}\">");
    for (i, line) in lines.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tspan x=\"16\" y=\"{}\">{}</tspan>",
            num(top + i as f64 * LEGEND_LINE),
            escape(line)
        );
    }
    out.push_str("</text>\n");
}

/// Rings at the framework's band minimums above 0 and below 100, then the rim at 100.
fn rings(framework: Option<&Framework>) -> Vec<Ring> {
    let mut rings: Vec<Ring> = match framework {
        Some(fw) => fw
            .scoring
            .bands
            .iter()
            .filter(|band| band.min.is_finite() && band.min > 0.0 && band.min < 100.0)
            .map(|band| Ring {
                score: band.min,
                label: fmt_trim(band.min, 1),
                award: band.id == fw.scoring.award.required_band,
            })
            .collect(),
        None => [25.0, 50.0, 75.0]
            .iter()
            .map(|&score| Ring {
                score,
                label: fmt_trim(score, 0),
                award: false,
            })
            .collect(),
    };
    rings.push(Ring {
        score: 100.0,
        label: "100".to_string(),
        award: false,
    });
    rings
}

fn draw_rings(out: &mut String, rings: &[Ring], cy: f64) {
    out.push_str("<g fill=\"none\" stroke=\"");
    out.push_str(GRID);
    out.push_str("\">\n");
    for ring in rings {
        let width = if ring.award || ring.score >= 100.0 {
            "1.6"
        } else {
            "1"
        };
        let _ = writeln!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" stroke-width=\"{width}\"/>",
            num(CX),
            num(cy),
            num(RADIUS * clamp_score(ring.score) / 100.0)
        );
    }
    out.push_str("</g>\n");
}

/// Ring labels, set between the first two axes so that they do not sit on an axis.
fn draw_ring_labels(out: &mut String, rings: &[Ring], n: usize, cy: f64) {
    let angle = if n >= 2 {
        -PI / 2.0 + PI / n as f64
    } else {
        -PI / 4.0
    };
    let _ = writeln!(
        out,
        "<g font-size=\"10\" fill=\"{MUTED}\" stroke=\"#ffffff\" stroke-width=\"3\" \
         paint-order=\"stroke\" stroke-linejoin=\"round\">"
    );
    let (sin, cos) = angle.sin_cos();
    for ring in rings {
        let r = RADIUS * clamp_score(ring.score) / 100.0;
        let x = CX + r * cos + 3.0;
        let y = cy + r * sin - 3.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            num(x),
            num(y),
            escape(&ring.label)
        );
    }
    out.push_str("</g>\n");
}

fn draw_axes(out: &mut String, axes: &[Axis]) {
    for axis in axes {
        let (x, y) = axis.at(100.0);
        let style = if axis.score.is_some() {
            format!("stroke=\"{GRID}\" stroke-width=\"1\"")
        } else {
            format!("stroke=\"{ALERT}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"")
        };
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {style}/>",
            num(CX),
            num(axis.cy),
            num(x),
            num(y)
        );
    }
}

/// The scores: a polygon for three or more axes, bars from the centre for one or two.
fn draw_scores(out: &mut String, axes: &[Axis]) {
    if axes.len() >= 3 {
        let points: Vec<String> = axes
            .iter()
            .map(|axis| {
                let (x, y) = axis.point();
                format!("{},{}", num(x), num(y))
            })
            .collect();
        let _ = writeln!(
            out,
            "<polygon points=\"{}\" fill=\"{SERIES}\" fill-opacity=\"0.18\" stroke=\"{SERIES}\" \
             stroke-width=\"2.5\" stroke-linejoin=\"round\"/>",
            points.join(" ")
        );
    } else {
        for axis in axes.iter().filter(|axis| axis.score.is_some()) {
            let (x, y) = axis.point();
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{SERIES}\" \
                 stroke-opacity=\"0.6\" stroke-width=\"8\" stroke-linecap=\"round\"/>",
                num(CX),
                num(axis.cy),
                num(x),
                num(y)
            );
        }
    }
    for axis in axes {
        let (x, y) = axis.point();
        if axis.score.is_some() {
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{SERIES}\" stroke=\"#ffffff\" \
                 stroke-width=\"1.5\"/>",
                num(x),
                num(y)
            );
        } else {
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"#ffffff\" stroke=\"{ALERT}\" \
                 stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
                num(x),
                num(y)
            );
        }
    }
}

/// An axis label laid out around a centre at y = 0: the domain name, wrapped, then the score
/// (bold) and band.
struct Label {
    anchor: &'static str,
    x: f64,
    /// Baseline of the first line, relative to the centre.
    first: f64,
    lines: Vec<String>,
    /// The index of the bold score line; a band label too long to share it follows it.
    score_line: usize,
}

impl Label {
    /// The top of the first line, relative to the centre.
    fn top(&self) -> f64 {
        self.first - 13.0
    }

    /// The bottom of the last line (descenders included), relative to the centre.
    fn bottom(&self) -> f64 {
        self.first + (self.lines.len() as f64 - 1.0) * LINE + 5.0
    }
}

/// Lays out the label of one of `n` axes.
fn label(axis: &Axis, n: usize) -> Label {
    let (sin, cos) = axis.angle.sin_cos();
    let x = CX + LABEL_RADIUS * cos;
    let y = LABEL_RADIUS * sin;
    let (anchor, room) = if cos > 0.3 {
        ("start", WIDTH - 8.0 - x)
    } else if cos < -0.3 {
        ("end", x - 8.0)
    } else {
        // No wider than the gap to the neighbouring labels.
        let gap = if n >= 3 {
            2.0 * LABEL_RADIUS * (PI / n as f64).sin()
        } else {
            WIDTH
        };
        ("middle", (2.0 * x.min(WIDTH - x) - 16.0).min(gap - 8.0))
    };
    // Crowded charts get shorter labels, so that neighbours do not run into each other.
    let (name_lines, band_line) = match n {
        0..=6 => (3, true),
        7..=10 => (2, false),
        _ => (1, false),
    };
    // Whole characters that fit: a small positive number, so the conversion is exact.
    let chars = (room / CHAR).floor().clamp(6.0, 30.0) as usize;
    let mut lines = wrap_label(&axis.name, chars, name_lines);
    let bold_chars = (room / BOLD_CHAR).floor().clamp(6.0, 30.0) as usize;
    let score_line = lines.len();
    match (axis.score, &axis.band) {
        (Some(score), Some(band)) => {
            let both = format!("{} \u{b7} {band}", fmt1(score));
            if both.chars().count() <= bold_chars {
                lines.push(both);
            } else if !band_line {
                let number = format!("{} \u{b7} ", fmt1(score));
                let left = bold_chars.saturating_sub(number.chars().count()).max(2);
                lines.push(format!("{number}{}", shorten(band, left)));
            } else {
                // The band on a line of its own, in regular weight, rather than cut short.
                lines.push(fmt1(score));
                lines.push(shorten(band, chars));
            }
        }
        (Some(score), None) => lines.push(fmt1(score)),
        (None, _) => lines.push("not scored".to_string()),
    }
    let count = lines.len() as f64;
    let first = if sin < -0.5 {
        y - 4.0 - (count - 1.0) * LINE
    } else if sin > 0.5 {
        y + 12.0
    } else {
        y - (count - 1.0) * LINE / 2.0 + 4.0
    };
    Label {
        anchor,
        x,
        first,
        lines,
        score_line,
    }
}

fn draw_label(out: &mut String, axis: &Axis, label: &Label, cy: f64) {
    let _ = writeln!(
        out,
        "<text text-anchor=\"{}\" font-size=\"12\" fill=\"{INK}\">",
        label.anchor
    );
    for (i, line) in label.lines.iter().enumerate() {
        let ly = cy + label.first + i as f64 * LINE;
        let style = if i == label.score_line {
            if axis.score.is_some() {
                " font-size=\"13\" font-weight=\"700\"".to_string()
            } else {
                format!(" font-size=\"13\" font-weight=\"700\" fill=\"{ALERT}\"")
            }
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<tspan x=\"{}\" y=\"{}\"{style}>{}</tspan>",
            num(label.x),
            num(ly),
            escape(line)
        );
    }
    out.push_str("</text>\n");
}

/// Wraps a label to lines of at most `width` characters, at most `max_lines` of them; the last
/// line ends in an ellipsis when text was left out.
fn wrap_label(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    let cut = lines.len() > max_lines;
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        if cut || last.chars().count() > width {
            let kept: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{}\u{2026}", kept.trim_end());
        }
    }
    for line in lines.iter_mut() {
        if line.chars().count() > width {
            *line = shorten(line, width);
        }
    }
    lines
}

/// Text cut to `max` characters, ending in an ellipsis when it was cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let kept: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}\u{2026}", kept.trim_end())
    }
}

/// A score clamped to 0..=100, with anything not finite as 0.
fn clamp_score(score: f64) -> f64 {
    if score.is_finite() {
        score.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// A coordinate with at most two decimals, never `NaN` or `inf`.
fn num(x: f64) -> String {
    fmt_trim(x, 2)
}

/// An XML id derived from the assessment id: letters, digits, `-` and `_` only.
fn xml_id(assessment: &str) -> String {
    let safe: String = assessment
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("chime-{safe}")
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

    fn assert_sound(svg: &str) {
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.trim_end().ends_with("</svg>"), "{svg}");
        well_formed(svg, &[]).unwrap_or_else(|error| panic!("{error}\n{svg}"));
        assert!(svg.contains("<title id="));
        assert!(svg.contains("<desc id="));
        assert!(svg.contains("role=\"img\""));
        for bad in ["NaN", "nan", "inf", "<script"] {
            assert!(!svg.contains(bad), "{bad} in {svg}");
        }
        // aria-labelledby names the title and the description.
        let start = svg.find("aria-labelledby=\"").unwrap() + "aria-labelledby=\"".len();
        let ids = &svg[start..start + svg[start..].find('"').unwrap()];
        for id in ids.split(' ') {
            assert!(svg.contains(&format!(" id=\"{id}\"")), "no element {id}");
        }
        // Numbers have at most two decimals.
        for token in svg.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            if let Some((_, decimals)) = token.split_once('.') {
                assert!(decimals.len() <= 2, "{token}");
            }
        }
    }

    /// The `<text>` elements that label axes (the ones with a bold last line).
    fn axis_labels(svg: &str) -> usize {
        svg.matches("<text text-anchor=").count()
    }

    #[test]
    fn render_svg_example_is_well_formed_and_complete() {
        let (engine, report) = example();
        let fw = engine.framework();
        let out = svg(&report, Some(fw));
        assert_sound(&out);
        assert!(out.contains("viewBox=\"0 0 480 420\""));
        assert!(out.contains("font-family=\"system-ui, sans-serif\""));
        assert!(out.contains(
            "<title id=\"chime-larkspur-street-2025-title\">CHIME profile of assessment \
             larkspur-street-2025</title>"
        ));
        let desc_start = out.find("<desc").unwrap();
        let desc = &out[desc_start..out.find("</desc>").unwrap()];
        assert!(desc.contains("Overall 67.4, band Established."), "{desc}");
        for result in &report.domains {
            let name = escape(&fw.domain(&result.domain).unwrap().name);
            let score = fmt1(result.score.unwrap());
            assert!(
                desc.contains(&format!("{name} {score}")),
                "{name} in {desc}"
            );
        }
        // One axis label per participating domain, with its name and score.
        assert_eq!(axis_labels(&out), 5);
        assert_eq!(out.matches("<line ").count(), 5);
        assert!(out.contains(">Connectedness</tspan>"));
        assert!(out.contains(">75.0 \u{b7} Thriving</tspan>"));
        assert!(out.contains(">40.6 \u{b7} Developing</tspan>"));
        // Rings at the band minimums above 0 and the rim.
        let ring_group = &out[out.find("<g fill=\"none\"").unwrap()..];
        let ring_group = &ring_group[..ring_group.find("</g>").unwrap()];
        assert_eq!(ring_group.matches("<circle ").count(), 4);
        for ring in ["25", "50", "75", "100"] {
            assert!(out.contains(&format!(">{ring}</text>")), "ring {ring}");
        }
        assert!(out.contains("Established from 50 (award)"));
        assert!(out.contains("<polygon points=\""));
    }

    #[test]
    fn render_svg_axes_follow_participation() {
        let (engine, report) = example();
        let mut framework = engine.framework().clone();
        framework.domains[1].core = false;
        framework.domains[2].weight = 0.0;
        let narrowed = crate::Engine::new(framework.clone())
            .unwrap()
            .score(&crate::example_assessment())
            .unwrap();
        let out = svg(&narrowed, Some(&framework));
        assert_sound(&out);
        assert_eq!(axis_labels(&out), 3);
        assert!(!out.contains(">Identity</tspan>"));
        // Without a framework the participating domains are drawn, labelled by id, with
        // rings at 25, 50, 75 and 100.
        let out = svg(&report, None);
        assert_sound(&out);
        assert_eq!(axis_labels(&out), 5);
        assert!(out.contains(">connectedness</tspan>"));
        assert!(out.contains(">75.0 \u{b7} thriving</tspan>"));
        for ring in ["25", "50", "75", "100"] {
            assert!(out.contains(&format!(">{ring}</text>")), "ring {ring}");
        }
    }

    #[test]
    fn render_svg_degenerate_reports() {
        let (engine, _) = example();
        for framework in [Some(engine.framework()), None] {
            for (keep, not_scoreable) in [
                (0, false),
                (1, false),
                (1, true),
                (2, false),
                (2, true),
                (3, true),
            ] {
                let report = degenerate(keep, not_scoreable);
                let out = svg(&report, framework);
                assert_sound(&out);
                assert_eq!(axis_labels(&out), keep, "keep {keep}");
                if keep == 0 {
                    assert!(out.contains("No domain takes part in the overall score"));
                }
                if not_scoreable {
                    assert_eq!(out.matches(">not scored</tspan>").count(), keep);
                    assert!(out.contains("stroke-dasharray=\"3 2\""));
                    assert!(out.contains("Overall not scored"));
                }
                assert_eq!(out.contains("<polygon"), keep >= 3);
            }
        }
    }

    #[test]
    fn render_svg_odd_numbers_never_leak() {
        let (engine, mut report) = example();
        report.domains[0].score = Some(f64::NAN);
        report.domains[1].score = Some(f64::INFINITY);
        report.domains[2].score = Some(-20.0);
        report.domains[3].score = Some(250.0);
        report.overall.score = Some(f64::NAN);
        let out = svg(&report, Some(engine.framework()));
        assert_sound(&out);
    }

    /// Every `x="…"` and `y="…"` of a text, a line of text, and the height of the view box.
    fn text_positions(svg: &str) -> (Vec<(f64, f64)>, f64) {
        let view = svg.split("viewBox=\"0 0 480 ").nth(1).unwrap();
        let height: f64 = view[..view.find('"').unwrap()].parse().unwrap();
        let attr = |tag: &str, name: &str| -> Option<f64> {
            let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            tag[start..start + tag[start..].find('"')?].parse().ok()
        };
        let positions = svg
            .split('<')
            .filter(|tag| tag.starts_with("tspan ") || tag.starts_with("text x="))
            .map(|tag| (attr(tag, "x").unwrap(), attr(tag, "y").unwrap()))
            .collect();
        (positions, height)
    }

    #[test]
    fn render_svg_text_stays_inside_the_view_box() {
        let (engine, report) = example();
        let (hostile_engine, hostile_report) = hostile();
        let mut many = report.clone();
        let template = many.domains[0].clone();
        for i in 0..7 {
            let mut extra = template.clone();
            extra.domain = format!("an-extra-domain-with-a-rather-long-identifier-{i}").into();
            extra.score = Some(f64::from(i) * 14.0);
            many.domains.push(extra);
        }
        let cases = [
            svg(&report, Some(engine.framework())),
            svg(&hostile_report, Some(hostile_engine.framework())),
            svg(&many, None),
            svg(&degenerate(2, false), Some(engine.framework())),
            svg(&degenerate(4, false), Some(engine.framework())),
        ];
        for out in &cases {
            assert_sound(out);
            let (positions, height) = text_positions(out);
            assert!(positions.len() > 5);
            assert!((420.0..=520.0).contains(&height), "height {height}");
            for (x, y) in positions {
                assert!((0.0..=480.0).contains(&x), "x {x}");
                assert!((14.0..=height - 4.0).contains(&y), "y {y} of {height}");
            }
        }
        // The example keeps the standard size.
        assert!(cases[0].contains("viewBox=\"0 0 480 420\""));
        assert_eq!(axis_labels(&cases[2]), 12);
    }

    #[test]
    fn render_svg_escapes_framework_text_and_ids() {
        let (engine, mut report) = hostile();
        report.assessment = "a<b>&\"c\"".to_string();
        let out = svg(&report, Some(engine.framework()));
        assert_sound(&out);
        assert!(out.contains("&lt;script&gt;"));
        assert!(out.contains("&amp;"));
        assert!(out.contains("CHIME profile of assessment a&lt;b&gt;&amp;&quot;c&quot;"));
    }

    #[test]
    fn render_svg_no_personal_text() {
        let (engine, report) = private_report();
        for framework in [Some(engine.framework()), None] {
            let out = svg(&report, framework);
            assert!(!out.contains(PRIVATE));
        }
    }

    #[test]
    fn render_svg_wrap_label() {
        assert_eq!(
            wrap_label("Hope and optimism about the future", 17, 3),
            vec!["Hope and optimism", "about the future"]
        );
        assert_eq!(wrap_label("a b c d e f", 3, 2), vec!["a b", "c\u{2026}"]);
        assert_eq!(
            wrap_label("Supercalifragilistic", 6, 3),
            vec!["Super\u{2026}"]
        );
        assert_eq!(wrap_label("", 6, 3), vec![""]);
    }
}
