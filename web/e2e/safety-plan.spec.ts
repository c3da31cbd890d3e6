// "My safety plan" never loses what was typed: it saves itself (encrypted) without the Save
// button, when the person navigates away or the page is hidden, and says so quietly. Also: the
// Save button keeps focus and its single line, and adding a row moves focus to its Name.
import { expect, test, type Page } from "@playwright/test";
import { findInDumps, goToJournal, onboard, readAllIndexedDb, unlock } from "./helpers";

const STEP2 = "Things I can do on my own to take my mind off things";
const TYPED = "Walk to the river and count the boats";
const AUTOSAVED = "All changes saved. Encrypted on this device.";

async function openPlan(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My safety plan" }).click();
  await expect(page.getByRole("heading", { name: "My safety plan", level: 1 })).toBeVisible();
}

/** Written, not only kept in memory: after a reload (which locks) and unlock the field holds `value`. */
async function expectKeptAfterReload(page: Page, field: string, value: string) {
  await page.reload();
  await unlock(page);
  await openPlan(page);
  await expect(page.getByRole("textbox", { name: field })).toHaveValue(value);
}

test("typed into the safety plan, left without pressing Save: the text is kept, encrypted", async ({
  page,
}) => {
  await onboard(page);
  await openPlan(page);
  // Opening the screen saves nothing: no plan yet, so the support screen shows none.
  await goToJournal(page);
  await openPlan(page);
  await page.getByRole("button", { name: "Show support lines now" }).click();
  const dialog = page.getByRole("alertdialog", { name: "You don't have to carry this alone" });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("crisis-safety-plan")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // Type, and leave at once through the navigation (no pause for the debounce, no Save).
  await page.getByRole("textbox", { name: STEP2 }).fill(TYPED);
  await goToJournal(page);
  await openPlan(page);
  await expect(page.getByRole("textbox", { name: STEP2 })).toHaveValue(TYPED);

  // It was written, not only kept in memory.
  await expectKeptAfterReload(page, STEP2, TYPED);

  // Typing and pausing saves by itself, with a quiet status.
  await page.getByRole("textbox", { name: "My reasons for living" }).fill("Seeing the sea again");
  await expect(page.getByTestId("plan-save-status")).toHaveText(AUTOSAVED);
  await expectKeptAfterReload(page, "My reasons for living", "Seeing the sea again");

  // Hiding the page (switching apps on a phone) saves too.
  await page.getByRole("textbox", { name: "My reasons for living" }).fill("Seeing the sea again\nMy dog");
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect(page.getByTestId("plan-save-status")).toHaveText(AUTOSAVED);
  await expectKeptAfterReload(page, "My reasons for living", "Seeing the sea again\nMy dog");

  // Closing or reloading the tab right after typing asks first; staying lets the save finish.
  await page
    .getByRole("textbox", { name: "My reasons for living" })
    .fill("Seeing the sea again\nMy dog\nMum");
  const asked = new Promise<string>((resolve) =>
    page.once("dialog", (d) => {
      resolve(d.type());
      void d.dismiss(); // "Stay on page"
    }),
  );
  await page.reload({ timeout: 3_000 }).catch(() => undefined); // the dismissed prompt cancels the reload
  expect(await asked).toBe("beforeunload");
  await expect(page.getByTestId("plan-save-status")).toHaveText(AUTOSAVED);
  // Nothing unsaved now: no prompt on this reload.
  await expectKeptAfterReload(page, "My reasons for living", "Seeing the sea again\nMy dog\nMum");

  // Encrypted at rest: none of it is in IndexedDB as plaintext.
  const dumps = await readAllIndexedDb(page);
  expect(findInDumps(dumps, "count the boats")).toEqual([]);
  expect(findInDumps(dumps, "My dog")).toEqual([]);
});

test("a plan that can't be saved yet says why, keeps the text, and saves once fixed", async ({ page }) => {
  await onboard(page);
  await openPlan(page);
  await page.getByRole("button", { name: "Add a person" }).nth(1).click(); // People I can ask for help
  const name = page.getByRole("textbox", { name: "People I can ask for help: name 1" });
  await expect(name).toBeFocused(); // the new row's first field
  await page.getByRole("textbox", { name: "People I can ask for help: phone 1" }).fill("555 0100");
  const problem = page.getByTestId("plan-save-problem");
  await expect(problem).toContainText("Not saved yet");
  await expect(problem).toContainText("People I can ask for help: each person needs a name.");
  // Leaving and coming back in the same session keeps the unsaved row.
  await goToJournal(page);
  await openPlan(page);
  await expect(page.getByRole("textbox", { name: "People I can ask for help: phone 1" })).toHaveValue(
    "555 0100",
  );
  await expect(problem).toContainText("each person needs a name");
  await page.getByRole("textbox", { name: "People I can ask for help: name 1" }).fill("Sam");
  await expect(problem).toHaveCount(0);
  await expect(page.getByTestId("plan-save-status")).toHaveText(AUTOSAVED);
  await page.reload();
  await unlock(page);
  await openPlan(page);
  await expect(page.getByRole("textbox", { name: "People I can ask for help: name 1" })).toHaveValue("Sam");
});

test("Save keeps focus and one line; the professionals' add button fits its section", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await onboard(page);
  await openPlan(page);
  const add = page.getByRole("button", { name: "Add a professional or service" });
  await expect(add).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Add a person" })).toHaveCount(2);
  await add.click();
  await expect(
    page.getByRole("textbox", { name: "Professionals or services I can contact: name 1" }),
  ).toBeFocused();
  await page.keyboard.type("Dr Okafor");
  const save = page.getByRole("button", { name: "Save my safety plan" });
  const oneLine = await save.evaluate((b) => b.getBoundingClientRect().height);
  await save.click();
  await expect(page.getByText("Saved. Your safety plan is encrypted on this device.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Your safety plan" })).toHaveCount(1);
  await expect(save).toBeFocused();
  expect(await save.evaluate((b) => b.getBoundingClientRect().height)).toBe(oneLine);
  // Removing the row puts focus back on the add button, not on the page.
  await page.getByRole("button", { name: "Remove Dr Okafor" }).click();
  await expect(add).toBeFocused();
});
