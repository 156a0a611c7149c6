// Runs every language-neutral case under tests/conformance/ through the built npm package, with
// the matching rules of tests/conformance/README.md (the same as the Rust runner,
// crates/chime-standards/tests/conformance.rs, and the Python one).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import {
  ChimeError,
  Framework,
  cohort,
  compare,
  diff,
  merge,
  draftMapping,
  migrate,
  score,
  validate,
  validateMapping,
  verify,
} from "./chime.mjs";

const casesDir = fileURLToPath(new URL("../../../tests/conformance/", import.meta.url));

/** A document given inline, as raw text (`<key>_json`), or (frameworks only) as "default". */
function documentArg(testCase, key) {
  const raw = testCase[`${key}_json`];
  if (typeof raw === "string") return raw;
  const value = testCase[key];
  if (value === undefined) throw new Error(`the case has no ${key}`);
  return value;
}

function frameworkArg(testCase) {
  const value = documentArg(testCase, "framework");
  return value === "default" ? new Framework() : value;
}

/** Runs `produce`; a ChimeError means "no output", with its diagnostics. */
function outcome(produce) {
  try {
    const output = produce();
    return { output, diagnostics: output.diagnostics };
  } catch (error) {
    if (error instanceof ChimeError) return { output: null, diagnostics: error.diagnostics };
    throw error;
  }
}

/** The revision kinds of spec 9 (see tests/conformance/README.md). */
function runRevision(testCase, kind) {
  const mapping = () => documentArg(testCase, "mapping");
  if (kind === "diff") return outcome(() => diff(testCase.old, testCase.new));
  if (kind === "draft_mapping") {
    return { output: draftMapping(testCase.old, testCase.new), diagnostics: [] };
  }
  if (kind === "mapping") {
    return { output: null, diagnostics: validateMapping(mapping(), testCase.old, testCase.new) };
  }
  if (kind === "migrate") {
    const result = outcome(() => migrate(documentArg(testCase, "assessment"), mapping(), testCase.new));
    if (result.output !== null) {
      // Every migrated assessment is valid against the new framework.
      const errors = validate(testCase.new, result.output.assessment).filter((d) => d.severity === "error");
      assert.deepEqual(errors, [], "the migrated assessment is invalid");
    }
    return result;
  }
  const before = score(testCase.old, documentArg(testCase, "before"));
  const after = score(testCase.new, documentArg(testCase, "after"));
  return outcome(() => compare(before, after, testCase.mapping));
}

/** A merge case: `{assessment: merged or null, report: its report or null}`. */
function runMerge(testCase) {
  let merged;
  try {
    merged = merge(testCase.inputs);
  } catch (error) {
    if (error instanceof ChimeError) {
      return { output: { assessment: null, report: null }, diagnostics: error.diagnostics };
    }
    throw error;
  }
  if (testCase.framework === undefined) {
    return { output: { assessment: merged, report: null }, diagnostics: [] };
  }
  const scored = outcome(() => score(frameworkArg(testCase), merged));
  return { output: { assessment: merged, report: scored.output }, diagnostics: scored.diagnostics };
}

