// The everyday-idiom exception to the model (idioms.ts): the issue's own examples do not fire,
// nothing near a crisis is ever treated as an idiom, and the lexical net still wins.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { crisisGate } from "./crisis-gate.js";
import { everydayIdiom } from "./idioms.js";

const HIGH = 0.9; // a model score far over any threshold
const T = 0.1;

describe("everydayIdiom", () => {
  it.each([
    ["this traffic is killing me", "nuisance-killing-me"],
    ["Ugh, this traffic is killing me.", "nuisance-killing-me"],
    ["this exam is literally killing me 😭", "nuisance-killing-me"],
    ["my feet are killing me today!", "nuisance-killing-me"],
    ["I'm dying to see it", "dying-to"],
    ["dying for a coffee lol", "dying-to"],
    ["this traffic will be the death of me", "nuisance-death-of-me"],
    ["this exam is gonna be the death of me", "nuisance-death-of-me"], // normalised to "going to"
  ])("%j is an everyday idiom", (text, id) => {
    expect(everydayIdiom(text)).toBe(id);
    expect(crisisGate(text, HIGH, T)).toEqual({ fired: false, reason: null, idiom: id });
  });

  it.each([
    "this life is killing me",
    "the loneliness is killing me",
    "everything is killing me",
    "this is killing me",
    "I'm dying to go to sleep forever",
    "i'm dying to be gone",
    "dying to see her again",
    "this traffic is killing me. i have the pills ready",
    "this job is killing me and honestly i'd rather not be here",
  ])("%j is not: the model decides", (text) => {
    expect(everydayIdiom(text)).toBeNull();
    expect(crisisGate(text, HIGH, T).fired).toBe(true);
  });

  it("the lexical net still wins, and a low score stays quiet", () => {
    expect(crisisGate("this exam is killing me, I want to kill myself", 0.01, T)).toMatchObject({
      fired: true,
      reason: "lexical",
    });
    expect(crisisGate("this traffic is killing me", 0.01, T)).toEqual({ fired: false, reason: null });
  });

  it("no crisis message in the corpus, the unused files or the held-out probe is taken for an idiom", () => {
    const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../model/data");
    const files = [
      ...readdirSync(path.join(data, "corpus")).map((f) => path.join(data, "corpus", f)),
      ...readdirSync(path.join(data, "not-used"))
        .filter((f) => f.endsWith(".jsonl"))
        .map((f) => path.join(data, "not-used", f)),
      path.join(data, "probes", "short.jsonl"),
    ];
    let crisis = 0;
    const taken: string[] = [];
    for (const f of files)
      for (const line of readFileSync(f, "utf8").split("\n")) {
        if (!line.trim()) continue;
        const r = JSON.parse(line) as { text: string; crisis: number };
        if (r.crisis !== 1) continue;
        crisis++;
        if (everydayIdiom(r.text)) taken.push(r.text);
      }
    expect(crisis).toBeGreaterThan(2000);
    expect(taken).toEqual([]);
  });
});
