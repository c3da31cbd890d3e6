import { describe, expect, it } from "vitest";
import type { Entry } from "../app-contract";
import { ImportError, exportJson, exportMarkdown, parseImport } from "./export";

const t0 = 1_700_000_000_000;
const entries: Entry[] = [
  {
    id: "e1",
    title: 'Sunday "quotes" & émojis 🌧️',
    createdAt: t0,
    updatedAt: t0 + 5,
    mood: { score: 3, emotions: ["anxiety"], at: t0 + 1 },
    tags: ["work"],
    messages: [
      { id: "m1", sender: "user", text: "Line one\nline two", at: t0 + 2 },
      {
        id: "m2",
        sender: "guide",
        text: "What went through your mind?",
        at: t0 + 3,
        phase: "expression",
        crisis: false,
      },
    ],
    conversation: { phase: "expression", usedResponses: ["exp-3"], turn: 1 },
  },
  {
    id: "e2",
    title: "",
    createdAt: t0 + 9,
    updatedAt: t0 + 9,
    tags: [],
    messages: [],
    conversation: { phase: "validation", usedResponses: [], turn: 0 },
  },
];

describe("export / import", () => {
  it("JSON round-trips exactly", () => {
    const json = exportJson(entries, new Date(t0));
    expect(parseImport(json)).toEqual(entries);
    expect(exportJson(parseImport(json), new Date(t0))).toBe(json);
  });

  it("rejects bad files with a clear message that never echoes content", () => {
    expect(() => parseImport("not json")).toThrow(ImportError);
    expect(() => parseImport("{}")).toThrow(/not a VentWell export/);
    const bad = JSON.parse(exportJson(entries, new Date(t0)));
    bad.entries[0].messages[0].sender = "SECRET-SENDER";
    try {
      parseImport(JSON.stringify(bad));
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/entries\.0\.messages\.0\.sender/);
      expect((e as Error).message).not.toContain("SECRET");
    }
    const dup = JSON.parse(exportJson(entries, new Date(t0)));
    dup.entries[1].id = "e1";
    expect(() => parseImport(JSON.stringify(dup))).toThrow(/share one id/);
    const extra = JSON.parse(exportJson(entries, new Date(t0)));
    extra.entries[0].unexpected = 1;
    expect(() => parseImport(JSON.stringify(extra))).toThrow(ImportError);
  });

  it("Markdown holds every entry, message and mood", () => {
    const md = exportMarkdown(entries, new Date(t0));
    expect(md).toContain('## Sunday "quotes" & émojis 🌧️');
    expect(md).toContain("## Untitled entry");
    expect(md).toContain("> Line one\n> line two");
    expect(md).toContain("**Guide**");
    expect(md).toContain("**Mood:** 3/5 — anxiety");
  });
});
