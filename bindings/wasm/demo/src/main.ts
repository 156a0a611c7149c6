// The self-assessment page: loads the engine, restores the draft, scores as the user works,
// and opens and saves files. Nothing leaves the browser: there is no server side, and the
// only requests the page makes are for its own files.

import init, { ChimeError, Framework, version } from "../chime/index.js";
import * as chime from "../chime/index.js";
import type { Assessment, Diagnostic, FrameworkDocument, Report } from "../chime/index.js";
import { byId, download, dropZone, fileName, fill, h, icon, plural } from "./dom.js";
import { actions, addEvidence, addRater, me, renderForm, updateApplicability } from "./form.js";
import { groupShown, ratersOnly, updateGroup } from "./group.js";
import { check as checkEndorsement, renderEndorsePanel } from "./endorse.js";
import { describe, dropUnknownStandards, showDiagnostics } from "./messages.js";
import { resetResults, showResults } from "./results.js";
import { ASSESSMENT_FORMAT, clone, hooks, newAssessment, normalise, store } from "./store.js";
import type { Doc, MigrationState } from "./store.js";
import { renderVersionBox, updateTodo, versionHooks } from "./version.js";

const DRAFT_KEY = "chime-standards/self-assessment/draft";
const DRAFT_FORMAT = "chime-standards/self-assessment-draft@1";
/** Scoring takes well under a millisecond; the pause only spares work while someone types. */
const DEBOUNCE_MS = 150;
/** The engine's own limit on a document (16 MiB). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Codes meaning a file is not a readable assessment at all (as opposed to one with problems). */
const UNREADABLE = new Set([
  "invalid_json",
  "nesting_too_deep",
  "input_too_large",
  "missing_field",
  "unknown_field",
  "invalid_type",
  "invalid_value",
  "duplicate_key",
  "wrong_format",
]);

interface Draft {
  format: typeof DRAFT_FORMAT;
  saved_at: string;
  assessment: Assessment;
  /** The rater whose ratings this device edits, when someone rates as one. */
  rater?: string;
  /** Present when a framework other than the embedded default is in use. */
  framework?: FrameworkDocument;
  /** The latest move to a new framework version: the draft before it and the to-do list. */
  migration?: MigrationState;
}

interface Snapshot {
  doc: Doc;
  custom: FrameworkDocument | null;
  migration: MigrationState | null;
}

let defaultRef = { id: "", version: "" };

// ---- scoring as the user works ------------------------------------------------------------

let timer = 0;

function schedule(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(recompute, DEBOUNCE_MS);
  byId("results").setAttribute("aria-busy", "true");
}

/** Scores at once if an edit is waiting (before saving a file, or when the page is hidden). */
function flush(): void {
  if (timer) recompute();
}

interface Scored {
  report: Report | null;
  diagnostics: Diagnostic[];
  /** The engine's own first line of a failure: "2 problems stop scoring". */
  summary: string | null;
}

/** Scores the document and shows the results panel (with its chart, unless told otherwise);
 * the form's parts are left to the caller. */
function scoreAndShow(chart = true): Scored {
  let scored: Scored;
  try {
    const report = store.engine.score(store.doc);
    scored = { report, diagnostics: report.diagnostics, summary: null };
  } catch (error) {
    if (!(error instanceof ChimeError)) throw error;
    scored = { report: null, diagnostics: error.diagnostics, summary: error.message.split("\n")[0] ?? error.message };
  }
  if (scored.report) store.report = scored.report;
  store.paused = scored.report === null;
  showResults(store.report, store.paused, scored.summary ?? "", chart);
  return scored;
}

function recompute(): void {
  window.clearTimeout(timer);
  timer = 0;
  byId("results").removeAttribute("aria-busy");
  const { report, diagnostics, summary } = scoreAndShow();
  showDiagnostics(diagnostics, summary);
  updateApplicability(report);
  updateGroup(report, report && groupShown() ? ratersOnly() : null);
  byId("endorse-n").textContent = byId("differ-panel").hidden ? "5." : "6.";
  updateTodo();
  showWhose();
  saveDraft();
  void checkEndorsement();
}

