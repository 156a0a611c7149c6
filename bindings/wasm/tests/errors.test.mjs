// The shape of errors: a ChimeError (an Error subclass) with `code` and every diagnostic,
// located by document and JSON Pointer, for malformed JSON, wrong types, validation errors
// (testimony without consent among them) and the values JavaScript can hold but JSON cannot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { ChimeError, Framework, cohort, compare, defaultFramework, score, validate } from "./chime.mjs";

const example = JSON.parse(
  readFileSync(new URL("../../../crates/chime-standards/frameworks/chime-lero-example.json", import.meta.url), "utf8"),
);

/** Runs `run`, which must throw a ChimeError; returns it. */
function chimeError(run) {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ChimeError, `expected a ChimeError, got ${error}`);
    return error;
  }
  assert.fail("expected a ChimeError, nothing was thrown");
}

function assertShape(error) {
  assert.ok(error instanceof Error);
  assert.equal(error.name, "ChimeError");
  assert.equal(typeof error.stack, "string");
  assert.ok(error.diagnostics.length >= 1);
  for (const diagnostic of error.diagnostics) {
    // `context` (the numbers the message speaks of) is optional.
    assert.deepEqual(Object.keys(diagnostic).filter((key) => key !== "context").sort(), ["code", "document", "message", "path", "severity"]);
    assert.match(diagnostic.path, /^(\/.*)?$/);
    assert.ok(diagnostic.message.length > 0);
  }
  const errors = error.diagnostics.filter((d) => d.severity === "error");
  assert.ok(errors.length >= 1, "a ChimeError holds at least one error");
  assert.equal(error.code, errors[0].code, "code is the first error's code");
  // The Rust error's Display, whichever side built the error.
  const head = errors.length === 1 ? "1 problem stops scoring" : `${errors.length} problems stop scoring`;
  assert.ok(error.message.startsWith(head), error.message);
  for (const d of errors) {
    assert.ok(error.message.includes(`error[${d.code}] ${d.document} ${d.path || "/"}: ${d.message}`), error.message);
  }
}

test("malformed JSON", () => {
  const error = chimeError(() => score(new Framework(), '{"format": "chime-standards/assessment@1", "id": '));
  assertShape(error);
  assert.equal(error.code, "invalid_json");
  assert.equal(error.diagnostics[0].document, "assessment");
  assert.match(error.diagnostics[0].message, /line 1 column/);

  const framework = chimeError(() => new Framework("{ not json"));
  assertShape(framework);
  assert.deepEqual([framework.code, framework.diagnostics[0].document], ["invalid_json", "framework"]);

  const report = chimeError(() => compare("{", "{}"));
  assertShape(report);
  assert.deepEqual([report.code, report.diagnostics[0].document], ["invalid_json", "report"]);
});

test("wrong types, unknown and missing fields are located", () => {
  const cases = [
    [{ ...example, id: 7 }, "invalid_type", "/id"],
    [{ ...example, colour: "blue" }, "unknown_field", "/colour"],
    [{ ...example, judgements: [{ ...example.judgements[0], rating: 2.5 }] }, "invalid_type", "/judgements/0/rating"],
    [{ ...example, assessed_on: "2025-02-30" }, "invalid_value", "/assessed_on"],
    [{ ...example, evidence: [{ ...example.evidence[0], source: "rumour" }] }, "invalid_value", "/evidence/0/source"],
    [{ ...example, raters: { r1: "member" } }, "invalid_type", "/raters"],
    // JSON.stringify would write NaN as null, and a null rating means "not assessed".
    [{ ...example, judgements: [{ ...example.judgements[0], rating: Number.NaN }] }, "invalid_value", "/judgements/0/rating"],
    [{ ...example, "a/b~": [Infinity] }, "invalid_value", "/a~1b~0/0"],
  ];
  for (const [assessment, code, path] of cases) {
    const error = chimeError(() => score(new Framework(), assessment));
    assertShape(error);
    assert.deepEqual(
      [error.code, error.diagnostics[0].path, error.diagnostics[0].document],
      [code, path, "assessment"],
      JSON.stringify(error.diagnostics),
    );
  }
  const { format, ...missing } = example;
  assert.ok(format);
  const error = chimeError(() => score(new Framework(), missing));
  assert.equal(error.code, "missing_field");
  const weight = defaultFramework();
  weight.domains[0].weight = -Infinity;
  const nonFinite = chimeError(() => new Framework(weight));
  assertShape(nonFinite);
  assert.deepEqual(
    [nonFinite.code, nonFinite.diagnostics[0].document, nonFinite.diagnostics[0].path],
    ["invalid_value", "framework", "/domains/0/weight"],
  );
});

