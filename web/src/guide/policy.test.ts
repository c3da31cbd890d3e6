import { describe, expect, it } from "vitest";
import type { Phase } from "@ventwell/shared";
import {
  INITIAL_POLICY_STATE,
  detectRequest,
  nextPhase,
  readyPhase,
  type PolicySignal,
  type PolicyState,
} from "./policy.js";

/** A classifier signal as plain data: which phase leads (and by how much) and the distress level. */
function signal(lead: Phase | null, distress = 0.1, leadBy = 0.5): PolicySignal {
  const phase = { validation: 0.25, expression: 0.25, reframing: 0.25, action: 0.25 };
  if (lead) {
    for (const p of Object.keys(phase) as Phase[]) phase[p] = (1 - (0.25 + leadBy)) / 3;
    phase[lead] = 0.25 + leadBy;
  }
  return {
    phase,
    emotions: {
      sadness: distress,
      anxiety: 0.1,
      anger: 0.05,
      loneliness: 0.05,
      shame: 0.05,
      overwhelm: 0.1,
      hopelessness: 0.05,
      calm: 0.1,
    },
  };
}

const state = (phase: Phase, turnsInPhase = 1, extra: Partial<PolicyState> = {}): PolicyState => ({
  phase,
  turnsInPhase,
  validatedTurns: 1,
  lastDistress: 0.1,
  actionRequested: false,
  ...extra,
});

type Row = [name: string, from: PolicyState, sig: PolicySignal, text: string, to: Phase, reason: string];

const TABLE: Row[] = [
  [
    "first turn validates even when the signal says action",
    INITIAL_POLICY_STATE,
    signal("action"),
    "my boss yelled at me",
    "validation",
    "must-validate",
  ],
  [
    "first turn validates even when asked for tips",
    INITIAL_POLICY_STATE,
    signal("action"),
    "what can I do about it?",
    "validation",
    "must-validate",
  ],
  [
    "ready for expression → expression",
    state("validation"),
    signal("expression"),
    "it started last week",
    "expression",
    "signal-forward",
  ],
  [
    "ready for reframing → reframing",
    state("expression"),
    signal("reframing"),
    "maybe I'm overreacting",
    "reframing",
    "signal-forward",
  ],
  [
    "ready for action → action (jump allowed after validating)",
    state("validation"),
    signal("action"),
    "ok I want to change this",
    "action",
    "signal-forward",
  ],
  [
    "no jump into action while distress is high",
    state("validation"),
    signal("action", 0.8),
    "I don't know",
    "validation",
    "stay",
  ],
  [
    "expression is fine while distress is high",
    state("validation"),
    signal("expression", 0.8),
    "it's everything",
    "expression",
    "signal-forward",
  ],
  [
    "lead too small → stay",
    state("validation"),
    signal("expression", 0.1, 0.05),
    "hmm",
    "validation",
    "stay",
  ],
  [
    "signal for an earlier phase alone → stay",
    state("expression"),
    signal("validation", 0.1),
    "yeah",
    "expression",
    "stay",
  ],
  [
    "distress spike in reframing → back to validation",
    state("reframing"),
    signal("reframing", 0.85),
    "everything is falling apart again",
    "validation",
    "distress-spike",
  ],
  [
    "distress spike in action → back to validation",
    state("action"),
    signal("action", 0.9),
    "I can't even get out of bed",
    "validation",
    "distress-spike",
  ],
  [
    "validation signal after a later phase → back to validation",
    state("action"),
    signal("validation", 0.3),
    "that's not it, you don't get it",
    "validation",
    "distress-spike",
  ],
  [
    "sudden rise of distress in expression → validation",
    state("expression", 1, { lastDistress: 0.2 }),
    signal("expression", 0.8),
    "and then he left",
    "validation",
    "distress-spike",
  ],
  [
    "steady high distress in expression (no new spike) → stay",
    state("expression", 1, { lastDistress: 0.75 }),
    signal(null, 0.8),
    "it's the same as before",
    "expression",
    "stay",
  ],
  [
    "three turns in validation → nudge to expression",
    state("validation", 3),
    signal(null),
    "yeah",
    "expression",
    "nudge",
  ],
  [
    "three turns in expression → nudge to reframing",
    state("expression", 3),
    signal(null),
    "that's all really",
    "reframing",
    "nudge",
  ],
  [
    "three turns in reframing → nudge to action",
    state("reframing", 3),
    signal(null),
    "I see",
    "action",
    "nudge",
  ],
  [
    "no nudge into reframing while distress is high",
    state("expression", 3, { lastDistress: 0.7 }),
    signal(null, 0.7),
    "still awful",
    "expression",
    "stay",
  ],
  ["action is the end of the line", state("action", 5), signal(null), "ok", "action", "stay"],
  ["two turns is not yet a nudge", state("validation", 2), signal(null), "yeah", "validation", "stay"],
  [
    "'just listen' in action → validation",
    state("action"),
    signal("action"),
    "I don't want advice, just listen",
    "validation",
    "asked-to-listen",
  ],
  [
    "'I just need to vent' in reframing → validation",
    state("reframing"),
    signal("reframing"),
    "I just need to vent",
    "validation",
    "asked-to-listen",
  ],
  [
    "'just listen' in expression → stay in expression",
    state("expression"),
    signal("action"),
    "please just listen",
    "expression",
    "asked-to-listen",
  ],
  [
    "'just listen' beats the nudge",
    state("validation", 5),
    signal("action"),
    "can you just listen",
    "validation",
    "asked-to-listen",
  ],
  [
    "'what can I do?' after validating → action",
    state("validation"),
    signal("validation"),
    "what can I do?",
    "action",
    "asked-for-action",
  ],
  [
    "'give me something practical' → action",
    state("expression"),
    signal("expression"),
    "give me something practical",
    "action",
    "asked-for-action",
  ],
  [
    "asked for help to see it differently → reframing",
    state("expression"),
    signal(null),
    "help me see it differently",
    "reframing",
    "asked-to-reframe",
  ],
  [
    "an early request for action is honoured after the validating turn",
    state("validation", 1, { actionRequested: true }),
    signal(null),
    "thanks",
    "action",
    "asked-for-action",
  ],
  [
    "…but a distress spike comes first",
    state("reframing", 1, { actionRequested: true }),
    signal(null, 0.9),
    "I feel hopeless",
    "validation",
    "distress-spike",
  ],
];

