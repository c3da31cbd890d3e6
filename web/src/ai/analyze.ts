/** One /analyze request: parse a JSON line strictly, then classify (and, with the guide, reply). */
import type { AnalyzeResult, HistoryTurn } from "@ventwell/shared";
import type { Classifier } from "./classifier.js";

export interface AnalyzeInput {
  text: string;
  history: HistoryTurn[];
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
  const history: HistoryTurn[] = [];
  for (const h of (o.history as unknown[] | undefined) ?? []) {
    const t = h as Record<string, unknown> | null;
    if (!t || (t.sender !== "user" && t.sender !== "guide") || typeof t.text !== "string")
      return { error: "each `history` item needs `sender` (user|guide) and `text`" };
    history.push({ sender: t.sender, text: t.text });
  }
  return { text: o.text, history };
}

export async function analyzeOne(classifier: Classifier, input: AnalyzeInput): Promise<AnalyzeResult> {
  const classifierOut = await classifier.classify(input.text);
  return {
    phase: classifier.phaseOf(classifierOut),
    is_crisis: classifier.isCrisis(classifierOut),
    response_text: "",
    classifier: classifierOut,
  };
}

