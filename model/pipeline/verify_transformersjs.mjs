// Cross-check: load the committed model folder with transformers.js (Node, no remote loading), run
// model/data/test.jsonl at batch size 1, recompute the headline metrics as metrics.json defines
// them, and print both side by side. Run from anywhere: node model/pipeline/verify_transformersjs.mjs
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(repo, "web", "package.json"));
const tjs = await import(pathToFileURL(require.resolve("@huggingface/transformers")).href);
const { env, AutoTokenizer, AutoModelForSequenceClassification } = tjs;
env.allowRemoteModels = false;
env.localModelPath = join(repo, "web", "public", "models") + "/";

const folder = join(repo, "web", "public", "models", "ventwell-guide");
const labels = JSON.parse(readFileSync(join(folder, "labels.json"), "utf8"));
const metrics = JSON.parse(readFileSync(join(folder, "metrics.json"), "utf8"));
const rows = readFileSync(join(repo, "model", "data", "test.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l));

let t0 = performance.now();
const tok = await AutoTokenizer.from_pretrained("ventwell-guide");
const model = await AutoModelForSequenceClassification.from_pretrained("ventwell-guide");
const loadMs = performance.now() - t0;

const sig = (x) => 1 / (1 + Math.exp(-x));
const H = labels.heads;
const times = [];
const out = [];
for (const r of rows) {
  t0 = performance.now();
  const { logits } = await model(await tok(r.text, { truncation: true }));
  times.push(performance.now() - t0);
  if (logits.dims[0] !== 1 || logits.dims[1] !== 25) throw new Error(`bad logits shape ${logits.dims}`);
  out.push(Array.from(logits.data));
}
const f1 = (tp, fp, fn) => (2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 0);
function multi(head, key) {
  let TP = 0,
    FP = 0,
    FN = 0;
  H[head].labels.forEach((name, i) => {
    const thr = H[head].thresholds[name];
    rows.forEach((r, k) => {
      const p = sig(out[k][H[head].slice[0] + i]) >= thr;
      const y = r[key].includes(name);
      TP += p && y;
      FP += p && !y;
      FN += !p && y;
    });
  });
  return f1(TP, FP, FN);
}
let tp = 0,
  fp = 0,
  fn = 0,
  hnFp = 0,
  hn = 0;
const per = H.phase.labels.map(() => [0, 0, 0]);
rows.forEach((r, k) => {
  const p = sig(out[k][4]) >= H.crisis.threshold;
  tp += p && r.crisis === 1;
  fp += p && r.crisis === 0;
  fn += !p && r.crisis === 1;
  if (r.hard_negative) {
    hn++;
    hnFp += p;
  }
  const ph = out[k].slice(0, 4);
  const pred = ph.indexOf(Math.max(...ph));
  const gold = H.phase.labels.indexOf(r.phase);
  per.forEach((c, i) => {
    c[0] += pred === i && gold === i;
    c[1] += pred === i && gold !== i;
    c[2] += pred !== i && gold === i;
  });
});
const ours = {
  crisis_recall: tp / (tp + fn),
  crisis_precision: tp / (tp + fp),
  hard_negative_fpr: hnFp / hn,
  phase_macro_f1: per.reduce((s, c) => s + f1(...c), 0) / 4,
  emotions_micro_f1: multi("emotions", "emotions"),
  traps_micro_f1: multi("traps", "traps"),
};
const py = {
  crisis_recall: metrics.crisis.recall,
  crisis_precision: metrics.crisis.precision,
  hard_negative_fpr: metrics.crisis.hard_negative_false_positive_rate,
  phase_macro_f1: metrics.phase.macro_f1,
  emotions_micro_f1: metrics.emotions.micro_f1,
  traps_micro_f1: metrics.traps.micro_f1,
};
let worst = 0;
for (const k of Object.keys(ours)) {
  worst = Math.max(worst, Math.abs(ours[k] - py[k]));
  console.log(`${k.padEnd(20)} transformers.js ${ours[k].toFixed(4)}  python ${py[k].toFixed(4)}`);
}
times.sort((a, b) => a - b);
console.log(
  `rows ${rows.length}, load ${loadMs.toFixed(0)} ms, latency median ${times[times.length >> 1].toFixed(1)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(1)} ms`,
);
console.log(`max |difference| ${worst.toFixed(4)}`);
process.exit(worst <= 0.01 ? 0 : 1);
