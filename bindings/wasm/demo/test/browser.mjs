// The self-assessment page in a real browser: Debian's Chromium, headless, driven by
// playwright-core, against the built site served on 127.0.0.1. Run by scripts/test-web.sh:
//
//   node bindings/wasm/demo/test/browser.mjs
//
// The steps build on one another (one page, one assessment), so they run in order and the
// script ends with "N passed, N failed". Screenshots go to target/screenshots/ for review;
// CHIME_UPDATE_SCREENSHOT=1 also copies the group view's to docs/images/self-assessment.png.
// axe-core's findings for every audited state go to target/web-test/axe.json, the timing of
// the first score to target/web-test/timing.json.
//
// Environment: CHIME_SITE (default bindings/wasm/site), CHIME_CLI (default target/debug/chime),
// CHROMIUM (default /usr/bin/chromium).

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const site = path.resolve(root, process.env.CHIME_SITE ?? "bindings/wasm/site");
const cli = path.resolve(root, process.env.CHIME_CLI ?? "target/debug/chime");
const shots = path.join(root, "target/screenshots");
const work = path.join(root, "target/web-test");
fs.mkdirSync(shots, { recursive: true });
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-quic",
  "--disable-sync",
];

// ---- a small runner -------------------------------------------------------------------------

const results = [];
// CHIME_WEB_STEPS (a regular expression) runs only the steps it matches, for working on a few;
// a full run leaves it unset. The steps build on one another, so later ones may then fail.
const only = process.env.CHIME_WEB_STEPS ? new RegExp(process.env.CHIME_WEB_STEPS) : null;
async function step(name, run) {
  if (only && !only.test(name)) return;
  const started = Date.now();
  try {
    await run();
    results.push(true);
    console.log(`ok ${results.length} - ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push(false);
    console.log(`not ok ${results.length} - ${name}`);
    console.log(`  ${String(error?.stack ?? error).split("\n").slice(0, 8).join("\n  ")}`);
  }
}

// ---- the page -------------------------------------------------------------------------------

const { server, url: base } = await serve(site);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: FLAGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const page = await context.newPage();
const problems = [];
const foreign = [];
// The review module (migration and endorsements) is fetched only when first needed.
const reviewFetches = [];
page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
page.on("console", (message) => {
  if (message.type() === "error") problems.push(`console error: ${message.text()}`);
});
context.on("request", (request) => {
  const address = request.url();
  if (!address.startsWith(base) && !address.startsWith("blob:") && !address.startsWith("data:")) foreign.push(address);
  // The page's own requests (the service worker's fetch of the same file is its echo).
  if (address.endsWith("/chime_standards_review_bg.wasm") && !request.serviceWorker()) reviewFetches.push(address);
});

const S = {
  c1: "c1-peer-support-offer",
  c2: "c2-recovery-community",
  c3: "c3-safe-welcoming-space",
  c4: "c4-safeguarding-and-supervision",
  h1: "h1-visible-role-models",
  h2: "h2-open-door",
  h3: "h3-goals-and-aspirations",
  i1: "i1-challenging-stigma",
  i2: "i2-self-defined-recovery",
  i3: "i3-inclusion-and-diversity",
  m1: "m1-meaningful-activity",
  m2: "m2-volunteering-and-training",
  m3: "m3-lived-experience-as-resource",
  m4: "m4-recovery-capital",
  e1: "e1-lived-experience-leadership",
  e2: "e2-members-voice",
  e3: "e3-choice-and-self-direction",
  e4: "e4-governance-and-accountability",
};

/** Waits for the debounced scoring (150 ms after the last edit) to have run. */
const settle = () => page.waitForFunction(() => document.getElementById("results")?.getAttribute("aria-busy") !== "true");
const group = (standard, rater = "") => page.locator(`[data-judge="${standard}|${rater}"][data-part="rating"]`);
const rate = (standard, value) => group(standard).locator(`input[value="${value}"]`).check();
const atPath = (pointer) => page.locator(`[data-path="${pointer}"]`);
const control = (pointer) => atPath(pointer).locator("input, select, textarea").first();
const text = async (selector) => (await page.locator(selector).first().textContent())?.trim() ?? "";

async function ready() {
  await page.waitForSelector("body.ready", { timeout: 20_000 });
  await settle();
}

async function draft() {
  return page.evaluate(() => localStorage.getItem("chime-standards/self-assessment/draft"));
}

async function exportAssessment(name) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-assessment")]);
  const file = path.join(work, name);
  await download.saveAs(file);
  return file;
}

function chime(...args) {
  return JSON.parse(execFileSync(cli, args, { encoding: "utf8" }));
}

/** Checks that what the page shows equals the CLI's report of the same assessment. */
async function matchesCli(file, frameworkFile) {
  const report = chime("score", file, "--format", "json", ...(frameworkFile ? ["--framework", frameworkFile] : []));
  const framework = frameworkFile ? JSON.parse(fs.readFileSync(frameworkFile, "utf8")) : chime("framework");
  const band = (id) => framework.scoring.bands.find((b) => b.id === id)?.label ?? "";
  assert.equal(report.overall.status, "scored", "the test assessment should be scored");
  assert.equal(await text("[data-overall-score]"), report.overall.score.toFixed(1), "overall score");
  const overallBand = page.locator("[data-overall-band]");
  assert.equal(await overallBand.getAttribute("data-overall-band"), report.overall.band, "overall band");
  assert.equal((await overallBand.textContent()).trim(), band(report.overall.band), "overall band label");
  assert.equal(await page.locator("[data-award]").getAttribute("data-award"), report.overall.award, "award");
  for (const domain of report.domains) {
    const row = page.locator(`#domains tr[data-domain="${domain.domain}"]`);
    const shown = (await row.locator("[data-domain-score]").textContent()).trim();
    assert.equal(shown, domain.score === null ? "–" : domain.score.toFixed(1), `score of ${domain.domain}`);
    const cell = row.locator("[data-domain-band]");
    assert.equal(await cell.getAttribute("data-domain-band"), domain.band ?? "", `band of ${domain.domain}`);
    if (domain.band) assert.equal((await cell.textContent()).trim(), band(domain.band), `band label of ${domain.domain}`);
  }
  const leverage = await page.locator("#leverage li").evaluateAll((items) => items.map((li) => li.dataset.standard));
  assert.deepEqual(leverage, report.leverage.map((l) => l.standard), "leverage list");
  const gains = await page.locator("#leverage li strong").allTextContents();
  assert.deepEqual(gains.map((g) => g.split(" ")[0]), report.leverage.map((l) => l.gain.toFixed(1)), "leverage gains");
  const capped = await page.locator("#capped li").evaluateAll((items) => items.map((li) => li.dataset.standard));
  assert.deepEqual(capped, report.standards.filter((s) => s.capped).map((s) => s.standard), "capped standards");
  // What the award still needs: the CLI's award_gap, domain by domain and core standard by core standard.
  const gap = report.overall.award_gap;
  const gapText = await text("#gap");
  if (!gap) {
    assert.equal(gapText, "", "no award gap shown when the report has none");
  } else {
    assert.match(gapText, new RegExp(`at least ${band(gap.required_band)}`));
    for (const d of gap.domains) {
      const name = framework.domains.find((x) => x.id === d.domain).name;
      assert.ok(gapText.includes(`${name} is ${band(d.band)}, ${d.points} point`), `${name} short by ${d.points}`);
    }
    const links = await page.locator("#gap a").evaluateAll((items) => items.map((a) => a.getAttribute("href")));
    assert.deepEqual(links, gap.core_standards.map((id) => `#std-${id}`), "core standards to meet");
  }
  return report;
}

/** Texts below WCAG AA contrast (4.5:1, or 3:1 for large text) against their background. */
const lowContrast = () => {
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const [r, g, b, a = 1] = rgb(getComputedStyle(e).backgroundColor);
      if (a > 0) return [r, g, b];
    }
    return [255, 255, 255];
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent.trim() || el.closest("svg, [hidden], .visually-hidden, .skip, details:not([open]) > :not(summary)")) continue;
    seen.add(el);
    if (!el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const ratio = (() => {
      const a = lum(rgb(style.color));
      const b = lum(background(el));
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    })();
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)} ${el.tagName}.${el.className}: ${node.textContent.trim().slice(0, 40)}`);
  }
  return { checked: seen.size, bad };
};

// ---- axe-core: the WCAG A and AA rules, measured ----------------------------------------------

// Injected from the npm package (no network). page.evaluate runs through the DevTools protocol,
// which the page's Content-Security-Policy does not govern, so the policy stays as it is.
const AXE = fs.readFileSync(path.join(root, "bindings/wasm/node_modules/axe-core/axe.min.js"), "utf8");
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/** Each audit: the state, the width and the violations found (written to target/web-test/axe.json). */
const audits = [];

async function axeViolations(target = page) {
  if (!(await target.evaluate(() => typeof window.axe === "object"))) await target.evaluate(AXE);
  return target.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1, 2).join("") ?? ""}`),
    }));
  }, WCAG);
}

/** Runs axe on the page as it is, at desktop (1280) and phone (390) width; no violation allowed. */
async function audit(state, target = page) {
  const found = [];
  for (const width of [1280, 390]) {
    await target.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    const violations = await axeViolations(target);
    audits.push({ state, width, violations: violations.length, rules: violations.map((v) => v.id) });
    console.log(`  axe: ${state} at ${width} px: ${violations.length} violations${violations.length ? ` (${violations.map((v) => v.id).join(", ")})` : ""}`);
    if (violations.length) found.push({ width, violations });
  }
  await target.setViewportSize({ width: 1280, height: 900 });
  fs.writeFileSync(path.join(work, "axe.json"), `${JSON.stringify(audits, null, 2)}\n`);
  assert.deepEqual(found, [], `axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation (${state})`);
}

// ---- the steps ------------------------------------------------------------------------------

