// The page's state: the framework in use and the assessment being edited.
//
// The assessment is kept as the plain JSON document itself (`doc`), so what the page saves,
// downloads and scores is exactly what the user edited, and fields the form does not show
// (`sha256`, the raters' own notes, strengths and actions, ...) are kept as they were loaded.

import type {
  Action,
  Assessment,
  Evidence,
  Framework,
  FrameworkDocument,
  FrameworkRef,
  Judgement,
  Level,
  Rater,
  Rating,
  Report,
  Standard,
} from "../chime/index.js";

export const ASSESSMENT_FORMAT = "chime-standards/assessment@1";

/** An assessment with its lists present (the form edits them in place). */
export interface Doc extends Assessment {
  raters: Rater[];
  evidence: Evidence[];
  judgements: Judgement[];
}

/**
 * One entry of the to-do list a move to a new framework version leaves, read from one of the
 * engine's diagnostics of the migration (its code, path and words kept as they were).
 */
export interface ReviewItem {
  code: string;
  severity: string;
  document: string;
  path: string;
  /** The engine's own words. */
  message: string;
  /** The new standard to rate again, and whose judgement (null: the agreed one). */
  standard?: string;
  rater?: string | null;
  /** A standard new in this version (`new_standard`): done once anyone rates it. */
  fresh?: boolean;
  /** A retired standard: its id and its title in the old framework. */
  retired?: string;
  retiredTitle?: string;
}

/** What the page keeps of a migration: where from and to, the draft before it, the to-do list. */
export interface MigrationState {
  /** The assessment's id (the list belongs to that assessment). */
  id: string;
  from: FrameworkRef;
  to: FrameworkRef;
  /** The draft before migration, downloadable as it was. */
  before: Assessment;
  items: ReviewItem[];
}

export const store = {
  /** The prepared framework (scores, validates, renders). */
  engine: null as unknown as Framework,
  /** Its document, every default filled in. */
  fw: null as unknown as FrameworkDocument,
  /** The framework document as loaded from a file, or null for the embedded default. */
  custom: null as FrameworkDocument | null,
  doc: null as unknown as Doc,
  /** The latest report of an assessment without errors. */
  report: null as Report | null,
  /** True while the assessment has errors, so `report` is from before the latest change. */
  paused: false,
  /** The rater whose ratings this device edits ("Rate on your own device"), or null. */
  me: null as string | null,
  /** The latest move to a new framework version, while its to-do list applies. */
  migration: null as MigrationState | null,
};

/** Set by main.ts: called after every edit (debounced there). */
export const hooks = {
  changed: (): void => undefined,
};

export function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function newAssessment(fw: FrameworkDocument): Doc {
  const date = today();
  return {
    format: ASSESSMENT_FORMAT,
    id: `self-assessment-${date}`,
    framework: { id: fw.id, version: fw.version },
    assessed_on: date,
    organisation: { id: "our-lero", structure: "informal" },
    status: "draft",
    raters: [],
    evidence: [],
    judgements: [],
  };
}

