// WebAssembly benchmark: the npm package (bindings/wasm/pkg) in Node.js against native, its
// gzipped size, and the time to the first score in headless Chromium.
//
//   node benches/node_bench.mjs [--n 10000] [--repeat 3] [--browser-runs 5] [--no-browser]
//                               [--json OUT]
//
// Needs: `bash scripts/build-wasm.sh` (bindings/wasm/pkg), `cargo build --release -p chime-cli`,
// and for the browser rows `npm ci` in benches/ (playwright-core, which downloads no browser)
// with Debian's /usr/bin/chromium (`apt-get install chromium`).
//
// Node: every row scores the same synthetic assessments as the other benchmarks
// (`chime generate --count N --seed 1`, target/bench-data/seed1-N.ndjson), best of --repeat:
//   - `Framework.score(object)`: the public API from objects (as from JSON.parse): the wrapper
//     writes them with JSON.stringify (with a replacer that refuses NaN), Rust reads and scores,
//     and the report comes back through JSON.parse;
//   - `Framework.score(text)`: the public API from JSON text;
//   - the raw wasm-bindgen `Engine.score(text)`, which returns the report's JSON text (the same
//     work as one line of `chime score --ndjson`);
//   - native: `chime score --ndjson FILE --jobs 1 > /dev/null` on the same file.
// Each row is timed by the wall clock and by CPU time (user + system: Node's own for the wasm
// rows, the CLI's from /usr/bin/time for native, 10 ms resolution), both best of --repeat; on
// a busy shared machine the CPU-time ratio is the steadier one.
// First, the raw reports of the first 200 assessments are checked byte for byte against the
// CLI's output lines.
//
// Browser: a page served here on 127.0.0.1 (benches/browser/index.html, the web build from
// bindings/wasm/pkg/web, `application/wasm`) with one assessment inline; each run opens a
// fresh browser context (empty cache), loads the page, and the page reports, from navigation
// start (performance.now()): the module imported, init() done (fetch, compile, instantiate
// the .wasm), `new Framework()` and the first `score()`. Also with Chromium's CPU throttled
// 4x (DevTools Emulation.setCPUThrottlingRate), a rough stand-in for an old phone.
// A benchmark, not a test: nothing here asserts a time.

import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, "target");
const pkg = join(root, "bindings", "wasm", "pkg");
const require = createRequire(import.meta.url);

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const n = Number(option("n", 10000));
const repeat = Number(option("repeat", 3));
const browserRuns = Number(option("browser-runs", 5));
const noBrowser = process.argv.includes("--no-browser");
const jsonOut = option("json", undefined);
const chimeBin = option("chime", join(target, "release", "chime"));

if (!existsSync(join(pkg, "node", "index.js"))) {
  console.error("node_bench: no bindings/wasm/pkg; run `bash scripts/build-wasm.sh` first");
  process.exit(2);
}

// ---- data
const dataFile = join(target, "bench-data", `seed1-${n}.ndjson`);
const firstLine = spawnSync(chimeBin, ["generate", "--count", "1", "--seed", "1"]).stdout?.toString("utf8") ?? "";
if (existsSync(dataFile) && !readFileSync(dataFile, "utf8").startsWith(firstLine)) {
  unlinkSync(dataFile); // the generator changed: make the file again
}
if (!existsSync(dataFile)) {
  mkdirSync(dirname(dataFile), { recursive: true });
  const made = spawnSync(chimeBin, ["generate", "--count", String(n), "--seed", "1", "--output", dataFile], { stdio: "inherit" });
  if (made.status !== 0) process.exit(2);
}
const texts = readFileSync(dataFile, "utf8").split("\n").filter((line) => line.length > 0);
if (texts.length !== n) throw new Error(`${dataFile} has ${texts.length} lines, expected ${n}`);
const nbytes = statSync(dataFile).size;
const objects = texts.map((t) => JSON.parse(t));

// ---- the package (Node.js build) and its raw wasm-bindgen module
const api = require(join(pkg, "node", "index.js"));
const raw = require(join(pkg, "node", "chime_standards_wasm.js"));
const framework = new api.Framework();
const engine = raw.Engine.default_framework();

