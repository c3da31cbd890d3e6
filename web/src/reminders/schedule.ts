/**
 * Daily reminder times in the person's local wall-clock time. Pure: every function takes
 * `now` and reads the time zone from the platform (`Date`), so DST shifts are handled by
 * building each day's time from its calendar date, never by adding 24 hours.
 */

export interface ReminderTime {
  hour: number;
  minute: number;
}

/** "HH:MM" (24-hour, as <input type="time"> gives it) → time, or undefined when malformed. */
export function parseReminderTime(s: string): ReminderTime | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

export function formatReminderTime(t: ReminderTime): string {
  return `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}

/**
 * The reminder on the calendar day `dayOffset` days from `now`'s local day.
 * @remarks A time that does not exist that day (skipped by a DST jump) comes out just
 * after the jump, as `Date` normalises it; a repeated hour uses its first occurrence.
 */
export function reminderOnDay(now: number, t: ReminderTime, dayOffset = 0): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + dayOffset, t.hour, t.minute, 0, 0).getTime();
}

/** The next reminder strictly after `now`. */
export function nextReminderAfter(now: number, t: ReminderTime): number {
  const today = reminderOnDay(now, t, 0);
  return today > now ? today : reminderOnDay(now, t, 1);
}

/** The latest reminder at or before `now` (today's if its time has come, else yesterday's). */
export function lastReminderAtOrBefore(now: number, t: ReminderTime): number {
  const today = reminderOnDay(now, t, 0);
  return today <= now ? today : reminderOnDay(now, t, -1);
}

/**
 * Whether today's reminder came and went without being delivered: its time has passed,
 * nothing was shown for it, and the reminder was already on at that time.
 * Only today's counts: a nudge the next morning about last night would be stale.
 */
export function missedReminder(
  now: number,
  t: ReminderTime,
  state: { enabledAt: number; lastRemindedAt?: number },
): number | undefined {
  const today = reminderOnDay(now, t, 0);
  if (today > now) return undefined;
  if (state.enabledAt > today) return undefined;
  if ((state.lastRemindedAt ?? 0) >= today) return undefined;
  return today;
}
