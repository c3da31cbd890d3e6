/// <reference lib="webworker" />
/**
 * The AI Web Worker: loads the model from the app's own origin (/models/, /ort/) and
 * answers classify/analyze requests off the main thread.
 */
import { loadClassifier, MODEL_ID, type Classifier } from "./classifier.js";
import { analyzeOne } from "./analyze.js";
import type { FromWorker, ToWorker } from "./protocol.js";

declare const self: DedicatedWorkerGlobalScope;
const post = (m: FromWorker) => self.postMessage(m);

let loading: Promise<Classifier> | null = null;

function load(): Promise<Classifier> {
  if (!loading) {
    const t0 = performance.now();
    loading = loadClassifier({
      modelRoot: "/models/",
      wasmRoot: "/ort/",
      readLabels: async () => {
        const res = await fetch(`/models/${MODEL_ID}/labels.json`);
        if (!res.ok) throw new Error(`model labels not found (${res.status})`);
        return res.json();
      },
      onProgress: (p) => post({ type: "progress", ...p }),
    }).then((c) => {
      post({ type: "ready", modelVersion: c.labels.version, loadMs: performance.now() - t0 });
      return c;
    });
    loading.catch(() => {
      loading = null; // allow a retry after a failed load (e.g. offline before first cache)
    });
  }
  return loading;
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  const id = "id" in msg ? msg.id : undefined;
  try {
    const c = await load();
    if (msg.type === "classify") {
      const t0 = performance.now();
      const output = await c.classify(msg.text);
      post({ type: "classified", id: msg.id, output, ms: performance.now() - t0 });
    } else if (msg.type === "analyze") {
      const t0 = performance.now();
      const result = await analyzeOne(c, msg.input);
      post({ type: "analyzed", id: msg.id, result, ms: performance.now() - t0 });
    }
  } catch (err) {
    post({ type: "error", id, message: err instanceof Error ? err.message : "the model could not run" });
  }
};
