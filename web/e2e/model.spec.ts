// Issue 3 in the browser: the committed model loads in Chromium from the app's own origin,
// with every other origin blocked, and classifies (a crisis sentence high, a calm one low).
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { blockOtherOrigins, builtWorkerPath, median, percentile } from "./model-helpers";

const CALM = [
  "The exam went fine and I am looking forward to the weekend.",
  "Work was busy today but I got through my list and cooked a nice dinner.",
  "I spent the evening sorting out bills and now I feel a bit lighter.",
  "I had a huge fight with my sister tonight and I feel awful about it.",
  "Can you help me think this through? It keeps going round in my head.",
  "What could help me calm down before I talk to her?",
];
/** The shipped crisis threshold, reported beside the calm sentences' scores (issue 3: false alarms). */
const CRISIS_THRESHOLD: number = JSON.parse(
  readFileSync(new URL("../public/models/ventwell-guide/labels.json", import.meta.url), "utf8"),
).heads.crisis.threshold;
const CRISIS = [
  "I have the pills saved up and I'm going to take them all tonight.",
  "Everyone would be better off without me, I've already written the letters.",
];

test("the model loads from the app's origin with the network otherwise blocked, and classifies", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const origin = new URL(baseURL!).origin;
  const blocked = await blockOtherOrigins(context, origin);
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto("/");
  const worker = builtWorkerPath();

  const out = await page.evaluate(
    async ({ worker, calm, crisis }) => {
      const w = new Worker(worker, { type: "module" });
      const replies = new Map<number, (v: unknown) => void>();
      let ready: (v: { loadMs: number; modelVersion: string }) => void;
      let failed: (e: Error) => void;
      const loaded = new Promise<{ loadMs: number; modelVersion: string }>((res, rej) => {
        ready = res;
        failed = rej;
      });
      let progressEvents = 0;
      w.onmessage = (e) => {
        const m = e.data;
        if (m.type === "progress") progressEvents++;
        else if (m.type === "ready") ready(m);
        else if (m.type === "error" && m.id === undefined) failed(new Error(m.message));
        else replies.get(m.id)?.(m);
      };
      let id = 0;
      const classify = (text: string) =>
        new Promise<{ output: { crisis: number; phase: Record<string, number> }; ms: number }>((res) => {
          replies.set(++id, res as (v: unknown) => void);
          w.postMessage({ type: "classify", id, text });
        });
      w.postMessage({ type: "load" });
      const info = await loaded;
      const calmOut = [];
      for (const t of calm) calmOut.push(await classify(t));
      const crisisOut = [];
      for (const t of crisis) crisisOut.push(await classify(t));
      // Latency at batch size 1 over 200 messages (variations of the samples above).
      const ms: number[] = [];
      const all = [...calm, ...crisis];
      for (let i = 0; i < 200; i++) ms.push((await classify(`${all[i % all.length]} (${i})`)).ms);
      w.terminate();
      return {
        info,
        progressEvents,
        calm: calmOut.map((c) => c.output),
        crisis: crisisOut.map((c) => c.output),
        ms,
      };
    },
    { worker, calm: CALM, crisis: CRISIS },
  );

  for (const c of out.calm) expect(c.crisis).toBeLessThan(0.2);
  for (const c of out.crisis) expect(c.crisis).toBeGreaterThan(0.8);
  for (const c of [...out.calm, ...out.crisis]) {
    const sum = Object.values(c.phase).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 3);
  }
  expect(out.progressEvents).toBeGreaterThan(0);
  expect(blocked).toEqual([]); // nothing even tried to leave the origin
  expect(requested.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  expect(requested.some((u) => u.includes("/models/ventwell-guide/onnx/model_quantized.onnx"))).toBe(true);
  expect(requested.some((u) => u.includes("/ort/ort-wasm-simd-threaded"))).toBe(true);

  const summary = {
    modelVersion: out.info.modelVersion,
    coldLoadMs: Math.round(out.info.loadMs),
    classifyMedianMs: Math.round(median(out.ms) * 10) / 10,
    classifyP95Ms: Math.round(percentile(out.ms, 95) * 10) / 10,
    n: out.ms.length,
    calmOverCrisisThreshold: `${out.calm.filter((c) => c.crisis >= CRISIS_THRESHOLD).length}/${out.calm.length}`,
  };
  testInfo.annotations.push({ type: "measure", description: JSON.stringify(summary) });
  console.log(`[measure] model in Chromium: ${JSON.stringify(summary)}`);
});
