import { describe, expect, it } from "vitest";
import { indicesFor, planAxisLabels, shortBucketLabel } from "./axis";

/** True when no two shown labels, centred on their points, come closer than `gap`. */
function noOverlap(plotWidth: number, widths: number[], indices: number[], gap = 8): boolean {
  const slot = plotWidth / widths.length;
  const centre = (i: number) => (i + 0.5) * slot;
  for (let k = 1; k < indices.length; k++) {
    const a = indices[k - 1]!;
    const b = indices[k]!;
    if (centre(a) + widths[a]! / 2 + gap > centre(b) - widths[b]! / 2) return false;
  }
  return true;
}

// "Sun, Nov 22" is about 72 px in 12 px system-ui; "Nov 22" about 42 px.
const FULL = 72;
const SHORT = 42;

describe("planAxisLabels", () => {
  it("shows every full label when they all fit (a week at 1280 px)", () => {
    const full = Array(7).fill(FULL);
    const plan = planAxisLabels({ plotWidth: 700, full, short: Array(7).fill(SHORT), rightRoom: 24 });
    expect(plan).toEqual({ indices: [0, 1, 2, 3, 4, 5, 6], short: false });
  });

  it("30 days at 1280 px: short labels, spaced so they never collide", () => {
    const full = Array(30).fill(FULL);
    const short = Array(30).fill(SHORT);
    const plan = planAxisLabels({ plotWidth: 560, full, short, rightRoom: 24 });
    expect(plan.short).toBe(true);
    expect(plan.indices.at(-1)).toBe(29); // today is always labelled
    expect(plan.indices.length).toBeGreaterThan(4);
    expect(noOverlap(560, short, plan.indices)).toBe(true);
    // The old axis labelled every 3rd day with the full label: those overlapped.
    expect(noOverlap(560, full, indicesFor(30, 3))).toBe(false);
  });

  it("a week and 30 days at 360 px never collide", () => {
    for (const n of [7, 12, 30]) {
      const short = Array(n).fill(SHORT);
      const plan = planAxisLabels({ plotWidth: 190, full: Array(n).fill(FULL), short, rightRoom: 24 });
      expect(plan.short).toBe(true);
      expect(plan.indices.at(-1)).toBe(n - 1);
      expect(noOverlap(190, short, plan.indices)).toBe(true);
    }
  });

  it("without short labels it thins out the full ones", () => {
    const full = Array(7).fill(70); // weekday names, say
    const plan = planAxisLabels({ plotWidth: 200, full });
    expect(plan.short).toBe(false);
    expect(plan.indices).toEqual([0, 3, 6]);
    expect(noOverlap(200, full, plan.indices)).toBe(true);
  });

  it("uses the real widths of neighbours, not only the widest label", () => {
    const full = [30, 30, 30, 90];
    expect(planAxisLabels({ plotWidth: 200, full, rightRoom: 100 }).indices).toEqual([1, 3]);
  });

  it("keeps at least the last label when nothing else fits, and handles no points", () => {
    expect(planAxisLabels({ plotWidth: 20, full: [80, 80, 80], rightRoom: 100 }).indices).toEqual([2]);
    // Full labels that would run off the right edge give way to the short ones.
    expect(planAxisLabels({ plotWidth: 30, full: [60], short: [30], rightRoom: 10 }).short).toBe(true);
    expect(planAxisLabels({ plotWidth: 300, full: [] })).toEqual({ indices: [], short: false });
  });
});

describe("indicesFor", () => {
  it("counts back from the last index", () => {
    expect(indicesFor(7, 2)).toEqual([0, 2, 4, 6]);
    expect(indicesFor(30, 7)).toEqual([1, 8, 15, 22, 29]);
  });
});

describe("shortBucketLabel", () => {
  it("shortens days and months", () => {
    expect(shortBucketLabel("2026-11-22", "en-US")).toBe("Nov 22");
    expect(shortBucketLabel("2026-03", "en-US")).toBe("Mar");
    expect(shortBucketLabel("Monday", "en-US")).toBe("Monday");
  });
});