// Honesty first: the same bytes as the CLI.
const check = Math.min(200, n);
const cli = spawnSync(chimeBin, ["score", "--ndjson", "-"], {
  input: texts.slice(0, check).join("\n") + "\n",
  maxBuffer: 1 << 30,
});
if (cli.status !== 0) throw new Error(`chime score failed: ${cli.stderr}`);
const cliLines = cli.stdout.toString("utf8").split("\n").filter((l) => l.length > 0);
let same = 0;
for (let i = 0; i < check; i++) if (engine.score(texts[i]) === cliLines[i]) same++;
console.log(`wasm vs CLI: ${same}/${check} reports byte-identical`);

// Best of `repeat`: wall-clock seconds, and CPU seconds (user + system: this process's for the
// in-process rows, the child's, from /usr/bin/time, for native), which a busy shared machine
// disturbs far less than the wall clock. A run may return its own CPU seconds.
const cpuSeconds = {};
function best(run, name) {
  let min = Infinity;
  let minCpu = Infinity;
  for (let r = 0; r < repeat; r++) {
    globalThis.gc?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const own = run();
    min = Math.min(min, performance.now() - start);
    const used = process.cpuUsage(cpu);
    minCpu = Math.min(minCpu, typeof own === "number" ? own : (used.user + used.system) / 1e6);
  }
  cpuSeconds[name] = minCpu;
  return min / 1000;
}

const rows = [
  ["Framework.score(object) (public API)", () => { for (const o of objects) framework.score(o); }],
  ["Framework.score(text) (public API)", () => { for (const t of texts) framework.score(t); }],
  ["raw Engine.score(text) -> JSON text", () => { for (const t of texts) engine.score(t); }],
  ["JSON.parse of the inputs (reference)", () => { for (const t of texts) JSON.parse(t); }],
  ["JSON.stringify of the inputs (reference)", () => { for (const o of objects) JSON.stringify(o); }],
  ["native: chime score --ndjson --jobs 1", () => {
    const run = spawnSync("/usr/bin/time", ["-f", "%U %S", chimeBin, "score", "--ndjson", dataFile, "--jobs", "1"],
      { stdio: ["ignore", "ignore", "pipe"] });
    if (run.status !== 0) throw new Error(`chime score failed: ${run.stderr}`);
    const [user, system] = run.stderr.toString("utf8").trim().split("\n").at(-1).split(" ").map(Number);
    return user + system;
  }],
];
const seconds = {};
console.log(`\nNode ${process.version}; ${n.toLocaleString("en")} synthetic assessments, ${(nbytes / n / 1000).toFixed(1)} KB of JSON each; best of ${repeat}`);
console.log(`${"".padEnd(44)}${"seconds".padStart(9)}${"assessments/s".padStart(15)}${"µs each".padStart(10)}${"MB/s".padStart(8)}`);
for (const [name, run] of rows) {
  const s = best(run, name);
  seconds[name] = s;
  console.log(`${name.padEnd(44)}${s.toFixed(3).padStart(9)}${Math.round(n / s).toLocaleString("en").padStart(15)}${(s / n * 1e6).toFixed(1).padStart(10)}${(nbytes / s / 1e6).toFixed(1).padStart(8)}`);
}
const native = seconds["native: chime score --ndjson --jobs 1"];
const speed = {
  object: native / seconds["Framework.score(object) (public API)"],
  text: native / seconds["Framework.score(text) (public API)"],
  raw: native / seconds["raw Engine.score(text) -> JSON text"],
};
const nativeCpu = cpuSeconds["native: chime score --ndjson --jobs 1"];
const cpuSpeed = {
  object: nativeCpu / cpuSeconds["Framework.score(object) (public API)"],
  text: nativeCpu / cpuSeconds["Framework.score(text) (public API)"],
  raw: nativeCpu / cpuSeconds["raw Engine.score(text) -> JSON text"],
};
console.log(`by CPU time (user + system), µs each: ${Object.entries(cpuSeconds).map(([k, v]) => `${k} ${(v / n * 1e6).toFixed(1)}`).join("; ")}`);
console.log(`wasm speed as a fraction of native by CPU time: public API from text ${cpuSpeed.text.toFixed(2)}, ` +
  `from objects ${cpuSpeed.object.toFixed(2)}, raw ${cpuSpeed.raw.toFixed(2)} (target >= 0.6: ${cpuSpeed.raw >= 0.6 ? "met" : "NOT met"})`);
console.log(`\nwasm speed as a fraction of native (CLI time / wasm time): public API from text ${speed.text.toFixed(2)}, ` +
  `from objects ${speed.object.toFixed(2)}, raw ${speed.raw.toFixed(2)} (target >= 0.6: ${speed.raw >= 0.6 ? "met" : "NOT met"})`);

