/**
 * The app's reminder service, bound to its vault: loads after each unlock, keeps its timer
 * across locks (the time is not journal content), forgets everything when the device is wiped.
 */
import { vault } from "../app-services";
import { browserNotifier } from "./browser-notifier";
import { createReminders } from "./reminders";

export const reminders = createReminders({ secrets: vault, notifier: browserNotifier() });

let last = vault.status();
vault.subscribe(() => {
  const status = vault.status();
  if (status === last) return;
  last = status;
  if (status === "unlocked") void reminders.load().catch(() => undefined); // a damaged setting = off
  if (status === "new") reminders.reset();
});
if (last === "unlocked") void reminders.load().catch(() => undefined);
