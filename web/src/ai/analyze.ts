/** One /analyze request: parse a JSON line strictly, classify, and let the guide reply. */
import { analyze, type ConversationState, type GuideResult, type HistoryItem } from "../guide/index.js";
import type { Classifier } from "./classifier.js";

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
  if (typeof o.text !== "string" || o.text.trim() === "") return { error: "`text` must be a non-empty string" };
  if (o.history !== undefined && !Array.isArray(o.history)) return { error: "`history` must be an array" };
  if (o.entryId !== undefined && typeof o.entryId !== "string") return { error: "`entryId` must be a string" };
  const history: HistoryItem[] = [];
  for (const h of (o.history as unknown[] | undefined) ?? []) {
    const t = h as Record<string, unknown> | null;
    if (!t || (t.sender !== "user" && t.sender !== "guide") || typeof t.text !== "string")
      return { error: "each `history` item needs `sender` (user|guide) and `text`" };
    history.push({ sender: t.sender, text: t.text, ...(t.crisis === true ? { crisis: true } : {}) });
  }
  return { text: o.text, history, entryId: (o.entryId as string | undefined) ?? "analyze-cli" };
}

export function analyzeOne(classifier: Classifier, input: AnalyzeInput): Promise<GuideResult> {
  return analyze(
    { text: input.text, history: input.history, entryId: input.entryId, conversation: input.conversation },
    (text) => classifier.classify(text),
    { thresholds: classifier.labels.thresholds },
  );
}
