/**
 * On-device search: finds a message, highlights the words, opens the entry scrolled to that
 * message; filters narrow the results; the index never reaches IndexedDB and is gone after lock.
 */
import { expect, test } from "@playwright/test";
import { createEntry, findInDumps, lockNow, onboard, readAllIndexedDb, unlock } from "./helpers";
import { goTo, setEntryMood } from "./insights-helpers";

const tall = (first: string) =>
  [first, ...Array.from({ length: 14 }, (_, i) => `line ${i + 2} of an ordinary note`)].join("\n");

test("search finds a message and opens the entry at it", async ({ page }) => {
  await onboard(page);
  await createEntry(page, { title: "Groceries", messages: ["Bought bread and apples at the market."] });
  const id = await createEntry(page, {
    title: "Harbour evening",
    messages: [
      tall("The tide was low and the old zephyrine boat sat on the mud."),
      tall("Later we walked back through town."),
      tall("Dinner was quiet."),
      tall("Bed early."),
    ],
  });
  await setEntryMood(page, "Good");

  await goTo(page, "Search");
  const box = page.getByRole("searchbox", { name: "Search your journal" });
  await box.fill("zephyr");
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("listitem")).toHaveCount(1);
  const hit = results.getByRole("link");
  await expect(hit).toContainText("Harbour evening");
  await expect(hit.locator("mark")).toHaveText(["zephyrine"]);
  const status = page.getByRole("status").filter({ hasText: "entry matches" });
  // What the person reads (and hears) is the count, no developer timing such as "(5 ms)".
  await expect(status).toHaveText("1 entry matches.");
  await expect(status).not.toContainText(/\d\s*ms\b/);

  // Filters: a mood the entry doesn't have hides it; its own mood keeps it.
  await page.getByLabel("Mood").selectOption("2");
  await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText("No entries match.");
  await page.getByLabel("Mood").selectOption("4");
  await expect(results.getByRole("listitem")).toHaveCount(1);
  await page.getByLabel("Mood").selectOption("");

  // A title word ranks its entry first.
  await box.fill("harbour");
  await expect(results.getByRole("link").first()).toContainText("Harbour evening");

  await box.fill("zephyrine boat");
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`#/entry/${id}/m/`));
  await expect(page.getByRole("heading", { name: "Harbour evening", level: 1 })).toBeVisible();
  const target = page.locator(".msg.search-target");
  await expect(target).toHaveCount(1);
  await expect(target).toContainText("zephyrine boat");
  await expect(target).toBeInViewport();
  await expect(target).toBeFocused();
  // The last message is far below: the view really moved to the match, not to the end.
  await expect(page.locator(".msg.user").last()).not.toBeInViewport();

  // The index lives in memory only: nothing searchable in IndexedDB, and nothing after lock.
  expect(findInDumps(await readAllIndexedDb(page), "zephyrine")).toEqual([]);
  await lockNow(page);
  await unlock(page);
  await goTo(page, "Search");
  await page.getByRole("searchbox", { name: "Search your journal" }).fill("zephyrine");
  await expect(page.getByRole("list", { name: "Search results" }).getByRole("listitem")).toHaveCount(1);
});
