import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  lastReminderAtOrBefore,
  missedReminder,
  nextReminderAfter,
  parseReminderTime,
  reminderOnDay,
} from "./schedule";

// Local wall-clock time is the point, so pin a zone with DST (Node re-reads TZ when it changes).
const oldTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "America/New_York";
});
afterAll(() => {
  process.env.TZ = oldTz;
});
const ny = (iso: string) => new Date(iso).getTime(); // ISO strings below carry their offset
const at = (h: number, m: number) => ({ hour: h, minute: m });

describe("reminder schedule", () => {
  it("parses HH:MM and refuses anything else", () => {
    expect(parseReminderTime("07:05")).toEqual(at(7, 5));
    expect(parseReminderTime("23:59")).toEqual(at(23, 59));
    for (const bad of ["24:00", "7:05", "12:60", "", "noon"]) expect(parseReminderTime(bad)).toBeUndefined();
  });

  it("fires later today, or tomorrow once today's time has passed", () => {
    const morning = ny("2026-11-27T08:00:00-05:00");
    expect(nextReminderAfter(morning, at(20, 0))).toBe(ny("2026-11-27T20:00:00-05:00"));
    expect(nextReminderAfter(ny("2026-11-27T20:00:00-05:00"), at(20, 0))).toBe(
      ny("2026-11-28T20:00:00-05:00"),
    );
    expect(nextReminderAfter(ny("2026-11-27T21:30:00-05:00"), at(7, 0))).toBe(
      ny("2026-11-28T07:00:00-05:00"),
    );
    // Across a month and a year end.
    expect(nextReminderAfter(ny("2026-12-31T22:00:00-05:00"), at(9, 0))).toBe(
      ny("2027-01-01T09:00:00-05:00"),
    );
  });

  it("keeps the wall-clock time across DST changes (a 23-hour and a 25-hour day)", () => {
    // US DST starts 2026-03-08 (02:00 → 03:00) and ends 2026-11-01 (02:00 → 01:00).
    const sat = ny("2026-03-07T21:00:00-05:00");
    const sun = nextReminderAfter(sat, at(20, 0));
    expect(sun).toBe(ny("2026-03-08T20:00:00-04:00"));
    expect(sun - ny("2026-03-07T20:00:00-05:00")).toBe(23 * 3_600_000);
    const fallSun = nextReminderAfter(ny("2026-10-31T21:00:00-04:00"), at(20, 0));
    expect(fallSun).toBe(ny("2026-11-01T20:00:00-05:00"));
    expect(fallSun - ny("2026-10-31T20:00:00-04:00")).toBe(25 * 3_600_000);
  });

  it("a time skipped by the spring jump comes out just after it; a repeated hour uses the first", () => {
    expect(reminderOnDay(ny("2026-03-08T00:30:00-05:00"), at(2, 30))).toBe(ny("2026-03-08T03:30:00-04:00"));
    expect(reminderOnDay(ny("2026-11-01T00:10:00-04:00"), at(1, 30))).toBe(ny("2026-11-01T01:30:00-04:00"));
  });

  it("finds today's missed reminder, and only if it was on and not yet shown", () => {
    const t = at(9, 0);
    const nine = ny("2026-11-27T09:00:00-05:00");
    const noon = ny("2026-11-27T12:00:00-05:00");
    expect(lastReminderAtOrBefore(noon, t)).toBe(nine);
    expect(lastReminderAtOrBefore(ny("2026-11-27T08:00:00-05:00"), t)).toBe(ny("2026-11-26T09:00:00-05:00"));
    expect(missedReminder(noon, t, { enabledAt: 0 })).toBe(nine);
    expect(missedReminder(noon, t, { enabledAt: 0, lastRemindedAt: nine })).toBeUndefined();
    expect(missedReminder(noon, t, { enabledAt: ny("2026-11-27T10:00:00-05:00") })).toBeUndefined();
    expect(missedReminder(ny("2026-11-27T08:59:59-05:00"), t, { enabledAt: 0 })).toBeUndefined();
    // Yesterday's unshown reminder is not nagged about the next morning.
    expect(
      missedReminder(ny("2026-11-28T08:00:00-05:00"), t, { enabledAt: 0, lastRemindedAt: 0 }),
    ).toBeUndefined();
  });
});
