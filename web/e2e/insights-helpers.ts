/** Steps shared by the insights, search and report browser tests. */
import { expect, type Page } from "@playwright/test";
import { goToJournal, unlock } from "./helpers";

/** The home screen's quick check-in: a score (1–5) and optional feeling words. */
export async function quickCheckIn(page: Page, score: 1 | 2 | 3 | 4 | 5, words: string[] = []) {
  await goToJournal(page);
  const form = page.locator("form.quick-checkin");
  await form.locator(`input[type=radio][value="${score}"]`).check();
  for (const w of words) await form.getByRole("checkbox", { name: w, exact: true }).check();
  await form.getByRole("button", { name: "Save check-in" }).click();
  await expect(form.getByRole("status")).toContainText("Check-in saved");
}

/** Sets the open entry's mood through its check-in panel. */
export async function setEntryMood(page: Page, word: string) {
  await page.locator("details.mood > summary").click();
  await page
    .locator("details.mood")
    .getByRole("radio", { name: new RegExp(`^\\d?\\s*${word}$`) })
    .check();
  await expect(page.locator("details.mood").getByRole("status")).toContainText("Mood saved");
}

export async function goTo(page: Page, link: "Insights" | "Search") {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
  await expect(page.getByRole("heading", { name: link, level: 1 })).toBeVisible();
}

/**
 * Moves the page's fixed clock days ahead, to date fixture check-ins. To the idle auto-lock that
 * is days without activity, so the journal locks at its next check (every 5 s) — which could
 * otherwise land in the middle of the next step (a click on a link that the lock screen has just
 * removed). Make the check run now (it also runs on `visibilitychange`), then unlock.
 */
export async function jumpClock(page: Page, time: Date) {
  await page.clock.setFixedTime(time);
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await unlock(page);
}
