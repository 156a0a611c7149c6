// The public API of the npm package `chime-standards`, shared by its web and Node.js builds.
//
// A thin layer over the wasm-bindgen module: plain objects are written with JSON.stringify,
// read in Rust by the same parser as the CLI and the Python package (so every problem comes
// back with the same code and JSON Pointer), and results come back through JSON.parse as plain
// objects (no Map, no BigInt). Every rule lives in the Rust core; nothing here decides a score.
//
// The document types are generated from the Rust types (tsify), so they cannot drift from the
// JSON Schemas.

import * as wasm from "./chime_standards_wasm.js";
import type {
  Agreement,
  Assessment,
  Code,
  Cohort,
  Comparison,
  Diagnostic,
  Document,
  Framework as FrameworkDocument,
  Jwk,
  JwkSet,
  Envelope,
  Outcome,
  Report,
  ReviewerRole,
  Scope,
  Verification,
  Changes,
  Mapping,
  Migration,
} from "./chime_standards_wasm.js";
import { SCHEMAS } from "./schemas.js";
import { state } from "./state.js";
import type { ReviewModule } from "./state.js";
import { VERSION } from "./version.js";

export type {
  Action,
  Agreement,
  AgreementMetric,
  AppliesTo,
  Assessment,
  AssessmentStatus,
  Award,
  AwardCounts,
  AwardOutcome,
  Band,
  Cap,
  Change,
  Code,
  Cohort,
  CohortStandard,
  Comparison,
  Consent,
  Contribution,
  Date as IsoDate,
  Diagnostic,
  Direction,
  Document,
  Domain,
  DomainChange,
  DomainResult,
  DomainStatus,
  DomainSummary,
  DomainTag,
  Evidence,
  EvidenceKind,
  EvidenceRules,
  EvidenceSummary,
  Framework as FrameworkDocument,
  FrameworkRef,
  Indicator,
  Judgement,
  Level,
  Leverage,
  Organisation,
  OrganisationRef,
  Overall,
  Rater,
  RaterRole,
  RaterSummary,
  Rating,
  RatingScale,
  Reading,
  Report,
  Requirement,
  ScoreStatus,
  Scoring,
  Section,
  Sensitivity,
  Severity,
  Source,
  SourceWeights,
  Standard,
  StandardResult,
  StandardStatus,
  Structure,
  Subcategory,
  Summary,
  Bump,
  ChangeKind,
  Changes,
  FrameworkChange,
  Impact,
  Mapping,
  MappingEntry,
  Migration,
  Relation,
  Endorsement,
  Envelope,
  Jwk,
  JwkSet,
  Outcome,
  Review,
  Reviewer,
  ReviewerRole,
  Scope,
  Signature,
  Statement,
  Subject,
  Verification,
} from "./chime_standards_wasm.js";

/** The names `schema()` accepts. */
export type SchemaName =
  | "framework"
  | "assessment"
  | "report"
  | "comparison"
  | "cohort"
  | "mapping"
  | "changes"
  | "endorsement"
  | "keys"
  | "verification";

/**
 * A framework: a prepared {@link Framework}, a framework document, or its JSON text.
 */
export type FrameworkInput = Framework | FrameworkDocument | string;

/** A document as an object, or its JSON text (read exactly as the CLI reads a file). */
export type Input<T> = T | string;

/** The package version (the same as the Rust crates'). */
export const version: string = VERSION;

/**
 * The error every function throws when its input cannot be used.
 *
 * `code` is the code of the first error (what a caller usually branches on); `diagnostics`
 * lists every problem found, errors and warnings, each with a stable `code`, the `document`
 * it concerns and a JSON Pointer `path` into it. The message lists the errors, one per line.
 */
export class ChimeError extends Error {
  /** The code of the first error. */
  readonly code: Code;
  /** Every problem found, in the order found. */
  readonly diagnostics: Diagnostic[];

  constructor(message: string, code: Code, diagnostics: Diagnostic[]) {
    super(message);
    this.name = "ChimeError";
    this.code = code;
    this.diagnostics = diagnostics;
  }
}

