import { describe, expect, it } from "vitest";
import type { Entry, Message } from "../app-contract";
import {
  activityDays,
  averageMood,
  checkInsFrom,
  computeInsights,
  emotionWords,
  exercisesCompleted,
  moodSeries,
  streaks,
  trapCounts,
  weekdayPattern,
  windowOf,
  type QuickCheckIn,
} from "./compute";
import { dayKey, startOfDay } from "./days";
import { questionsFor } from "./traps";

const TZ = "America/New_York";
/** Local noon in New York on a given day (EST −5 / EDT −4 handled by startOfDay). */
const at = (day: string, hour = 12) => startOfDay(day, TZ) + hour * 3_600_000;

let seq = 0;
function entry(
  day: string,
  opts: Partial<Entry> & { score?: 1 | 2 | 3 | 4 | 5; emotions?: string[]; guide?: string[] } = {},
): Entry {
  const created = at(day, 9);
  const messages: Message[] = (opts.guide ?? []).map((text, i) => ({
    id: `m${seq}-${i}`,
    sender: "guide",
    text,
    at: created + (i + 1) * 60_000,
  }));
  return {
    id: `e${seq++}`,
    title: opts.title ?? "",
    createdAt: created,
    updatedAt: created,
    tags: [],
    messages,
    conversation: { phase: "validation", usedResponses: [], turn: 0 },
    ...(opts.score ? { mood: { score: opts.score, emotions: opts.emotions ?? [], at: created } } : {}),
  };
}
const quick = (day: string, score: 1 | 2 | 3 | 4 | 5, emotions: string[] = [], hour = 20): QuickCheckIn => ({
  id: `q${seq++}`,
  score,
  emotions,
  at: at(day, hour),
});

describe("days in a time zone", () => {
  it("uses the local calendar day, across the DST change", () => {
    // 2026-03-08 02:00 local is when New York springs forward.
    expect(dayKey(Date.UTC(2026, 2, 9, 3, 30), TZ)).toBe("2026-03-08"); // 23:30 EDT
    expect(dayKey(Date.UTC(2026, 2, 9, 4, 30), TZ)).toBe("2026-03-09");
    expect(startOfDay("2026-03-09", TZ)).toBe(Date.UTC(2026, 2, 9, 4));
    expect(startOfDay("2026-03-01", TZ)).toBe(Date.UTC(2026, 2, 1, 5));
  });
});

describe("mood series and average", () => {
  const now = at("2026-03-10", 15); // a Tuesday
  const entries = [entry("2026-03-04", { score: 2 }), entry("2026-03-09", { score: 4, emotions: ["calm"] })];
  const q = [
    quick("2026-03-09", 5, ["calm", "hopeful"]),
    quick("2026-03-10", 3, ["tired"]),
    quick("2026-02-01", 1),
  ];
  const all = checkInsFrom(entries, q);

  it("collects entry moods and quick check-ins, oldest first", () => {
    expect(all.map((c) => [c.source, c.score])).toEqual([
      ["quick", 1],
      ["entry", 2],
      ["entry", 4],
      ["quick", 5],
      ["quick", 3],
    ]);
  });

  it("has one bucket per day for a week, with the day's mean", () => {
    const s = moodSeries(all, { period: "week", now, timeZone: TZ, locale: "en-GB" });
    expect(s.map((b) => b.key)).toEqual([
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-03-10",
    ]);
    expect(s.map((b) => b.average)).toEqual([2, null, null, null, null, 4.5, 3]);
    expect(s.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 2, 1]);
    expect(s[0]!.label).toBe("Wed 4 Mar");
  });

  it("has twelve monthly buckets for a year", () => {
    const s = moodSeries(all, { period: "year", now, timeZone: TZ, locale: "en-GB" });
    expect(s).toHaveLength(12);
    expect(s[0]!.key).toBe("2025-04");
    expect(s.at(-2)).toMatchObject({ key: "2026-02", average: 1, count: 1 });
    expect(s.at(-1)).toMatchObject({ key: "2026-03", average: 3.5, count: 4 });
  });

  it("averages to two decimals and is null without check-ins", () => {
    expect(averageMood(all)).toBe(3);
    expect(averageMood(all.slice(2))).toBe(4);
    expect(
      averageMood(
        checkInsFrom(
          [
            entry("2026-01-01", { score: 1 }),
            entry("2026-01-02", { score: 2 }),
            entry("2026-01-03", { score: 2 }),
          ],
          [],
        ),
      ),
    ).toBe(1.67);
    expect(averageMood([])).toBeNull();
  });

  it("counts emotion words per bucket, most frequent first", () => {
    const w = emotionWords(all, { period: "week", now, timeZone: TZ });
    expect(w.map((r) => [r.word, r.count])).toEqual([
      ["calm", 2],
      ["hopeful", 1],
      ["tired", 1],
    ]);
    expect(w[0]!.perBucket).toEqual([0, 0, 0, 0, 0, 2, 0]);
  });

  it("computes the window's average and day-of-week pattern together", () => {
    const ins = computeInsights({ entries, quick: q, exercises: [] }, { period: "month", now, timeZone: TZ });
    expect(ins.checkInCount).toBe(4); // 1 Feb falls outside the last 30 days
    expect(ins.average).toBe(3.5);
    expect(windowOf("month", now, TZ).from).toBe("2026-02-09");
  });
});

