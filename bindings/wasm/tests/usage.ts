// Type-checked (never run) against the shipped .d.ts: `tsc --noEmit -p tests` with the web
// build's types, and by tests/install.test.mjs inside a fresh project with Node's. Every line
// must compile; every `@ts-expect-error` must be an error, so the types are strict where they
// should be.
import {
  ChimeError,
  Framework,
  cohort,
  compare,
  defaultFramework,
  renderHtml,
  renderSvg,
  schema,
  score,
  validate,
  version,
  generateKey,
  publicKey,
  signEndorsement,
  verify,
} from "chime-standards";
import type {
  Assessment,
  Code,
  Cohort,
  Comparison,
  Diagnostic,
  FrameworkDocument,
  IsoDate,
  Rating,
  Report,
  SchemaName,
  StandardResult,
} from "chime-standards";

const assessedOn: IsoDate = "2025-06-30";
const rating: Rating = 3;
const assessment: Assessment = {
  format: "chime-standards/assessment@1",
  id: "a1",
  framework: { id: "chime-lero", version: "1.0.0" },
  assessed_on: assessedOn,
  organisation: { id: "org", structure: "informal" },
  judgements: [
    { standard: "c1-peer-support-offer", rating },
    { standard: "h1-visible-role-models", rating: "not_applicable", justification: "why" },
    { standard: "i1-identity-beyond-diagnosis", rating: null },
  ],
  evidence: [
    {
      id: "e1",
      kind: "testimony",
      title: "A story",
      source: "self",
      collected: "2025-01-01",
      sensitivity: "personal",
      consent: { recorded_on: "2025-01-01" },
    },
  ],
};

const document: FrameworkDocument = defaultFramework();
const framework: Framework = new Framework(document);
const fromText = new Framework(JSON.stringify(document));
const theDefault: Framework = Framework.default();
const id: string = framework.id;
const warnings: Diagnostic[] = framework.warnings;

const report: Report = score(framework, assessment);
const again: Report = score(document, JSON.stringify(assessment));
const overall: number | null = report.overall.score;
const first: StandardResult | undefined = report.standards[0];
const claimed: number | null | undefined = first?.claimed;
const capped = first?.capped?.min_points;
const diagnostics: Diagnostic[] = validate(fromText, assessment);
const codes: Code[] = diagnostics.map((d) => d.code);
const comparison: Comparison = compare(report, again);
const direction = comparison.overall.direction; // "improved" | "declined" | "stable" | null
const pooled: Cohort = cohort([report, JSON.stringify(again)]);
const bands: Record<string, number> = pooled.overall.bands;
const svg: string = renderSvg(report) + renderSvg(report, theDefault) + framework.renderSvg(report);
const html: string = renderHtml(report, framework) + framework.renderHtml(report);
const name: SchemaName = "report";
const reportSchema: Record<string, unknown> = schema(name);
const v: string = version;

try {
  framework.score(assessment);
} catch (error) {
  if (error instanceof ChimeError) {
    const code: Code = error.code;
    const paths: string[] = error.diagnostics.map((d) => `${d.document}${d.path}`);
    const asError: Error = error;
    void [code, paths, asError];
  }
}
framework.free();

// @ts-expect-error: ratings are whole numbers, "not_applicable" or null
const badRating: Rating = "three";
// @ts-expect-error: unknown schema names are refused
schema("reports");
// @ts-expect-error: a structure is informal or formally_constituted
const badStructure: Assessment["organisation"]["structure"] = "charity";
// @ts-expect-error: scores may be null, so they are not plain numbers
const notNull: number = report.overall.score;
// @ts-expect-error: assessments need an id
const noId: Assessment = { ...assessment, id: undefined };
// @ts-expect-error: compare takes two reports
compare(report);

void [id, warnings, overall, claimed, capped, codes, direction, bands, svg, html, reportSchema, v];
void [badRating, badStructure, notNull, noId];

// Endorsements: sign, then verify offline.
const key = generateKey("reviewer-1");
const envelope = signEndorsement(assessment, report, key, {
  reviewer: "reviewer-1",
  role: "peer",
  scope: "desk_review",
  outcome: "endorsed",
  reviewedOn: "2026-01-31",
});
const verification = verify(envelope, assessment, { keys: { keys: [publicKey(key)] }, report });
const verified: boolean = verification.valid;
const problemCodes: Code[] = verification.problems.map((p) => p.code);
const signedBy: string | null = verification.keyid;
// @ts-expect-error: the trusted keys are required
verify(envelope, assessment, {});
void [verified, problemCodes, signedBy];
