/**
 * The committed model in headless Chromium (Debian's), served by the real relay from the
 * built app (web/dist, so `pnpm --filter @ventwell/web build` first): per run a fresh
 * browser context (empty HTTP cache), the app's own AI worker — cold load, then N messages
 * through the worker (page round trip), median and p95. Prints one JSON line.
 *   node --import tsx bench/model-browser.ts [--runs 3] [--messages 200]
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { startRelayProcess, stopRelay, removeDataDir, REPO } from "../web/src/sync/testing/relay-process";
import { MESSAGES } from "./lib/messages.mjs";

const args = process.argv.slice(2);
const opt = (k: string, d: number) =>
  args.includes(`--${k}`) ? Number(args[args.indexOf(`--${k}`) + 1]) : d;
const RUNS = opt("runs", 3);
const N = opt("messages", 200);
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

const worker = readdirSync(path.join(REPO, "web/dist/assets")).find((f) => /^worker-[\w-]+\.js$/.test(f));
if (!worker)
  throw new Error("no built AI worker in web/dist/assets: run `pnpm --filter @ventwell/web build` first");
const relay = await startRelayProcess({ webDist: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const loads: number[] = [];
const workerLoads: number[] = [];
let latencies: number[] = [];
let workerMs: number[] = [];
try {
  for (let r = 0; r < RUNS; r++) {
    const ctx = await browser.newContext({ baseURL: relay.url, serviceWorkers: "block" });
    const page = await ctx.newPage();
    page.setDefaultTimeout(0);
    await page.goto("/");
    const out = await page.evaluate(
      async ({ worker, texts, n }) => {
        const t0 = performance.now();
        const w = new Worker(`/assets/${worker}`, { type: "module" });
        const replies = new Map<number, (v: { ms: number }) => void>();
        let ready!: (v: { loadMs: number }) => void;
        let failed!: (e: Error) => void;
        const loaded = new Promise<{ loadMs: number }>((res, rej) => ((ready = res), (failed = rej)));
        w.onmessage = (e) => {
          const m = e.data;
          if (m.type === "ready") ready(m);
          else if (m.type === "error" && m.id === undefined) failed(new Error(m.message));
          else if (m.id !== undefined) replies.get(m.id)?.(m);
        };
        w.postMessage({ type: "load" });
        const info = await loaded;
        const coldMs = performance.now() - t0;
        let id = 0;
        const rt: number[] = [];
        const inWorker: number[] = [];
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          const m = await new Promise<{ ms: number }>((res) => {
            replies.set(++id, res);
            w.postMessage({ type: "classify", id, text: `${texts[i % texts.length]} (${i})` });
          });
          rt.push(performance.now() - t);
          inWorker.push(m.ms);
        }
        w.terminate();
        return { coldMs, workerLoadMs: info.loadMs, rt, inWorker };
      },
      { worker, texts: MESSAGES, n: N },
    );
    loads.push(out.coldMs);
    workerLoads.push(out.workerLoadMs);
    latencies = latencies.concat(out.rt);
    workerMs = workerMs.concat(out.inWorker);
    await ctx.close();
  }
} finally {
  await browser.close();
  await stopRelay(relay);
  removeDataDir(relay.dataDir);
}
console.log(
  JSON.stringify({
    runs: RUNS,
    messagesPerRun: N,
    coldLoadMs: loads.map(Math.round),
    coldLoadMedianMs: Math.round(q(loads, 0.5)),
    classifyMedianMs: r1(q(latencies, 0.5)),
    classifyP95Ms: r1(q(latencies, 0.95)),
    classifyInWorkerMedianMs: r1(q(workerMs, 0.5)),
  }),
);
