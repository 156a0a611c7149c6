// Endorsements (spec 10): the user opens an endorsement file (a DSSE envelope) and the trusted
// reviewers' keys (a JWK Set), and the page says, in words, who endorsed what and whether it
// verifies against the assessment on the page (or an assessment file). The checking is the
// engine's `verify`; the page words its result and never reads meaning out of its sentences.

import { ChimeError } from "../chime/index.js";
import type { Assessment, Diagnostic, Report, Verification } from "../chime/index.js";
import { byId, capitalise, dropZone, fill, h, icon, plural } from "./dom.js";
import type { Child } from "./dom.js";
import { said } from "./results.js";
import { NOT_LOADED, reviewReady, verify } from "./review.js";
import { store } from "./store.js";

const MAX_FILE_BYTES = 16 * 1024 * 1024;

interface Chosen {
  name: string;
  text: string;
}

const chosen: { envelope: Chosen | null; keys: Chosen | null; assessment: Chosen | null } = {
  envelope: null,
  keys: null,
  assessment: null,
};
/** The result shown, as JSON, so that re-checking after an edit changes the page only when the result changes. */
let shown = "";

type Kind = keyof typeof chosen;

/** What a file holds, by its shape: an envelope has `payloadType`, a key set `keys`. */
function kindOf(data: unknown): Kind | null {
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const doc = data as Record<string, unknown>;
  if ("payloadType" in doc || "signatures" in doc) return "envelope";
  if (Array.isArray(doc["keys"])) return "keys";
  if (doc["format"] === "chime-standards/assessment@1") return "assessment";
  return null;
}

const LABEL: Record<Kind, string> = {
  envelope: "Endorsement",
  keys: "Trusted keys",
  assessment: "Assessment endorsed",
};

export function renderEndorsePanel(): void {
  const pickers = (Object.keys(chosen) as Kind[]).map((kind) => {
    const input = h("input", { type: "file", id: `endorse-${kind}-file`, class: "visually-hidden", tabindex: "-1", "aria-hidden": "true", accept: ".json,.jwks,.jwk,application/json" });
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      input.value = "";
      if (file) void take([file], kind);
    });
    const words: Record<Kind, string> = {
      envelope: "Choose the endorsement…",
      keys: "Choose the trusted keys…",
      assessment: "Choose another assessment file… (optional)",
    };
    return [h("button", { type: "button", class: "secondary", id: `endorse-${kind}`, onclick: () => input.click() }, words[kind]), input];
  });
  const zone = h(
    "div",
    { class: "drop" },
    h("p", null, "Choose the endorsement file and the set of trusted reviewers' keys (a JWK Set file your network shares), or drop them here. The page checks the endorsement against the assessment on this page, unless you choose the assessment file it endorses."),
    h("div", { class: "toolbar" }, pickers),
    h("ul", { id: "endorse-chosen", class: "chosen" }),
  );
  dropZone(zone, (files) => void take(files, null));
  fill(byId("endorse-box"), zone, h("p", { id: "endorse-status", role: "status" }), h("div", { id: "endorse-result" }));
  showChosen();
}

function showChosen(): void {
  fill(
    byId("endorse-chosen"),
    (Object.keys(chosen) as Kind[]).map((kind) => {
      const file = chosen[kind];
      if (kind === "assessment" && !file) return h("li", { "data-chosen": kind }, `${LABEL[kind]}: the one on this page.`);
      return h(
        "li",
        { "data-chosen": kind },
        file ? [icon("✓"), `${LABEL[kind]}: “${file.name}”`] : `${LABEL[kind]}: not chosen yet.`,
        kind === "assessment" && file
          ? [" ", h("button", { type: "button", class: "quiet small", onclick: () => { chosen.assessment = null; showChosen(); void check(); } }, "Use the one on this page")]
          : null,
      );
    }),
  );
}

function status(...children: Child[]): void {
  const line = byId("endorse-status");
  const next = h("p", null, children);
  // Re-checking after an edit must not announce the same words again.
  if (line.textContent === next.textContent) return;
  fill(line, Array.from(next.childNodes));
}

async function take(files: File[], kind: Kind | null): Promise<void> {
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      status(icon("✖"), `“${file.name}” is far larger than an endorsement, a key set or an assessment.`);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      status(icon("✖"), `“${file.name}” could not be read from the device.`);
      return;
    }
    let as = kind;
    if (as === null) {
      try {
        as = kindOf(JSON.parse(text) as unknown);
      } catch {
        as = null;
      }
      if (as === null) {
        status(icon("✖"), `“${file.name}” is not an endorsement, a set of keys or an assessment: choose it with one of the buttons to have it checked as one.`);
        return;
      }
    }
    // A file chosen with a button is checked as what the button says: the engine says what is wrong with it.
    chosen[as] = { name: file.name, text };
  }
  shown = "";
  showChosen();
  await check();
}

