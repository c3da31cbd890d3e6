import { describe, expect, it } from "vitest";
import { crisisGate, lexicalMatch } from "./crisis-gate.js";
import { normalizeForGate, withinOneEdit } from "./normalize.js";

const T = 0.5; // a stand-in for labels.json's crisis threshold

/** [text, should the lexical net fire?] — explicit, implicit, idioms, topics, negation. */
const LEXICAL: [string, boolean][] = [
  // explicit
  ["I want to kill myself", true],
  ["i wanna kill myself tonight", true],
  ["I'm going to KILL MYSELF.", true],
  ["Sometimes I think about killing myself", true],
  ["i want to kil myself", true],
  ["I want to kill my self", true],
  ["kms honestly", true],
  ["I just want to end my life", true],
  ["I'm going to end it all", true],
  ["I've been thinking about taking my own life", true],
  ["I feel suicidal", true],
  ["I've been having suicidal thoughts again", true],
  ["thinking about suicide a lot lately", true],
  ["I'm so sucidal", true],
  ["i feel suicdal", true],
  ["I want to unalive myself", true],
  ["I don't want to be alive anymore", true],
  ["I dont want to be here anymore", true],
  ["I don't want to live anymore", true],
  ["I don't want to live like this", true],
  ["Everyone would be better off without me", true],
  ["they'd all be better off without me", true],
  ["I want to die", true],
  ["I just want to die and not feel this", true],
  ["I wish I was dead", true],
  ["I wish I had never been born", true],
  ["I'm thinking about an overdose", true],
  ["I might take all my pills tonight", true],
  ["I've been saving up my sleeping pills", true],
  ["I cut myself again last night", true],
  ["I've started cutting again", true],
  ["I burn myself when it gets bad", true],
  ["I want to hurt myself", true],
  ["I keep thinking about self-harm", true],
  ["I relapsed on self harm", true],
  ["I'm going to jump off the bridge", true],
  ["I bought a rope and I just want it to be over with the pain, to die", true],
  ["I have a gun and I want to end this", true],
  ["I want to hang myself", true],
  ["I wrote goodbye letters to my family", true],
  ["I've been giving away my things", true],
  ["No one would miss me if I was gone", true],
  ["I won't be around much longer", true],
  ["there's no reason to live", true],
  ["I'm tired of being alive", true],
  ["How many pills would it take", true],
  ["it would be easier if I just didn't wake up tomorrow", true],
  ["things would be better if I was gone", true],
  ["I will not hurt myself tonight", true],
  ["I want to off myself", true],
  ["I keep hoping I get hit by a bus on the way home", true],
  ["I've been googling ways to die", true],
  ["I just want to go to sleep and never wake up", true],
  ["the world would be a better place without me", true],
  ["Cut again. I hate this", true],
  ["I burned my arm on the stove on purpose", true],
  ["I don't deserve to live", true],
  ["I'm not going to be here tomorrow", true],
  ["I'd rather be dead", true],
  ["my therapist asked if I'd had thoughts of self-harm and I said yes", true],
  // negation that does not defuse
  ["I'm not going to kill myself… I think", true],
  ["I'm not going to kill myself. I think.", true],
  ["I would never kill myself", true],
  ["I'm not suicidal, just really sad", true],
  ["I'd never hurt myself... probably", true],
  ["I don't want to hurt myself but sometimes I do", true],
  ["I'm not going to lie, I want to hurt myself", true],
  // hyperbole with an explicit phrase still fires (we cannot tell it apart safely)
  ["If I have to sit through one more meeting I'll kill myself", true],
  // other people (crisis lines help people who are worried about someone)
  ["My brother said he wants to kill himself", true],
  ["My friend died by suicide last year and now I keep thinking about doing it too", true],
  ["I watched a film about suicide and now I feel suicidal again", true],
  ["I used to cut myself and the urges are coming back", true],
  // misspelling, leetspeak, stretched letters, curly apostrophes
  ["I w4nt to k1ll myself", true],
  ["i want to kill myselfff", true],
  ["I don’t want to be alive anymore", true],
  ["i want to kill myslef", true],

  // idioms: do not fire
  ["This traffic is killing me", false],
  ["my feet are killing me after that hike", false],
  ["I'm dying to see the new film", false],
  ["Can you kill the lights?", false],
  ["My phone died in the middle of the call", false],
  ["That exam killed me", false],
  ["I'd kill for a coffee right now", false],
  ["She's killing it at work", false],
  ["I almost died laughing", false],
  ["I'm dead tired", false],
  ["I ran 10 kms this morning", false],
  ["He's killing himself working those hours", false],
  ["Kill me now, this lecture is endless", false],
  ["I'm going to kill it at the interview", false],
  ["I could die of embarrassment", false],
  ["I overdosed on coffee today", false],
  ["the deadline is going to be the death of me lol", false],
  ["we watched Suicide Squad last night", false],
  ["I'm writing my essay on suicide prevention and I'm stressed about the deadline", false],
  ["I went to a suicide awareness walk with my mum", false],
  ["my uncle died by suicide when I was small and I miss him today", false],
  ["our nursing lecture covered self-harm and how to respond", false],
  ["two years self harm free today and I feel proud", false],
  ["I used to want to die when I was a teenager, life is so different now", false],
  ["he hit me on purpose and I'm furious", false],
  ["I'm dying to see the bridge they built downtown", false],
  ["this is my last entry in this journal, it's full", false],
  ["the nurse asked whether I'd had thoughts of harming myself. I said no, I haven't.", false],
  ["I scratched my arm on a bramble walking the dog", false],
  // accidents, not self-harm
  ["I cut myself shaving this morning", false],
  ["I burned myself on the stove while cooking", false],
  ["I hurt myself at the gym", false],
  // firm negation of self-harm, with no hedge
  ["I'd never hurt myself, I'm just tired", false],
  ["I don't hurt myself anymore, I've been doing better", false],
  // ordinary distress without explicit phrases (the model decides these)
  ["I can't do this anymore, work is crushing me", false],
  ["I feel so alone and nobody texts me back", false],
  ["I want to live in a city by the sea one day", false],
  ["I bought a rope for the camping trip", false],
  ["I need to take my pills before bed", false],
  ["I'm so tired of this job", false],
  ["I want to disappear for a weekend and just sleep", false],
];

