import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Entry } from "../app-contract";
import { thoughtRecordMessages } from "../exercises/thought-record";
import { startOfDay } from "../insights/days";
import { questionsFor } from "../insights/traps";
import { buildReport, checkRange, moodCsv, reportMarkdown, csvCell } from "./index";
import { pdfSafe, reportPdf } from "./pdf";

const TZ = "Europe/Berlin";
const at = (day: string, h: number, m = 0) => startOfDay(day, TZ) + h * 3_600_000 + m * 60_000;

function entry(id: string, day: string, patch: Partial<Entry> = {}): Entry {
  return {
    id,
    title: "",
    createdAt: at(day, 9),
    updatedAt: at(day, 9),
    tags: [],
    messages: [],
    conversation: { phase: "validation", usedResponses: [], turn: 0 },
    ...patch,
  };
}

const record = thoughtRecordMessages({
  situation: "Presentation at work",
  automaticThought: "Everyone will see I'm a fraud",
  emotion: "anxious",
  intensityBefore: 80,
  traps: ["mind_reading", "catastrophizing"],
  evidenceFor: "I stumbled once",
  evidenceAgainst: "My manager thanked me",
  balancedThought: "One stumble isn't the whole talk",
  intensityAfter: 40,
});
const entries: Entry[] = [
  entry("a", "2026-04-02", {
    title: "Rough Thursday",
    mood: { score: 2, emotions: ["anxiety", "tired"], at: at("2026-04-02", 21, 5) },
    messages: [
      {
        id: "m1",
        sender: "user",
        text: "Work was a lot | too much.\n# not a heading",
        at: at("2026-04-02", 21),
      },
      {
        id: "m2",
        sender: "guide",
        text: `That sounds hard. ${questionsFor("catastrophizing")[0]!.text}`,
        at: at("2026-04-02", 21, 1),
      },
    ],
  }),
  entry("b", "2026-04-03", {
    title: "Not chosen",
    mood: { score: 4, emotions: ["calm"], at: at("2026-04-03", 8, 30) },
  }),
  entry("tr", "2026-04-04", {
    title: "Thought record: Presentation at work",
    tags: ["thought-record"],
    messages: record.map((text, i) => ({
      id: `t${i}`,
      sender: "user" as const,
      text,
      at: at("2026-04-04", 10),
    })),
  }),
  entry("late", "2026-05-01", {
    title: "Outside",
    mood: { score: 5, emotions: [], at: at("2026-05-01", 9) },
  }),
];
const quick = [
  { id: "q1", score: 3 as const, emotions: ["=cmd|' /C calc'!A0"], at: at("2026-04-03", 22, 15) },
];
const report = buildReport(entries, quick, {
  from: "2026-04-01",
  to: "2026-04-30",
  timeZone: TZ,
  entryIds: ["a", "tr", "late"],
  generatedAt: at("2026-05-02", 12),
});

describe("therapist summary data", () => {
  it("has the range's mood rows in order, in local time", () => {
    expect(report.moods.map((m) => [m.date, m.time, m.score, m.mood, m.source])).toEqual([
      ["2026-04-02", "21:05", 2, "Low", "Entry"],
      ["2026-04-03", "08:30", 4, "Good", "Entry"],
      ["2026-04-03", "22:15", 3, "Okay", "Quick check-in"],
    ]);
    expect(report.moods[0]!.emotions).toBe("Anxious, Tired");
    expect(report.summary).toEqual({ count: 3, average: 3, lowest: 2, highest: 4 });
    expect(report.traps).toEqual([{ name: "Catastrophizing", count: 1 }]);
  });

  it("includes chosen entries in range, and every thought record in range", () => {
    expect(report.entries.map((e) => e.title)).toEqual(["Rough Thursday"]);
    expect(report.thoughtRecords).toHaveLength(1);
    expect(report.thoughtRecords[0]).toMatchObject({
      date: "2026-04-04",
      intensityBefore: 80,
      intensityAfter: 40,
      trapNames: ["Mind reading", "Catastrophizing"],
    });
  });

  it("refuses a reversed or missing range with a plain message", () => {
    expect(checkRange("2026-05-01", "2026-04-01")).toBe("The start date is after the end date.");
    expect(checkRange("", "2026-04-01")).toBe("Choose a start and an end date.");
    expect(() =>
      buildReport([], [], {
        from: "2026-05-01",
        to: "2026-04-01",
        timeZone: TZ,
        entryIds: [],
        generatedAt: 0,
      }),
    ).toThrow("after the end");
  });
});

describe("CSV of mood check-ins", () => {
  it("has a header, CRLF rows, quoted fields and defused formulas", () => {
    const csv = moodCsv(report.moods);
    expect(csv.split("\r\n")).toEqual([
      "date,time,score,mood,emotions,source",
      '2026-04-02,21:05,2,Low,"Anxious, Tired",Entry',
      "2026-04-03,08:30,4,Good,Calm,Entry",
      `2026-04-03,22:15,3,Okay,"'=cmd|' /C calc'!A0",Quick check-in`,
      "",
    ]);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("-5")).toBe(`"'-5"`);
  });
});

describe("Markdown summary", () => {
  const md = reportMarkdown(report);
  it("has the mood table, thought record and quoted entry text", () => {
    expect(md).toContain("| Date | Time | Mood (1–5) | Feelings | From |");
    expect(md).toContain("| 2026-04-02 | 21:05 | 2 Low | Anxious, Tired | Entry |");
    expect(md).toContain("| 2026-04-03 | 22:15 | 3 Okay | =cmd\\|' /C calc'!A0 | Quick check-in |");
    expect(md).toContain("- **Balanced thought:** One stumble isn't the whole talk");
    expect(md).toContain("- **Thinking traps:** Mind reading; Catastrophizing");
    expect(md).toContain("> Work was a lot | too much.\n> # not a heading");
    expect(md).toContain("3 check-ins · average 3 of 5 · lowest 2 · highest 4");
    expect(md).not.toContain("Not chosen");
    expect(md).not.toContain("Outside");
  });
});

const FONTS = `${path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"))}/standard_fonts/`;

async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes, isEvalSupported: false, standardFontDataUrl: FONTS }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((it) => ("str" in it ? it.str : ""))
        .join(" ")
        .replace(/\s+/g, " "),
    );
  }
  return pages;
}

describe("PDF summary", () => {
  it("opens and contains the mood table rows", async () => {
    const bytes = reportPdf(report);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const text = (await pdfText(bytes)).join(" ");
    expect(text).toContain("Summary for my therapist");
    expect(text).toContain("2026-04-02 21:05 2 Low Anxious, Tired Entry");
    expect(text).toContain("2026-04-03 08:30 4 Good Calm Entry");
    expect(text).toContain("Balanced thought");
    expect(text).toContain("Rough Thursday");
  });

  it("breaks long tables across pages and repeats the header", async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      ...report.moods[0]!,
      time: `10:${String(i % 60).padStart(2, "0")}`,
    }));
    const pages = await pdfText(reportPdf({ ...report, moods: many }));
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages.slice(0, 2)) expect(p).toContain("Date Time Mood (1-5) Feelings From");
  });

  it("folds characters the standard font can't draw", () => {
    expect(pdfSafe("“It’s fine” — 😊 café")).toBe('"It\'s fine" - ? café');
  });
});
