// Recovery with the recovery code on a brand-new device (passphrase forgotten, no device
// left), in real Chromium against the real relay CLI serving the built app.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { KDF_TIMEOUT, createEntry, expectJournal, field, onboard, openEntry } from "./helpers";
import {
  SYNC_TIMEOUT,
  cleanUp,
  device,
  expectSynced,
  fromWelcome,
  signInFresh,
  startRelay,
  submitSignIn,
  titles,
  turnOnSync,
} from "./sync-helpers";

const NEW_PASSPHRASE = "copper kettle autumn willow";
test.afterEach(cleanUp);

/** The recovery form, filled by label and submitted from the keyboard (Enter). */
async function submitRecovery(page: Page, username: string, code: string) {
  await page.getByLabel("Sync username").fill(username);
  await field(page, "Recovery code").fill(code);
  await field(page, "New passphrase").fill(NEW_PASSPHRASE);
  await field(page, "Type it again").fill(NEW_PASSPHRASE);
  await field(page, "Type it again").press("Enter");
}

test("recovery code on a new device: the journal comes back under a new passphrase; the old one stops working", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const relay = await startRelay();
  const user = `mend${Date.now().toString(36)}`;
  const a = await device(browser, relay.url);
  const { recoveryCode } = await onboard(a);
  await createEntry(a, { title: "Lighthouse before the loss", messages: ["Kept safe through recovery."] });
  await turnOnSync(a, user);

  // Device A is gone and the passphrase forgotten: a fresh browser with only the code.
  const b = await device(browser, relay.url);
  await fromWelcome(b, /recover with my recovery code/);
  await expect(b.getByRole("heading", { name: "Recover with your recovery code" })).toBeVisible();
  // A wrong (well-formed) code: a clear message, still on the form.
  await submitRecovery(b, user, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01");
  await expect(b.getByRole("alert")).toHaveText(
    "That username and recovery code don't match an account on this sync server.",
  );
  // Labelled, AA contrast, and in keyboard order: username → code → new passphrase.
  const axe = await new AxeBuilder({ page: b })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await b.getByLabel("Sync username").focus();
  await b.keyboard.press("Tab");
  await expect(field(b, "Recovery code")).toBeFocused();
  await b.keyboard.press("Tab");
  await expect(field(b, "New passphrase")).toBeFocused();
  const started = Date.now();
  await submitRecovery(b, user, recoveryCode);
  await expect(b.getByRole("status").filter({ hasText: /Checking your recovery code/ })).toBeVisible();
  await expectJournal(b);
  await expectSynced(b);
  await expect.poll(() => titles(b), { timeout: SYNC_TIMEOUT }).toEqual(["Lighthouse before the loss"]);
  console.log(`recover submitted → journal open, synced, entry listed: ${Date.now() - started} ms`);
  await openEntry(b, "Lighthouse before the loss");
  await expect(b.locator(".msg.user .bubble")).toHaveText(["Kept safe through recovery."]);

  // The old passphrase no longer signs in; the new one does.
  const c = await device(browser, relay.url);
  await submitSignIn(c, user);
  await expect(c.getByRole("alert")).toHaveText(
    "That username and passphrase don't match an account on this sync server.",
    { timeout: KDF_TIMEOUT },
  );
  const d = await device(browser, relay.url);
  await signInFresh(d, user, NEW_PASSPHRASE);
  await expect.poll(() => titles(d), { timeout: SYNC_TIMEOUT }).toEqual(["Lighthouse before the loss"]);
});
