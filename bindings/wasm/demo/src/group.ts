// The group's view: "See where you differ, then agree". For each standard some rater has rated:
// each rater's level (by rater id and role, never a name), the spread and the raters' middle
// rating as the engine reports them, and the group's agreed rating and justification, which
// move the score. The raters' own levels are read from the assessment document; every figure
// (spread, the rating the engine would use, scores, agreement) comes from the engine's reports.

import { agreementText } from "../chime/index.js";
import type { Agreement, Rating, Report } from "../chime/index.js";
import { byId, capitalise, countWord, fill, h, num, plural, uid } from "./dom.js";
import type { Child } from "./dom.js";
import { ratingValue, syncAgreedCard } from "./form.js";
import { findJudgement, hooks, levelLabel, levels, setJudgementText, setRating, store } from "./store.js";

/** What the view was built for: the framework, who is rating on this device, the raters. */
let builtFor = "";

/**
 * The engine's report of the assessment with the agreed judgements left out: what the raters'
 * own ratings give. Null when there are no raters or it cannot be scored.
 */
export function ratersOnly(): Report | null {
  if (store.doc.raters.length < 2) return null;
  try {
    return store.engine.score({ ...store.doc, judgements: store.doc.judgements.filter((j) => j.rater) });
  } catch {
    return null;
  }
}

/** Whether the group view shows: two raters or more, and nobody rating as one of them. */
export function groupShown(): boolean {
  return store.doc.raters.length >= 2 && !store.me;
}

function ratingWords(rating: Rating | undefined): string {
  if (rating === "not_applicable") return "Not applicable";
  if (rating === null || rating === undefined) return "Not rated";
  return `${rating} ${levelLabel(rating)}`;
}

/** Builds the view's controls; `updateGroup` keeps its figures current. */
function renderGroup(): void {
  const panel = byId("differ-panel");
  panel.hidden = !groupShown();
  if (panel.hidden) {
    fill(byId("differ-list"));
    return;
  }
  fill(byId("differ-list"), store.fw.standards.map((std) => {
    const agreed = findJudgement(std.id, null);
    const select = h(
      "select",
      {
        id: uid("agree"),
        "data-agree": std.id,
        onchange: (event: Event) => {
          const value = (event.target as HTMLSelectElement).value;
          const rating: Rating = value === "" ? null : value === "na" ? "not_applicable" : Number(value);
          setRating(std.id, null, rating);
          syncAgreedCard(std.id);
          hooks.changed();
        },
      },
      h("option", { value: "" }, "Not agreed yet"),
      levels().map((level) => h("option", { value: String(level.value) }, `${level.value} ${level.label}`)),
      h("option", { value: "na" }, "Not applicable to us"),
    );
    select.value = ratingValue(agreed?.rating);
    const why = h("textarea", {
      id: uid("why"),
      rows: 2,
      "data-agree-why": std.id,
      value: agreed?.justification ?? "",
      oninput: (event: Event) => {
        setJudgementText(std.id, null, "justification", (event.target as HTMLTextAreaElement).value);
        syncAgreedCard(std.id);
        hooks.changed();
      },
    });
    const headingId = uid("differ");
    return h(
      "article",
      { class: "differ", "data-differ": std.id, "aria-labelledby": headingId, hidden: true },
      h("h3", { id: headingId }, std.title),
      h("ul", { class: "rater-levels", "data-differ-levels": std.id }),
      h("p", { "data-differ-facts": std.id }),
      h(
        "div",
        { class: "agree-fields" },
        h("div", { class: "field" }, h("label", { for: select.id }, "The group's agreed rating"), select),
        h("div", { class: "field" }, h("label", { for: why.id }, "Why the group agreed this (optional)"), why),
      ),
      h("p", { class: "differ-result", "data-differ-result": std.id }),
    );
  }));
}

/** What the engine says of an agreement figure, when its report carries one. */
function agreementWords(value: Agreement | undefined): string | null {
  return value ? agreementText(value) : null;
}

