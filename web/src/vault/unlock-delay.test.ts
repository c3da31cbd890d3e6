import { describe, expect, it } from "vitest";
import { MAX_DELAY_MS, delayAfterFailures, remainingDelay } from "./unlock-delay";

describe("unlock delay", () => {
  it("is free for two tries, then doubles, capped", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(delayAfterFailures)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(delayAfterFailures(50)).toBe(MAX_DELAY_MS);
  });
  it("counts down from the last failure", () => {
    expect(remainingDelay(4, 10_000, 10_500)).toBe(1500);
    expect(remainingDelay(4, 10_000, 13_000)).toBe(0);
  });
});
