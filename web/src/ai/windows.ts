/**
 * Long messages: the model reads at most `maxLength` tokens, so a crisis sentence at the end
 * of a long vent would be cut off. labels.json says what to do: classify overlapping windows
 * and take the maximum crisis probability. Emotions and traps take the maximum too (anything
 * said anywhere counts); the phase signal comes from the last window (where the person ends up).
 */
import { EMOTIONS, PHASES, TRAPS, type ClassifierOutput } from "@ventwell/shared";

/** ~60 words stay well under 128 word-piece tokens for everyday writing; 30 words overlap. */
export const WINDOW_WORDS = 60;
export const WINDOW_STEP = 30;

export function windowsOf(text: string, size = WINDOW_WORDS, step = WINDOW_STEP): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= size) return [text];
  const out: string[] = [];
  for (let i = 0; ; i += step) {
    out.push(words.slice(i, i + size).join(" "));
    if (i + size >= words.length) break;
  }
  return out;
}

export function mergeWindows(outs: readonly ClassifierOutput[]): ClassifierOutput {
  if (outs.length === 0) throw new RangeError("mergeWindows: no windows");
  const last = outs[outs.length - 1]!;
  const max = <L extends string>(labels: readonly L[], pick: (o: ClassifierOutput) => Record<L, number>) =>
    Object.fromEntries(labels.map((l) => [l, Math.max(...outs.map((o) => pick(o)[l] ?? 0))])) as Record<
      L,
      number
    >;
  return {
    crisis: Math.max(...outs.map((o) => o.crisis)),
    phase: Object.fromEntries(PHASES.map((p) => [p, last.phase[p]])) as ClassifierOutput["phase"],
    emotions: max(EMOTIONS, (o) => o.emotions),
    traps: max(TRAPS, (o) => o.traps),
  };
}

/**
 * The sentences of a message, exactly as model/pipeline/gate.py splits them (the sentence
 * threshold was chosen on that split): after . ! ? ; followed by whitespace, and at line
 * breaks; trimmed; empty pieces dropped.
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A short message, as model/pipeline/gate.py's `is_short` counts it: one sentence (`sentencesOf`)
 * of at most `words` whitespace-separated words. The gate holds it to its own threshold.
 */
export function isShortMessage(text: string, words: number): boolean {
  return sentencesOf(text).length === 1 && text.trim().split(/\s+/).length <= words;
}
