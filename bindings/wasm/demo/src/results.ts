// The live results: overall score, radar chart, domain scores and bands, what would move the
// organisation most (leverage), standards counted below their rating (capped) in plain words,
// and each standard's own result in its card. Every number comes from the engine's report;
// this module only puts it into words.

import { vocabulary } from "../chime/index.js";
import type { Cap, DomainResult, Report, StandardResult } from "../chime/index.js";
import { byId, capitalise, countWord, fill, h, icon, num, plural } from "./dom.js";
import type { Child } from "./dom.js";
import { bandLabel, domainName, levelLabel, standardTitle, store } from "./store.js";

// The page's own part is the icons; the words are the engine's (`vocabulary()`), the same the
// text and HTML reports use.
const STATUS_ICON: Record<string, string> = {
  met: "✓",
  working_towards: "◐",
  not_yet: "○",
  not_assessed: "–",
  not_applicable: "⊘",
};

const AWARD_ICON: Record<string, string> = {
  meets_standards: "✓",
  working_towards: "◐",
  incomplete: "–",
};

/** A status, award or similar in the engine's words (`vocabulary()`), read once. */
let words: Record<string, Record<string, string>> | undefined;
export function said(kind: string, name: string): string {
  words ??= vocabulary();
  return words[kind]?.[name] ?? name;
}

function score(value: number | null): string {
  return value === null ? "–" : value.toFixed(1);
}

function percent(value: number | null): string {
  return value === null ? "–" : `${Math.round(value * 100)}%`;
}

function pieces(n: number, what: string): string {
  return `${countWord(n)} more ${plural(n, "piece", "pieces")} of ${what}`;
}

/**
 * Why a standard counts below its rating, and what would lift it: "Claimed Leading, counted
 * as Established. Leading needs ... One more piece of current independent evidence would
 * count this as Leading."
 */
export function cappedWords(result: StandardResult, cap: Cap): string {
  const target = levelLabel(cap.level);
  const claimed = `Rated ${levelLabel(result.claimed)}, counted as ${levelLabel(result.effective)}.`;
  const needs =
    `${target} needs ${num(cap.min_points)} ${plural(cap.min_points, "point", "points")} of current evidence` +
    (cap.min_independent
      ? ` and ${countWord(cap.min_independent)} independent ${plural(cap.min_independent, "item", "items")} (from a peer or an external source)`
      : "") +
    `; it has ${num(cap.points)} ${plural(cap.points, "point", "points")}` +
    (cap.min_independent ? ` and ${countWord(cap.independent)} independent` : "") +
    ".";
  // How many more items of one kind of source would lift the cap: the engine's count.
  if (!cap.items_needed) return `${claimed} ${needs}`;
  const { self: own, peer, external } = cap.items_needed;
  let advice: string;
  if (own === null || own === undefined) {
    advice =
      peer === external
        ? `${pieces(peer, "current independent evidence")} would count this as ${target}.`
        : `${pieces(peer, "current evidence from a peer")}, or ${countWord(external)} from an external source, would count this as ${target}.`;
  } else if (own === peer && peer === external) {
    advice = `${pieces(own, "current evidence")} would count this as ${target}.`;
  } else if (peer === external) {
    advice = `${pieces(own, "current evidence from your own organisation")}, or ${countWord(peer)} from a peer or an external source, would count this as ${target}.`;
  } else {
    advice = `${pieces(own, "current evidence from your own organisation")}, ${countWord(peer)} from a peer, or ${countWord(external)} from an external source, would count this as ${target}.`;
  }
  return `${claimed} ${needs} ${capitalise(advice)}`;
}

function staleWords(result: StandardResult): string | null {
  const stale = result.evidence.stale;
  if (!stale) return null;
  return `${capitalise(countWord(stale))} ${plural(stale, "item is", "items are")} out of date on the assessment date, so ${plural(stale, "it does", "they do")} not count.`;
}

function standardLink(id: string): HTMLAnchorElement {
  return h("a", { href: `#std-${id}` }, standardTitle(id));
}

// ---- the panel ----------------------------------------------------------------------------

/** What stands between a scored assessment and the award, in words (the engine's award_gap). */
function awardGap(report: Report): Child {
  const gap = report.overall.award_gap;
  if (!gap) return null;
  const parts: Child[] = [];
  if (gap.domains.length) {
    parts.push(
      h(
        "li",
        null,
        `Every domain needs at least ${bandLabel(gap.required_band)}: `,
        gap.domains
          .map((d) => `${domainName(d.domain)} is ${d.band ? bandLabel(d.band) : "not banded"}, ${num(d.points)} ${plural(d.points, "point", "points")} short`)
          .join("; "),
        ".",
      ),
    );
  }
  if (gap.core_standards.length) {
    parts.push(h("li", null, "Core standards to meet: ", gap.core_standards.map((id, i) => [i ? ", " : "", standardLink(id)]), "."));
  }
  return parts.length ? [h("h3", null, "To meet the standards"), h("ul", { class: "gap" }, parts)] : null;
}