interface Thrown {
  message: string;
  code: Code | null;
  diagnostics: Diagnostic[];
}

function ensureReady(): void {
  if (!state.ready) {
    throw new Error(
      "chime-standards: the WebAssembly module is not loaded yet; `await init()` (the default export) first",
    );
  }
}

/**
 * The review module (framework revisions and endorsements): a second WebAssembly module,
 * loaded on first use so that pages that only rate and score never download it. Node.js loads
 * it here, synchronously; the web build needs `await initReview()` first.
 */
function reviewModule(): ReviewModule {
  ensureReady();
  if (state.review === undefined && state.loadReview !== undefined) {
    state.review = state.loadReview();
  }
  if (state.review === undefined) {
    throw new Error(
      "chime-standards: framework revisions and endorsements are in a second WebAssembly module, not loaded yet; `await initReview()` first",
    );
  }
  return state.review;
}

function singleError(code: Code, document: Document, message: string, path = ""): ChimeError {
  ensureReady();
  const diagnostic: Diagnostic = { severity: "error", code, document, path, message };
  // The engine's own summary, the same text as the Rust error's Display.
  return new ChimeError(wasm.summary(JSON.stringify([diagnostic])), code, [diagnostic]);
}

/** A number JSON cannot hold, found while writing a document. */
class NonFinite {
  constructor(
    readonly path: string,
    readonly value: number,
  ) {}
}