/** Rebuilds the form from the document (after opening a file, undo, a new framework). */
function renderAll(): void {
  if (store.me && !store.doc.raters.some((r) => r.id === store.me)) store.me = null;
  // A to-do list belongs to the assessment it was made for, on the version it was moved to.
  const moved = store.migration;
  if (moved && (moved.id !== store.doc.id || moved.to.id !== store.doc.framework.id || moved.to.version !== store.doc.framework.version)) {
    store.migration = null;
  }
  renderForm();
  resetResults();
  store.report = null;
  recompute();
}

// ---- the draft in the browser's storage ---------------------------------------------------

let storageWarned = false;
/** Set when the stored draft could not be read (it is then kept under another key). */
let draftUnreadable = false;

function saveDraft(): void {
  const draft: Draft = { format: DRAFT_FORMAT, saved_at: new Date().toISOString(), assessment: store.doc };
  if (store.custom) draft.framework = store.custom;
  if (store.me) draft.rater = store.me;
  if (store.migration) draft.migration = store.migration;
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    if (!storageWarned) {
      storageWarned = true;
      alertMessage(
        "This browser would not keep a draft (its storage is full or turned off). Use “Save assessment” to keep your work in a file.",
      );
    }
  }
}

function readDraft(): Draft | null {
  let text: string | null = null;
  try {
    text = localStorage.getItem(DRAFT_KEY);
    if (text === null) return null;
    const draft = JSON.parse(text) as Draft;
    if (draft.format !== DRAFT_FORMAT || typeof draft.assessment !== "object" || draft.assessment === null) {
      throw new Error("not a draft");
    }
    return draft;
  } catch {
    // Keep what could not be read rather than overwrite it, in case it can be recovered.
    draftUnreadable = true;
    try {
      if (text !== null) localStorage.setItem(`${DRAFT_KEY}:unreadable`, text);
    } catch {
      /* nothing more to do */
    }
    return null;
  }
}

// ---- notices and undo ---------------------------------------------------------------------

function notice(message: string, undo?: Snapshot): void {
  byId("alert").textContent = "";
  const box = byId("notice");
  fill(
    box,
    h(
      "div",
      { class: "notice" },
      h("p", null, message),
      undo
        ? h(
            "button",
            {
              type: "button",
              class: "secondary small",
              onclick: () => {
                restore(undo);
                notice("Undone: the page is as it was before.");
              },
            },
            "Undo",
          )
        : null,
      h("button", { type: "button", class: "quiet small", onclick: () => fill(box) }, "Dismiss"),
    ),
  );
}

function alertMessage(message: string, title = "Could not do that."): void {
  fill(byId("notice"));
  const box = byId("alert");
  fill(
    box,
    h(
      "div",
      { class: "notice error" },
      h("p", null, icon("✖"), h("strong", null, `${title} `), message),
      h("button", { type: "button", class: "quiet small", onclick: () => fill(box) }, "Dismiss"),
    ),
  );
}

function snapshot(): Snapshot {
  return { doc: clone(store.doc), custom: store.custom, migration: store.migration };
}

function restore(before: Snapshot): void {
  if (before.custom !== store.custom) {
    useFramework(before.custom ? new Framework(before.custom) : new Framework(), before.custom);
  }
  store.doc = before.doc;
  store.migration = before.migration;
  renderAll();
}

actions.undoable = (message, change, focus) => {
  const before = snapshot();
  change();
  renderAll();
  notice(message, before);
  if (focus) document.querySelector<HTMLElement>(focus)?.focus();
};

// ---- rating on your own device -------------------------------------------------------------

/** The line at the top of the form that says whose ratings are being edited. */
function showWhose(): void {
  const rater = store.doc.raters.find((r) => r.id === store.me);
  const line = byId("whose");
  line.hidden = !rater;
  if (rater) fill(line, icon("✎"), "You are editing the ratings of ", h("strong", null, `rater ${rater.id}`), `${rater.lived_experience ? " (lived experience)" : ""}. `, h("a", { href: "#raters-h" }, "Change"));
}

me.use = (rater) => {
  store.me = rater && store.doc.raters.some((r) => r.id === rater) ? rater : null;
  renderAll();
  notice(
    store.me
      ? `You are now rating as rater ${store.me}. Only their ratings are edited; “Save my ratings” downloads them as a file.`
      : "Back to the group's view: every rater and the agreed ratings.",
  );
  byId(store.me ? "standards-h" : "raters-h").focus();
};

