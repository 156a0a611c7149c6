// Validation messages: each diagnostic goes next to the control that edits what its JSON
// Pointer points at; what has no control goes to the summary in the results panel.

import type { Diagnostic } from "../chime/index.js";
import { byId, fill, h, icon, plural } from "./dom.js";
import type { Child } from "./dom.js";
import { judgeKey, standardTitle, store } from "./store.js";

const SEVERITY: Record<string, [string, string]> = {
  error: ["✖", "Error"],
  warning: ["⚠", "Warning"],
  info: ["ℹ", "Note"],
};

const DATE_FIELDS = /\/(assessed_on|collected|expires|recorded_on|due)$/;

/** The message in plain words, for the codes people meet while filling in the form. */
export function describe(d: Diagnostic): string {
  switch (d.code) {
    case "invalid_value":
    case "invalid_type":
      if (DATE_FIELDS.test(d.path)) return "Enter a real date, as year-month-day (for example 2025-06-30).";
      return d.message;
    case "empty_id":
      if (d.path === "/organisation/id") return "Give your organisation a short id, such as willow-lane.";
      if (d.path === "/id") return "Give this assessment a short id, such as willow-lane-2025.";
      return d.message;
    case "testimony_without_consent":
      return "Testimony is used only with the person's consent. Enter the date their consent was recorded, or remove this item.";
    case "personal_evidence_without_consent":
      return "This item is about a person: record the date they gave consent.";
    case "consent_after_assessment":
      return "Consent was recorded after the assessment date, so it was not in place. Check both dates.";
    case "evidence_from_future":
      return "This was collected after the assessment date. Check both dates.";
    case "expires_before_collected":
      return "The expiry date is before the date it was collected.";
    case "not_applicable_without_justification":
      return "Say why this standard does not apply to you.";
    case "rating_not_applicable":
      return "This standard applies only to formally constituted organisations, so this rating is not used.";
    case "raters_disagree": {
      const spread = d.context?.["spread"];
      return `The raters are ${typeof spread === "number" ? spread : "two or more"} levels apart here: talk it through and record an agreed rating.`;
    }
    case "unused_evidence":
      return "This item supports no standard yet, so it counts for nothing: tick the standards it supports.";
    default:
      return d.message;
  }
}

/** The element that edits what a diagnostic's path points at, if the form has one. */
function target(d: Diagnostic): HTMLElement | null {
  if (d.document !== "assessment" || !d.path) return null;
  const judgement = /^\/judgements\/(\d+)(\/[^/]+)?/.exec(d.path);
  if (judgement) {
    const j = store.doc.judgements[Number(judgement[1])];
    if (!j) return null;
    const key = CSS.escape(judgeKey(j.standard, j.rater));
    const rest = judgement[2] ?? "";
    if (rest === "/standard") return null;
    if (rest === "/evidence") return document.querySelector(`[data-std-evidence="${CSS.escape(j.standard)}"]`);
    if (d.code === "raters_disagree") {
      return document.querySelector(`[data-standard-raters="${CSS.escape(j.standard)}"]`);
    }
    if (rest === "/actions") return actionTarget(key, d.path);
    const part =
      d.code === "not_applicable_without_justification" || rest === "/justification"
        ? "justification"
        : rest === "/narrative" || rest === "/strengths"
          ? rest.slice(1)
          : "rating";
    return document.querySelector(`[data-judge="${key}"][data-part="${part}"]`);
  }
  let path = d.path;
  const evidence = /^\/evidence\/(\d+)$/.exec(path);
  if (evidence) {
    if (d.code === "testimony_without_consent" || d.code === "personal_evidence_without_consent") {
      path += "/consent/recorded_on";
    } else if (d.code === "unused_evidence") {
      path += "/standards";
    }
  }
  if (/^\/evidence\/\d+\/consent$/.test(path)) path += "/recorded_on";
  // The nearest field at or above the path: /evidence/2/standards/1 -> /evidence/2/standards.
  while (path) {
    const found = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
    if (found && !found.closest("[hidden]")) return found;
    path = path.slice(0, path.lastIndexOf("/"));
  }
  return null;
}

/**
 * The nearest control of `/judgements/N/actions[/I[/description|/due]]`: the field, else the
 * action's row, else the list (only the agreed judgement's actions have controls).
 */
function actionTarget(key: string, path: string): HTMLElement | null {
  const list = document.querySelector<HTMLElement>(`[data-judge="${key}"][data-part="actions"]`);
  const [, index, part] = /\/actions\/(\d+)(?:\/([^/]+))?/.exec(path) ?? [];
  const row = index === undefined ? null : list?.querySelector<HTMLElement>(`[data-action="${index}"]`);
  const field = part ? row?.querySelector<HTMLElement>(`[data-action-part="${CSS.escape(part)}"]`) : null;
  return field ?? row ?? list;
}

let placed: HTMLElement[] = [];

