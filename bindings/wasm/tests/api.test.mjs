// The API surface: plain objects out (no Map, no BigInt), the Framework class, the renderers,
// schemas, the version, and the web build (init before use) giving the same results as Node's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import * as chime from "./chime.mjs";

const { Framework, ChimeError, cohort, compare, defaultFramework, renderHtml, renderSvg, schema, score, validate, version } =
  chime;

const example = JSON.parse(
  readFileSync(new URL("../../../crates/chime-standards/frameworks/chime-lero-example.json", import.meta.url), "utf8"),
);
const pkg = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"));

/** Every value is a plain object, an array, a string, a finite number, a boolean or null. */
function assertPlain(value, at = "") {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    assert.ok(Number.isFinite(value), `${at}: ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertPlain(item, `${at}/${i}`));
    return;
  }
  assert.equal(typeof value, "object", `${at}: a ${typeof value}`);
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${at}: not a plain object`);
  for (const [key, item] of Object.entries(value)) assertPlain(item, `${at}/${key}`);
}

test("the exports are the documented API", () => {
  const names = Object.keys(chime).filter((name) => name !== "default" && name !== "__esModule").sort();
  assert.deepEqual(names, [
    "ChimeError",
    "Framework",
    "agreementText",
    "changesText",
    "cohort",
    "compare",
    "defaultFramework",
    "diff",
    "draftMapping",
    "generateKey",
    "initReview",
    "keyFromBytes",
    "merge",
    "migrate",
    "publicKey",
    "renderHtml",
    "renderSvg",
    "schema",
    "score",
    "signEndorsement",
    "split",
    "validate",
    "validateMapping",
    "verify",
    "version",
    "vocabulary",
  ]);
});

test("version is the package's and the engine's", () => {
  assert.equal(version, pkg.version);
  assert.equal(score(new Framework(), example).engine, `chime-standards ${version}`);
});

test("documents come out as plain objects, fresh on every call", () => {
  const framework = defaultFramework();
  assertPlain(framework);
  assert.equal(framework.id, "chime-lero");
  framework.id = "changed";
  assert.equal(defaultFramework().id, "chime-lero");
  const report = score(framework.id === "changed" ? defaultFramework() : framework, example);
  assertPlain(report);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  assertPlain(compare(report, report));
  assertPlain(cohort([report, report, report]));
  assertPlain(validate(defaultFramework(), example));
  for (const name of ["framework", "assessment", "report", "comparison", "cohort"]) {
    const document = schema(name);
    assertPlain(document);
    assert.equal(document.$id, `urn:chime-standards:schema:${name}@1`);
  }
});

test("a Framework is prepared once and gives what the functions give", () => {
  const framework = new Framework();
  assert.equal(framework.id, "chime-lero");
  assert.equal(framework.version, "1.0.0");
  assert.deepEqual(framework.warnings, []);
  assert.deepEqual(framework.document, defaultFramework());
  assert.deepEqual(Framework.default().document, framework.document);
  // Each `document` is the caller's own: changing one changes nothing the framework says.
  const mine = framework.document;
  mine.id = "changed";
  mine.version = "9.9.9";
  assert.notStrictEqual(framework.document, mine);
  assert.deepEqual([framework.id, framework.version, framework.document.id], ["chime-lero", "1.0.0", "chime-lero"]);
  const report = framework.score(example);
  assert.deepEqual(report, score(defaultFramework(), example));
  assert.deepEqual(report, score(JSON.stringify(defaultFramework()), JSON.stringify(example)));
  assert.deepEqual(framework.validate(example), validate(defaultFramework(), example));
  assert.ok(framework.validate(example).every((d) => d.severity !== "error"));
  assert.deepEqual(new Framework(framework.document).score(example), report);
  assert.equal(framework.renderHtml(report), renderHtml(report, defaultFramework()));
  assert.equal(framework.renderSvg(report), renderSvg(report, framework));
  framework.free();
  assert.throws(() => framework.score(example), (error) => error instanceof Error && !(error instanceof ChimeError));
});

test("a framework's own warnings reach its reports", () => {
  const document = defaultFramework();
  document.id = "Not_Kebab";
  const framework = new Framework(document);
  assert.deepEqual(framework.warnings.map((d) => [d.code, d.path]), [["id_not_kebab", "/id"]]);
  const assessment = { ...example, framework: { id: "Not_Kebab", version: "1.0.0" } };
  assert.ok(framework.score(assessment).diagnostics.some((d) => d.code === "id_not_kebab"));
});

test("the renderers", () => {
  const framework = new Framework();
  const report = framework.score(example);
  const svg = renderSvg(report);
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.trimEnd().endsWith("</svg>"));
  assert.ok(renderSvg(report, framework).includes("Connectedness"));
  const html = renderHtml(report, framework);
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.ok(!/<script/i.test(html), "no scripts in the page");
  assert.ok(!html.includes(example.organisation.name), "no names from the assessment");
});

test("schema() knows five documents", () => {
  assert.throws(() => schema("nope"), RangeError);
  assert.ok(schema("assessment").properties.assessed_on, "the assessment schema describes assessed_on");
  assert.notStrictEqual(schema("report"), schema("report"), "a fresh copy on each call");
});

test("the web build: init() first, then the same results as Node's", async () => {
  const web = await import("../pkg/web/index.js");
  assert.throws(() => web.defaultFramework(), /init\(\)/);
  assert.throws(() => new web.Framework(), /init\(\)/);
  const bytes = readFileSync(new URL("../pkg/web/chime_standards_wasm_bg.wasm", import.meta.url));
  await web.default({ module_or_path: bytes });
  await web.default({ module_or_path: bytes }); // a second call is harmless
  web.initSync({ module: bytes });
  assert.equal(web.version, version);
  const report = web.score(web.defaultFramework(), example);
  assert.deepEqual(report, score(defaultFramework(), example));
  assert.equal(web.renderHtml(report, new web.Framework()), renderHtml(report, new Framework()));
  assert.throws(() => web.score(web.defaultFramework(), "{"), web.ChimeError);
  assert.notEqual(web.ChimeError, ChimeError, "each build has its own class");
});

test("vocabulary gives the words the engine's HTML report uses", () => {
  const words = chime.vocabulary();
  const framework = defaultFramework();
  const report = score(framework, example);
  assertPlain(words);
  assert.ok(renderHtml(report, framework).includes(words.award[report.overall.award]));
});
