/**
 * Mood insights with fixture check-ins on fixed days (Playwright's clock, UTC): the chart
 * draws, and its table alternative holds exactly the fixture's daily averages.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createEntry, findInDumps, importJournal, onboard, readAllIndexedDb } from "./helpers";
import { goTo, jumpClock, quickCheckIn, setEntryMood } from "./insights-helpers";

test.use({ timezoneId: "UTC", locale: "en-US" });

test("the mood chart renders with fixture data and its table matches", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-03-02T09:00:00Z")); // Monday
  await onboard(page);
  await quickCheckIn(page, 2, ["Anxious"]);

  await jumpClock(page, new Date("2026-03-04T18:00:00Z")); // Wednesday
  await createEntry(page, { title: "Midweek", messages: ["Long day but a good talk with my sister."] });
  await setEntryMood(page, "Good");
  await quickCheckIn(page, 5, ["Calm", "Hopeful"]);

  await jumpClock(page, new Date("2026-03-08T20:00:00Z")); // Sunday
  await quickCheckIn(page, 3);

  await goTo(page, "Insights");
  await expect(page.getByTestId("average-mood")).toHaveText("3.5 · Good"); // (2 + 4 + 5 + 3) / 4
  await expect(page.locator(".stats-note")).toContainText("a streak counts days in a row on which you wrote");

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

test("traps the guide noticed link to their questions, and a finished exercise counts", async ({ page }) => {
  const traps = JSON.parse(
    readFileSync(new URL("../src/guide/responses/traps.json", import.meta.url), "utf8"),
  ) as { traps: Record<string, { text: string }[]> };
  const cat = traps.traps.catastrophizing!.map((q) => q.text);
  const mind = traps.traps.mind_reading!.map((q) => q.text);
  await onboard(page);
  const at = Date.now() - 3_600_000;
  const guide = (id: string, text: string, i: number) => ({
    id,
    sender: "guide",
    text,
    at: at + i,
    phase: "reframing",
  });
  const file = {
    format: "ventwell-journal",
    version: 1,
    exportedAt: new Date(at).toISOString(),
    entries: [
      {
        id: "trapsfixture01",
        title: "Before the exam",
        createdAt: at,
        updatedAt: at + 10,
        tags: [],
        messages: [
          { id: "u1", sender: "user", text: "If I fail this, everything is ruined.", at },
          guide("g1", `That sounds frightening. ${cat[0]}`, 1),
          guide("g2", mind[0]!, 2),
          guide("g3", cat[1]!, 3),
          { id: "u2", sender: "user", text: cat[2]!, at: at + 4 }, // the person's words never count
        ],
        conversation: { phase: "reframing", usedResponses: [], turn: 3 },
      },
    ],
  };
  await importJournal(page, "traps.json", file, 1);

  // One finished exercise (5-4-3-2-1 grounding, step by step).
  await page.evaluate(() => (location.hash = "#/exercises/grounding-5-4-3-2-1"));
  await page.getByRole("button", { name: "Begin" }).click();
  for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Finish" }).click();
  await expect(page.getByRole("heading", { name: "Done. Well done for taking the time." })).toBeVisible();

  await goTo(page, "Insights");
  const list = page.locator(".trap-list li");
  await expect(list).toHaveCount(2);
  await expect(list.nth(0)).toContainText("Catastrophizing");
  await expect(list.nth(0)).toContainText("2 times");
  await expect(list.nth(1)).toContainText("Mind reading");
  await expect(list.nth(1)).toContainText("once");
  await expect(page.getByRole("region", { name: "Exercises completed" })).toContainText(
    "5-4-3-2-1 grounding × 1",
  );

  await page.getByRole("link", { name: "Questions to try for Catastrophizing" }).click();
  await expect(page.getByRole("heading", { name: "Catastrophizing", level: 1 })).toBeVisible();
  await expect(page.getByTestId("trap-questions").getByRole("listitem")).toHaveText(cat);
});

test("chart axes never crowd, equal feelings stay apart, the legend names them until a point is hovered", async ({
  page,
}) => {
  const now = Date.UTC(2026, 10, 28, 12); // Saturday, Nov 28 2026
  await page.clock.setFixedTime(new Date(now));
  await page.setViewportSize({ width: 1280, height: 800 });
  await onboard(page);
  // Thirty days of check-ins; "Anxious" and "Overwhelmed" are named on exactly the same days.
  const entries = Array.from({ length: 30 }, (_, i) => {
    const at = now - i * 86_400_000 - 3_600_000;
    return {
      id: `axisfixture${i}`,
      title: `Day ${i}`,
      createdAt: at,
      updatedAt: at,
      tags: [],
      mood: { score: 1 + ((i * 7) % 5), emotions: i % 3 === 0 ? ["anxiety", "overwhelm"] : [], at },
      messages: [{ id: `m${i}`, sender: "user", text: "An ordinary day.", at }],
      conversation: { phase: "validation", usedResponses: [], turn: 0 },
    };
  });
  const file = { format: "ventwell-journal", version: 1, exportedAt: new Date(now).toISOString(), entries };
  await importJournal(page, "month.json", file, 30);
  await goTo(page, "Insights");
  await page.getByText("Month", { exact: true }).click();

  // The horizontal axis: the labels it draws, centred on their points, never touch (measured
  // in the page, after each resize has been laid out again).
  const axisProblems = (testId: string) =>
    page
      .getByTestId(testId)
      .locator(".chart-canvas")
      .evaluate((el) => {
        const shown = JSON.parse(el.dataset.axisLabels ?? "[]") as [number, string][];
        const n = el.closest("figure")!.querySelectorAll("tbody tr").length;
        const plot = el.querySelector(".u-over")!.getBoundingClientRect().width;
        const ctx = document.createElement("canvas").getContext("2d")!;
        ctx.font = "12px system-ui, sans-serif";
        const box = ([i, label]: [number, string]) => {
          const c = ((i + 0.5) * plot) / n;
          const w = ctx.measureText(label).width;
          return [c - w / 2, c + w / 2] as const;
        };
        const problems: string[] = [];
        if (shown.length < 2) problems.push(`only ${shown.length} label(s)`);
        if (shown.at(-1)?.[0] !== n - 1) problems.push("the last point has no label");
        shown.slice(1).forEach((s, k) => {
          const gap = box(s)[0] - box(shown[k]!)[1];
          if (gap < 4) problems.push(`"${shown[k]![1]}" and "${s[1]}" are ${gap.toFixed(1)} px apart`);
        });
        return problems;
      });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const id of ["mood-chart", "emotion-chart", "weekday-chart"])
      await expect.poll(() => axisProblems(id), { message: `${id} at ${width} px` }).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Two series with equal values: both colours still show on the canvas (not one hiding the other).
  const emotion = page.getByTestId("emotion-chart");
  await expect(emotion.locator("thead th")).toHaveText(["Day", "Anxious", "Overwhelmed"]);
  await emotion.scrollIntoViewIfNeeded();
  const counts = await emotion
    .locator("canvas")
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const rgb = (name: string) => {
        const probe = document.createElement("span");
        probe.style.color = `var(${name})`;
        document.body.append(probe);
        const m = getComputedStyle(probe).color.match(/\d+/g)!.map(Number);
        probe.remove();
        return m;
      };
      const colours = [rgb("--mood-5"), rgb("--mood-2")];
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      const n = [0, 0];
      for (let i = 0; i < d.length; i += 4)
        colours.forEach((col, k) => {
          if (d[i + 3]! > 250 && col.every((v, j) => Math.abs(v - d[i + j]!) <= 6)) n[k]!++;
        });
      return n;
    });
  expect(counts[0], "pixels of the first series").toBeGreaterThan(300);
  expect(counts[1], "pixels of the second series").toBeGreaterThan(300);

  // The legend: just the names until a point is hovered, then the day and the values.
  const legend = emotion.getByTestId("chart-legend");
  await expect(legend.getByRole("listitem")).toHaveText(["Anxious", "Overwhelmed"]);
  await expect(legend).not.toContainText("--");
  await expect(legend).not.toContainText("—");
  const over = (await emotion.locator(".u-over").boundingBox())!;
  await page.mouse.move(over.x + over.width - 2, over.y + over.height / 2); // the last day
  await expect(legend.getByRole("listitem")).toHaveText([
    "Sat, Nov 28",
    /^Anxious\s*1$/,
    /^Overwhelmed\s*1$/,
  ]);
  await page.mouse.move(0, 0);
  await expect(legend.getByRole("listitem")).toHaveText(["Anxious", "Overwhelmed"]);
});
