// What the page's first score cannot go below: load the engine, read the default framework,
// score the page's new assessment and put the result on the page. The timing step bundles it as
// the page is bundled, and loads it and the page in turn, so their ratio holds whatever the
// machine's load.
import init, { Framework } from "./chime/index.js";
// The page's own new assessment (test/browser.mjs stages src/store.ts beside this file).
import { newAssessment } from "./store.ts";

async function firstScore() {
  await init();
  const framework = new Framework();
  const report = framework.score(newAssessment(framework));
  document.getElementById("out").textContent = `Overall: ${report.overall.award}`;
  performance.mark("chime:first-score");
  document.body.classList.add("ready");
}

void firstScore();
