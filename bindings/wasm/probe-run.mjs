import { chromium } from "playwright-core";
import http from "node:http"; import fs from "node:fs"; import path from "node:path";
const dir = process.argv[2]; const args = process.argv.slice(3);
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };
const server = http.createServer((q, r) => { let f = path.join(dir, q.url.split("?")[0]); if (fs.existsSync(f) && fs.statSync(f).isDirectory()) f = path.join(f, "index.html"); if (!fs.existsSync(f)) { r.writeHead(404); r.end(); return; } r.writeHead(200, { "content-type": types[path.extname(f)] ?? "application/octet-stream" }); r.end(fs.readFileSync(f)); }).listen(0);
const url = `http://127.0.0.1:${server.address().port}/index.html`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
for (const rate of [1, 4]) {
  const rows = [];
  for (let i = 0; i < 5; i++) {
    const ctx = await browser.newContext(); const tab = await ctx.newPage();
    const cdp = await ctx.newCDPSession(tab); await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    await tab.goto(url); await tab.waitForSelector("body.ready");
    rows.push(await tab.evaluate(() => { const n = performance.getEntriesByType("navigation")[0]; const o = { req: n.requestStart, resp: n.responseEnd, domInt: n.domInteractive }; for (const r of performance.getEntriesByType("resource")) { const k = r.name.split("/").pop().slice(0, 6); o[k + ".st"] = r.startTime; o[k + ".end"] = r.responseEnd; } for (const e of performance.getEntriesByType("mark")) o[e.name] = e.startTime; for (const k in o) o[k] = Math.round(o[k]); return o; }));
    await ctx.close();
  }
  const keys = Object.keys(rows[0]);
  console.log(`rate ${rate}:`, keys.map((k) => `${k} ${rows.map((r) => r[k]).sort((a, b) => a - b)[2]}`).join(", "));
}
await browser.close(); server.close();