function messageParts(d: Diagnostic): Child[] {
  const [symbol, word] = SEVERITY[d.severity] ?? ["", d.severity];
  return [icon(symbol), h("strong", null, `${word}: `), describe(d)];
}

function messageItem(d: Diagnostic): HTMLLIElement {
  return h("li", { class: `msg ${d.severity}` }, messageParts(d));
}

function where(d: Diagnostic): string {
  const judgement = /^\/judgements\/(\d+)/.exec(d.path);
  if (judgement) {
    const j = store.doc.judgements[Number(judgement[1])];
    if (j && d.code === "raters_disagree") return `${standardTitle(j.standard)}, raters`;
    if (j) return `${standardTitle(j.standard)}${j.rater ? `, rater ${j.rater}` : ""}`;
  }
  const evidence = /^\/evidence\/(\d+)/.exec(d.path);
  if (evidence) {
    const item = store.doc.evidence[Number(evidence[1])];
    if (item) return `Evidence ${item.id}`;
  }
  if (d.path.startsWith("/organisation") || d.path === "/id" || d.path === "/assessed_on") return "About the assessment";
  if (d.path.startsWith("/raters")) return "Raters";
  return d.document === "framework" ? "The framework" : "The assessment";
}

/**
 * Puts every diagnostic next to its control and lists them all in the summary (with a link
 * to the control where there is one). `summary` is the engine's line on what stops scoring,
 * when something does.
 */
export function showDiagnostics(diagnostics: Diagnostic[], summary: string | null): void {
  for (const element of placed) {
    element.querySelector(":scope > ul.msgs")?.remove();
    element.classList.remove("has-error", "has-warning");
    for (const control of element.querySelectorAll<HTMLElement>("[aria-invalid], [aria-describedby*='msgs-']")) {
      control.removeAttribute("aria-invalid");
      const ids = (control.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => !id.startsWith("msgs-"));
      if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
      else control.removeAttribute("aria-describedby");
    }
  }
  placed = [];

  const items: HTMLLIElement[] = [];
  const groups = new Map<HTMLElement, Diagnostic[]>();
  let unknownStandards = false;
  for (const d of diagnostics) {
    if (d.code === "unknown_standard") unknownStandards = true;
    const element = target(d);
    if (element) groups.set(element, [...(groups.get(element) ?? []), d]);
    const item = h("li", { class: `msg ${d.severity}` }, h("span", { class: "where" }, `${where(d)}: `), messageParts(d));
    if (element) {
      item.append(" ", h("a", { href: "#", class: "go", onclick: (event: Event) => { event.preventDefault(); focusField(element); } }, "Go to it"));
    } else {
      item.append(" ", h("code", null, `${d.code} ${d.path || "/"}`));
    }
    items.push(item);
  }
  let n = 0;
  for (const [element, list] of groups) {
    n += 1;
    const id = `msgs-${n}`;
    element.appendChild(h("ul", { class: "msgs", id }, list.map(messageItem)));
    const error = list.some((d) => d.severity === "error");
    element.classList.add(error ? "has-error" : "has-warning");
    const controls = element.matches("input, select, textarea")
      ? [element]
      : Array.from(element.querySelectorAll<HTMLElement>(":scope > input, :scope > select, :scope > textarea, :scope input[type=radio]"));
    for (const control of controls) {
      if (error) control.setAttribute("aria-invalid", "true");
      const ids = (control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
      control.setAttribute("aria-describedby", [...ids, id].join(" "));
    }
    placed.push(element);
  }

  const notes = diagnostics.filter((d) => d.severity !== "error").length;
  const box = byId("problems");
  if (!diagnostics.length) {
    fill(box, h("p", { class: "ok" }, icon("✓"), "No problems found."));
  } else {
    fill(
      box,
      h(
        "p",
        null,
        summary ? h("strong", null, `${summary}. `) : null,
        notes ? `${notes} ${plural(notes, "thing", "things")} to look at.` : null,
      ),
      unknownStandards
        ? h(
            "p",
            null,
            "The assessment names standards this framework does not have. ",
            h("button", { type: "button", class: "secondary small", id: "drop-unknown" }, "Remove them"),
          )
        : null,
      h("ul", { class: "summary" }, items),
    );
  }
}

function focusField(element: HTMLElement): void {
  const details = element.closest("details");
  if (details) details.open = true;
  element.scrollIntoView({ block: "center" });
  const control = element.matches("input, select, textarea, button")
    ? element
    : element.querySelector<HTMLElement>("input:checked, input:not([type=hidden]), select, textarea, button");
  control?.focus({ preventScroll: true });
}

/** Removes judgements of, and evidence links to, standards the framework does not have. */
export function dropUnknownStandards(): void {
  const known = new Set(store.fw.standards.map((s) => s.id));
  const doc = store.doc;
  doc.judgements = doc.judgements.filter((j) => known.has(j.standard));
  for (const item of doc.evidence) {
    if (item.standards) item.standards = item.standards.filter((id) => known.has(id));
  }
}