await step("the page loads on the default framework, grouped by CHIME domain", async () => {
  await page.goto(base);
  await ready();
  const framework = chime("framework");
  assert.match(await text("#framework-name"), /chime-lero 1\.0\.0/);
  assert.equal(await page.locator("article.std").count(), framework.standards.length);
  for (const domain of framework.domains) {
    const section = page.locator(`#domain-${domain.id}`);
    assert.match(await section.locator("h3").first().textContent(), new RegExp(domain.name));
    assert.match(await section.locator(".domain-desc").textContent(), new RegExp(domain.description.slice(0, 30)));
  }
  const c1 = framework.standards.find((s) => s.id === S.c1);
  const card = page.locator(`#std-${S.c1}`);
  assert.match(await card.textContent(), new RegExp(c1.statement.slice(0, 40)));
  assert.match(await card.locator("details.guidance").textContent(), new RegExp(c1.indicators[0].text.slice(0, 30)));
  assert.match(await card.locator("details.guidance").textContent(), new RegExp(c1.guidance.slice(0, 30)));
  for (const level of framework.rating_scale.levels) {
    const option = group(S.c1).locator(`label:has(input[value="${level.value}"])`);
    assert.match(await option.textContent(), new RegExp(level.label));
    assert.match(await option.textContent(), new RegExp(c1.level_descriptors[String(level.value)].slice(0, 25)));
  }
  assert.equal(await group(S.c1).locator("legend").count(), 1, "the rating group has a legend");
  // Whether a standard applies is the engine's `applies`, read from the live report.
  assert.match(await text(`#std-${S.c4} [data-applies]`), /Does not apply to your organisation as it is set up now/);
  await control("/organisation/structure").selectOption("formally_constituted");
  await settle();
  assert.ok(!(await page.locator(`#std-${S.c4} [data-applies]`).isVisible()), "applies once formally constituted");
  await control("/organisation/structure").selectOption("informal");
  await settle();
  assert.ok(await page.locator(`#std-${S.c4} [data-applies]`).isVisible());
  assert.ok(!(await page.locator("#applies-status").isVisible()), "no waiting note while scoring runs");
  assert.match(await text(".privacy"), /nothing you type leaves this device/);
});

await step("axe-core: the empty page, at desktop and phone width", async () => {
  await audit("empty");
});

await step("rate standards, add evidence, and see validation next to the fields", async () => {
  await control("/organisation/name").fill("Willow Lane Recovery Café");
  await control("/organisation/id").fill("willow-lane");
  await control("/id").fill("willow-lane-2025");
  await control("/assessed_on").fill("2025-06-30");
  const ratings = { c1: 4, c3: 3, c4: 2, h1: 2, h2: 3, h3: 2, i1: 1, i2: 3, i3: 0, m1: 2, m2: 4, m3: 3, e1: 3, e2: 2, e3: 4 };
  for (const [key, value] of Object.entries(ratings)) await rate(S[key], String(value));
  await rate(S.m4, "na");
  await settle();
  // A standard marked not applicable asks why, next to the justification field.
  const why = page.locator(`[data-judge="${S.m4}|"][data-part="justification"]`);
  assert.ok(await why.isVisible(), "the justification field shows");
  assert.match(await why.locator("ul.msgs").textContent(), /Say why this standard does not apply/);
  await why.locator("textarea").fill("We signpost to the recovery capital work of our partner hub.");
  // A rating of a standard that does not apply to an informal organisation is flagged there.
  assert.match(await group(S.c4).locator("ul.msgs").textContent(), /applies only to formally constituted/);

  // Evidence: added from the evidence section, with its standards ticked there ...
  await page.click("#add-evidence");
  await control("/evidence/0/title").fill("Group attendance log, January to May");
  await control("/evidence/0/kind").selectOption("activity_record");
  await control("/evidence/0/collected").fill("2025-05-31");
  await page.locator(`#ev-0 input[data-link="0|${S.c1}"]`).check();
  await page.locator(`#ev-0 input[data-link="0|${S.c3}"]`).check();
  await page.click("#add-evidence");
  await control("/evidence/1/title").fill("Visit notes from a neighbouring peer-led group");
  await control("/evidence/1/kind").selectOption("observation");
  await control("/evidence/1/source").selectOption("peer");
  await control("/evidence/1/collected").fill("2025-04-12");
  await page.locator(`#ev-1 input[data-link="1|${S.c1}"]`).check();
  // ... linked from a standard's own card ...
  await page.locator(`#std-${S.h2} input[data-link="1|${S.h2}"]`).check();
  assert.ok(await page.locator(`#ev-1 input[data-link="1|${S.h2}"]`).isChecked(), "a link made from the standard shows on the item");
  // ... and added from a standard's card, already linked to it.
  await page.locator(`#std-${S.m2} button`, { hasText: "Add new evidence for this standard" }).click();
  await control("/evidence/2/title").fill("Volunteer role outlines and induction checklist");
  await control("/evidence/2/collected").fill("2025-03-01");
  assert.ok(await page.locator(`#ev-2 input[data-link="2|${S.m2}"]`).isChecked());
  // Testimony needs consent: an error next to the consent field, and scoring pauses.
  await page.click("#add-evidence");
  await control("/evidence/3/title").fill("Member story: finding the Tuesday group");
  await control("/evidence/3/kind").selectOption("testimony");
  await control("/evidence/3/sensitivity").selectOption("personal");
  await control("/evidence/3/collected").fill("2025-03-10");
  await page.locator(`#ev-3 input[data-link="3|${S.m2}"]`).check();
  await settle();
  const consent = atPath("/evidence/3/consent/recorded_on");
  assert.match(await consent.locator("label").textContent(), /required for testimony/);
  assert.match(await consent.locator(".hint").textContent(), /used only with their consent/);
  assert.match(await consent.locator("ul.msgs").textContent(), /Error: Testimony is used only with the person's consent/);
  assert.equal(await consent.locator("input").getAttribute("aria-invalid"), "true");
  assert.ok(await page.locator("#paused").isVisible(), "scores pause while an error stands");
  // The engine's own summary line, not the page's count.
  assert.match(await text("#problems"), /1 problem stops scoring/);
  assert.match(await text("#paused"), /Scores paused\. 1 problem stops scoring/);
  // Without a live report the page does not guess which standards apply: it says so.
  assert.ok(await page.locator("#applies-status").isVisible(), "applicability waits for a score");
  assert.ok(!(await page.locator(`#std-${S.c4} [data-applies]`).isVisible()));
  await audit("with errors");
  await consent.locator("input").fill("2025-03-03");
  await settle();
  assert.equal(await consent.locator("ul.msgs").count(), 0, "the error goes once consent is recorded");
  assert.ok(!(await page.locator("#paused").isVisible()));
  // Old evidence (past max_age_days) is shown as out of date.
  await page.click("#add-evidence");
  await control("/evidence/4/title").fill("Commissioner's visit notes");
  await control("/evidence/4/kind").selectOption("external_review");
  await control("/evidence/4/source").selectOption("external");
  await control("/evidence/4/collected").fill("2021-01-15");
  await page.locator(`#ev-4 input[data-link="4|${S.e1}"]`).check();
  await settle();
  assert.match(await text(`[data-std-result="${S.e1}"]`), /out of date on the assessment date/);
  assert.match(await text("#overall"), /out of 100/);
});

await step("axe-core: partly rated, with evidence", async () => {
  await audit("partly rated");
});

await step("capped standards are explained in plain words", async () => {
  const m2 = await text(`#capped li[data-standard="${S.m2}"]`);
  assert.match(m2, /Rated Leading, counted as Established/);
  assert.match(m2, /One more piece of current independent evidence would count this as Leading\./);
  const m3 = await text(`#capped li[data-standard="${S.m3}"]`);
  assert.match(m3, /One more piece of current evidence would count this as Developing\./);
  assert.match(await text(`[data-std-result="${S.m2}"]`), /counted as Established/);
});

await step("the scores shown equal the CLI's report of the exported assessment", async () => {
  const file = await exportAssessment("exported.json");
  const saved = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.equal(saved.organisation.name, "Willow Lane Recovery Café");
  assert.equal(saved.evidence.length, 5);
  await matchesCli(file);
});

await step("the draft is restored on reload", async () => {
  const before = await text("[data-overall-score]");
  await page.reload();
  await ready();
  assert.match(await text("#notice"), /draft .* is restored/);
  assert.equal(await control("/organisation/name").inputValue(), "Willow Lane Recovery Café");
  assert.ok(await group(S.c1).locator('input[value="4"]').isChecked());
  assert.equal(await page.locator("section.ev").count(), 5);
  assert.equal(await control("/evidence/3/consent/recorded_on").inputValue(), "2025-03-03");
  assert.equal(await text("[data-overall-score]"), before);
});

await step("notes: strengths and actions of the agreed judgement, kept in the file, never in the report", async () => {
  const STRENGTH = "Members chair the monthly forum and set its agenda.";
  const FIRST = "Ask members to co-design the welcome pack";
  const SECOND = "Publish what changed after each forum";
  const card = page.locator(`#std-${S.e2}`);
  const notes = card.locator("details.notes");
  const judge = `[data-judge="${S.e2}|"]`;
  const strengths = page.locator(`${judge}[data-part="strengths"] textarea`);
  const rows = page.locator(`${judge}[data-part="actions"] li[data-action]`);
  const description = (i) => rows.nth(i).locator('[data-action-part="description"] input');
  const due = (i) => rows.nth(i).locator('[data-action-part="due"] input');
  const agreed = (assessment) => assessment.judgements.find((j) => j.standard === S.e2 && !j.rater);

  assert.equal(await notes.getAttribute("open"), null, "closed while it holds nothing");
  assert.match((await notes.locator("summary").textContent()).trim(), /^Notes, strengths and actions \(/);
  await notes.locator("summary").click();
  assert.match(await page.locator(`${judge}[data-part="strengths"] label`).textContent(), /What is going well/);
  await strengths.fill(STRENGTH);
  const add = card.locator("button", { hasText: "Add an action" });
  await add.click();
  assert.equal(await rows.count(), 1);
  assert.ok(await description(0).evaluate((el) => el === document.activeElement), "the new action's description has the focus");
  await page.keyboard.type(FIRST);
  await due(0).fill("2025-09-30");
  await add.click();
  assert.ok(await description(1).evaluate((el) => el === document.activeElement));
  await description(1).fill(SECOND);
  await settle();
  // Every control has its own label; the Remove buttons say which action they remove.
  const names = await rows.evaluateAll((items) =>
    items.map((li) => [...li.querySelectorAll("input")].map((el) => el.labels[0].textContent).concat(li.querySelector("button").textContent)),
  );
  assert.deepEqual(names, [
    ["Action 1", "Due by (optional), action 1", "Remove action 1"],
    ["Action 2", "Due by (optional), action 2", "Remove action 2"],
  ]);

  // Removing an action is offered back with Undo.
  await rows.nth(0).locator("button", { hasText: "Remove" }).click();
  await settle();
  assert.equal(await rows.count(), 1);
  assert.equal(await description(0).inputValue(), SECOND);
  assert.match(await text("#notice"), /Removed action 1/);
  assert.ok(await add.evaluate((el) => el === document.activeElement), "the focus goes to Add an action");
  assert.deepEqual(agreed(JSON.parse(await draft()).assessment).actions, [{ description: SECOND }]);
  await page.locator("#notice button", { hasText: "Undo" }).click();
  await settle();
  assert.ok(await notes.evaluate((el) => el.open), "the notes stay open after undo");
  assert.equal(await rows.count(), 2);
  assert.equal(await description(0).inputValue(), FIRST);
  assert.equal(await due(0).inputValue(), "2025-09-30");
  assert.equal(await description(1).inputValue(), SECOND);
  assert.equal(await due(1).inputValue(), "");
  assert.deepEqual((await page.evaluate(lowContrast)).bad, [], "the new texts meet WCAG AA contrast");

  // (a) The saved file holds exactly them: an empty date is no `due` at all.
  const saved = agreed(JSON.parse(fs.readFileSync(await exportAssessment("with-actions.json"), "utf8")));
  assert.equal(saved.rating, 2, "the rating is kept");
  assert.equal(saved.strengths, STRENGTH);
  assert.deepEqual(saved.actions, [{ description: FIRST, due: "2025-09-30" }, { description: SECOND }]);
  assert.equal(saved.narrative, undefined);

  // (c) Neither the report nor the results show them (reports hold ids and numbers only).
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-report")]);
  const file = path.join(work, "report-with-actions.html");
  await download.saveAs(file);
  const html = fs.readFileSync(file, "utf8");
  const results = await text("#results");
  for (const secret of [STRENGTH, FIRST, SECOND]) {
    assert.ok(!html.includes(secret), `the report does not hold “${secret}”`);
    assert.ok(!results.includes(secret), `the results do not show “${secret}”`);
  }

  // No sideways scrolling with actions listed, at the narrowest width.
  await page.setViewportSize({ width: 360, height: 844 });
  await card.scrollIntoViewIfNeeded();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), "no horizontal scroll at 360 px");
  await notes.screenshot({ path: path.join(shots, "phone-actions.png") });
  await page.setViewportSize({ width: 1280, height: 900 });
  await notes.screenshot({ path: path.join(shots, "desktop-actions.png") });

  // A section the user opened stays open when a removal rebuilds the form, even once it holds
  // nothing (otherwise the focus could not return to its Add button).
  const empty = page.locator(`#std-${S.i3} details.notes`);
  await empty.locator("summary").click();
  await empty.locator("button", { hasText: "Add an action" }).click();
  await empty.locator("li[data-action] button", { hasText: "Remove" }).click();
  await settle();
  assert.equal(await empty.locator("li[data-action]").count(), 0);
  assert.ok(await empty.evaluate((el) => el.open), "an opened section stays open after a removal");
  const i3 = JSON.parse(await draft()).assessment.judgements.find((j) => j.standard === S.i3 && !j.rater);
  assert.equal(i3?.actions, undefined, "a removed last action leaves no empty list behind");

  // (b) The draft brings them back into the controls, with the notes open to show them.
  await page.reload();
  await ready();
  assert.ok(await notes.evaluate((el) => el.open), "open when it holds something");
  assert.equal(await strengths.inputValue(), STRENGTH);
  assert.equal(await rows.count(), 2);
  assert.equal(await description(0).inputValue(), FIRST);
  assert.equal(await due(0).inputValue(), "2025-09-30");
  assert.equal(await description(1).inputValue(), SECOND);
  assert.equal(await due(1).inputValue(), "");
});

