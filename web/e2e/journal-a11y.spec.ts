// Accessibility of the journal screens: axe (WCAG 2.1 A/AA, incl. contrast) in light and dark,
// no sideways scrolling at 360 px, and a keyboard-only path from first run to a saved entry.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { KDF_TIMEOUT, PASSPHRASE, createEntry, field, goToSettings, lockNow, onboard } from "./helpers";

async function audit(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .exclude("[data-testid=crisis-screen]") // the guide's own screen, audited by its tests
    .analyze();
  const summary = violations.map(
    (v) => `${screen}: ${v.id} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen} scrolls sideways`).toBeLessThanOrEqual(0);
}

for (const colorScheme of ["light", "dark"] as const) {
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1280, height: 800 },
  ]) {
    test(`axe: every journal screen, ${colorScheme}, ${viewport.width} px`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme, viewport });
      const page = await context.newPage();
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Welcome to VentWell" })).toBeVisible({
        timeout: KDF_TIMEOUT,
      });
      await audit(page, "welcome");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByRole("alert")).toBeVisible(); // consent is required
      await audit(page, "welcome with error");
      await page.getByRole("checkbox", { name: /processes what I write on this device/ }).check();
      await page.getByRole("button", { name: "Continue" }).click();
      await field(page, "Choose a passphrase").fill(PASSPHRASE);
      await field(page, "Type it again").fill(PASSPHRASE);
      await audit(page, "passphrase");
      await page.getByRole("button", { name: "Create my journal" }).click();
      await expect(page.getByTestId("recovery-code")).toBeVisible({ timeout: KDF_TIMEOUT });
      await audit(page, "recovery code");
      // The code wraps, if at all, between its halves (3 + 3 groups), and each half fits the card.
      const fits = await page.getByTestId("recovery-code").evaluate((p) => {
        const halves = [...p.querySelectorAll(".rc-half")];
        return halves.length === 2 && halves.every((h) => h.getBoundingClientRect().width <= p.clientWidth);
      });
      expect(fits).toBe(true);
      await page.getByRole("checkbox", { name: "I saved my recovery code somewhere safe." }).check();
      await page.getByRole("button", { name: "Open my journal" }).click();
      await expect(page.getByRole("button", { name: "Lock", exact: true })).toBeVisible();
      await audit(page, "empty journal");

      await createEntry(page, { title: "Audit entry", messages: ["A quiet afternoon with a book."] });
      await page.getByText("How are you feeling?").click();
      await page.getByRole("radio", { name: /Okay$/ }).check();
      await page.getByRole("checkbox", { name: "Content" }).check();
      await audit(page, "entry with mood");
      await goToSettings(page);
      await audit(page, "settings");
      await lockNow(page);
      await field(page, "Passphrase").fill("wrong wrong wrong");
      await page.getByRole("button", { name: "Unlock", exact: true }).click();
      await expect(page.getByTestId("unlock-error")).toBeVisible({ timeout: KDF_TIMEOUT });
      await audit(page, "lock screen with error");
      await context.close();
    });
  }
}

test("keyboard only: onboard, write an entry, lock", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Welcome to VentWell" })).toBeVisible({
    timeout: KDF_TIMEOUT,
  });
  const tabTo = async (name: RegExp | string) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return "";
        const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : "";
        return (
          el.closest("label")?.textContent ||
          labelled ||
          el.getAttribute("aria-label") ||
          el.textContent ||
          ""
        ).trim();
      });
      if (typeof name === "string" ? label === name : name.test(label)) return;
    }
    throw new Error(`could not reach ${name} with Tab`);
  };
  await tabTo(/processes what I write/);
  await page.keyboard.press("Space");
  await tabTo("Continue");
  await page.keyboard.press("Enter");
  // The passphrase field has focus on arrival.
  await page.keyboard.type(PASSPHRASE);
  await tabTo("Type it again");
  await page.keyboard.type(PASSPHRASE);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("recovery-code")).toBeVisible({ timeout: KDF_TIMEOUT });
  await tabTo(/I saved my recovery code/);
  await page.keyboard.press("Space");
  await tabTo("Open my journal");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Lock", exact: true })).toBeVisible();
  await tabTo("New entry");
  await page.keyboard.press("Enter");
  await expect(field(page, "Write a message")).toBeFocused();
  await page.keyboard.type("Typed without a mouse.");
  await page.keyboard.press("Enter");
  await expect(page.locator(".msg.user .bubble")).toHaveText(["Typed without a mouse."]);
  // Focus is visible: the focused control draws an outline.
  await tabTo("Rename");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe("none");
  await tabTo("Lock");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Your journal is locked" })).toBeVisible();
  await expect(field(page, "Passphrase")).toBeFocused();
});

test("skip link and landmarks", async ({ page }) => {
  await onboard(page);
  const id = await createEntry(page, { title: "Landmarks", messages: ["Checking the page structure."] });
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const skip = page.getByRole("link", { name: "Skip to content" });
  for (let i = 0; i < 60 && !(await skip.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // The skip link must not disturb the hash router: still on the same entry.
  expect(new URL(page.url()).hash).toBe(`#/entry/${id}`);
});
