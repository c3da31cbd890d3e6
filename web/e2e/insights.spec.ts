/**
 * Mood insights with fixture check-ins on fixed days (Playwright's clock, UTC): the chart
 * draws, and its table alternative holds exactly the fixture's daily averages.
 */
import { expect, test } from "@playwright/test";
import { createEntry, findInDumps, onboard, readAllIndexedDb } from "./helpers";
import { goTo, quickCheckIn, setEntryMood } from "./insights-helpers";

test.use({ timezoneId: "UTC", locale: "en-US" });

test("the mood chart renders with fixture data and its table matches", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-03-02T09:00:00Z")); // Monday
  await onboard(page);
  await quickCheckIn(page, 2, ["Anxious"]);

  await page.clock.setFixedTime(new Date("2026-03-04T18:00:00Z")); // Wednesday
  await createEntry(page, { title: "Midweek", messages: ["Long day but a good talk with my sister."] });
  await setEntryMood(page, "Good");
  await quickCheckIn(page, 5, ["Calm", "Hopeful"]);

  await page.clock.setFixedTime(new Date("2026-03-08T20:00:00Z")); // Sunday
  await quickCheckIn(page, 3);

  await goTo(page, "Insights");
  await expect(page.getByTestId("average-mood")).toHaveText("3.5 · Good"); // (2 + 4 + 5 + 3) / 4

  const chart = page.getByTestId("mood-chart");
  const canvas = chart.locator(".chart-canvas canvas").first();
  await expect(canvas).toBeVisible();
  // Something was drawn: the canvas has non-transparent pixels.
  const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(500);
  await expect(chart.getByRole("img")).toHaveAttribute(
    "aria-label",
    /4 check-ins on 3 days, average 3\.5 out of 5/,
  );

  await chart.getByRole("button", { name: "Show as table" }).click();
  await expect(chart.getByRole("button", { name: "Show as chart" })).toHaveAttribute("aria-pressed", "true");
  const table = chart.getByRole("table");
  await expect(table).toBeVisible();
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent?.trim())),
    );
  expect(rows).toEqual([
    ["Mon, Mar 2", "2 (Low)"],
    ["Tue, Mar 3", "No check-in"],
    ["Wed, Mar 4", "4.5 (Very good)"],
    ["Thu, Mar 5", "No check-in"],
    ["Fri, Mar 6", "No check-in"],
    ["Sat, Mar 7", "No check-in"],
    ["Sun, Mar 8", "3 (Okay)"],
  ]);

  // Day-of-week chart's table, and the feelings named this week.
  const weekday = page.getByTestId("weekday-chart");
  const weekdayRows = await weekday
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent?.trim())),
    );
  expect(weekdayRows.filter((r) => r[1] !== "No check-in")).toEqual([
    ["Monday", "2 (Low)"],
    ["Wednesday", "4.5 (Very good)"],
    ["Sunday", "3 (Okay)"],
  ]);
  await expect(page.locator(".word-list").first()).toContainText("Anxious");
  await expect(page.locator(".word-list").first()).toContainText("Calm");

  // The year view has twelve months; March holds all four check-ins.
  await page.getByText("Year", { exact: true }).click();
  await expect(chart.getByRole("button", { name: "Show as chart" })).toBeVisible(); // the choice stays
  const yearRows = chart.locator("tbody tr");
  await expect(yearRows).toHaveCount(12);
  await expect(yearRows.last()).toHaveText(/Mar 2026\s*3\.5 \(Good\)/);

  // Quick check-ins are sealed: their feeling words never appear in IndexedDB in the clear.
  const dumps = await readAllIndexedDb(page);
  expect(findInDumps(dumps, "hopeful")).toEqual([]);
  expect(findInDumps(dumps, "anxiety")).toEqual([]);
});
