// "A new version of the standards": the user gives a newer framework and the mapping from the
// current one; the engine checks the mapping (`validateMapping`) and carries the draft across
// (`migrate`, spec 9.3). What the engine says to review becomes a to-do list, each entry
// leading to the standard that needs a fresh rating. The page carries nothing itself: which
// judgement needs review is the engine's `migration_review` diagnostic, read by its path.

import { ChimeError, Framework } from "../chime/index.js";
import type { Assessment, Diagnostic, FrameworkDocument, Migration } from "../chime/index.js";
import { byId, capitalise, download, dropZone, fileName, fill, h, icon, plural } from "./dom.js";
import type { Child } from "./dom.js";
import { said } from "./results.js";
import { NOT_LOADED, migrate, reviewReady, validateMapping } from "./review.js";
import { findJudgement, judgeKey, standardTitle, store } from "./store.js";
import type { MigrationState, ReviewItem } from "./store.js";

const FRAMEWORK_FORMAT = "chime-standards/framework@1";
const MAPPING_FORMAT = "chime-standards/mapping@1";
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Set by main.ts: puts the migrated draft in place (with Undo), or reports a file problem. */
export const versionHooks = {
  apply: (_engine: Framework, _framework: FrameworkDocument, _assessment: Assessment, _state: MigrationState, _message: string): void => undefined,
};

interface Chosen {
  name: string;
  text: string;
  data: Record<string, unknown>;
}

let chosenFramework: Chosen | null = null;
let chosenMapping: Chosen | null = null;

// ---- the box in section 1 -------------------------------------------------------------------

export function renderVersionBox(): void {
  const box = byId("version-box");
  const input = h("input", { type: "file", id: "version-files", class: "visually-hidden", tabindex: "-1", "aria-hidden": "true", multiple: true, accept: ".json,application/json" });
  input.addEventListener("change", () => {
    const files = Array.from(input.files ?? []);
    input.value = "";
    if (files.length) void takeFiles(files);
  });
  const zone = h(
    "div",
    { class: "drop" },
    h("p", null, "When the standards change, bring this assessment onto the new version. Choose the new framework and the mapping from the one in use now (both files at once, or one after the other), or drop them here. The engine checks the mapping first. A rating is carried only where a standard stays the same; where one changed, everything written is kept and the standard is listed for a fresh rating."),
    h("button", { type: "button", id: "version-choose", class: "secondary", onclick: () => input.click() }, "Choose the new framework and mapping…"),
    input,
    h("ul", { id: "version-chosen", class: "chosen" }),
    h("div", { id: "version-problems" }),
  );
  dropZone(zone, (files) => void takeFiles(files));
  fill(box, h("h3", { id: "version-h" }, "A new version of the standards"), zone);
  showChosen();
}

function showChosen(): void {
  const list = byId("version-chosen");
  const fw = chosenFramework?.data as { title?: unknown; id?: unknown; version?: unknown } | undefined;
  fill(
    list,
    chosenFramework ? h("li", { "data-chosen": "framework" }, icon("✓"), `New framework: “${chosenFramework.name}” (${String(fw?.id)} ${String(fw?.version)}) `, unchoose("framework", chosenFramework.name)) : null,
    chosenMapping ? h("li", { "data-chosen": "mapping" }, icon("✓"), `Mapping: “${chosenMapping.name}” `, unchoose("mapping", chosenMapping.name)) : null,
  );
}

/** A button that puts a chosen file aside (the wrong one was picked, or the user changed their mind). */
function unchoose(kind: "framework" | "mapping", name: string): HTMLButtonElement {
  return h(
    "button",
    {
      type: "button",
      class: "quiet small",
      "data-unchoose": kind,
      "aria-label": `Put aside “${name}”`,
      onclick: () => {
        if (kind === "framework") chosenFramework = null;
        else chosenMapping = null;
        showChosen();
        problemsBox();
        byId("version-choose").focus();
      },
    },
    "Put aside",
  );
}