function overallBlock(report: Report): Child {
  const o = report.overall;
  const awardIcon = AWARD_ICON[o.award] ?? "";
  const awardText = said("award", o.award);
  if (o.score === null) {
    const short = report.domains.filter((d) => d.status === "not_scoreable" && d.participates);
    return [
      h("p", { class: "overall-score" }, h("span", { class: "big", "data-overall-score": "" }, "–"), h("span", { class: "of" }, "No overall score yet")),
      h("p", { class: `award ${o.award}`, "data-award": o.award }, icon(awardIcon), awardText),
      short.length
        ? h(
            "p",
            null,
            `Each CHIME domain needs at least ${percent(store.fw.scoring.min_coverage)} of its standards rated (by weight). Still to rate: `,
            short.map((d) => `${domainName(d.domain)} (${percent(d.coverage)} rated)`).join(", "),
            ".",
          )
        : null,
    ];
  }
  return [
    h(
      "p",
      { class: "overall-score" },
      h("span", { class: "big", "data-overall-score": "" }, score(o.score)),
      h("span", { class: "of" }, "out of 100 · ", h("strong", { "data-overall-band": o.band ?? "" }, bandLabel(o.band))),
    ),
    h("p", { class: `award ${o.award}`, "data-award": o.award }, icon(awardIcon), awardText),
    o.profile_band
      ? h(
          "p",
          null,
          "Profile band ",
          h("strong", null, bandLabel(o.profile_band)),
          `, set by your lowest ${plural(o.limiting_domains.length, "domain", "domains")}: `,
          o.limiting_domains.map(domainName).join(", "),
          ". In CHIME one domain cannot hide behind another.",
        )
      : null,
  ];
}

function domainRow(d: DomainResult): HTMLTableRowElement {
  let bandCell: Child;
  if (d.status === "scored") {
    bandCell = h("span", { "data-domain-band": d.band ?? "" }, bandLabel(d.band));
  } else if (d.status === "not_applicable") {
    bandCell = h("span", { "data-domain-band": "" }, "Does not apply");
  } else {
    bandCell = h("span", { "data-domain-band": "" }, `Not scored: needs ${percent(store.fw.scoring.min_coverage)} rated`);
  }
  const width = d.score === null ? 0 : Math.max(0, Math.min(100, d.score));
  return h(
    "tr",
    { "data-domain": d.domain },
    h("th", { scope: "row" }, domainName(d.domain)),
    h(
      "td",
      { class: "num" },
      h("span", { "data-domain-score": "" }, score(d.score)),
      h("span", { class: "bar", "aria-hidden": "true" }, h("span", { style: `width:${width}%` })),
    ),
    h("td", null, bandCell, d.coverage === null ? null : h("span", { class: "rated" }, `${percent(d.coverage)} rated`)),
  );
}

function domainsTable(report: Report): HTMLTableElement {
  return h(
    "table",
    { class: "domains" },
    h("caption", { class: "visually-hidden" }, "Score, band and share of standards rated, for each CHIME domain"),
    h(
      "thead",
      null,
      h("tr", null, h("th", { scope: "col" }, "Domain"), h("th", { scope: "col", class: "num" }, "Score"), h("th", { scope: "col" }, "Band")),
    ),
    h("tbody", null, report.domains.map(domainRow)),
  );
}

function leverageList(report: Report): Child {
  if (!report.leverage.length) {
    return h(
      "p",
      { class: "empty" },
      report.overall.score === null
        ? "Shown once there is an overall score."
        : "Nothing left to lift: every rated standard is at the top level.",
    );
  }
  const results = new Map(report.standards.map((s) => [s.standard, s]));
  return h(
    "ol",
    { class: "leverage" },
    report.leverage.map((l) => {
      const next = (results.get(l.standard)?.effective ?? -1) + 1;
      return h(
        "li",
        { "data-standard": l.standard },
        standardLink(l.standard),
        `: reaching ${levelLabel(next)} would add `,
        h("strong", null, `${l.gain.toFixed(1)} ${plural(l.gain, "point", "points")}`),
        " to the overall score.",
      );
    }),
  );
}

