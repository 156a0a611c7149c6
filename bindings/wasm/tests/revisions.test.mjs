// Framework revisions (spec 9) through the npm package: the same changes, mappings,
// migrations and diagnostics as the Rust core and the `chime` command, on the examples.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import {
  ChimeError,
  Framework,
  changesText,
  compare,
  diff,
  draftMapping,
  migrate,
  schema,
  score,
  validateMapping,
} from "./chime.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path) => readFileSync(root + path, "utf8");
const json = (path) => JSON.parse(read(path));
const OLD = "crates/chime-standards/frameworks/chime-lero.json";
const NEW = "examples/revisions/chime-lero-2.0.0.json";
const MAPPING = "examples/revisions/chime-lero-1.0.0-to-2.0.0.mapping.json";
const HARBOUR_LANE = "examples/default/harbour-lane-2025.json";

test("diff gives the committed changes document and text", () => {
  const changes = diff(json(OLD), read(NEW));
  assert.deepEqual(changes, json("examples/revisions/chime-lero-1.0.0-to-2.0.0.changes.json"));
  assert.equal(changesText(new Framework(read(OLD)), json(NEW)), read("examples/revisions/chime-lero-1.0.0-to-2.0.0.changes.txt"));
  assert.deepEqual(diff(json(OLD), json(OLD)).changes, []);
  assert.throws(
    () => diff(json(OLD), json("examples/national/framework.json")),
    (error) => error instanceof ChimeError && error.code === "framework_mismatch",
  );
});

test("migrate gives the committed assessment, keeps the input, and locates errors", () => {
  const before = json(HARBOUR_LANE);
  const copy = structuredClone(before);
  const migration = migrate(before, json(MAPPING), json(NEW));
  assert.deepEqual(before, copy);
  assert.deepEqual(migration.assessment, json("examples/revisions/harbour-lane-2025-chime-lero-2.0.0.json"));
  const codes = new Set(migration.diagnostics.map((d) => d.code));
  for (const code of ["migration_review", "migration_retired", "new_standard"]) assert.ok(codes.has(code), code);
  score(json(NEW), migration.assessment);
  assert.throws(
    () => migrate(before, read(MAPPING), json(OLD)),
    (error) =>
      error instanceof ChimeError &&
      error.diagnostics.some((d) => d.code === "framework_mismatch" && d.document === "mapping" && d.path === "/to"),
  );
});

test("validateMapping never throws for a bad mapping", () => {
  const drafted = draftMapping(json(OLD), json(NEW));
  assert.deepEqual(validateMapping(drafted, json(OLD), json(NEW)).filter((d) => d.severity === "error"), []);
  drafted.standards[0].to.push("no-such-standard");
  const errors = validateMapping(drafted, json(OLD), json(NEW)).filter((d) => d.severity === "error");
  assert.deepEqual(errors.map((d) => [d.code, d.path]), [["unknown_standard", "/standards/0/to/1"]]);
  for (const bad of ["{", "[]", { format: 1n }]) {
    const found = validateMapping(bad, json(OLD), json(NEW)).filter((d) => d.severity === "error");
    assert.equal(found[0].document, "mapping", String(bad));
  }
});

test("compare follows the mapping across versions", () => {
  const before = score(json(OLD), json(HARBOUR_LANE));
  const migrated = json("examples/revisions/harbour-lane-2025-chime-lero-2.0.0.json");
  for (const judgement of migrated.judgements) {
    if (judgement.standard === "c4-safeguarding" && judgement.rater === undefined) judgement.rating = 3;
  }
  const after = score(json(NEW), migrated);
  const byId = compare(before, after);
  assert.equal(byId.diagnostics[0].code, "framework_version_differs");
  assert.ok(byId.newly_met.includes("c4-safeguarding"));
  const mapped = compare(before, after, json(MAPPING));
  assert.ok(!mapped.newly_met.includes("c4-safeguarding"));
  assert.ok(!mapped.no_longer_met.includes("c4-safeguarding-and-supervision"));
});

test("the mapping and changes schemas ship", () => {
  assert.equal(schema("mapping").$id, "urn:chime-standards:schema:mapping@1");
  assert.equal(schema("changes").$id, "urn:chime-standards:schema:changes@1");
});