await step("keyboard only: rate a standard with Tab, arrow keys and Space", async () => {
  // Straight after the reload nothing has been clicked: Tab starts at the top of the page.
  const target = `rate:${S.c2}:`;
  let found = false;
  for (let i = 0; i < 300 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate((name) => document.activeElement?.getAttribute("name") === name, target);
  }
  assert.ok(found, "Tab reaches the rating group");
  for (let i = 0; i < 10; i++) {
    if ((await page.evaluate(() => document.activeElement.value)) === "2") break;
    await page.keyboard.press("ArrowLeft");
  }
  await page.keyboard.press("Space");
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { value: el.value, checked: el.checked, outline: style.outlineStyle, width: style.outlineWidth };
  });
  assert.equal(focused.value, "2");
  assert.ok(focused.checked);
  assert.equal(focused.outline, "solid", "focus is visible");
  assert.equal(focused.width, "3px");
  await settle();
  const saved = JSON.parse(await draft()).assessment;
  assert.equal(saved.judgements.find((j) => j.standard === S.c2 && !j.rater)?.rating, 2);
  assert.match(await text(`[data-std-result="${S.c2}"]`), /counted as/);
  assert.equal(await page.locator("a[href]:not([tabindex='-1']), button:not([hidden])").evaluateAll(
    (items) => items.filter((el) => el.tabIndex < 0).length), 0, "links and buttons are all in the tab order");
});

await step("raters: individual ratings, the agreed one optional", async () => {
  await page.click("#add-rater");
  await page.click("#add-rater");
  await settle();
  await group(S.i3, "r1").locator('input[value="1"]').check();
  await group(S.i3, "r2").locator('input[value="3"]').check();
  await settle();
  // The agreed rating (0) wins; the raters' views are recorded beside it.
  assert.match(await text(`[data-std-result="${S.i3}"]`), /Two raters, 2 levels apart; the rating used is Not yet/);
  // Without an agreed rating, the raters decide, and disagreement is flagged next to them.
  await rate(S.i3, "");
  await settle();
  assert.match(await text(`[data-std-result="${S.i3}"]`), /the rating used is Starting/);
  assert.match(await page.locator(`[data-standard-raters="${S.i3}"] ul.msgs`).textContent(), /2 levels apart/);
  await page.locator(`#std-${S.i3}`).screenshot({ path: path.join(shots, "desktop-raters.png") });
  const file = await exportAssessment("with-raters.json");
  const saved = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.deepEqual(saved.raters.map((r) => r.id), ["r1", "r2"]);
  await matchesCli(file);
});

