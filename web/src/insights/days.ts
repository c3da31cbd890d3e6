/**
 * Calendar days in the person's time zone. A day is a "YYYY-MM-DD" key; arithmetic uses the
 * key's UTC day number, so daylight-saving shifts never make a day vanish or repeat.
 */
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar day of an instant, e.g. "2026-03-09". */
export function dayKey(ms: number, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Days since 1970-01-01 for a day key (consecutive days differ by exactly 1). */
export function dayNumber(key: string): number {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function keyOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (ISO order, as people read a week). */
export function weekdayOf(key: string): number {
  return (new Date(dayNumber(key) * DAY_MS).getUTCDay() + 6) % 7;
}

export const WEEKDAYS = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

export function monthKey(key: string): string {
  return key.slice(0, 7);
}

/** The device's time zone, or UTC where the platform can't say. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** The first instant whose local day is `key` (searches the ±14 h around UTC midnight). */
export function startOfDay(key: string, timeZone: string): number {
  const utc = dayNumber(key) * 86_400_000;
  let lo = utc - 14 * 3_600_000;
  let hi = utc + 14 * 3_600_000;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayKey(mid, timeZone) < key) lo = mid;
    else hi = mid;
  }
  return hi - (hi % 60_000);
}