function saveMyRatings(): void {
  flush();
  const rater = store.doc.raters.find((r) => r.id === store.me);
  if (!rater) return;
  const mine: Assessment = {
    ...store.doc,
    raters: [rater],
    judgements: store.doc.judgements.filter((j) => j.rater === rater.id),
  };
  const name = fileName(`${store.doc.id}-${rater.id}`, ".json");
  download(name, "application/json", `${JSON.stringify(mine, null, 2)}\n`);
  notice(`Saved “${name}”: the organisation, the evidence list and the ratings of rater ${rater.id}. Give it to your coordinator.`);
}

// ---- bringing the group together ----------------------------------------------------------

/**
 * The engine's merge (spec 7), when this version of the npm package has it. The page merges
 * nothing itself: without it, the coordinator is told how to do it instead. (esbuild warns that
 * `merge` is undefined until the package exports it.)
 */
type Merge = (assessments: ReadonlyArray<Assessment | string>) => Assessment;
const engineMerge = (chime as unknown as { merge?: Merge }).merge;

function renderMergeBox(): void {
  const box = byId("merge-box");
  if (typeof engineMerge !== "function") {
    fill(
      box,
      h("h3", null, "Bring the group together"),
      h("p", { class: "hint", "data-merge": "unavailable" }, "Putting several raters' files together into one needs the engine's merge, which this version of the page does not have yet. For now, open one file with “Open assessment…” and ask each person to rate on that device, or use the chime command."),
    );
    return;
  }
  const input = h("input", { type: "file", id: "merge-files", class: "visually-hidden", tabindex: "-1", "aria-hidden": "true", multiple: true, accept: ".json,application/json" });
  input.addEventListener("change", () => {
    const files = Array.from(input.files ?? []);
    input.value = "";
    if (files.length) void mergeFiles(files);
  });
  const zone = h(
    "div",
    { class: "drop", "data-merge": "available" },
    h("p", null, "Choose the raters' files (several at once), or drop them here. The engine puts them together; every conflict is listed by file and field, and nothing is replaced without you seeing it."),
    h("button", { type: "button", id: "merge-choose", class: "secondary", onclick: () => input.click() }, "Choose raters' files…"),
    input,
    h("div", { id: "merge-problems" }),
  );
  dropZone(zone, (files) => void mergeFiles(files));
  fill(box, h("h3", null, "Bring the group together"), zone);
}

async function mergeFiles(files: File[]): Promise<void> {
  if (typeof engineMerge !== "function") return;
  const texts: string[] = [];
  for (const file of files) {
    const text = await readText(file);
    if (text === null) return;
    texts.push(text);
  }
  let merged: Assessment;
  try {
    merged = engineMerge(texts);
  } catch (error) {
    if (!(error instanceof ChimeError)) throw error;
    // Paths are /<file index>/<pointer in that file>: said by file name and field.
    const items = error.diagnostics.map((d) => {
      const [, index, rest] = /^\/(\d+)(.*)$/.exec(d.path) ?? [];
      const file = index === undefined ? undefined : files[Number(index)];
      return h("li", { class: `msg ${d.severity}`, "data-merge-file": file?.name ?? "" }, h("strong", null, file ? `“${file.name}”` : "The files"), rest ? ` at ${rest}` : "", `: ${describe(d)}`);
    });
    fill(byId("merge-problems"), h("p", null, icon("✖"), h("strong", null, `${error.message.split("\n")[0] ?? ""}. `), "Nothing was changed: put the files right (or leave one out) and choose them again."), h("ul", { class: "summary" }, items));
    return;
  }
  actions.undoable(
    `Brought together ${files.length} ${plural(files.length, "file", "files")}: ${files.map((f) => `“${f.name}”`).join(", ")}. Undo brings back the assessment that was here.`,
    () => {
      store.doc = normalise(merged);
      store.me = null;
    },
    "#differ-h",
  );
  fill(byId("merge-problems"));
}

// ---- a new version of the standards -------------------------------------------------------

versionHooks.apply = (engine, framework, assessment, state, message) => {
  actions.undoable(
    message,
    () => {
      useFramework(engine, framework);
      store.doc = normalise(assessment);
      store.migration = state;
    },
    "#todo-h",
  );
};

