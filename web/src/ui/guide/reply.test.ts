// The guide's turn with the real committed model (Node) and the real engine: what is stored,
// what opens the crisis screen, what is logged (never text), and the check-in after a crisis.
import { beforeAll, describe, expect, it } from "vitest";
import type { Entry, Message } from "../../app-contract";
import type { AiClient } from "../../ai/client";
import { analyzeOne } from "../../ai/analyze";
import { loadNodeClassifier } from "../../ai/node";
import type { Classifier } from "../../ai/classifier";
import { LIBRARY } from "../../guide";
import { CRISIS_MARKER_TEXT, GuideUnavailableError, guideReply, type GuideDeps } from "./reply";

let classifier: Classifier;
beforeAll(async () => {
  classifier = await loadNodeClassifier();
});

function entryWith(messages: Omit<Message, "id" | "at">[]): Entry {
  return {
    id: "entry-test-1",
    title: "",
    createdAt: 1,
    updatedAt: 1,
    tags: [],
    messages: messages.map((m, i) => ({ ...m, id: `m${i}`, at: i + 1 })),
    conversation: {
      phase: "validation",
      usedResponses: [],
      turn: messages.filter((m) => m.sender === "guide").length,
    },
  };
}

function harness(ai?: Partial<AiClient>) {
  const events: string[] = [];
  const stored: Parameters<GuideDeps["addMessage"]>[] = [];
  const logged: unknown[] = [];
  const deps: GuideDeps = {
    ai: { analyze: (input) => analyzeOne(classifier, input), ...ai } as AiClient,
    addMessage: async (...args) => {
      events.push("store");
      stored.push(args);
    },
    openCrisis: () => events.push("open-crisis"),
    logCrisis: async (e) => {
      events.push("log");
      logged.push(e);
    },
  };
  return { deps, events, stored, logged };
}

const send = (entry: Entry) => {
  const message = entry.messages.at(-1)!;
  return { entry, message };
};

describe("guideReply", () => {
  it("stores a validating reply first, with its phase and the state the guide moved to", async () => {
    const h = harness();
    const entry = entryWith([{ sender: "user", text: "Work was a lot today and my manager snapped at me." }]);
    const outcome = await guideReply(h.deps, send(entry));
    expect(outcome.crisis).toBeUndefined();
    expect(h.events).toEqual(["store"]);
    const [id, msg, opts] = h.stored[0]!;
    expect(id).toBe(entry.id);
    expect(msg).toMatchObject({ sender: "guide", phase: "validation" });
    expect(msg.crisis).toBeUndefined();
    expect(msg.text.length).toBeGreaterThan(10);
    expect(outcome.reply).toBe(msg.text);
    expect(opts.conversation.useResponses!.length).toBeGreaterThan(0);
    expect(typeof opts.conversation.lastDistress).toBe("number");
  });

  it("on a crisis message: opens the screen first, logs time/score/reason only, stores a fixed marker", async () => {
    const h = harness();
    const text = "I can't do this anymore, I want to end my life tonight.";
    const entry = entryWith([{ sender: "user", text }]);
    expect(await guideReply(h.deps, send(entry))).toEqual({ crisis: true });
    expect(h.events).toEqual(["open-crisis", "log", "store"]);
    expect(Object.keys(h.logged[0] as object).sort()).toEqual(["at", "reason", "score"]);
    expect(JSON.stringify(h.logged)).not.toContain("life");
    const [, msg] = h.stored[0]!;
    expect(msg).toMatchObject({ sender: "guide", text: CRISIS_MARKER_TEXT, crisis: true });
  });

  it("after the crisis screen, the guide's next turn is a validating check-in", async () => {
    const h = harness();
    const entry = entryWith([
      { sender: "user", text: "I want to end my life." },
      { sender: "guide", text: CRISIS_MARKER_TEXT, phase: "validation", crisis: true },
      { sender: "user", text: "Thanks. I made a cup of tea and put some music on." },
    ]);
    await guideReply(h.deps, send(entry));
    const [, msg] = h.stored[0]!;
    expect(msg.phase).toBe("validation");
    expect(LIBRARY.checkIns.map((c) => c.text)).toContain(msg.text);
  });

  it("when the worker fails, says so kindly and stores nothing (the person's message is already saved)", async () => {
    const h = harness({ analyze: () => Promise.reject(new Error("worker crashed")) });
    const entry = entryWith([{ sender: "user", text: "Hello" }]);
    await expect(guideReply(h.deps, send(entry))).rejects.toBeInstanceOf(GuideUnavailableError);
    await expect(guideReply(h.deps, send(entry))).rejects.toThrow(/Your words are saved/);
    expect(h.stored).toEqual([]);
  });
});
