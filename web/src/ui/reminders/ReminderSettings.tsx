// Settings → Daily check-in reminder. Notification permission is asked only when it's turned on.
import { useState, useSyncExternalStore } from "react";
import { reminders } from "../../reminders/app";
import type { NotificationPermissionState } from "../../reminders";
import { errorMessage } from "../hooks";

export function useReminders() {
  return useSyncExternalStore(reminders.subscribe, reminders.state);
}

function explain(p: NotificationPermissionState, time: string): string {
  if (p === "granted")
    return `VentWell will show a notification at ${time} while it's open, even when locked. If it's closed then, you'll see a gentle note the next time you open it that day.`;
  if (p === "unsupported")
    return `This browser can't show notifications, so you'll see a gentle note in VentWell when you open it after ${time}.`;
  return `Notifications are off for VentWell in this browser, so you'll see a gentle note in VentWell after ${time} instead. You can allow notifications in the browser's site settings.`;
}

export function ReminderSettings() {
  const s = useReminders();
  const [time, setTime] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  // Follows the click at once, while the browser may still be asking about notifications.
  const [pending, setPending] = useState<boolean | null>(null);
  const shown = time ?? s.settings.time;
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    try {
      setStatus(await fn());
    } catch (err) {
      setStatus(errorMessage(err));
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  const toggle = (on: boolean) => {
    setPending(on);
    return run(async () => {
      if (!on) {
        await reminders.disable();
        return "Daily reminder turned off.";
      }
      const p = await reminders.enable(shown);
      return `Daily reminder on. ${explain(p, shown)}`;
    });
  };
  const changeTime = (t: string) => {
    setTime(t);
    if (s.settings.enabled && t)
      void run(async () => {
        await reminders.setTime(t);
        return `Saved. The reminder is now at ${t}.`;
      });
  };
  return (
    <section className="card stack" aria-labelledby="reminder-title">
      <h2 id="reminder-title">Daily check-in reminder</h2>
      <p className="muted">
        A gentle nudge once a day. It never says anything from your journal, only: “A gentle reminder: a quiet
        moment to check in with yourself, if you'd like.”
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={pending ?? s.settings.enabled}
          disabled={busy || !s.loaded}
          onChange={(e) => void toggle(e.target.checked)}
        />
        Remind me to check in each day
      </label>
      <div className="field">
        <label htmlFor="reminder-time">Time</label>
        <input
          id="reminder-time"
          type="time"
          value={shown}
          disabled={busy}
          onChange={(e) => changeTime(e.target.value)}
        />
      </div>
      {s.settings.enabled && !status && <p className="hint">{explain(s.permission, s.settings.time)}</p>}
      <p className="status" role="status">
        {status}
      </p>
    </section>
  );
}