await step("rate on your own device: say who you are, rate as that rater, save my ratings", async () => {
  const box = page.locator("#me-box");
  // No id, no rating: the field says so and is marked invalid.
  await box.locator('[data-me="id"] input').fill("  ");
  await page.click("#rate-as");
  assert.match(await text("#me-box .msg.error"), /Enter your rater id/);
  assert.equal(await box.locator('[data-me="id"] input').getAttribute("aria-invalid"), "true");
  assert.ok(await box.locator('[data-me="id"] input').evaluate((el) => el === document.activeElement), "the focus goes to the id");
  await box.locator('[data-me="id"] input').fill("r3");
  await box.locator('[data-me="role"] select').selectOption("peer");
  await box.locator('[data-me="lived"] input').check();
  await page.click("#rate-as");
  await settle();
  // Whose ratings are edited is said at the top of the form, in the raters' box and on every card.
  assert.match(await text("#whose"), /You are editing the ratings of rater r3 \(lived experience\)/);
  assert.match(await text("#me-box h3"), /Rating as rater r3 \(peer, lived experience\)/);
  const card = page.locator(`#std-${S.i3}`);
  assert.match(await card.locator("fieldset.rating legend").first().textContent(), /Your rating, as rater r3/);
  assert.equal(await card.locator("fieldset.rating").count(), 1, "only the person's own rating group");
  assert.equal(await page.locator(`[data-judge="${S.i3}|"][data-part="rating"]`).count(), 0, "no agreed rating while rating as one person");
  assert.ok(await page.locator("#differ-panel").isHidden(), "the group's view waits");
  await group(S.i3, "r3").locator('input[value="2"]').check();
  await group(S.c1, "r3").locator('input[value="3"]').check();
  await settle();
  await audit("rating as one person");
  // The draft remembers who is rating on this device.
  await page.reload();
  await ready();
  assert.match(await text("#whose"), /rater r3/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-mine")]);
  const file = path.join(work, "mine-r3.json");
  await download.saveAs(file);
  const mine = JSON.parse(fs.readFileSync(file, "utf8"));
  const whole = JSON.parse(await draft()).assessment;
  assert.deepEqual(mine.raters, [{ id: "r3", role: "peer", lived_experience: true }]);
  assert.deepEqual(mine.judgements, whole.judgements.filter((j) => j.rater === "r3"));
  assert.deepEqual(mine.judgements.map((j) => [j.standard, j.rating]), [[S.i3, 2], [S.c1, 3]]);
  assert.deepEqual(mine.evidence, whole.evidence, "the whole evidence list");
  assert.deepEqual(mine.organisation, whole.organisation);
  assert.equal(mine.format, "chime-standards/assessment@1");
  // The engine reads it as a valid assessment of its own (the CLI exits 0 when nothing stops scoring).
  execFileSync(cli, ["validate", file], { encoding: "utf8" });
  await page.locator("#me-box button", { hasText: "Stop rating as r3" }).click();
  await settle();
  assert.ok(await page.locator("#whose").isHidden());
  assert.ok(await page.locator("#differ-panel").isVisible(), "two raters or more: the group's view shows");
});

/** The group view's score line, from the CLI's two reports. */
function scoreLine(report, raw) {
  const own = raw.overall.score === null
    ? "; the raters' own ratings alone give no overall score yet."
    : `; with the raters' own ratings alone: ${raw.overall.score.toFixed(1)}.`;
  return `Overall score with the group's agreed ratings: ${report.overall.score.toFixed(1)}${own}`;
}

/** The CLI's report of an assessment file, and of the same file without its agreed judgements. */
function cliReports(file) {
  const report = chime("score", file, "--format", "json");
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  const own = path.join(work, `${path.basename(file, ".json")}-raters-only.json`);
  fs.writeFileSync(own, JSON.stringify({ ...doc, judgements: doc.judgements.filter((j) => j.rater) }));
  return { report, raw: chime("score", own, "--format", "json"), doc };
}

await step("see where you differ: each rater's level, the spread and the rating used, as the CLI reports them", async () => {
  const file = await exportAssessment("group.json");
  const { report, raw, doc } = cliReports(file);
  const rated = new Set(doc.judgements.filter((j) => j.rater && j.rating !== null && j.rating !== undefined).map((j) => j.standard));
  const shown = await page.locator("article.differ:not([hidden])").evaluateAll((items) => items.map((a) => a.dataset.differ));
  assert.deepEqual(new Set(shown), rated, "a standard shows once a rater has rated it");
  const levels = chime("framework").rating_scale.levels;
  const label = (v) => levels.find((l) => l.value === v).label;
  for (const standard of shown) {
    const article = page.locator(`[data-differ="${standard}"]`);
    for (const rater of doc.raters) {
      const rating = doc.judgements.find((j) => j.standard === standard && j.rater === rater.id)?.rating;
      const words = rating === undefined || rating === null ? "Not rated" : rating === "not_applicable" ? "Not applicable" : `${rating} ${label(rating)}`;
      const line = (await article.locator(`li[data-rater="${rater.id}"]`).textContent()).trim();
      assert.ok(line.startsWith(`Rater ${rater.id} (`), line);
      assert.ok(line.endsWith(words), `${standard} ${rater.id}: ${line}`);
    }
    const result = raw.standards.find((s) => s.standard === standard);
    const facts = await text(`[data-differ-facts="${standard}"]`);
    if (result.raters.n > 1) assert.match(facts, new RegExp(`${result.raters.spread} levels? apart`), `${standard}: ${facts}`);
    if (result.claimed !== null) {
      assert.equal(await article.locator("[data-differ-median]").getAttribute("data-differ-median"), String(result.claimed), standard);
    }
  }
  assert.match(await text(`[data-differ="${S.i3}"] li[data-rater="r1"]`), /Rater r1 \(member\): 1 Starting/);
  assert.equal(await text("[data-differ-score]"), scoreLine(report, raw));
  // Agreement: shown exactly when the engine's report carries it.
  if (report.agreement) {
    const alpha = report.agreement.alpha;
    assert.match(await text('[data-agreement="overall"]'), alpha === null ? /cannot be measured here/ : new RegExp(alpha.toFixed(3).replace(".", "\\.")));
  } else {
    assert.equal(await page.locator("[data-agreement]").count(), 0, "no agreement figure without the engine's");
  }
  await audit("group view: where you differ");
});

await step("agree: the group's rating and justification move the score, as the CLI scores them", async () => {
  const before = await text("[data-overall-score]");
  const article = page.locator(`[data-differ="${S.i3}"]`);
  await article.locator("select[data-agree]").selectOption("0");
  await article.locator("textarea[data-agree-why]").fill("We agreed we have not started on this yet.");
  await settle();
  assert.ok(await group(S.i3).locator('input[value="0"]').isChecked(), "the card shows the agreed rating too");
  assert.equal(await page.locator(`[data-judge="${S.i3}|"][data-part="justification"] textarea`).inputValue(), "We agreed we have not started on this yet.");
  assert.match(await text(`[data-differ-result="${S.i3}"]`), /Counted as 0 Not yet/);
  const file = await exportAssessment("agreed.json");
  const { report, raw } = cliReports(file);
  const agreed = JSON.parse(fs.readFileSync(file, "utf8")).judgements.find((j) => j.standard === S.i3 && !j.rater);
  assert.deepEqual([agreed.rating, agreed.justification], [0, "We agreed we have not started on this yet."]);
  await matchesCli(file);
  assert.notEqual(report.overall.score.toFixed(1), before, "the score moved");
  assert.equal(await text("[data-differ-score]"), scoreLine(report, raw));
  await page.locator("#differ-panel").screenshot({ path: path.join(shots, "desktop-group.png") });
  // The README's picture: the group's view beside the results.
  await page.mouse.move(1, 1);
  await page.evaluate((id) => document.querySelector(`[data-differ="${id}"]`).scrollIntoView({ block: "start" }), S.i3);
  await page.evaluate(() => window.scrollBy(0, -120));
  await page.screenshot({ path: path.join(shots, "desktop-agree-page.png") });
});

await step("keyboard only: the agree step with Tab, arrow keys and typing", async () => {
  await page.focus("#differ-h");
  const target = `select[data-agree="${S.c1}"]`;
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, target);
  }
  assert.ok(found, "Tab reaches the agreed rating");
  const focus = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(focus, "solid", "focus is visible");
  assert.equal(await page.evaluate(() => document.activeElement.value), "4", "agreed Leading earlier");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.value), "3");
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate((s) => document.activeElement?.matches(`textarea[data-agree-why="${s}"]`), S.c1), "Tab goes on to the justification");
  await page.keyboard.type("Agreed after talking it through.");
  await page.keyboard.press("Tab");
  await settle();
  const agreed = JSON.parse(await draft()).assessment.judgements.find((j) => j.standard === S.c1 && !j.rater);
  assert.deepEqual([agreed.rating, agreed.justification], [3, "Agreed after talking it through."]);
  await matchesCli(await exportAssessment("agreed-keyboard.json"));
});

await step("bring the group together: the engine's merge, once the npm package has it", async () => {
  if (!(await page.locator('[data-merge="available"]').count())) {
    // The page merges nothing itself: until the package exports merge(), it says how instead.
    assert.match(await text('[data-merge="unavailable"]'), /needs the engine's merge/);
    assert.equal(await page.locator("#merge-files").count(), 0, "no file picker that could not work");
    console.log("  (the npm package has no merge() yet: only the fallback is checked)");
    return;
  }
  const whole = JSON.parse(fs.readFileSync(path.join(work, "agreed.json"), "utf8"));
  const r1 = { ...whole, raters: whole.raters.filter((r) => r.id === "r1"), judgements: whole.judgements.filter((j) => j.rater === "r1") };
  const r3 = JSON.parse(fs.readFileSync(path.join(work, "mine-r3.json"), "utf8"));
  const clash = { ...r3, raters: [{ ...r3.raters[0], role: "staff" }] };
  const files = (list) => list.map(([name, doc]) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) }));
  // A conflict is listed by file and field, and nothing changes.
  const before = await draft();
  await page.setInputFiles("#merge-files", files([["r3.json", r3], ["r3-again.json", clash]]));
  await page.waitForSelector("#merge-problems li");
  assert.match(await text("#merge-problems"), /“r3-again\.json” at \/raters\/0\/role/);
  assert.equal(await draft(), before, "nothing changed");
  await audit("merge conflicts shown");
  // Two raters' files come together, as the engine merges them: dropped on the box, as from
  // a file manager.
  const dropped = [["r1.json", r1], ["r3.json", r3]].map(([name, doc]) => {
    const file = path.join(work, `dropped-${name}`);
    fs.writeFileSync(file, JSON.stringify(doc));
    return file;
  });
  await dropFiles("#merge-box .drop", dropped);
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("Brought together 2 files: “dropped-r1.json”, “dropped-r3.json”"));
  await settle();
  const merged = JSON.parse(await draft()).assessment;
  assert.deepEqual(merged.raters.map((r) => r.id), ["r1", "r3"]);
  assert.deepEqual(merged.judgements.filter((j) => j.rater === "r3"), r3.judgements);
  await page.locator("#notice button", { hasText: "Undo" }).click();
  await settle();
});

await step("a malformed or wrong file shows a clear message and leaves the work untouched", async () => {
  const before = { draft: await draft(), score: await text("[data-overall-score]") };
  const open = async (name, content) => {
    await page.setInputFiles("#open-assessment-file", { name, mimeType: "application/json", buffer: Buffer.from(content) });
    await page.waitForFunction((n) => document.getElementById("alert").textContent.includes(n), name);
    return text("#alert");
  };
  assert.match(await open("broken.json", '{"format": "chime-standards/assessment@1", "id": '), /“broken\.json” is not valid JSON.*Your current work is unchanged/);
  assert.match(await open("framework.json", execFileSync(cli, ["framework"])), /is a framework, not an assessment/);
  assert.match(
    await open("wrong-type.json", JSON.stringify({ format: "chime-standards/assessment@1", id: 7, framework: { id: "chime-lero", version: "1.0.0" }, assessed_on: "2025-06-30", organisation: { id: "x", structure: "informal" } })),
    /could not be read as an assessment/,
  );
  assert.match(await open("other.json", JSON.stringify({ format: "chime-standards/assessment@1", id: "x", framework: { id: "another", version: "2.0.0" } })), /was made against the framework “another”/);
  await page.locator("header.top").screenshot({ path: path.join(shots, "desktop-file-error.png") });
  assert.equal(await draft(), before.draft, "the draft is untouched");
  assert.equal(await text("[data-overall-score]"), before.score);
  assert.equal(await control("/organisation/name").inputValue(), "Willow Lane Recovery Café");
});

await step("start again, then open the exported file: the same scores", async () => {
  await page.click("#start-again");
  await settle();
  assert.equal(await control("/organisation/name").inputValue(), "");
  assert.match(await text("#overall"), /No overall score yet/);
  await page.setInputFiles("#open-assessment-file", path.join(work, "exported.json"));
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("Opened"));
  await settle();
  assert.equal(await control("/organisation/name").inputValue(), "Willow Lane Recovery Café");
  await matchesCli(path.join(work, "exported.json"));
});

await step("another framework loads from a file; an assessment of the default one switches back", async () => {
  const national = path.join(root, "examples/national/framework.json");
  const nationalDoc = JSON.parse(fs.readFileSync(national, "utf8"));
  await page.setInputFiles("#open-framework-file", national);
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("Now using"));
  await settle();
  assert.match(await text("#framework-name"), /lero-national-shape 0\.1\.0/);
  assert.equal(await page.locator("article.std").count(), nationalDoc.standards.length);
  assert.ok(await page.locator("#use-default").isVisible());
  // The kept ratings name standards this framework does not have: they are listed, and can go.
  assert.match(await text("#problems"), /the framework has no standard/);
  await page.click("#drop-unknown");
  await settle();
  assert.doesNotMatch(await text("#problems"), /the framework has no standard/);
  // Its own example assessment scores as the CLI scores it.
  const example = path.join(root, "examples/national/assessment.json");
  await page.setInputFiles("#open-assessment-file", example);
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("Opened"));
  await settle();
  await matchesCli(example, national);
  assert.ok(await page.locator(".tag", { hasText: "Section:" }).first().isVisible(), "sections show on standards");
  // The draft keeps the framework too.
  await page.reload();
  await ready();
  assert.match(await text("#framework-name"), /lero-national-shape/);
  await matchesCli(example, national);
  // An assessment made against the default framework brings it back.
  await page.setInputFiles("#open-assessment-file", path.join(work, "exported.json"));
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("Opened"));
  await settle();
  assert.match(await text("#notice"), /with the default framework it was made against/);
  assert.match(await text("#framework-name"), /chime-lero 1\.0\.0/);
  assert.ok(!(await page.locator("#use-default").isVisible()));
  await matchesCli(path.join(work, "exported.json"));
});