function located(d: Diagnostic): Child[] {
  const document = said("document", d.document);
  return [
    icon(d.severity === "error" ? "✖" : d.severity === "warning" ? "⚠" : "ℹ"),
    h("strong", null, `${capitalise(said("severity", d.severity))}: `),
    `in the ${document}${d.path ? ` at ${d.path}` : ""}: ${d.message}`,
  ];
}

/** The engine's report of the assessment checked, as `chime verify` checks one without `--report`. */
function reportOf(assessment: Assessment | string): Report | undefined {
  try {
    return store.engine.score(assessment);
  } catch {
    return undefined;
  }
}

/** Checks the chosen endorsement again (after a choice, and after every edit of the page's assessment). */
export async function check(): Promise<void> {
  const { envelope, keys } = chosen;
  if (!envelope || !keys) {
    if (envelope || keys) status(envelope ? "Now choose the trusted keys." : "Now choose the endorsement file.");
    fill(byId("endorse-result"));
    shown = "";
    return;
  }
  if (!(await reviewReady())) {
    status(NOT_LOADED);
    return;
  }
  const assessment: Assessment | string = chosen.assessment ? chosen.assessment.text : store.doc;
  const report = reportOf(assessment);
  let result: Verification;
  try {
    result = verify(envelope.text, assessment, report ? { keys: keys.text, report } : { keys: keys.text });
  } catch (error) {
    // verify reports bad input in its result; anything thrown is listed the same way.
    if (!(error instanceof ChimeError)) throw error;
    result = { valid: false, keyid: null, reviewer: null, outcome: null, problems: error.diagnostics, report_checked: false };
  }
  const key = JSON.stringify([result, chosen.assessment?.name ?? ""]);
  if (key === shown) return;
  shown = key;
  showResult(result, envelope.name);
}

function showResult(result: Verification, name: string): void {
  const about = result.endorsement;
  const whose = chosen.assessment ? `the assessment in “${chosen.assessment.name}”` : "the assessment on this page";
  const problems = result.problems.filter((d) => d.severity !== "info");
  const facts: Child[] = [];
  if (about) {
    const reviewer = about.reviewer;
    const row = (term: string, ...value: Child[]): Child => [h("dt", null, term), h("dd", { "data-endorse": term.toLowerCase().replace(/[^a-z]+/g, "-") }, value)];
    facts.push(
      h(
        "dl",
        { class: "facts" },
        row("Reviewer", `${reviewer.id} (${said("reviewer_role", reviewer.role)})`, reviewer.organisation ? `, for ${reviewer.organisation}` : ""),
        row("Assessment", `${about.assessment} (framework ${about.framework.id} ${about.framework.version})`),
        row("Scope", capitalise(said("scope", about.scope))),
        row("Outcome", capitalise(said("outcome", about.outcome))),
        row("Reviewed on", String(about.reviewed_on)),
        row("Signed with", `the trusted key ${result.keyid ?? ""}`),
        row("Report", result.report_checked ? "the engine's report of this assessment was checked too" : "not checked (the assessment cannot be scored here)"),
      ),
    );
  }
  const summary = result.valid
    ? `Valid: “${name}” verifies. ${about ? `${capitalise(said("reviewer_role", about.reviewer.role))} ${about.reviewer.id} reviewed ${whose} (${said("scope", about.scope)}) on ${String(about.reviewed_on)}: ${said("outcome", about.outcome)}.` : ""}`
    : `Not valid: “${name}” does not verify against ${whose} with these keys. ${problems.length} ${plural(problems.length, "problem", "problems")}, listed below.`;
  status(icon(result.valid ? "✓" : "✖"), h("strong", null, result.valid ? "Valid. " : "Not valid. "), summary.replace(/^(Valid|Not valid): /, ""));
  fill(
    byId("endorse-result"),
    h("div", { class: `endorsement ${result.valid ? "valid" : "invalid"}`, "data-endorse-valid": String(result.valid) },
      h("h3", null, result.valid ? "This endorsement verifies" : "This endorsement does not verify"),
      about
        ? facts
        : h("p", null, "No trusted signature verifies, so what the endorsement says cannot be relied on and is not shown."),
      problems.length ? [h("p", null, h("strong", null, result.valid ? "Also found:" : "Why not:")), h("ul", { class: "summary" }, problems.map((d) => h("li", { class: `msg ${d.severity}`, "data-diag-code": d.code, "data-diag-document": d.document, "data-diag-path": d.path }, located(d))))] : null,
    ),
  );
}
