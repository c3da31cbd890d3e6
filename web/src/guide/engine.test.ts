import { describe, expect, it } from "vitest";
import {
  EMOTIONS,
  PHASES,
  TRAPS,
  exerciseById,
  type ClassifierOutput,
  type Emotion,
  type Phase,
  type Trap,
} from "@ventwell/shared";
import {
  analyze,
  policyStateFrom,
  type ConversationState,
  type GuideOptions,
  type GuideResult,
  type HistoryItem,
} from "./engine.js";
import { countSentences } from "./compose.js";
import { LIBRARY } from "./responses/index.js";
import { BANNED } from "./responses/banned.js";

const OPTIONS: GuideOptions = {
  thresholds: {
    crisis: 0.5,
    emotions: Object.fromEntries(EMOTIONS.map((e) => [e, 0.5])) as Record<Emotion, number>,
    traps: Object.fromEntries(TRAPS.map((t) => [t, 0.5])) as Record<Trap, number>,
  },
  now: () => 1_700_000_000_000,
};

/** A classifier output as plain data. */
function out(
  o: { phase?: Phase; emotion?: Emotion; emotionP?: number; trap?: Trap; crisis?: number } = {},
): ClassifierOutput {
  const phase = Object.fromEntries(PHASES.map((p) => [p, p === o.phase ? 0.7 : 0.1])) as Record<
    Phase,
    number
  >;
  const emotions = Object.fromEntries(
    EMOTIONS.map((e) => [e, e === o.emotion ? (o.emotionP ?? 0.8) : 0.1]),
  ) as Record<Emotion, number>;
  const traps = Object.fromEntries(TRAPS.map((t) => [t, t === o.trap ? 0.8 : 0.05])) as Record<Trap, number>;
  return { crisis: o.crisis ?? 0.02, phase, emotions, traps };
}
const fixed = (o: ClassifierOutput) => async () => o;

/** A 30-message conversation whose classifier outputs move through phases, emotions and traps. */
const SCRIPT = Array.from({ length: 30 }, (_, i) => ({
  text:
    i % 7 === 5
      ? "what can I do?"
      : i % 11 === 8
        ? "I just need to vent"
        : `message number ${i + 1} about my week`,
  output: out({
    phase: PHASES[Math.floor(i / 3) % 4],
    emotion: EMOTIONS[i % 7],
    trap: i % 2 ? TRAPS[i % 12] : undefined,
  }),
}));

async function runConversation(entryId: string, script = SCRIPT) {
  let conversation: ConversationState | undefined;
  const history: HistoryItem[] = [];
  const results: GuideResult[] = [];
  for (const step of script) {
    const r = await analyze({ text: step.text, history, conversation, entryId }, fixed(step.output), OPTIONS);
    results.push(r);
    conversation = r.conversation;
    history.push(
      { sender: "user", text: step.text },
      { sender: "guide", text: r.response_text, phase: r.phase, crisis: r.is_crisis },
    );
  }
  return results;
}