await step("the report downloads as the engine's HTML report", async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-report")]);
  const file = path.join(work, "report.html");
  await download.saveAs(file);
  const html = fs.readFileSync(file, "utf8");
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.ok(!html.includes("Willow Lane Recovery Café"), "the report holds no names");
  assert.ok(!html.includes("<script"), "the report has no scripts");
});

await step("accessibility: labels, legends, live region, contrast", async () => {
  const unlabelled = await page.evaluate(() =>
    Array.from(document.querySelectorAll("input, select, textarea"))
      .filter((el) => el.type !== "file" && !el.closest("[hidden]"))
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label"))
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, []);
  const loose = await page.evaluate(() =>
    Array.from(document.querySelectorAll("input[type=radio]")).filter((el) => !el.closest("fieldset")?.querySelector("legend")).length,
  );
  assert.equal(loose, 0, "every radio sits in a fieldset with a legend");
  // Controls every card repeats say, to a screen reader, which standard they belong to: the
  // accessible names Chromium computes are unique.
  const names = async (role, name) => {
    // Hidden ones too: the notes fields sit in a closed section until it is opened.
    const list = await page.getByRole(role, { name, includeHidden: true }).evaluateAll((els) => els.map((el) => el.closest("[data-standard]")?.dataset.standard));
    return { count: list.length, distinct: new Set(list).size };
  };
  const cards = await page.locator("article[data-standard]").count();
  assert.deepEqual(await names("button", /^Add new evidence for this standard \(.+\)$/), { count: cards, distinct: cards });
  for (const [role, name] of [
    ["button", /^Add an action \(.+\)$/],
    ["group", /^Actions \(.+\)$/],
    ["group", /^Evidence for this standard \(.+\)$/],
    ["textbox", /^Notes \(.+\)$/],
    ["textbox", /^What is going well \(.+\)$/],
  ]) {
    assert.deepEqual(await names(role, name), { count: cards, distinct: cards }, String(name));
  }
  const shown = await page.locator("article[data-standard]").evaluateAll((cards) => cards.slice(0, 3).map((card) => ({ id: card.dataset.standard, title: card.querySelector("h4").textContent })));
  for (const std of shown) {
    const exact = new RegExp(`^.+ \\(${std.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)$`);
    const first = page.locator(`#std-${std.id} fieldset.rating`).first();
    assert.equal(await page.getByRole("group", { name: exact }).first().evaluate((el, id) => el.closest("[data-standard]")?.dataset.standard === id, std.id), true, std.id);
    assert.match(await first.locator("legend").textContent(), exact);
  }
  assert.equal(await page.locator("#live[aria-live=polite]").count(), 1);
  assert.match(await text("#live"), /Overall score \d+\.\d out of 100/);
  assert.equal(await page.locator("html").getAttribute("lang"), "en-GB");
  // WCAG AA contrast of every visible text (the engine's SVG chart aside).
  const contrast = await page.evaluate(lowContrast);
  assert.ok(contrast.checked > 200, `checked ${contrast.checked} elements`);
  assert.deepEqual(contrast.bad, []);
});

await step("the service worker serves the page offline", async () => {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await ready();
  }
  await page.waitForFunction(() => /works offline/.test(document.getElementById("offline-status").textContent));
  const score = await text("[data-overall-score]");
  await context.setOffline(true);
  try {
    await page.waitForFunction(() => document.getElementById("connection").textContent.includes("You are offline"));
    await page.reload();
    await ready();
    assert.equal(await text("[data-overall-score]"), score);
    await rate(S.h1, "3");
    await settle();
    assert.ok(JSON.parse(await draft()).assessment.judgements.some((j) => j.standard === S.h1 && j.rating === 3));
  } finally {
    await context.setOffline(false);
  }
});

await step("screenshots at desktop width", async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.mouse.move(1, 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, "desktop-top.png") });
  await page.evaluate(() => document.getElementById("domain-connectedness").scrollIntoView());
  await page.screenshot({ path: path.join(shots, "desktop.png") });
  await page.evaluate(() => document.getElementById("ev-3").scrollIntoView());
  await page.screenshot({ path: path.join(shots, "desktop-evidence.png") });
  await page.screenshot({ path: path.join(shots, "desktop-full.png"), fullPage: true });
});

/** Elements that stick out sideways at 390 and 360 px (none may). */
async function noSidewaysScroll() {
  for (const width of [390, 360]) {
    await page.setViewportSize({ width, height: 844 });
    await settle();
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      return Array.from(document.querySelectorAll("body *"))
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
    });
    assert.deepEqual(wide, [], `no horizontal scroll at ${width} px`);
  }
}

await step("usable at phone width (390 and 360 px): no sideways scrolling", async () => {
  await noSidewaysScroll();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, "phone-top.png") });
  assert.ok(await page.locator(".scorebar").isVisible(), "the score bar stays in view on a phone");
  await page.evaluate((id) => document.getElementById(id).scrollIntoView(), `std-${S.m2}`);
  await page.screenshot({ path: path.join(shots, "phone.png") });
  await page.evaluate(() => document.getElementById("results").scrollIntoView());
  await page.screenshot({ path: path.join(shots, "phone-results.png") });
  await page.screenshot({ path: path.join(shots, "phone-full.png"), fullPage: true });
});

await step("an unreadable draft is set aside, not lost", async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => localStorage.setItem("chime-standards/self-assessment/draft", "{not json"));
  await page.reload();
  await ready();
  assert.match(await text("#alert"), /Draft not restored/);
  assert.equal(await page.evaluate(() => localStorage.getItem("chime-standards/self-assessment/draft:unreadable")), "{not json");
  assert.equal(await control("/organisation/id").inputValue(), "our-lero", "a new assessment starts");
});

// ---- the group's journey: several devices, a new version of the standards, endorsements --------

const REVISIONS = path.join(root, "examples/revisions");
const V1 = path.join(root, "crates/chime-standards/frameworks/chime-lero.json");
const V2 = path.join(REVISIONS, "chime-lero-2.0.0.json");
const MAPPING = path.join(REVISIONS, "chime-lero-1.0.0-to-2.0.0.mapping.json");

/** Runs the CLI when it may exit 1 (problems found): its exit status, output and errors. */
function chimeRun(...args) {
  const run = spawnSync(cli, args, { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Three raters' files of one fictional assessment (the Harbour Lane example's organisation,
 * raters and evidence), as each person's "Save my ratings" writes them: each rater rates near
 * the example's agreed levels, some a level or two apart, and r2 leaves some standards out.
 */
function raterFiles() {
  const base = JSON.parse(fs.readFileSync(path.join(root, "examples/default/harbour-lane-2025.json"), "utf8"));
  const shift = { r1: [0, 0, -1, 0, 1, 0], r2: [0, -1, 0, 1, 0, 0], r3: [1, 0, 0, -1, 0, -2] };
  return base.raters.map((rater) => {
    const judgements = base.judgements
      .map((j, i) => ({ standard: j.standard, rater: rater.id, rating: Math.max(0, Math.min(4, j.rating + shift[rater.id][i % 6])) }))
      .filter((_, i) => rater.id !== "r2" || i % 7 !== 3);
    const file = path.join(work, `harbour-lane-${rater.id}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ ...base, raters: [rater], judgements }, null, 2)}\n`);
    return file;
  });
}

await step("bring the group together: three raters' files merge as `chime merge` merges them; the agreement figures are `chime score`'s", async () => {
  const files = raterFiles();
  await page.setInputFiles("#merge-files", files);
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("Brought together 3 files"));
  await settle();
  const merged = JSON.parse(await draft()).assessment;
  assert.deepEqual(merged, JSON.parse(execFileSync(cli, ["merge", ...files], { encoding: "utf8" })), "the page's merged assessment is the CLI's");
  const file = await exportAssessment("merged.json");
  const report = await matchesCli(file);
  // Each rater's level, the spread and the rating used, standard by standard.
  for (const result of report.standards.filter((s) => s.raters.n > 0)) {
    const facts = await text(`[data-differ-facts="${result.standard}"]`);
    if (result.raters.n > 1) assert.match(facts, new RegExp(`${result.raters.spread} levels? apart`), `${result.standard}: ${facts}`);
    assert.equal(await page.locator(`[data-differ-median="${result.claimed}"]`).and(page.locator(`[data-differ="${result.standard}"] [data-differ-median]`)).count(), 1, result.standard);
  }
  // The agreement, overall and for each domain, in the engine's figures.
  const agreed = (a) => (a.alpha === null ? /cannot be measured here/ : new RegExp(`alpha ${a.alpha.toFixed(3).replace(".", "\\.")}, from ${a.values} ratings of ${a.units} standards?`));
  assert.equal(report.agreement.status, "scored", "three raters who differ a little: alpha is scored");
  assert.match(await text('[data-agreement="overall"]'), agreed(report.agreement));
  // In the engine's words: the sentence of `chime score --format text`.
  const cliText = execFileSync(cli, ["score", file, "--format", "text"], { encoding: "utf8" }).replace(/\s+/g, " ");
  assert.ok(cliText.includes(await text('[data-agreement="overall"]')), "the overall agreement in the CLI's words");
  for (const domain of report.domains) {
    assert.match(await text(`[data-agreement="${domain.domain}"]`), agreed(domain.agreement), domain.domain);
  }
  await audit("group view: three raters' files merged");
  // The README's picture: the group's view of the merged files beside the live results.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.mouse.move(1, 1);
  await page.evaluate(() => document.getElementById("differ-h").scrollIntoView({ block: "start" }));
  await page.evaluate(() => window.scrollBy(0, -16));
  await page.screenshot({ path: path.join(shots, "desktop-group-page.png") });
  if (process.env.CHIME_UPDATE_SCREENSHOT) {
    // The README's copy, made small with pngquant where it is installed (apt-get install pngquant).
    const docs = path.join(root, "docs/images/self-assessment.png");
    fs.mkdirSync(path.dirname(docs), { recursive: true });
    try {
      execFileSync("pngquant", ["--quality", "60-90", "--strip", "--force", "--output", docs, path.join(shots, "desktop-group-page.png")]);
    } catch {
      fs.copyFileSync(path.join(shots, "desktop-group-page.png"), docs);
    }
    const size = fs.statSync(docs).size;
    console.log(`  wrote ${path.relative(root, docs)} (${size} bytes)`);
    assert.ok(size < 200_000, `the README's picture is ${size} bytes, over 200 KB (install pngquant: apt-get install pngquant)`);
  }
});

await step("the review module is not fetched while people rate, merge, agree and go offline", async () => {
  assert.deepEqual(reviewFetches, []);
});

await step("a new version of the standards: a mapping that does not fit is refused, every problem located as `chime validate` locates it", async () => {
  const before = await draft();
  const wrong = path.join(REVISIONS, "chime-lero-1.0.0-to-national-0.1.0.mapping.json");
  await page.setInputFiles("#version-files", [V2, wrong]);
  await page.waitForSelector("[data-version-problems]");
  const run = chimeRun("validate", wrong, "--from", V1, "--to", V2, "--format", "json");
  assert.equal(run.status, 1, "the CLI refuses the mapping too");
  const expected = JSON.parse(run.stdout)[0].diagnostics.filter((d) => d.severity === "error");
  const shown = await page.locator("#version-problems li").evaluateAll((items) => items.map((li) => ({ code: li.dataset.diagCode, document: li.dataset.diagDocument, path: li.dataset.diagPath, text: li.textContent })));
  assert.deepEqual(shown.map(({ text: _, ...d }) => d), expected.map((d) => ({ code: d.code, document: d.document, path: d.path })));
  shown.forEach((d, i) => assert.ok(d.text.includes(`“chime-lero-1.0.0-to-national-0.1.0.mapping.json” at ${d.path}: ${expected[i].message}`), d.text));
  assert.match(await text("[data-version-problems]"), /The mapping does not fit: 15 problems\. Nothing was changed/);
  assert.equal(await draft(), before, "nothing changed");
  assert.match(await text("#framework-name"), /chime-lero 1\.0\.0/);
  await audit("mapping problems shown");
  // A file chosen by mistake can be put aside, and the other stays chosen.
  const chosen = () => page.locator("#version-chosen li").evaluateAll((items) => items.map((li) => li.dataset.chosen));
  await page.getByRole("button", { name: "Put aside “chime-lero-1.0.0-to-national-0.1.0.mapping.json”" }).click();
  assert.deepEqual(await chosen(), ["framework"]);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "version-choose", "the focus goes back to the file button");
  assert.equal(await page.locator("[data-version-problems]").count(), 0, "the refused mapping's problems go with it");
  await page.click('[data-unchoose="framework"]');
  assert.deepEqual(await chosen(), []);
  await page.setInputFiles("#version-files", V2);
  await page.waitForSelector("[data-version-waiting]");
  assert.deepEqual(await chosen(), ["framework"]);
  assert.equal(await draft(), before, "nothing changed");
});

