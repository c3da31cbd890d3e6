/**
 * Main-thread handle on the AI worker: load once (with progress), then classify/analyze.
 * The worker is created lazily so the app shell never waits for the model.
 */
import type { ClassifierOutput } from "@ventwell/shared";
import type { GuideResult } from "../guide/index.js";
import type { AnalyzeInput } from "./analyze.js";
import type { FromWorker, ToWorker, WorkerTiming } from "./protocol.js";

/**
 * Performance-timeline names the client records (no text, only durations), so a page or a
 * browser test can read them with `performance.getEntriesByName(...)`.
 */
export const AI_MEASURES = {
  modelLoad: "ventwell:model-load",
  analyze: "ventwell:analyze",
  classify: "ventwell:classify",
} as const;

function measure(name: string, ms: number): void {
  if (typeof performance === "undefined" || typeof performance.measure !== "function") return;
  try {
    const end = performance.now();
    performance.measure(name, { start: Math.max(0, end - ms), end });
  } catch {
    // timing is diagnostics only; never let it break a reply
  }
}

export interface AiStatus {
  state: "idle" | "loading" | "ready" | "error";
  fraction: number;
  modelVersion?: string;
  message?: string;
}

export interface AiClient {
  status(): AiStatus;
  subscribe(listener: () => void): () => void;
  load(): Promise<void>;
  classify(text: string): Promise<ClassifierOutput>;
  analyze(input: AnalyzeInput): Promise<GuideResult>;
  /** Worker timings of the most recent analyze (whole request, and the model's part of it). */
  lastTiming(): WorkerTiming | null;
}

export function createAiClient(makeWorker: () => Worker): AiClient {
  let worker: Worker | null = null;
  let status: AiStatus = { state: "idle", fraction: 0 };
  const listeners = new Set<() => void>();
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  let readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let nextId = 1;
  let timing: WorkerTiming | null = null;

  const set = (s: AiStatus) => {
    status = s;
    for (const l of listeners) l();
  };

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = makeWorker();
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === "progress") set({ state: "loading", fraction: m.fraction });
      else if (m.type === "ready") {
        measure(AI_MEASURES.modelLoad, m.loadMs);
        set({ state: "ready", fraction: 1, modelVersion: m.modelVersion });
        for (const r of readyWaiters) r.resolve();
        readyWaiters = [];
      } else if (m.type === "error") {
        const err = new Error(m.message);
        if (m.id !== undefined) pending.get(m.id)?.reject(err);
        if (m.id !== undefined) pending.delete(m.id);
        else {
          set({ state: "error", fraction: status.fraction, message: m.message });
          for (const r of readyWaiters) r.reject(err);
          readyWaiters = [];
        }
      } else {
        if (m.type === "analyzed") {
          timing = { ms: m.ms, classifyMs: m.classifyMs };
          measure(AI_MEASURES.analyze, m.ms);
          measure(AI_MEASURES.classify, m.classifyMs);
        }
        const p = pending.get(m.id);
        pending.delete(m.id);
        p?.resolve((m.type === "classified" ? m.output : m.result) as never);
      }
    };
    worker = w;
    return w;
  }

  function request<T>(msg: (id: number) => ToWorker): Promise<T> {
    const w = ensureWorker();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: never) => void, reject });
      w.postMessage(msg(id));
    });
  }

  return {
    status: () => status,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    load() {
      if (status.state === "ready") return Promise.resolve();
      if (status.state !== "loading") set({ state: "loading", fraction: 0 });
      const p = new Promise<void>((resolve, reject) => readyWaiters.push({ resolve, reject }));
      ensureWorker().postMessage({ type: "load" } satisfies ToWorker);
      return p;
    },
    classify: (text) => request<ClassifierOutput>((id) => ({ type: "classify", id, text })),
    analyze: (input) => request<GuideResult>((id) => ({ type: "analyze", id, input })),
    lastTiming: () => timing,
  };
}

/** The app's worker: Vite bundles it as a module worker. */
export function createAppAiClient(): AiClient {
  return createAiClient(() => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }));
}
