// Exercises in the browser: a breathing exercise run to the end on a fast-forwarded clock,
// Stop in view under the circle (laptop and phone), the reduced-motion pacer, stopping, a
// thought record that survives reload + unlock and is never in IndexedDB in plaintext, and the
// guide's "Try: …" link.
import { expect, test, type Page } from "@playwright/test";
import { findInDumps, importJournal, onboard, readAllIndexedDb, unlock } from "./helpers";

async function openExercise(page: Page, title: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exercises" }).click();
  await expect(page.getByRole("heading", { name: "Exercises", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
}

const announcement = (page: Page) => page.getByTestId("pacer-announcement");

test("box breathing runs to the end: phases announced, circle breathes, completion recorded encrypted", async ({
  page,
}) => {
  await page.clock.install();
  await onboard(page);
  await openExercise(page, "Box breathing");
  await expect(page.getByText("About 3 minutes · you can stop at any time")).toBeVisible();
  await page.getByRole("button", { name: "Begin" }).click();

  await expect(announcement(page)).toHaveText("Breathe in… 4");
  await expect(announcement(page)).toHaveAttribute("aria-live", "polite");
  const circle = page.getByTestId("pacer-circle");
  await expect(circle).toHaveAttribute("style", /scale\(1\)/);
  await page.clock.fastForward(4_200);
  await expect(announcement(page)).toHaveText("Hold… 4");
  await page.clock.fastForward(4_000);
  await expect(announcement(page)).toHaveText("Breathe out… 4");
  await expect(circle).toHaveAttribute("style", /scale\(0\.55\)/);
  await expect(page.getByText("Round 1 of 8")).toBeVisible();
  await page.clock.fastForward(16_000);
  await expect(page.getByText("Round 2 of 8")).toBeVisible();
  // The rest of the eight rounds (128 s in all), without waiting for them.
  await page.clock.fastForward(110_000);
  await expect(page.getByRole("heading", { name: "Done. Well done for taking the time." })).toBeVisible();

  // The completion is stored, sealed: the record exists, the exercise id is nowhere in clear.
  await expect
    .poll(async () =>
      (await readAllIndexedDb(page)).some((d) => d.texts.includes("secret:exercise-completions")),
    )
    .toBe(true);
  expect(findInDumps(await readAllIndexedDb(page), "box-breathing")).toEqual([]);
});

test("while breathing, Stop sits right under the circle, in view without scrolling on a laptop and a phone", async ({
  page,
}) => {
  await onboard(page);
  await openExercise(page, "Box breathing");
  await page.getByRole("button", { name: "Begin" }).click();
  await expect(page.getByTestId("pacer-circle")).toBeVisible();
  // "You can stop at any time": Stop is in view right under the circle, without scrolling, on a
  // laptop and on a phone.
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    const stop = page.getByRole("button", { name: "Stop" });
    await expect(stop, `Stop at ${viewport.width} px`).toBeInViewport({ ratio: 1 });
    const stage = (await page.locator(".pacer-stage").boundingBox())!;
    const stopBox = (await stop.boundingBox())!;
    expect(stopBox.y - (stage.y + stage.height), `gap under the circle at ${viewport.width} px`).toBeLessThan(
      120,
    );
  }
});

test("reduced motion: the pacer circle stays still, the words and progress still guide; Stop stops", async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.addInitScript(() => {
    const w = window as unknown as { __vibrations: number[] };
    w.__vibrations = [];
    navigator.vibrate = ((p: VibratePattern) => {
      w.__vibrations.push(Number(p));
      return true;
    }) as Navigator["vibrate"];
  });
  const vibrations = () =>
    page.evaluate(() => (window as unknown as { __vibrations: number[] }).__vibrations);
  await page.clock.install();
  await onboard(page);
  await openExercise(page, "4-7-8 breathing");
  await page.getByRole("button", { name: "Begin" }).click();
  const circle = page.getByTestId("pacer-circle");
  await expect(announcement(page)).toHaveText("Breathe in… 4");
  await expect(circle).toHaveClass(/still/);
  await page.clock.fastForward(5_000);
  await expect(announcement(page)).toHaveText("Hold… 7");
  expect(await circle.evaluate((el) => getComputedStyle(el).transform)).toBe("none");
  await expect(page.getByRole("progressbar", { name: "Exercise progress" })).toBeVisible();
  // Haptics are off until turned on, then a gentle pulse at each change.
  const haptics = page.getByRole("checkbox", { name: "Gentle vibration at each change" });
  await expect(haptics).not.toBeChecked();
  expect(await vibrations()).toEqual([]);
  await haptics.check();
  await page.clock.fastForward(7_000);
  await expect(announcement(page)).toHaveText("Breathe out… 8");
  await expect.poll(vibrations).toEqual([40]);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("heading", { name: "Stopped." })).toBeVisible();
  await expect(announcement(page)).toHaveCount(0);
});

