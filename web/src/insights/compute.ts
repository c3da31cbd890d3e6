/**
 * Mood insights, computed on the device from decrypted entries and check-ins: a mood series
 * over a week / month / year, the average, streaks, the day-of-week pattern, emotion words
 * over time, the thinking traps the guide noticed, exercises completed.
 * @remarks Pure functions of their input plus an explicit `now` and time zone, so tests can
 * pin both; nothing here stores or sends anything.
 */
import type { Entry, MoodCheckIn } from "../app-contract";
import { dayKey, dayNumber, keyOfDayNumber, monthKey, startOfDay, weekdayOf, WEEKDAYS } from "./days";
import { trapsInGuideText, type Trap } from "./traps";

export type Period = "week" | "month" | "year";
export const PERIODS: readonly Period[] = ["week", "month", "year"];

/** A mood check-in from an entry or from the quick check-in on the home screen. */
export interface CheckIn {
  at: number;
  score: MoodCheckIn["score"];
  emotions: string[];
  source: "entry" | "quick";
  entryId?: string;
}

export interface QuickCheckIn extends MoodCheckIn {
  id: string;
}

/** A finished exercise, as the exercises log reports it (web/src/exercises). */
export interface CompletedExercise {
  exerciseId: string;
  endedAt: number;
  outcome: "completed" | "stopped";
}

export interface InsightOptions {
  period: Period;
  now: number;
  timeZone: string;
  /** For bucket labels; the platform's when omitted. */
  locale?: string;
}

/** Every check-in, oldest first. */
export function checkInsFrom(entries: readonly Entry[], quick: readonly QuickCheckIn[]): CheckIn[] {
  const out: CheckIn[] = [];
  for (const e of entries)
    if (e.mood)
      out.push({
        at: e.mood.at,
        score: e.mood.score,
        emotions: [...e.mood.emotions],
        source: "entry",
        entryId: e.id,
      });
  for (const q of quick) out.push({ at: q.at, score: q.score, emotions: [...q.emotions], source: "quick" });
  return out.sort((a, b) => a.at - b.at);
}

export interface Bucket {
  /** "YYYY-MM-DD" for a day, "YYYY-MM" for a month. */
  key: string;
  label: string;
  /** Mean score, two decimals; null when there was no check-in. */
  average: number | null;
  count: number;
}

