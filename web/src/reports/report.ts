/**
 * "Summary for my therapist": the data of a date-range report, built on the device from
 * decrypted entries and check-ins. The Markdown and PDF writers only lay this out.
 */
import type { Entry } from "../app-contract";
import { thoughtRecordFromEntry, THOUGHT_RECORD_TAG, type ThoughtRecord } from "../exercises/thought-record";
import { checkInsFrom, trapCounts, type QuickCheckIn } from "../insights/compute";
import { dayKey, startOfDay, dayNumber, keyOfDayNumber } from "../insights/days";
import { TRAP_NAMES } from "../insights/traps";
import { emotionLabel, moodWord } from "../insights/words";

export interface ReportOptions {
  /** Local days, inclusive: "YYYY-MM-DD". */
  from: string;
  to: string;
  timeZone: string;
  /** Entries to include in full (thought records in the range are always included). */
  entryIds: readonly string[];
  generatedAt: number;
}

export interface MoodRow {
  date: string;
  time: string;
  score: number;
  mood: string;
  emotions: string;
  source: "Entry" | "Quick check-in";
}

export interface ReportEntry {
  title: string;
  date: string;
  mood?: string;
  messages: { who: "Me" | "Guide"; time: string; text: string }[];
}

export interface Report {
  from: string;
  to: string;
  generatedAt: string;
  moods: MoodRow[];
  summary: { count: number; average: number | null; lowest: number | null; highest: number | null };
  traps: { name: string; count: number }[];
  entries: ReportEntry[];
  thoughtRecords: (ThoughtRecord & { date: string; trapNames: string[] })[];
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a range from date inputs; returns a plain message or null. */
export function checkRange(from: string, to: string): string | null {
  if (!DAY_RE.test(from) || !DAY_RE.test(to)) return "Choose a start and an end date.";
  if (from > to) return "The start date is after the end date.";
  if (dayNumber(to) - dayNumber(from) > 3660) return "Choose a range of ten years or less.";
  return null;
}

function timeOf(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(ms);
}

export function buildReport(
  entries: readonly Entry[],
  quick: readonly QuickCheckIn[],
  o: ReportOptions,
): Report {
  const problem = checkRange(o.from, o.to);
  if (problem) throw new Error(problem);
  const tz = o.timeZone;
  const inRange = (ms: number) => {
    const k = dayKey(ms, tz);
    return k >= o.from && k <= o.to;
  };
  const moods: MoodRow[] = checkInsFrom(entries, quick)
    .filter((c) => inRange(c.at))
    .map((c) => ({
      date: dayKey(c.at, tz),
      time: timeOf(c.at, tz),
      score: c.score,
      mood: moodWord(c.score),
      emotions: c.emotions.map(emotionLabel).join(", "),
      source: c.source === "entry" ? "Entry" : "Quick check-in",
    }));
  const scores = moods.map((m) => m.score);
  const summary = {
    count: scores.length,
    average: scores.length
      ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100
      : null,
    lowest: scores.length ? Math.min(...scores) : null,
    highest: scores.length ? Math.max(...scores) : null,
  };
  const fromMs = startOfDay(o.from, tz);
  const toMs = startOfDay(keyOfDayNumber(dayNumber(o.to) + 1), tz) - 1;
  const traps = trapCounts(entries, fromMs, toMs).map((t) => ({ name: TRAP_NAMES[t.trap], count: t.count }));

  const chosen = new Set(o.entryIds);
  const byDate = [...entries].sort((a, b) => a.createdAt - b.createdAt);
  const thoughtRecords = byDate
    .filter((e) => e.tags.includes(THOUGHT_RECORD_TAG) && inRange(e.createdAt))
    .map((e) => thoughtRecordFromEntry(e))
    .filter((r): r is ThoughtRecord => r !== undefined)
    .map((r) => ({ ...r, date: dayKey(r.createdAt, tz), trapNames: r.traps.map((t) => TRAP_NAMES[t]) }));
  const reportEntries = byDate
    .filter((e) => chosen.has(e.id) && !e.tags.includes(THOUGHT_RECORD_TAG) && inRange(e.createdAt))
    .map((e) => ({
      title: e.title.trim() || "Untitled entry",
      date: dayKey(e.createdAt, tz),
      ...(e.mood ? { mood: moodWord(e.mood.score) } : {}),
      messages: e.messages.map((m) => ({
        who: m.sender === "user" ? ("Me" as const) : ("Guide" as const),
        time: timeOf(m.at, tz),
        text: m.crisis ? "(The support screen was shown here.)" : m.text,
      })),
    }));
  return {
    from: o.from,
    to: o.to,
    generatedAt: dayKey(o.generatedAt, tz),
    moods,
    summary,
    traps,
    entries: reportEntries,
    thoughtRecords,
  };
}