/** The CLI's lines on standard error ("file (migrated): warning[code] document /path: words"). */
function diagnosticLines(stderr) {
  return stderr.trim().split("\n").filter(Boolean).map((line) => {
    const [, severity, code, document, pointer, message] = /^.*? \(migrated\): (error|warning|info)\[([a-z_]+)\] ([a-z]+) ?(\/\S*)?: (.*)$/.exec(line) ?? [];
    assert.ok(code, `a diagnostic line: ${line}`);
    return { severity, code, document, path: pointer ?? "", message };
  });
}

let migration = null;

/** Drops files on an element, as a person dragging them from their file manager would. */
async function dropFiles(selector, files) {
  const items = files.map((file) => ({ name: path.basename(file), text: fs.readFileSync(file, "utf8") }));
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const { name, text } of list) data.items.add(new File([text], name, { type: "application/json" }));
    return data;
  }, items);
  await page.dispatchEvent(selector, "drop", { dataTransfer: transfer });
}

await step("the review module is fetched once, when a new version of the standards is first opened", async () => {
  assert.equal(reviewFetches.length, 1, reviewFetches.join(", "));
});

await step("a new version of the standards: the draft migrates as `chime migrate` migrates it; what to review is a to-do list", async () => {
  const before = JSON.parse(await draft()).assessment;
  const beforeFile = path.join(work, "before-migration.json");
  fs.writeFileSync(beforeFile, `${JSON.stringify(before, null, 2)}\n`);
  // The framework is still chosen from the refused try: the right mapping alone completes the pair.
  await page.setInputFiles("#version-files", MAPPING);
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("Moved to"));
  await settle();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "todo-h", "the focus goes to the to-do list");
  assert.match(await text("#framework-name"), /chime-lero 2\.0\.0/);
  const run = chimeRun("migrate", beforeFile, "--mapping", MAPPING, "--framework", V2);
  assert.equal(run.status, 0, run.stderr);
  const cliMigrated = JSON.parse(run.stdout);
  const migrated = JSON.parse(await draft()).assessment;
  assert.deepEqual(migrated, cliMigrated, "the page's migrated draft is the CLI's");
  // The to-do list is the CLI's diagnostics, in its order; each review leads to the judgement its path names.
  const expected = diagnosticLines(run.stderr);
  const items = await page.locator("#todo li.todo-item").evaluateAll((list) => list.map((li) => ({ ...li.dataset, text: li.textContent })));
  assert.deepEqual(items.map((i) => [i.todoCode, i.todoPath]), expected.map((d) => [d.code, d.path]));
  const reviews = expected.filter((d) => d.code === "migration_review");
  // New standards: the engine names each in its note's context (`chime validate` of the mapping).
  const fresh = JSON.parse(chimeRun("validate", MAPPING, "--from", V1, "--to", V2, "--format", "json").stdout)[0].diagnostics
    .filter((d) => d.code === "new_standard")
    .map((d) => d.context.standard);
  assert.deepEqual(fresh, ["c6-working-with-partners"]);
  // c4 split in two (rated by r1 and r3: 4) and h1 with m3 merged into one (rated by all three: 3).
  assert.equal(reviews.length, 7, "ratings to review");
  items.forEach((item, i) => {
    assert.ok(item.text.includes(expected[i].message), `the engine's words: ${item.text}`);
    if (expected[i].code === "new_standard") return assert.equal(item.todoStandard, fresh.shift());
    if (expected[i].code !== "migration_review") return assert.equal(item.todoStandard, "");
    const judgement = cliMigrated.judgements[Number(expected[i].path.split("/")[2])];
    assert.deepEqual([item.todoStandard, item.todoRater], [judgement.standard, judgement.rater ?? ""]);
    assert.equal(judgement.rating, null, "a review is of a judgement left unrated");
  });
  assert.ok(expected.some((d) => d.code === "migration_retired"), "a retired standard is listed");
  assert.match(await text("#todo-count"), new RegExp(`^0 of ${reviews.length + 1} done\\.$`));
  // The draft before migration stays downloadable, as it was.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-before")]);
  const saved = path.join(work, "downloaded-before-migration.json");
  await download.saveAs(saved);
  assert.deepEqual(JSON.parse(fs.readFileSync(saved, "utf8")), before);
  migration = { entries: reviews.length + 1 };
  await audit("migrated draft with its to-do list");

  // Undo brings back the draft and the framework before the move; dropping both files moves it again.
  await page.locator("#notice button", { hasText: "Undo" }).click();
  await settle();
  assert.deepEqual(JSON.parse(await draft()).assessment, before, "undone");
  assert.match(await text("#framework-name"), /chime-lero 1\.0\.0/);
  assert.ok(await page.locator("#todo").isHidden(), "no to-do list without the move");
  await dropFiles("#version-box .drop", [MAPPING, V2]);
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("Moved to"));
  await settle();
  assert.deepEqual(JSON.parse(await draft()).assessment, cliMigrated, "dropped files migrate the same");
  assert.equal(await page.locator("#todo li.todo-item").count(), items.length);
});

await step("keyboard only: through the to-do list to a standard, rated again, marked done", async () => {
  assert.ok(migration, "needs the migration step");
  await page.focus("#todo-h");
  let found = false;
  for (let i = 0; i < 10 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(() => document.activeElement?.matches("[data-todo-code='migration_review'] [data-todo-go]") ?? false);
  }
  assert.ok(found, "Tab reaches the first rating to review (past the new standard's entry)");
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), "solid", "focus is visible");
  const entry = await page.evaluate(() => ({ ...document.activeElement.closest("li").dataset }));
  await page.keyboard.press("Enter");
  const where = await page.evaluate(() => ({ judge: document.activeElement.closest('[data-part="rating"]')?.dataset.judge, value: document.activeElement.value }));
  assert.deepEqual(where, { judge: `${entry.todoStandard}|${entry.todoRater}`, value: "" }, "the focus is on that rating, at “Not assessed yet”");
  // Arrow keys choose a level (from the last choice back to the highest level).
  const top = JSON.parse(fs.readFileSync(V2, "utf8")).rating_scale.levels.at(-1).value;
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.evaluate(() => document.activeElement.value), String(top));
  await settle();
  const judgement = JSON.parse(await draft()).assessment.judgements.find((j) => j.standard === entry.todoStandard && (j.rater ?? "") === entry.todoRater);
  assert.equal(judgement.rating, top);
  assert.equal(await page.locator(`#todo li[data-todo="${entry.todo}"]`).getAttribute("data-todo-done"), "true");
  assert.match(await text(`#todo li[data-todo="${entry.todo}"] [data-todo-state]`), /Done: rated/);
  assert.match(await text("#todo-count"), new RegExp(`^1 of ${migration.entries} done\\.$`));
  await page.locator("#todo").screenshot({ path: path.join(shots, "desktop-todo.png") });
  // The draft keeps the list, and what is done.
  await page.reload();
  await ready();
  assert.match(await text("#todo-count"), new RegExp(`^1 of ${migration.entries} done\\.$`));
  assert.equal(await page.locator(`#todo li[data-todo="${entry.todo}"]`).getAttribute("data-todo-done"), "true");
});

