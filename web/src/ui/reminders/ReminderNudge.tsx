// The in-app nudge: shown when the reminder time came and no notification could be shown
// (denied, unsupported, or the app was closed at that time).
import "./reminders.css";
import { REMINDER_TEXT } from "../../reminders";
import { reminders } from "../../reminders/app";
import { hrefFor } from "../router";
import { useReminders } from "./ReminderSettings";

export function ReminderNudge() {
  const s = useReminders();
  if (!s.nudge) return null;
  return (
    <aside className="reminder-nudge" role="status" aria-label="Reminder">
      <p>{REMINDER_TEXT.body}</p>
      <div className="actions start">
        <a
          className="button primary"
          href={hrefFor({ name: "journal" })}
          onClick={() => reminders.dismissNudge()}
        >
          Check in
        </a>
        <button type="button" className="ghost" onClick={() => reminders.dismissNudge()}>
          Not now
        </button>
      </div>
    </aside>
  );
}
