/**
 * The daily check-in reminder: settings (encrypted in the vault's device secrets), a timer
 * while the app is open, and a missed-reminder nudge when the app is next opened.
 *
 *   load() after unlock ── today's time passed, nothing shown yet? ──► in-app nudge
 *        └─ arm timer (re-checks at least every minute) ── time comes ──► notification if
 *                                                                     granted, else nudge
 * The notification text is fixed (REMINDER_TEXT) and never contains anything written.
 */
import { z } from "zod";
import type { SecretStore } from "../exercises/secret-list";
import { missedReminder, nextReminderAfter, parseReminderTime } from "./schedule";

export const REMINDER_SECRET = "reminders";
export const REMINDER_TEXT = {
  title: "VentWell",
  body: "A gentle reminder: a quiet moment to check in with yourself, if you'd like.",
} as const;
/** Timers are re-checked this often, so sleep, throttling or clock changes can't lose a day. */
export const RECHECK_MS = 60_000;

export interface ReminderSettings {
  enabled: boolean;
  /** "HH:MM", local time. */
  time: string;
  /** When the reminder was turned on or its time last changed (ms); earlier times never nudge. */
  since: number;
  /** The scheduled time of the last reminder shown (notification or nudge), ms. */
  lastRemindedAt?: number;
}

export const DEFAULT_REMINDER: ReminderSettings = { enabled: false, time: "20:00", since: 0 };

const SettingsSchema = z.object({
  enabled: z.boolean(),
  time: z.string().refine((s) => parseReminderTime(s) !== undefined),
  since: z.number().finite(),
  lastRemindedAt: z.number().finite().optional(),
});

export type NotificationPermissionState = "granted" | "denied" | "default" | "unsupported";

/** The platform's notifications (browser-notifier.ts in the app; a recorder in tests). */
export interface Notifier {
  permission(): NotificationPermissionState;
  request(): Promise<NotificationPermissionState>;
  /** Resolves false when the platform could not show it. */
  show(title: string, body: string): Promise<boolean>;
}

export interface ReminderState {
  loaded: boolean;
  settings: ReminderSettings;
  permission: NotificationPermissionState;
  /** Show the in-app nudge. */
  nudge: boolean;
  /** When the next reminder is due (ms), while enabled. */
  next?: number;
}

export interface ReminderDeps {
  secrets: SecretStore;
  notifier: Notifier;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export interface Reminders {
  state(): ReminderState;
  subscribe(l: () => void): () => void;
  /** After unlock: read settings, nudge for a missed reminder, arm the timer. */
  load(): Promise<void>;
  /** Turn on at `time`; asks for notification permission only now, and only if not yet decided. */
  enable(time: string): Promise<NotificationPermissionState>;
  setTime(time: string): Promise<void>;
  disable(): Promise<void>;
  dismissNudge(): void;
  /** Forget everything in memory (device wiped). */
  reset(): void;
}

export function createReminders(deps: ReminderDeps): Reminders {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const listeners = new Set<() => void>();
  let state: ReminderState = {
    loaded: false,
    settings: DEFAULT_REMINDER,
    permission: deps.notifier.permission(),
    nudge: false,
  };
  let timer: unknown;
  /** A delivery made while locked, written at the next load. */
  let unsaved = false;

  const set = (patch: Partial<ReminderState>) => {
    state = { ...state, ...patch, permission: deps.notifier.permission() };
    listeners.forEach((l) => l());
  };

  async function save(settings: ReminderSettings) {
    set({ settings });
    try {
      await deps.secrets.writeSecret(REMINDER_SECRET, settings);
      unsaved = false;
    } catch {
      unsaved = true; // locked: kept in memory, written at the next unlock
    }
  }

  function arm() {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const t = parseReminderTime(state.settings.time);
    if (!state.settings.enabled || !t) return set({ next: undefined });
    const next = nextReminderAfter(now(), t);
    set({ next });
    timer = setTimer(() => void tick(false), Math.max(1_000, Math.min(next - now(), RECHECK_MS)));
  }

  /** Deliver today's reminder if it is due; `opening` = the app has just been opened/unlocked. */
  async function tick(opening: boolean) {
    const t = parseReminderTime(state.settings.time);
    const due =
      state.settings.enabled && t
        ? missedReminder(now(), t, {
            enabledAt: state.settings.since,
            ...(state.settings.lastRemindedAt !== undefined
              ? { lastRemindedAt: state.settings.lastRemindedAt }
              : {}),
          })
        : undefined;
    if (due !== undefined) {
      // On opening, the person is here already: a note in the app, not a system notification.
      const notified =
        !opening && deps.notifier.permission() === "granted"
          ? await deps.notifier.show(REMINDER_TEXT.title, REMINDER_TEXT.body).catch(() => false)
          : false;
      if (!notified) set({ nudge: true });
      await save({ ...state.settings, lastRemindedAt: due });
    }
    arm();
  }

  return {
    state: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },

    async load() {
      const raw = await deps.secrets.readSecret(REMINDER_SECRET);
      const parsed = SettingsSchema.safeParse(raw);
      let settings = parsed.success ? (parsed.data as ReminderSettings) : DEFAULT_REMINDER;
      // A reminder delivered while locked is newer than what is on disk.
      const mem = state.settings.lastRemindedAt ?? 0;
      if (unsaved && mem > (settings.lastRemindedAt ?? 0)) settings = { ...settings, lastRemindedAt: mem };
      set({ loaded: true, settings });
      if (unsaved) await save(settings);
      await tick(true);
    },

    async enable(time) {
      if (!parseReminderTime(time)) throw new Error("Choose a time for the reminder.");
      let permission = deps.notifier.permission();
      if (permission === "default")
        permission = await deps.notifier.request().catch(() => "default" as const);
      await save({ ...state.settings, enabled: true, time, since: now() });
      arm();
      return permission;
    },

    async setTime(time) {
      if (!parseReminderTime(time)) throw new Error("Choose a time for the reminder.");
      await save({ ...state.settings, time, since: now() });
      arm();
    },

    async disable() {
      await save({ ...state.settings, enabled: false });
      set({ nudge: false });
      arm();
    },

    dismissNudge: () => set({ nudge: false }),

    reset() {
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      unsaved = false;
      set({ loaded: false, settings: DEFAULT_REMINDER, nudge: false, next: undefined });
    },
  };
}