// ---- frameworks ---------------------------------------------------------------------------

function useFramework(engine: Framework, custom: FrameworkDocument | null): void {
  const old = store.engine as Framework | null;
  store.engine = engine;
  store.fw = engine.document;
  store.custom = custom;
  if (old && old !== engine) old.free();
  const fw = store.fw;
  byId("framework-name").textContent = `${fw.title} (${fw.id} ${fw.version})`;
  byId("use-default").hidden = custom === null;
  const about = byId("framework-about");
  fill(about, fw.description ?? "");
  about.hidden = !fw.description;
}

async function openFramework(file: File): Promise<void> {
  const read = await readJson(file, "Nothing was changed.");
  if (read === null) return;
  const { name, text, data } = read;
  const format = (data as { format?: unknown } | null)?.format;
  if (format === ASSESSMENT_FORMAT) {
    alertMessage(`“${name}” is an assessment, not a framework: use “Open assessment” for it. Nothing was changed.`);
    return;
  }
  let engine: Framework;
  try {
    engine = new Framework(text);
  } catch (error) {
    if (!(error instanceof ChimeError)) throw error;
    alertMessage(`“${name}” is not a framework the page can use: ${problems(error.diagnostics)} Nothing was changed.`);
    return;
  }
  const before = snapshot();
  useFramework(engine, data as FrameworkDocument);
  store.doc.framework = { id: store.fw.id, version: store.fw.version };
  renderAll();
  notice(`Now using the framework “${store.fw.title}” (${store.fw.id} ${store.fw.version}). Your ratings and evidence were kept.`, before);
}

function useDefaultFramework(): void {
  const before = snapshot();
  useFramework(new Framework(), null);
  store.doc.framework = { id: store.fw.id, version: store.fw.version };
  renderAll();
  notice(`Now using the default framework “${store.fw.title}”.`, before);
}

// ---- files --------------------------------------------------------------------------------

async function readText(file: File): Promise<string | null> {
  if (file.size > MAX_FILE_BYTES) {
    alertMessage(`“${file.name}” is ${Math.round(file.size / 1048576)} MB: far larger than any assessment or framework. Nothing was changed.`);
    return null;
  }
  try {
    return await file.text();
  } catch {
    alertMessage(`“${file.name}” could not be read from the device. Nothing was changed.`);
    return null;
  }
}

/** A file's text and parsed JSON, or null once the user has been told why not (`unchanged`
 * ends the message: what stayed as it was). */
async function readJson(
  file: File,
  unchanged: string,
): Promise<{ name: string; text: string; data: unknown } | null> {
  const text = await readText(file);
  if (text === null) return null;
  try {
    return { name: file.name, text, data: JSON.parse(text) as unknown };
  } catch (error) {
    alertMessage(`“${file.name}” is not valid JSON, so it cannot be opened (${(error as Error).message}). ${unchanged}`);
    return null;
  }
}

function problems(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const shown = errors.slice(0, 3).map((d) => `${describe(d)} (at ${d.path || "the top"})`);
  const more = errors.length > 3 ? ` and ${errors.length - 3} more` : "";
  return `${shown.join("; ")}${more}.`;
}

function describeWrongFile(name: string, data: unknown): string | null {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return `“${name}” does not hold an assessment (a chime-standards assessment is a JSON object).`;
  }
  const format = (data as { format?: unknown }).format;
  if (format === ASSESSMENT_FORMAT) return null;
  if (typeof format === "string" && format.startsWith("chime-standards/framework@")) {
    return `“${name}” is a framework, not an assessment. To use it, choose “Use another framework”.`;
  }
  if (typeof format === "string" && format.startsWith("chime-standards/report@")) {
    return `“${name}” is a report. Reports hold only ids and scores, so they cannot be edited: open the assessment file the report was made from.`;
  }
  if (typeof format === "string") {
    return `“${name}” is not a chime-standards assessment: its format is “${format}”, and the page opens “${ASSESSMENT_FORMAT}”.`;
  }
  return `“${name}” is not a chime-standards assessment: it has no “format” field.`;
}

