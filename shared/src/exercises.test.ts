import { describe, expect, it } from "vitest";
import raw from "./exercises.json";
import { EXERCISES, exerciseById, pacerSeconds, parseExerciseCatalogue } from "./exercises.js";

const REQUIRED = [
  "box-breathing",
  "breathing-4-7-8",
  "grounding-5-4-3-2-1",
  "thought-record",
  "progressive-muscle-relaxation",
  "self-compassion-break",
  "behavioural-activation",
];

describe("exercise catalogue", () => {
  it("the shipped file validates against its schema", () => {
    expect(() => parseExerciseCatalogue(raw)).not.toThrow();
  });

  it("holds every exercise the design names, with a duration and steps", () => {
    for (const id of REQUIRED) {
      const e = exerciseById(id);
      expect(e, id).toBeDefined();
      expect(e!.minutes).toBeGreaterThan(0);
      expect(e!.steps.length).toBeGreaterThan(0);
    }
    expect(EXERCISES.map((e) => e.id).sort()).toEqual([...REQUIRED].sort());
  });

  it("breathing exercises carry the pacer timings (4-4-4-4 and 4-7-8)", () => {
    expect(exerciseById("box-breathing")!.pacer!.phases.map((p) => p.seconds)).toEqual([4, 4, 4, 4]);
    expect(exerciseById("breathing-4-7-8")!.pacer!.phases.map((p) => p.seconds)).toEqual([4, 7, 8]);
    expect(pacerSeconds(exerciseById("breathing-4-7-8")!)).toBe(4 * 19);
    expect(pacerSeconds(exerciseById("thought-record")!)).toBe(0);
  });

  it("rejects a malformed catalogue with a readable message", () => {
    const broken = structuredClone(raw) as { exercises: Record<string, unknown>[] };
    delete broken.exercises[0]!.pacer;
    broken.exercises[1]!.emotions = ["grumpy"];
    broken.exercises.push({ ...broken.exercises[2]! });
    expect(() => parseExerciseCatalogue(broken)).toThrow(/pacer|emotions|unique/);
  });
});
