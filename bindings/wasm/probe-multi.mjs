import { chromium } from "playwright-core";
import http from "node:http"; import fs from "node:fs"; import path from "node:path";
const [rounds, rate, ...dirs] = process.argv.slice(2);
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };
const urls = dirs.map((dir) => { const s = http.createServer((q, r) => { let f = path.join(dir, q.url.split("?")[0]); if (fs.existsSync(f) && fs.statSync(f).isDirectory()) f = path.join(f, "index.html"); if (!fs.existsSync(f)) { r.writeHead(404); r.end(); return; } r.writeHead(200, { "content-type": types[path.extname(f)] ?? "application/octet-stream" }); r.end(fs.readFileSync(f)); }).listen(0); return [s, `http://127.0.0.1:${s.address().port}/index.html`]; });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const got = dirs.map(() => []);
for (let i = 0; i < Number(rounds); i++) for (const [k, [, url]] of urls.entries()) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } }); const tab = await ctx.newPage();
  const cdp = await ctx.newCDPSession(tab); await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(rate) });
  await tab.goto(url); await tab.waitForSelector("body.ready", { timeout: 30000 });
  got[k].push(await tab.evaluate(() => { const m = performance.getEntriesByName("chime:first-score")[0] ?? performance.getEntriesByName("p:score1")[0] ?? performance.getEntriesByName("p:start")[0]; const s = performance.getEntriesByType("resource").find((r) => /main\.js|baseline\.js|probe\.js|e\.js/.test(r.name)); return [m.startTime, s ? s.startTime : 0, performance.getEntriesByType("navigation")[0].domInteractive]; }));
  await ctx.close();
}
const med = (l) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)];
for (const [k, dir] of dirs.entries()) console.log(`${dir}: first ${med(got[k].map((x) => x[0])).toFixed(0)} ms (script fetch at ${med(got[k].map((x) => x[1])).toFixed(0)}, domInteractive ${med(got[k].map((x) => x[2])).toFixed(0)}); all ${got[k].map((x) => x[0].toFixed(0)).join(" ")}`);
await browser.close(); for (const [s] of urls) s.close();
