// The journal end to end in Debian Chromium against the built app: onboarding, lock, unlock,
// wrong passphrase, recovery code, and the entry operations.
import { expect, test } from "@playwright/test";
import {
  KDF_TIMEOUT,
  PASSPHRASE,
  createEntry,
  expectLocked,
  field,
  goToJournal,
  expectTitles,
  lockNow,
  onboard,
  openEntry,
  renameEntry,
  unlock,
  unlockWithRecoveryCode,
} from "./helpers";

test("onboard → write → reload → locked → unlock → the entry is there", async ({ page }) => {
  // The relay serves a strict CSP (script-src 'self'); the app must not trip it anywhere.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await onboard(page);
  await createEntry(page, {
    title: "First evening",
    messages: ["Long day, but I made it home.", "Line one\nline two"],
  });
  await page.getByText("How are you feeling?").click();
  await page.getByRole("radio", { name: /Good$/ }).first().check();
  await page.getByRole("checkbox", { name: "Tired" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Feelings saved." })).toBeVisible();

  await page.reload();
  await expectLocked(page);
  await expect(page.getByText("Long day")).toHaveCount(0);
  await unlock(page);
  await expectTitles(page, ["First evening"]);
  await expect(page.locator(".entries .mood-badge")).toHaveText(/Good/);
  await openEntry(page, "First evening");
  await expect(page.locator(".msg.user .bubble")).toHaveText([
    /Long day, but I made it home\./,
    /Line one\nline two/,
  ]);
  expect(violations).toEqual([]);
});

test("a wrong passphrase shows a clear message, then the retry delay", async ({ page }) => {
  await onboard(page);
  await lockNow(page);
  const error = page.getByTestId("unlock-error");
  for (let i = 1; i <= 3; i++) {
    await field(page, "Passphrase").fill(`not the passphrase ${i}`);
    await page.getByRole("button", { name: "Unlock", exact: true }).click();
    await expect(error).toContainText("doesn't match", { timeout: KDF_TIMEOUT });
    await expect(field(page, "Passphrase")).toBeFocused(); // ready to type again, no click needed
    if (i < 3) await expect(error).not.toContainText("try again in");
  }
  // The third failure imposes a delay, shown as a countdown; the button waits with it.
  await expect(error).toContainText(/try again in \d+ s/);
  await expect(page.getByRole("button", { name: /^Wait \d+ s$/ })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Unlock", exact: true })).toBeEnabled({ timeout: 10_000 });
  await unlock(page);
});

test("the recovery code unlocks and sets a new passphrase", async ({ page }) => {
  const { recoveryCode } = await onboard(page);
  await createEntry(page, { title: "Kept safe", messages: ["Something worth keeping."] });
  await lockNow(page);

  await page.getByRole("button", { name: "Forgot it? Use recovery code" }).click();
  await field(page, "Recovery code").fill("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF");
  await field(page, "New passphrase").fill("brand new words for later");
  await field(page, "Type it again").fill("brand new words for later");
  await page.getByRole("button", { name: "Unlock and set passphrase" }).click();
  await expect(page.getByTestId("unlock-error")).toBeVisible({ timeout: KDF_TIMEOUT });
  await page.getByRole("button", { name: "Back" }).click();

  await unlockWithRecoveryCode(page, recoveryCode, "brand new words for later");
  await expectTitles(page, ["Kept safe"]);

  await lockNow(page);
  await field(page, "Passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Unlock", exact: true }).click();
  await expect(page.getByTestId("unlock-error")).toContainText("doesn't match", { timeout: KDF_TIMEOUT });
  await unlock(page, "brand new words for later");
  await expectTitles(page, ["Kept safe"]);
});

test("entries: newest first, rename, delete with undo, delete for good", async ({ page }) => {
  await onboard(page);
  await createEntry(page, { messages: ["Morning pages about the garden"] });
  // The first message names an untitled entry.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Morning pages about the garden");
  await createEntry(page, { title: "Second", messages: ["Evening thoughts"] });
  await goToJournal(page);
  await expectTitles(page, ["Second", "Morning pages about the garden"]);

  await openEntry(page, "Morning pages about the garden");
  // Escape leaves the rename form unchanged and puts the keyboard back on "Rename".
  await page.getByRole("button", { name: "Rename" }).click();
  await field(page, "Entry title").fill("Not this");
  await field(page, "Entry title").press("Escape");
  await expect(page.getByRole("button", { name: "Rename" })).toBeFocused();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Morning pages about the garden");
  await renameEntry(page, "Garden");
  await goToJournal(page);
  await expectTitles(page, ["Second", "Garden"]);

  await openEntry(page, "Garden");
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Deleted “Garden”.")).toBeVisible();
  await expectTitles(page, ["Second"]);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("heading", { name: "Garden", level: 1 })).toBeVisible();
  await goToJournal(page);
  await expectTitles(page, ["Second", "Garden"]);

  await openEntry(page, "Second");
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Deleted “Second”.")).toBeVisible();
  await expect(page.getByText("Deleted “Second”.")).toBeHidden({ timeout: 15_000 });
  await page.reload();
  await unlock(page);
  await expectTitles(page, ["Garden"]);
});

test("an entry left with nothing in it is discarded; one with a mood is kept", async ({ page }) => {
  await onboard(page);
  await page.getByRole("button", { name: "New entry" }).click();
  await expect(page).toHaveURL(/#\/entry\//);
  await goToJournal(page);
  await expectTitles(page, []); // no "Untitled entry" left behind

  await page.getByRole("button", { name: "New entry" }).click();
  await expect(page.getByText("Add a check-in")).toBeVisible();
  await page.getByText("How are you feeling?").click();
  await expect(page.getByText("Add a check-in")).toBeHidden(); // the open form is the check-in
  await page.getByRole("radio", { name: /Good$/ }).check();
  await expect(page.getByRole("status").filter({ hasText: "Mood saved: Good." })).toBeVisible();
  await goToJournal(page);
  await expectTitles(page, ["Untitled entry"]);
});

test("Shift+Enter makes a new line, Enter sends", async ({ page }) => {
  await onboard(page);
  await page.getByRole("button", { name: "New entry" }).click();
  const composer = field(page, "Write a message");
  await composer.pressSequentially("first");
  await composer.press("Shift+Enter");
  await composer.pressSequentially("second");
  await expect(composer).toHaveValue("first\nsecond");
  await composer.press("Enter");
  await expect(page.locator(".msg.user .bubble")).toHaveText("first\nsecond");
});

test("on a touch screen Enter starts a new line and Send sends", async ({ browser }) => {
  const context = await browser.newContext({
    hasTouch: true,
    isMobile: true,
    viewport: { width: 360, height: 740 },
  });
  const page = await context.newPage();
  await onboard(page);
  await page.getByRole("button", { name: "New entry" }).click();
  const composer = field(page, "Write a message");
  await expect(page.getByText("Tap Send when you're ready")).toBeVisible();
  // The top bar wraps to three rows here: it scrolls away instead of staying over the conversation.
  expect(await page.locator(".topbar").evaluate((e) => getComputedStyle(e).position)).toBe("static");
  await composer.pressSequentially("first");
  await composer.press("Enter");
  await composer.pressSequentially("second");
  await expect(composer).toHaveValue("first\nsecond");
  await expect(page.locator(".msg.user")).toHaveCount(0);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator(".msg.user .bubble")).toHaveText("first\nsecond");
  await context.close();
});
