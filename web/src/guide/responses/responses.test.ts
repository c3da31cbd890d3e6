import { describe, expect, it } from "vitest";
import { EMOTIONS, PHASES, TRAPS, exerciseById } from "@ventwell/shared";
import { countSentences, MAX_CHARS, MAX_SENTENCES } from "../compose.js";
import { LIBRARY, allResponses, parseLibrary } from "./index.js";
import phasesJson from "./phases.json";
import { BANNED } from "./banned.js";

describe("response library", () => {
  it("validates, with unique ids", () => {
    expect(allResponses(LIBRARY).length).toBeGreaterThan(200);
  });

  it("has at least 20 variants per phase", () => {
    for (const p of PHASES) expect(LIBRARY.phases[p].length, p).toBeGreaterThanOrEqual(20);
  });

  it("has several reflections for each of the 8 emotions", () => {
    for (const e of EMOTIONS) expect(LIBRARY.reflections[e].length, e).toBeGreaterThanOrEqual(4);
  });

  it("has at least 4 Socratic questions for every thinking trap, of at least 3 kinds", () => {
    for (const t of TRAPS) {
      const qs = LIBRARY.traps[t];
      expect(qs.length, t).toBeGreaterThanOrEqual(4);
      expect(new Set(qs.map((q) => q.kind)).size, t).toBeGreaterThanOrEqual(3);
      for (const q of qs) expect(q.text.trim().endsWith("?"), q.id).toBe(true);
    }
  });

  it("every response is at most 3 sentences and 300 characters", () => {
    for (const r of allResponses(LIBRARY)) {
      expect(countSentences(r.text), r.id).toBeLessThanOrEqual(MAX_SENTENCES);
      expect(r.text.length, r.id).toBeLessThanOrEqual(MAX_CHARS);
    }
  });

  it("no response contains a banned phrase", () => {
    for (const r of allResponses(LIBRARY)) {
      const t = r.text.toLowerCase();
      for (const b of BANNED) expect(t.includes(b), `${r.id} contains "${b}"`).toBe(false);
    }
  });

  it("no two responses share the same text", () => {
    const texts = allResponses(LIBRARY).map((r) => r.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("Action turns invite rather than instruct, and name only catalogue exercises", () => {
    const actions = LIBRARY.phases.action;
    expect(actions.filter((a) => a.exercise).length).toBeGreaterThanOrEqual(7);
    expect(actions.filter((a) => !a.exercise).length).toBeGreaterThanOrEqual(7);
    for (const a of actions) {
      if (a.exercise) expect(exerciseById(a.exercise), `${a.id} → ${a.exercise}`).toBeDefined();
      // phrased as a question or an offer ("if you'd like", "might"), never an order
      expect(a.text, a.id).toMatch(/\?|\bif you(?:'d| would)? like\b|\bif it (?:feels|helps)\b|\bmight\b/i);
    }
  });

  it("the post-crisis check-ins are validating and ask, never advise", () => {
    for (const c of LIBRARY.checkIns) {
      expect(c.text.toLowerCase()).not.toMatch(/\btry\b|exercise|breath|you could|plan/);
    }
  });

  it("rejects a malformed library", () => {
    const broken = {
      phases: { ...phasesJson.phases, validation: phasesJson.phases.validation.slice(0, 5) },
      bridges: phasesJson.bridges,
      reflections: LIBRARY.reflections,
      traps: LIBRARY.traps,
      checkIns: LIBRARY.checkIns,
    };
    expect(() => parseLibrary(broken)).toThrow(/validation/);
    const dup = { ...LIBRARY, checkIns: [...LIBRARY.checkIns, LIBRARY.checkIns[0]!] };
    expect(() => parseLibrary(dup)).toThrow(/duplicate id/);
  });
});
