// The daily reminder in Chromium: permission asked only when it's turned on; granted → a
// system notification with the fixed sentence at the chosen time; denied → a gentle in-app
// nudge instead (also when the time came while the app was locked).
import { expect, test, type Page } from "@playwright/test";
import { goToSettings, lockNow, onboard, unlock } from "./helpers";

const SENTENCE = "A gentle reminder: a quiet moment to check in with yourself, if you'd like.";
test.use({ timezoneId: "UTC" });

/** Observes (never replaces) the page's notification calls: counts and what was shown. */
async function watchNotifications(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __asked: number; __shown: { title: string; body?: string }[] };
    w.__asked = 0;
    w.__shown = [];
    if (typeof Notification === "undefined") return;
    const request = Notification.requestPermission.bind(Notification);
    Notification.requestPermission = (...args: Parameters<typeof Notification.requestPermission>) => {
      w.__asked++;
      return request(...args);
    };
    const show = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      w.__shown.push({ title, body: options?.body });
      return show.call(this, title, options);
    };
    const Native = Notification;
    const Wrapped = function (title: string, options?: NotificationOptions) {
      w.__shown.push({ title, body: options?.body });
      return new Native(title, options);
    } as unknown as typeof Notification;
    Object.defineProperty(Wrapped, "permission", { get: () => Native.permission });
    Wrapped.requestPermission = Notification.requestPermission;
    Wrapped.prototype = Native.prototype;
    window.Notification = Wrapped;
  });
}
const asked = (page: Page) => page.evaluate(() => (window as unknown as { __asked: number }).__asked);
const shown = (page: Page) =>
  page.evaluate(() => (window as unknown as { __shown: { title: string; body?: string }[] }).__shown);

async function turnOnReminder(page: Page, time: string) {
  await goToSettings(page);
  const section = page.getByRole("region", { name: "Daily check-in reminder" });
  await section.getByLabel("Time").fill(time);
  await section.getByRole("checkbox", { name: "Remind me to check in each day" }).check();
  return section;
}

test("notifications granted: no prompt until turned on, then a notification with the fixed sentence at the time", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["notifications"]);
  await watchNotifications(page);
  await page.clock.install({ time: new Date("2026-11-27T08:58:00Z") });
  await onboard(page);
  expect(await asked(page)).toBe(0);
  const section = await turnOnReminder(page, "09:00");
  await expect(section.getByRole("status")).toContainText("VentWell will show a notification at 09:00");
  expect(await asked(page)).toBe(0); // already granted: nothing to ask
  expect(await shown(page)).toEqual([]);

  await page.clock.fastForward("03:00");
  await expect.poll(() => shown(page)).toEqual([{ title: "VentWell", body: SENTENCE }]);
  await expect(page.getByRole("status", { name: "Reminder" })).toHaveCount(0);

  // The choice is kept (encrypted) across reload and unlock.
  await page.reload();
  await unlock(page);
  await goToSettings(page);
  const again = page.getByRole("region", { name: "Daily check-in reminder" });
  await expect(again.getByRole("checkbox", { name: "Remind me to check in each day" })).toBeChecked();
  await expect(again.getByLabel("Time")).toHaveValue("09:00");
});

test("notifications denied: asked once when turned on, then a gentle in-app nudge instead", async ({
  page,
  context,
}) => {
  await context.clearPermissions();
  await watchNotifications(page);
  await page.clock.install({ time: new Date("2026-11-27T20:57:00Z") });
  await onboard(page);
  expect(await asked(page)).toBe(0);
  const section = await turnOnReminder(page, "21:00");
  await expect(section.getByRole("status")).toContainText(
    "Notifications are off for VentWell in this browser",
  );
  expect(await asked(page)).toBe(1);
  expect(await page.evaluate(() => Notification.permission)).not.toBe("granted");

  const nudge = page.getByRole("status", { name: "Reminder" });
  await expect(nudge).toHaveCount(0);
  // The time comes while the journal is locked: the nudge waits for the person to unlock.
  await lockNow(page);
  await page.clock.fastForward("04:00");
  await unlock(page);
  await expect(nudge).toContainText(SENTENCE);
  expect(await shown(page)).toEqual([]);
  await nudge.getByRole("button", { name: "Not now" }).click();
  await expect(nudge).toHaveCount(0);
});

test("closed at the reminder time: a gentle nudge at the next open that day, not a late notification", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["notifications"]);
  await watchNotifications(page);
  await page.clock.install({ time: new Date("2026-11-27T06:58:00Z") });
  await onboard(page);
  await turnOnReminder(page, "07:00");
  await expect(
    page.getByRole("region", { name: "Daily check-in reminder" }).getByRole("status"),
  ).toContainText("Daily reminder on.");
  // Closed before 07:00, opened again at 09:30.
  await page.goto("about:blank");
  await page.clock.setSystemTime(new Date("2026-11-27T09:30:00Z"));
  await page.goto("/");
  await unlock(page);
  const nudge = page.getByRole("status", { name: "Reminder" });
  await expect(nudge).toContainText(SENTENCE);
  expect(await shown(page)).toEqual([]);
  await nudge.getByRole("link", { name: "Check in" }).click();
  await expect(nudge).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Your journal" })).toBeVisible();
  // Once a day: the next open the same day shows nothing.
  await page.reload();
  await unlock(page);
  await expect(page.getByRole("button", { name: "Lock" })).toBeVisible();
  await expect(nudge).toHaveCount(0);
});
