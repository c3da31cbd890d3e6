import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../sync/testing/memory-store";
import { createApp } from "../vault";
import { inlineDeriveRoot } from "../workers/kdf-client";
import {
  REMINDER_SECRET,
  REMINDER_TEXT,
  createReminders,
  type NotificationPermissionState,
  type Notifier,
} from "./reminders";
import type { SecretStore } from "../exercises/secret-list";

const WEAK_KDF = { name: "argon2id" as const, memoryKiB: 1024, iterations: 1, parallelism: 1 };

/** A clock with manual timers: `advance` runs every timer that comes due, in order. */
function fakeClock(start: number) {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        for (let i = 0; i < 20; i++) await Promise.resolve();
      }
      now = end;
    },
  };
}

function recorder(permission: NotificationPermissionState, answer: NotificationPermissionState = permission) {
  const shown: { title: string; body: string }[] = [];
  let asked = 0;
  let perm = permission;
  const n: Notifier & { shown: typeof shown; asked: () => number } = {
    shown,
    asked: () => asked,
    permission: () => perm,
    request: async () => {
      asked++;
      return (perm = answer);
    },
    show: async (title, body) => {
      if (perm !== "granted") return false;
      shown.push({ title, body });
      return true;
    },
  };
  return n;
}

function memorySecrets(): SecretStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    readSecret: async (k) => structuredClone(data.get(k)),
    writeSecret: async (k, v) => void data.set(k, structuredClone(v)),
  };
}

const local = (y: number, mo: number, d: number, h: number, mi: number) =>
  new Date(y, mo - 1, d, h, mi).getTime();

describe("reminder service", () => {
  it("asks for permission only when turned on, then notifies with the fixed sentence at the time", async () => {
    const clock = fakeClock(local(2026, 11, 27, 8, 0));
    const notifier = recorder("default", "granted");
    const secrets = memorySecrets();
    const r = createReminders({ secrets, notifier, ...clock });
    await r.load();
    expect(notifier.asked()).toBe(0);
    expect(await r.enable("09:00")).toBe("granted");
    expect(notifier.asked()).toBe(1);
    expect(r.state().next).toBe(local(2026, 11, 27, 9, 0));
    await clock.advance(59 * 60_000);
    expect(notifier.shown).toHaveLength(0);
    await clock.advance(2 * 60_000);
    expect(notifier.shown).toEqual([{ title: REMINDER_TEXT.title, body: REMINDER_TEXT.body }]);
    expect(r.state().nudge).toBe(false);
    expect(r.state().next).toBe(local(2026, 11, 28, 9, 0));
    // Once a day: nothing more until tomorrow's time.
    await clock.advance(23 * 3_600_000);
    expect(notifier.shown).toHaveLength(1);
    await clock.advance(3_600_000);
    expect(notifier.shown).toHaveLength(2);
    expect(secrets.data.get(REMINDER_SECRET)).toMatchObject({
      enabled: true,
      time: "09:00",
      lastRemindedAt: local(2026, 11, 28, 9, 0),
    });
  });

  it("denied: no notification, a gentle in-app nudge instead; never asks again", async () => {
    const clock = fakeClock(local(2026, 11, 27, 8, 0));
    const notifier = recorder("default", "denied");
    const r = createReminders({ secrets: memorySecrets(), notifier, ...clock });
    await r.load();
    expect(await r.enable("08:30")).toBe("denied");
    await clock.advance(31 * 60_000);
    expect(notifier.shown).toHaveLength(0);
    expect(r.state().nudge).toBe(true);
    r.dismissNudge();
    expect(r.state().nudge).toBe(false);
    await r.setTime("08:45"); // changing the time doesn't re-fire today's past reminder
    await r.enable("08:45");
    expect(notifier.asked()).toBe(1);
    expect(r.state().nudge).toBe(false);
  });

  it("a reminder missed while the app was closed becomes a nudge on the next open", async () => {
    const secrets = memorySecrets();
    const first = fakeClock(local(2026, 11, 27, 7, 0));
    const notifier = recorder("granted");
    const a = createReminders({ secrets, notifier, ...first });
    await a.load();
    await a.enable("09:00");
    // The app closes; it opens again at noon with a fresh service.
    const later = fakeClock(local(2026, 11, 27, 12, 0));
    const b = createReminders({ secrets, notifier, ...later });
    await b.load();
    expect(b.state().nudge).toBe(true);
    expect(notifier.shown).toHaveLength(0); // the person is here: a note in the app, not a popup
    // And not again on the open after that.
    const c = createReminders({ secrets, notifier, ...fakeClock(local(2026, 11, 27, 13, 0)) });
    await c.load();
    expect(c.state().nudge).toBe(false);
  });

  it("turned off: no timer, no nudge; settings are sealed in the vault", async () => {
    const store = createMemoryStore();
    const { vault } = createApp({
      store,
      deriveRoot: inlineDeriveRoot({ allowWeak: true }),
      kdf: WEAK_KDF,
      prefetch: false,
    });
    await vault.ready;
    await vault.create("a long enough passphrase");
    const clock = fakeClock(local(2026, 11, 27, 8, 0));
    const notifier = recorder("granted");
    const r = createReminders({ secrets: vault, notifier, ...clock });
    await r.load();
    await r.enable("21:15");
    const dump = JSON.stringify(await store.dumpAll(), (_k, v) =>
      v instanceof Uint8Array ? new TextDecoder().decode(v) : v,
    );
    expect(dump).not.toContain("21:15");
    await r.disable();
    expect(r.state().next).toBeUndefined();
    await clock.advance(24 * 3_600_000);
    expect(notifier.shown).toHaveLength(0);
    expect(r.state().nudge).toBe(false);
    vault.lock();
    await vault.unlock("a long enough passphrase");
    const again = createReminders({ secrets: vault, notifier, ...clock });
    await again.load();
    expect(again.state().settings).toMatchObject({ enabled: false, time: "21:15" });
  });

  it("delivered while locked: remembered and written at the next unlock", async () => {
    const secrets = memorySecrets();
    let locked = false;
    const guarded: SecretStore = {
      readSecret: (k) => (locked ? Promise.reject(new Error("locked")) : secrets.readSecret(k)),
      writeSecret: (k, v) => (locked ? Promise.reject(new Error("locked")) : secrets.writeSecret(k, v)),
    };
    const clock = fakeClock(local(2026, 11, 27, 8, 0));
    const notifier = recorder("granted");
    const r = createReminders({ secrets: guarded, notifier, ...clock });
    await r.load();
    await r.enable("09:00");
    locked = true;
    await clock.advance(2 * 3_600_000);
    expect(notifier.shown).toHaveLength(1);
    locked = false;
    await r.load();
    expect(r.state().nudge).toBe(false); // already delivered: no second reminder on unlock
    expect((secrets.data.get(REMINDER_SECRET) as { lastRemindedAt: number }).lastRemindedAt).toBe(
      local(2026, 11, 27, 9, 0),
    );
  });
});