function pointerToken(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * JSON.stringify, refusing NaN and infinities (which it would silently write as `null`, and
 * a `null` rating means "not assessed") with their JSON Pointer.
 *
 * The replacer only notes that such a number exists: building every value's path costs more
 * than the rest of the stringify, so the path is found by a second pass only when needed.
 */
function stringify(value: unknown): string | undefined {
  let nonFinite = false;
  const json = JSON.stringify(value, (_key: string, item: unknown) => {
    if (typeof item === "number" && !Number.isFinite(item)) nonFinite = true;
    return item;
  });
  if (nonFinite) {
    locateNonFinite(value);
    // Not found again (a getter or toJSON that changed its answer): refuse it all the same.
    throw new NonFinite("", Number.NaN);
  }
  return json;
}

/** Throws NonFinite with the JSON Pointer of the first non-finite number, in stringify's order. */
function locateNonFinite(value: unknown): void {
  const paths = new WeakMap<object, string>();
  let root = true;
  JSON.stringify(value, function (this: object, key: string, item: unknown) {
    const path = root ? "" : `${paths.get(this) ?? ""}/${pointerToken(key)}`;
    root = false;
    if (typeof item === "number" && !Number.isFinite(item)) throw new NonFinite(path, item);
    if (item !== null && typeof item === "object") paths.set(item, path);
    return item;
  });
}

/** Runs a raw call, turning what Rust throws (JSON text) into a ChimeError. */
function call<T>(run: () => T): T {
  ensureReady();
  try {
    return run();
  } catch (error) {
    if (typeof error === "string") {
      const thrown = JSON.parse(error) as Thrown;
      throw new ChimeError(thrown.message, thrown.code ?? "invalid_value", thrown.diagnostics);
    }
    throw error;
  }
}

/**
 * JSON text of a document given as an object or as text. Values JSON cannot hold (BigInt,
 * cycles) and input over the size limit are refused here, before any copy into WebAssembly.
 */
function text(value: unknown, document: Document): string {
  ensureReady();
  let json: string | undefined;
  if (typeof value === "string") {
    json = value;
  } else {
    try {
      json = stringify(value);
    } catch (error) {
      if (error instanceof NonFinite) {
        throw singleError(
          "invalid_value",
          document,
          `${error.value} is not a number JSON can hold; give a finite number`,
          error.path,
        );
      }
      const deep = error instanceof RangeError;
      throw singleError(
        deep ? "nesting_too_deep" : "invalid_json",
        document,
        deep
          ? "the value nests too deeply to be written as JSON; no chime-standards document nests this deep"
          : `the value cannot be written as JSON (${String(error)}); pass plain objects, arrays, strings, numbers, booleans and null`,
      );
    }
    if (json === undefined) {
      throw singleError(
        "invalid_type",
        document,
        `expected a ${document} object or JSON text, got ${typeof value}`,
      );
    }
  }
  const limit = wasm.max_input_bytes();
  // A UTF-8 encoding is never shorter than its UTF-16 length, so this refuses only
  // what Rust would refuse; Rust checks the exact byte count of the rest.
  if (json.length > limit) {
    throw singleError(
      "input_too_large",
      document,
      `the input is over ${limit} bytes, the limit; split it or raise the limit`,
    );
  }
  return json;
}

function parsed<T>(json: string): T {
  return JSON.parse(json) as T;
}

/**
 * A framework checked once and indexed, ready to validate and score many assessments.
 *
 * ```js
 * const framework = Framework.default();
 * const report = framework.score(assessment);
 * ```
 *
 * The WebAssembly memory it holds is released when the object is garbage-collected, or at
 * once with `free()`.
 */
export class Framework {
  #engine: wasm.Engine;
  #json: string | undefined;
  /** The document `id` and `version` are read from: parsed once, never handed out. */
  #own: FrameworkDocument | undefined;

  /**
   * Checks a framework document (an object or JSON text) and prepares it for scoring; with no
   * argument, the embedded default framework.
   *
   * @throws {ChimeError} with every problem found when the framework cannot be used.
   */
  constructor(framework?: FrameworkDocument | string) {
    if (framework === undefined) {
      ensureReady();
      this.#engine = wasm.Engine.default_framework();
    } else {
      const json = text(framework, "framework");
      this.#engine = call(() => new wasm.Engine(json));
    }
  }

  /** The embedded default framework, `chime-lero` (the same as `new Framework()`). */
  static default(): Framework {
    return new Framework();
  }

  /** The framework document, with every default filled in (a fresh copy on each call). */
  get document(): FrameworkDocument {
    this.#json ??= call(() => this.#engine.framework_json());
    return parsed<FrameworkDocument>(this.#json);
  }

  /** The framework's id (`chime-lero`). */
  get id(): string {
    return (this.#own ??= this.document).id;
  }

  /** The framework's version (`1.0.0`). */
  get version(): string {
    return (this.#own ??= this.document).version;
  }

  /** Warnings about the framework itself (they are also added to every report). */
  get warnings(): Diagnostic[] {
    return parsed<Diagnostic[]>(call(() => this.#engine.warnings_json()));
  }

  /**
   * Every problem with an assessment against this framework: errors, warnings and notes.
   * Never throws for a bad assessment: an assessment that cannot be read gives the
   * diagnostics saying why.
   */
  validate(assessment: Input<Assessment>): Diagnostic[] {
    let json: string;
    try {
      json = text(assessment, "assessment");
    } catch (error) {
      if (error instanceof ChimeError) return error.diagnostics;
      throw error;
    }
    return parsed<Diagnostic[]>(call(() => this.#engine.validate(json)));
  }

  /**
   * Scores an assessment.
   *
   * @throws {ChimeError} with every problem found when the assessment has errors.
   */
  score(assessment: Input<Assessment>): Report {
    const json = text(assessment, "assessment");
    return parsed<Report>(call(() => this.#engine.score(json)));
  }

  /** The SVG radar chart of a report, labelled with this framework's domain names. */
  renderSvg(report: Input<Report>): string {
    const json = text(report, "report");
    return call(() => this.#engine.render_svg(json));
  }

  /** A self-contained HTML page (no scripts, no external resources) of a report. */
  renderHtml(report: Input<Report>): string {
    const json = text(report, "report");
    return call(() => this.#engine.render_html(json));
  }

  /** Releases the WebAssembly memory now; the object cannot be used afterwards. */
  free(): void {
    this.#engine.free();
  }

}

/** Runs `use` with a prepared framework, freeing it afterwards when it was made here. */
function withFramework<T>(framework: FrameworkInput, use: (prepared: Framework) => T): T {
  if (framework instanceof Framework) return use(framework);
  const prepared = new Framework(framework);
  try {
    return use(prepared);
  } finally {
    prepared.free();
  }
}

/** What the words of statuses, awards, severities and documents are, by kind and JSON name:
 * `vocabulary().standard_status.working_towards` is `"Working towards"`. The same words the
 * engine's text and HTML reports use. */
export function vocabulary(): Record<string, Record<string, string>> {
  ensureReady();
  return JSON.parse(wasm.vocabulary()) as Record<string, Record<string, string>>;
}

/** The embedded default framework, `chime-lero`, as a document (a fresh copy on each call). */
export function defaultFramework(): FrameworkDocument {
  const framework = Framework.default();
  try {
    return framework.document;
  } finally {
    framework.free();
  }
}

/**
 * Every problem with a framework and an assessment checked together: errors, warnings and
 * notes. Never throws for bad documents: a framework with errors gives its own diagnostics
 * (the assessment cannot be checked against it), and an assessment that cannot be read gives
 * the diagnostics saying why.
 */
export function validate(framework: FrameworkInput, assessment: Input<Assessment>): Diagnostic[] {
  let prepared: Framework;
  try {
    prepared = framework instanceof Framework ? framework : new Framework(framework);
  } catch (error) {
    if (error instanceof ChimeError) return error.diagnostics;
    throw error;
  }
  try {
    return prepared.validate(assessment);
  } finally {
    if (prepared !== framework) prepared.free();
  }
}

/**
 * Scores an assessment against a framework. To score many assessments, prepare the framework
 * once with {@link Framework}.
 *
 * @throws {ChimeError} with every problem found when either document has errors.
 */
export function score(framework: FrameworkInput, assessment: Input<Assessment>): Report {
  return withFramework(framework, (prepared) => prepared.score(assessment));
}

/**
 * What changed between two reports of one organisation.
 *
 * @throws {ChimeError} when a report cannot be read or the two are of different frameworks.
 */
export function compare(
  before: Input<Report>,
  after: Input<Report>,
  mapping?: Input<Mapping>,
): Comparison {
  const b = text(before, "report");
  const a = text(after, "report");
  if (mapping === undefined) return parsed<Comparison>(call(() => wasm.compare(b, a)));
  const m = text(mapping, "mapping");
  return parsed<Comparison>(call(() => reviewModule().compare_with_mapping(b, a, m)));
}

/** JSON text of a framework given as a prepared {@link Framework}, a document or text. */
function frameworkText(framework: FrameworkInput): string {
  return text(framework instanceof Framework ? framework.document : framework, "framework");
}

/**
 * Every change from `old` to `next` with its impact (major, minor, patch), and the version
 * rise they need (spec 9.1). A version that does not rise far enough is not thrown: the
 * document's `diagnostics` hold the error `version_bump_too_small`.
 *
 * @throws {ChimeError} `framework_mismatch` for two different frameworks, or a framework's
 * own errors.
 */
export function diff(old: FrameworkInput, next: FrameworkInput): Changes {
  const o = frameworkText(old);
  const n = frameworkText(next);
  return parsed<Changes>(call(() => reviewModule().diff(o, n)));
}

/** The changes from `old` to `next` as text for a standards editor (as `chime diff`). */
export function changesText(old: FrameworkInput, next: FrameworkInput): string {
  const o = frameworkText(old);
  const n = frameworkText(next);
  return call(() => reviewModule().changes_text(o, n));
}

/** A draft mapping from `old` to `next` for a person to finish (spec 9.2). */
export function draftMapping(old: FrameworkInput, next: FrameworkInput): Mapping {
  const o = frameworkText(old);
  const n = frameworkText(next);
  return parsed<Mapping>(call(() => reviewModule().draft_mapping(o, n)));
}

/**
 * Every problem with a mapping against both frameworks: errors, warnings and notes. Never
 * throws for a bad mapping (a mapping that cannot be read gives the diagnostics saying why).
 *
 * @throws {ChimeError} when a framework cannot be used.
 */
export function validateMapping(
  mapping: Input<Mapping>,
  old: FrameworkInput,
  next: FrameworkInput,
): Diagnostic[] {
  let m: string;
  try {
    m = text(mapping, "mapping");
  } catch (error) {
    if (error instanceof ChimeError) return error.diagnostics;
    throw error;
  }
  const o = frameworkText(old);
  const n = frameworkText(next);
  return parsed<Diagnostic[]>(call(() => reviewModule().validate_mapping(m, o, n)));
}

/**
 * Carries an assessment onto a new framework version with a mapping (spec 9.3). Returns the
 * migrated assessment (status `draft`, every evidence item and every word kept, ratings
 * carried only across one-to-one equivalent entries) and what to review
 * (`migration_review`, `migration_retired`). The input is not changed.
 *
 * @throws {ChimeError} when the mapping does not fit the assessment or the framework.
 */
export function migrate(
  assessment: Input<Assessment>,
  mapping: Input<Mapping>,
  framework: FrameworkInput,
): Migration {
  const a = text(assessment, "assessment");
  const m = text(mapping, "mapping");
  const f = frameworkText(framework);
  return parsed<Migration>(call(() => reviewModule().migrate(a, m, f)));
}

/**
 * Pools reports of one framework into summary statistics (paths in diagnostics start with
 * the report's index: `/2/overall`).
 *
 * @throws {ChimeError} when a report cannot be read, the list is empty or frameworks differ.
 */
export function cohort(reports: ReadonlyArray<Input<Report>>): Cohort {
  if (!Array.isArray(reports)) {
    throw singleError("invalid_type", "report", "expected an array of reports");
  }
  const list = `[${reports.map((report) => text(report, "report")).join(",")}]`;
  const json = text(list, "report");
  return parsed<Cohort>(call(() => wasm.cohort(json)));
}

/**
 * Merges several raters' files of one assessment into one (spec section 7): raters and
 * evidence united by id, judgements by (standard, rater), in order of first appearance; the
 * status is the earliest. The result is not checked against a framework: score it as usual.
 *
 * @throws {ChimeError} with every mismatch and conflict at once, in document `input`, each
 *   path starting with the input's index (`/1/raters/0/role`).
 */
export function merge(assessments: ReadonlyArray<Input<Assessment>>): Assessment {
  if (!Array.isArray(assessments)) {
    throw singleError("invalid_type", "input", "expected an array of assessments");
  }
  const list = assessments.map((assessment) => text(assessment, "input"));
  return parsed<Assessment>(call(() => wasm.merge(list)));
}

/**
 * One assessment per rater (their judgements and the evidence they cite), then one of the
 * agreed judgements and the remaining evidence: the inverse of {@link merge}.
 *
 * @throws {ChimeError} when the assessment cannot be read.
 */
export function split(assessment: Input<Assessment>): Assessment[] {
  const json = text(assessment, "assessment");
  return parsed<Assessment[]>(call(() => wasm.split(json)));
}

/**
 * What an agreement figure (a report's or a domain's `agreement`) means for a group, in one
 * sentence with the number: the words of the engine's text and HTML reports, for a page that
 * shows agreement on its own.
 *
 * @throws {ChimeError} when the object is not an agreement figure.
 */
export function agreementText(agreement: Input<Agreement>): string {
  const json = text(agreement, "report");
  return call(() => wasm.agreement_text(json));
}

/**
 * The SVG radar chart of a report. With a framework, axes carry its domain names; without,
 * the domain ids.
 */
export function renderSvg(report: Input<Report>, framework?: FrameworkInput): string {
  if (framework === undefined) {
    const json = text(report, "report");
    return call(() => wasm.render_svg(json));
  }
  return withFramework(framework, (prepared) => prepared.renderSvg(report));
}

/** A self-contained HTML page of a report, with the framework's titles. */
export function renderHtml(report: Input<Report>, framework: FrameworkInput): string {
  return withFramework(framework, (prepared) => prepared.renderHtml(report));
}

/**
 * The JSON Schema (draft 2020-12) of a document, as an object (a fresh copy on each call).
 *
 * The schemas are plain JavaScript in the package (`schemas.js`, written at build time from the
 * repository's `schema/` directory), not part of the WebAssembly module, so this works before
 * `init()`, and a bundler leaves them out of a site that never calls `schema()`. The same
 * files are in the package as `chime-standards/schema/<name>.schema.json`.
 *
 * @throws {RangeError} for a name other than those of {@link SchemaName}.
 */
export function schema(name: SchemaName): Record<string, unknown> {
  const json = Object.prototype.hasOwnProperty.call(SCHEMAS, name) ? SCHEMAS[name] : undefined;
  if (json === undefined) {
    throw new RangeError(
      `no schema named ${JSON.stringify(name)}; use framework, assessment, report, comparison, cohort, mapping, changes, endorsement, keys or verification`,
    );
  }
  return parsed<Record<string, unknown>>(json);
}

/**
 * Verifies an endorsement (spec section 10) of an assessment, and of its report when given,
 * against the trusted reviewers' keys (a JWK Set). Works offline, in the browser and in Node.
 * Never throws for bad input: `valid` is false and `problems` says why, each problem with its
 * code and a JSON Pointer into the envelope (`endorsement`), the signed statement
 * (`statement`), the `assessment`, the `report` or the `keys`.
 *
 * Give the assessment as it was endorsed (the file's text or its object): layout and key
 * order do not matter, any changed value does.
 */
export function verify(
  envelope: Input<Envelope>,
  assessment: Input<Assessment>,
  options: { keys: Input<JwkSet>; report?: Input<Report> },
): Verification {
  const e = text(envelope, "endorsement");
  const a = text(assessment, "assessment");
  const r = options.report === undefined ? undefined : text(options.report, "report");
  const k = text(options.keys, "keys");
  return parsed<Verification>(call(() => reviewModule().verify(e, a, r, k)));
}

/** What a reviewer says when signing: who they are, how closely they looked, what they found. */
export interface ReviewInput {
  reviewer: string;
  role: ReviewerRole;
  organisation?: string;
  scope: Scope;
  outcome: Outcome;
  /** The day the review concluded, `YYYY-MM-DD`. */
  reviewedOn: string;
}

/**
 * Signs an endorsement of an assessment and its report with a private JWK (from
 * {@link generateKey}); returns the DSSE envelope.
 *
 * @throws {ChimeError} `invalid_key`, `reviewer_mismatch`, `report_mismatch`, ...
 */
export function signEndorsement(
  assessment: Input<Assessment>,
  report: Input<Report>,
  key: Input<Jwk>,
  review: ReviewInput,
): Envelope {
  const reviewer: Record<string, string> = { id: review.reviewer, role: review.role };
  if (review.organisation !== undefined) reviewer.organisation = review.organisation;
  const body = JSON.stringify({
    reviewer,
    reviewed_on: review.reviewedOn,
    scope: review.scope,
    outcome: review.outcome,
  });
  const a = text(assessment, "assessment");
  const r = text(report, "report");
  const k = text(key, "keys");
  return parsed<Envelope>(call(() => reviewModule().sign_endorsement(a, r, body, k)));
}

/** A private Ed25519 JWK from exactly 32 random bytes (the core draws no randomness). */
export function keyFromBytes(seed: Uint8Array, reviewer?: string): Jwk {
  return parsed<Jwk>(call(() => reviewModule().key_from_bytes(seed, reviewer)));
}

/**
 * A new private Ed25519 JWK from 32 bytes of `crypto.getRandomValues`. Keep it private; put
 * {@link publicKey} of it in the network's JWK Set.
 */
export function generateKey(reviewer?: string): Jwk {
  const seed = new Uint8Array(32);
  globalThis.crypto.getRandomValues(seed);
  try {
    return keyFromBytes(seed, reviewer);
  } finally {
    seed.fill(0);
  }
}

/** The public JWK (no `d`) of a private JWK, for the trusted key set. */
export function publicKey(key: Input<Jwk>): Jwk {
  const k = text(key, "keys");
  return parsed<Jwk>(call(() => reviewModule().public_key(k)));
}