describe("analyze: crisis", () => {
  it("an explicit phrase gives no generated text, the crisis flag and a log record without text", async () => {
    const r = await analyze(
      { text: "I want to end my life", entryId: "e1" },
      fixed(out({ crisis: 0.1 })),
      OPTIONS,
    );
    expect(r.response_text).toBe("");
    expect(r.is_crisis).toBe(true);
    expect(r.reason).toBe("crisis");
    expect(r.crisisEvent).toEqual({ at: 1_700_000_000_000, score: 0.1, reason: "lexical" });
    expect(JSON.stringify(r.crisisEvent)).not.toMatch(/life/);
    expect(r.conversation).toMatchObject({ resumeAfterCrisis: true, usedResponses: [], turn: 1 });
  });

  it("the model's score alone fires the gate on implicit language", async () => {
    const r = await analyze(
      { text: "I've made my peace and sorted out who gets my things", entryId: "e1" },
      fixed(out({ crisis: 0.93 })),
      OPTIONS,
    );
    expect(r).toMatchObject({
      response_text: "",
      is_crisis: true,
      crisisEvent: { score: 0.93, reason: "model" },
    });
  });

  it("one sentence's score fires the gate at the model's sentence threshold", async () => {
    const text = "Work was fine, nothing new. I sorted out who gets my things.";
    const sentence = { ...out({ crisis: 0.2 }), crisis_sentence: 0.8 };
    const withSentences = { ...OPTIONS, thresholds: { ...OPTIONS.thresholds, crisisSentence: 0.6 } };
    const r = await analyze({ text, entryId: "e1" }, fixed(sentence), withSentences);
    expect(r).toMatchObject({
      response_text: "",
      is_crisis: true,
      crisisEvent: { score: 0.8, reason: "model" },
    });
    // Below it, or with a model that ships no sentence threshold, the guide answers.
    const below = await analyze(
      { text, entryId: "e1" },
      fixed({ ...sentence, crisis_sentence: 0.59 }),
      withSentences,
    );
    expect(below.is_crisis).toBe(false);
    expect((await analyze({ text, entryId: "e1" }, fixed(sentence), OPTIONS)).is_crisis).toBe(false);
  });

  it("a short message is held to the model's short threshold, a longer one to the whole-message one", async () => {
    const withShort = {
      ...OPTIONS,
      thresholds: { ...OPTIONS.thresholds, crisis: 0.07, crisisShort: { threshold: 0.1, words: 12 } },
    };
    const at = async (text: string, crisis: number) =>
      (await analyze({ text, entryId: "e1" }, fixed(out({ crisis })), withShort)).is_crisis;
    expect(await at("since last week", 0.08)).toBe(false);
    expect(await at("since last week", 0.1)).toBe(true);
    // Thirteen words, or two sentences: the whole-message threshold.
    expect(await at("since last week when the manager moved my desk next to the printer again", 0.08)).toBe(
      true,
    );
    expect(await at("Since last week. It has been hard", 0.08)).toBe(true);
    // A model without a short threshold holds every message to the whole-message one.
    const noShort = { ...OPTIONS, thresholds: { ...OPTIONS.thresholds, crisis: 0.07 } };
    const r = await analyze(
      { text: "since last week", entryId: "e1" },
      fixed(out({ crisis: 0.08 })),
      noShort,
    );
    expect(r.is_crisis).toBe(true);
  });

  it("after a crisis the next guide turn is a validating check-in, then the conversation carries on", async () => {
    const crisis = await analyze({ text: "I feel suicidal", entryId: "e2" }, fixed(out()), OPTIONS);
    const next = await analyze(
      { text: "ok I'm back", conversation: crisis.conversation, entryId: "e2" },
      fixed(out({ phase: "action" })),
      OPTIONS,
    );
    expect(next.is_crisis).toBe(false);
    expect(next.phase).toBe("validation");
    expect(next.reason).toBe("resume");
    expect(LIBRARY.checkIns.map((c) => c.text)).toContain(next.response_text);
    expect(next.conversation.resumeAfterCrisis).toBe(false);
    const after = await analyze(
      { text: "a bit calmer", conversation: next.conversation, entryId: "e2" },
      fixed(out()),
      OPTIONS,
    );
    expect(after.reason).not.toBe("resume");
  });

  it("knows to check in from the history alone when the stored state lacks the flag", async () => {
    const history: HistoryItem[] = [
      { sender: "user", text: "hard day" },
      { sender: "guide", text: "That sounds like a lot to carry.", phase: "validation" },
      { sender: "user", text: "…" },
      { sender: "guide", text: "", crisis: true },
    ];
    const r = await analyze({ text: "I'm back", history, entryId: "e3" }, fixed(out()), OPTIONS);
    expect(r.reason).toBe("resume");
  });

  it("when the model fails, the lexical net still guards and the reply stays simple", async () => {
    const broken = async () => {
      throw new Error("model not loaded");
    };
    const crisis = await analyze({ text: "i want to kill myself", entryId: "e4" }, broken, OPTIONS);
    expect(crisis).toMatchObject({
      is_crisis: true,
      response_text: "",
      crisisEvent: { reason: "lexical", score: 0 },
    });
    const calm = await analyze({ text: "long day", entryId: "e4" }, broken, OPTIONS);
    expect(calm.is_crisis).toBe(false);
    expect(calm.phase).toBe("validation");
    expect(calm.degraded).toMatch(/model could not run/);
    expect(LIBRARY.phases.validation.map((v) => v.text)).toContain(calm.response_text);
  });

  it("rejects empty text", async () => {
    await expect(analyze({ text: "   ", entryId: "e5" }, fixed(out()), OPTIONS)).rejects.toThrow(RangeError);
  });
});

