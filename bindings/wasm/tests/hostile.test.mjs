// No input may trap the WebAssembly module (a Rust panic is `RuntimeError: unreachable` under
// panic = "abort"): whatever goes in, a call returns or throws a ChimeError (or, for a wrong
// schema name, a RangeError). Values of every JSON type are put at every place in valid
// documents, and the module must still work afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import {
  ChimeError,
  Framework,
  cohort,
  compare,
  defaultFramework,
  renderHtml,
  renderSvg,
  score,
  validate,
} from "./chime.mjs";

const example = JSON.parse(
  readFileSync(new URL("../../../crates/chime-standards/frameworks/chime-lero-example.json", import.meta.url), "utf8"),
);

const WRONG = [null, true, 0, -1, 2.5, 4294967296, -1e308, 1e308, "", "x", "2025-02-30", [], {}, [[]], { a: 1 }];

/** JSON Pointer-like paths of every value, at most `perArray` elements into each array. */
function paths(value, perArray, at = []) {
  const out = [at];
  if (Array.isArray(value)) {
    value.slice(0, perArray).forEach((v, i) => out.push(...paths(v, perArray, [...at, i])));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, perArray, [...at, k]));
  }
  return out;
}

function replaced(document, path, value) {
  if (path.length === 0) return value;
  const copy = structuredClone(document);
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  parent[path.at(-1)] = value;
  return copy;
}

/** Calls `run`, which must return or throw a ChimeError; anything else fails the test. */
function survives(run, what) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ChimeError)) {
      assert.fail(`${what}: threw ${error?.name}: ${error?.message}`);
    }
    assert.ok(error.diagnostics.length > 0, `${what}: a ChimeError without diagnostics`);
  }
}

function stillWorks() {
  const report = score(new Framework(), example);
  assert.equal(report.framework.id, "chime-lero");
}

const HOSTILE = new URL("../../../tests/hostile/", import.meta.url);

test("every committed hostile file is refused with its code, and path where given", () => {
  const expected = JSON.parse(readFileSync(new URL("expected.json", HOSTILE), "utf8"));
  const files = readdirSync(HOSTILE).filter((name) => name.endsWith(".json") && name !== "expected.json");
  assert.deepEqual(files.sort(), Object.keys(expected).sort(), "expected.json lists every file");
  const framework = new Framework();
  for (const [name, want] of Object.entries(expected)) {
    let text;
    try {
      // ignoreBOM keeps a byte-order mark in the text, as the engine must see it.
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(readFileSync(new URL(name, HOSTILE)));
    } catch {
      // A JavaScript string cannot hold invalid UTF-8, so such bytes never reach the engine
      // through this API; Rust and Python test the bytes themselves.
      assert.equal(want.code, "invalid_json", `${name} is not UTF-8`);
      continue;
    }
    assert.throws(
      () => framework.score(text),
      (error) => {
        assert.ok(error instanceof ChimeError, `${name}: ${error}`);
        const match = error.diagnostics.some(
          (d) =>
            d.severity === "error" &&
            d.code === want.code &&
            d.document === want.document &&
            (want.path === undefined || d.path === want.path),
        );
        assert.ok(match, `${name}: ${JSON.stringify(error.diagnostics.slice(0, 3))}`);
        return true;
      },
      `${name} was accepted`,
    );
  }
});

test("every wrong value anywhere in an assessment", () => {
  const framework = new Framework();
  let calls = 0;
  for (const path of paths(example, 2)) {
    for (const value of WRONG) {
      const assessment = replaced(example, path, value);
      survives(() => framework.score(assessment), `assessment ${path.join("/")} = ${JSON.stringify(value)}`);
      survives(() => framework.validate(assessment), `validate ${path.join("/")}`);
      calls += 1;
    }
  }
  assert.ok(calls > 500, `only ${calls} variants`);
  stillWorks();
});

test("every wrong value anywhere in a framework", () => {
  const document = defaultFramework();
  let calls = 0;
  for (const path of paths(document, 1)) {
    for (const value of WRONG) {
      const framework = replaced(document, path, value);
      survives(() => score(framework, example), `framework ${path.join("/")} = ${JSON.stringify(value)}`);
      calls += 1;
    }
  }
  assert.ok(calls > 1000, `only ${calls} variants`);
  stillWorks();
});

