import { describe, expect, it } from "vitest";
import { exerciseById } from "@ventwell/shared";
import { exerciseForGuideMessage } from "./guide-link";
import { pacerStateAt, phaseAnnouncement } from "./pacer";

const box = exerciseById("box-breathing")!.pacer!;
const b478 = exerciseById("breathing-4-7-8")!.pacer!;

describe("breathing pacer", () => {
  it("walks through phases and cycles by elapsed time", () => {
    expect(pacerStateAt(box, 0)).toMatchObject({ cycle: 0, phaseIndex: 0, secondsLeft: 4, done: false });
    expect(phaseAnnouncement(pacerStateAt(box, 0).phase)).toBe("Breathe in… 4");
    expect(pacerStateAt(box, 3_999)).toMatchObject({ phaseIndex: 0, secondsLeft: 1 });
    expect(pacerStateAt(box, 4_000)).toMatchObject({ phaseIndex: 1, secondsLeft: 4 });
    expect(pacerStateAt(box, 16_000)).toMatchObject({ cycle: 1, phaseIndex: 0 });
    expect(pacerStateAt(b478, 4_000 + 7_000 + 1_000)).toMatchObject({ phaseIndex: 2, secondsLeft: 7 });
    expect(phaseAnnouncement(b478.phases[1]!)).toBe("Hold… 7");
  });

  it("is done after cycles × cycle length, with a shorter run when asked", () => {
    expect(pacerStateAt(box, 8 * 16_000 - 1).done).toBe(false);
    expect(pacerStateAt(box, 8 * 16_000)).toMatchObject({ done: true, progress: 1, cycle: 7 });
    expect(pacerStateAt(b478, 19_000, 1)).toMatchObject({ done: true, totalMs: 19_000 });
    expect(pacerStateAt(box, 8_000).progress).toBeCloseTo(8 / 128);
  });
});

describe("guide → exercise link", () => {
  it("finds the exercise an Action reply invites, also after a reflection", () => {
    const text =
      "It makes sense that you feel tense. When thoughts race like this, some people find the 5-4-3-2-1 grounding exercise helps them come back to the room; want to try it?";
    expect(exerciseForGuideMessage({ sender: "guide", text, phase: "action" })?.id).toBe(
      "grounding-5-4-3-2-1",
    );
    expect(exerciseForGuideMessage({ sender: "guide", text, phase: "reframing" })).toBeUndefined();
    expect(exerciseForGuideMessage({ sender: "user", text, phase: "action" })).toBeUndefined();
    expect(exerciseForGuideMessage({ sender: "guide", text, phase: "action", crisis: true })).toBeUndefined();
    expect(
      exerciseForGuideMessage({ sender: "guide", text: "What would help right now?", phase: "action" }),
    ).toBeUndefined();
  });
});