describe("streaks", () => {
  it("counts consecutive days, still alive before today's check-in", () => {
    const days = new Set([
      "2026-03-01",
      "2026-03-02",
      "2026-03-03",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
    ]);
    expect(streaks(days, "2026-03-09")).toEqual({ current: 5, longest: 5 });
    expect(streaks(days, "2026-03-10")).toEqual({ current: 5, longest: 5 });
    expect(streaks(days, "2026-03-11")).toEqual({ current: 0, longest: 5 });
    expect(streaks(new Set(), "2026-03-11")).toEqual({ current: 0, longest: 0 });
  });

  it("crosses month ends and the DST change, and counts entries and writing as activity", () => {
    const e = entry("2026-03-07");
    e.messages.push({ id: "u1", sender: "user", text: "late", at: at("2026-03-08", 21) }); // 21:00 EDT (the day is 23 h long)
    const days = activityDays(
      [e],
      checkInsFrom([], [quick("2026-02-28", 3), quick("2026-03-01", 3), quick("2026-03-09", 3, [], 1)]),
      TZ,
    );
    expect([...days].sort()).toEqual(["2026-02-28", "2026-03-01", "2026-03-07", "2026-03-08", "2026-03-09"]);
    expect(streaks(days, "2026-03-09")).toEqual({ current: 3, longest: 3 });
  });
});

describe("day-of-week pattern", () => {
  it("averages per weekday, Monday first", () => {
    const c = checkInsFrom(
      [],
      [
        quick("2026-03-09", 2),
        quick("2026-03-16", 4),
        quick("2026-03-14", 5),
        quick("2026-03-15", 1, [], 23),
      ],
    );
    const p = weekdayPattern(c, TZ);
    expect(p.map((d) => d.weekday)).toEqual([
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
    ]);
    expect(p.map((d) => d.average)).toEqual([3, null, null, null, null, 5, 1]);
    expect(p[0]!.count).toBe(2);
  });

  it("puts a late-evening check-in on its local day, not the UTC one", () => {
    // 23:00 Sunday in New York is already Monday in UTC.
    const p = weekdayPattern(checkInsFrom([], [quick("2026-03-15", 1, [], 23)]), TZ);
    expect(p[6]!.count).toBe(1);
    expect(p[0]!.count).toBe(0);
    expect(weekdayPattern(checkInsFrom([], [quick("2026-03-15", 1, [], 23)]), "UTC")[0]!.count).toBe(1);
  });
});

describe("thinking traps the guide noticed", () => {
  const cat = questionsFor("catastrophizing");
  const mind = questionsFor("mind_reading");
  it("counts guide turns that carry a trap's question, most frequent first", () => {
    const entries = [
      entry("2026-03-01", {
        guide: [`That sounds heavy. ${cat[0]!.text}`, "Tell me more about that.", cat[1]!.text],
      }),
      entry("2026-03-02", { guide: [mind[0]!.text] }),
      entry("2026-03-03", { guide: [`${cat[2]!.text}`] }),
    ];
    const counts = trapCounts(entries);
    expect(counts.map((c) => [c.trap, c.count])).toEqual([
      ["catastrophizing", 3],
      ["mind_reading", 1],
    ]);
    expect(counts[0]!.lastAt).toBe(entries[2]!.messages[0]!.at);
  });

  it("ignores the person's own words, crisis turns and turns outside the range", () => {
    const e = entry("2026-03-01", { guide: [cat[0]!.text, cat[1]!.text] });
    e.messages.push({ id: "u", sender: "user", text: cat[0]!.text, at: e.createdAt });
    e.messages[1]!.crisis = true;
    expect(trapCounts([e]).map((c) => c.count)).toEqual([1]);
    expect(trapCounts([e], e.createdAt + 10 * 60_000)).toEqual([]);
  });
});

describe("exercises completed", () => {
  it("counts completions, not stopped ones, within the range", () => {
    const rows = [
      { exerciseId: "box-breathing", endedAt: 10, outcome: "completed" as const },
      { exerciseId: "box-breathing", endedAt: 20, outcome: "completed" as const },
      { exerciseId: "grounding-54321", endedAt: 30, outcome: "completed" as const },
      { exerciseId: "grounding-54321", endedAt: 40, outcome: "stopped" as const },
      { exerciseId: "pmr", endedAt: 500, outcome: "completed" as const },
    ];
    expect(exercisesCompleted(rows, 0, 100)).toEqual({
      total: 3,
      byExercise: [
        { exerciseId: "box-breathing", count: 2 },
        { exerciseId: "grounding-54321", count: 1 },
      ],
    });
  });
});
