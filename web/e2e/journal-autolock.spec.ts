// Idle auto-lock: default 5 minutes, configurable in Settings, reset by activity.
import { expect, test } from "@playwright/test";
import { createEntry, expectLocked, goToSettings, onboard, unlock } from "./helpers";

test("auto-lock after the idle time; the setting changes it", async ({ page }) => {
  await page.clock.install();
  await onboard(page);
  await createEntry(page, { title: "Idle test", messages: ["Nothing much today."] });

  await page.clock.fastForward("04:00");
  await page.keyboard.press("Shift"); // activity restarts the idle clock
  await page.clock.fastForward("04:00");
  await expect(page.getByRole("button", { name: "Lock", exact: true })).toBeVisible();
  await page.clock.fastForward("01:30");
  await expectLocked(page);
  await expect(page.locator("body")).not.toContainText("Idle test");

  await unlock(page);
  await goToSettings(page);
  await page.getByLabel("Lock after this long without activity").selectOption("1");
  await expect(page.getByRole("status").filter({ hasText: "locks after 1 minute" })).toBeVisible();
  await page.clock.fastForward("01:10");
  await expectLocked(page);
  // The setting is stored (encrypted) and survives a reload.
  await page.reload();
  await unlock(page);
  await goToSettings(page);
  await expect(page.getByLabel("Lock after this long without activity")).toHaveValue("1");
});