describe("phase policy transitions", () => {
  it.each(TABLE)("%s", (_name, from, sig, text, to, reason) => {
    const r = nextPhase(from, sig, text);
    expect(r.phase).toBe(to);
    expect(r.reason).toBe(reason);
    expect(r.state.phase).toBe(to);
  });

  it("counts turns in the phase and validating turns", () => {
    let s = INITIAL_POLICY_STATE;
    const phases: Phase[] = [];
    for (const sig of [signal(null), signal(null), signal(null), signal(null)]) {
      const r = nextPhase(s, sig, "it's been a long week");
      phases.push(r.phase);
      s = r.state;
    }
    expect(phases).toEqual(["validation", "validation", "validation", "expression"]);
    expect(s).toMatchObject({ phase: "expression", turnsInPhase: 1, validatedTurns: 3 });
  });

  it("records a request for action made before validation, then clears it once honoured", () => {
    const first = nextPhase(INITIAL_POLICY_STATE, signal("action"), "just tell me what to do");
    expect(first.phase).toBe("validation");
    expect(first.state.actionRequested).toBe(true);
    const second = nextPhase(first.state, signal(null), "ok");
    expect(second.phase).toBe("action");
    expect(second.state.actionRequested).toBe(false);
  });

  it("never reaches reframing or action without a validating turn first", () => {
    for (const to of ["reframing", "action"] as Phase[]) {
      const r = nextPhase(
        { ...INITIAL_POLICY_STATE, phase: "expression", turnsInPhase: 9 },
        signal(to),
        "what should I do",
      );
      expect(r.phase).toBe("validation");
    }
  });
});

describe("request detection", () => {
  it.each([
    ["just listen", "listen"],
    ["I just need to vent", "listen"],
    ["I don't want advice", "listen"],
    ["not looking for solutions right now", "listen"],
    ["what can I do?", "action"],
    ["What should I do", "action"],
    ["give me something practical", "action"],
    ["any tips?", "action"],
    ["how do I cope with this", "action"],
    ["help me see this differently", "reframe"],
    ["I don't want advice, what can I do", "listen"],
    ["I had a long day at work", null],
  ])("%j → %s", (text, req) => {
    expect(detectRequest(text)).toBe(req);
  });

  it("readyPhase needs the margin", () => {
    expect(readyPhase(signal("action", 0.1, 0.5), 0.15)).toBe("action");
    expect(readyPhase(signal("action", 0.1, 0.05), 0.15)).toBeNull();
  });
});
