/**
 * The on-device classifier: one int8 ONNX model (MiniLM encoder + four heads) loaded
 * through transformers.js from the app's own files. Used by the browser Web Worker and
 * by Node (tests, `pnpm analyze`, benchmarks) alike.
 *
 * @remarks The model emits one `logits` tensor [batch, 25]; labels.json says which slice
 * belongs to which head, its activation, its calibration and its thresholds.
 */
import { AutoModelForSequenceClassification, AutoTokenizer, env } from "@huggingface/transformers";
import type { ClassifierOutput, Emotion, Phase, Trap } from "@ventwell/shared";
import { EMOTIONS, PHASES, TRAPS } from "@ventwell/shared";
import { parseModelLabels, type ModelLabels } from "./labels.js";
import { mergeWindows, sentencesOf, windowsOf } from "./windows.js";

export const MODEL_ID = "ventwell-guide";

export interface LoadProgress {
  loaded: number;
  total: number;
  /** 0..1 over every file of the model. */
  fraction: number;
}

export interface RuntimeOptions {
  /** Folder (Node) or URL path (browser) that holds `ventwell-guide/`. */
  modelRoot: string;
  /** Browser only: where the app serves ONNX Runtime's WASM files, e.g. "/ort/". */
  wasmRoot?: string;
  /** Reads `ventwell-guide/labels.json` (fs in Node, fetch in the browser). */
  readLabels: () => Promise<unknown>;
  onProgress?: (p: LoadProgress) => void;
  /** Browser only: threads for ONNX Runtime WASM (needs cross-origin isolation for > 1). */
  numThreads?: number;
}

export interface Classifier {
  labels: ModelLabels;
  classify(text: string): Promise<ClassifierOutput>;
  /**
   * What the guide runs on a message: like classify, but a message longer than the model reads
   * is classified in overlapping windows, and, when labels.json ships a gate, each sentence of a
   * message of two or more sentences is also scored alone (`crisis_sentence`, the highest).
   */
  classifyLong(text: string): Promise<ClassifierOutput>;
  /** The thresholded crisis decision of the model alone (the guide adds a lexical net). */
  isCrisis(out: ClassifierOutput): boolean;
  phaseOf(out: ClassifierOutput): Phase;
}

/** Never reach a hub or CDN: only the app's own files. */
function configureRuntime(opts: RuntimeOptions): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = opts.modelRoot.endsWith("/") ? opts.modelRoot : `${opts.modelRoot}/`;
  env.useFSCache = false;
  const onnx = env.backends.onnx as { wasm?: Record<string, unknown> };
  if (opts.wasmRoot && onnx.wasm) {
    const root = opts.wasmRoot.endsWith("/") ? opts.wasmRoot : `${opts.wasmRoot}/`;
    onnx.wasm.wasmPaths = {
      mjs: `${root}ort-wasm-simd-threaded.asyncify.mjs`,
      wasm: `${root}ort-wasm-simd-threaded.asyncify.wasm`,
    };
    onnx.wasm.numThreads = opts.numThreads ?? 1;
    // Import ORT's factory from /ort/ itself: the Cache-API path turns it into a blob: URL,
    // which the app's CSP (script-src 'self') rightly refuses. The service worker caches /ort/.
    (env as { useWasmCache?: boolean }).useWasmCache = false;
  }
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function softmax(xs: number[]): number[] {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** Turns one row of 25 logits into calibrated probabilities per head. */
export function decodeLogits(row: ArrayLike<number>, labels: ModelLabels): ClassifierOutput {
  const slice = (name: keyof ModelLabels["heads"]) => {
    const h = labels.heads[name];
    const out: number[] = [];
    for (let i = h.start; i < h.start + h.size; i++) out.push(Number(row[i]) / h.temperature);
    return out;
  };
  const phaseP = softmax(slice("phase"));
  const [crisisLogit = 0] = slice("crisis");
  const emo = slice("emotions").map(sigmoid);
  const trap = slice("traps").map(sigmoid);
  return {
    crisis: sigmoid(crisisLogit),
    phase: Object.fromEntries(PHASES.map((p, i) => [p, phaseP[i] ?? 0])) as Record<Phase, number>,
    emotions: Object.fromEntries(EMOTIONS.map((e, i) => [e, emo[i] ?? 0])) as Record<Emotion, number>,
    traps: Object.fromEntries(TRAPS.map((t, i) => [t, trap[i] ?? 0])) as Record<Trap, number>,
  };
}

export function argmaxPhase(out: ClassifierOutput): Phase {
  let best: Phase = "validation";
  for (const p of PHASES) if (out.phase[p] > out.phase[best]) best = p;
  return best;
}

export async function loadClassifier(opts: RuntimeOptions): Promise<Classifier> {
  configureRuntime(opts);
  const labels = parseModelLabels(await opts.readLabels());
  const files = new Map<string, { loaded: number; total: number }>();
  const progress_callback = (info: { status: string; file?: string; loaded?: number; total?: number }) => {
    if (!opts.onProgress || !info.file) return;
    if (info.status === "progress" && info.total)
      files.set(info.file, { loaded: info.loaded ?? 0, total: info.total });
    if (info.status === "done") {
      const f = files.get(info.file);
      if (f) f.loaded = f.total;
    }
    let loaded = 0;
    let total = 0;
    for (const f of files.values()) {
      loaded += f.loaded;
      total += f.total;
    }
    if (total > 0) opts.onProgress({ loaded, total, fraction: loaded / total });
  };
  const [tokenizer, model] = await Promise.all([
    AutoTokenizer.from_pretrained(MODEL_ID, { progress_callback }),
    AutoModelForSequenceClassification.from_pretrained(MODEL_ID, { dtype: "q8", progress_callback }),
  ]);

  async function classify(text: string): Promise<ClassifierOutput> {
    const inputs = tokenizer(text, { truncation: true, max_length: labels.maxLength });
    const { logits } = (await model(inputs)) as { logits: { data: ArrayLike<number> } };
    return decodeLogits(logits.data, labels);
  }

  async function classifyWhole(text: string): Promise<ClassifierOutput> {
    const tokens = (tokenizer as unknown as { encode(t: string): number[] }).encode(text).length;
    if (tokens <= labels.maxLength) return classify(text);
    const outs: ClassifierOutput[] = [];
    for (const w of windowsOf(text)) outs.push(await classify(w));
    return mergeWindows(outs);
  }

  async function classifyLong(text: string): Promise<ClassifierOutput> {
    const whole = await classifyWhole(text);
    const sentences = labels.gate ? sentencesOf(text) : [];
    if (sentences.length < 2) return whole;
    let highest = 0;
    for (const s of sentences) highest = Math.max(highest, (await classify(s)).crisis);
    return { ...whole, crisis_sentence: highest };
  }

  return {
    labels,
    classify,
    classifyLong,
    isCrisis: (out) => out.crisis >= labels.thresholds.crisis,
    phaseOf: argmaxPhase,
  };
}
