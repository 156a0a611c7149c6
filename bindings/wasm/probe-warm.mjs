import { chromium } from "playwright-core";
import { serve } from "./demo/serve.mjs";
const [rounds, rate, dir, wait] = process.argv.slice(2);
const { server, url } = await serve(dir);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const fresh = [], warm = [];
const load = async (ctx, into) => {
  const tab = await ctx.newPage();
  const cdp = await ctx.newCDPSession(tab); await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(rate) });
  await tab.goto(url); await tab.waitForSelector("body.ready", { timeout: 30000 });
  into.push(await tab.evaluate(() => performance.getEntriesByName("chime:first-score")[0].startTime));
  await tab.waitForTimeout(Number(wait)); await tab.close();
};
for (let i = 0; i < Number(rounds); i++) {
  const ctx = await browser.newContext({ serviceWorkers: process.env.SW ? "allow" : "block" });
  await load(ctx, fresh); await load(ctx, warm); await ctx.close();
}
const med = (l) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)];
console.log(`fresh ${med(fresh).toFixed(0)} (${fresh.map(Math.round).join(" ")}), second visit ${med(warm).toFixed(0)} (${warm.map(Math.round).join(" ")})`);
await browser.close(); server.close();