describe("analyze: conversation", () => {
  it("a 30-turn conversation never repeats a response and keeps every reply short and clean", async () => {
    const results = await runConversation("entry-30");
    const ids = results.flatMap((r, i) =>
      i === 0
        ? r.conversation.usedResponses
        : r.conversation.usedResponses.slice(results[i - 1]!.conversation.usedResponses.length),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const texts = results.map((r) => r.response_text);
    expect(new Set(texts).size).toBe(30);
    for (const t of texts) {
      expect(countSentences(t), t).toBeLessThanOrEqual(3);
      expect(t.length, t).toBeLessThanOrEqual(300);
      for (const b of BANNED) expect(t.toLowerCase().includes(b), `${t} contains ${b}`).toBe(false);
    }
    const phases = results.map((r) => r.phase);
    expect(phases[0]).toBe("validation");
    expect(new Set(phases)).toEqual(new Set(PHASES)); // the script visits every phase
  });

  it("30 turns of 'just listen' stay in validation without repeating a reply", async () => {
    const script = Array.from({ length: 30 }, () => ({
      text: "please just listen",
      output: out({ emotion: "sadness", phase: "action" }),
    }));
    const results = await runConversation("entry-listen", script);
    expect(new Set(results.map((r) => r.phase))).toEqual(new Set(["validation"]));
    expect(new Set(results.map((r) => r.response_text)).size).toBe(30);
  });

  it("is deterministic: the same conversation gives the same replies; another entry differs", async () => {
    const a = await runConversation("entry-same");
    const b = await runConversation("entry-same");
    expect(b.map((r) => r.response_text)).toEqual(a.map((r) => r.response_text));
    const c = await runConversation("entry-other");
    expect(c.map((r) => r.response_text)).not.toEqual(a.map((r) => r.response_text));
  });

  it("reflects the detected emotion in natural words", async () => {
    const r = await analyze(
      { text: "nobody ever calls me", entryId: "e6" },
      fixed(out({ emotion: "loneliness" })),
      OPTIONS,
    );
    const loneliness = LIBRARY.reflections.loneliness.map((x) => x.text);
    expect(loneliness.some((t) => r.response_text.startsWith(t))).toBe(true);
  });

  it("asks a Socratic question for a trap detected above its threshold while reframing", async () => {
    const conversation: ConversationState = {
      phase: "expression",
      usedResponses: [],
      turn: 3,
      validatedTurns: 1,
      turnsInPhase: 1,
    };
    const r = await analyze(
      { text: "I always mess everything up", conversation, entryId: "e7" },
      fixed(out({ phase: "reframing", trap: "overgeneralizing" })),
      OPTIONS,
    );
    expect(r.phase).toBe("reframing");
    const questions = LIBRARY.traps.overgeneralizing.map((q) => q.text);
    expect(questions.some((q) => r.response_text.endsWith(q))).toBe(true);
    // below the threshold: a general reframing question instead
    const low = out({ phase: "reframing" });
    low.traps.overgeneralizing = 0.49;
    const r2 = await analyze(
      { text: "I always mess everything up", conversation, entryId: "e7" },
      fixed(low),
      OPTIONS,
    );
    expect(LIBRARY.phases.reframing.map((q) => q.text).some((q) => r2.response_text.endsWith(q))).toBe(true);
  });

  it("Action turns offer one step or a catalogue exercise", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const conversation: ConversationState = {
        phase: "reframing",
        usedResponses: [],
        turn: i,
        validatedTurns: 1,
        turnsInPhase: 1,
      };
      const r = await analyze(
        { text: "what can I do?", conversation, entryId: `act-${i}` },
        fixed(out()),
        OPTIONS,
      );
      expect(r.phase).toBe("action");
      expect(LIBRARY.phases.action.map((a) => a.text).some((a) => r.response_text.endsWith(a))).toBe(true);
      if (r.exercise) {
        expect(exerciseById(r.exercise)).toBeDefined();
        seen.add(r.exercise);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it("a stateless caller (the CLI) sending only the history gets the same conversation", async () => {
    const stateful = await runConversation("entry-cli", SCRIPT.slice(0, 12));
    const history: HistoryItem[] = [];
    for (const [i, step] of SCRIPT.slice(0, 12).entries()) {
      // Only sender and text, as the CLI's JSON lines carry them.
      const r = await analyze(
        { text: step.text, history, entryId: "entry-cli" },
        fixed(step.output),
        OPTIONS,
      );
      expect(r.response_text, `turn ${i + 1}`).toBe(stateful[i]!.response_text);
      expect(r.phase).toBe(stateful[i]!.phase);
      history.push({ sender: "user", text: step.text }, { sender: "guide", text: r.response_text });
    }
  });

  it("derives the policy's memory from the history when the stored state has only the contract fields", () => {
    const history: HistoryItem[] = [
      { sender: "guide", text: "a", phase: "validation" },
      { sender: "guide", text: "b", phase: "expression" },
      { sender: "guide", text: "c", phase: "expression" },
    ];
    expect(policyStateFrom({ phase: "expression", usedResponses: [], turn: 3 }, history)).toMatchObject({
      phase: "expression",
      turnsInPhase: 2,
      validatedTurns: 1,
    });
  });
});