function problemsBox(...children: Child[]): void {
  fill(byId("version-problems"), children);
}

async function takeFiles(files: File[]): Promise<void> {
  problemsBox();
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      problemsBox(h("p", { class: "msg error" }, icon("✖"), `“${file.name}” is far larger than any framework or mapping. Nothing was changed.`));
      return;
    }
    let text: string;
    let data: unknown;
    try {
      text = await file.text();
      data = JSON.parse(text) as unknown;
    } catch (error) {
      problemsBox(h("p", { class: "msg error" }, icon("✖"), `“${file.name}” could not be read as JSON (${(error as Error).message}). Nothing was changed.`));
      return;
    }
    const format = data && typeof data === "object" ? (data as { format?: unknown }).format : undefined;
    if (format === FRAMEWORK_FORMAT) chosenFramework = { name: file.name, text, data: data as Record<string, unknown> };
    else if (format === MAPPING_FORMAT) chosenMapping = { name: file.name, text, data: data as Record<string, unknown> };
    else {
      problemsBox(h("p", { class: "msg error" }, icon("✖"), `“${file.name}” is neither a framework (format “${FRAMEWORK_FORMAT}”) nor a mapping (format “${MAPPING_FORMAT}”). Nothing was changed.`));
      return;
    }
  }
  showChosen();
  if (!chosenFramework || !chosenMapping) {
    problemsBox(h("p", { class: "hint", "data-version-waiting": "" }, chosenFramework ? "Now choose the mapping from the framework in use to this one." : "Now choose the new framework the mapping leads to."));
    return;
  }
  await migrateDraft(chosenFramework, chosenMapping);
}

/** Where a diagnostic of the check or the migration points, in words: the file and field. */
function located(d: Diagnostic, fw: Chosen, mapping: Chosen): Child[] {
  const file = d.document === "mapping" ? `“${mapping.name}”` : d.document === "framework" ? `“${fw.name}”` : `This ${said("document", d.document)}`;
  return [icon(d.severity === "error" ? "✖" : d.severity === "warning" ? "⚠" : "ℹ"), h("strong", null, `${capitalise(said("severity", d.severity))}: `), `${file}${d.path ? ` at ${d.path}` : ""}: ${d.message}`];
}

function showProblems(intro: string, diagnostics: Diagnostic[], fw: Chosen, mapping: Chosen): void {
  problemsBox(
    h("p", { "data-version-problems": "" }, icon("✖"), h("strong", null, intro), " Nothing was changed: put the files right, or choose others."),
    h("ul", { class: "summary" }, diagnostics.map((d) => h("li", { class: `msg ${d.severity}`, "data-diag-code": d.code, "data-diag-document": d.document, "data-diag-path": d.path }, located(d, fw, mapping)))),
  );
}

async function migrateDraft(fw: Chosen, mapping: Chosen): Promise<void> {
  let engine: Framework;
  try {
    engine = new Framework(fw.text);
  } catch (error) {
    if (!(error instanceof ChimeError)) throw error;
    showProblems(`“${fw.name}” is not a framework the page can use.`, error.diagnostics, fw, mapping);
    return;
  }
  if (!(await reviewReady())) {
    engine.free();
    problemsBox(h("p", null, NOT_LOADED));
    return;
  }
  let checked: Diagnostic[];
  try {
    checked = validateMapping(mapping.text, store.engine, engine);
  } catch (error) {
    if (!(error instanceof ChimeError)) throw error;
    checked = error.diagnostics;
  }
  const errors = checked.filter((d) => d.severity === "error");
  if (errors.length) {
    engine.free();
    showProblems(`The mapping does not fit: ${errors.length} ${plural(errors.length, "problem", "problems")}.`, errors, fw, mapping);
    return;
  }
  let result: Migration;
  try {
    result = migrate(store.doc, mapping.text, engine);
  } catch (error) {
    if (!(error instanceof ChimeError)) throw error;
    engine.free();
    showProblems(`${error.message.split("\n")[0] ?? "The assessment could not be carried across"}.`, error.diagnostics, fw, mapping);
    return;
  }
  const state: MigrationState = {
    id: result.assessment.id,
    from: { id: store.fw.id, version: store.fw.version },
    to: { id: engine.id, version: engine.version },
    before: JSON.parse(JSON.stringify(store.doc)) as Assessment,
    items: reviewItems(result, mapping.data),
  };
  const toRate = state.items.filter((item) => item.standard).length;
  const message = `Moved to “${engine.document.title}” version ${engine.version} with “${mapping.name}”. ${toRate ? `${toRate} ${plural(toRate, "rating needs", "ratings need")} a fresh look or a first one: see “To do after the move” under The standards.` : "Every rating was carried across."} Undo brings back the draft before the move; it can also be downloaded from the to-do list.`;
  chosenFramework = null;
  chosenMapping = null;
  showChosen();
  problemsBox();
  versionHooks.apply(engine, fw.data as unknown as FrameworkDocument, result.assessment, state, message);
}

