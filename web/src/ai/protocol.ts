/** Messages between the UI thread and the AI worker. No journal text is ever logged. */
import type { ClassifierOutput } from "@ventwell/shared";
import type { GuideResult } from "../guide/index.js";
import type { AnalyzeInput } from "./analyze.js";

export type ToWorker =
  | { type: "load" }
  | { type: "classify"; id: number; text: string }
  | { type: "analyze"; id: number; input: AnalyzeInput };

/** Worker-side timings of one request, ms: the whole request and the model's share of it. */
export interface WorkerTiming {
  ms: number;
  classifyMs: number;
}

export type FromWorker =
  | { type: "progress"; fraction: number; loaded: number; total: number }
  | { type: "ready"; modelVersion: string; loadMs: number }
  | { type: "classified"; id: number; output: ClassifierOutput; ms: number }
  | ({ type: "analyzed"; id: number; result: GuideResult } & WorkerTiming)
  | { type: "error"; id?: number; message: string };
