// merge, split and agreement through the npm package (spec sections 7 and 8).
import { test } from "node:test";
import assert from "node:assert/strict";

import { ChimeError, Framework, agreementText, cohort, merge, split } from "./chime.mjs";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const example = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../crates/chime-standards/frameworks/chime-lero-example.json", import.meta.url)), "utf8"),
);

/** A report without where its diagnostics point (merging may reorder lists). */
function orderFree(report) {
  return {
    ...report,
    diagnostics: report.diagnostics.map((d) => `${d.severity} ${d.code}`).sort(),
  };
}

test("split then merge, in any order, gives back the same report", () => {
  const framework = Framework.default();
  const parts = split(example);
  assert.equal(parts.length, example.raters.length + 1);
  assert.ok(parts.every((part) => part.id === example.id));
  const merged = merge([...parts].reverse().map((part, i) => (i % 2 ? JSON.stringify(part) : part)));
  assert.deepEqual(orderFree(framework.score(merged)), orderFree(framework.score(example)));
  framework.free();
});

test("merge lists every problem, located in the list of inputs", () => {
  const other = structuredClone(example);
  other.id = "another";
  other.raters[0].role = "external";
  assert.throws(
    () => merge([example, other]),
    (error) => {
      assert.ok(error instanceof ChimeError);
      assert.equal(error.code, "merge_mismatch");
      assert.deepEqual(
        error.diagnostics.map((d) => [d.code, d.document, d.path]),
        [
          ["merge_mismatch", "input", "/1/id"],
          ["merge_conflict", "input", "/1/raters/0/role"],
        ],
      );
      return true;
    },
  );
  assert.throws(() => merge([example]), (error) => error.code === "merge_too_few_inputs");
  assert.throws(
    () => merge([example, "{", example]),
    (error) => error.diagnostics.every((d) => d.document === "input" && d.path.startsWith("/1")),
  );
  assert.throws(() => merge("not a list"), ChimeError);
});

test("reports and cohorts carry agreement", () => {
  const framework = Framework.default();
  const report = framework.score(example);
  assert.equal(report.agreement.metric, "krippendorff_alpha_ordinal");
  assert.equal(report.agreement.raters, example.raters.length);
  assert.ok(report.domains.every((d) => d.agreement && typeof d.agreement.units === "number"));
  const levels = framework.document.rating_scale.levels.length;
  assert.ok(report.standards.every((s) => s.raters.levels.length === levels));
  assert.ok(report.standards.every((s) => s.raters.levels.reduce((a, b) => a + b, 0) === s.raters.n));
  const pooled = cohort([report, report]);
  assert.equal(pooled.agreement.values, 2 * report.agreement.values);
  assert.equal(pooled.agreement.raters, undefined, "pooled blocks have no rater count");
  assert.equal(pooled.standards.length, report.standards.length);
  assert.ok(pooled.standards.every((s) => s.n === 2));
  framework.free();
});

test("agreementText reads an agreement figure as Krippendorff's thresholds say (0.800, 0.667)", () => {
  const figure = (alpha) => ({ metric: "krippendorff_alpha_ordinal", alpha, status: "scored", units: 4, values: 9, raters: 3 });
  assert.match(agreementText(figure(0.8)), /^The raters agree well \(Krippendorff's alpha 0\.800, from 9 ratings of 4 standards by 3 raters\)/);
  assert.match(agreementText(figure(0.667)), /^The raters agree only in part \(Krippendorff's alpha 0\.667/);
  assert.match(agreementText(figure(0.666)), /too differently to rely on the ratings \(Krippendorff's alpha 0\.666/);
  const none = { metric: "krippendorff_alpha_ordinal", alpha: null, status: "not_scoreable", units: 0, values: 0, reason: "only one rater" };
  assert.equal(agreementText(none), "Agreement between raters cannot be measured here: only one rater.");
  // The sentence of a report's own figure is the one its HTML report prints.
  const framework = new Framework();
  const report = framework.score(example);
  assert.ok(framework.renderHtml(report).includes(agreementText(report.agreement).replace(/'/g, "&#39;")));
  assert.throws(() => agreementText({ alpha: 0.5 }), (error) => error instanceof ChimeError && error.code === "missing_field");
});
