import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseModelLabels } from "./labels.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const committed = JSON.parse(
  readFileSync(path.join(here, "../../public/models/ventwell-guide/labels.json"), "utf8"),
) as { heads: { crisis: { gate: Record<string, unknown> } } };

/** The committed labels.json with its crisis gate replaced. */
function withGate(gate: Record<string, unknown>): unknown {
  const copy = structuredClone(committed);
  copy.heads.crisis.gate = gate;
  return copy;
}

describe("parseModelLabels: the crisis gate", () => {
  const base = { threshold: 0.07, sentence_threshold: 0.54 };

  it("reads the short threshold when the model ships one, and leaves it out when it does not", () => {
    expect(parseModelLabels(withGate({ ...base, short_threshold: 0.1, short_words: 12 })).gate).toEqual({
      crisis: 0.07,
      sentence: 0.54,
      short: { threshold: 0.1, words: 12 },
    });
    expect(parseModelLabels(withGate(base)).gate).toEqual({ crisis: 0.07, sentence: 0.54 });
  });

  it("refuses half a short threshold or a word count that is not a positive integer", () => {
    expect(() => parseModelLabels(withGate({ ...base, short_threshold: 0.1 }))).toThrow(/short_words/);
    expect(() => parseModelLabels(withGate({ ...base, short_words: 12 }))).toThrow(/short_threshold/);
    expect(() => parseModelLabels(withGate({ ...base, short_threshold: 0.1, short_words: 2.5 }))).toThrow(
      /positive integer/,
    );
    expect(() => parseModelLabels(withGate({ ...base, short_threshold: "0.1", short_words: 12 }))).toThrow(
      /short_threshold must be a number/,
    );
  });
});
