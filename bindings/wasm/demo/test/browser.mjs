// The self-assessment page in a real browser: Debian's Chromium, headless, driven by
// playwright-core, against the built site served on 127.0.0.1. Run by scripts/test-web.sh:
//
//   node bindings/wasm/demo/test/browser.mjs
//
// The steps build on one another (one page, one assessment), so they run in order and the
// script ends with "N passed, N failed". Screenshots go to target/screenshots/ for review;
// CHIME_UPDATE_SCREENSHOT=1 also copies the desktop one to docs/images/self-assessment.png.
//
// Environment: CHIME_SITE (default bindings/wasm/site), CHIME_CLI (default target/debug/chime),
// CHROMIUM (default /usr/bin/chromium).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
async function step(name, run) {
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
page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
page.on("console", (message) => {
  if (message.type() === "error") problems.push(`console error: ${message.text()}`);
});
context.on("request", (request) => {
  const address = request.url();
  if (!address.startsWith(base) && !address.startsWith("blob:") && !address.startsWith("data:")) foreign.push(address);
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
  assert.match(await text(`#std-${S.c4} [data-applies]`), /Does not apply to informal organisations/);
  await control("/organisation/structure").selectOption("formally_constituted");
  assert.ok(!(await page.locator(`#std-${S.c4} [data-applies]`).isVisible()), "applies once formally constituted");
  await control("/organisation/structure").selectOption("informal");
  assert.ok(await page.locator(`#std-${S.c4} [data-applies]`).isVisible());
  assert.match(await text(".privacy"), /nothing you type leaves this device/);
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
  assert.match(await text("#problems"), /1 problem stops scoring/);
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
  assert.equal((await notes.locator("summary").textContent()).trim(), "Notes, strengths and actions");
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
  if (process.env.CHIME_UPDATE_SCREENSHOT) {
    // The README's copy, made small with pngquant where it is installed (apt-get install pngquant).
    const docs = path.join(root, "docs/images/self-assessment.png");
    fs.mkdirSync(path.dirname(docs), { recursive: true });
    try {
      execFileSync("pngquant", ["--quality", "70-95", "--strip", "--force", "--output", docs, path.join(shots, "desktop.png")]);
    } catch {
      fs.copyFileSync(path.join(shots, "desktop.png"), docs);
    }
    console.log(`  wrote ${path.relative(root, docs)} (${fs.statSync(docs).size} bytes)`);
  }
});

await step("usable at phone width (390 and 360 px): no sideways scrolling", async () => {
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

await step("no errors in the console and no request leaves the site", async () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, []);
});

await browser.close();
server.close();
const passed = results.filter(Boolean).length;
const failed = results.length - passed;
console.log(`screenshots in ${path.relative(root, shots)}/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
