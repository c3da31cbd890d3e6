/** One /analyze request: parse a JSON line strictly, classify, and let the guide reply. */
import { EMOTIONS, TRAPS } from "@ventwell/shared";
import {
  analyze,
  type ConversationState,
  type GuideResult,
  type GuideThresholds,
  type HistoryItem,
} from "../guide/index.js";
import type { Classifier } from "./classifier.js";
import type { ModelLabels } from "./labels.js";

export interface AnalyzeInput {
  text: string;
  history: HistoryItem[];
  /** Seeds the guide's choices; the CLI uses a fixed id unless the line names one. */
  entryId: string;
  conversation?: ConversationState;
}

export function parseAnalyzeLine(line: string): AnalyzeInput | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { error: "line is not valid JSON" };
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) return { error: "expected a JSON object" };
  const o = v as Record<string, unknown>;
  if (typeof o.text !== "string" || o.text.trim() === "")
    return { error: "`text` must be a non-empty string" };
  if (o.history !== undefined && !Array.isArray(o.history)) return { error: "`history` must be an array" };
  if (o.entryId !== undefined && typeof o.entryId !== "string")
    return { error: "`entryId` must be a string" };
  const history: HistoryItem[] = [];
  for (const h of (o.history as unknown[] | undefined) ?? []) {
    const t = h as Record<string, unknown> | null;
    if (!t || (t.sender !== "user" && t.sender !== "guide") || typeof t.text !== "string")
      return { error: "each `history` item needs `sender` (user|guide) and `text`" };
    history.push({ sender: t.sender, text: t.text, ...(t.crisis === true ? { crisis: true } : {}) });
  }
  return { text: o.text, history, entryId: (o.entryId as string | undefined) ?? "analyze-cli" };
}

export function analyzeOne(
  classifier: Classifier,
  input: AnalyzeInput,
  classify: (text: string) => ReturnType<Classifier["classify"]> = (text) => classifier.classifyLong(text),
): Promise<GuideResult> {
  return analyze(
    { text: input.text, history: input.history, entryId: input.entryId, conversation: input.conversation },
    classify,
    { thresholds: guideThresholds(classifier.labels) },
  );
}

/** The guide's thresholds from labels.json: the crisis gate's, when the model ships one. */
export function guideThresholds(labels: ModelLabels): GuideThresholds {
  const t = labels.thresholds;
  const g = labels.gate;
  return g
    ? { ...t, crisis: g.crisis, crisisSentence: g.sentence, ...(g.short ? { crisisShort: g.short } : {}) }
    : t;
}

/** Only the lexical net can fire without the model; no emotion or trap is ever "detected". */
const NO_MODEL_THRESHOLDS: GuideThresholds = {
  crisis: 0.5,
  emotions: Object.fromEntries(EMOTIONS.map((e) => [e, 1.01])) as GuideThresholds["emotions"],
  traps: Object.fromEntries(TRAPS.map((t) => [t, 1.01])) as GuideThresholds["traps"],
};

/**
 * When the model cannot load (first visit offline, a broken download), the crisis gate's
 * lexical net still guards every message and the guide still answers, more simply.
 */
export function analyzeWithoutModel(input: AnalyzeInput, why: string): Promise<GuideResult> {
  return analyze(
    { text: input.text, history: input.history, entryId: input.entryId, conversation: input.conversation },
    () => Promise.reject(new Error(why)),
    { thresholds: NO_MODEL_THRESHOLDS },
  );
}