function cappedList(report: Report): Child {
  const capped = report.standards.filter((s) => s.capped);
  if (!capped.length) return h("p", { class: "empty" }, "None: every rating is backed by enough current evidence.");
  return h(
    "ul",
    { class: "capped" },
    capped.map((s) => h("li", { "data-standard": s.standard }, icon("⚠"), standardLink(s.standard), ": ", cappedWords(s, s.capped as Cap))),
  );
}

function standardResult(s: StandardResult): Child {
  const symbol = STATUS_ICON[s.status] ?? "";
  const word = said("standard_status", s.status);
  const lines: Child[] = [];
  let head: Child = [icon(symbol), h("strong", null, word)];
  if (s.effective !== null) {
    head = [head, ` · counted as ${levelLabel(s.effective)} (${score(s.score)})`];
  }
  lines.push(h("p", { class: `status ${s.status}` }, head));
  if (s.raters.n > 0) {
    lines.push(
      h(
        "p",
        null,
        `${capitalise(countWord(s.raters.n))} ${plural(s.raters.n, "rater", "raters")}` +
          (s.raters.n > 1 ? `, ${s.raters.spread} ${plural(s.raters.spread, "level", "levels")} apart` : "") +
          (s.claimed !== null ? `; the rating used is ${levelLabel(s.claimed)}.` : "."),
      ),
    );
  }
  const e = s.evidence;
  lines.push(
    h(
      "p",
      null,
      `Evidence: ${e.current} current ${plural(e.current, "item", "items")} (${num(e.points)} ${plural(e.points, "point", "points")}, ${e.independent} independent).`,
      staleWords(s) ? ` ${staleWords(s)}` : "",
    ),
  );
  if (s.capped) lines.push(h("p", { class: "capped-note" }, icon("⚠"), cappedWords(s, s.capped)));
  return lines;
}

let lastReport: Report | null = null;
let lastLive = "";

/**
 * Shows a report (or keeps the last one, marked as paused, while the assessment has errors).
 * `summary` is the engine's one line on what stops scoring ("2 problems stop scoring").
 * Without `chart`, the radar chart is left for the next call: at start-up the numbers come
 * first, and the chart (the engine's SVG, the costliest part to draw) a moment later.
 */
export function showResults(report: Report | null, paused: boolean, summary: string, chart = true): void {
  document.body.classList.toggle("results-paused", paused);
  const banner = byId("paused");
  banner.hidden = !paused;
  fill(
    banner,
    icon("‖"),
    h("strong", null, "Scores paused. "),
    `${summary}: fix what is marked ✖ Error to bring the scores up to date.`,
    report ? " The results below are from before the latest change." : "",
  );

  let live: string;
  if (paused) {
    live = `Scores paused: ${summary}.`;
  } else if (report && report.overall.score !== null) {
    const award = said("award", report.overall.award);
    live = `Overall score ${score(report.overall.score)} out of 100, ${bandLabel(report.overall.band)}. ${award}.`;
  } else {
    live = "No overall score yet: rate more standards in each domain.";
  }
  if (live !== lastLive) {
    byId("live").textContent = live;
    lastLive = live;
  }
  const bar = byId("scorebar-text");
  bar.textContent =
    report && report.overall.score !== null
      ? `Overall ${score(report.overall.score)} · ${bandLabel(report.overall.band)}${paused ? " (paused)" : ""}`
      : paused
        ? "Scores paused"
        : "No overall score yet";

  if (!report || report === lastReport) return;
  lastReport = report;
  fill(byId("overall"), overallBlock(report));
  fill(byId("gap"), awardGap(report));
  byId("radar").innerHTML = chart ? store.engine.renderSvg(report) : "";
  fill(byId("domains"), domainsTable(report));
  fill(byId("leverage"), leverageList(report));
  fill(byId("capped"), cappedList(report));

  for (const d of report.domains) {
    const line = document.querySelector(`[data-domain-line="${CSS.escape(d.domain)}"]`);
    if (!line) continue;
    line.textContent =
      d.status === "scored"
        ? `${domainName(d.domain)}: ${score(d.score)}, ${bandLabel(d.band)} · ${percent(d.coverage)} rated`
        : d.status === "not_applicable"
          ? `${domainName(d.domain)}: does not apply`
          : `${domainName(d.domain)}: not scored yet · ${percent(d.coverage)} rated, needs ${percent(store.fw.scoring.min_coverage)}`;
  }
  for (const s of report.standards) {
    const box = document.querySelector<HTMLElement>(`[data-std-result="${CSS.escape(s.standard)}"]`);
    if (box) fill(box, standardResult(s));
  }
}

/** Forgets the shown report (after the form is rebuilt), so the next one is drawn in full. */
export function resetResults(): void {
  lastReport = null;
}