await step("the to-do list, rating as one rater: their own entries lead to their ratings; the others say where they are done", async () => {
  assert.ok(migration, "needs the migration step");
  const entries = () => page.locator("#todo li[data-todo-code='migration_review']").evaluateAll((items) => items.map((li) => ({ rater: li.dataset.todoRater, go: !!li.querySelector("[data-todo-go]"), elsewhere: li.querySelector("[data-todo-elsewhere]")?.textContent ?? null })));
  const all = await entries();
  const rater = all.find((e) => e.rater)?.rater;
  assert.ok(rater && all.some((e) => e.rater !== rater), `the migration leaves reviews for a rater and for others: ${JSON.stringify(all)}`);
  await page.locator('#me-box [data-me="id"] input').fill(rater);
  await page.click("#rate-as");
  await settle();
  const seen = await entries();
  for (const entry of seen) {
    if (entry.rater === rater) assert.deepEqual([entry.go, entry.elsewhere], [true, null], "the rater's own entry leads to their rating");
    else {
      assert.equal(entry.go, false, "no button to a rating the form does not show");
      assert.match(entry.elsewhere, new RegExp(`^Not on this device: you are rating as rater ${rater}\\. (Rater ${entry.rater} rates it on their own device|The group agrees it), or go back`));
    }
  }
  const own = page.locator(`#todo li[data-todo-rater="${rater}"] [data-todo-go]`).first();
  const standard = await own.evaluate((button) => button.closest("li").dataset.todoStandard);
  await own.click();
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-part="rating"]')?.dataset.judge), `${standard}|${rater}`);
  await audit("to-do list, rating as one rater");
  await page.click("#stop-me");
  await settle();
  assert.deepEqual((await entries()).map((e) => e.go), all.map(() => true), "back in the group's view, every entry leads to its rating");
});

await step("endorsements: who endorsed what, and whether it verifies, in words, as `chime verify` says", async () => {
  const { vocabulary } = await import(pathToFileURL(path.join(root, "bindings/wasm/pkg/node/index.js")).href);
  const words = vocabulary();
  const file = await exportAssessment("to-endorse.json");
  const key = path.join(work, "reviewer.jwk");
  const keys = path.join(work, "trusted-keys.json");
  fs.writeFileSync(keys, `{"keys": [${execFileSync(cli, ["key", "new", "--output", key, "--id", "lero-north"], { encoding: "utf8" })}]}\n`);
  const envelope = path.join(work, "to-endorse.endorsement.json");
  execFileSync(cli, ["endorse", file, "--framework", V2, "--key", key, "--reviewer", "lero-north", "--role", "peer", "--scope", "evidence_sighted", "--outcome", "endorsed_with_conditions", "--on", "2026-03-01", "--output", envelope]);
  await page.setInputFiles("#endorse-envelope-file", envelope);
  await page.waitForFunction(() => /Now choose the trusted keys/.test(document.getElementById("endorse-status").textContent));
  await page.setInputFiles("#endorse-keys-file", keys);
  await page.waitForSelector("[data-endorse-valid]");
  const verified = (run) => {
    const [result] = JSON.parse(run.stdout);
    return result;
  };
  const cliResult = verified(chimeRun("verify", file, envelope, "--keys", keys, "--framework", V2, "--format", "json"));
  assert.equal(cliResult.valid, true);
  assert.equal(await page.locator("[data-endorse-valid]").getAttribute("data-endorse-valid"), "true");
  const e = cliResult.endorsement;
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  assert.equal(await text('[data-endorse="reviewer"]'), `${e.reviewer.id} (${words.reviewer_role[e.reviewer.role]})`);
  assert.equal(await text('[data-endorse="assessment"]'), `${e.assessment} (framework ${e.framework.id} ${e.framework.version})`);
  assert.equal(await text('[data-endorse="scope"]'), cap(words.scope[e.scope]));
  assert.equal(await text('[data-endorse="outcome"]'), cap(words.outcome[e.outcome]));
  assert.equal(await text('[data-endorse="reviewed-on"]'), e.reviewed_on);
  assert.ok((await text('[data-endorse="signed-with"]')).includes(cliResult.keyid));
  assert.equal(cliResult.report_checked, true);
  assert.match(await text('[data-endorse="report"]'), /was checked too/);
  assert.match(await text("#endorse-status"), /^✓Valid\. .*lero-north reviewed the assessment on this page \(evidence sighted\) on 2026-03-01: endorsed with conditions\.$/);
  await audit("endorsement verified");
  await noSidewaysScroll();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator("#endorse-panel").screenshot({ path: path.join(shots, "desktop-endorsement.png") });

  // Changed after the review: it no longer verifies, with the problems `chime verify` finds.
  const problemsShown = () => page.locator("#endorse-result li").evaluateAll((items) => items.map((li) => ({ code: li.dataset.diagCode, document: li.dataset.diagDocument, path: li.dataset.diagPath, text: li.textContent })));
  const sameProblems = async (result) => {
    const expected = result.problems.filter((d) => d.severity !== "info");
    const shown = await problemsShown();
    assert.deepEqual(shown.map(({ text: _, ...d }) => d), expected.map((d) => ({ code: d.code, document: d.document, path: d.path })));
    shown.forEach((d, i) => assert.ok(d.text.includes(expected[i].message), d.text));
  };
  await group("c1-peer-support-offer").locator('input[value="1"]').check();
  await settle();
  await page.waitForSelector('[data-endorse-valid="false"]');
  const changed = await exportAssessment("endorsed-then-changed.json");
  const after = chimeRun("verify", changed, envelope, "--keys", keys, "--framework", V2, "--format", "json");
  assert.equal(after.status, 1);
  const afterResult = verified(after);
  assert.ok(afterResult.problems.some((d) => d.code === "digest_mismatch"));
  await sameProblems(afterResult);
  assert.match(await text("#endorse-status"), /^✖Not valid\. /);
  await audit("endorsement that does not verify");

  // Checked against the file it endorses instead, it verifies again; back to the page's, it does not.
  await page.setInputFiles("#endorse-assessment-file", file);
  await page.waitForSelector('[data-endorse-valid="true"]');
  assert.match(await text("#endorse-status"), /lero-north reviewed the assessment in “to-endorse\.json”/);
  await page.locator("#endorse-chosen button", { hasText: "Use the one on this page" }).click();
  await page.waitForSelector('[data-endorse-valid="false"]');

  // A key set that does not hold the reviewer's key.
  const otherKeys = path.join(work, "other-keys.json");
  fs.writeFileSync(otherKeys, `{"keys": [${execFileSync(cli, ["key", "new", "--output", path.join(work, "other.jwk"), "--id", "lero-south"], { encoding: "utf8" })}]}\n`);
  await page.setInputFiles("#endorse-keys-file", otherKeys);
  await page.waitForFunction(() => document.querySelector("#endorse-result li[data-diag-code='untrusted_key']"));
  // The to-do list and the endorsement's problems (long ids and keys) fit a phone.
  await noSidewaysScroll();
  await page.locator("#endorse-panel").screenshot({ path: path.join(shots, "phone-endorsement.png") });
  await page.locator("#todo").screenshot({ path: path.join(shots, "phone-todo.png") });
  await page.setViewportSize({ width: 1280, height: 900 });
  await sameProblems(verified(chimeRun("verify", changed, envelope, "--keys", otherKeys, "--framework", V2, "--format", "json")));
  assert.match(await text("#endorse-result"), /No trusted signature verifies/);

  // Dropped together, the files are told apart by what they hold: the trusted keys and the
  // endorsed assessment replace the ones chosen, and it verifies again.
  await dropFiles("#endorse-box .drop", [keys, file]);
  await page.waitForSelector('[data-endorse-valid="true"]');
  assert.deepEqual(
    await page.locator("#endorse-chosen li").evaluateAll((items) => items.map((li) => li.textContent.replace(/Use the one on this page$/, "").trim())),
    ["✓Endorsement: “to-endorse.endorsement.json”", "✓Trusted keys: “trusted-keys.json”", "✓Assessment endorsed: “to-endorse.json”"],
  );
  // A dropped file that is none of the three is refused by name, and nothing chosen changes.
  const stray = path.join(work, "notes.json");
  fs.writeFileSync(stray, '{"notes": "not an endorsement"}\n');
  await dropFiles("#endorse-box .drop", [stray]);
  await page.waitForFunction(() => document.getElementById("endorse-status").textContent.includes("“notes.json” is not an endorsement"));
  assert.equal(await page.locator('[data-endorse-valid="true"]').count(), 1, "the last result stands");
});

await step("no errors in the console and no request leaves the site", async () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, []);
});

