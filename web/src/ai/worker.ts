/// <reference lib="webworker" />
/**
 * The AI Web Worker: loads the model from the app's own origin (/models/, /ort/) and
 * answers classify/analyze requests off the main thread.
 *
 * @remarks If the model cannot load, `analyze` still runs the guide with the crisis gate's
 * lexical net (a "degraded" reply) — a person in crisis must never meet a silent failure.
 */
import { loadClassifier, MODEL_ID, type Classifier } from "./classifier.js";
import { analyzeOne, analyzeWithoutModel } from "./analyze.js";
import { dropStaleModelCaches } from "./model-cache.js";
import type { FromWorker, ToWorker } from "./protocol.js";

declare const self: DedicatedWorkerGlobalScope;
const post = (m: FromWorker) => self.postMessage(m);

let loading: Promise<Classifier> | null = null;

function load(): Promise<Classifier> {
  if (!loading) {
    const t0 = performance.now();
    loading = dropStaleModelCaches()
      .then(() =>
        loadClassifier({
          modelRoot: "/models/",
          wasmRoot: "/ort/",
          readLabels: async () => {
            const res = await fetch(`/models/${MODEL_ID}/labels.json`);
            if (!res.ok) throw new Error(`model labels not found (${res.status})`);
            return res.json();
          },
          onProgress: (p) => post({ type: "progress", ...p }),
        }),
      )
      .then((c) => {
        post({ type: "ready", modelVersion: c.labels.version, loadMs: performance.now() - t0 });
        return c;
      });
    loading.catch(() => {
      loading = null; // allow a retry after a failed load (e.g. offline before first cache)
    });
  }
  return loading;
}

const reason = (err: unknown) => (err instanceof Error ? err.message : "the model could not run");

async function handleAnalyze(msg: Extract<ToWorker, { type: "analyze" }>): Promise<void> {
  const t0 = performance.now();
  let c: Classifier;
  try {
    c = await load();
  } catch (err) {
    // Tell the UI the model is unavailable, then answer anyway with the lexical net.
    post({ type: "error", message: `The guide's model could not load: ${reason(err)}` });
    const result = await analyzeWithoutModel(msg.input, reason(err));
    post({ type: "analyzed", id: msg.id, result, ms: performance.now() - t0, classifyMs: 0 });
    return;
  }
  const t1 = performance.now();
  let classifyMs = 0;
  const result = await analyzeOne(c, msg.input, async (text) => {
    const s = performance.now();
    try {
      return await c.classifyLong(text);
    } finally {
      classifyMs += performance.now() - s;
    }
  });
  post({ type: "analyzed", id: msg.id, result, ms: performance.now() - t1, classifyMs });
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  const id = "id" in msg ? msg.id : undefined;
  try {
    if (msg.type === "analyze") return await handleAnalyze(msg);
    const c = await load();
    if (msg.type === "classify") {
      const t0 = performance.now();
      const output = await c.classify(msg.text);
      post({ type: "classified", id: msg.id, output, ms: performance.now() - t0 });
    }
  } catch (err) {
    post({ type: "error", id, message: reason(err) });
  }
};