export function run(testCase) {
  const kind = testCase.kind ?? "score";
  if (kind === "merge") return runMerge(testCase);
  if (["diff", "draft_mapping", "mapping", "migrate"].includes(kind) || (kind === "compare" && testCase.old)) {
    return runRevision(testCase, kind);
  }
  if (kind === "verify") {
    const optional = (key) =>
      testCase[key] === undefined && testCase[`${key}_json`] === undefined
        ? undefined
        : documentArg(testCase, key);
    const output = verify(documentArg(testCase, "envelope"), documentArg(testCase, "assessment"), {
      keys: documentArg(testCase, "keys"),
      report: optional("report"),
    });
    return { output, diagnostics: output.problems };
  }
  if (kind === "score") {
    return outcome(() => score(frameworkArg(testCase), documentArg(testCase, "assessment")));
  }
  let framework;
  try {
    const value = frameworkArg(testCase);
    framework = value instanceof Framework ? value : new Framework(value);
  } catch (error) {
    if (error instanceof ChimeError) return { output: null, diagnostics: error.diagnostics };
    throw error;
  }
  if (kind === "compare") {
    const before = framework.score(documentArg(testCase, "before"));
    const after = framework.score(documentArg(testCase, "after"));
    return outcome(() => compare(before, after));
  }
  if (kind === "cohort") {
    const reports = documentArg(testCase, "assessments").map((a) => framework.score(a));
    return outcome(() => cohort(reports));
  }
  throw new Error(`unknown kind ${kind}`);
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Subset match: every key in `want` must match in `have`; arrays match in full length. */
export function subset(want, have, at, problems) {
  if (isObject(want) && isObject(have)) {
    for (const [key, value] of Object.entries(want)) {
      if (Object.hasOwn(have, key)) subset(value, have[key], `${at}/${key}`, problems);
      else problems.push(`${at}/${key}: missing, expected ${JSON.stringify(value)}`);
    }
  } else if (Array.isArray(want) && Array.isArray(have)) {
    if (want.length !== have.length) {
      problems.push(`${at}: expected ${want.length} items, got ${have.length}: ${JSON.stringify(have)}`);
      return;
    }
    want.forEach((w, i) => subset(w, have[i], `${at}/${i}`, problems));
  } else if (want !== have) {
    // Numbers compare exactly; strings, booleans and null by identity; any other pairing of
    // types (an object against an array, say) is a mismatch.
    problems.push(`${at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(have)}`);
  }
}

/** The expected diagnostics must be exactly the actual errors and warnings, in any order. */
export function diagnosticsMatch(expected, actual, problems) {
  const left = actual.filter((d) => d.severity !== "info");
  for (const want of expected) {
    const found = left.findIndex((have) => {
      const scratch = [];
      subset(want, have, "", scratch);
      return scratch.length === 0;
    });
    if (found >= 0) left.splice(found, 1);
    else problems.push(`expected diagnostic ${JSON.stringify(want)} not produced`);
  }
  for (const extra of left) {
    problems.push(
      `unexpected diagnostic ${extra.severity} ${extra.code} ${extra.document} ${extra.path}: ${extra.message}`,
    );
  }
}

/** The expected notes must be exactly the actual `info` diagnostics, in any order. */
function notesMatch(expected, actual, problems) {
  const asWarnings = actual.filter((d) => d.severity === "info").map((d) => ({ ...d, severity: "warning" }));
  diagnosticsMatch(
    expected.map((want) => ({ ...want, severity: "warning" })),
    asWarnings,
    problems,
  );
}

const files = readdirSync(casesDir)
  .filter((name) => name.endsWith(".json"))
  .sort();

test("the conformance cases are there", () => {
  assert.ok(files.length >= 25, `expected at least 25 cases, found ${files.length}`);
});

for (const file of files) {
  test(`conformance ${file}`, () => {
    const testCase = JSON.parse(readFileSync(casesDir + file, "utf8"));
    const expect = testCase.expect ?? {};
    const { output, diagnostics } = run(testCase);
    const problems = [];
    const merging = testCase.kind === "merge";
    const keys = ["report", "comparison", "cohort", "assessment", "changes", "mapping", "migration", "verification"];
    for (const key of keys) {
      // A merge case's output holds the merged assessment and its report.
      if (Object.hasOwn(expect, key)) subset(expect[key], merging ? output[key] : output, "", problems);
    }
    if (Array.isArray(expect.diagnostics)) diagnosticsMatch(expect.diagnostics, diagnostics, problems);
    if (Array.isArray(expect.notes)) notesMatch(expect.notes, diagnostics, problems);
    assert.deepEqual(problems, [], `${testCase.name}:\n  ${problems.join("\n  ")}`);
  });
}

test("the matcher rejects what it should", () => {
  const problems = [];
  subset({ a: [1, 2] }, { a: [1, 2, 3] }, "", problems);
  subset({ b: 1.5 }, { b: 1.55 }, "", problems);
  subset({ c: null }, {}, "", problems);
  subset({ d: {} }, { d: [] }, "", problems);
  assert.equal(problems.length, 4, problems.join("\n"));
  const warning = {
    severity: "warning",
    code: "raters_disagree",
    document: "assessment",
    path: "/judgements/0",
    message: "m",
  };
  const more = [];
  diagnosticsMatch([], [warning], more);
  assert.equal(more.length, 1, "an unexpected warning must fail the case");
  const info = [];
  diagnosticsMatch([], [{ ...warning, severity: "info" }], info);
  assert.equal(info.length, 0, "info diagnostics are ignored");
});
