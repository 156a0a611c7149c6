// The golden files of tests/golden/ (see its README), produced here by the npm package: the
// WebAssembly build must give the same report and draw byte for byte the same SVG chart and
// HTML page as the native build (crates/chime-standards/tests/golden.rs checks those, and the
// text report). When the outputs change on purpose, the Rust command below rewrites the files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { Framework } from "./chime.mjs";

const UPDATE = "CHIME_UPDATE_GOLDEN=1 cargo test -p chime-standards --test golden";
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const goldenDir = `${repo}tests/golden/`;
const cases = JSON.parse(readFileSync(`${goldenDir}cases.json`, "utf8"));

/** null when equal, else the first differing line: its number and both lines. */
export function firstDifference(expected, actual) {
  if (expected === actual) return null;
  const want = expected.split("\n");
  const have = actual.split("\n");
  for (let i = 0; ; i += 1) {
    if (i >= want.length || i >= have.length || want[i] !== have[i]) {
      const show = (lines) => (i < lines.length ? JSON.stringify(lines[i]) : "(end of file)");
      return `line ${i + 1}:\n      expected: ${show(want)}\n      actual:   ${show(have)}`;
    }
  }
}

function assertSame(file, actual) {
  const expected = readFileSync(`${goldenDir}${file}`, "utf8");
  const difference = firstDifference(expected, actual);
  assert.ok(
    difference === null,
    `tests/golden/${file} differs from the npm package's output at ${difference}\n` +
      `If the change is intended, rewrite the golden files and review the diff:\n    ${UPDATE}`,
  );
}

test("the golden cases are there", () => {
  assert.ok(cases.length >= 5, `cases.json lists ${cases.length} cases`);
});

for (const goldenCase of cases) {
  test(`golden ${goldenCase.name}: report, SVG and HTML`, () => {
    const framework =
      goldenCase.framework === "default"
        ? Framework.default()
        : new Framework(readFileSync(`${repo}${goldenCase.framework}`, "utf8"));
    try {
      const report = framework.score(readFileSync(`${repo}${goldenCase.assessment}`, "utf8"));
      // The report comes back through JSON.parse, so it is compared as data (JavaScript writes
      // 75.0 as 75); the renderers' text is compared byte for byte.
      const expected = JSON.parse(readFileSync(`${goldenDir}${goldenCase.name}.json`, "utf8"));
      assert.deepStrictEqual(report, expected, `tests/golden/${goldenCase.name}.json\n${UPDATE}`);
      assertSame(`${goldenCase.name}.svg`, framework.renderSvg(report));
      assertSame(`${goldenCase.name}.html`, framework.renderHtml(report));
    } finally {
      framework.free();
    }
  });
}

test("a changed line is reported with its number", () => {
  assert.equal(firstDifference("a\nb\n", "a\nb\n"), null);
  assert.match(firstDifference("a\nb\nc\n", "a\nB\nc\n"), /^line 2:.*"b".*"B"/s);
  assert.match(firstDifference("a\nb\nc", "a\nb"), /^line 3:.*\(end of file\)/s);
});
