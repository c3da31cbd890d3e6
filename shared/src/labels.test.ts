import { describe, expect, it } from "vitest";
import { EMOTIONS, PHASES, TRAPS } from "./labels.js";

describe("label sets", () => {
  it("match the design's labels, in order", () => {
    expect(PHASES).toEqual(["validation", "expression", "reframing", "action"]);
    expect(EMOTIONS).toHaveLength(8);
    expect(TRAPS).toHaveLength(12);
    expect(new Set([...PHASES, ...EMOTIONS, ...TRAPS]).size).toBe(24);
  });
});