async function openAssessment(file: File): Promise<void> {
  const read = await readJson(file, "Your current work is unchanged.");
  if (read === null) return;
  const { name, text, data } = read;
  const wrong = describeWrongFile(name, data);
  if (wrong) {
    alertMessage(`${wrong} Your current work is unchanged.`);
    return;
  }
  const assessment = data as Assessment;
  const ref = assessment.framework as { id?: unknown; version?: unknown } | undefined;
  const before = snapshot();
  let switched = false;
  if (ref && (ref.id !== store.fw.id || ref.version !== store.fw.version)) {
    if (store.custom && ref.id === defaultRef.id && ref.version === defaultRef.version) {
      switched = true;
    } else {
      alertMessage(
        `“${name}” was made against the framework “${String(ref.id)}” version ${String(ref.version)}, but the page is using “${store.fw.id}” version ${store.fw.version}. Choose “Use another framework” to load that framework first, then open the file again. Your current work is unchanged.`,
      );
      return;
    }
  }
  const engine = switched ? new Framework() : store.engine;
  const unreadable = engine.validate(text).filter((d) => d.severity === "error" && UNREADABLE.has(d.code));
  if (unreadable.length) {
    if (switched) engine.free();
    alertMessage(`“${name}” could not be read as an assessment: ${problems(unreadable)} Your current work is unchanged.`);
    return;
  }
  if (switched) useFramework(engine, null);
  store.doc = normalise(assessment);
  renderAll();
  const ratings = store.doc.judgements.filter((j) => j.rating !== null && j.rating !== undefined).length;
  notice(
    `Opened “${name}”: ${ratings} ${plural(ratings, "rating", "ratings")} and ${store.doc.evidence.length} evidence ${plural(store.doc.evidence.length, "item", "items")}` +
      (switched ? ", with the default framework it was made against." : ".") +
      (store.paused ? " It has problems that stop scoring; they are marked on the page." : ""),
    before,
  );
}

function saveAssessment(): void {
  flush();
  const name = fileName(store.doc.id, ".json");
  download(name, "application/json", `${JSON.stringify(store.doc, null, 2)}\n`);
  notice(`Saved “${name}” to your downloads. Keep it somewhere safe: it may hold personal details.`);
}

function saveReport(): void {
  flush();
  if (store.paused || !store.report) {
    alertMessage("The report is made from an assessment without errors: fix the problems marked ✖ Error first.");
    return;
  }
  const name = fileName(store.doc.id, "-report.html");
  download(name, "text/html", store.engine.renderHtml(store.report));
  notice(`Saved the report “${name}” to your downloads. It holds ids and scores only: no names, titles or notes.`);
}

function startAgain(): void {
  actions.undoable(
    "Started a new, empty assessment. The previous one can be brought back with Undo until you leave the page.",
    () => {
      store.doc = newAssessment(store.fw);
    },
    "#org-h",
  );
}

// ---- start --------------------------------------------------------------------------------

function pickFile(input: HTMLInputElement, open: (file: File) => Promise<void>): void {
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = "";
    if (file) void open(file);
  });
}

function wire(): void {
  const assessmentInput = byId<HTMLInputElement>("open-assessment-file");
  const frameworkInput = byId<HTMLInputElement>("open-framework-file");
  pickFile(assessmentInput, openAssessment);
  pickFile(frameworkInput, openFramework);
  byId("open-assessment").addEventListener("click", () => assessmentInput.click());
  byId("open-framework").addEventListener("click", () => frameworkInput.click());
  byId("save-assessment").addEventListener("click", saveAssessment);
  byId("save-report").addEventListener("click", saveReport);
  byId("start-again").addEventListener("click", startAgain);
  byId("use-default").addEventListener("click", useDefaultFramework);
  byId("add-rater").addEventListener("click", addRater);
  byId("me-box").addEventListener("click", (event) => {
    if ((event.target as HTMLElement).id === "save-mine") saveMyRatings();
  });
  byId("add-evidence").addEventListener("click", () => addEvidence());
  byId("problems").addEventListener("click", (event) => {
    if ((event.target as HTMLElement).id === "drop-unknown") {
      actions.undoable("Removed ratings and links of standards this framework does not have.", dropUnknownStandards);
    }
  });
  // Score and save at once when the page is hidden or closed, so no keystroke is lost.
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  // Two tabs on one draft would overwrite each other's work: say so.
  window.addEventListener("storage", (event) => {
    if (event.key === DRAFT_KEY) {
      alertMessage(
        "This assessment was changed in another tab or window of this browser. Work in one tab only: close the other, or reload this one to see its changes.",
      );
    }
  });
  const online = (): void => {
    byId("connection").textContent = navigator.onLine
      ? ""
      : "You are offline. Everything still works, and your work is kept in this browser.";
  };
  window.addEventListener("online", online);
  window.addEventListener("offline", online);
  online();
}

