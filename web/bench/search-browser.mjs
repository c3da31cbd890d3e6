#!/usr/bin/env node
// Search latency in headless Debian Chromium (the engine the app runs, production build).
//   node web/bench/search-browser.mjs [--entries 1000] [--messages 20] [--runs 15]
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = "/tmp/ventwell-search-bench-dist";
const args = process.argv.slice(2);
const opt = (k, d) => (args.includes(`--${k}`) ? Number(args[args.indexOf(`--${k}`) + 1]) : d);
const [entries, messages, runs] = [opt("entries", 1000), opt("messages", 20), opt("runs", 15)];

await build({
  configFile: false,
  root: here,
  logLevel: "warn",
  build: {
    outDir: out,
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: { input: { search: `${here}/search.html` } },
  },
});
const server = http.createServer(async (req, res) => {
  const file = path.join(out, path.normalize(new URL(req.url ?? "/", "http://x").pathname));
  if (!file.startsWith(out)) return void res.writeHead(400).end();
  try {
    const body = await readFile(file);
    res
      .writeHead(200, { "content-type": file.endsWith(".html") ? "text/html" : "text/javascript" })
      .end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/search.html`);
  await page.waitForFunction(() => document.title === "ready");
  const r = await page.evaluate(([e, m, n]) => globalThis.bench.run(e, m, n), [entries, messages, runs]);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const result = { entries, messages, runs, buildMs: Math.round(r.buildMs), queryMs: {} };
  for (const [q, times] of Object.entries(r.queries))
    result.queryMs[q] = { median: +median(times).toFixed(2), max: +Math.max(...times).toFixed(2) };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  server.close();
}