// ---- size
const wasmFile = join(pkg, "web", "chime_standards_wasm_bg.wasm");
const wasmBytes = readFileSync(wasmFile);
const jsFiles = ["index.js", "api.js", "state.js", "version.js", "chime_standards_wasm.js"].map((f) => join(pkg, "web", f));
const jsBytes = Buffer.concat(jsFiles.map((f) => readFileSync(f)));
// `gzip -9` as scripts/build-wasm.sh measures it (zlib level 9 where gzip is missing).
const gzipped = spawnSync("gzip", ["-9c", wasmFile], { maxBuffer: 1 << 28 });
const size = {
  wasm: wasmBytes.length,
  wasm_gzip9: gzipped.status === 0 ? gzipped.stdout.length : gzipSync(wasmBytes, { level: 9 }).length,
  js: jsBytes.length,
  js_gzip9: gzipSync(jsBytes, { level: 9 }).length,
};
console.log(`\nsize: chime_standards_wasm_bg.wasm ${size.wasm.toLocaleString("en")} bytes, ${size.wasm_gzip9.toLocaleString("en")} gzipped (-9); ` +
  `web JavaScript ${size.js.toLocaleString("en")} bytes, ${size.js_gzip9.toLocaleString("en")} gzipped`);

// ---- browser
let browser = null;
if (!noBrowser) browser = await browserRows();

if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ n, bytes: nbytes, repeat, node: process.version, seconds, speed, cpu_seconds: cpuSeconds, cpu_speed: cpuSpeed, size, same, check, browser }, null, 2));
}
process.exit(0);

async function browserRows() {
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    console.log("\nbrowser: skipped (run `npm ci` in benches/ for playwright-core)");
    return null;
  }
  const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    console.log(`\nbrowser: skipped (no ${executablePath}; apt-get install chromium)`);
    return null;
  }
  const page = readFileSync(join(here, "browser", "index.html"), "utf8")
    .replace(">ASSESSMENT_JSON<", () => `>${texts[0].replace(/</g, "\\u003c")}<`);
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".html": "text/html" };
  const web = join(pkg, "web");
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      return res.end(page);
    }
    if (url.pathname.startsWith("/pkg/web/")) {
      const file = normalize(join(web, url.pathname.slice("/pkg/web/".length)));
      if (file.startsWith(web) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
        return res.end(readFileSync(file));
      }
    }
    res.writeHead(404).end();
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"],
  });
  const version = browser.version();
  const results = {};
  for (const [label, throttle] of [["unthrottled", 1], ["cpu_4x_slower", 4]]) {
    const runs = [];
    for (let r = 0; r < browserRuns; r++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      if (throttle > 1) {
        const cdp = await context.newCDPSession(tab);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
      }
      const start = performance.now();
      await tab.goto(url);
      const marks = await tab.waitForFunction(() => window.__chime, null, { timeout: 60000 }).then((h) => h.jsonValue());
      marks.wall = performance.now() - start;
      if (marks.error) throw new Error(`page: ${marks.error}`);
      runs.push(marks);
      await context.close();
    }
    const median = (key) => {
      const v = runs.map((m) => m[key]).sort((a, b) => a - b);
      return v[Math.floor((v.length - 1) / 2)];
    };
    results[label] = {
      runs,
      median: Object.fromEntries(["imported", "initialised", "framework", "scored", "wall", "second_score"].map((k) => [k, median(k)])),
    };
  }
  await browser.close();
  server.close();
  console.log(`\nheadless Chromium ${version}: time to first score, ms from navigation start (median of ${browserRuns} fresh contexts)`);
  console.log(`${"".padEnd(16)}${"imported".padStart(10)}${"init()".padStart(10)}${"Framework".padStart(11)}${"1st score".padStart(11)}${"2nd score".padStart(11)}${"wall".padStart(8)}`);
  for (const [label, { median: m }] of Object.entries(results)) {
    console.log(`${label.padEnd(16)}${m.imported.toFixed(1).padStart(10)}${m.initialised.toFixed(1).padStart(10)}${m.framework.toFixed(1).padStart(11)}${m.scored.toFixed(1).padStart(11)}${m.second_score.toFixed(1).padStart(11)}${m.wall.toFixed(0).padStart(8)}`);
  }
  console.log("(each column is the time since navigation start at which that step had finished; 2nd score is the duration of one more score; wall is goto() to result, seen from Node)");
  return { chromium: version, runs: browserRuns, ...results };
}