test("a thought record is saved as an encrypted entry: there after reload + unlock, never in plaintext", async ({
  page,
}) => {
  const situation = "Quokka review meeting moved to Friday without a reason";
  const thought = "They are planning to let me go, marmoset certain";
  await onboard(page);
  await openExercise(page, "Thought record");
  await page.getByRole("button", { name: "Begin" }).click();

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("alert")).toHaveText("Describe the situation in a few words.");
  await page.getByRole("textbox", { name: "Situation" }).fill(situation);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("textbox", { name: "Automatic thought" }).fill(thought);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("textbox", { name: "Emotion" }).fill("anxious");
  await page.getByRole("slider", { name: "How strong was it? (0–100)" }).fill("80");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("checkbox")).toHaveCount(12);
  await expect(page.getByText("Predicting that things will turn out badly")).toBeVisible();
  await page.getByRole("checkbox", { name: /^Fortune telling/ }).check();
  await page.getByRole("checkbox", { name: /^Mind reading/ }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("textbox", { name: "Evidence for the thought" }).fill("The meeting moved.");
  await page.getByRole("textbox", { name: "Evidence against the thought" }).fill("My last review was good.");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("textbox", { name: "Balanced thought" }).fill("Meetings move all the time.");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "How strong is anxious now?" })).toBeVisible();
  await page.getByRole("slider", { name: "How strong is it now? (0–100)" }).fill("35");
  await page.getByRole("button", { name: "Save thought record" }).click();
  await expect(page.getByRole("heading", { name: "Done. Well done for taking the time." })).toBeVisible();

  const expected = [
    `Situation: ${situation}`,
    `Automatic thought: ${thought}`,
    "Emotion: anxious — 80/100",
    "Thinking traps: Fortune telling; Mind reading",
    "Evidence for: The meeting moved.",
    "Evidence against: My last review was good.",
    "Balanced thought: Meetings move all the time.",
    "Emotion now: anxious — 35/100",
  ];
  await page.getByRole("link", { name: "Open it" }).click();
  const title = `Thought record: ${situation}`;
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.locator(".msg.user .bubble")).toHaveText(expected);

  await page.reload();
  await unlock(page);
  await expect(page.locator(".entries .entry-title")).toHaveText([title]);
  await page.locator(".entries a").first().click();
  await expect(page.locator(".msg.user .bubble")).toHaveText(expected);

  const dumps = await readAllIndexedDb(page);
  for (const needle of ["Quokka review", "marmoset certain", "Meetings move all the time", "Fortune telling"])
    expect(findInDumps(dumps, needle), needle).toEqual([]);
});

test("a guide reply that invites an exercise offers 'Try: <title>', which opens it", async ({ page }) => {
  await onboard(page);
  const at = Date.UTC(2026, 10, 27, 9);
  const guideText =
    "That sounds like a lot. When thoughts race like this, some people find the 5-4-3-2-1 grounding exercise helps them come back to the room; want to try it?";
  const file = {
    format: "ventwell-journal",
    version: 1,
    exportedAt: new Date(at).toISOString(),
    entries: [
      {
        id: "tryexercise01",
        title: "Racing thoughts",
        createdAt: at,
        updatedAt: at,
        tags: [],
        messages: [
          { id: "m1", sender: "user", text: "My thoughts won't slow down, what can I do?", at },
          { id: "m2", sender: "guide", text: guideText, at: at + 1, phase: "action" },
          {
            id: "m3",
            sender: "guide",
            text: "What feels most pressing right now?",
            at: at + 2,
            phase: "expression",
          },
        ],
        conversation: { phase: "action", usedResponses: [], turn: 2 },
      },
    ],
  };
  await importJournal(page, "try.json", file, 1);
  await page.goto("/#/entry/tryexercise01");
  await expect(page.getByRole("heading", { name: "Racing thoughts", level: 1 })).toBeVisible();
  // Only the Action reply that names an exercise gets the link.
  await expect(page.getByRole("link", { name: /^Try: / })).toHaveCount(1);
  await page.getByRole("link", { name: "Try: 5-4-3-2-1 grounding" }).click();
  await expect(page.getByRole("heading", { name: "5-4-3-2-1 grounding", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Begin" }).click();
  await expect(page.getByTestId("step-text")).toHaveText("Look around and name five things you can see.");
  await page
    .getByRole("textbox", { name: "Your notes (optional, not saved)" })
    .fill("Zanzibar teapot on the shelf");
  for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Finish" }).click();
  await expect(page.getByRole("heading", { name: "Done. Well done for taking the time." })).toBeVisible();
  expect(findInDumps(await readAllIndexedDb(page), "Zanzibar teapot")).toEqual([]);
});

test("behavioural activation: plan one small activity, check it off later (kept, encrypted)", async ({
  page,
}) => {
  await onboard(page);
  await openExercise(page, "Behavioural activation");
  await page.getByRole("button", { name: "Begin" }).click();
  await page.getByRole("button", { name: "Plan it" }).click();
  await expect(page.getByRole("alert")).toHaveText("Name one small activity.");
  await page.getByRole("textbox", { name: "One small activity" }).fill("Walk to the pelican pond");
  await page.getByRole("textbox", { name: "Why it matters to you (optional)" }).fill("Fresh air");
  await page.getByRole("button", { name: "Plan it" }).click();
  await expect(page.getByRole("heading", { name: "Done. Well done for taking the time." })).toBeVisible();
  const plan = page.getByRole("checkbox", { name: /Walk to the pelican pond/ });
  await expect(plan).not.toBeChecked();

  await page.reload();
  await unlock(page);
  await page.goto("/#/exercises/behavioural-activation");
  // The tick appears only once the encrypted write is durable, so click and wait for it.
  await plan.click();
  await expect(plan).toBeChecked();
  await page.reload();
  await unlock(page);
  await page.goto("/#/exercises/behavioural-activation");
  await expect(plan).toBeChecked();
  expect(findInDumps(await readAllIndexedDb(page), "pelican pond")).toEqual([]);
});
