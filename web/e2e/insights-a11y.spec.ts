// Accessibility of insights, search, the trap questions and the therapist summary: axe
// (WCAG 2.1 A/AA, contrast included) in light and dark, and no sideways scrolling at 360 px.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createEntry, KDF_TIMEOUT, onboard } from "./helpers";
import { goTo, quickCheckIn, setEntryMood } from "./insights-helpers";

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

for (const [colorScheme, width] of [
  ["light", 360],
  ["dark", 1280],
] as const) {
  test(`axe: insights, search and summary, ${colorScheme}, ${width} px`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width, height: 800 } });
    const page = await context.newPage();
    await onboard(page);
    await audit(page, "home with quick check-in");
    await quickCheckIn(page, 2, ["Anxious"]);
    await createEntry(page, { title: "Harbour", messages: ["The lighthouse blinked all night."] });
    await setEntryMood(page, "Good");

    await goTo(page, "Insights");
    await expect(page.getByTestId("mood-chart").locator("canvas").first()).toBeVisible({
      timeout: KDF_TIMEOUT,
    });
    await audit(page, "insights");
    await page.getByTestId("mood-chart").getByRole("button", { name: "Show as table" }).click();
    await audit(page, "insights as table");

    await page.evaluate(() => (location.hash = "#/insights/traps/catastrophizing"));
    await expect(page.getByTestId("trap-questions").getByRole("listitem").first()).toBeVisible();
    await audit(page, "trap questions");

    await goTo(page, "Search");
    await page.getByRole("searchbox", { name: "Search your journal" }).fill("lighthouse");
    await expect(page.locator(".search-hit mark").first()).toBeVisible();
    await audit(page, "search results");

    await page.evaluate(() => (location.hash = "#/report"));
    await expect(page.getByTestId("report-summary")).toBeVisible();
    await audit(page, "therapist summary");
    await context.close();
  });
}