/** Gives a loaded assessment the lists the form edits (an absent list means an empty one). */
export function normalise(assessment: Assessment): Doc {
  const doc = assessment as Doc;
  doc.raters ??= [];
  doc.evidence ??= [];
  doc.judgements ??= [];
  return doc;
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// ---- the framework ------------------------------------------------------------------------

export function levels(): Level[] {
  return store.fw.rating_scale.levels;
}

export function levelLabel(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return levels().find((level) => level.value === value)?.label ?? String(value);
}

export function bandLabel(id: string | null | undefined): string {
  if (!id) return "";
  return store.fw.scoring.bands.find((band) => band.id === id)?.label ?? id;
}

export function domainName(id: string): string {
  return store.fw.domains.find((domain) => domain.id === id)?.name ?? id;
}

export function standardById(id: string): Standard | undefined {
  return store.fw.standards.find((standard) => standard.id === id);
}

export function standardTitle(id: string): string {
  return standardById(id)?.title ?? id;
}

/** The domain a standard is listed under: its first domain tag. */
export function homeDomain(standard: Standard): string {
  return standard.domains[0]?.domain ?? "";
}

// ---- judgements ---------------------------------------------------------------------------

/** The key of one rating group: the standard and the rater ("" for the agreed judgement). */
export function judgeKey(standard: string, rater?: string | null): string {
  return `${standard}|${rater ?? ""}`;
}

export function findJudgement(standard: string, rater?: string | null): Judgement | undefined {
  return store.doc.judgements.find(
    (j) => j.standard === standard && (j.rater ?? "") === (rater ?? ""),
  );
}

export function ensureJudgement(standard: string, rater?: string | null): Judgement {
  let judgement = findJudgement(standard, rater);
  if (!judgement) {
    judgement = rater ? { standard, rater, rating: null } : { standard, rating: null };
    store.doc.judgements.push(judgement);
  }
  return judgement;
}

/** Drops a judgement that records nothing, so downloaded files stay tidy. */
export function prune(judgement: Judgement): void {
  const empty =
    (judgement.rating === null || judgement.rating === undefined) &&
    !judgement.justification &&
    !(judgement.evidence && judgement.evidence.length) &&
    !judgement.narrative &&
    !judgement.strengths &&
    !(judgement.actions && judgement.actions.length);
  if (empty) {
    const at = store.doc.judgements.indexOf(judgement);
    if (at >= 0) store.doc.judgements.splice(at, 1);
  }
}

export function setRating(standard: string, rater: string | null, rating: Rating): void {
  const judgement = ensureJudgement(standard, rater);
  judgement.rating = rating;
  prune(judgement);
}

export function setJudgementText(
  standard: string,
  rater: string | null,
  field: "justification" | "narrative" | "strengths",
  text: string,
): void {
  const judgement = ensureJudgement(standard, rater);
  if (text) judgement[field] = text;
  else delete judgement[field];
  prune(judgement);
}

// ---- actions (the agreed judgement's planned improvements) --------------------------------

/** Appends an empty action to a standard's agreed judgement; returns its index. */
export function addAction(standard: string): number {
  const list = (ensureJudgement(standard, null).actions ??= []);
  list.push({ description: "" });
  return list.length - 1;
}

/** What a row of the form edits: an empty `due` means none (the format has no empty date). */
export interface ActionPatch {
  description?: string;
  due?: string;
}

export function setAction(standard: string, index: number, patch: ActionPatch): void {
  const action: Action | undefined = findJudgement(standard, null)?.actions?.[index];
  if (!action) return;
  if (patch.description !== undefined) action.description = patch.description;
  if (patch.due !== undefined) {
    if (patch.due) action.due = patch.due;
    else delete action.due;
  }
}

export function removeAction(standard: string, index: number): void {
  const judgement = findJudgement(standard, null);
  if (!judgement?.actions) return;
  judgement.actions.splice(index, 1);
  if (!judgement.actions.length) delete judgement.actions;
  prune(judgement);
}

// ---- evidence -----------------------------------------------------------------------------

/** An item counts for a standard when it lists it or a judgement of it cites the item. */
export function isLinked(item: Evidence, standard: string): boolean {
  return (
    (item.standards ?? []).includes(standard) ||
    store.doc.judgements.some(
      (j) => j.standard === standard && (j.evidence ?? []).includes(item.id),
    )
  );
}

export function setLinked(item: Evidence, standard: string, on: boolean): void {
  if (on) {
    if (!isLinked(item, standard)) (item.standards ??= []).push(standard);
    return;
  }
  item.standards = (item.standards ?? []).filter((id) => id !== standard);
  for (const judgement of store.doc.judgements.slice()) {
    if (judgement.standard !== standard || !judgement.evidence) continue;
    judgement.evidence = judgement.evidence.filter((id) => id !== item.id);
    if (!judgement.evidence.length) delete judgement.evidence;
    prune(judgement);
  }
}

export function nextId(prefix: string, taken: string[]): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.includes(id)) return id;
  }
}
