// Long messages are read in overlapping windows, with the real committed model.
import { beforeAll, describe, expect, it } from "vitest";
import { PHASES } from "@ventwell/shared";
import { loadNodeClassifier } from "./node";
import type { Classifier } from "./classifier";
import { isShortMessage, mergeWindows, sentencesOf, windowsOf, WINDOW_WORDS } from "./windows";

let c: Classifier;
beforeAll(async () => {
  c = await loadNodeClassifier();
});

const CALM_DAY =
  "Today I went to the market with my aunt and we bought tomatoes, bread and some flowers for the kitchen table. " +
  "After that we walked along the canal, watched the boats go past and talked about the garden she wants to plant in spring. " +
  "In the afternoon I tidied my room, sorted the laundry, answered a few emails from college and made a list of books to borrow. ";

describe("windowsOf", () => {
  it("keeps short text whole and covers long text with overlapping windows", () => {
    expect(windowsOf("one two three")).toEqual(["one two three"]);
    const words = Array.from({ length: 130 }, (_, i) => `w${i}`);
    const ws = windowsOf(words.join(" "));
    expect(ws.length).toBe(4);
    expect(ws.every((w) => w.split(" ").length <= WINDOW_WORDS)).toBe(true);
    expect(ws.at(-1)!.split(" ").at(-1)).toBe("w129"); // the end is always read
  });
});

describe("sentencesOf", () => {
  // The same pieces as model/pipeline/gate.py's `sentences` (the sentence threshold was chosen on them).
  it.each([
    ["one sentence", ["one sentence"]],
    [
      "Long day. The meeting ran over!  I am so tired of being alive...\nok;  fine",
      ["Long day.", "The meeting ran over!", "I am so tired of being alive...", "ok;", "fine"],
    ],
    ["e.g. this is it. 3.5 hours", ["e.g.", "this is it.", "3.5 hours"]],
    ["  why?? \n\n because.  ", ["why??", "because."]],
    ["no.space.after.dots", ["no.space.after.dots"]],
    ["", []],
  ])("%j", (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });
});

describe("isShortMessage", () => {
  // The same answers as model/pipeline/gate.py's `is_short` (the short threshold was chosen on them).
  const twelve = "one two three four five six seven eight nine ten eleven twelve";
  it.each([
    ["since last week", true],
    ["Long day. I am tired", false],
    [twelve, true],
    [`${twelve} thirteen`, false],
    ["  spaced   out \t words  ", true],
    ["", false],
    ["line one\nline two", false],
    ["why?? ", true],
    ["e.g. fine", false],
  ])("%j", (text, expected) => {
    expect(isShortMessage(text, 12)).toBe(expected);
  });
});

describe("classifyLong", () => {
  it("finds crisis language at the end of a message longer than the model reads", async () => {
    const ending = "I have the pills saved up and I am going to take them all tonight so it finally stops.";
    const text = `${CALM_DAY}${CALM_DAY}${ending}`;
    expect(windowsOf(text).length).toBeGreaterThan(1);
    const long = await c.classifyLong(text);
    expect(long.crisis).toBeGreaterThanOrEqual(c.labels.thresholds.crisis);
    // Short text takes the single-pass path and gives exactly what classify gives.
    expect(await c.classifyLong(ending)).toEqual(await c.classify(ending));
  });

  it("merges windows: max for crisis, emotions and traps; phase from the last window", () => {
    const base = { phase: { validation: 0.7, expression: 0.1, reframing: 0.1, action: 0.1 } };
    const zeros = (x: number) => ({ emotions: { sadness: x } as never, traps: { blaming: x } as never });
    const a = { crisis: 0.9, ...base, ...zeros(0.2) };
    const b = {
      crisis: 0.1,
      phase: { validation: 0.1, expression: 0.1, reframing: 0.1, action: 0.7 },
      ...zeros(0.6),
    };
    const m = mergeWindows([a, b]);
    expect(m.crisis).toBe(0.9);
    expect(m.emotions.sadness).toBe(0.6);
    expect(m.traps.blaming).toBe(0.6);
    expect(PHASES.map((p) => m.phase[p])).toEqual([0.1, 0.1, 0.1, 0.7]);
  });
});
