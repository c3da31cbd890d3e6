/**
 * The committed model in Node, in this fresh process: cold load (files → ready), then
 * per-message latency over N messages — the classifier alone, and the whole guide reply
 * (analyzeOne: crisis gate + phase policy + response) — median and p95.
 *   node --import tsx bench/model-node.ts [--messages 200]
 */
import { statSync } from "node:fs";
import path from "node:path";
import { loadNodeClassifier, MODEL_DIR } from "../web/src/ai/node";
import { analyzeOne } from "../web/src/ai/analyze";
import { MESSAGES } from "./lib/messages.mjs";

const args = process.argv.slice(2);
const N = args.includes("--messages") ? Number(args[args.indexOf("--messages") + 1]) : 200;
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

const t0 = performance.now();
const classifier = await loadNodeClassifier();
const coldLoadMs = performance.now() - t0;
const classifyMs: number[] = [];
const analyzeMs: number[] = [];
for (let i = 0; i < N; i++) {
  const text = `(${i}) ${MESSAGES[i % MESSAGES.length]}`;
  let t = performance.now();
  await classifier.classify(text);
  classifyMs.push(performance.now() - t);
  t = performance.now();
  await analyzeOne(classifier, { text, history: [], entryId: "bench" });
  analyzeMs.push(performance.now() - t);
}
console.log(
  JSON.stringify({
    modelBytes: statSync(path.join(MODEL_DIR, "onnx", "model_quantized.onnx")).size,
    coldLoadMs: Math.round(coldLoadMs),
    messages: N,
    classifyMedianMs: r1(q(classifyMs, 0.5)),
    classifyP95Ms: r1(q(classifyMs, 0.95)),
    analyzeMedianMs: r1(q(analyzeMs, 0.5)),
    analyzeP95Ms: r1(q(analyzeMs, 0.95)),
  }),
);
