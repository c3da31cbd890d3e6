#!/usr/bin/env node
// Web logic measurements in headless Debian Chromium.
//   node web/bench/run.mjs [argon2|journal|all] [--entries N] [--messages M] [--runs R]
// Builds bench pages with Vite, serves them on loopback, prints medians as JSON.
import { chromium } from "playwright-core";
import { buildAndServe } from "./harness.mjs";

const out = process.env.VENTWELL_BENCH_OUT ?? "/tmp/ventwell-bench-dist";
const args = process.argv.slice(2);
const what = args.find((a) => !a.startsWith("--")) ?? "all";
const opt = (k, d) => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const runs = opt("runs", 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r = (x) => Math.round(x);

const served = await buildAndServe(out);
const base = served.base;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const results = {};
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(0);
  if (what === "argon2" || what === "all") {
    await page.goto(`${base}/argon2.html`);
    await page.waitForFunction(() => document.title === "ready");
    const params = await page.evaluate(() => globalThis.bench.DEFAULT_KDF);
    for (const lib of ["hash-wasm", "noble"]) {
      const times = await page.evaluate(([l, p, n]) => globalThis.bench.lib(l, p, n), [lib, params, runs]);
      results[`argon2id ${lib} (main thread)`] = { params, runsMs: times.map(r), medianMs: r(median(times)) };
    }
    const unlock = await page.evaluate((n) => globalThis.bench.unlock(n), runs);
    results["vault.unlock (worker, hash-wasm, + HKDF/unwrap/open)"] = {
      runsMs: unlock.map(r),
      medianMs: r(median(unlock)),
    };
  }
  if (what === "journal" || what === "all") {
    const entries = opt("entries", 1000);
    const messages = opt("messages", 3);
    await page.goto(`${base}/journal.html`);
    await page.waitForFunction(() => document.title === "ready");
    const name = `bench-journal-${Date.now()}`;
    const populateMs = await page.evaluate(
      ([n, e, m]) => globalThis.bench.populate(n, e, m),
      [name, entries, messages],
    );
    const store = await page.evaluate((n) => globalThis.bench.chunkCount(n), name);
    const lists = [];
    for (let i = 0; i < runs; i++)
      lists.push(await page.evaluate((n) => globalThis.bench.listAfterUnlock(n), name));
    results[`journal list, ${entries} entries x ${messages} messages`] = {
      populateMs: r(populateMs),
      store,
      count: lists[0].count,
      unlockToListMedianMs: r(median(lists.map((l) => l.total))),
      afterArgon2MedianMs: r(median(lists.map((l) => l.afterKdf))),
      afterArgon2RunsMs: lists.map((l) => r(l.afterKdf)),
    };
  }
} finally {
  await browser.close();
  await served.close();
}
console.log(JSON.stringify(results, null, 2));
