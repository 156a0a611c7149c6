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
  merge,
  renderHtml,
  renderSvg,
  schema,
  score,
  split,
  validate,
  version,
  generateKey,
  publicKey,
  signEndorsement,
  verify,
} from "chime-standards";
import type {
  Agreement,
  Assessment,
  CohortStandard,
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

// Several raters: merge and split, and agreement in reports and cohorts.
const parts: Assessment[] = split(assessment);
const merged: Assessment = merge([...parts, JSON.stringify(parts[0])]);
const agreement: Agreement | undefined = score(fromText, merged).agreement;
const alpha: number | null | undefined = agreement?.alpha;
const levels: number[] | undefined = score(fromText, merged).standards[0]?.raters.levels;
const table: CohortStandard[] | undefined = cohort([score(fromText, merged)]).standards;
void alpha;
void levels;
void table;
// @ts-expect-error merge takes a list of assessments
merge(assessment);
// Framework revisions (spec 9).
import { changesText, diff, draftMapping, migrate, validateMapping } from "chime-standards";
import type { Bump, Changes, Impact, Mapping, Migration, Relation } from "chime-standards";
const changes: Changes = diff(framework, framework);
const bump: Bump = changes.required_bump;
const impacts: Impact[] = changes.changes.map((change) => change.impact);
const mapping: Mapping = draftMapping(framework, defaultFramework());
const relation: Relation = mapping.standards[0]?.relation ?? "equivalent";
const mappingProblems: Diagnostic[] = validateMapping(mapping, framework, framework);
const migration: Migration = migrate(assessment, mapping, framework);
const migrated: Assessment = migration.assessment;
const across: Comparison = compare(report, report, mapping);
const editor: string = changesText(framework, framework);
// @ts-expect-error: a relation is equivalent, narrower, broader or overlaps
const badRelation: Relation = "same";
// @ts-expect-error: migrate needs a mapping
migrate(assessment, framework);
void [bump, impacts, relation, mappingProblems, migrated, across, editor, badRelation];
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
