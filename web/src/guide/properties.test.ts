import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EMOTIONS, PHASES, TRAPS, type ClassifierOutput, type Emotion, type Trap } from "@ventwell/shared";
import { crisisGate } from "./crisis-gate.js";
import { analyze, type ConversationState, type GuideOptions } from "./engine.js";
import { countSentences } from "./compose.js";

const OPTIONS: GuideOptions = {
  thresholds: {
    crisis: 0.5,
    emotions: Object.fromEntries(EMOTIONS.map((e) => [e, 0.5])) as Record<Emotion, number>,
    traps: Object.fromEntries(TRAPS.map((t) => [t, 0.5])) as Record<Trap, number>,
  },
  now: () => 0,
};

const prob = fc.double({ min: 0, max: 1, noNaN: true });
const record = <L extends string>(labels: readonly L[]) =>
  fc
    .tuple(...labels.map(() => prob))
    .map((ps) => Object.fromEntries(labels.map((l, i) => [l, ps[i]])) as Record<L, number>);
const output: fc.Arbitrary<ClassifierOutput> = fc.record({
  crisis: fc.double({ min: 0, max: 0.49, noNaN: true }),
  phase: record(PHASES),
  emotions: record(EMOTIONS),
  traps: record(TRAPS),
});
const message = fc.oneof(
  fc.string({ minLength: 1, maxLength: 200 }),
  fc.constantFrom(
    "just listen",
    "what can I do?",
    "I always ruin everything",
    "rough day",
    "help me see it differently",
  ),
);

describe("properties", () => {
  it("the gate never throws and gives the same answer twice", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), prob, (text, score) => {
        const a = crisisGate(text, score, 0.5);
        expect(crisisGate(text, score, 0.5)).toEqual(a);
        if (score >= 0.5) expect(a.fired).toBe(true);
      }),
    );
  });

  it("any conversation: validation first, no early reframing/action, no repeats, every reply within budget", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(message, output), { minLength: 1, maxLength: 30 }),
        fc.string(),
        async (turns, entryId) => {
          let conversation: ConversationState | undefined;
          const seen = new Set<string>();
          let validated = false;
          for (const [text, out] of turns) {
            if (text.trim() === "") continue;
            const r = await analyze({ text, conversation, entryId }, async () => out, OPTIONS);
            conversation = r.conversation;
            if (r.is_crisis) {
              expect(r.response_text).toBe("");
              continue;
            }
            if (!validated) expect(r.phase).toBe("validation");
            if (r.phase === "validation") validated = true;
            expect(countSentences(r.response_text)).toBeLessThanOrEqual(3);
            expect(r.response_text.length).toBeLessThanOrEqual(300);
            expect(seen.has(r.response_text)).toBe(false);
            seen.add(r.response_text);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