/** The boxes for merging, a new framework version and endorsements (after the first score). */
function renderPanels(): void {
  renderMergeBox();
  renderVersionBox();
  renderEndorsePanel();
}

/** Resolves once the browser has painted what is on the page now (or soon, in a hidden tab,
 * where frames wait until it is shown). */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}

function registerServiceWorker(): void {
  const status = byId("offline-status");
  if (!("serviceWorker" in navigator) || location.protocol === "file:") {
    status.textContent = "This browser cannot keep the page for offline use: keep this tab open.";
    return;
  }
  navigator.serviceWorker
    .register("./sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      fill(status, icon("✓"), "Saved on this device: the page works offline from now on.");
    })
    .catch(() => {
      status.textContent = "The page could not be saved for offline use: keep this tab open.";
    });
}

/** The engine compiles from the moment this script runs: the script is loaded `async`, so
 * that can be before the page has been parsed. Resolves to the error, if it fails. */
const engineLoading: Promise<unknown> = init().then(
  () => null,
  (error: unknown) => error ?? "unknown error",
);

function parsed(): Promise<void> {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));
}

async function boot(): Promise<void> {
  await parsed();
  const loading = byId("loading");
  const failed = await engineLoading;
  if (failed !== null) {
    loading.textContent = `The scoring engine could not be loaded (${String(failed)}). Reload the page to try again.`;
    return;
  }
  const fallback = new Framework();
  defaultRef = { id: fallback.id, version: fallback.version };
  const draft = readDraft();
  let lostFramework = false;
  if (draft?.framework) {
    try {
      useFramework(new Framework(draft.framework), draft.framework);
      fallback.free();
    } catch {
      lostFramework = true;
      useFramework(fallback, null);
    }
  } else {
    useFramework(fallback, null);
  }
  // A draft the engine cannot read at all (from an older page, or edited by hand) is set aside,
  // not thrown away, and the page starts afresh.
  let setAside = draftUnreadable;
  if (draft && store.engine.validate(draft.assessment).some((d) => d.severity === "error" && UNREADABLE.has(d.code))) {
    setAside = true;
    try {
      localStorage.setItem(`${DRAFT_KEY}:unreadable`, JSON.stringify(draft));
    } catch {
      /* nothing more to do */
    }
  }
  store.doc = draft && !setAside ? normalise(draft.assessment) : newAssessment(store.fw);
  store.me = draft && !setAside && store.doc.raters.some((r) => r.id === draft.rater) ? (draft.rater ?? null) : null;
  store.migration = draft && !setAside ? (draft.migration ?? null) : null;
  // The results come first: they are what a returning group looks for, and the form (every
  // standard's card) takes longer to build than the engine takes to score. The browser
  // paints them before the form and the chart are drawn (renderAll scores again, in full).
  scoreAndShow(false);
  document.body.classList.add("scored");
  loading.textContent = "Preparing the form…";
  // The first score is on the page: what the browser test times (benches/README.md).
  performance.mark("chime:first-score");
  await nextPaint();
  // Controls work from when the form they act on is there.
  hooks.changed = schedule;
  wire();
  renderPanels();
  renderAll();
  byId("engine-version").textContent = version;
  loading.remove();
  document.body.classList.add("ready");
  performance.mark("chime:form-ready");
  if (setAside) {
    alertMessage(
      `The draft saved in this browser could not be read, so a new assessment was started. The old draft is kept in this browser's storage as “${DRAFT_KEY}:unreadable”.`,
      "Draft not restored.",
    );
  } else if (draft) {
    const saved = new Date(draft.saved_at);
    notice(
      `Welcome back: your draft from ${Number.isNaN(saved.getTime()) ? "earlier" : saved.toLocaleString()} is restored.` +
        (lostFramework ? " Its framework could not be loaded, so the default framework is in use." : ""),
    );
  }
  registerServiceWorker();
}

void boot();