await step("Content-Security-Policy: a hostile framework and assessment show as text, and no script runs", async () => {
  // A fresh context of its own: the policy's refusals are console errors by design.
  const hostile = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const tab = await hostile.newPage();
  const dialogs = [];
  const violations = [];
  tab.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await tab.exposeFunction("reportViolation", (v) => violations.push(v));
  await tab.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const payload = (n) =>
    `<img src=x onerror="window.__pwned=${n};alert(${n})"><script>window.__pwned=${n}</script><a href="javascript:window.__pwned=${n}">go</a><svg onload="window.__pwned=${n}"></svg>`;
  // Every text field of the framework: titles, names, statements, descriptions, labels ...
  const framework = chime("framework");
  let n = 0;
  const TEXT = new Set(["title", "name", "statement", "description", "guidance", "text", "label", "citation"]);
  (function walk(value) {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== "object") return;
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "string" && TEXT.has(key)) value[key] = payload(++n);
      else if (key === "level_descriptors") for (const level of Object.keys(item)) item[level] = payload(++n);
      else walk(item);
    }
  })(framework);
  const frameworkFile = path.join(work, "hostile-framework.json");
  fs.writeFileSync(frameworkFile, JSON.stringify(framework));
  // ... and of the assessment: names, titles, links, justifications, notes, actions.
  const assessment = {
    format: "chime-standards/assessment@1",
    id: "hostile",
    framework: { id: framework.id, version: framework.version },
    assessed_on: "2025-06-30",
    organisation: { id: "hostile-org", name: payload(++n), structure: "informal" },
    evidence: [
      { id: "e1", kind: "document", title: payload(++n), source: "self", collected: "2025-05-01", standards: [S.c1], sensitivity: "internal", uri: "javascript:window.__pwned=99" },
    ],
    judgements: [
      { standard: S.c1, rating: 2, justification: payload(++n), narrative: payload(++n), strengths: payload(++n), actions: [{ description: payload(++n) }] },
      { standard: S.c2, rating: "not_applicable", justification: payload(++n) },
    ],
  };
  const assessmentFile = path.join(work, "hostile-assessment.json");
  fs.writeFileSync(assessmentFile, JSON.stringify(assessment));
  execFileSync(cli, ["validate", "--framework", frameworkFile, assessmentFile], { encoding: "utf8" });

  const response = await tab.goto(base);
  await tab.waitForSelector("body.ready", { timeout: 20_000 });
  await tab.setInputFiles("#open-framework-file", frameworkFile);
  await tab.waitForFunction(() => document.getElementById("notice").textContent.includes("Now using"));
  await tab.setInputFiles("#open-assessment-file", assessmentFile);
  await tab.waitForFunction(() => document.getElementById("notice").textContent.includes("Opened"));
  await tab.waitForFunction(() => document.getElementById("results")?.getAttribute("aria-busy") !== "true");
  // A new version of it, with one statement changed, and the mapping the CLI drafts: the to-do
  // list shows the new titles and the engine's words as text too.
  const next = JSON.parse(JSON.stringify(framework));
  next.version = "2.0.0";
  next.standards[0].statement = payload(++n);
  const nextFile = path.join(work, "hostile-framework-2.json");
  fs.writeFileSync(nextFile, JSON.stringify(next));
  const mappingFile = path.join(work, "hostile-mapping.json");
  fs.writeFileSync(mappingFile, execFileSync(cli, ["mapping", frameworkFile, nextFile], { encoding: "utf8" }));
  await tab.setInputFiles("#version-files", [nextFile, mappingFile]);
  await tab.waitForFunction(() => document.getElementById("notice").textContent.includes("Moved to"));
  assert.ok((await tab.locator("#todo [data-todo-go]").count()) >= 1, "a rating to review");
  assert.ok((await tab.locator("#todo [data-todo-go]").first().textContent()).includes("<img src=x onerror="), "a hostile title in the to-do list is text");
  await tab.locator("details").evaluateAll((all) => all.forEach((d) => (d.open = true)));
  await tab.waitForTimeout(300);
  // Everything shows as text: the markup is in the page's text, and none of it became elements.
  const seen = await tab.evaluate(() => ({
    text: document.body.innerText,
    images: document.querySelectorAll("img").length,
    scripts: Array.from(document.scripts).map((s) => s.getAttribute("src")),
    links: Array.from(document.querySelectorAll("a[href^='javascript:' i]")).length,
    handlers: Array.from(document.querySelectorAll("*")).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith("on"))).length,
    svgs: Array.from(document.querySelectorAll("#radar svg")).length,
    pwned: window.__pwned,
  }));
  assert.ok(n > 40, `${n} hostile fields`);
  assert.ok(seen.text.includes('<img src=x onerror="window.__pwned=1;alert(1)">'), "a framework title shows as text");
  assert.ok(seen.text.includes("<script>window.__pwned="), "script tags show as text");
  assert.equal(seen.images, 0, "no image element was made from the text");
  assert.deepEqual(seen.scripts, ["boot.js", "app/main.js"], "only the page's own scripts");
  assert.equal(seen.links, 0, "no javascript: link");
  assert.equal(seen.handlers, 0, "no inline event handler");
  assert.equal(seen.svgs, 1, "the radar chart is drawn, its labels escaped");
  assert.equal(await tab.locator(`[data-path="/evidence/0/uri"] input`).inputValue(), "javascript:window.__pwned=99", "a javascript: address is only text in a field");
  assert.equal(seen.pwned, undefined, "no script from the files ran");
  assert.deepEqual(dialogs, [], "no dialog opened");

  // The policy is in force: from the meta tag and the server's header alike.
  const meta = await tab.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? "");
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(meta, /connect-src 'self'/);
  assert.doesNotMatch(meta, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(response.headers()["content-security-policy"] ?? "", /script-src 'self' 'wasm-unsafe-eval'.*frame-ancestors 'none'/);
  const tried = await tab.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__inline = 1";
    document.head.appendChild(script);
    let fetched = true;
    try {
      await fetch("http://127.0.0.2:9/leak");
    } catch {
      fetched = false;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { inline: window.__inline, fetched };
  });
  // (eval is not tried here: code the test runs through the DevTools protocol may always eval.)
  assert.deepEqual(tried, { inline: undefined, fetched: false }, "an inline script and a foreign connection are refused");
  assert.ok(violations.some((v) => v.startsWith("script-src")), `a script-src violation was reported: ${violations.join("; ")}`);
  assert.ok(violations.some((v) => v.startsWith("connect-src")), "a connect-src violation was reported");
  await tab.screenshot({ path: path.join(shots, "desktop-hostile.png") });
  await hostile.close();
});

await step("timing: the page's first score with the CPU 4x slower, and its size", async () => {
  // Fresh contexts (empty cache, no service worker), median of 5. The baseline is the engine
  // alone (test/baseline/: the package's web build, init, the default framework, one score of
  // the page's new assessment, from src/store.ts), loaded in turn with the page, so the ratio
  // between them holds whatever else the machine is doing; and under both, an empty page (the
  // browser's own start, test/baseline/floor.html). The figures follow the machine's load, so they are
  // written down rather than asserted (CHIME_MAX_FIRST_SCORE_MS asserts the page's).
  // Built as the page is: one script bundled and minified by esbuild, the .wasm beside it.
  const alone = path.join(work, "baseline");
  const stage = path.join(work, "baseline-stage");
  fs.mkdirSync(path.join(stage, "chime"), { recursive: true });
  fs.mkdirSync(alone, { recursive: true });
  const here = path.dirname(fileURLToPath(import.meta.url));
  fs.copyFileSync(path.join(here, "baseline", "index.html"), path.join(alone, "index.html"));
  fs.copyFileSync(path.join(here, "baseline", "baseline.js"), path.join(stage, "baseline.js"));
  for (const name of ["floor.html", "floor.js"]) fs.copyFileSync(path.join(here, "baseline", name), path.join(alone, name));
  fs.copyFileSync(path.join(here, "..", "src", "store.ts"), path.join(stage, "store.ts"));
  const web = path.join(root, "bindings/wasm/pkg/web");
  for (const name of fs.readdirSync(web)) if (name.endsWith(".js")) fs.copyFileSync(path.join(web, name), path.join(stage, "chime", name));
  fs.copyFileSync(path.join(web, "chime_standards_wasm_bg.wasm"), path.join(alone, "chime_standards_wasm_bg.wasm"));
  execFileSync(path.join(root, "bindings/wasm/node_modules/.bin/esbuild"), [path.join(stage, "baseline.js"), "--bundle", "--format=esm", "--target=es2020", "--minify", "--log-level=warning", `--outfile=${path.join(alone, "baseline.js")}`]);
  const { server: aloneServer, url: aloneUrl } = await serve(alone);
  const firstScore = async (address) => {
    const fresh = await browser.newContext({ viewport: { width: 390, height: 844 } });
    // What the page shows at the moment it marks its first score: the mark must mean a score
    // a person can see.
    await fresh.addInitScript(() => {
      const mark = performance.mark.bind(performance);
      performance.mark = (name, ...rest) => {
        if (name === "chime:first-score") {
          const results = document.getElementById("results");
          const overall = document.querySelector("[data-overall-score]");
          window.__atFirstScore = {
            results: results ? getComputedStyle(results).display !== "none" : null,
            overall: overall ? overall.textContent : null,
            scorebar: document.getElementById("scorebar-text")?.textContent ?? null,
          };
        }
        return mark(name, ...rest);
      };
    });
    const tab = await fresh.newPage();
    const cdp = await fresh.newCDPSession(tab);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await tab.goto(address);
    await tab.waitForSelector("body.ready", { timeout: 30_000 });
    const at = await tab.evaluate(() => ["chime:first-score", "chime:form-ready"].map((mark) => performance.getEntriesByName(mark)[0]?.startTime));
    if (address === base) {
      const seen = await tab.evaluate(() => window.__atFirstScore);
      assert.equal(seen?.results, true, "the results are on show when the first score is marked");
      assert.ok(seen.overall && seen.scorebar, `the overall score is written then: ${JSON.stringify(seen)}`);
    }
    await fresh.close();
    return at;
  };
  const times = [];
  const formReady = [];
  const baseline = [];
  const empty = [];
  for (let run = 0; run < 5; run++) {
    const [score, form] = await firstScore(base);
    times.push(score);
    formReady.push(form);
    baseline.push((await firstScore(aloneUrl))[0]);
    empty.push((await firstScore(new URL("floor.html", aloneUrl).href))[0]);
  }
  aloneServer.close();
  const median = (list) => [...list].sort((a, b) => a - b)[2];
  const first = median(times);
  const floor = median(baseline);
  const browserFloor = median(empty);
  const zlib = await import("node:zlib");
  // What a visitor downloads: every file but the review module, which the page fetches only
  // for a migration or an endorsement.
  let gzipped = 0;
  let review = 0;
  (function walk(dir) {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name === "chime_standards_review_bg.wasm") review = zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length;
      else gzipped += zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length;
    }
  })(site);
  const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0];
  console.log(`  first score at 4x CPU slow-down: ${first.toFixed(0)} ms from navigation start, the engine alone ${floor.toFixed(0)} ms: ${(first / floor).toFixed(2)}x, an empty page ${browserFloor.toFixed(0)} ms; the whole form ready at ${median(formReady).toFixed(0)} ms (medians of 5; load average ${load}); the site: ${gzipped} bytes gzipped, file by file, and ${review} more for the review module on first use`);
  fs.writeFileSync(path.join(work, "timing.json"), `${JSON.stringify({ first_score_ms_4x: times, form_ready_ms_4x: formReady, engine_alone_ms_4x: baseline, empty_page_ms_4x: empty, ratio: first / floor, gzipped_bytes: gzipped, review_gzipped_bytes: review, load }, null, 2)}\n`);
  // The goal: the whole page at or under 300 KB gzipped (size is deterministic, so a check).
  const pageLimit = Number(process.env.CHIME_MAX_PAGE_BYTES ?? 300_000);
  assert.ok(gzipped <= pageLimit, `the whole page is ${gzipped} bytes gzipped, over ${pageLimit}`);
  const limit = Number(process.env.CHIME_MAX_FIRST_SCORE_MS ?? Infinity);
  assert.ok(first <= limit, `first score ${first} ms, over ${limit} ms`);
});

await browser.close();
server.close();
const passed = results.filter(Boolean).length;
const failed = results.length - passed;
console.log(`screenshots in ${path.relative(root, shots)}/`);
console.log(`axe-core audits: ${audits.length}, with violations: ${audits.filter((a) => a.violations).length} (target/web-test/axe.json)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
