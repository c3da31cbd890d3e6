// Accessibility of the guide's own screens: the crisis screen and "My safety plan" pass axe
// (WCAG 2.1 A/AA, incl. contrast) in light and dark, don't scroll sideways at 360 px, and
// the crisis screen keeps keyboard focus inside it until the person leaves.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { onboard } from "./helpers";

async function audit(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(
    violations.map((v) => `${screen}: ${v.id} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen} scrolls sideways`).toBeLessThanOrEqual(0);
}

for (const [colorScheme, viewport] of [
  ["light", { width: 360, height: 740 }],
  ["dark", { width: 1280, height: 800 }],
] as const) {
  test(`axe: safety plan and crisis screen, ${colorScheme}, ${viewport.width} px`, async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ colorScheme, viewport, baseURL, locale: "en-US" });
    const page = await context.newPage();
    try {
      await onboard(page);
      await page.goto("/#/safety-plan");
      await expect(page.getByRole("heading", { name: "My safety plan", level: 1 })).toBeVisible();
      await page
        .getByRole("textbox", { name: "My reasons for living" })
        .fill("My dog, Biscuit\nSeeing the sea again");
      await page.getByRole("button", { name: "Add a professional or service" }).click();
      await page
        .getByRole("textbox", { name: "Professionals or services I can contact: name 1" })
        .fill("Dr Okafor");
      await page
        .getByRole("textbox", { name: "Professionals or services I can contact: phone 1" })
        .fill("555 0100");
      await page.getByRole("button", { name: "Save my safety plan" }).click();
      await expect(page.getByText("Saved. Your safety plan is encrypted on this device.")).toBeVisible();
      await audit(page, "safety plan");

      await page.getByRole("button", { name: "Show support lines now" }).click();
      const dialog = page.getByRole("alertdialog", { name: "You don't have to carry this alone" });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId("crisis-safety-plan")).toContainText("Seeing the sea again");
      await audit(page, "crisis screen");
      // Modal: Tab moves through the screen's own links and buttons, never behind it.
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press("Tab");
        const inside = await page.evaluate(
          () =>
            !!document.activeElement?.closest("dialog.crisis") || document.activeElement === document.body,
        );
        expect(inside).toBe(true);
      }
      await page.keyboard.press("Escape");
      await expect(dialog).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
}