/** Puts the latest figures into the view: the live report, and the raters-only one. */
export function updateGroup(report: Report | null, raw: Report | null): void {
  const key = JSON.stringify([store.fw.id, store.fw.version, store.me, store.doc.raters.map((r) => r.id)]);
  if (key !== builtFor) {
    builtFor = key;
    renderGroup();
  }
  if (!groupShown()) return;
  const live = new Map((report?.standards ?? []).map((s) => [s.standard, s]));
  const own = new Map((raw?.standards ?? []).map((s) => [s.standard, s]));
  let shown = 0;
  for (const std of store.fw.standards) {
    const article = document.querySelector<HTMLElement>(`[data-differ="${CSS.escape(std.id)}"]`);
    if (!article) continue;
    const rated = store.doc.raters.filter((r) => {
      const rating = findJudgement(std.id, r.id)?.rating;
      return rating !== null && rating !== undefined;
    });
    article.hidden = rated.length === 0;
    if (article.hidden) continue;
    shown += 1;
    fill(
      article.querySelector("[data-differ-levels]") as HTMLElement,
      store.doc.raters.map((r) =>
        h("li", { "data-rater": r.id }, h("strong", null, `Rater ${r.id}`), ` (${r.role}${r.lived_experience ? ", lived experience" : ""}): `, ratingWords(findJudgement(std.id, r.id)?.rating)),
      ),
    );
    const result = live.get(std.id);
    const mine = own.get(std.id);
    const facts: Child[] = [];
    if (mine) {
      facts.push(
        mine.raters.n > 1
          ? `${capitalise(countWord(mine.raters.n))} ratings, ${mine.raters.spread} ${plural(mine.raters.spread, "level", "levels")} apart. `
          : "One rating so far. ",
        mine.claimed === null
          ? "No level from the raters yet."
          : ["Without an agreed rating the engine uses ", h("strong", { "data-differ-median": String(mine.claimed) }, `${mine.claimed} ${levelLabel(mine.claimed)}`), ", the raters' middle rating."],
      );
    } else {
      facts.push("The raters' figures show once the assessment can be scored.");
    }
    fill(article.querySelector("[data-differ-facts]") as HTMLElement, facts);
    fill(
      article.querySelector("[data-differ-result]") as HTMLElement,
      !result
        ? "Scores paused: fix the problems that stop scoring to see this standard's result."
        : result.effective === null
          ? "Counted: not rated."
          : `Counted as ${result.effective} ${levelLabel(result.effective)} (${num(result.score ?? 0)} of 100)${result.capped ? `, below the rating used (${levelLabel(result.claimed)}) for want of current evidence` : ""}.`,
    );
    // Bring the controls in line with the document, unless someone is using them.
    const agreed = findJudgement(std.id, null);
    const select = article.querySelector<HTMLSelectElement>("select[data-agree]");
    if (select && select !== document.activeElement) select.value = ratingValue(agreed?.rating);
    const why = article.querySelector<HTMLTextAreaElement>("textarea[data-agree-why]");
    if (why && why !== document.activeElement) why.value = agreed?.justification ?? "";
  }
  const summary: Child[] = [];
  if (!shown) summary.push(h("p", { class: "empty" }, "No rater has rated a standard yet."));
  if (report?.overall.score !== null && report?.overall.score !== undefined) {
    summary.push(
      h(
        "p",
        { "data-differ-score": "" },
        "Overall score with the group's agreed ratings: ",
        h("strong", null, report.overall.score.toFixed(1)),
        !raw
          ? "."
          : raw.overall.score !== null
            ? ["; with the raters' own ratings alone: ", h("strong", null, raw.overall.score.toFixed(1)), "."]
            : "; the raters' own ratings alone give no overall score yet.",
      ),
    );
  }
  const overall = agreementWords(report?.agreement);
  if (overall) summary.push(h("p", { "data-agreement": "overall" }, overall));
  for (const d of report?.domains ?? []) {
    const words = agreementWords(d.agreement);
    const name = store.fw.domains.find((x) => x.id === d.domain)?.name ?? d.domain;
    if (words) summary.push(h("p", { "data-agreement": d.domain }, `${name}: ${words}`));
  }
  fill(byId("differ-summary"), summary);
}