describe("crisis gate: lexical safety net", () => {
  it(`has a table of at least 60 cases (${LEXICAL.length})`, () => {
    expect(LEXICAL.length).toBeGreaterThanOrEqual(60);
  });

  it.each(LEXICAL)("%s → %s", (text, fires) => {
    const r = crisisGate(text, 0, T);
    expect(r.fired, `matched: ${r.matched ?? "nothing"}`).toBe(fires);
    if (fires) {
      expect(r.reason).toBe("lexical");
      expect(r.matched).toMatch(/^[a-z_]+$/); // a rule id, never the person's words
    } else {
      expect(r.reason).toBeNull();
    }
  });
});

describe("crisis gate: model score", () => {
  it("fires on the model alone for implicit crisis language", () => {
    const implicit = "I've been sorting out who gets my things and I feel calm about it now";
    expect(lexicalMatch(implicit)).toBeNull();
    expect(crisisGate(implicit, 0.91, T)).toEqual({ fired: true, reason: "model" });
    expect(crisisGate(implicit, 0.12, T)).toEqual({ fired: false, reason: null });
  });

  it("uses the threshold it is given, inclusively", () => {
    expect(crisisGate("rough day", 0.3, 0.3).fired).toBe(true);
    expect(crisisGate("rough day", 0.29, 0.3).fired).toBe(false);
  });

  it("fires on one sentence's score at the sentence threshold, and only with both", () => {
    const text = "Long day, the meeting ran over. I'm so tired of all of it.";
    expect(lexicalMatch(text)).toBeNull();
    const at = (score: number | undefined, threshold: number | undefined) =>
      crisisGate(text, 0.02, 0.07, { score, threshold });
    expect(at(0.6, 0.54)).toEqual({ fired: true, reason: "model" });
    expect(at(0.54, 0.54).fired).toBe(true);
    expect(at(0.53, 0.54).fired).toBe(false);
    expect(at(undefined, 0.54).fired).toBe(false); // one sentence: nothing scored alone
    expect(at(0.99, undefined).fired).toBe(false); // a model without a sentence threshold
    expect(at(Number.NaN, 0.54).fired).toBe(false);
    expect(crisisGate(text, 0.02, 0.07).fired).toBe(false);
  });

  it("a lexical match wins over a low score, and a missing score still leaves the net", () => {
    expect(crisisGate("I want to end my life", 0.01, T)).toMatchObject({ fired: true, reason: "lexical" });
    expect(crisisGate("I want to end my life", Number.NaN, T)).toMatchObject({
      fired: true,
      reason: "lexical",
    });
    expect(crisisGate("nice walk today", Number.NaN, T).fired).toBe(false);
  });
});

describe("normalisation", () => {
  it("expands contractions and keeps sentence breaks", () => {
    expect(normalizeForGate("I can't. I won't! I'm done").normalized).toBe(
      "i can not. i will not! i am done",
    );
    expect(normalizeForGate("I don’t wanna").normalized).toBe("i do not want to");
    expect(normalizeForGate("trailing off…").hedged).toBe(true);
  });

  it("corrects safety keywords one edit away, and only those", () => {
    expect(withinOneEdit("myslef", "myself")).toBe(true);
    expect(withinOneEdit("sucide", "suicide")).toBe(true);
    expect(withinOneEdit("itself", "myself")).toBe(false);
    expect(normalizeForGate("suicde").normalized).toBe("suicide");
    expect(normalizeForGate("herself").normalized).toBe("herself");
  });
});
