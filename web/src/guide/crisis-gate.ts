/**
 * The crisis gate: runs first on every message. It fires when the model's crisis score reaches
 * its threshold OR when a lexical safety net finds an explicit phrase (suicide, self-harm,
 * means plus intent). Either one is enough.
 *
 * @remarks The lexical net is deliberately simple and leans towards firing. Its decisions on
 * idioms, talk about other people and negation are listed in guide/README.md. `matched` names
 * the rule that fired, never the person's words, so it is safe to keep in memory or tests.
 */
import { isShortMessage } from "../ai/windows.js";
import { normalizeForGate } from "./normalize.js";
import { HEDGE, INTENT, NEGATED_SELF_HARM, PRESENT_RISK, RULES, TOPIC_CONTEXT } from "./crisis-rules.js";
import { everydayIdiom } from "./idioms.js";

export type CrisisReason = "model" | "lexical";

export interface CrisisGateResult {
  fired: boolean;
  reason: CrisisReason | null;
  /** Id of the lexical rule that matched (not the text), when the net fired. */
  matched?: string;
  /** Id of the everyday idiom (idioms.ts) that kept the model from firing on the whole message. */
  idiom?: string;
}

/**
 * The lexical safety net alone: the id of the first rule that matched, or null.
 * Idioms without a self-harm object ("this traffic is killing me") match no rule.
 */
export function lexicalMatch(text: string): string | null {
  const { normalized, hedged } = normalizeForGate(text);
  const openDoor = hedged || HEDGE.test(normalized);
  for (const rule of RULES) {
    for (const raw of sentencesOf(normalized)) {
      const sentence = rule.exempt ? raw.replace(rule.exempt, " ") : raw;
      if (!rule.pattern.test(sentence)) continue;
      if (rule.unless?.test(sentence) && !INTENT.test(sentence)) continue;
      if (rule.topicVeto && TOPIC_CONTEXT.test(sentence) && !PRESENT_RISK.test(sentence)) continue;
      if (rule.softenable && !openDoor && !rule.pattern.test(sentence.replace(NEGATED_SELF_HARM, " ")))
        continue;
      return rule.id;
    }
  }
  return null;
}

function sentencesOf(normalized: string): string[] {
  const parts = normalized
    .split(/[.!?;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return parts;
}

/** One sentence's score against its own threshold (labels.json → heads.crisis.gate). */
export interface SentenceScore {
  /** The highest crisis probability of any one sentence (2+ sentences), if scored. */
  score: number | undefined;
  threshold: number | undefined;
}

/** A short message's own whole-message threshold (labels.json → heads.crisis.gate). */
export interface ShortThreshold {
  threshold: number;
  /** At most this many words, in one sentence. */
  words: number;
}

/**
 * The whole-message threshold `text` is held to: `short.threshold` for a one-sentence message of
 * at most `short.words` words (model/pipeline/gate.py: short everyday lines and replies were the
 * gate's most frequent false alarms), else `threshold`.
 */
export function wholeMessageThreshold(text: string, threshold: number, short?: ShortThreshold): number {
  return short && isShortMessage(text, short.words) ? short.threshold : threshold;
}

/**
 * Model score OR lexical net. `threshold` comes from the model's labels.json. A missing or
 * non-finite score counts as 0, so the lexical net still guards a failed model. With
 * `sentence`, the model also fires when one sentence alone reaches the sentence threshold:
 * a crisis sentence inside everyday writing lowers the whole message's score.
 */
export function crisisGate(
  text: string,
  crisisScore: number,
  threshold: number,
  sentence?: SentenceScore,
): CrisisGateResult {
  const matched = lexicalMatch(text);
  if (matched) return { fired: true, reason: "lexical", matched };
  const score = Number.isFinite(crisisScore) ? crisisScore : 0;
  const s = sentence?.score;
  const t = sentence?.threshold;
  const model = score >= threshold || (s !== undefined && t !== undefined && Number.isFinite(s) && s >= t);
  if (!model) return { fired: false, reason: null };
  // A message that is one everyday idiom and nothing else ("this traffic is killing me").
  const idiom = everydayIdiom(text);
  return idiom ? { fired: false, reason: null, idiom } : { fired: true, reason: "model" };
}