test("every wrong value anywhere in a report given to compare, cohort and the renderers", () => {
  const framework = new Framework();
  const report = framework.score(example);
  for (const path of paths(report, 2)) {
    for (const value of WRONG) {
      const changed = replaced(report, path, value);
      const where = `report ${path.join("/")} = ${JSON.stringify(value)}`;
      survives(() => compare(report, changed), `compare ${where}`);
      survives(() => cohort([changed, report]), `cohort ${where}`);
      survives(() => framework.renderSvg(changed), `renderSvg ${where}`);
      survives(() => renderSvg(changed), `renderSvg without framework ${where}`);
      survives(() => framework.renderHtml(changed), `renderHtml ${where}`);
    }
  }
  stillWorks();
});

test("extreme numbers in otherwise valid documents", () => {
  const framework = defaultFramework();
  const extremes = [Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE, 2 ** 53 + 1, 1e-300];
  for (const x of extremes) {
    const fw = structuredClone(framework);
    fw.domains[0].weight = x;
    fw.standards[0].weight = x;
    fw.standards[0].domains[0].weight = x;
    fw.scoring.change_threshold = x;
    fw.scoring.evidence.requirements[0].min_points = x;
    fw.scoring.evidence.source_weights.self = x;
    survives(() => score(fw, example), `weights ${x}`);
    const report = structuredClone(score(new Framework(), example));
    report.overall.score = x;
    report.domains[0].score = x;
    report.domains[0].coverage = x;
    report.standards[0].score = x;
    report.change_threshold = x;
    report.leverage[0] = { standard: report.standards[0].standard, gain: x };
    survives(() => renderHtml(report, new Framework()), `render ${x}`);
    survives(() => renderSvg(report), `svg ${x}`);
    survives(() => compare(report, report), `compare ${x}`);
    survives(() => cohort([report, report]), `cohort ${x}`);
  }
  for (const text of ["1e400", "-1e400", "123456789012345678901234567890", "-0", "1E+2"]) {
    const assessment = JSON.stringify({ ...example, judgements: [] }).replace('"judgements":[]', `"judgements":[{"standard":"x","rating":${text}}]`);
    survives(() => score(new Framework(), assessment), `rating ${text}`);
  }
  stillWorks();
});

test("deep nesting, as text and as objects", () => {
  const depth = 200_000;
  const text = "[".repeat(depth) + "]".repeat(depth);
  survives(() => score(new Framework(), text), "deep array text");
  survives(() => score(new Framework(), `{"format": ${text}}`), "deep field text");
  survives(() => score(`{"domains": ${"{\"a\":".repeat(depth)}1${"}".repeat(depth)}}`, example), "deep object text");
  survives(() => compare(text, text), "deep report text");
  survives(() => cohort([text]), "deep cohort text");
  let deep = [];
  for (let i = 0; i < 1_000_000; i += 1) deep = [deep];
  survives(() => score(new Framework(), { ...example, evidence: deep }), "deep object");
  stillWorks();
});

test("values that are not JSON, strings that are not UTF-16, and too much input", () => {
  const cyclic = { ...example };
  cyclic.self = cyclic;
  const inputs = [
    undefined,
    () => 1,
    Symbol("s"),
    10n,
    { ...example, id: 10n },
    cyclic,
    new Map([["a", 1]]),
    new Date(0),
    { ...example, id: "\uD800" },
    "\uFEFF{}",
    "\uD800",
    "",
    " ",
    "null",
    "{} {}",
    "x".repeat(20_000_000),
    "é".repeat(9_000_000),
  ];
  for (const input of inputs) {
    const what = typeof input === "string" ? `string of ${input.length}` : String(typeof input);
    survives(() => score(new Framework(), input), `assessment ${what}`);
    survives(() => new Framework(input), `framework ${what}`);
    survives(() => validate(new Framework(), input), `validate ${what}`);
    survives(() => compare(input, input), `compare ${what}`);
    survives(() => renderSvg(input), `renderSvg ${what}`);
  }
  survives(() => cohort([]), "empty cohort");
  survives(() => cohort("not a list"), "cohort of a string");
  stillWorks();
});