test("testimony without consent stops scoring, with every other problem listed", () => {
  const assessment = structuredClone(example);
  assessment.evidence[0].kind = "testimony";
  delete assessment.evidence[0].consent;
  assessment.evidence[1].collected = "2099-01-01";
  const error = chimeError(() => score(new Framework(), assessment));
  assertShape(error);
  assert.equal(error.code, "testimony_without_consent");
  const found = error.diagnostics.map((d) => [d.severity, d.code, d.document, d.path]);
  assert.deepEqual(
    found.filter(([severity]) => severity === "error"),
    [
      ["error", "testimony_without_consent", "assessment", "/evidence/0"],
      ["error", "evidence_from_future", "assessment", "/evidence/1/collected"],
    ],
  );
  // validate() lists the same problems and does not throw.
  const listed = validate(defaultFramework(), assessment);
  assert.deepEqual(listed, error.diagnostics);
});

test("framework errors, from the constructor, score() and validate()", () => {
  const bad = defaultFramework();
  bad.rating_scale.levels = [];
  bad.scoring.bands[0].min = 10;
  const error = chimeError(() => new Framework(bad));
  assertShape(error);
  assert.ok(error.diagnostics.every((d) => d.document === "framework"));
  const errors = error.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.path}`);
  assert.ok(errors.includes("invalid_scale /rating_scale/levels"), errors.join("\n"));
  assert.ok(errors.includes("bands_not_ascending /scoring/bands/0/min"), errors.join("\n"));
  assert.deepEqual(chimeError(() => score(bad, example)).diagnostics, error.diagnostics);
  assert.deepEqual(validate(bad, example), error.diagnostics);
});

test("compare and cohort refuse what they cannot pool", () => {
  const framework = new Framework();
  const report = framework.score(example);
  const other = { ...report, framework: { id: "another", version: "1.0.0" } };
  const mismatch = chimeError(() => compare(report, other));
  assertShape(mismatch);
  assert.equal(mismatch.code, "framework_mismatch");
  assert.equal(chimeError(() => cohort([report, other])).code, "framework_mismatch");
  const empty = chimeError(() => cohort([]));
  assertShape(empty);
  assert.equal(empty.code, "empty_cohort");
  const extra = chimeError(() => compare(report, { ...report, note: "x" }));
  assert.deepEqual([extra.code, extra.diagnostics[0].document], ["unknown_field", "report"]);
  const second = chimeError(() => cohort([report, { ...report, overall: 1 }]));
  assert.deepEqual([second.code, second.diagnostics[0].path], ["invalid_type", "/1/overall"]);
});

test("values JSON cannot hold are refused before they reach WebAssembly", () => {
  const cyclic = structuredClone(example);
  cyclic.organisation.self = cyclic;
  let deep = [];
  for (let i = 0; i < 1_000_000; i += 1) deep = [deep];
  const cases = [
    [{ ...example, id: 10n }, "invalid_json"],
    [cyclic, "invalid_json"],
    [{ ...example, evidence: deep }, "nesting_too_deep"],
    [undefined, "invalid_type"],
    [() => example, "invalid_type"],
    ["x".repeat(17 * 1024 * 1024), "input_too_large"],
    ["é".repeat(9 * 1024 * 1024), "input_too_large"],
  ];
  for (const [assessment, code] of cases) {
    const error = chimeError(() => score(new Framework(), assessment));
    assertShape(error);
    assert.deepEqual([error.code, error.diagnostics[0].document, error.diagnostics[0].path], [code, "assessment", ""]);
  }
});