/**
 * The to-do list, from the engine's diagnostics: a `migration_review` warning points at the
 * migrated judgement to rate again (`/judgements/N`); a `migration_retired` note at the mapping's
 * retired entry (`/retired/K`). Anything else the migration says is listed with its words.
 */
function reviewItems(result: Migration, mapping: Record<string, unknown>): ReviewItem[] {
  const retired = Array.isArray(mapping["retired"]) ? (mapping["retired"] as unknown[]) : [];
  return result.diagnostics
    .filter((d) => d.severity !== "error")
    .map((d) => {
      const item: ReviewItem = { code: d.code, severity: d.severity, document: d.document, path: d.path, message: d.message };
      const judgement = d.document === "assessment" ? /^\/judgements\/(\d+)$/.exec(d.path) : null;
      const j = judgement ? result.assessment.judgements?.[Number(judgement[1])] : undefined;
      if (j) {
        item.standard = j.standard;
        item.rater = j.rater ?? null;
      }
      // A new standard's note has the list as its path; the engine names the standard in `context`.
      const fresh = d.code === "new_standard" ? d.context?.["standard"] : undefined;
      if (typeof fresh === "string") {
        item.standard = fresh;
        item.fresh = true;
      }
      const gone = d.code === "migration_retired" && d.document === "mapping" ? /^\/retired\/(\d+)$/.exec(d.path) : null;
      const id = gone ? retired[Number(gone[1])] : undefined;
      if (typeof id === "string") {
        item.retired = id;
        item.retiredTitle = standardTitle(id);
      }
      return item;
    });
}

// ---- the to-do list in section 3 ----------------------------------------------------------

/** The list on the page was built for this migration, seen by this device's rater. */
let builtFor: { state: MigrationState; me: string | null } | null = null;

function whose(rater: string | null | undefined): string {
  return rater ? `rater ${rater}'s rating` : "the agreed rating";
}

function rated(rating: unknown): boolean {
  return rating !== null && rating !== undefined;
}

function isDone(item: ReviewItem): boolean {
  if (!item.standard) return false;
  if (item.fresh) return store.doc.judgements.some((j) => j.standard === item.standard && rated(j.rating));
  return rated(findJudgement(item.standard, item.rater ?? null)?.rating);
}

/** Moves the focus to the rating that needs a fresh look (or its standard, if not shown). */
function goTo(item: ReviewItem): void {
  if (!item.standard) return;
  const card = document.getElementById(`std-${item.standard}`);
  // A new standard: the rating of whoever rates on this device, else the agreed one.
  const rater = item.fresh ? store.me : (item.rater ?? null);
  const group =
    document.querySelector<HTMLElement>(`[data-judge="${CSS.escape(judgeKey(item.standard, rater))}"][data-part="rating"]`) ??
    card?.querySelector<HTMLElement>('[data-part="rating"]');
  const control = group?.querySelector<HTMLInputElement>("input:checked") ?? group?.querySelector<HTMLInputElement>("input");
  (group ?? card)?.scrollIntoView({ block: "start" });
  control?.focus({ preventScroll: true });
}

