import { describe, expect, it } from "vitest";
import { createSearchIndex, highlights, snippet, type SearchDoc } from "./engine";
import { terms } from "./tokenize";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
function doc(
  id: string,
  day: number,
  title: string,
  messages: string[],
  extra: Partial<SearchDoc> = {},
): SearchDoc {
  return {
    entryId: id,
    title,
    createdAt: T0 + day * DAY,
    tags: [],
    messages: messages.map((text, i) => ({ id: `${id}-m${i}`, text, sender: i % 2 ? "guide" : "user" })),
    ...extra,
  };
}
const ids = (r: { hits: { entryId: string }[] }) => r.hits.map((h) => h.entryId);

describe("tokenizing", () => {
  it("folds case, accents and apostrophes", () => {
    expect(terms("Don't PANIC — café, naïve 42")).toEqual(["dont", "panic", "cafe", "naive", "42"]);
  });
});

describe("ranking", () => {
  it("boosts a title match above a single message match", () => {
    const ix = createSearchIndex();
    ix.upsert(doc("body", 5, "Tuesday", ["the interview went badly"]));
    ix.upsert(doc("title", 1, "Interview day", ["nothing else to say"]));
    expect(ids(ix.search({ text: "interview" }))).toEqual(["title", "body"]);
  });

  it("ranks by how often the word occurs", () => {
    const ix = createSearchIndex();
    ix.upsert(doc("once", 9, "", ["I slept badly"]));
    ix.upsert(
      doc("often", 1, "", ["slept badly again", "could not sleep, slept at four", "slept through the alarm"]),
    );
    expect(ids(ix.search({ text: "slept" }))).toEqual(["often", "once"]);
  });

  it("breaks ties by recency, newest first", () => {
    const ix = createSearchIndex();
    ix.upsert(doc("old", 1, "", ["a walk by the river"]));
    ix.upsert(doc("new", 3, "", ["a walk by the river"]));
    ix.upsert(doc("mid", 2, "", ["a walk by the river"]));
    expect(ids(ix.search({ text: "river walk" }))).toEqual(["new", "mid", "old"]);
  });

  it("needs every word somewhere in the entry, and an exact word beats a prefix", () => {
    const ix = createSearchIndex();
    ix.upsert(doc("both", 1, "Work", ["my manager was anxious"]));
    ix.upsert(doc("one", 2, "", ["my manager"]));
    ix.upsert(doc("prefix", 3, "", ["anxiousness about the manager"]));
    expect(ids(ix.search({ text: "manager anxious" }))).toEqual(["both", "prefix"]);
    expect(ids(ix.search({ text: "anx" }))).toEqual(["prefix", "both"]); // same weight: newer first
  });

  it("points at the best message and its highlighted words", () => {
    const ix = createSearchIndex();
    ix.upsert(
      doc("e", 1, "Sunday", [
        "coffee with Sam",
        "How did that feel?",
        "Sam said the party was fun, and Sam laughed",
      ]),
    );
    const [hit] = ix.search({ text: "sam" }).hits;
    expect(hit!.message).toMatchObject({ id: "e-m2", index: 2, sender: "user" });
    const m = hit!.message!;
    expect(m.highlights.map(([s, e]) => m.snippet.slice(s, e))).toEqual(["Sam", "Sam"]);
    expect(hit!.matchingMessages).toBe(2);
  });

  it("updates incrementally: re-indexing and removing an entry", () => {
    const ix = createSearchIndex();
    ix.upsert(doc("a", 1, "", ["lighthouse"]));
    ix.upsert(doc("b", 2, "", ["harbour"]));
    expect(ids(ix.search({ text: "lighthouse" }))).toEqual(["a"]);
    ix.upsert(doc("a", 1, "", ["harbour at dusk"]));
    expect(ids(ix.search({ text: "lighthouse" }))).toEqual([]);
    expect(ids(ix.search({ text: "harbour" }))).toEqual(["b", "a"]);
    ix.remove("b");
    expect(ids(ix.search({ text: "harb" }))).toEqual(["a"]);
    expect(ix.size()).toBe(1);
    ix.clear();
    expect(ix.search({ text: "harbour" }).total).toBe(0);
  });
});

describe("filters", () => {
  const ix = createSearchIndex();
  ix.upsert(doc("jan2", 1, "", ["rain again"], { mood: 2, tags: ["work"] }));
  ix.upsert(doc("jan5", 4, "", ["rain and wind"], { mood: 4, tags: ["thought-record"] }));
  ix.upsert(doc("jan9", 8, "", ["rain, then sun"], { tags: ["work", "family"] }));

  it("by date range (inclusive)", () => {
    expect(ids(ix.search({ text: "rain", from: T0 + 4 * DAY, to: T0 + 8 * DAY }))).toEqual(["jan9", "jan5"]);
    expect(ids(ix.search({ text: "rain", to: T0 + 4 * DAY - 1 }))).toEqual(["jan2"]);
  });
  it("by mood", () => {
    expect(ids(ix.search({ text: "rain", moods: [4, 5] }))).toEqual(["jan5"]);
    expect(ids(ix.search({ text: "rain", moods: [] }))).toHaveLength(3);
  });
  it("by tag", () => {
    expect(ids(ix.search({ text: "rain", tags: ["work"] }))).toEqual(["jan9", "jan2"]);
    expect(ix.tags()).toEqual(["family", "thought-record", "work"]);
  });
  it("with no words: every entry that passes the filters, newest first", () => {
    expect(ids(ix.search({ text: "  ", tags: ["work"] }))).toEqual(["jan9", "jan2"]);
  });
});

describe("snippets", () => {
  it("cut long text around the first match and keep highlights aligned", () => {
    const text = `${"quiet ".repeat(40)}the lantern was lit ${"calm ".repeat(40)}`;
    const s = snippet(text, ["lantern"]);
    expect(s.snippet.startsWith("…")).toBe(true);
    expect(s.snippet.endsWith("…")).toBe(true);
    expect(s.snippet.length).toBeLessThan(175);
    expect(s.highlights.map(([a, b]) => s.snippet.slice(a, b))).toEqual(["lantern"]);
  });
  it("highlight prefixes and accents in the original text", () => {
    const t = "Café visits calm me";
    expect(highlights(t, ["cafe", "cal"]).map(([a, b]) => t.slice(a, b))).toEqual(["Café", "calm"]);
  });
});