/** The window a period covers: the last 7 or 30 days, or the last 12 months, ending today. */
export function windowOf(
  period: Period,
  now: number,
  timeZone: string,
): { from: string; to: string; keys: string[] } {
  const today = dayKey(now, timeZone);
  const t = dayNumber(today);
  if (period === "year") {
    const [y, m] = today.split("-").map(Number) as [number, number];
    const keys: string[] = [];
    for (let i = 11; i >= 0; i--) {
      const d = new Date(Date.UTC(y, m - 1 - i, 1));
      keys.push(d.toISOString().slice(0, 7));
    }
    return { from: `${keys[0]}-01`, to: today, keys };
  }
  const n = period === "week" ? 7 : 30;
  const keys = Array.from({ length: n }, (_, i) => keyOfDayNumber(t - (n - 1) + i));
  return { from: keys[0]!, to: today, keys };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

function labelOf(key: string, locale: string | undefined): string {
  const d = new Date(key.length === 7 ? `${key}-01T00:00:00Z` : `${key}T00:00:00Z`);
  const opts: Intl.DateTimeFormatOptions =
    key.length === 7
      ? { month: "short", year: "numeric", timeZone: "UTC" }
      : { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, opts).format(d);
}

/** Check-ins inside the period's window. */
export function inWindow(checkIns: readonly CheckIn[], o: InsightOptions): CheckIn[] {
  const { from, to } = windowOf(o.period, o.now, o.timeZone);
  return checkIns.filter((c) => {
    const k = dayKey(c.at, o.timeZone);
    return k >= from && k <= to;
  });
}

/** One bucket per day (week, month) or per month (year), oldest first. */
export function moodSeries(checkIns: readonly CheckIn[], o: InsightOptions): Bucket[] {
  const { keys } = windowOf(o.period, o.now, o.timeZone);
  const scores = new Map<string, number[]>(keys.map((k) => [k, []]));
  for (const c of checkIns) {
    const day = dayKey(c.at, o.timeZone);
    scores.get(o.period === "year" ? monthKey(day) : day)?.push(c.score);
  }
  return keys.map((key) => {
    const s = scores.get(key)!;
    return { key, label: labelOf(key, o.locale), average: mean(s), count: s.length };
  });
}

export function averageMood(checkIns: readonly CheckIn[]): number | null {
  return mean(checkIns.map((c) => c.score));
}

/** Days with a check-in, a new entry or something the person wrote. */
export function activityDays(
  entries: readonly Entry[],
  checkIns: readonly CheckIn[],
  timeZone: string,
): Set<string> {
  const days = new Set<string>();
  for (const c of checkIns) days.add(dayKey(c.at, timeZone));
  for (const e of entries) {
    days.add(dayKey(e.createdAt, timeZone));
    for (const m of e.messages) if (m.sender === "user") days.add(dayKey(m.at, timeZone));
  }
  return days;
}

export interface Streaks {
  /** Consecutive days up to today; a streak still counts today before today's check-in. */
  current: number;
  longest: number;
}

export function streaks(days: ReadonlySet<string>, today: string): Streaks {
  const nums = [...days].map(dayNumber).sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < nums.length; i++) {
    run = i > 0 && nums[i] === nums[i - 1]! + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const set = new Set(nums);
  const t = dayNumber(today);
  let d = set.has(t) ? t : t - 1;
  let current = 0;
  while (set.has(d)) {
    current++;
    d--;
  }
  return { current, longest };
}

export interface WeekdayMood {
  weekday: (typeof WEEKDAYS)[number];
  average: number | null;
  count: number;
}

/** Mean mood per day of the week, Monday first. */
export function weekdayPattern(checkIns: readonly CheckIn[], timeZone: string): WeekdayMood[] {
  const scores: number[][] = WEEKDAYS.map(() => []);
  for (const c of checkIns) scores[weekdayOf(dayKey(c.at, timeZone))]!.push(c.score);
  return WEEKDAYS.map((weekday, i) => ({ weekday, average: mean(scores[i]!), count: scores[i]!.length }));
}

export interface EmotionWordCount {
  word: string;
  count: number;
  /** Counts per bucket of `moodSeries` (same keys, same order). */
  perBucket: number[];
}

/** Emotion words picked in check-ins, most frequent first (ties: alphabetical). */
export function emotionWords(checkIns: readonly CheckIn[], o: InsightOptions): EmotionWordCount[] {
  const { keys } = windowOf(o.period, o.now, o.timeZone);
  const index = new Map(keys.map((k, i) => [k, i]));
  const counts = new Map<string, EmotionWordCount>();
  for (const c of checkIns) {
    const day = dayKey(c.at, o.timeZone);
    const i = index.get(o.period === "year" ? monthKey(day) : day);
    if (i === undefined) continue;
    for (const word of new Set(c.emotions)) {
      let row = counts.get(word);
      if (!row) counts.set(word, (row = { word, count: 0, perBucket: keys.map(() => 0) }));
      row.count++;
      row.perBucket[i]!++;
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
}

export interface TrapCount {
  trap: Trap;
  count: number;
  lastAt: number;
}

/**
 * How often the guide asked about each thinking trap: a guide turn that carries one of a
 * trap's Socratic questions (web/src/guide/responses/traps.json) means the guide noticed it.
 */
export function trapCounts(entries: readonly Entry[], from = -Infinity, to = Infinity): TrapCount[] {
  const counts = new Map<Trap, TrapCount>();
  for (const e of entries)
    for (const m of e.messages) {
      if (m.sender !== "guide" || m.crisis || m.at < from || m.at > to) continue;
      for (const trap of trapsInGuideText(m.text)) {
        const row = counts.get(trap) ?? { trap, count: 0, lastAt: 0 };
        row.count++;
        row.lastAt = Math.max(row.lastAt, m.at);
        counts.set(trap, row);
      }
    }
  return [...counts.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}

export interface ExerciseTally {
  total: number;
  byExercise: { exerciseId: string; count: number }[];
}

/** Completed (not stopped) exercises in [from, to]. */
export function exercisesCompleted(
  rows: readonly CompletedExercise[],
  from = -Infinity,
  to = Infinity,
): ExerciseTally {
  const by = new Map<string, number>();
  for (const r of rows)
    if (r.outcome === "completed" && r.endedAt >= from && r.endedAt <= to)
      by.set(r.exerciseId, (by.get(r.exerciseId) ?? 0) + 1);
  const byExercise = [...by].map(([exerciseId, count]) => ({ exerciseId, count }));
  byExercise.sort((a, b) => b.count - a.count || a.exerciseId.localeCompare(b.exerciseId));
  return { total: byExercise.reduce((n, r) => n + r.count, 0), byExercise };
}

export interface Insights {
  period: Period;
  series: Bucket[];
  average: number | null;
  checkInCount: number;
  streaks: Streaks;
  weekdays: WeekdayMood[];
  emotions: EmotionWordCount[];
  traps: TrapCount[];
  exercises: ExerciseTally;
}

/** Everything the insights screen shows, for one period. */
export function computeInsights(
  data: {
    entries: readonly Entry[];
    quick: readonly QuickCheckIn[];
    exercises: readonly CompletedExercise[];
  },
  o: InsightOptions,
): Insights {
  const all = checkInsFrom(data.entries, data.quick);
  const inRange = inWindow(all, o);
  const { from } = windowOf(o.period, o.now, o.timeZone);
  const fromMs = startOfDay(from, o.timeZone);
  return {
    period: o.period,
    series: moodSeries(inRange, o),
    average: averageMood(inRange),
    checkInCount: inRange.length,
    streaks: streaks(activityDays(data.entries, all, o.timeZone), dayKey(o.now, o.timeZone)),
    weekdays: weekdayPattern(inRange, o.timeZone),
    emotions: emotionWords(inRange, o),
    traps: trapCounts(data.entries, fromMs, o.now),
    exercises: exercisesCompleted(data.exercises, fromMs, o.now),
  };
}