function downloadBefore(state: MigrationState): void {
  const name = fileName(`${state.before.id}-before-${state.to.version}`, ".json");
  download(name, "application/json", `${JSON.stringify(state.before, null, 2)}\n`);
}

function renderTodo(state: MigrationState): void {
  const box = byId("todo");
  const entries = state.items.map((item, i) => {
    const attrs = { "data-todo": String(i), "data-todo-code": item.code, "data-todo-path": item.path, "data-todo-standard": item.standard ?? "", "data-todo-rater": item.rater ?? "", class: "todo-item" };
    if (item.standard) {
      const label = item.fresh ? `Rate the new standard: ${standardTitle(item.standard)}` : `Rate again: ${standardTitle(item.standard)}, ${whose(item.rater)}`;
      // Rating as one rater, the form shows only their ratings: someone else's is not here to go to.
      if (!item.fresh && store.me && (item.rater ?? null) !== store.me) {
        return h(
          "li",
          attrs,
          label,
          " ",
          h("span", { class: "todo-state", "data-todo-state": "" }),
          h("p", { class: "hint", "data-todo-elsewhere": "" }, `Not on this device: you are rating as rater ${store.me}. ${item.rater ? `Rater ${item.rater} rates it on their own device` : "The group agrees it"}, or go back to the group's view to rate it here.`),
          h("p", { class: "hint" }, item.message),
        );
      }
      return h(
        "li",
        attrs,
        h("button", { type: "button", class: "link", "data-todo-go": String(i), onclick: () => goTo(item) }, label),
        " ",
        h("span", { class: "todo-state", "data-todo-state": "" }),
        h("p", { class: "hint" }, item.message),
      );
    }
    if (item.retired) {
      return h("li", attrs, icon("ℹ"), h("strong", null, `Retired: ${item.retiredTitle ?? item.retired}. `), "Its ratings are not carried into the new version; the draft before the move keeps them.", h("p", { class: "hint" }, item.message));
    }
    return h("li", attrs, icon(item.severity === "warning" ? "⚠" : "ℹ"), h("strong", null, `${capitalise(said("severity", item.severity))}: `), item.message);
  });
  fill(
    box,
    h("h3", { id: "todo-h", tabindex: "-1" }, `To do after the move to version ${state.to.version}`),
    h("p", { id: "todo-count", role: "status" }),
    h("ol", { class: "todo" }, entries),
    h("p", null, h("button", { type: "button", class: "secondary small", id: "download-before", onclick: () => downloadBefore(state) }, "Download the draft before migration"), " ", h("span", { class: "hint" }, `(version ${state.from.version}, as it was before the move)`)),
  );
}

/** Shows the to-do list after a migration, and marks each entry done once it is rated again. */
export function updateTodo(): void {
  const box = byId("todo");
  const state = store.migration;
  box.hidden = !state;
  if (!state) {
    builtFor = null;
    fill(box);
    return;
  }
  if (builtFor?.state !== state || builtFor.me !== store.me || !box.firstChild) {
    builtFor = { state, me: store.me };
    renderTodo(state);
  }
  let toRate = 0;
  let done = 0;
  state.items.forEach((item, i) => {
    if (!item.standard) return;
    toRate += 1;
    const yes = isDone(item);
    if (yes) done += 1;
    const entry = box.querySelector<HTMLElement>(`[data-todo="${i}"]`);
    if (!entry) return;
    entry.dataset["todoDone"] = String(yes);
    const mark = entry.querySelector<HTMLElement>("[data-todo-state]");
    if (mark) fill(mark, icon(yes ? "✓" : "○"), yes ? (item.fresh ? "Done: rated." : "Done: rated again.") : "To do.");
  });
  const count = byId("todo-count");
  const words = toRate === 0 ? "No rating needs a fresh look." : done === toRate ? `All ${toRate} done.` : `${done} of ${toRate} done.`;
  if (count.textContent !== words) count.textContent = words;
}
