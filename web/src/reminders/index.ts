/** Reminders (issue 6): pure scheduling and the service factory; the app's instance is in ./app.ts. */
export * from "./schedule";
export {
  DEFAULT_REMINDER,
  RECHECK_MS,
  REMINDER_SECRET,
  REMINDER_TEXT,
  createReminders,
  type NotificationPermissionState,
  type Notifier,
  type ReminderDeps,
  type ReminderSettings,
  type ReminderState,
  type Reminders,
} from "./reminders";
export { browserNotifier } from "./browser-notifier";
